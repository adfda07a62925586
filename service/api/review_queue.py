"""/api/v1/review-queue: the notes to check next and people's verdicts on them (engine/review_queue.py).
Analysts, facilitators and admins. The queue serves whole anonymised notes under the quotes rule (only notes
whose area cells suppression leaves visible), answers no count, and every read of it is audited like a quote."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from engine import review_queue as rq
from engine.publish.suppression import Policy
from engine.store import Store
from service.api.deps import ERRORS, NOT_FOUND, audit_quote_read, get_policy, get_store
from service.auth import ANALYST, current_principal, require

router = APIRouter(tags=["themes"], dependencies=[Depends(require(*ANALYST))], responses=ERRORS)

ROUTE = "GET /api/v1/review-queue"


class SuggestedTheme(BaseModel):
    id: str = Field(..., description="Theme id.", examples=["food_poverty"])
    label: str = Field(..., description="Name in plain words.", examples=["Food poverty"])
    score: float = Field(..., description="The assigner's score (zero-shot: a calibrated score; learned: a "
                         "probability).", examples=[1.93])


class NearTheme(BaseModel):
    id: str = Field(..., description="Theme id.", examples=["housing"])
    label: str = Field(..., description="Name in plain words.", examples=["Housing"])


class QueuedNote(BaseModel):
    note_id: int = Field(..., description="The note's id (send the verdict to /api/v1/review-queue/{note_id}).",
                         examples=[42])
    text: str = Field(..., description="The note's anonymised text, as stored.",
                      examples=["She has been skipping meals so the children can eat."])
    suggested: list[SuggestedTheme] = Field(..., description="Themes the assigner in force gives the note.")
    near: list[NearTheme] = Field(..., description="Themes the note sits close to the line of, given or not.")


class ReviewQueue(BaseModel):
    assigner: str = Field(..., description="The assigner in force: zero-shot, or learned (from people's "
                          "verdicts, once enough notes are checked).", examples=["zero-shot"])
    up_to_date: bool = Field(..., description="False while the assigner is being fitted again after new "
                             "verdicts (in the background); the queue then comes from the previous one.")
    notes: list[QueuedNote] = Field(..., description="The notes to check next, best first. Only notes whose "
                                    "area has enough notes for each of their themes are shown.")


class VerdictIn(BaseModel):
    confirm: list[str] = Field(default_factory=list, max_length=100, description="Theme ids the note IS about.",
                               examples=[["food_poverty"]])
    reject: list[str] = Field(default_factory=list, max_length=100, description="Theme ids the note is NOT "
                              "about.", examples=[["housing"]])
    add: list[str] = Field(default_factory=list, max_length=100, description="Missing themes: ids the engine "
                           "did not suggest that the note is about (stored as confirmations).", examples=[[]])
    none_of_these: bool = Field(False, description="True when no theme of the taxonomy fits the note (every "
                                "theme is then rejected); confirm and add must be empty.", examples=[False])


class ThemeInForce(BaseModel):
    id: str = Field(..., description="Theme id.", examples=["food_poverty"])
    method: str = Field(..., description="confirmed (by a person), zero-shot or learned.", examples=["confirmed"])


class VerdictOut(BaseModel):
    note_id: int = Field(..., description="The note the verdict was given on.", examples=[42])
    themes: list[ThemeInForce] = Field(..., description="The note's themes in force now (empty: none fits).")
    learning_job: str = Field(..., description="The background job that fits the assigner again (shown by "
                              "GET /api/v1/jobs/{id} to the organisation that started it).", examples=["3f2a9c0e5b7d4e1f8a6b2c9d0e1f2a3b"])


def queue_for(request: Request, store: Store, policy: Policy, n: int, skip: set[int] = frozenset()) -> dict:
    """The queue as the route and the page show it: from the app's ReadyAssigner."""
    assigner, up_to_date = request.app.state.ready_assigner.get(store)
    notes = rq.build_queue(assigner, store, policy, n, skip)
    return {"assigner": assigner.method, "up_to_date": up_to_date, "notes": notes}


@router.get("/review-queue", summary="The notes to check next, with their suggested themes",
            response_model=ReviewQueue)
async def review_queue(request: Request, store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
                       n: int = Query(20, ge=1, le=100, description="How many notes, 1-100.", examples=[20])):
    """The notes whose check would teach the engine most (uncertain and varied), among notes nobody has given
    a verdict on yet. Reading them is audited, as quotes are."""
    body = await run_in_threadpool(queue_for, request, store, policy, n)
    audit_quote_read(request, ROUTE, [q["note_id"] for q in body["notes"]])
    return body


def give_verdict(request: Request, store: Store, note_id: int, verdict: VerdictIn) -> dict:
    """Store a verdict (engine.review_queue.record_verdict) and start fitting the assigner again."""
    principal = current_principal(request)
    rows = rq.record_verdict(store, note_id, principal.label, confirm=verdict.confirm, reject=verdict.reject,
                             add=verdict.add, none_of_these=verdict.none_of_these)
    job = request.app.state.ready_assigner.refresh(owner=principal.label, org_id=principal.org_id)
    return {"note_id": note_id, "themes": [{"id": r["theme_id"], "method": r["method"]} for r in rows
                                           if r["theme_id"]], "learning_job": job}


@router.post("/review-queue/{note_id}", summary="Say which themes a note is (and is not) about",
             response_model=VerdictOut, responses=NOT_FOUND)
async def post_verdict(request: Request, verdict: VerdictIn, store: Store = Depends(get_store),
                       note_id: int = Path(..., ge=1, le=2 ** 62, description="The note's id, from the queue.",
                                           examples=[42])):
    """Confirm, reject or add themes for one note, or say none of these fit. Recorded as corrections (with who
    made them), exactly as `insights themes correct` does; the note leaves the queue, and the assigner is fitted
    again in the background."""
    return await run_in_threadpool(give_verdict, request, store, note_id, verdict)
