"""The analyst's review of held quotes (/quote-holds): each quote that quote safety held back, with the reasons in
plain words, and two forms: show it as it is, or show a shorter version (anonymised again before it is kept).
The same library calls as /api/v1/quote-holds (engine/publish/quote_safety.py)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from engine.core.errors import InputError
from engine.publish import quote_safety
from service.api.deps import audit_quote_read, get_policy, get_store
from service.auth import ANALYST, require, verify_csrf
from service.pages.site import render

router = APIRouter(include_in_schema=False)
analyst = require(*ANALYST)
DONE = {"approved": "The quote was approved: it is shown from now on.",
        "trimmed": "The shorter quote was saved: it is shown instead of the original from now on."}


def _page(request: Request, store, policy, status_code: int = 200, **context) -> HTMLResponse:
    holds = quote_safety.review_list(store, policy)
    audit_quote_read(request, "GET /quote-holds", [h["note_id"] for h in holds if h["note_id"]])
    return render(request, "quote_holds.html", status_code=status_code, holds=holds,
                  threshold=policy.quote_risk_threshold, **context)


@router.get("/quote-holds", response_class=HTMLResponse)
def holds_page(request: Request, done: str = "", principal=Depends(analyst), store=Depends(get_store),
               policy=Depends(get_policy)):
    return _page(request, store, policy, done=DONE.get(done))


@router.post("/quote-holds/{hold_id}/approve")
def approve_post(request: Request, hold_id: int, principal=Depends(analyst), _csrf: None = Depends(verify_csrf),
                 store=Depends(get_store)):
    hold = quote_safety.approve(store, hold_id, principal.label)
    audit_quote_read(request, f"POST /quote-holds/{hold_id}/approve", [hold["note_id"]] if hold["note_id"] else [])
    return RedirectResponse("/quote-holds?done=approved", status_code=303)


@router.post("/quote-holds/{hold_id}/trim", response_class=HTMLResponse)
def trim_post(request: Request, hold_id: int, text: str = Form(""), principal=Depends(analyst),
              _csrf: None = Depends(verify_csrf), store=Depends(get_store), policy=Depends(get_policy)):
    anonymiser = request.app.state.models.anonymiser_for(store)
    try:
        hold = quote_safety.trim(store, policy, hold_id, text, principal.label,
                                 lambda t: anonymiser.anonymise(t).text)
    except InputError as exc:
        return _page(request, store, policy, status_code=exc.status, errors=[(f"trim-{hold_id}", exc.message)],
                     failed={"id": hold_id, "text": text, "fix": exc.fix})
    audit_quote_read(request, f"POST /quote-holds/{hold_id}/trim", [hold["note_id"]] if hold["note_id"] else [])
    return RedirectResponse("/quote-holds?done=trimmed", status_code=303)
