"""Background jobs: long work (an upload of thousands of notes, a refit) runs in a thread while a page polls
its progress. The job row (engine.store.jobs) holds status, done/total and a message in plain words; never
note text. A failed job says why, from the InsightsError it raised, or names the kind of failure only.

    job_id = start_job(settings.db_path, "upload", total, work)   # returns at once
    work(store, progress) -> dict                                  # runs in the thread; the dict is the result
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from engine.core.errors import InsightsError
from engine.readers import RawNote

_threads: dict[str, threading.Thread] = {}


class Progress:
    """What a job's work function reports through. Writes are cheap SQLite updates on the job's own row."""

    def __init__(self, store, job_id: str, total: int):
        self.store, self.job_id, self.total, self.done = store, job_id, max(0, int(total)), 0

    def advance(self, n: int = 1, message: str | None = None) -> None:
        self.done = min(self.total, self.done + int(n)) if self.total else self.done + int(n)
        self.store.update_job(self.job_id, done=self.done, message=message)

    def say(self, message: str) -> None:
        self.store.update_job(self.job_id, message=message)

    def set_total(self, total: int) -> None:
        self.total = int(total)
        self.store.update_job(self.job_id, total=self.total)


def _run(db_path: Path, job_id: str, total: int, work: Callable) -> None:
    from engine.store import Store

    store = Store(db_path)
    try:
        store.update_job(job_id, status="running", message="Started")
        progress = Progress(store, job_id, total)
        result = work(store, progress) or {}
        store.update_job(job_id, status="done", done=progress.total, message="Finished", result=result)
    except InsightsError as exc:
        store.update_job(job_id, status="failed", message=exc.message)
    except Exception as exc:  # noqa: BLE001 - a job must always end with a reason; the text may hold note words
        store.update_job(job_id, status="failed", message=f"The job stopped because of an internal error "
                         f"({type(exc).__name__}). Nothing after the last progress step was saved. Try again, "
                         "and tell whoever runs this service if it happens again.")
    finally:
        store.close()
        _threads.pop(job_id, None)


def start_job(db_path: Path, kind: str, total: int, work: Callable, owner: str | None = None,
              org_id: int | None = None) -> str:
    """Record a job and run `work(store, progress)` in a background thread. Returns the job id at once."""
    from engine.store import Store

    store = Store(db_path)
    try:
        job_id = store.create_job(kind, total, owner=owner, org_id=org_id)
    finally:
        store.close()
    _spawn(db_path, job_id, total, work)
    return job_id


def interrupted_message(job: dict, how: str = "restarted") -> str:
    """What a contributor reads on the page of a job that a restart (or stop) of the service cut short."""
    if job["kind"] != "upload":
        return (f"The service {how} while this job was running, so it did not finish. Start it again.")
    result = job.get("result") or {}
    notes = result.get("notes", job["total"] // 2)
    stored = result.get("stored", 0)
    return (f"The service {how} while your upload was being processed; {stored} of {notes} notes were stored; "
            "upload the file again — notes already stored will not be added twice.")


def running_here() -> list[str]:
    """The ids of the jobs this process is running."""
    return list(_threads)


def fail_interrupted(db_path: Path, how: str = "restarted", only: list[str] | None = None) -> int:
    """Mark queued or running jobs (all, or those in `only`) failed, saying what happened and what to do;
    returns how many. For the service's start-up (the jobs of a process that ended: one service process per
    database is assumed, as `insights serve` runs) and its orderly stop (`how="stopped"`, its own jobs)."""
    from engine.store import Store

    if only is not None and not only:
        return 0
    store = Store(db_path)
    try:
        unfinished = [j for j in store.unfinished_jobs() if only is None or j["id"] in only]
        for job in unfinished:
            store.update_job(job["id"], status="failed", message=interrupted_message(job, how))
        return len(unfinished)
    finally:
        store.close()


def _alive(pid: int | None) -> bool:
    import os

    if not pid:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:   # another user's process: alive
        return True
    return True


def fail_orphaned(db_path: Path) -> int:
    """At the service's start-up: mark failed, with a message, every queued or running job whose process is gone
    (another host's jobs, or this process's own jobs that have no thread here any more, count as gone only when
    they ran on this host / were started before). Jobs of a live process on this host are left alone, so two
    service processes on one database do not fail each other's jobs. Nothing stays "running" forever."""
    import os
    import socket

    from engine.store import Store

    store = Store(db_path)
    try:
        here, host, mine = os.getpid(), socket.gethostname(), set(running_here())
        gone = [j for j in store.unfinished_jobs() if j["id"] not in mine and (
            j.get("host") not in (None, host) or j.get("pid") == here or not _alive(j.get("pid")))]
        for job in gone:
            store.update_job(job["id"], status="failed", message=interrupted_message(job, "restarted"))
        return len(gone)
    finally:
        store.close()


RETRYABLE = ("refit", "learn")


def retry(db_path: Path, job: dict, works: dict[str, Callable], owner: str | None = None) -> str:
    """Start a failed job again, as a new job that names the old one (`retry_of`). `works` gives the work of
    each kind that can be retried; an upload cannot be (its raw text was never kept: upload the file again)."""
    from engine.core.errors import InputError

    if job["status"] != "failed":
        raise InputError(f"The job is {job['status']}; only a failed job can be retried.", where="job_id",
                         fix="Wait for it to finish; retry it only if it fails.")
    if job["kind"] not in works:
        raise InputError("An upload cannot be retried here: the file's text was never kept, on purpose.",
                         where="job_id", fix="Upload the file again; notes already stored will not be added twice.")
    from engine.store import Store

    store = Store(db_path)
    try:
        job_id = store.create_job(job["kind"], job["total"] if job["kind"] != "refit" else 0,
                                  owner=owner or job["owner"], org_id=job["org_id"], retry_of=job["id"])
    finally:
        store.close()
    _spawn(db_path, job_id, 0, works[job["kind"]])
    return job_id


