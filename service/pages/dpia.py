"""/admin/dpia: the DPIA-lite and data-sharing summary on a page, for admins, with links to download it as Word,
PDF or Markdown (GET /api/v1/dpia). The same document the CLI writes (`insights dpia`)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from service import dpia, reports
from service.api.deps import get_store
from service.auth import ADMIN, require
from service.pages.site import render

router = APIRouter(include_in_schema=False)


@router.get("/admin/dpia", response_class=HTMLResponse, dependencies=[Depends(require(*ADMIN))])
def dpia_page(request: Request, store=Depends(get_store)):
    doc = dpia.document(store, request.app.state.settings)
    parts = dpia.blocks(doc)
    body = reports.html_of(parts[1:], doc["title"], standalone=False)   # the h1 is the page's own
    return render(request, "admin_dpia.html", title=doc["title"], generated_at=doc["generated_at"],
                  body=Markup(body))
