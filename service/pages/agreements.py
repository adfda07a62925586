"""The data-sharing agreement register page (/admin/agreements): admins see every organisation's agreements with
their review status and add new ones through a form. The checks are the library's (engine/agreements.py), as for
the API and the CLI; a problem comes back as the form with a message."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from engine import agreements as lib
from engine.core.errors import InsightsError
from service.api.deps import get_store
from service.auth import ADMIN, require, verify_csrf
from service.pages.site import render

router = APIRouter(include_in_schema=False)
admin = require(*ADMIN)
FIELDS = ("organisation", "reference", "parties", "purpose", "signed_on", "review_on")


def _page(request: Request, store, form: dict | None = None, status_code: int = 200, errors=None, saved=""):
    return render(request, "agreements.html", status_code=status_code, agreements=lib.register(store),
                  form=form or {}, errors=errors, saved=saved, limits=lib.LIMITS, soon=lib.REVIEW_SOON_DAYS)


@router.get("/admin/agreements", response_class=HTMLResponse)
def agreements_page(request: Request, saved: str = "", principal=Depends(admin), store=Depends(get_store)):
    return _page(request, store, saved=saved)


@router.post("/admin/agreements", response_class=HTMLResponse)
def agreements_post(request: Request, organisation: str = Form(""), reference: str = Form(""),
                    parties: str = Form(""), purpose: str = Form(""), signed_on: str = Form(""),
                    review_on: str = Form(""), principal=Depends(admin), _csrf: None = Depends(verify_csrf),
                    store=Depends(get_store)):
    form = dict(zip(FIELDS, (organisation, reference, parties, purpose, signed_on, review_on)))
    try:
        a = lib.add(store, organisation, reference, parties, purpose, signed_on, review_on, principal.label)
    except InsightsError as exc:
        field = exc.where if exc.where in FIELDS else "reference"
        return _page(request, store, form, status_code=exc.status, errors=[(field, f"{exc.message} {exc.fix}")])
    return RedirectResponse(f"/admin/agreements?saved={a['reference']}", status_code=303)
