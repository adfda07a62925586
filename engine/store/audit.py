"""SQL for the audit log of note-text reads (who, when, which route, which note ids) and of access events
(failed sign-ins, lockouts, refusals with 401 or 403: who, what, when, route, client address), of erasures (the
tombstones) and of publications (each summary shown, report downloaded or digest written: its filters and, per
organisation, how many of its notes counted in it, for "how our notes were used"), in its own SQLite file.

The log lives beside the database, in `<db stem>-audit.db` (WAL mode; the path is worked out in one place,
`engine.core.settings.audit_path_for`), not in the main database. The published views are cached until the main
database's `PRAGMA data_version` changes (service/view_cache.py), and any commit to the main file changes it:
an audit row written there for every theme detail an analyst reads would empty the cache on every request.
A commit to another file leaves the main file's data_version alone. Rows hold ids and labels, never note text,
and never a password: a failed sign-in to an email with no account records the sha256 of the email, not the email.

    AuditLog      a connection to the log: write rows (one transaction), read them back
    AuditWriter   for the web service: queue + one background thread, so a request never waits for a commit
"""
from __future__ import annotations

import json
import logging
import queue
import threading
import time
from pathlib import Path

from engine.core.errors import StoreError
from engine.store.clock import now as _now
from engine.store.db import Database, DatabaseError, is_url, safe_target

log = logging.getLogger(__name__)

COLUMNS = ("id", "at", "principal", "org_id", "route", "note_ids_json")
# The log's tables, made through the one table API (engine/store/db.py) on either dialect; index names as before.
TABLES = {
    "audit_log": {"id": int, "at": str, "principal": str, "org_id": int, "route": str, "note_ids_json": str},
    "access_events": {"id": int, "at": str, "event": str, "principal": str, "org_id": int, "method": str,
                      "route": str, "status": int, "address": str, "detail": str},
    "erasures": {"id": int, "at": str, "principal": str, "org_id": int, "scope": str, "target": str,
                 "note_ids_json": str, "counts_json": str, "reason": str},
    "publications": {"id": int, "at": str, "principal": str, "org_id": int, "kind": str, "route": str,
                     "filters_json": str, "counted_json": str},
}
INDEXES = (("audit_log", ["org_id"], "audit_log_org_id"), ("access_events", ["event", "at"], "access_events_event"))
# PostgreSQL keeps the log in the same database, in its own schema: its writes never move the change counter
# the view cache reads (engine/store/db.py), and a pg_dump of the database holds it too.
AUDIT_SCHEMA = "insights_audit"
ERASURE_COLUMNS = ("id", "at", "principal", "org_id", "scope", "target", "note_ids_json", "counts_json", "reason")
EVENT_COLUMNS = ("id", "at", "event", "principal", "org_id", "method", "route", "status", "address", "detail")
EVENTS = ("login_failed", "login_locked", "refused")
PUBLICATION_COLUMNS = ("id", "at", "principal", "org_id", "kind", "route", "filters_json", "counted_json")
PUBLICATION_KINDS = ("summary", "report", "digest", "pack")


def audit_row(principal: str, org_id: int | None, route: str, note_ids) -> dict:
    """One read: who (a token or user label, never a secret), their organisation, the route, the note ids."""
    return {"id": None, "at": _now(), "principal": principal, "org_id": org_id, "route": route,
            "note_ids_json": json.dumps(sorted(int(i) for i in note_ids))}


def publication_row(principal: str, org_id: int | None, kind: str, route: str, filters: dict,
                    counted: dict) -> dict:
    """One published output (a summary page shown, a report file downloaded, a digest written): who made it, the
    filters it was made for, and per contributing organisation how many of its notes counted in it (in all, and per
    theme whose figure it published). Raw counts, kept inside the engine; never note ids or text."""
    if kind not in PUBLICATION_KINDS:
        raise ValueError(f"unknown publication kind {kind!r}")
    return {"id": None, "at": _now(), "principal": principal, "org_id": org_id, "kind": kind, "route": route,
            "filters_json": json.dumps(filters, sort_keys=True),
            "counted_json": json.dumps({str(k): v for k, v in counted.items()}, sort_keys=True)}


def event_row(event: str, principal: str, org_id: int | None, method: str, route: str, status: int,
              address: str | None, detail: str = "") -> dict:
    """One access event: `event` (one of EVENTS), who (a user or token label, 'anonymous', or
    'unknown-email:sha256:...'), their organisation, the request's method and path, the status answered, the
    client address and a short reason. Never a password or a token."""
    if event not in EVENTS:
        raise ValueError(f"unknown access event {event!r}")
    return {"id": None, "at": _now(), "event": event, "principal": principal, "org_id": org_id, "method": method,
            "route": route, "status": int(status), "address": address, "detail": detail}


