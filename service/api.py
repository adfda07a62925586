"""The theme API, versioned under /api/v1. Routes are thin: each calls an engine function."""
from __future__ import annotations

from typing import Iterator, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from engine import evidence as evidence_mod
from engine import views
from engine.readers import RawNote, check_source_type, parse_month
from engine.store import Store
from engine.suppression import Policy

router = APIRouter(prefix="/api/v1")


def get_store(request: Request) -> Iterator[Store]:
    store = Store(request.app.state.settings.db_path)
    try:
        yield store
    finally:
        store.close()


def get_policy(request: Request) -> Policy:
    return Policy.from_settings(request.app.state.settings)


class NoteIn(BaseModel):
    model_config = {"extra": "forbid"}

    text: str = Field(..., description="The note as written. It is anonymised on arrival; the original is "
                      "never stored.", examples=["Visited Mrs Khan at 14 Elm Road, SE13 6QT. She has been using "
                                                 "the food bank since her Universal Credit was cut."])
    organisation: str = Field(..., min_length=1, max_length=200, description="Organisation submitting the note.",
                              examples=["Riverside Food Bank"])
    source_type: Literal["case_note", "transcript", "anecdote"] = Field("case_note", description="Kind of note.")
    date: str | None = Field(None, description="When the note was written: YYYY-MM-DD or YYYY-MM (only the "
                             "month is kept).", examples=["2025-03-14"])
    area: str | None = Field(None, description="Where the note is about: an ONS code, ward or council name, or "
                             "postcode (only its district is used).", examples=["E05009330"])
    consent_basis: Literal["consent", "legitimate_interests", "public_task", "not_recorded"] = Field(
        "legitimate_interests", description="Lawful basis for sharing the note.")
    hide: list[str] = Field(default_factory=list, max_length=100, description="Words or phrases the anonymiser "
                            "missed: every occurrence is hidden as <HIDDEN>.", examples=[["Auntie Bee"]])
    keep: list["Span"] = Field(default_factory=list, max_length=500, description="Findings the preview hid that "
                               "are not personal, by their offsets in the original text (original_start/end).")


class Span(BaseModel):
    start: int = Field(..., ge=0, description="Start offset in the original text.")
    end: int = Field(..., ge=0, description="End offset in the original text.")


class Redaction(BaseModel):
    entity_type: str = Field(..., description="What kind of identifier was replaced, e.g. PERSON.")
    placeholder: str = Field(..., description="What now stands in the anonymised text, e.g. <PERSON_1>.")
    start: int = Field(..., description="Start offset of the placeholder in the anonymised text.")
    end: int = Field(..., description="End offset of the placeholder in the anonymised text.")
    original_start: int | None = Field(None, description="Where the hidden text started in the note as sent "
                                       "(returned to the sender only; never stored).")
    original_end: int | None = Field(None, description="Where the hidden text ended in the note as sent.")


class NoteOut(BaseModel):
    stored: bool = Field(..., description="False for a preview, or when the same note was already stored.")
    note_id: int | None = Field(None, description="Id of the stored note.")
    text: str = Field(..., description="The anonymised text.")
    redactions: list[Redaction]
    area_code: str | None = Field(None, description="ONS code the note's area resolved to.")
    area_how: str = Field(..., description="How the area was resolved: code, name, postcode_district, "
                          "postcode_in_note or unknown.")
    themes: list[dict] = Field(default_factory=list, description="Themes the note joined, with scores.")


@router.get("/themes", tags=["themes"], summary="List themes with note counts (suppressed)")
def list_themes(store: Store = Depends(get_store), policy: Policy = Depends(get_policy)) -> dict:
    return {"method": policy.method(), "themes": views.theme_list(store, policy)}


@router.get("/emergent-themes", tags=["themes"], summary="Candidate new themes found among notes no theme fits")
def list_emergent(store: Store = Depends(get_store), policy: Policy = Depends(get_policy)) -> dict:
    return {"method": policy.method(), "emergent_themes": views.emergent_list(store, policy)}


@router.get("/themes/{theme_id}", tags=["themes"], summary="One theme: counts, monthly trend, top areas, quotes")
def get_theme(theme_id: str, store: Store = Depends(get_store), policy: Policy = Depends(get_policy)) -> dict:
    return views.theme_detail(store, policy, theme_id)


def _finish(pipeline, store, note, ready, preview, channel) -> NoteOut:
    spans = ready.original_spans or [(None, None)] * len(ready.redactions)
    redactions = [{**r, "original_start": a, "original_end": b} for r, (a, b) in zip(ready.redactions, spans)]
    body = {"text": ready.text, "redactions": redactions, "area_code": ready.area_code, "area_how": ready.area_how}
    if preview:
        return NoteOut(stored=False, **body)
    org_id = store.ensure_org(note.organisation)
    result = store.add_submission(org_id, [ready], channel, note.consent_basis)
    if not result["note_ids"]:
        return NoteOut(stored=False, **body)
    pipeline.assign_pending()
    note_id = result["note_ids"][0]
    themes = [t for t in store.note(note_id)["themes"] if t["theme_id"]]
    return NoteOut(stored=True, note_id=note_id, themes=themes, **body)


@router.post("/notes", tags=["notes"], summary="Submit a note (anonymised on arrival), or preview it",
             response_model=NoteOut)
def post_note(note: NoteIn, request: Request, preview: bool = Query(False, description="Return the anonymised "
              "text and what was replaced, without storing anything."),
              store: Store = Depends(get_store)) -> NoteOut:
    return submit_note(request, store, note, preview, channel="api")


def submit_note(request: Request, store: Store, note: NoteIn, preview: bool, channel: str) -> NoteOut:
    from anonymise.replace import Corrections

    month = parse_month(note.date, "date")
    raw = RawNote(note.text, check_source_type(note.source_type, "case_note", "source_type"), month, note.area,
                  where="the note",
                  corrections=Corrections(note.hide, [(k.start, k.end) for k in note.keep]) if (note.hide or note.keep)
                  else None)
    pipeline = request.app.state.models.pipeline(store)
    ready, rejected = pipeline.anonymise([raw])
    if rejected:
        raise rejected[0]["exception"]
    return _finish(pipeline, store, note, ready[0], preview, channel)


@router.get("/evidence", tags=["evidence"], summary="Stories next to numbers, per area and theme (suppressed)")
def get_evidence(store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
                 level: Literal["ward", "lad"] = "ward",
                 period: str | None = Query(None, description="Month (2025-03), quarter (2025-Q3) or year."),
                 format: Literal["json", "csv"] = "json"):
    rows = evidence_mod.build(store, policy, level, period)
    if format == "csv":
        return PlainTextResponse(evidence_mod.to_csv(rows), media_type="text/csv",
                                 headers={"X-Suppression-Method": policy.method()})
    return {"method": policy.method(), "attention_method": evidence_mod.ATTENTION_METHOD, "records": rows}


@router.get("/health", tags=["themes"], summary="Is the service up?")
def health(store: Store = Depends(get_store)) -> dict:
    return {"status": "ok", "taxonomy_version": store.latest_taxonomy_version()}


NoteIn.model_rebuild()