def _spawn(db_path: Path, job_id: str, total: int, work: Callable) -> None:
    thread = threading.Thread(target=_run, args=(db_path, job_id, total, work), name=f"job-{job_id[:8]}",
                              daemon=True)
    _threads[job_id] = thread
    thread.start()


def wait(job_id: str, timeout: float | None = None) -> None:
    """Block until the job's thread ends (tests and the CLI; pages poll instead)."""
    thread = _threads.get(job_id)
    if thread is not None:
        thread.join(timeout)


class _PhaseBar:
    def __init__(self, progress: Progress, label: str, total: int):
        self.progress, self.label, self.total, self.seen = progress, label, total, 0

    def update(self, n: int) -> None:
        self.seen += n
        self.progress.advance(n, f"{self.label}: {min(self.seen, self.total)} of {self.total} notes")

    def close(self) -> None:
        pass


PHASES = {"Anonymising": "Hiding personal details", "Finding themes": "Finding themes",
          "Refitting themes": "Checking every note's themes again"}


def themes_joined(store, note_ids: list[int]) -> list[dict]:
    """How many of these (the submitter's own) notes joined each theme, biggest first."""
    from collections import Counter

    labels = {t["id"]: t["label"] for t in store.themes()}
    counts = Counter(r["theme_id"] for r in store.in_force_assignments(note_ids) if r["theme_id"])
    return [{"theme": t, "label": labels.get(t, t), "notes": n} for t, n in counts.most_common()]


def ingest_work(make_pipeline: Callable, notes: list[RawNote], org: str, consent_basis: str,
                channel: str = "upload", consent_reference: str | None = None,
                recorded_by: str | None = None, project_id: int | None = None) -> Callable:
    """The work of an upload: anonymise, store as one submission, find themes, and (with `project_id`, checked
    by the caller before the job starts: engine/projects.check_sharer) tag the submission's notes to that
    community insights project. Progress counts each note twice (once hidden, once given themes), so the job's
    total is 2 x the number of notes."""

    def work(store, progress: Progress) -> dict:
        from anonymise.workers import queued_as

        count = {"notes": len(notes)}
        store.update_job(progress.job_id, result=count)   # what `fail_interrupted` reports, should we die

        def on_stored(stored: dict) -> None:
            store.update_job(progress.job_id, result={**count, "stored": len(stored["note_ids"]),
                                                      "duplicates": len(stored["duplicate_indexes"])})

        pipeline = make_pipeline(store, _bar_factory(progress))
        with queued_as(org):   # the organisation's turn in the anonymiser's fair queue
            report = pipeline.ingest(notes, org, channel=channel, consent_basis=consent_basis, on_stored=on_stored,
                                     consent_reference=consent_reference, recorded_by=recorded_by)
        notes.clear()  # the raw text is no longer needed; drop it as soon as the anonymiser is done
        result = {"read": report["read"], "stored": report["stored"], "duplicates": report["duplicates"],
                  "rejected": [r["where"] for r in report["rejected"]], "note_ids": report["note_ids"][:1000],
                  "submission_id": report["submission_id"], "themes": themes_joined(store, report["note_ids"])}
        if project_id is not None:
            result.update(_tag_upload(store, project_id, report["submission_id"], recorded_by or org))
        return result

    return work


def _tag_upload(store, project_id: int, submission_id: str | None, who: str) -> dict:
    """Tag an upload's stored notes to its project. The notes are stored already: a project closed while the job
    ran does not fail the job, its result says why they were not tagged."""
    from engine.projects import tag_submission

    try:
        tagged = tag_submission(store, project_id, submission_id, who) if submission_id else 0
    except InsightsError as exc:
        return {"project_id": project_id, "tagged": 0, "tag_error": f"{exc.message} {exc.fix}"}
    return {"project_id": project_id, "tagged": tagged}


def _bar_factory(progress: Progress) -> Callable:
    def bar(iterable, desc: str = "", total: int | None = None, **_):
        return _PhaseBar(progress, PHASES.get(desc, desc), total if total is not None else len(iterable))
    return bar


def refit_work(make_pipeline: Callable, policy) -> Callable:
    """The work of a refit (engine.refit): re-assign every note under the taxonomy in force. The job's result
    is the published form of the refit report (counts suppressed and rounded, no note ids)."""

    def work(store, progress: Progress) -> dict:
        from engine.publish.theme_views import refit_summary
        from engine.refit import refit

        progress.set_total(store.count_notes())
        report = refit(make_pipeline(store, _bar_factory(progress)))
        return refit_summary(store, policy, report)

    return work


def job_json(job: dict) -> dict:
    """A job as the status page, its poll route and GET /api/v1/jobs/{id} show it: progress as a percent."""
    percent = int(100 * job["done"] / job["total"]) if job["total"] else (100 if job["status"] == "done" else 0)
    return {"id": job["id"], "kind": job["kind"], "status": job["status"], "done": job["done"],
            "total": job["total"], "percent": percent, "message": job["message"], "result": job["result"],
            "retry_of": job.get("retry_of"), "retryable": job["status"] == "failed" and job["kind"] in RETRYABLE}
