"""The projects pages: everyone signed in lists the community insights projects they may see (contributors: their
organisation's); a project's page shows its question, members, decision log and its own theme view (suppressed as
everywhere), with quotes and memos for analysts, facilitators and admins. Facilitators start a project and record
decisions, a member's contributor tags their own notes, analysts write memos, facilitators download the project's
evidence pack, analysts and admins its notes as a REFI-QDA project (.qdpx, GET /api/v1/exports/qdpx?project_id=).
The logic is engine/projects.py, as for the API (/api/v1/projects); a problem comes back as the page with a
message."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from engine import projects as lib
from engine.core.errors import InputError, InsightsError
from engine.store.access import ROLES
from service import packs
from service.api.deps import audit_publication, audit_quote_read, get_policy, get_store
from service.api.exports import EXPORT_ROLES
from service.api.responses import Checked
from service.auth import ANALYST, FACILITATOR, require, verify_csrf
from service.pages.site import error_page, render

router = APIRouter(include_in_schema=False)
everyone = require(*ROLES)
facilitator = require(*FACILITATOR)
analyst = require(*ANALYST)
contributor = require("contributor", "admin")
TAG_CHOICES = 200        # a member's latest notes offered for tagging


def _list(request, store, principal, status_code: int = 200, errors=None, form=None):
    staff = principal.role in ANALYST
    return render(request, "projects.html", status_code=status_code, errors=errors, form=form or {},
                  projects=lib.listed(store, principal.org_id, staff), staff=staff, statuses=lib.STATUSES,
                  can_start=principal.role in FACILITATOR,
                  organisations=[o["name"] for o in store.organisations_with_notes()])


@router.get("/projects", response_class=HTMLResponse)
def projects_page(request: Request, principal=Depends(everyone), store=Depends(get_store)):
    return _list(request, store, principal)


@router.post("/projects", response_class=HTMLResponse)
def start_project(request: Request, name: str = Form(""), question: str = Form(""), period: str = Form(""),
                  organisations: list[str] = Form(default_factory=list), leads: str = Form(""),
                  principal=Depends(facilitator), _csrf: None = Depends(verify_csrf), store=Depends(get_store)):
    form = {"name": name, "question": question, "period": period, "organisations": organisations, "leads": leads}
    try:
        p = lib.create(store, name, question, period or None, [], organisations, leads.splitlines(),
                       principal.label)
    except InsightsError as exc:
        field = exc.where if exc.where in ("name", "question", "period", "organisations") else "name"
        return _list(request, store, principal, exc.status, [(field, f"{exc.message} {exc.fix}")], form)
    return RedirectResponse(f"/projects/{p['id']}?saved=1", status_code=303)


def _page(request, store, policy, principal, project_id: int, status_code: int = 200, errors=None):
    staff = principal.role in ANALYST
    try:
        lib.visible(store, project_id, principal.org_id, staff)
        view = lib.view(store, policy, project_id, staff=staff)
    except InsightsError as exc:
        return error_page(request, exc)
    audit_quote_read(request, "GET /projects/{project_id}",
                     sorted({q["note_id"] for t in view["themes"] for q in t["quotes"]}))
    members = {m["id"] for m in view["project"]["members"]}
    own = []
    if principal.role in ("contributor", "admin") and principal.org_id in members:
        tagged = set(store.project_note_ids(project_id))
        own = [n for n in store.notes_for_org(principal.org_id, limit=TAG_CHOICES) if n["id"] not in tagged]
    return render(request, "project.html", status_code=status_code, errors=errors, view=view, staff=staff,
                  statuses=lib.STATUSES, labels={t["id"]: t["label"] for t in view["themes"]}, own_notes=own,
                  can_decide=principal.role in FACILITATOR, saved=request.query_params.get("saved"),
                  can_export=principal.role in EXPORT_ROLES)


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project_page(request: Request, project_id: int, principal=Depends(everyone), store=Depends(get_store),
                 policy=Depends(get_policy)):
    return _page(request, store, policy, principal, project_id)


def _after(request, store, policy, principal, project_id: int, action, field: str):
    try:
        action()
    except InsightsError as exc:
        if exc.status == 404 and field != "note_ids":
            return error_page(request, exc)
        return _page(request, store, policy, principal, project_id, exc.status, [(field, f"{exc.message} {exc.fix}")])
    return RedirectResponse(f"/projects/{project_id}?saved={field}", status_code=303)


@router.post("/projects/{project_id}/notes", response_class=HTMLResponse)
def tag_notes(request: Request, project_id: int, note_ids: list[int] = Form(default_factory=list),
              principal=Depends(contributor), _csrf: None = Depends(verify_csrf), store=Depends(get_store),
              policy=Depends(get_policy)):
    def action():
        if not note_ids:
            raise InputError("No note was ticked.", where="note_ids", fix="Tick the notes to share with the project.")
        lib.visible(store, project_id, principal.org_id, principal.role == "admin" and principal.org_id is None)
        lib.tag(store, project_id, note_ids, principal.org_id, principal.label)
    return _after(request, store, policy, principal, project_id, action, "note_ids")


@router.post("/projects/{project_id}/memos", response_class=HTMLResponse)
def write_memo(request: Request, project_id: int, theme_id: str = Form(""), text: str = Form(""),
               principal=Depends(analyst), _csrf: None = Depends(verify_csrf), store=Depends(get_store),
               policy=Depends(get_policy)):
    return _after(request, store, policy, principal, project_id,
                  lambda: lib.memo(store, project_id, text, principal.label, theme_id or None, None,
                                   Checked(request, store)), "memo")


@router.post("/projects/{project_id}/decisions", response_class=HTMLResponse)
def record_decision(request: Request, project_id: int, decision: str = Form(""), why: str = Form(""),
                    principal=Depends(facilitator), _csrf: None = Depends(verify_csrf), store=Depends(get_store),
                    policy=Depends(get_policy)):
    return _after(request, store, policy, principal, project_id,
                  lambda: lib.decide(store, project_id, decision, why, principal.label, Checked(request, store)),
                  "decision")


@router.get("/projects/{project_id}/pack")
def project_pack(request: Request, project_id: int, principal=Depends(facilitator), store=Depends(get_store),
                 policy=Depends(get_policy)):
    """The project's evidence pack (the same zip as GET /api/v1/reports/pack?project_id=)."""
    try:
        content, data, _ = packs.build_pack(store, policy, made_by=principal.label, project_id=project_id)
    except InsightsError as exc:
        return error_page(request, exc)
    audit_quote_read(request, "GET /projects/{project_id}/pack", packs.quoted_ids(data))
    audit_publication(request, store, data, "pack", "GET /projects/{project_id}/pack", "zip")
    return Response(content, media_type=packs.MEDIA,
                    headers={"Content-Disposition": f'attachment; filename="{packs.pack_name(data)}"'})
