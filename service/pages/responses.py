"""The "You said, we did" pages: everyone signed in reads the responses (filtered by theme, area, status and
period) and each one's changes; facilitators and admins record and update them through a form. The checks are
the library's (engine/publish/responses.py), as for the API: a problem comes back as the form with a message."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from engine.core.errors import InsightsError
from engine.core.vocab import RESPONSE_STATUSES
from engine.publish import responses as lib
from engine.store.access import ROLES
from service.api.deps import get_store
from service.api.responses import Checked
from service.auth import FACILITATOR, require, verify_csrf
from service.pages.analyst import area_choices
from service.pages.site import error_page, render

router = APIRouter(include_in_schema=False)
everyone = require(*ROLES)
facilitator = require(*FACILITATOR)
FIELD_LABELS = {"theme_id": "Theme", "area_code": "Area", "period": "Period", "said": "You said", "did": "We did",
                "owner": "Who is responsible", "status": "Where it stands", "reason": "Why not"}


def can_edit(principal) -> bool:
    return principal is not None and principal.role in FACILITATOR


@router.get("/responses", response_class=HTMLResponse)
def responses_page(request: Request, theme: str = "", area: str = "", status: str = "", period: str = "",
                   principal=Depends(everyone), store=Depends(get_store)):
    filters = {"theme": theme, "area": area, "status": status if status in RESPONSE_STATUSES else "",
               "period": period}
    context = {"filters": filters, "themes": store.themes(), "areas": area_choices(store),
               "statuses": RESPONSE_STATUSES, "can_edit": can_edit(principal)}
    try:
        rows = lib.find(store, theme or None, area or None, period or None, filters["status"] or None, general=True)
    except InsightsError as exc:
        return render(request, "responses.html", status_code=exc.status, responses=[],
                      errors=[(exc.where or "period", exc.message)], **context)
    return render(request, "responses.html", responses=rows, **context)


def _form(request: Request, store, form: dict, r: dict | None = None, status_code: int = 200, errors=None):
    return render(request, "response_form.html", status_code=status_code, form=form, r=r, errors=errors,
                  themes=store.themes(), areas=area_choices(store), statuses=RESPONSE_STATUSES, limits=lib.LIMITS)


def _fields(theme_id, area_code, period, said, did, owner, status, reason) -> dict:
    return {"theme_id": theme_id, "area_code": area_code, "period": period, "said": said, "did": did,
            "owner": owner, "status": status, "reason": reason}


def _problem(exc: InsightsError) -> list:
    return [(exc.where if exc.where in FIELD_LABELS else "said", f"{exc.message} {exc.fix}")]


@router.get("/responses/new", response_class=HTMLResponse)
def new_form(request: Request, theme: str = "", principal=Depends(facilitator), store=Depends(get_store)):
    return _form(request, store, {"theme_id": theme, "status": "open"})


@router.post("/responses/new", response_class=HTMLResponse)
def new_post(request: Request, theme_id: str = Form(""), area_code: str = Form(""), period: str = Form(""),
             said: str = Form(""), did: str = Form(""), owner: str = Form(""), status: str = Form("open"),
             reason: str = Form(""), principal=Depends(facilitator), _csrf: None = Depends(verify_csrf),
             store=Depends(get_store)):
    form = _fields(theme_id, area_code, period, said, did, owner, status, reason)
    try:
        saved = lib.record(store, Checked(request, store), form, principal.label)
    except InsightsError as exc:
        return _form(request, store, form, status_code=exc.status, errors=_problem(exc))
    return RedirectResponse(f"/responses/{saved['id']}?saved=1", status_code=303)


def _shown(store):
    themes = {t["id"]: t["label"] for t in store.themes(include_retired=True)}
    areas = {a["code"]: a["name"] for a in area_choices(store)}

    def shown(field: str, value) -> str:
        if value is None or value == "":
            return "(none)"
        if field == "status":
            return RESPONSE_STATUSES.get(value, value)
        if field == "theme_id":
            return themes.get(value, value)
        if field == "area_code":
            return f"{areas[value]} ({value})" if areas.get(value) else value
        return value
    return shown


@router.get("/responses/{response_id}", response_class=HTMLResponse)
def response_page(request: Request, response_id: int, saved: bool = False, principal=Depends(everyone),
                  store=Depends(get_store)):
    try:
        r = lib.get(store, response_id)
    except InsightsError as exc:
        return error_page(request, exc)
    return render(request, "response.html", r=r, saved=saved, can_edit=can_edit(principal), labels=FIELD_LABELS,
                  shown=_shown(store))


@router.get("/responses/{response_id}/edit", response_class=HTMLResponse)
def edit_form(request: Request, response_id: int, principal=Depends(facilitator), store=Depends(get_store)):
    try:
        r = lib.get(store, response_id)
    except InsightsError as exc:
        return error_page(request, exc)
    return _form(request, store, {f: r[f] for f in FIELD_LABELS}, r)


@router.post("/responses/{response_id}/edit", response_class=HTMLResponse)
def edit_post(request: Request, response_id: int, theme_id: str = Form(""), area_code: str = Form(""),
              period: str = Form(""), said: str = Form(""), did: str = Form(""), owner: str = Form(""),
              status: str = Form(""), reason: str = Form(""), principal=Depends(facilitator),
              _csrf: None = Depends(verify_csrf), store=Depends(get_store)):
    form = _fields(theme_id, area_code, period, said, did, owner, status, reason)
    try:
        r = lib.get(store, response_id)
    except InsightsError as exc:
        return error_page(request, exc)
    try:
        lib.update(store, Checked(request, store), response_id, form, principal.label)
    except InsightsError as exc:
        return _form(request, store, form, r, status_code=exc.status, errors=_problem(exc))
    return RedirectResponse(f"/responses/{response_id}?saved=1", status_code=303)
