"""The analyst's pages: the theme list, one theme's explorer (trend by month or quarter, areas, quotes,
filtered by period and area) and the evidence view (stories next to numbers, as a table and a chart)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from engine.core.errors import InputError, InsightsError
from engine.core.periods import check_period
from engine.publish import early_warning, evidence, summary
from engine.publish.responses import find as find_responses
from engine.publish import theme_views as views
from engine.publish.quote_safety import QuoteGuard, held_fields
from service import charts
from service.api.deps import audit_quote_read, get_policy, get_store
from service.auth import ADMIN, ANALYST, require, verify_csrf
from service.pages.site import error_page, render

router = APIRouter(include_in_schema=False)
analyst = require(*ANALYST)


def area_choices(store) -> list[dict]:
    return [{"code": a["code"], "name": a["name"], "level": a["level"]} for a in store.areas()
            if a["level"] in ("ward", "lad")]


@router.get("/themes", response_class=HTMLResponse)
def themes_page(request: Request, principal=Depends(analyst), store=Depends(get_store), policy=Depends(get_policy)):
    guard = QuoteGuard(store, policy)
    emergent = views.emergent_list(store, policy, guard)
    audit_quote_read(request, "GET /themes", views.emergent_quote_note_ids(emergent))
    return render(request, "themes.html", themes=views.theme_list(store, policy), method=policy.method(),
                  emergent=emergent, **held_fields(guard.held, policy))


@router.get("/themes/{theme_id}", response_class=HTMLResponse)
def theme_page(request: Request, theme_id: str, period: str = "", area: str = "", by: str = "quarter",
               level: str = "ward",
               principal=Depends(analyst), store=Depends(get_store), policy=Depends(get_policy)):
    filters = {"period": period, "area": area, "by": by if by in ("month", "quarter") else "quarter",
               "level": level if level in summary.LEVELS else "ward"}
    try:
        view = summary.theme_view(store, policy, theme_id, period or None, [area] if area else None,
                                  filters["level"], filters["by"])
    except InsightsError as exc:
        if exc.status == 404:
            return error_page(request, exc)
        return render(request, "theme.html", status_code=exc.status, theme=store.theme(theme_id), view=None,
                      errors=[(exc.where or "period", exc.message)], filters=filters, areas=area_choices(store))
    audit_quote_read(request, f"GET /themes/{theme_id}", summary.quoted_note_ids(view))
    chart = None
    series = {view["label"]: [(t["period"], t["notes"]) for t in view["trend"]]}
    if charts.has_points(series):
        chart = charts.data_uri(charts.trend(series, f"Notes per {filters['by']}: {view['label']}"))
    said_did = find_responses(store, theme_id, area or None, period or None, general=True)  # "you said, we did"
    return render(request, "theme.html", theme=view, view=view, chart=chart, filters=filters,
                  areas=area_choices(store), responses=said_did, can_edit=principal.role in ("facilitator", "admin"),
                  outlook=_outlook(store, policy, theme_id, area), maps=_maps(store, policy, theme_id, period))


def _maps(store, policy, theme_id: str, period: str, level: str = "ward") -> list[dict]:
    """The theme's maps (service/maps.py) with their figures for the table beside each: by ward, one for each council
    whose ward boundaries are stored; by council (`level` "lad"), one of the councils. None stored: no maps (the
    page says how to add them)."""
    from markupsafe import Markup

    from engine.publish.maps import theme_map
    from service import maps

    if level == "lad":
        try:
            found = [theme_map(store, policy, theme_id, "lad", None, period or None)]
        except InputError:
            return []
    else:
        found = [theme_map(store, policy, theme_id, "ward", lad, period or None)
                 for lad in sorted({b["parent_code"] for b in store.boundaries(level="ward") if b["parent_code"]})
                 if store.area(lad) is not None]
    return [{**data, "svg": Markup(maps.to_svg(data, map_id=f"map-{i}"))} for i, data in enumerate(found)]


def _outlook(store, policy, theme_id: str, area: str) -> dict | None:
    """The early-warning projection for the page's area (all areas when none is chosen)."""
    level = next((a["level"] for a in area_choices(store) if a["code"] == area), None) if area else None
    if area and level is None:
        return None
    found = early_warning.theme_outlook(store, policy, theme_id, level, area or None)
    for series in found["series"]:
        if series["area_code"] == (area or None):
            return {**series, "method": found["method"]}
    return None


@router.post("/themes/refit")
def refit_post(request: Request, principal=Depends(require(*ADMIN)), _csrf: None = Depends(verify_csrf),
               policy=Depends(get_policy)):
    """Admins: check every note's themes again under the taxonomy in force, as a background job."""
    from engine.jobs import refit_work, start_job
    from service.api.deps import pipeline_factory

    settings = request.app.state.settings
    job_id = start_job(settings.db_path, "refit", 0, refit_work(pipeline_factory(request), policy),
                       owner=principal.label, org_id=principal.org_id)
    return RedirectResponse(f"/jobs/{job_id}", status_code=303)


@router.get("/evidence", response_class=HTMLResponse)
def evidence_page(request: Request, period: str = "", level: str = Query("ward"), theme: str = "",
                  principal=Depends(analyst), store=Depends(get_store), policy=Depends(get_policy)):
    filters = {"period": period, "level": level if level in ("ward", "lad") else "ward", "theme": theme}
    themes = {t["id"]: t["label"] for t in store.themes()}
    try:
        checked = check_period(period)
        rows = evidence.build(store, policy, filters["level"], checked)
    except InsightsError as exc:
        return render(request, "evidence.html", status_code=exc.status, rows=[], chart=None, filters=filters,
                      themes=themes, errors=[("period", exc.message)], method=policy.method(), maps=[],
                      map_theme=None)
    rows = [r for r in rows if not r["suppressed"] and (not theme or r["theme"] == theme)]
    points = [{**r, "theme_label": themes.get(r["theme"], r["theme"])} for r in rows
              if r["story_share"] is not None and r["indicator_percentile"] is not None]
    chart = charts.data_uri(charts.stories_vs_numbers(points, "Stories against numbers")) if points else None
    indicators = {i["id"]: i["label"] for i in store.indicators()}
    map_theme = _map_theme(store, rows, theme if theme in themes else "", themes)
    drawn = _maps(store, policy, map_theme, checked or "", filters["level"]) if map_theme else []
    return render(request, "evidence.html", rows=rows, chart=chart, filters=filters, themes=themes,
                  indicators=indicators, method=policy.method(), attention=evidence.ATTENTION_METHOD,
                  map_theme=map_theme, map_level=filters["level"], maps=drawn)


def _map_theme(store, rows: list[dict], chosen: str, themes: dict) -> str | None:
    """The theme the evidence page maps: the one chosen, else the one with the most notes in the rows shown, else
    (every row hidden) the theme in force with the most notes; its map then shows every area hatched."""
    if chosen:
        return chosen
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["theme"]] = totals.get(r["theme"], 0) + (r["notes"] or 0)
    if not totals:
        totals = {t: n for t, n in store.theme_note_counts().items() if t in themes}
    return min(totals, key=lambda t: (-totals[t], t)) if totals else None
