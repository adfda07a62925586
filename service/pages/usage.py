"""How our notes were used (/my/usage): for a contributor's own organisation, the themes its notes joined, the
published evidence cells they counted in, where its quotes were shown, and which notes were counted once. The
same library call as GET /api/v1/my/usage (engine/publish/usage.py); only the organisation's own data."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from engine.publish import usage as lib
from service.api.deps import audit_quote_read, get_policy, get_store
from service.auth import CONTRIBUTOR, require
from service.pages.site import render

router = APIRouter(include_in_schema=False)
contributor = require(*CONTRIBUTOR)


@router.get("/my/usage", response_class=HTMLResponse)
def usage_page(request: Request, principal=Depends(contributor), store=Depends(get_store), policy=Depends(get_policy)):
    result = lib.usage(store, policy, principal.org_id, principal.org)
    audit_quote_read(request, "GET /my/usage", lib.quoted_note_ids(result))
    return render(request, "my_usage.html", usage=result)
