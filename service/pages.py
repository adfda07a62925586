"""Server-rendered web pages, one module per journey, combined here into one router:

    pages_contribute  /submit (paste, preview, fix, send), /upload and /jobs/{id} (background progress)
    pages_analyst     /themes, /themes/{id} (explorer with filters), /evidence
    pages_summary     /summary (the facilitator's "what we're hearing" summary and its downloads)

Every page but the home page needs a signed-in user with the right role (service.auth); every form carries
the CSRF token. Plain words for VCS workers; ONS codes and CSV for analysts.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status_code: int = 200, **context) -> HTMLResponse:
    from service.auth import csrf_token

    principal = getattr(request.state, "principal", None)
    return templates.TemplateResponse(request, name, {"csrf": csrf_token(request), "principal": principal,
                                                      **context}, status_code=status_code)


def error_page(request: Request, exc) -> HTMLResponse:
    return render(request, "error.html", status_code=exc.status, message=exc.message,
                  fix=getattr(exc, "fix", None))


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return render(request, "home.html")


def register_static(app) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")


def _include() -> None:
    from service import pages_analyst, pages_contribute, pages_summary

    for module in (pages_contribute, pages_analyst, pages_summary):
        router.include_router(module.router)


_include()
