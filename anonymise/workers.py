"""Anonymisation in worker processes forked from the process that built the analyzer.

Two reasons for processes. spaCy's NER and our recognisers are CPU-bound Python, so threads do not help bulk
work. And a time limit must really stop the work: a worker still busy after `Settings.anonymise_timeout_seconds`
on one task is killed (SIGKILL) and replaced, and its notes are rejected (fail closed); a thread cannot be.

Each worker is forked with the analyzer already loaded (no second model load; forking costs ~50 ms). Raw text
travels to it through an in-memory pipe and only findings (types and offsets) come back; nothing is written
to disk. A failure in a worker fails the whole call, and the caller rejects the notes.

Workers never outlive the process that forked them, however it ends (kill -9 included):
  - Linux's PR_SET_PDEATHSIG (SIGKILL) is set in each worker. It fires when the forking *thread* ends, so every
    worker is forked by its own runner thread, which lives exactly as long as the worker;
  - a watch pipe: the parent holds the write end; its EOF (the parent gone) ends the worker at once;
  - a worker closes every descriptor it inherited but its own pipes, so it never holds the server's listening
    socket, the database or another worker's pipes;
  - at exit the pool kills its workers.

A fair queue. A call's notes are cut into small tasks (at most CHUNK_NOTES notes and CHUNK_CHARS characters,
or one longer note) queued under the caller's key (`with queued_as(org_id): ...`; the web service uses the
organisation). A free worker takes the next task round-robin across keys; a key already holding `per_key`
workers (the web service: all but one) waits while another key has work queued, and otherwise may use the idle
worker too. So one organisation's big batch cannot starve another's single preview (it waits for at most one
small task), and one organisation alone still uses every worker.

`Settings.anonymise_processes`: 0 (default) uses up to 4 of the machine's cores for bulk calls; 1 keeps bulk
work in this process. The web service always anonymises in its own pool of
`Settings.service_anonymise_workers` workers (`install`).
"""
from __future__ import annotations

import atexit
import contextlib
import contextvars
import multiprocessing
import os
import signal
import sys
import threading
from collections import Counter, deque
from concurrent.futures import Future

MIN_PER_PROCESS = 32
MAX_AUTO_PROCESSES = 4
CHUNK_NOTES = 8           # a task holds at most this many notes ...
CHUNK_CHARS = 20_000      # ... and this many characters (or one longer note)
PR_SET_PDEATHSIG = 1      # <linux/prctl.h>

_queue_key: contextvars.ContextVar = contextvars.ContextVar("anonymise_queue_key", default=None)
_pools_lock = threading.Lock()


class WorkerDied(Exception):
    """The worker process ended (killed, or out of memory) before it answered."""


@contextlib.contextmanager
def queued_as(key):
    """Queue the anonymisation done inside this block under `key` (e.g. an organisation's id)."""
    token = _queue_key.set(key)
    try:
        yield
    finally:
        _queue_key.reset(token)


def process_count(settings, n_texts: int) -> int:
    wanted = settings.anonymise_processes or min(MAX_AUTO_PROCESSES, os.cpu_count() or 1)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, n_texts // MIN_PER_PROCESS))


def chunks(texts: list[str]) -> list[list[str]]:
    """Consecutive tasks of at most CHUNK_NOTES notes and CHUNK_CHARS characters (a longer note alone)."""
    out: list[list[str]] = []
    current: list[str] = []
    size = 0
    for text in texts:
        if current and (len(current) >= CHUNK_NOTES or size + len(text) > CHUNK_CHARS):
            out.append(current)
            current, size = [], 0
        current.append(text)
        size += len(text)
    if current:
        out.append(current)
    return out


# ---- the worker process ----------------------------------------------------------------------------------
def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):
            pass                      # the watch pipe still ends the worker
    if os.getppid() != parent_pid:    # the parent ended before the signal was armed
        os._exit(0)


def _close_inherited(keep: set[int]) -> None:
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        fds = list(range(3, min(os.sysconf("SC_OPEN_MAX"), 65536)))
    for fd in fds:
        if fd > 2 and fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass


