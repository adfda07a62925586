"""/api/v1/responses: "you said, we did". Facilitators and admins record and update what was done about a theme
(optionally in one area and period); everyone signed in, contributors included, reads them. Every change is
kept (who, when, each field before and after). Free text that would name a person is refused (400,
`personal_details`): see engine/publish/responses.py."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from engine.core.vocab import DEFAULT_RESPONSE_STATUS, RESPONSE_STATUSES
from engine.publish import responses as lib
from engine.store import Store
from engine.store.access import ROLES
from service.api.deps import CURSOR, ERRORS, NOT_FOUND, get_store, limit_param, page_of, period_query
from service.auth import FACILITATOR, current_principal, require

router = APIRouter(tags=["responses"], dependencies=[Depends(require(*ROLES))], responses=ERRORS)
facilitator = require(*FACILITATOR)
Status = Literal[tuple(RESPONSE_STATUSES)]
RESPONSE_ID = Path(..., ge=1, le=2 ** 62, description="Response id.", examples=[3])
STATUS_HELP = "open, in_progress, done or not_doing (not_doing needs a `reason`)."


class Checked:
    """The note anonymiser as the responses library uses it (`anonymise_many`), its work queued in the caller's
    turn like a note's (anonymise/workers.py), so a response check never jumps ahead of another group's note."""

    def __init__(self, request: Request, store: Store):
        self.anonymiser = request.app.state.models.anonymiser_for(store)
        principal = current_principal(request)
        self.key = principal.org_id if principal.org_id is not None else principal.label

    def anonymise_many(self, texts: list[str]) -> list:
        from anonymise import workers

        with workers.queued_as(self.key):
            return self.anonymiser.anonymise_many(texts)


class ResponseFields(BaseModel):
    model_config = {"extra": "forbid"}

    area_code: str | None = Field(None, max_length=20, description="ONS code of the area it is about; leave out "
                                  "for all areas.", examples=["E05000442"])
    period: str | None = Field(None, max_length=10, description="The period it is about: a month (2025-03), "
                               "quarter (2025-Q3) or year (2025); leave out for any time.", examples=["2025-Q3"])
    reason: str | None = Field(None, max_length=lib.LIMITS["reason"], description="Why not: needed when the "
                               "status is not_doing.", examples=["No budget this year; we will look again in April."])


class ResponseIn(ResponseFields):
    theme_id: str = Field(..., min_length=1, max_length=100, description="Theme id, as listed by GET "
                          "/api/v1/themes (the taxonomy in force).", examples=["food_poverty"])
    said: str = Field(..., min_length=1, max_length=lib.LIMITS["said"], description="What was heard, in plain "
                      "words. No names or other personal details.",
                      examples=["Families told us they skip meals at the end of the month."])
    did: str = Field(..., min_length=1, max_length=lib.LIMITS["did"], description="What was done or decided.",
                     examples=["Two more food bank sessions a week from October, and an advice line."])
    owner: str = Field(..., min_length=1, max_length=lib.LIMITS["owner"], description="Who is responsible: a "
                       "team or role, not a person's name.", examples=["Housing team, Lewisham Council"])
    status: Status = Field(DEFAULT_RESPONSE_STATUS, description=STATUS_HELP, examples=["in_progress"])


class ResponsePatch(ResponseFields):
    theme_id: str | None = Field(None, min_length=1, max_length=100, description="Theme id.",
                                 examples=["food_poverty"])
    said: str | None = Field(None, min_length=1, max_length=lib.LIMITS["said"], description="What was heard.")
    did: str | None = Field(None, min_length=1, max_length=lib.LIMITS["did"], description="What was done or "
                            "decided.", examples=["The extra sessions started on 6 October."])
    owner: str | None = Field(None, min_length=1, max_length=lib.LIMITS["owner"], description="Who is "
                              "responsible (a team or role).")
    status: Status | None = Field(None, description=STATUS_HELP, examples=["done"])


class ResponseOut(BaseModel):
    id: int = Field(..., description="Response id.", examples=[3])
    theme_id: str = Field(..., description="Theme id.", examples=["food_poverty"])
    theme_label: str | None = Field(None, description="The theme's name.", examples=["Food poverty"])
    area_code: str | None = Field(None, description="ONS code; null for all areas.", examples=["E05000442"])
    area_name: str | None = Field(None, description="The area's name.", examples=["Downham"])
    area_label: str = Field(..., description="The area's name, or 'all areas'.", examples=["Downham"])
    period: str | None = Field(None, description="Month, quarter or year; null for any time.", examples=["2025-Q3"])
    period_label: str = Field(..., description="The period in words.", examples=["July to September 2025"])
    said: str = Field(..., description="What was heard.")
    did: str = Field(..., description="What was done or decided.")
    owner: str = Field(..., description="Who is responsible.", examples=["Housing team, Lewisham Council"])
    status: str = Field(..., description=STATUS_HELP, examples=["in_progress"])
    status_label: str = Field(..., description="The status in words.", examples=["In progress"])
    reason: str | None = Field(None, description="Why not (status not_doing).")
    created_at: str = Field(..., description="When it was recorded (ISO 8601, UTC).",
                            examples=["2025-10-01T09:00:00+00:00"])
    created_by: str = Field(..., description="Who recorded it.", examples=["user:facilitator@example.org"])
    updated_at: str = Field(..., description="When it last changed.", examples=["2025-10-08T09:00:00+00:00"])
    updated_by: str = Field(..., description="Who changed it last.", examples=["user:facilitator@example.org"])


class FieldChange(BaseModel):
    field: str = Field(..., description="Which field.", examples=["status"])
    before: str | None = Field(None, description="Its value before (null when it had none).", examples=["open"])
    after: str | None = Field(None, description="Its value after.", examples=["done"])


class ResponseChange(BaseModel):
    at: str = Field(..., description="When (ISO 8601, UTC).", examples=["2025-10-08T09:00:00+00:00"])
    who: str = Field(..., description="Who made the change.", examples=["user:facilitator@example.org"])
    action: str = Field(..., description="created or updated.", examples=["updated"])
    changes: list[FieldChange]


class ResponseDetail(ResponseOut):
    history: list[ResponseChange] = Field(..., description="Every change, oldest first; the first is its creation.")


class ResponsesPage(BaseModel):
    responses: list[ResponseOut]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null at the end.")


@router.post("/responses", summary="Record a \"you said, we did\" response to a theme (facilitators, admins)",
             response_model=ResponseDetail, status_code=201)
def post_response(body: ResponseIn, request: Request, principal=Depends(facilitator),
                  store: Store = Depends(get_store)) -> dict:
    """What was heard about a theme and what was done or decided, who is responsible and where it stands.
    Refused (400, nothing saved) when the theme, area or period is unknown, a needed field is empty, a
    not_doing response has no reason, or any text names a person or gives their details."""
    return lib.record(store, Checked(request, store), body.model_dump(), principal.label)


@router.get("/responses", summary="List \"you said, we did\" responses (everyone signed in)",
            response_model=ResponsesPage)
def list_responses(store: Store = Depends(get_store),
                   theme_id: str | None = Query(None, max_length=100, description="Only this theme.",
                                                examples=["food_poverty"]),
                   area_code: str | None = Query(None, max_length=20, description="Only responses about this area "
                                                 "(ONS code): the area, an area inside it, or its council.",
                                                 examples=["E05000442"]),
                   period: str | None = period_query("Only responses whose period overlaps this month (2025-03), "
                                                     "quarter (2025-Q3) or year (2025)."),
                   status: Status | None = Query(None, description="Only responses with this status.",
                                                 examples=["in_progress"]),
                   general: bool = Query(False, description="With area_code or period: also responses for all "
                                         "areas or any time."),
                   limit: int = limit_param(), cursor: str | None = CURSOR) -> dict:
    """Newest change first. Responses are not counts of notes: nothing here is suppressed or hidden."""
    rows = lib.find(store, theme_id, area_code, period, status, general)
    rows, next_cursor = page_of(rows, limit, cursor)
    return {"responses": rows, "next_cursor": next_cursor}


@router.get("/responses/{response_id}", summary="One response, with every change made to it",
            response_model=ResponseDetail, responses=NOT_FOUND)
def get_response(response_id: int = RESPONSE_ID, store: Store = Depends(get_store)) -> dict:
    """Everyone signed in. `history` lists each change, oldest first, with each field's value before and after."""
    return lib.get(store, response_id)


@router.patch("/responses/{response_id}", summary="Update a response (facilitators, admins); the history keeps "
              "the earlier values", response_model=ResponseDetail, responses=NOT_FOUND)
def patch_response(body: ResponsePatch, request: Request, response_id: int = RESPONSE_ID,
                   principal=Depends(facilitator), store: Store = Depends(get_store)) -> dict:
    """Send only the fields to change; `null` clears area_code, period or reason. Checked as when recorded."""
    return lib.update(store, Checked(request, store), response_id, body.model_dump(exclude_unset=True),
                      principal.label)
