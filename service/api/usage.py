"""/api/v1/my/usage: how our notes were used. For the caller's own organisation only: which themes its notes
joined, the published evidence cells they counted in, the summaries, reports and digests they counted in, where its quotes were shown (summaries, reports, theme
pages; from the audit log of reads) and how many were counted once as near-duplicates. Every count is
suppressed and rounded. Contributors and admins (an organisation's own people)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from engine.publish import usage as lib
from engine.publish.suppression import Policy
from engine.store import Store
from service.api.deps import ERRORS, audit_quote_read, get_policy, get_store
from service.auth import CONTRIBUTOR, current_principal, require

router = APIRouter(tags=["my organisation"], dependencies=[Depends(require(*CONTRIBUTOR))], responses=ERRORS)


class ThemeUse(BaseModel):
    theme_id: str = Field(..., examples=["food_poverty"], description="Theme id.")
    label: str = Field(..., description="Theme name.")
    notes: int | None = Field(None, description="Your notes in the theme (counted once), rounded; null when fewer "
                              "than the threshold.", examples=[25])
    notes_label: str = Field(..., description="The count in words.", examples=["fewer than 10"])
    theme_notes: int | None = Field(None, description="All notes in the theme, as published.")
    theme_shown: bool = Field(..., description="True when the theme's count is published (yours is in it).")


class CellUse(BaseModel):
    level: str = Field(..., description="ward or lad (council).", examples=["ward"])
    area_code: str = Field(..., description="ONS code.", examples=["E05000442"])
    area_name: str | None = Field(None, description="Area name.")
    theme_id: str = Field(..., description="Theme id.")
    theme_label: str | None = Field(None, description="Theme name.")
    cell_notes: int | None = Field(None, description="The cell's published count of notes (all organisations).")
    organisations: int | None = Field(None, description="Organisations behind the cell.")
    your_notes: int | None = Field(None, description="Your notes in the cell, rounded; null when fewer than the "
                                   "threshold.")
    your_notes_label: str = Field(..., description="Your count in words.")


class Shown(BaseModel):
    kind: str = Field(..., description="report, summary, theme or emergent.", examples=["report"])
    where: str = Field(..., description="Where, in plain words.")
    times: int = Field(..., description="Times a quote of yours was shown there.")
    last_shown: str | None = Field(None, description="When last (UTC).")


class PublishedThemeUse(BaseModel):
    theme_id: str = Field(..., description="Theme id.")
    label: str = Field(..., description="Theme name.")
    your_notes: int | None = Field(None, description="Your notes counted in the theme's published figure there, "
                                   "rounded; null when fewer than the threshold.")
    your_notes_label: str = Field(..., description="Your count in words.", examples=["fewer than 10"])


class PublishedUse(BaseModel):
    kind: str = Field(..., description="summary (a page shown), report (a file downloaded) or digest (a monthly "
                      "digest written).", examples=["report"])
    where: str = Field(..., description="What it was, in plain words.")
    period: str | None = Field(None, description="The period it covered (null: all time).", examples=["2025-Q3"])
    period_label: str = Field(..., description="The period in words.")
    areas: list[dict] = Field(..., description="The areas it covered, {code, name} (empty: every area).")
    level: str | None = Field(None, description="ward or lad: how it counted areas.")
    times: int = Field(..., description="Times it was made with these filters.")
    first_made: str = Field(..., description="When first (UTC).")
    last_made: str = Field(..., description="When last (UTC); the counts are from then.")
    your_notes: int | None = Field(None, description="Your notes counted in it, rounded; null when fewer than the "
                                   "threshold.")
    your_notes_label: str = Field(..., description="Your count in words.")
    themes: list[PublishedThemeUse] = Field(..., description="Per theme whose figure it published: your notes in it.")


class QuoteUse(BaseModel):
    note_id: int = Field(..., description="Your note's id.")
    month: str | None = Field(None, description="Month of the note.")
    area_code: str | None = Field(None, description="ONS code of the note's area.")
    excerpt: str = Field(..., description="The quote as shown (anonymised, the first 60 words).")
    where: list[dict] = Field(..., description="Where it was shown: {where, times, last_shown}.")


class Usage(BaseModel):
    organisation: str | None = Field(None, description="Your organisation.")
    method: str = Field(..., description="How small numbers were suppressed and counts rounded.")
    notes: int | None = Field(None, description="Notes your organisation has shared, rounded.")
    notes_label: str | None = Field(None, description="The same in words.")
    counted_once: int | None = Field(None, description="Your notes counted once because they repeat an earlier "
                                     "note (near-duplicates), rounded; null when fewer than the threshold.")
    counted_once_label: str | None = Field(None, description="The same in words.")
    themes: list[ThemeUse]
    evidence_cells: list[CellUse]
    published_in: list[PublishedUse]
    shown_in: list[Shown]
    quotes: list[QuoteUse]


@router.get("/my/usage", summary="How our notes were used: themes, evidence cells, reports and quotes",
            response_model=Usage)
def my_usage(request: Request, store: Store = Depends(get_store), policy: Policy = Depends(get_policy)) -> dict:
    """Only your own organisation's notes; every count suppressed and rounded. Reading your quotes is audited."""
    principal = current_principal(request)
    result = lib.usage(store, policy, principal.org_id, principal.org)
    audit_quote_read(request, "GET /api/v1/my/usage", lib.quoted_note_ids(result))
    return result
