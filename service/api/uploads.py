"""/api/v1/notes/upload and /api/v1/jobs/{id}: a file of notes read at once, then anonymised, stored and themed by a
background job whose progress the contributor polls. Contributors and admins only."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, File, Form, Path, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from engine.core.errors import InputError, NotFoundError
from engine.core.vocab import CONSENT_BASES, DEFAULT_CONSENT_BASIS
from engine.jobs import job_json
from engine.store import Store
from service.api.deps import (
    DEFAULTS,
    ERRORS,
    NOT_FOUND,
    SourceType,
    get_store,
    pipeline_factory,
)
from service.api.notes import caller_org
from service.auth import CONTRIBUTOR, current_principal, require

router = APIRouter(tags=["notes"], dependencies=[Depends(require(*CONTRIBUTOR))], responses=ERRORS)
Consent = Literal[tuple(CONSENT_BASES)]


class UploadAccepted(BaseModel):
    job_id: str = Field(..., description="The background job that anonymises and stores the notes.",
                        examples=["9b1f4c2a7d3e4f5a8b6c0d1e2f3a4b5c"])
    status_url: str = Field(..., description="GET it for the job's progress and, when done, what was stored.",
                            examples=["/api/v1/jobs/9b1f4c2a7d3e4f5a8b6c0d1e2f3a4b5c"])
    notes: int = Field(..., description="Notes read from the file, about to be anonymised.", examples=[120])
    read_errors: list[str] = Field(default_factory=list, description="Rows or blocks that could not be read, by "
                                   "number and reason (the first 20); the rest of the file goes ahead.",
                                   examples=[["notes.csv row 7: the text is empty"]])


class JobStatus(BaseModel):
    id: str = Field(..., description="Job id.", examples=["9b1f4c2a7d3e4f5a8b6c0d1e2f3a4b5c"])
    kind: str = Field(..., description="upload (or refit, or learn: the review queue fitting its assigner again).",
                      examples=["upload"])
    status: str = Field(..., description="queued, running, done or failed.", examples=["running"])
    done: int = Field(..., description="Steps done: each note counts twice (hidden, then given themes).",
                      examples=[80])
    total: int = Field(..., description="Steps in all.", examples=[240])
    percent: int = Field(..., description="done as a percentage of total.", examples=[33])
    message: str | None = Field(None, description="Where the job is, or why it failed, in plain words.",
                                examples=["Hiding personal details: 40 of 120 notes"])
    result: dict = Field(default_factory=dict, description="When done: notes read, stored, duplicates, rejected "
                         "(by position), the new note ids and the themes they joined; for an upload with a "
                         "project_id, the project and how many notes were tagged to it. Never note text.",
                         examples=[{"read": 120, "stored": 118, "duplicates": 2, "rejected": []}])
    retry_of: str | None = Field(None, description="The failed job this one starts again, if any.", examples=[None])
    retryable: bool = Field(False, description="A failed refit or learning job: POST /api/v1/jobs/{id}/retry "
                            "starts it again (admins).", examples=[False])


UPLOAD_FILE = File(..., description="A .txt or .docx file (one note, or several separated by a line holding only "
                   f"---) or a .csv with a text column; UTF-8; at most {DEFAULTS.max_upload_bytes / 2 ** 20:g} MB "
                   "(INSIGHTS_MAX_UPLOAD_BYTES).")


@router.post("/notes/upload", summary="Upload a file of notes (.txt, .docx, .csv); stored by a background job",
             status_code=202, response_model=UploadAccepted,
             responses={202: {"description": "The file was read; the job anonymises and stores its notes.",
                              "headers": {"Location": {"description": "The job's status URL.",
                                                       "schema": {"type": "string"}}}},
                        404: NOT_FOUND[404] | {"description": "project_id names no project your organisation "
                                                              "takes part in (nothing read or stored)."},
                        415: ERRORS[413] | {"description": "A kind of file we cannot read (use .txt, .docx, .csv "
                                                           "or .jsonl)."}})
async def upload_notes(request: Request, file: UploadFile = UPLOAD_FILE,
                       source_type: SourceType = Form("case_note", description="Kind of notes, unless a CSV row "
                                                      "says otherwise.", examples=["case_note"]),
                       consent_basis: Consent = Form(DEFAULT_CONSENT_BASIS, description="Lawful basis for sharing "
                                                     "the notes.", examples=["consent"]),
                       consent_reference: str | None = Form(None, max_length=80, description="Which agreement or "
                                                            "consent covers these notes: a data-sharing agreement's "
                                                            "reference (GET /api/v1/agreements) or the name of the "
                                                            "consent text. Kept with the submission, with who sent "
                                                            "it.", examples=["DSA-2025-014"]),
                       project_id: int | None = Form(None, ge=1, le=2 ** 62, description="Optional: a community "
                                                     "insights project to tag the stored notes to (GET "
                                                     "/api/v1/projects lists yours). Your organisation must be a "
                                                     "member and the project not closed; otherwise the upload is "
                                                     "refused (404 or 400) before the file is read.",
                                                     examples=[1])):
    """The same reading and background job as the /upload page: the file is read at once (a file we cannot
    read, such as a binary file or one not in UTF-8, is a 400 and nothing is stored), then a job anonymises
    the notes, stores them under your organisation and finds their themes (and, with `project_id`, tags them to
    that project: the job's result gives `project_id` and `tagged`). Poll `status_url`."""
    from engine.jobs import ingest_work, start_job
    from engine.readers import display_name, read_bytes

    settings = request.app.state.settings
    principal = current_principal(request)
    org_id, org = caller_org(request)
    consent = await run_in_threadpool(_check_consent, settings.db_path, org_id, consent_basis, consent_reference)
    if project_id is not None:
        await run_in_threadpool(check_project, settings.db_path, project_id, org_id, org)
    name = display_name(file.filename)
    data = await file.read(settings.max_upload_bytes + 1)
    try:
        result = await run_in_threadpool(read_bytes, data, name, source_type, settings.max_upload_bytes)
    finally:
        del data
    if not result.notes:
        why = "; ".join(e.rstrip(".") for e in result.errors[:5])
        raise InputError(f"We found no notes in {name}." + (f" {why}." if why else ""), where="file",
                         fix="Put one note per .txt or .docx file (or separate notes with a line holding only ---), "
                             "or give a CSV a text column named text, note or case_note.")
    # -- quotas (issue 20): notes per upload, and per organisation per day --
    from engine.quotas import check_upload
    await run_in_threadpool(check_upload, settings.db_path, settings, org_id, len(result.notes), name)
    # -- end quotas --
    job_id = await run_in_threadpool(
        start_job, settings.db_path, "upload", 2 * len(result.notes),
        ingest_work(pipeline_factory(request), result.notes, org, consent_basis,
                    consent_reference=consent["consent_reference"], recorded_by=principal.label,
                    project_id=project_id), principal.label, org_id)
    url = f"/api/v1/jobs/{job_id}"
    body = UploadAccepted(job_id=job_id, status_url=url, notes=len(result.notes), read_errors=result.errors[:20])
    return JSONResponse(body.model_dump(), status_code=202, headers={"Location": url})


def _check_consent(db_path, org_id: int, basis: str, reference: str | None) -> dict:
    """The consent record, refused at once (400) before the file is read (engine/agreements.py)."""
    from engine.agreements import check_consent

    store = Store(db_path)
    try:
        return check_consent(store, org_id, basis, reference)
    finally:
        store.close()


def check_project(db_path, project_id: int, org_id: int, org: str) -> dict:
    """The project to tag an upload to, refused at once (404 not a member, 400 closed) before the file is read
    (engine/projects.check_sharer)."""
    from engine.projects import check_sharer

    store = Store(db_path)
    try:
        return check_sharer(store, project_id, org_id, org)
    finally:
        store.close()


@router.get("/jobs/{job_id}", summary="Progress of a background job (an upload) of your organisation",
            response_model=JobStatus, responses=NOT_FOUND)
def job_status(request: Request, store: Store = Depends(get_store),
               job_id: str = Path(..., max_length=64, pattern="^[0-9a-f]+$", description="Job id, from the upload's "
                                  "answer.", examples=["9b1f4c2a7d3e4f5a8b6c0d1e2f3a4b5c"])) -> dict:
    """Status, progress and, when done, the result. Only jobs of your own organisation; others answer 404."""
    principal = current_principal(request)
    try:
        job = store.job(job_id)
    except NotFoundError:
        job = None
    if job is None or principal.org_id is None or job["org_id"] != principal.org_id:
        raise NotFoundError(f"Your organisation has no background job with id '{job_id}'.",
                            fix="Use the job_id from your upload's answer; jobs of other organisations are not shown.")
    return job_json(job)
