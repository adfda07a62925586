"""The analyst's "Check these notes" page: one note at a time from the review queue (engine/review_queue.py),
with a Yes / No button for each theme suggested (or near), "Add a missing theme", "None of these fit" and
"Skip". Plain forms that POST and redirect: no script needed, every action a real button (Tab, then Enter)."""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from engine.core.errors import InputError, InsightsError
from service.api.deps import audit_quote_read, get_policy, get_store
from service.api.review_queue import VerdictIn, give_verdict, queue_for
from service.auth import ANALYST, require, verify_csrf
from service.pages.site import error_page, render

router = APIRouter(include_in_schema=False)
analyst = require(*ANALYST)
PAGE = "/check-notes"
MAX_SKIPPED = 200


def _skipped(value: str) -> list[int]:
    """Note ids skipped so far this round (carried in the address, never stored)."""
    return [int(v) for v in value.split(",") if v.strip().isdigit()][-MAX_SKIPPED:]


def _address(skipped: list[int], saved: str = "") -> str:
    query = {k: v for k, v in {"skip": ",".join(map(str, skipped)), "saved": saved}.items() if v}
    return PAGE + ("?" + urlencode(query) if query else "")


@router.get(PAGE, response_class=HTMLResponse)
def check_notes(request: Request, skip: str = "", saved: str = "", principal=Depends(analyst),
                store=Depends(get_store), policy=Depends(get_policy)):
    """The next note to check (after any skipped this round), or a word that there is none."""
    skipped = _skipped(skip)
    queue = queue_for(request, store, policy, 1, set(skipped))
    note = queue["notes"][0] if queue["notes"] else None
    audit_quote_read(request, f"GET {PAGE}", [note["note_id"]] if note else [])
    taxonomy = [{"id": t["id"], "label": t["label"]} for t in store.themes()]
    shown = {t["id"] for t in note["suggested"]} if note else set()
    near = [t for t in note["near"] if t["id"] not in shown] if note else []
    return render(request, "check_notes.html", note=note, near=near, taxonomy=taxonomy, saved=saved,
                  skip=",".join(map(str, skipped)), skipped=bool(skipped))


@router.post(PAGE + "/{note_id}")
def check_note_post(request: Request, note_id: int, verdict: str = Form(..., max_length=120),
                    add_theme: str = Form("", max_length=100), skip: str = Form("", max_length=4000),
                    principal=Depends(analyst), _csrf: None = Depends(verify_csrf), store=Depends(get_store)):
    """One verdict (a Yes or No on one theme, a missing theme added, or none of these fit), or a skip."""
    skipped = _skipped(skip)
    action, _, theme_id = verdict.partition(":")
    if action == "skip":
        return RedirectResponse(_address(skipped + [note_id]), status_code=303)
    body = {"confirm": VerdictIn(confirm=[theme_id]), "reject": VerdictIn(reject=[theme_id]),
            "add": VerdictIn(add=[add_theme]), "none": VerdictIn(none_of_these=True)}.get(action)
    try:
        if body is None or (action == "add" and not add_theme):
            raise InputError("Choose what the note is about before you save.", where="add_theme",
                             fix="Pick a theme from the list, then choose Add this theme.")
        give_verdict(request, store, note_id, body)
    except InsightsError as exc:
        return error_page(request, exc)
    return RedirectResponse(_address(skipped, "1"), status_code=303)