class AuditLog:
    """The audit log: a SQLite file of its own beside the database, or (for a PostgreSQL database) the schema
    `insights_audit` in the same database. Opening it creates the tables when they are not there yet."""

    def __init__(self, path: Path | str):
        self.path = path
        try:
            if is_url(path):
                Database(path, count_changes=False).execute(f"CREATE SCHEMA IF NOT EXISTS {AUDIT_SCHEMA}")
                self.conn = Database(path, search_path=AUDIT_SCHEMA, count_changes=False)
            else:
                if str(path) != ":memory:":
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = Database(path)
            with self.conn.conn:
                for name, columns in TABLES.items():
                    self.conn[name].create(columns, pk="id", if_not_exists=True)
                for table, columns, index in INDEXES:
                    self.conn[table].create_index(columns, index_name=index, if_not_exists=True)
        except (OSError, StoreError, DatabaseError) as exc:
            raise StoreError(f"Cannot open the audit log at {safe_target(path)}: {getattr(exc, 'message', exc)}."
                             " Check the path and permissions (it sits beside the database).") from None

    def write(self, rows: list[dict]) -> None:
        """Append rows in one transaction. A row that carries an id already in the log is skipped, so copying
        old rows across twice (see migrations.m008) adds nothing twice; a row without an id is given the next."""
        with self.conn.conn:
            self.conn.execute(
                "INSERT INTO audit_log (id, at, principal, org_id, route, note_ids_json)"
                " VALUES (:id, :at, :principal, :org_id, :route, :note_ids_json) ON CONFLICT (id) DO NOTHING",
                [{k: r.get(k) for k in COLUMNS} for r in rows if r.get("id") is not None], many=True)
            self.conn.execute(
                "INSERT INTO audit_log (at, principal, org_id, route, note_ids_json)"
                " VALUES (:at, :principal, :org_id, :route, :note_ids_json)",
                [{k: r.get(k) for k in COLUMNS[1:]} for r in rows if r.get("id") is None], many=True)

    def write_events(self, rows: list[dict]) -> None:
        with self.conn.conn:
            self.conn.conn.executemany(
                f"INSERT INTO access_events ({', '.join(EVENT_COLUMNS[1:])})"
                f" VALUES ({', '.join(':' + c for c in EVENT_COLUMNS[1:])})",
                [{k: r.get(k) for k in EVENT_COLUMNS[1:]} for r in rows])

    def write_publications(self, rows: list[dict]) -> None:
        with self.conn.conn:
            self.conn.conn.executemany(
                f"INSERT INTO publications ({', '.join(PUBLICATION_COLUMNS[1:])})"
                f" VALUES ({', '.join(':' + c for c in PUBLICATION_COLUMNS[1:])})",
                [{k: r.get(k) for k in PUBLICATION_COLUMNS[1:]} for r in rows])

    def publications(self) -> list[dict]:
        """Every publication record, oldest first, filters and counts decoded (organisation ids as ints)."""
        cur = self.conn.execute(f"SELECT {', '.join(PUBLICATION_COLUMNS)} FROM publications ORDER BY id")
        out = []
        for values in cur.fetchall():
            row = dict(zip(PUBLICATION_COLUMNS, values))
            row["filters"] = json.loads(row.pop("filters_json"))
            row["counted"] = {int(k): v for k, v in json.loads(row.pop("counted_json")).items()}
            out.append(row)
        return out

    def write_erasure(self, principal: str, org_id: int | None, scope: str, target: str, note_ids, counts: dict,
                      reason: str) -> int:
        """A tombstone: who erased what (the scope, the submission or note id, the note ids and rows per table),
        when and why. Never any note text."""
        with self.conn.conn:
            cur = self.conn.execute(
                "INSERT INTO erasures (at, principal, org_id, scope, target, note_ids_json, counts_json, reason)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (_now(), principal, org_id, scope, str(target), json.dumps(sorted(int(i) for i in note_ids)),
                 json.dumps(counts, sort_keys=True), reason))
        if self.conn.dialect == "sqlite":
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return cur.lastrowid

    def erasures(self, org_id: int | None = None) -> list[dict]:
        """Tombstones, oldest first (of one organisation when org_id is given)."""
        sql = f"SELECT {', '.join(ERASURE_COLUMNS)} FROM erasures"
        cur = self.conn.execute(sql + (" WHERE org_id = ?" if org_id is not None else "") + " ORDER BY id",
                                [org_id] if org_id is not None else [])
        out = []
        for values in cur.fetchall():
            row = dict(zip(ERASURE_COLUMNS, values))
            row["note_ids"] = json.loads(row.pop("note_ids_json"))
            row["counts"] = json.loads(row.pop("counts_json"))
            out.append(row)
        return out

    def events(self, event: str | None = None) -> list[dict]:
        """Access events (of one kind when `event` is given), oldest first."""
        sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM access_events"
        cur = self.conn.execute(sql + (" WHERE event = ?" if event else "") + " ORDER BY id", [event] if event else [])
        return [dict(zip(EVENT_COLUMNS, values)) for values in cur.fetchall()]

    def rows(self, org_id: int | None = None) -> list[dict]:
        """Every row (of one organisation's callers when org_id is given), oldest first, note ids as a list."""
        sql = "SELECT id, at, principal, org_id, route, note_ids_json FROM audit_log"
        cur = self.conn.execute(sql + (" WHERE org_id = ?" if org_id is not None else "") + " ORDER BY id",
                                [org_id] if org_id is not None else [])
        out = []
        for values in cur.fetchall():
            row = dict(zip(COLUMNS, values))
            row["note_ids"] = json.loads(row.pop("note_ids_json"))
            out.append(row)
        return out

    def close(self) -> None:
        self.conn.close()


