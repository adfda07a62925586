"""The API, versioned under /api/v1. This module assembles one router per resource (service/api_*.py) and
keeps the evidence and health routes. (The reports router, service/api/reports.py, carries its own /api/v1
prefix and is included by service/app.py.) Routes are thin: each calls an engine function.

Access is denied by default (service/auth.py); each resource router names the roles it allows."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from engine.publish import evidence as evidence_mod
from engine.publish.suppression import Policy
from engine.store import Store
from service.api import agreements as api_agreements
from service.api import areas as api_areas
from service.api import dpia as api_dpia
from service.api import early_warning as api_early_warning
from service.api import emergent as api_emergent
from service.api import exports as api_exports
from service.api import governance as api_governance
from service.api import maps as api_maps
from service.api import notes as api_notes
from service.api import picture as api_picture
from service.api import projects as api_projects
from service.api import quote_holds as api_quote_holds
from service.api import review_queue as api_review_queue
from service.api import responses as api_responses
from service.api import themes as api_themes
from service.api import uploads as api_uploads
from service.api import near_duplicates as api_near_duplicates
from service.api import usage as api_usage
from service.api.deps import CSV_RESPONSE, ERRORS, get_lazy_store, get_policy, get_store
from service.api.notes import NoteIn, NoteOut, submit_note
from service.auth import ANALYST, require

__all__ = ["router", "get_store", "get_policy", "NoteIn", "NoteOut", "submit_note"]

router = APIRouter(prefix="/api/v1")
evidence_router = APIRouter(dependencies=[Depends(require(*ANALYST))], responses=ERRORS)
open_router = APIRouter()


@evidence_router.get("/evidence", tags=["evidence"], summary="Stories next to numbers, per area and theme "
                     "(suppressed)", responses={200: CSV_RESPONSE})
async def get_evidence(request: Request, store=Depends(get_lazy_store), policy: Policy = Depends(get_policy),
                       level: Literal["ward", "lad"] = Query("ward", description="Areas as wards or as councils "
                                                             "(local authority districts).", examples=["ward"]),
                       period: str | None = Query(None, description="Month (2025-03), quarter (2025-Q3) or year.",
                                                  examples=["2025-Q3"]),
                       format: Literal["json", "csv"] = Query("json", description="json, or csv for a CSV file.",
                                                              examples=["csv"])):
    """Records (one per area x theme), plus correlations across areas, story trends and indicator sources."""
    ready = request.app.state.view_cache.ready_json(("evidence", level, period)) if format == "json" else None
    return ready or await run_in_threadpool(_evidence, request, store, policy, level, period, format)


def _evidence(request: Request, store, policy: Policy, level: str, period: str | None, format: str):
    cache = request.app.state.view_cache
    result = cache.get(("evidence", level, period), lambda: evidence_mod.view(store(), policy, level, period))
    if format == "csv":
        sources = "; ".join(f"{s['indicator']}: {s['source']} ({s['licence']})" for s in result["sources"])
        return PlainTextResponse(evidence_mod.to_csv(result["records"]), media_type="text/csv",
                                 headers={"X-Suppression-Method": policy.method(), "X-Sources": sources})
    return cache.json(("evidence", level, period), lambda: result)


class Health(BaseModel):
    status: str = Field(..., description="'ok' when the service can read its database.", examples=["ok"])
    taxonomy_version: int | None = Field(None, description="The taxonomy version in force.", examples=[1])


@open_router.get("/health", tags=["health"], summary="Is the service up? (no sign-in needed)",
                 response_model=Health)
def health(store: Store = Depends(get_store)) -> dict:
    """For monitors and load balancers: answers without a token."""
    return {"status": "ok", "taxonomy_version": store.latest_taxonomy_version()}


for _module in (api_notes, api_uploads, api_themes, api_emergent, api_areas, api_review_queue, api_quote_holds,
                api_responses, api_near_duplicates, api_usage, api_picture, api_governance, api_early_warning,
                api_exports, api_projects, api_maps, api_dpia, api_agreements):
    router.include_router(_module.router)
router.include_router(evidence_router)
router.include_router(open_router)
