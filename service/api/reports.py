"""GET /api/v1/reports/summary: the facilitator's "what we're hearing" summary as Markdown, HTML, Word or
PDF (charts embedded as images), for a period and a set of areas; GET /api/v1/reports/pack: the evidence pack (a zip,
service/packs.py). Facilitators and admins only."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from engine.publish.summary import build_summary, quoted_note_ids
from engine.publish.suppression import Policy
from engine.store import Store
from service import packs, reports
from service.api.deps import ERRORS, NOT_FOUND, audit_publication, audit_quote_read, get_policy, get_store
from service.auth import FACILITATOR, current_principal, require

router = APIRouter(prefix="/api/v1", tags=["reports"], dependencies=[Depends(require(*FACILITATOR))],
                   responses=ERRORS)

MEDIA = {fmt: {"description": f"The summary as {fmt}"} for fmt in ("text/markdown", "text/html",
                                                                   reports.FORMATS["docx"][0], "application/pdf")}


@router.get("/reports/summary", summary="\"What we're hearing\": a summary for a period and areas, as a file",
            response_class=Response,
            responses={200: {"description": "The summary file (Content-Disposition names it).",
                             "content": {m: {} for m in MEDIA}}})
def summary_report(
    request: Request,
    period: str | None = Query(None, description="Month (2025-03), quarter (2025-Q3) or year (2025); empty for "
                               "all time. Rising themes compare with the period before.", examples=["2025-Q3"],
                               max_length=7),
    areas: str | None = Query(None, description="ONS codes, comma-separated (wards or councils); empty for all.",
                              examples=["E06000064,E05000442"], max_length=2000),
    level: Literal["ward", "lad"] = Query(
        "lad", description="Count areas as wards or as councils (LADs).", examples=["lad"]),
    format: Literal["md", "html", "docx", "pdf"] = Query(
        "md", description="File format: Markdown, HTML, Word or PDF (charts embedded as images).", examples=["docx"]),
    store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
) -> Response:
    """Top and rising themes, new emergent themes, stories next to numbers, 3-4 quotes per theme from cells
    that pass suppression, caveats and sources. Every count is suppressed and rounded."""
    codes = [a.strip() for a in (areas or "").split(",") if a.strip()]
    data = build_summary(store, policy, period or None, codes or None, level)
    content, media, name = reports.render(data, format)
    audit_quote_read(request, "GET /api/v1/reports/summary", quoted_note_ids(data))
    audit_publication(request, store, data, "report", "GET /api/v1/reports/summary", format)
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/reports/pack", summary="Evidence pack: the summary, evidence, quotes, responses, charts, method and "
            "sources in one zip", response_class=Response,
            responses={200: {"description": "The pack (Content-Disposition names it).",
                             "content": {packs.MEDIA: {}}}, **NOT_FOUND})
def evidence_pack(
    request: Request,
    period: str | None = Query(None, description="Month (2025-03), quarter (2025-Q3) or year (2025); empty for "
                               "all time.", examples=["2025-Q3"], max_length=7),
    areas: str | None = Query(None, description="ONS codes, comma-separated (wards or councils); empty for all.",
                              examples=["E06000064,E05000442"], max_length=2000),
    level: Literal["ward", "lad"] = Query(
        "lad", description="Count areas as wards or as councils (LADs).", examples=["lad"]),
    project_id: int | None = Query(None, ge=1, le=2 ** 62, description="A community insights project: the summary "
                                   "for its period and areas (unless given), plus its own theme view, quotes and "
                                   "decision log.", examples=[1]),
    store: Store = Depends(get_store), policy: Policy = Depends(get_policy),
) -> Response:
    """One zip: the "what we're hearing" summary as Word, PDF and Markdown; evidence.csv (one row per area and
    theme); quotes.csv (with area and month); responses.csv ("you said, we did"); each chart as PNG; method.md;
    sources.md (licences); manifest.json (filters, and each file's SHA-256). Every count suppressed and rounded."""
    codes = [a.strip() for a in (areas or "").split(",") if a.strip()]
    content, data, _ = packs.build_pack(store, policy, period or None, codes or None, level,
                                        made_by=current_principal(request).label, project_id=project_id)
    audit_quote_read(request, "GET /api/v1/reports/pack", packs.quoted_ids(data))
    audit_publication(request, store, data, "pack", "GET /api/v1/reports/pack", "zip")
    return Response(content, media_type=packs.MEDIA,
                    headers={"Content-Disposition": f'attachment; filename="{packs.pack_name(data)}"'})
