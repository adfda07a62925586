"""Server-rendered web pages, one module per journey, combined here into one router:

    site        /, the templates, the error page and the static files every page shares
    contribute  /submit (paste, preview, fix, send), /upload and /jobs/{id} (background progress)
    analyst     /themes, /themes/{id} (explorer with filters), /evidence
    taxonomy_try  POST /themes/try (admins: try a new or changed theme on the stored notes, nothing saved)
    summary     /summary (the facilitator's "what we're hearing" summary and its downloads)

Every page but the home page needs a signed-in user with the right role (service.auth); every form carries
the CSRF token. Plain words for VCS workers; ONS codes and CSV for analysts.
"""
from __future__ import annotations

from fastapi import APIRouter

from service.pages import analyst, contribute, site, summary, taxonomy_try
from service.pages.site import register_static

__all__ = ["register_static", "router"]

router = APIRouter(include_in_schema=False)
for journey in (site, contribute, taxonomy_try, analyst, summary):
    router.include_router(journey.router)
