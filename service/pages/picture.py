"""The contributor's "What we're hearing where you work" page (/my/picture): the same picture as
GET /api/v1/my/picture (engine/publish/picture.py), for contributors and admins linked to an organisation, with a
period to choose. No note text or quote of any organisation is on it."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from engine import agreements as agreements_lib
from engine.core.errors import ForbiddenError, InsightsError
from engine.publish import picture as lib
from service.api.deps import get_policy, get_store
from service.auth import CONTRIBUTOR, require
from service.pages.site import error_page, render

router = APIRouter(include_in_schema=False)
contributor = require(*CONTRIBUTOR)


@router.get("/my/picture", response_class=HTMLResponse)
def picture_page(request: Request, period: str = "", principal=Depends(contributor), store=Depends(get_store),
                 policy=Depends(get_policy)):
    if principal.org_id is None:
        return error_page(request, ForbiddenError(
            "Your account is not linked to an organisation, so there are no areas to show.",
            fix="Ask an admin to link your account to your organisation."))
    agreements = agreements_lib.register(store, principal.org_id)
    try:
        data = lib.picture(store, policy, principal.org_id, period or None)
    except InsightsError as exc:
        data = lib.picture(store, policy, principal.org_id, None)
        return render(request, "my_picture.html", status_code=exc.status, p=data, period=period,
                      errors=[("period", f"{exc.message} {exc.fix}")], agreements=agreements)
    return render(request, "my_picture.html", p=data, period=period, agreements=agreements)
