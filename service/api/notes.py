"""/api/v1/notes: submit one note or a batch (anonymised on arrival, with a preview), and list or read the
caller's own organisation's notes. Contributors and admins only; every read of note text is audited."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from engine.core.errors import ForbiddenError
from engine.core.periods import month_range
from engine.core.vocab import CONSENT_BASES, DEFAULT_CONSENT_BASIS
from engine.readers import RawNote, check_source_type, parse_month
from engine.store import Store
from service.api.deps import (
    CSV_RESPONSE,
    CURSOR,
    ERRORS,
    FORMAT,
    NOT_FOUND,
    SourceType,
    csv_response,
    decode_cursor,
    encode_cursor,
    get_store,
    limit_param,
    period_query,
    wants_csv,
)
from service.auth import CONTRIBUTOR, Principal, current_principal, require

router = APIRouter(tags=["notes"], dependencies=[Depends(require(*CONTRIBUTOR))], responses=ERRORS)

Consent = Literal[tuple(CONSENT_BASES)]


class Span(BaseModel):
    start: int = Field(..., ge=0, description="Start offset in the original text.", examples=[8])
    end: int = Field(..., ge=0, description="End offset in the original text.", examples=[22])


class NoteFields(BaseModel):
    model_config = {"extra": "forbid"}

    text: str = Field(..., min_length=1, max_length=100_000, description="The note as written. It is "
                      "anonymised on arrival; the original is never stored.",
                      examples=["Visited Mrs Khan at 14 Elm Road, SE13 6QT. She has been using the food bank since "
                                "her Universal Credit was cut."])
    source_type: SourceType = Field("case_note", description="Kind of note: case_note, transcript or anecdote.",
                                    examples=["case_note"])
    date: str | None = Field(None, max_length=20, description="When the note was written: YYYY-MM-DD or YYYY-MM "
                             "(only the month is kept).", examples=["2025-03-14"])
    area: str | None = Field(None, max_length=200, description="Where the note is about: an ONS code, ward or "
                             "council name, or postcode (only its district is used).", examples=["E05009330"])
    consent_basis: Consent = Field(DEFAULT_CONSENT_BASIS, description="Lawful basis for sharing the note.",
                                   examples=["consent"])
    consent_reference: str | None = Field(None, max_length=80, description="Which agreement or consent covers "
                                          "the note: a data-sharing agreement's reference (GET /api/v1/agreements) "
                                          "or the name of the consent text. Kept with the submission, with who "
                                          "sent it.", examples=["DSA-2025-014"])
    hide: list[str] = Field(default_factory=list, max_length=100, description="Words or phrases the anonymiser "
                            "missed: every occurrence is hidden as <HIDDEN>.", examples=[["Auntie Bee"]])
    keep: list[Span] = Field(default_factory=list, max_length=500, description="Findings the preview hid that "
                             "are not personal, by their offsets in the original text (original_start/end).",
                             examples=[[{"start": 40, "end": 52}]])


class NoteIn(NoteFields):
    organisation: str | None = Field(None, min_length=1, max_length=200, description="Optional: the organisation "
                                     "submitting the note. Notes are always stored under the caller's own "
                                     "organisation; a different name here is refused (403).",
                                     examples=["Riverside Food Bank"])
    project_id: int | None = Field(None, ge=1, le=2 ** 62, description="Optional: a community insights project "
                                   "to tag the stored note to (GET /api/v1/projects lists yours). Your organisation "
                                   "must be a member and the project not closed; otherwise the note is refused "
                                   "(404 or 400) before anything is stored.", examples=[1])


class Redaction(BaseModel):
    entity_type: str = Field(..., description="What kind of identifier was replaced.", examples=["PERSON"])
    placeholder: str = Field(..., description="What now stands in the anonymised text.", examples=["<PERSON_1>"])
    start: int = Field(..., description="Start offset of the placeholder in the anonymised text.", examples=[8])
    end: int = Field(..., description="End offset of the placeholder in the anonymised text.", examples=[18])
    original_start: int | None = Field(None, description="Where the hidden text started in the note as sent "
                                       "(returned to the sender only; never stored).", examples=[8])
    original_end: int | None = Field(None, description="Where the hidden text ended in the note as sent.",
                                     examples=[17])


class RiskWarning(BaseModel):
    """Something left in the anonymised text that might still identify someone (anonymise/residual_risk.py)."""
    start: int = Field(..., description="Start offset of the words in the anonymised text.", examples=[17])
    end: int = Field(..., description="End offset of the words in the anonymised text.", examples=[32])
    text: str = Field(..., description="The words, exactly as they stand in the anonymised text (never anything "
                      "that was hidden). Send them in `hide` to hide them everywhere.", examples=["Brindle Joinery"])
    reason: str = Field(..., description="Why they might identify someone, in plain words.",
                        examples=["Naming where someone works or studies can help identify them."])


class ThemeScore(BaseModel):
    theme_id: str = Field(..., description="Theme id.", examples=["food_poverty"])
    score: float = Field(..., description="How well the note fits the theme (cosine similarity).", examples=[0.52])
    method: str = Field(..., description="zero_shot, learned or confirmed by a person.", examples=["zero_shot"])


class NoteOut(BaseModel):
    stored: bool = Field(..., description="False for a preview, or when the same note was already stored.",
                         examples=[True])
    note_id: int | None = Field(None, description="Id of the stored note.", examples=[42])
    text: str = Field(..., description="The anonymised text.", examples=["Visited Mrs <PERSON_1> at <ADDRESS_1>."])
    redactions: list[Redaction] = Field(..., description="Every replacement made, with its offsets.")
    area_code: str | None = Field(None, description="ONS code the note's area resolved to.", examples=["E05009330"])
    area_how: str = Field(..., description="How the area was resolved: code, name, postcode_district, "
                          "postcode_in_note or unknown.", examples=["code"])
    themes: list[ThemeScore] = Field(default_factory=list, description="Themes the note joined, with scores.")
    warnings: list[RiskWarning] = Field(default_factory=list, description="Previews: words left in the anonymised text that might still identify "
                                        "someone, with offsets in `text` and a reason. To hide one, send its "
                                        "`text` in `hide` and preview again. Previews and stored notes: a "
                                        "warning with empty `text` when most of the note was hidden.",
                                        examples=[[{"start": 17, "end": 32, "text": "Brindle Joinery", "reason":
                                                    "Naming where someone works or studies can help identify them."}]])
    project_id: int | None = Field(None, description="The community insights project the stored note was tagged "
                                   "to, if one was asked for (null for a preview or a note already stored).",
                                   examples=[1])


class BatchIn(BaseModel):
    model_config = {"extra": "forbid"}
    notes: list[NoteFields] = Field(..., min_length=1, max_length=100, description="1 to 100 notes.")


class BatchItem(BaseModel):
    index: int = Field(..., description="Position of the note in the batch, from 0.", examples=[0])
    result: NoteOut | None = Field(None, description="The anonymised note, when it could be processed.")
    error: str | None = Field(None, description="Why the note was rejected (it is rejected whole; nothing of it "
                              "is stored).", examples=[None])


class BatchOut(BaseModel):
    stored: int = Field(..., description="How many notes were stored.", examples=[2])
    rejected: int = Field(..., description="How many notes were rejected.", examples=[0])
    items: list[BatchItem]


class StoredNote(BaseModel):
    id: int = Field(..., description="Note id.", examples=[42])
    submission_id: str = Field(..., description="The submission (paste, upload or API call) it came in.",
                               examples=["4f1c2a9e0b7d4c1e9a3b5d7f8e6c2a1b"])
    external_id: str | None = Field(None, description="The id the note had in its source file, if any.")
    source_type: str = Field(..., description="case_note, transcript or anecdote.", examples=["case_note"])
    month: str | None = Field(None, description="Month of the note (ISO, YYYY-MM).", examples=["2025-03"])
    area_code: str | None = Field(None, description="ONS code of its area.", examples=["E05009330"])
    area_how: str | None = Field(None, description="How the area was resolved.", examples=["code"])
    age_band: str | None = Field(None, description="Age band from a date of birth in the note, if any.")
    text: str = Field(..., description="The anonymised text.", examples=["Visited <PERSON_1>; no food at home."])
    word_count: int | None = Field(None, description="Words in the anonymised text.", examples=[6])
    created_at: str = Field(..., description="When it was stored (ISO 8601, UTC).",
                            examples=["2025-03-14T10:00:00+00:00"])
    consent_basis: str | None = Field(None, description="Lawful basis it was shared under.", examples=["consent"])
    consent_reference: str | None = Field(None, description="The agreement or consent text that covers it.",
                                          examples=["DSA-2025-014"])
    recorded_by: str | None = Field(None, description="Who recorded its consent: the account or token that sent "
                                    "it, or the login name for the command line.", examples=["user:sam@example.org"])
    themes: list[ThemeScore] = Field(default_factory=list, description="Themes the note is in.")


class StoredNoteDetail(StoredNote):
    redactions: list[Redaction] = Field(default_factory=list, description="What was replaced (never the "
                                        "original values).")


class NotesPage(BaseModel):
    organisation: str | None = Field(None, description="Your organisation: only its notes are listed.",
                                     examples=["Riverside Food Bank"])
    notes: list[StoredNote]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null at the end.")


# ---- submitting ---------------------------------------------------------------------------------------
def _raw(note: NoteFields, where: str) -> RawNote:
    from anonymise.replace import Corrections

    corrections = Corrections(note.hide, [(k.start, k.end) for k in note.keep]) if (note.hide or note.keep) else None
    return RawNote(note.text, check_source_type(note.source_type, "case_note", "source_type"),
                   parse_month(note.date, "date"), note.area, where=where, corrections=corrections)


def caller_org(request: Request, note: NoteIn | None = None) -> tuple[int, str]:
    principal: Principal = current_principal(request)
    if principal.org_id is None:
        raise ForbiddenError("Your account or token is not linked to an organisation, so it cannot store notes.",
                             fix="Ask an admin for a contributor account with --org set to your organisation.")
    if note is not None and note.organisation and note.organisation.strip() != principal.org:
        raise ForbiddenError(f"You can only share notes for your own organisation ({principal.org}).",
                             fix="Leave the organisation out, or give your own organisation's name.")
    return principal.org_id, principal.org


def _queue_key(request: Request):
    """Whose turn the anonymisation waits in: the caller's organisation (else the caller), so one
    organisation's big batch cannot hold up another's note (anonymise/workers.py)."""
    principal: Principal = current_principal(request)
    return principal.org_id if principal.org_id is not None else principal.label


def _out(ready, stored_id: int | None, themes: list, warnings: list | None = None,
         project_id: int | None = None) -> NoteOut:
    spans = ready.original_spans or [(None, None)] * len(ready.redactions)
    redactions = [{**r, "original_start": a, "original_end": b} for r, (a, b) in zip(ready.redactions, spans)]
    return NoteOut(stored=stored_id is not None, note_id=stored_id, text=ready.text, redactions=redactions,
                   area_code=ready.area_code, area_how=ready.area_how, themes=themes, warnings=warnings or [],
                   project_id=project_id)


def check_project(request: Request, store: Store, project_id: int | None) -> None:
    """Refuse sharing into a project the caller's organisation is not a member of (404) or that is closed (400),
    before anything is anonymised or stored (engine/projects.check_sharer)."""
    if project_id is not None:
        from engine.projects import check_sharer

        org_id, org = caller_org(request)
        check_sharer(store, project_id, org_id, org)


def _warnings(request: Request, store: Store, ready) -> list:  # a preview's residual risks, from the anonymised text
    return [r.as_dict() for r in request.app.state.models.residual_risk_for(store).find(ready.text)] + _hidden(ready)


def _hidden(ready) -> list:  # previews and stored notes alike: most of the note was hidden (anonymise/hidden_share.py)
    from anonymise.hidden_share import mostly_hidden_warning

    warning = mostly_hidden_warning(ready.text, ready.redactions, ready.original_spans)
    return [warning] if warning else []


def _store(request: Request, store: Store, pipeline, ready: list, consent: str, channel: str,
           reference: str | None = None) -> list:
    """Store anonymised notes as one submission; returns each note's new id (None if already stored).
    The consent record is checked first (engine/agreements.py) and kept with who sent it."""
    from engine.agreements import check_consent

    org_id, _ = caller_org(request)
    record = check_consent(store, org_id, consent, reference)
    result = store.add_submission(org_id, ready, channel, record["consent_basis"], record["consent_reference"],
                                  current_principal(request).label)
    if result["note_ids"]:
        pipeline.flag_near_duplicates(result["note_ids"])
        pipeline.assign_pending()
    ids = iter(result["note_ids"])
    dupes = set(result["duplicate_indexes"])
    return [None if i in dupes else next(ids) for i in range(len(ready))]


def submit_note(request: Request, store: Store, note: NoteIn, preview: bool, channel: str) -> NoteOut:
    """Anonymise one note and (unless previewing) store it under the caller's organisation. A note the
    anonymiser cannot process is rejected whole: the error is raised and nothing is stored."""
    if not preview:
        caller_org(request, note)
        check_project(request, store, note.project_id)
    pipeline = request.app.state.models.pipeline(store)
    ready, rejected = pipeline.anonymise_request([_raw(note, "the note")], _queue_key(request))
    if rejected:
        raise rejected[0]["exception"]
    if preview:
        return _out(ready[0], None, [], _warnings(request, store, ready[0]))
    [note_id] = _store(request, store, pipeline, ready, note.consent_basis, channel, note.consent_reference)
    if note_id is None:
        return _out(ready[0], None, [], _hidden(ready[0]))
    if note.project_id is not None:
        from engine.projects import tag

        tag(store, note.project_id, [note_id], current_principal(request).org_id, current_principal(request).label)
    themes = store.note_for_org(current_principal(request).org_id, note_id)["themes"]
    return _out(ready[0], note_id, themes, _hidden(ready[0]), note.project_id)


PREVIEW = Query(False, description="Return the anonymised text, what was replaced and `warnings` (words left that "
                "might still identify someone), without storing anything.")


@router.post("/notes", summary="Submit a note (anonymised on arrival), or preview it", response_model=NoteOut,
             responses={404: NOT_FOUND[404] | {"description": "project_id names no project your organisation "
                                                              "takes part in (nothing stored)."}})
def post_note(note: NoteIn, request: Request, preview: bool = PREVIEW, store: Store = Depends(get_store)) -> NoteOut:
    """Anonymise a note and store it under your organisation. With `preview=true` nothing is stored: check what
    was hidden, then send it again with `hide` (words missed) and `keep` (spans that are not personal). With
    `project_id` the stored note is tagged to that community insights project (your organisation must be a
    member; a project it is not in answers 404, a closed one 400, and nothing is stored)."""
    return submit_note(request, store, note, preview, channel="api")


@router.post("/notes/batch", summary="Submit up to 100 notes at once (or preview them)", response_model=BatchOut)
def post_batch(batch: BatchIn, request: Request, preview: bool = PREVIEW,
               store: Store = Depends(get_store)) -> BatchOut:
    """Each note is anonymised on its own. A note that fails is rejected whole and reported by its index;
    the others are stored as one submission (under each note's consent basis)."""
    if not preview:
        org_id, _ = caller_org(request)
        from engine.quotas import (
            check_upload,  # the per-organisation daily quota covers batches too
        )

        settings = request.app.state.settings
        check_upload(settings.db_path, settings, org_id, len(batch.notes), "the batch")
    pipeline = request.app.state.models.pipeline(store)
    raws = [_raw(n, f"note {i}") for i, n in enumerate(batch.notes)]
    ready, rejected = pipeline.anonymise_request(raws, _queue_key(request))
    failed = {r["where"]: r["error"] for r in rejected}
    items: list[BatchItem | None] = [None] * len(raws)
    ok = [i for i, raw in enumerate(raws) if raw.where not in failed]
    for i, raw in enumerate(raws):
        if raw.where in failed:
            items[i] = BatchItem(index=i, error=failed[raw.where])
    stored = 0
    by_consent: dict[tuple, list[int]] = {}
    for i in ok:
        by_consent.setdefault((batch.notes[i].consent_basis, batch.notes[i].consent_reference), []).append(i)
    position = dict(zip(ok, ready))
    for (consent, reference), indexes in by_consent.items():
        ids = [None] * len(indexes) if preview else _store(request, store, pipeline,
                                                           [position[i] for i in indexes], consent, "api", reference)
        themes = {} if preview or not any(ids) else {
            n["id"]: n["themes"] for n in (store.note_for_org(current_principal(request).org_id, x)
                                           for x in ids if x is not None)}
        for i, note_id in zip(indexes, ids):
            stored += note_id is not None
            warnings = _warnings(request, store, position[i]) if preview else None
            items[i] = BatchItem(index=i, result=_out(position[i], note_id, themes.get(note_id, []), warnings))
    return BatchOut(stored=stored, rejected=len(failed), items=items)


# ---- reading your own organisation's notes ---------------------------------------------------------------
NOTE_COLUMNS = ["id", "submission_id", "external_id", "source_type", "month", "area_code", "area_how", "age_band",
                "consent_basis", "consent_reference", "recorded_by", "word_count", "created_at", "themes", "text"]


@router.get("/notes", summary="List your organisation's notes (anonymised text)", response_model=NotesPage,
            responses={200: CSV_RESPONSE})
def list_notes(request: Request, store: Store = Depends(get_store), limit: int = limit_param(),
               cursor: str | None = CURSOR,
               period: str | None = period_query(),
               area: str | None = Query(None, max_length=20, description="ONS code of the note's area.",
                                        examples=["E05009330"]),
               theme: str | None = Query(None, max_length=100, description="Only notes in this theme.",
                                         examples=["food_poverty"]),
               source_type: SourceType | None = Query(None, description="Only this kind of note.",
                                                      examples=["anecdote"]),
               format: str | None = FORMAT):
    """Only notes your own organisation shared, oldest first. Every read is recorded in the audit log."""
    principal = current_principal(request)
    if principal.org_id is None:
        rows = []
    else:
        start, end = month_range(period)
        rows = store.notes_for_org(principal.org_id, after_id=decode_cursor(cursor, "id"), limit=limit + 1,
                                   month_from=start, month_to=end, area_code=area, theme_id=theme,
                                   source_type=source_type)
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = encode_cursor({"id": rows[-1]["id"]}) if more else None
    if rows:
        store.audit_note_read(principal.label, principal.org_id, "GET /api/v1/notes", [r["id"] for r in rows])
    if wants_csv(request, format):
        flat = [{**r, "themes": ";".join(t["theme_id"] for t in r["themes"])} for r in rows]
        return csv_response(flat, NOTE_COLUMNS, next_cursor)
    return NotesPage(organisation=principal.org, notes=rows, next_cursor=next_cursor)


@router.get("/notes/{note_id}", summary="Read one of your organisation's notes", response_model=StoredNoteDetail,
            responses=NOT_FOUND)
def get_note(request: Request, note_id: int = Path(..., ge=1, le=2 ** 62, description="Note id.", examples=[42]),
             store: Store = Depends(get_store)) -> StoredNoteDetail:
    """A note from another organisation answers 404, as if it did not exist. The read is audited."""
    principal = current_principal(request)
    if principal.org_id is None:
        raise ForbiddenError("Your account or token is not linked to an organisation, so it has no notes.",
                             fix="Ask an admin for an account with --org set to your organisation.")
    note = store.note_for_org(principal.org_id, note_id)
    store.audit_note_read(principal.label, principal.org_id, f"GET /api/v1/notes/{note_id}", [note_id])
    return StoredNoteDetail(**note)


# ---- uploading a file of notes, as a background job ----------------------------------------------------------
