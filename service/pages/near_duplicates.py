"""The analyst's review of near-duplicate notes (/near-duplicates): each pair of notes that tell the same story
(found at ingest, counted once), side by side, with a button to say "not a duplicate" (both then count) or to
count it once again. The same library calls as /api/v1/near-duplicates (engine/publish/near_duplicate_pairs.py)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from engine.publish import near_duplicate_pairs as lib
from service.api.deps import audit_quote_read, get_store
from service.auth import ANALYST, require, verify_csrf
from service.pages.site import render

router = APIRouter(include_in_schema=False)
analyst = require(*ANALYST)
DONE = {"not_duplicate": "Marked not a duplicate: both notes count from now on.",
        "flagged": "Marked a duplicate again: the later note is counted once."}
SHOWN = 100


@router.get("/near-duplicates", response_class=HTMLResponse)
def pairs_page(request: Request, status: str = "flagged", done: str = "", principal=Depends(analyst),
               store=Depends(get_store)):
    status = status if status in ("flagged", "not_duplicate") else "flagged"
    pairs, note_ids = lib.pairs_for(store, org_id=principal.org_id, see_all=True, status=status, limit=SHOWN)
    audit_quote_read(request, "GET /near-duplicates", note_ids)
    return render(request, "near_duplicates.html", pairs=pairs, status=status, done=DONE.get(done),
                  counts=store.near_duplicate_counts(), shown=SHOWN, settings=request.app.state.settings)


@router.post("/near-duplicates/{pair_id}/review")
def review_post(request: Request, pair_id: int, status: str = Form(""), principal=Depends(analyst),
                _csrf: None = Depends(verify_csrf), store=Depends(get_store)):
    pair = lib.review(store, pair_id, status, principal.label)
    audit_quote_read(request, f"POST /near-duplicates/{pair_id}/review",
                     [pair["note"]["note_id"], pair["twin"]["note_id"]])
    back = "not_duplicate" if status == "flagged" else "flagged"
    return RedirectResponse(f"/near-duplicates?status={back}&done={status}", status_code=303)
