"""/api/v1/projects: community insights projects (engine/projects.py). Facilitators and admins start projects,
change their status and keep the decision log; contributors of a member organisation tag their own notes to one;
analysts, facilitators and admins read a project's own theme view (suppressed; quotes from cells whose count is
shown) and write memos on its themes and quotes. A contributor sees only the projects their organisation is in."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Request
from pydantic import BaseModel, Field

from engine import projects as lib
from engine.core.errors import InputError
from engine.publish.suppression import Policy
from engine.store import Store
from engine.store.access import ROLES
from service.api.deps import ERRORS, NOT_FOUND, audit_quote_read, get_policy, get_store
from service.api.responses import Checked
from service.auth import ANALYST, FACILITATOR, current_principal, require

router = APIRouter(tags=["projects"], dependencies=[Depends(require(*ROLES))], responses=ERRORS)
PROJECT_ID = Path(..., ge=1, le=2 ** 62, description="Project id.", examples=[1])
Status = Literal[tuple(lib.STATUSES)]


def _staff(principal) -> bool:
    return principal.role in ANALYST


class ProjectIn(BaseModel):
    model_config = {"extra": "forbid"}

    name: str = Field(..., min_length=1, max_length=lib.LIMITS["name"], description="A short name.",
                      examples=["Warm spaces in the east"])
    question: str = Field(..., min_length=1, max_length=lib.LIMITS["question"], description="The question the "
                          "council and groups agreed to answer.", examples=["Why are older residents in the east "
                                                                            "of the borough not using the warm spaces?"])
    period: str | None = Field(None, max_length=10, description="The period it looks at: month, quarter or year.",
                               examples=["2025-Q4"])
    areas: list[str] = Field(default_factory=list, max_length=200, description="ONS codes of its wards or councils.",
                             examples=[["E07000030"]])
    organisations: list[str] = Field(..., min_length=1, max_length=200, description="Member organisations, by "
                                     "their registered names.", examples=[["Riverside Food Bank"]])
    leads: list[str] = Field(default_factory=list, max_length=20, description="Lead people or roles.",
                             examples=[["Community development officer, Eden council"]])


class Member(BaseModel):
    id: int = Field(..., description="Organisation id.", examples=[3])
    name: str = Field(..., description="Organisation name.", examples=["Riverside Food Bank"])


class ProjectOut(BaseModel):
    id: int = Field(..., description="Project id.", examples=[1])
    name: str = Field(..., description="Its name.", examples=["Warm spaces in the east"])
    question: str = Field(..., description="The agreed question.")
    period: str | None = Field(None, description="The period it looks at.", examples=["2025-Q4"])
    areas: list[str] = Field(..., description="ONS codes of its areas.", examples=[["E07000030"]])
    leads: list[str] = Field(..., description="Lead people or roles.")
    status: str = Field(..., description="open, interpreting, decided or closed.", examples=["open"])
    members: list[Member] = Field(..., description="Member organisations.")
    notes: int = Field(..., description="Notes tagged to it (a raw count, shown to members and staff only).",
                       examples=[42])
    created_at: str = Field(..., description="When it was started (ISO 8601, UTC).")
    created_by: str = Field(..., description="Who started it.", examples=["user:facilitator@example.org"])
    updated_at: str = Field(..., description="When it last changed.")


class Projects(BaseModel):
    projects: list[ProjectOut] = Field(..., description="Projects the caller may see.")


class Quote(BaseModel):
    text: str = Field(..., description="An anonymised, shortened quote.")
    area_code: str = Field(..., description="ONS code of its ward.", examples=["E05003205"])
    month: str = Field(..., description="Its month.", examples=["2025-11"])
    note_id: int = Field(..., description="The note's id (for a memo on this quote).", examples=[812])


class ProjectTheme(BaseModel):
    id: str = Field(..., description="Theme id.", examples=["loneliness_isolation"])
    label: str = Field(..., description="Theme name.", examples=["Loneliness and isolation"])
    notes: int | None = Field(None, description="The project's notes with this theme, rounded; null when hidden.")
    suppressed: bool = Field(..., description="True when the count is hidden (below the threshold).")
    notes_label: str = Field(..., description="The count in words.", examples=["fewer than 10"])
    share: float | None = Field(None, description="Share of the project's notes; null when hidden.")
    organisations: int | None = Field(None, description="Organisations raising it, withheld like any count.")
    few_organisations: bool | None = Field(None, description="True when raised by only one or two organisations.")
    organisations_label: str | None = Field(None, description="The organisations count in words.")
    quotes: list[Quote] = Field(..., description="Up to three quotes (staff only; never for sensitive themes).")


class Decision(BaseModel):
    id: int = Field(..., description="Decision id.", examples=[1])
    at: str = Field(..., description="When (ISO 8601, UTC).")
    who: str = Field(..., description="Who recorded it.", examples=["user:facilitator@example.org"])
    decision: str = Field(..., description="What was decided.")
    why: str = Field(..., description="Why.")


class Memo(BaseModel):
    id: int = Field(..., description="Memo id.", examples=[1])
    theme_id: str | None = Field(None, description="The theme it is about (or null for a quote).")
    note_id: int | None = Field(None, description="The quote's note it is about (or null for a theme).")
    text: str = Field(..., description="The memo.")
    at: str = Field(..., description="When (ISO 8601, UTC).")
    who: str = Field(..., description="Who wrote it.", examples=["user:analyst@example.org"])


class ProjectView(BaseModel):
    project: ProjectOut
    notes: int | None = Field(None, description="The project's counted notes, rounded; null when hidden.")
    notes_label: str = Field(..., description="The count in words.")
    themes: list[ProjectTheme] = Field(..., description="Every theme, most notes first.")
    method: str = Field(..., description="How counts are suppressed and rounded.")
    held_back: int | None = Field(None, description="Quotes held back by quote safety, rounded; null when few.")
    held_back_label: str = Field(..., description="The same in words.")
    decisions: list[Decision] = Field(..., description="The decision log, oldest first.")
    memos: list[Memo] = Field(..., description="Memos on themes and quotes (staff only).")


class StatusIn(BaseModel):
    model_config = {"extra": "forbid"}
    status: Status = Field(..., description="open, interpreting, decided or closed.", examples=["interpreting"])


class TagIn(BaseModel):
    model_config = {"extra": "forbid"}
    note_ids: list[int] = Field(default_factory=list, max_length=10_000, description="Ids of your notes.",
                                examples=[[812, 813]])
    submission_id: str | None = Field(None, max_length=100, description="Or every note of one of your "
                                      "submissions (the id an upload or `insights ingest --json` gives).")


class Tagged(BaseModel):
    tagged: int = Field(..., description="Notes newly tagged (a note tagged already counts once).", examples=[2])


class DecisionIn(BaseModel):
    model_config = {"extra": "forbid"}
    decision: str = Field(..., min_length=1, max_length=lib.LIMITS["decision"], description="What was decided.",
                          examples=["Run two warm-space sessions a week in the village halls from January."])
    why: str = Field(..., min_length=1, max_length=lib.LIMITS["why"], description="Why, in plain words.",
                     examples=["Notes say the bus to town stops at 4pm; the halls are within walking distance."])


class MemoIn(BaseModel):
    model_config = {"extra": "forbid"}
    text: str = Field(..., min_length=1, max_length=lib.LIMITS["memo"], description="The memo.",
                      examples=["Several notes link the cold to the cost of the bus, not only heating."])
    theme_id: str | None = Field(None, max_length=100, description="The theme it is about.",
                                 examples=["loneliness_isolation"])
    note_id: int | None = Field(None, ge=1, le=2 ** 62, description="Or the quote's note id.", examples=[812])


@router.get("/projects", summary="Community insights projects you may see", response_model=Projects)
def list_projects(request: Request, store: Store = Depends(get_store)) -> dict:
    """Staff roles see every project; a contributor only those their organisation is a member of."""
    principal = current_principal(request)
    return {"projects": lib.listed(store, principal.org_id, _staff(principal))}


@router.post("/projects", summary="Start a project (facilitators, admins)", response_model=ProjectOut,
             status_code=201, dependencies=[Depends(require(*FACILITATOR))])
def post_project(body: ProjectIn, request: Request, store: Store = Depends(get_store)) -> dict:
    """A question, a period, areas, member organisations and lead people. Refused (400, nothing saved) when an
    organisation or area is unknown or the period is not a month, quarter or year."""
    return lib.create(store, body.name, body.question, body.period, body.areas, body.organisations, body.leads,
                      current_principal(request).label)


@router.get("/projects/{project_id}", summary="A project's own theme view, decisions and memos",
            response_model=ProjectView, responses=NOT_FOUND)
def get_project(request: Request, project_id: int = PROJECT_ID, store: Store = Depends(get_store),
                policy: Policy = Depends(get_policy)) -> dict:
    """Counted over the project's notes only, suppressed and rounded as everywhere. Quotes and memos are for
    analysts, facilitators and admins; a member organisation's contributor sees the counts and the decision log."""
    principal = current_principal(request)
    lib.visible(store, project_id, principal.org_id, _staff(principal))
    out = lib.view(store, policy, project_id, staff=_staff(principal))
    audit_quote_read(request, "GET /api/v1/projects/{project_id}",
                     sorted({q["note_id"] for t in out["themes"] for q in t["quotes"]}))
    return out


