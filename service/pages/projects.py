"""The projects pages: everyone signed in lists the community insights projects they may see (contributors: their
organisation's); a project's page shows its question, members, decision log and its own theme view (suppressed as
everywhere), with quotes and memos for analysts, facilitators and admins. The logic is engine/projects.py, as for
the API (/api/v1/projects)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from engine import projects as lib
from engine.core.errors import InsightsError
from engine.store.access import ROLES
from service.api.deps import audit_quote_read, get_policy, get_store
from service.auth import ANALYST, require
from service.pages.site import error_page, render

router = APIRouter(include_in_schema=False)
everyone = require(*ROLES)


@router.get("/projects", response_class=HTMLResponse)
def projects_page(request: Request, principal=Depends(everyone), store=Depends(get_store)):
    staff = principal.role in ANALYST
    return render(request, "projects.html", projects=lib.listed(store, principal.org_id, staff), staff=staff,
                  statuses=lib.STATUSES)


@router.get("/projects/{project_id}", response_class=HTMLResponse)
def project_page(request: Request, project_id: int, principal=Depends(everyone), store=Depends(get_store),
                 policy=Depends(get_policy)):
    staff = principal.role in ANALYST
    try:
        lib.visible(store, project_id, principal.org_id, staff)
        view = lib.view(store, policy, project_id)
    except InsightsError as exc:
        return error_page(request, exc)
    if not staff:
        view["memos"] = []
        for t in view["themes"]:
            t["quotes"] = []
    audit_quote_read(request, "GET /projects/{project_id}",
                     sorted({q["note_id"] for t in view["themes"] for q in t["quotes"]}))
    labels = {t["id"]: t["label"] for t in view["themes"]}
    return render(request, "project.html", view=view, staff=staff, statuses=lib.STATUSES, labels=labels)
