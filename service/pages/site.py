"""What every page shares: the templates, `render` (with the CSRF token and who is signed in), the error page,
the home page and the static files. The journeys live beside it; `service.pages.router` combines them."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

HERE = Path(__file__).parents[1]  # service/: templates and static live beside the packages
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