_STOP = object()


class AuditWriter:
    """Audit rows from the web service, written without holding up the request that made them.

    `submit(...)` only puts a row on a queue: no I/O, no lock held for long, so it is safe on the event loop,
    where the cached theme views are answered (service/api/themes.py): about 8 microseconds a call. One
    background thread takes the first queued row, lets `linger` (50 ms) pass so others can join it, and commits
    everything queued in one transaction: a row is committed within about 50 ms of its read, and under load one
    commit (one fsync) carries hundreds of rows, so the thread wakes at most ~20 times a second. Chosen over
    running each write in the threadpool, which would cost a thread hop and a commit (with its fsync) on every
    request of the cached fast path, which otherwise answers in well under a millisecond.

    `flush()` waits until everything submitted so far is committed; `close()` flushes and stops the thread (the
    app calls it on shutdown). A later `submit` starts the thread again. Rows still queued when the process is
    killed outright (not shut down) are lost: the last 50 ms or so of reads.
    """

    def __init__(self, path: Path | str, linger: float = 0.05):
        self.path = path
        self.linger = linger          # seconds to let a batch gather after its first row: fewer, bigger commits
        self._queue: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.written = 0

    def submit(self, principal: str, org_id: int | None, route: str, note_ids) -> None:
        """Queue one read (the time is taken now; the row is built and written by the thread)."""
        item = ("read", (_now(), principal, org_id, route, tuple(note_ids)))
        with self._lock:
            self._start()
            self._queue.put(item)

    def submit_event(self, row: dict) -> None:
        """Queue one access event (a row from `event_row`, its time already taken)."""
        item = ("event", row)
        with self._lock:
            self._start()
            self._queue.put(item)

    def submit_publication(self, row: dict) -> None:
        """Queue one publication record (a row from `publication_row`, its time already taken)."""
        item = ("publication", row)
        with self._lock:
            self._start()
            self._queue.put(item)

    def _start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="audit-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            audit = AuditLog(self.path)
        except StoreError:
            log.exception("The audit log cannot be opened; reads go unrecorded until it can")
            audit = None
        try:
            while True:
                batch = [self._queue.get()]
                if batch[0] is not _STOP and self.linger:
                    time.sleep(self.linger)
                while True:
                    try:
                        batch.append(self._queue.get_nowait())
                    except queue.Empty:
                        break
                items = [item for item in batch if item is not _STOP]
                rows = [{**audit_row(*i[1:]), "at": i[0]} for kind, i in items if kind == "read"]
                events = [i for kind, i in items if kind == "event"]
                published = [i for kind, i in items if kind == "publication"]
                try:
                    if items:
                        if audit is None:
                            raise StoreError("the audit log could not be opened")
                        if rows:
                            audit.write(rows)
                        if events:
                            audit.write_events(events)
                        if published:
                            audit.write_publications(published)
                        self.written += len(items)
                except (StoreError, DatabaseError):
                    log.exception("Could not write %d audit rows to %s", len(items), self.path)
                finally:
                    for _ in batch:
                        self._queue.task_done()
                if len(items) < len(batch):
                    return
        finally:
            if audit is not None:
                audit.close()

    def flush(self) -> None:
        """Return once every row submitted before the call is committed."""
        self._queue.join()

    def close(self) -> None:
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                self._queue.put(_STOP)
                self._thread.join()
            self._thread = None