@router.patch("/projects/{project_id}", summary="Change a project's status (facilitators, admins)",
              response_model=ProjectOut, responses=NOT_FOUND, dependencies=[Depends(require(*FACILITATOR))])
def patch_project(body: StatusIn, project_id: int = PROJECT_ID, store: Store = Depends(get_store)) -> dict:
    """open (gathering notes), interpreting, decided or closed (no more notes can be tagged)."""
    return lib.set_status(store, project_id, body.status)


@router.post("/projects/{project_id}/notes", summary="Tag your notes to a project (contributors, admins)",
             response_model=Tagged, responses=NOT_FOUND, dependencies=[Depends(require("contributor", "admin"))])
def tag_notes(body: TagIn, request: Request, project_id: int = PROJECT_ID, store: Store = Depends(get_store)) -> dict:
    """Your organisation must be a member, and the notes yours (an admin with no organisation may tag any member's
    notes). Give note_ids, or a submission_id for every note of one submission."""
    principal = current_principal(request)
    lib.visible(store, project_id, principal.org_id, principal.role == "admin" and principal.org_id is None)
    ids = list(body.note_ids)
    if body.submission_id:
        ids += [r["id"] for r in store.submission_note_ids(body.submission_id)
                if principal.org_id is None or r["org_id"] == principal.org_id]
    if not ids:
        raise InputError("No notes to tag.", where="note_ids", fix="Give note_ids or a submission_id of yours.")
    return {"tagged": lib.tag(store, project_id, ids, principal.org_id, principal.label)}


@router.post("/projects/{project_id}/decisions", summary="Add to a project's decision log (facilitators, admins)",
             response_model=Decision, status_code=201, responses=NOT_FOUND,
             dependencies=[Depends(require(*FACILITATOR))])
def post_decision(body: DecisionIn, request: Request, project_id: int = PROJECT_ID,
                  store: Store = Depends(get_store)) -> dict:
    """Who decided what, when and why. Text that names a person is refused (400, personal_details)."""
    return lib.decide(store, project_id, body.decision, body.why, current_principal(request).label,
                      Checked(request, store))


@router.post("/projects/{project_id}/memos", summary="A memo on a project's theme or quote (analysts and up)",
             response_model=Memo, status_code=201, responses=NOT_FOUND, dependencies=[Depends(require(*ANALYST))])
def post_memo(body: MemoIn, request: Request, project_id: int = PROJECT_ID, store: Store = Depends(get_store)) -> dict:
    """On one theme (theme_id) or one quote (note_id of a note tagged to the project). Who and when are kept."""
    return lib.memo(store, project_id, body.text, current_principal(request).label, body.theme_id, body.note_id,
                    Checked(request, store))
