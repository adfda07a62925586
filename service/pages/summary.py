"""The facilitator's page: choose a period and areas, see the "what we're hearing" summary, download it as
Markdown, HTML, Word or PDF (the same files as GET /api/v1/reports/summary), or the evidence pack (a zip)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from engine.core.errors import InsightsError
from engine.publish.summary import build_summary, quoted_note_ids
from service import packs, reports
from service.api.deps import audit_publication, audit_quote_read, get_policy, get_store
from service.auth import FACILITATOR, require
from service.pages.analyst import area_choices
from service.pages.site import render

router = APIRouter(include_in_schema=False)
facilitator = require(*FACILITATOR)


@router.get("/summary", response_class=HTMLResponse)
def summary_page(request: Request, period: str = "", areas: list[str] = Query(default_factory=list),
                 level: str = "lad", principal=Depends(facilitator), store=Depends(get_store),
                 policy=Depends(get_policy)):
    chosen = [a for a in areas if a]
    filters = {"period": period, "areas": chosen, "level": level if level in ("ward", "lad") else "lad"}
    context = {"filters": filters, "area_options": area_choices(store), "report": None, "query": ""}
    if "period" not in request.query_params:
        return render(request, "summary.html", **context)
    try:
        data = build_summary(store, policy, period or None, chosen or None, filters["level"])
    except InsightsError as exc:
        return render(request, "summary.html", status_code=exc.status, errors=[(exc.where or "period", exc.message)],
                      **context)
    audit_quote_read(request, "GET /summary", quoted_note_ids(data))
    audit_publication(request, store, data, "summary", "GET /summary")
    query = request.url.query
    return render(request, "summary.html", **{**context, "report": reports.to_html(data, standalone=False),
                                              "query": query, "title": reports.title(data)})


@router.get("/summary/download")
def summary_download(request: Request, format: str = "docx", period: str = "",
                     areas: list[str] = Query(default_factory=list), level: str = "lad",
                     principal=Depends(facilitator), store=Depends(get_store), policy=Depends(get_policy)):
    data = build_summary(store, policy, period or None, [a for a in areas if a] or None,
                         level if level in ("ward", "lad") else "lad")
    content, media, name = reports.render(data, format)
    audit_quote_read(request, "GET /summary/download", quoted_note_ids(data))
    audit_publication(request, store, data, "report", "GET /summary/download", format)
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/summary/pack")
def summary_pack(request: Request, period: str = "", areas: list[str] = Query(default_factory=list),
                 level: str = "lad", principal=Depends(facilitator), store=Depends(get_store),
                 policy=Depends(get_policy)):
    """The evidence pack for the summary on screen (the same zip as GET /api/v1/reports/pack)."""
    content, data, _ = packs.build_pack(store, policy, period or None, [a for a in areas if a] or None,
                                        level if level in ("ward", "lad") else "lad", made_by=principal.label)
    audit_quote_read(request, "GET /summary/pack", quoted_note_ids(data))
    audit_publication(request, store, data, "pack", "GET /summary/pack", "zip")
    return Response(content, media_type=packs.MEDIA,
                    headers={"Content-Disposition": f'attachment; filename="{packs.pack_name(data)}"'})