def _watch_parent(fd: int) -> None:
    try:
        while os.read(fd, 1):
            pass
    finally:
        os._exit(0)                   # EOF: the parent is gone


def _serve(anonymiser, conn, watch_fd: int, parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    _close_inherited({conn.fileno(), watch_fd})
    for sig in (signal.SIGTERM, signal.SIGINT):   # not the server's handlers: a signal ends a worker
        signal.signal(sig, signal.SIG_DFL)
    with contextlib.suppress(ValueError, OSError):
        signal.set_wakeup_fd(-1)
    anonymiser._lock = threading.Lock()           # another thread may have held it at the fork
    threading.Thread(target=_watch_parent, args=(watch_fd,), daemon=True).start()
    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", anonymiser._analyse_here(texts))
        except Exception as exc:  # noqa: BLE001 - only the type's name goes back, never a message with text
            reply = ("error", type(exc).__name__)
        del texts
        conn.send(reply)


class _Worker:
    def __init__(self, anonymiser):
        from multiprocessing.connection import Pipe

        self.conn, child_conn = Pipe(duplex=True)
        watch_r, self.watch_w = os.pipe()
        parent_pid = os.getpid()
        pid = os.fork()
        if pid == 0:                                  # the worker
            code = 0
            try:
                self.conn.close()
                os.close(self.watch_w)
                _serve(anonymiser, child_conn, watch_r, parent_pid)
            except BaseException:  # noqa: BLE001
                code = 1
            finally:
                os._exit(code)
        self.pid = pid
        child_conn.close()
        os.close(watch_r)

    def call(self, texts: list[str], timeout: float):
        """Findings for texts; TimeoutError past `timeout` seconds, WorkerDied if the worker ended."""
        try:
            self.conn.send(texts)
            answered = self.conn.poll(timeout)
            if answered:
                kind, value = self.conn.recv()
        except (EOFError, OSError):
            raise WorkerDied("the anonymiser worker stopped") from None
        if not answered:
            raise TimeoutError(f"the anonymiser worker took more than {timeout:g} s")
        if kind == "error":
            raise type(value, (Exception,), {})()     # the worker's exception type by name; never its message
        return value

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(self.pid, 0)
        self.conn.close()
        with contextlib.suppress(OSError):
            os.close(self.watch_w)


# ---- the pool and its fair queue -------------------------------------------------------------------------
class _Task:
    __slots__ = ("texts", "key", "future")

    def __init__(self, texts: list[str], key):
        self.texts, self.key, self.future = texts, key, Future()


class WorkerPool:
    """`size` workers, each with a runner thread that forks it, feeds it tasks and replaces it when it is
    killed on time-out or dies. `per_key`: how many workers one key may hold at once (default all)."""

    def __init__(self, anonymiser, size: int, timeout: float, per_key: int | None = None):
        self.size, self.timeout = max(1, size), timeout
        self.per_key = max(1, min(self.size, per_key or self.size))
        self._anonymiser = anonymiser
        self._cond = threading.Condition()
        self._queues: dict = {}            # key -> deque of tasks; dict order is the round-robin order
        self._busy: Counter = Counter()
        self._closed = False
        self.pids: set[int] = set()        # the live workers
        anonymiser.analyzer                # build it before forking, so every worker inherits it
        self._runners = [threading.Thread(target=self._run, name=f"anonymiser-worker-{i}", daemon=True)
                         for i in range(self.size)]
        for runner in self._runners:
            runner.start()
        atexit.register(self.close)

    def map(self, parts: list[list[str]], key=None) -> list:
        """The findings of every part, in order; the first failure (TimeoutError, WorkerDied, ...) is raised
        and the call's tasks not yet started are dropped."""
        tasks = [_Task(part, key) for part in parts]
        with self._cond:
            if self._closed:
                raise WorkerDied("the anonymiser's workers have been shut down")
            self._queues.setdefault(key, deque()).extend(tasks)
            self._cond.notify_all()
        try:
            return [task.future.result() for task in tasks]
        finally:
            for task in tasks:
                task.future.cancel()

    def _next(self):
        """The next task, round-robin across keys (call with the lock held). A key at its `per_key` limit waits
        while another key has work queued; when no other key has, it may use the idle worker too (work-conserving:
        one organisation alone is not held to fewer workers than the machine has, and a newcomer waits for at
        most one task, which `chunks` keeps small)."""
        return self._take(respect_limit=True) or self._take(respect_limit=False)

    def _take(self, respect_limit: bool):
        for key in list(self._queues):
            if respect_limit and self._busy[key] >= self.per_key:
                continue
            queue = self._queues.pop(key)
            task = queue.popleft()
            if queue:
                self._queues[key] = queue   # to the back of the round
            if task.future.set_running_or_notify_cancel():
                return task
        return None

    def _run(self) -> None:
        worker = None
        try:
            while True:
                with self._cond:
                    task = None
                    while not self._closed and (task := self._next()) is None:
                        self._cond.wait()
                    if self._closed:
                        if task is not None:
                            task.future.set_exception(WorkerDied("the anonymiser's workers have been shut down"))
                        return
                    self._busy[task.key] += 1
                try:
                    if worker is None:
                        worker = self._start()
                    task.future.set_result(worker.call(task.texts, self.timeout))
                except BaseException as exc:  # noqa: BLE001 - the caller rejects the notes
                    if isinstance(exc, (TimeoutError, WorkerDied)) and worker is not None:
                        self._stop(worker)   # really stop the work; the next task gets a fresh worker
                        worker = None
                    task.future.set_exception(exc)
                finally:
                    with self._cond:
                        self._busy[task.key] -= 1
                        self._cond.notify_all()
                    del task
        finally:
            if worker is not None:
                self._stop(worker)

    def _start(self) -> _Worker:
        worker = _Worker(self._anonymiser)   # forked from this runner thread (see PR_SET_PDEATHSIG above)
        self.pids.add(worker.pid)
        return worker

    def _stop(self, worker: _Worker) -> None:
        worker.kill()
        self.pids.discard(worker.pid)

    def close(self) -> None:
        with self._cond:
            if self._closed:
                return
            self._closed = True
            queued = [t for q in self._queues.values() for t in q]
            self._queues.clear()
            self._cond.notify_all()
        for task in queued:
            task.future.cancel()
        for runner in self._runners:
            if runner is not threading.current_thread():
                runner.join(timeout=2)
        for pid in list(self.pids):        # a runner still waiting on its worker: end the worker here
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        atexit.unregister(self.close)


# ---- what the anonymiser calls ---------------------------------------------------------------------------
def install(anonymiser, size: int, per_key: int | None = None) -> None:
    """Anonymise everything this anonymiser is given in a pool of `size` workers (made on first use), one key
    holding at most `per_key` of them. The web service does this, so a time-out always stops the work."""
    anonymiser._pool_plan = (size, per_key)


def uses_processes(anonymiser, n_texts: int) -> bool:
    return getattr(anonymiser, "_pool_plan", None) is not None or process_count(anonymiser.settings, n_texts) > 1


def _pool(anonymiser, processes: int) -> WorkerPool:
    """The installed pool, or one per anonymiser and size kept for its life (forking costs ~50 ms)."""
    plan = getattr(anonymiser, "_pool_plan", None)
    size, per_key = plan if plan is not None else (processes, None)
    with _pools_lock:
        pool = getattr(anonymiser, "_process_pool", None)
        if pool is not None and (plan is not None or pool.size == size):
            return pool
        if pool is not None:
            pool.close()
        pool = WorkerPool(anonymiser, size, anonymiser.settings.anonymise_timeout_seconds, per_key)
        anonymiser._process_pool = pool
        return pool


def analyse_in_processes(anonymiser, texts: list[str], processes: int = 1) -> list:
    pool = _pool(anonymiser, processes)
    results: list = []
    for part in pool.map(chunks(texts), _queue_key.get()):
        results.extend(part)
    return results


def shutdown(anonymiser) -> None:
    pool = getattr(anonymiser, "_process_pool", None)
    if pool is not None:
        pool.close()
        anonymiser._process_pool = None
