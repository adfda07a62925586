"""Background jobs on a real SQLite file: progress, results, failures that say why, and no note text."""
from __future__ import annotations

from engine import jobs
from engine.core.errors import InputError
from engine.readers import RawNote
from engine.store import Store


def _dump(path) -> str:
    store = Store(path)
    try:
        return repr(store.q("SELECT * FROM jobs"))
    finally:
        store.close()


def _finished(settings, job_id: str) -> tuple[dict, list[str]]:
    """The job's row once it has ended, and every job's id as the store lists them (newest first)."""
    jobs.wait(job_id, timeout=60)
    store = Store(settings.db_path)
    try:
        return store.job(job_id), [j["id"] for j in store.jobs()]
    finally:
        store.close()


def test_when_upload_job_runs_then_progress_reaches_total_and_only_counts_are_kept(settings, anonymiser, embedder):
    from engine.pipeline import Pipeline

    notes = [RawNote("Amira Khan of 12 Elm Road rang about her food bank voucher.", "case_note", "2025-03",
                     where="row 1"),
             RawNote("Call Dev Patel on 07700 900123 about rent arrears.", "case_note", "2025-03", where="row 2")]

    def make_pipeline(store, progress):
        return Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder, progress=progress)

    job_id = jobs.start_job(settings.db_path, "upload", 4, jobs.ingest_work(make_pipeline, notes, "Riverside",
                                                                            "consent"), org_id=None)
    jobs.wait(job_id, timeout=300)
    store = Store(settings.db_path)
    try:
        job = store.job(job_id)
        assert job["status"] == "done" and job["done"] == job["total"] == 4
        assert job["result"]["stored"] == 2 and job["result"]["rejected"] == []
        assert store.count_notes() == 2
    finally:
        store.close()
    text = _dump(settings.db_path)
    for planted in ("Amira", "Khan", "Elm Road", "Dev Patel", "07700"):
        assert planted not in text
    assert notes == []   # the raw notes were dropped once anonymised


def test_when_work_raises_an_input_error_then_job_fails_with_its_message(settings):
    def work(store, progress):
        progress.advance(1, "Reading")
        raise InputError("Row 7 has no text. Fill it in or delete the row.")

    job, _ = _finished(settings, jobs.start_job(settings.db_path, "upload", 10, work))
    assert job["status"] == "failed" and job["message"] == "Row 7 has no text. Fill it in or delete the row."
    assert job["done"] == 1


def test_when_work_crashes_then_job_fails_naming_the_kind_of_error_but_not_its_text(settings):
    def work(store, progress):
        raise ValueError("could not parse 'Amira Khan, 07700 900123'")

    job_id = jobs.start_job(settings.db_path, "refit", 1, work)
    job, listed = _finished(settings, job_id)
    assert listed[0] == job_id
    assert job["status"] == "failed" and "ValueError" in job["message"] and "Try again" in job["message"]
    assert "Amira" not in _dump(settings.db_path)


def test_when_job_id_unknown_then_not_found_says_what_to_do(store):
    import pytest

    from engine.core.errors import NotFoundError

    with pytest.raises(NotFoundError, match="Start the upload again"):
        store.job("nope")
