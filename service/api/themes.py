"""/api/v1/themes: the themes heard in notes (list, detail, monthly trend, areas, quotes), all after
small-number suppression. Analysts, facilitators and admins. Quotes are excerpts only from area cells that
suppression leaves visible; no other note text is served here, and every read of quotes is audited (who, when,
route, which notes) in the audit file, which the view cache does not watch (engine/store/audit.py)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, Field

from engine.core.periods import in_period, month_range
from engine.publish import theme_views as views
from engine.publish.suppression import Policy
from engine.store import Store
from service.api.deps import (
    CSV_RESPONSE,
    CURSOR,
    ERRORS,
    FORMAT,
    NOT_FOUND,
    SourceType,
    audit_quote_read,
    csv_response,
    get_lazy_store,
    get_policy,
    get_store,
    limit_param,
    page_of,
    period_query,
    wants_csv,
)
from service.auth import ANALYST, require

router = APIRouter(tags=["themes"], dependencies=[Depends(require(*ANALYST))], responses=ERRORS)

THEME_ID = Path(..., max_length=100, description="Theme id, as listed by GET /api/v1/themes.",
                examples=["food_poverty"])
METHOD = Field(..., description="How small numbers were suppressed and counts rounded.",
               examples=["Counts of notes below 10 (20 for sensitive themes) are not shown; other counts are "
                         "rounded to the nearest 5."])
NOTES = Field(None, description="Notes in the theme, rounded to the nearest 5; null when suppressed.",
              examples=[120])
SUPPRESSED = Field(..., description="True when the count is too small to show.", examples=[False])
SHARE = Field(None, description="Share of all notes in the same month or area (0-1); null when suppressed.",
              examples=[0.18])
ORGANISATIONS = Field(None, description="How many distinct organisations the counted notes came from (near-"
                      "duplicates counted once); null where the count of notes is suppressed.", examples=[4])
FEW_ORGANISATIONS = Field(None, description="True when only one or two organisations raised it, so one big "
                          "service cannot look like a whole borough; null when suppressed.", examples=[False])
ORGANISATIONS_LABEL = Field(None, description="The organisations count in plain words; null when suppressed.",
                            examples=["raised by only one or two organisations"])


class ThemeSummary(BaseModel):
    id: str = Field(..., description="Stable theme id.", examples=["food_poverty"])
    label: str = Field(..., description="Name in plain words.", examples=["Food poverty"])
    description: str | None = Field(None, description="What the theme covers.",
                                    examples=["Not having enough to eat; food banks and vouchers."])
    sensitive: bool = Field(..., description="Sensitive themes use a higher suppression threshold.",
                            examples=[False])
    notes: int | None = NOTES
    suppressed: bool = SUPPRESSED
    notes_label: str = Field(..., description="The count as shown to people, e.g. 'fewer than 10'.",
                             examples=["120"])
    organisations: int | None = ORGANISATIONS
    few_organisations: bool | None = FEW_ORGANISATIONS
    organisations_label: str | None = ORGANISATIONS_LABEL


class ThemesPage(BaseModel):
    method: str = METHOD
    themes: list[ThemeSummary]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null at the end.")


class MonthCount(BaseModel):
    month: str = Field(..., description="Month, ISO (YYYY-MM).", examples=["2025-03"])
    notes: int | None = NOTES
    suppressed: bool = SUPPRESSED
    share: float | None = SHARE


class AreaCount(BaseModel):
    area_code: str = Field(..., description="ONS code.", examples=["E05000442"])
    area_name: str | None = Field(None, description="Area name.", examples=["Downham"])
    notes: int | None = NOTES
    share: float | None = SHARE


class Quote(BaseModel):
    text: str = Field(..., description="An anonymised excerpt (at most 60 words).",
                      examples=["She has been skipping meals so the children can eat ..."])
    month: str | None = Field(None, description="Month of the note (YYYY-MM).", examples=["2025-03"])
    area_code: str | None = Field(None, description="ONS code of the note's area.", examples=["E05000442"])


HELD_BACK = Field(None, description="Quotes held back for an analyst's review (quote safety: rare details that "
                  "together could point at someone), a count suppressed and rounded like any other; null when "
                  "fewer than the threshold (0 included).", examples=[15])
HELD_BACK_LABEL = Field(..., description="The held-back count in words.",
                        examples=["Fewer than 10 quotes are held back for review: they hold details that together "
                                  "could point at someone."])


class ThemeDetail(BaseModel):
    id: str = Field(..., description="Stable theme id.", examples=["food_poverty"])
    label: str = Field(..., description="Name in plain words.", examples=["Food poverty"])
    description: str | None = Field(None, description="What the theme covers.")
    sensitive: bool = Field(..., description="Sensitive themes use a higher suppression threshold.")
    examples: list[str] = Field(default_factory=list, description="Example phrases from the taxonomy.")
    notes: int | None = NOTES
    suppressed: bool = SUPPRESSED
    organisations: int | None = ORGANISATIONS
    few_organisations: bool | None = FEW_ORGANISATIONS
    organisations_label: str | None = ORGANISATIONS_LABEL
    trend: list[MonthCount] = Field(..., description="Notes per month.")
    top_areas: list[AreaCount] = Field(..., description="Up to 10 areas with the most notes (visible ones only).")
    quotes: list[Quote] = Field(..., description="3-5 representative, varied quotes from visible cells.")
    held_back: int | None = HELD_BACK
    held_back_label: str = HELD_BACK_LABEL
    method: str = METHOD


class TrendPage(BaseModel):
    theme_id: str = Field(..., examples=["food_poverty"], description="Theme id.")
    method: str = METHOD
    trend: list[MonthCount]


class AreasPage(BaseModel):
    theme_id: str = Field(..., examples=["food_poverty"], description="Theme id.")
    method: str = METHOD
    areas: list[AreaCount]
    next_cursor: str | None = Field(None, description="Pass as `cursor` for the next page; null at the end.")


class QuotesPage(BaseModel):
    theme_id: str = Field(..., examples=["food_poverty"], description="Theme id.")
    quotes: list[Quote]
    held_back: int | None = HELD_BACK
    held_back_label: str = HELD_BACK_LABEL


def _detail(store: Store, policy: Policy, theme_id: str, quotes: int = 5, cache=None) -> dict:
    """A theme's published detail; from `cache` (the app's ViewCache) when given."""
    if cache is None:
        return views.theme_detail(store, policy, theme_id, quotes=quotes)
    return cache.get(("theme_detail", theme_id, quotes),
                     lambda: views.theme_detail(store, policy, theme_id, quotes=quotes))


PERIOD_FILTER = period_query("Only notes from this month (2025-03), quarter (2025-Q3) or year (2025).")
AREA_FILTER = Query(None, min_length=1, max_length=20, description="Only notes placed in this area or in an area "
                    "inside it: an ONS code, such as a ward, or a council for all its wards. A code we do not hold "
                    "is a 400 (GET /api/v1/areas lists the codes).", examples=["E09000023"])
SOURCE_FILTER = Query(None, description="Only this kind of note: case_note, transcript or anecdote.",
                      examples=["case_note"])
ORG_FILTER = Query(None, min_length=1, max_length=200, description="Only notes shared by this organisation, by "
                   "its name as registered. A name we do not hold is a 400.", examples=["Riverside Food Bank"])


def _filter_key(period: str | None, area: str | None, source_type: str | None,
                organisation: str | None) -> tuple:
    """The filters in one normal form, for the cache key: () when there are none."""
    values = (period or None, (area or "").strip().upper() or None, source_type or None,
              (organisation or "").strip() or None)
    return values if any(values) else ()


@router.get("/themes", summary="List themes with note counts (suppressed), optionally filtered",
            response_model=ThemesPage, responses={200: CSV_RESPONSE})
async def list_themes(request: Request, store=Depends(get_lazy_store), policy: Policy = Depends(get_policy),
                      limit: int = limit_param(100), cursor: str | None = CURSOR,
                      period: str | None = PERIOD_FILTER, area: str | None = AREA_FILTER,
                      source_type: SourceType | None = SOURCE_FILTER, organisation: str | None = ORG_FILTER,
                      format: str | None = FORMAT):
    """Every active theme, most-heard first, with its published note count. With filters (period, area, kind
    of note, organisation) each count is of the notes that match them all, and is suppressed and rounded the
    same way: a filtered count below the threshold (higher for sensitive themes) is not shown."""
    csv = wants_csv(request, format)
    filters = _filter_key(period, area, source_type, organisation)
    ready = None if csv else request.app.state.view_cache.ready_json(("theme_list", limit, cursor) + filters)
    return ready or await run_in_threadpool(_list_themes, request, store, policy, limit, cursor, csv, filters)


def _list_themes(request: Request, store, policy: Policy, limit: int, cursor: str | None, csv: bool,
                 filters: tuple = ()):
    cache = request.app.state.view_cache
    if filters:
        period, area, source_type, organisation = filters
        start, end = month_range(period)

        def compute():
            checked = views.list_filters(store(), month_from=start, month_to=end, area=area,
                                         source_type=source_type, organisation=organisation)
            return views.theme_list(store(), policy, checked)
    else:
        def compute():
            return views.theme_list(store(), policy)
    themes = cache.get(("theme_list",) + filters, compute)
    rows, next_cursor = page_of(themes, limit, cursor)
    if csv:
        return csv_response(rows, ["id", "label", "sensitive", "notes", "suppressed", "notes_label", "organisations",
                                   "few_organisations"], next_cursor, policy.method())
    return cache.json(("theme_list", limit, cursor) + filters,
                      lambda: {"method": policy.method(), "themes": rows, "next_cursor": next_cursor})


def _detail_page(store: Store, policy: Policy, theme_id: str, cache) -> tuple[dict, list[int]]:
    """The theme detail as published (quotes without note ids), and the ids of the notes quoted."""
    detail = _detail(store, policy, theme_id, cache=cache)
    quotes, note_ids = views.public_quotes(detail["quotes"])
    return {**detail, "quotes": quotes}, note_ids


@router.get("/themes/{theme_id}", summary="One theme: counts, monthly trend, top areas, quotes",
            response_model=ThemeDetail, responses=NOT_FOUND)
async def get_theme(request: Request, theme_id: str = THEME_ID, store=Depends(get_lazy_store),
                    policy: Policy = Depends(get_policy)):
    """Everything about one theme on one page, after suppression. Reading its quotes is audited."""
    cache = request.app.state.view_cache
    key = ("theme_detail_page", theme_id)
    body, note_ids = cache.ready_with_ids(key) or await run_in_threadpool(
        cache.json_with_ids, key, lambda: _detail_page(store(), policy, theme_id, cache))
    audit_quote_read(request, f"GET /api/v1/themes/{theme_id}", note_ids)
    return Response(body, media_type="application/json")


@router.get("/themes/{theme_id}/trend", summary="Notes in a theme per month (suppressed)", response_model=TrendPage,
            responses={**NOT_FOUND, 200: CSV_RESPONSE})
def theme_trend(request: Request, theme_id: str = THEME_ID, period: str | None = period_query(),
                store: Store = Depends(get_store), policy: Policy = Depends(get_policy), format: str | None = FORMAT):
    """One row per month with notes; `period` keeps only the months in it."""
    month_range(period)  # a bad period is a 400 before any work
    detail = _detail(store, policy, theme_id, quotes=0, cache=request.app.state.view_cache)
    rows = [m for m in detail["trend"] if in_period(m["month"], period)]
    if wants_csv(request, format):
        return csv_response(rows, ["month", "notes", "suppressed", "share"], method=policy.method())
    return {"theme_id": theme_id, "method": policy.method(), "trend": rows}


@router.get("/themes/{theme_id}/areas", summary="Where a theme is heard: notes per area (suppressed)",
            response_model=AreasPage, responses={**NOT_FOUND, 200: CSV_RESPONSE})
def theme_areas(request: Request, theme_id: str = THEME_ID, store: Store = Depends(get_store),
                policy: Policy = Depends(get_policy), limit: int = limit_param(), cursor: str | None = CURSOR,
                format: str | None = FORMAT):
    """Areas with enough notes to show, most first. Areas with too few notes are left out."""
    detail = _detail(store, policy, theme_id, quotes=0, cache=request.app.state.view_cache)
    rows, next_cursor = page_of(detail["top_areas"], limit, cursor)
    if wants_csv(request, format):
        return csv_response(rows, ["area_code", "area_name", "notes", "share"], next_cursor, policy.method())
    return {"theme_id": theme_id, "method": policy.method(), "areas": rows, "next_cursor": next_cursor}


@router.get("/themes/{theme_id}/quotes", summary="Representative quotes for a theme", response_model=QuotesPage,
            responses=NOT_FOUND)
def theme_quotes(request: Request, theme_id: str = THEME_ID, store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
                 n: int = Query(5, ge=1, le=10, description="How many quotes, 1-10.", examples=[5]),
                 area: str | None = Query(None, max_length=20, description="Only quotes from this area (ONS code).",
                                          examples=["E05000442"]),
                 period: str | None = period_query()) -> dict:
    """Varied, high-scoring anonymised excerpts, only from area cells large enough to show, and only those that
    quote safety lets through; `held_back` counts the ones held for review. Audited."""
    month_range(period)
    page = request.app.state.view_cache.get(("theme_quotes", theme_id, n, area, period),
                                            lambda: views.theme_quotes(store, policy, theme_id, n, area, period))
    shown, note_ids = views.public_quotes(page["quotes"])
    audit_quote_read(request, f"GET /api/v1/themes/{theme_id}/quotes", note_ids)
    return {**page, "quotes": shown}
