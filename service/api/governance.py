"""Erasure, retention and retrying failed jobs, for admins (engine/erasure.py, engine/retention.py, engine/jobs.py).

An admin erases and sees only their own organisation's submissions and notes (another's answer 404)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from engine import erasure, retention
from engine.core.errors import ForbiddenError, NotFoundError
from engine.store import Store
from service.api.deps import ERRORS, NOT_FOUND, get_store
from service.auth import ADMIN, current_principal, require

router = APIRouter(tags=["governance"], dependencies=[Depends(require(*ADMIN))], responses={**ERRORS, **NOT_FOUND})
REASON = Query("", max_length=erasure.MAX_REASON, description="Why (kept in the audit log's tombstone; no personal "
               "details). Required unless dry_run.", examples=["consent withdrawn"])
DRY_RUN = Query(False, description="Only say what would be erased.")


def own_org(request: Request) -> int:
    principal = current_principal(request)
    if principal.org_id is None:
        raise ForbiddenError("This token or account belongs to no organisation, so it can erase nothing.",
                             fix="Use an admin of the organisation whose notes are to be erased (or the CLI: "
                                 "`insights erase`).")
    return principal.org_id


class Erased(BaseModel):
    scope: str = Field(..., description="submission or note.", examples=["submission"])
    target: str = Field(..., description="The submission or note id.", examples=["3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b"])
    note_ids: list[int] = Field(..., description="The notes erased (or that would be).", examples=[[12, 13]])
    counts: dict = Field(..., description="Rows taken out, per table.", examples=[{"notes": 2, "assignments": 3}])
    erased: bool = Field(..., description="False for a dry run.", examples=[True])
    tombstone_id: int | None = Field(None, description="The audit log's record of the erasure.", examples=[7])


def _erase(request: Request, store: Store, dry_run: bool, reason: str, **target) -> dict:
    org_id = own_org(request)
    if dry_run:
        return {**erasure.plan(store, org_id=org_id, **target), "erased": False}
    done = erasure.erase(store, request.app.state.settings.audit_db_path, who=current_principal(request).label,
                         reason=reason, org_id=org_id, **target)
    request.app.state.view_cache.clear()   # published figures are recomputed; no erased quote stays in memory
    return {**done, "erased": True}


@router.delete("/submissions/{submission_id}", summary="Erase a submission and everything derived from it (admins)",
               response_model=Erased)
async def erase_submission(request: Request, store: Store = Depends(get_store),
                           submission_id: str = Path(..., max_length=64, pattern="^[0-9a-f]+$",
                                                     description="The submission id (from the ingest's answer).",
                                                     examples=["3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b"]),
                           reason: str = REASON, dry_run: bool = DRY_RUN) -> dict:
    """Every note of the submission goes, with its themes, embeddings no other note shares, quotes, held quotes
    and corrections; no byte of its text is left in the database files. The audit log keeps who, when and why."""
    return await run_in_threadpool(_erase, request, store, dry_run, reason, submission_id=submission_id)


@router.delete("/notes/{note_id}", summary="Erase one note and everything derived from it (admins)",
               response_model=Erased)
async def erase_note(request: Request, store: Store = Depends(get_store),
                     note_id: int = Path(..., ge=1, le=2 ** 62, description="The note id.", examples=[12]),
                     reason: str = REASON, dry_run: bool = DRY_RUN) -> dict:
    """As erasing a submission, for one note."""
    return await run_in_threadpool(_erase, request, store, dry_run, reason, note_id=note_id)


class Retention(BaseModel):
    org: str = Field(..., description="Your organisation.", examples=["Riverside"])
    months: int = Field(..., description="Months a note is kept after it was stored.", examples=[36])
    own: bool = Field(..., description="False: the deployment's default (INSIGHTS_RETENTION_MONTHS).",
                      examples=[False])


class RetentionIn(BaseModel):
    months: int | None = Field(..., ge=1, le=retention.MAX_MONTHS, description="Months to keep notes after they are "
                               "stored; null for the default.", examples=[24])


def _period(request: Request, store: Store) -> dict:
    org_id = own_org(request)
    row = next((p for p in retention.periods(store, request.app.state.settings) if p["org_id"] == org_id), None)
    if row is None:
        raise NotFoundError("Your organisation has no notes or settings here yet.")
    return {"org": row["org"], "months": row["months"], "own": row["own"]}


@router.get("/retention", summary="Your organisation's retention period (admins)", response_model=Retention)
def get_retention(request: Request, store: Store = Depends(get_store)) -> dict:
    """How many months your organisation's notes are kept after they were stored, and whether that is your own
    period or the deployment's default (INSIGHTS_RETENTION_MONTHS)."""
    return _period(request, store)


@router.put("/retention", summary="Set your organisation's retention period (admins)", response_model=Retention)
def put_retention(request: Request, body: RetentionIn, store: Store = Depends(get_store)) -> dict:
    """Set how many months your organisation's notes are kept; notes older than that are erased by the next
    `insights retention apply` (the service runs it daily), with everything derived from them."""
    retention.set_period(store, own_org(request), body.months)
    return _period(request, store)


class Due(BaseModel):
    note_id: int = Field(..., description="The note's id.", examples=[12])
    submission_id: str = Field(..., description="The submission the note came in.",
                               examples=["3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b"])
    month: str | None = Field(None, description="The note's own month.", examples=["2025-03"])
    stored_at: str = Field(..., description="When the note was stored (the retention clock starts here).",
                           examples=["2023-12-02T10:00:00+00:00"])
    expires_at: str = Field(..., description="When it is erased.", examples=["2026-12-02T10:00:00+00:00"])


@router.get("/retention/due", summary="Your notes that reach the end of their retention period soon (admins)",
            response_model=list[Due])
def retention_due(request: Request, store: Store = Depends(get_store),
                  within_days: int = Query(30, ge=0, le=3660, description="Within this many days.",
                                           examples=[30])) -> list[dict]:
    """The notes of your organisation that reach the end of their retention period within the days given: they
    will be erased then, unless the period is changed first."""
    return retention.due(store, request.app.state.settings, within_days, org_id=own_org(request))


@router.post("/jobs/{job_id}/retry", summary="Start a failed refit or learning job again (admins)", status_code=202)
def retry_job(request: Request, store: Store = Depends(get_store),
              job_id: str = Path(..., max_length=64, pattern="^[0-9a-f]+$", description="The failed job's id.",
                                 examples=["9b1f4c2a7d3e4f5a8b6c0d1e2f3a4b5c"])) -> dict:
    """A job that failed (or that a restart cut short) starts again as a new job naming the old one. An upload
    cannot be retried (its text was never kept): upload the file again."""
    from engine import jobs
    from engine.publish.suppression import Policy
    from service.api.deps import pipeline_factory

    try:
        job = store.job(job_id)
    except NotFoundError:
        job = None
    if job is None or job["org_id"] != own_org(request):
        raise NotFoundError(f"Your organisation has no background job with id '{job_id}'.")
    works = {"refit": jobs.refit_work(pipeline_factory(request), Policy.from_settings(request.app.state.settings)),
             "learn": lambda s, progress: {"assigner": request.app.state.ready_assigner.build(s).method}}
    new_id = jobs.retry(request.app.state.settings.db_path, job, works, owner=current_principal(request).label)
    return {"job_id": new_id, "status_url": f"/api/v1/jobs/{new_id}", "retry_of": job_id}
