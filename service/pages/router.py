"""Server-rendered web pages, one module per journey, combined here into one router:

    site        /, the templates, the error page and the static files every page shares
    contribute  /submit (paste, preview, fix, send), /upload and /jobs/{id} (background progress)
    analyst     /themes, /themes/{id} (explorer with filters), /evidence
    review_queue /check-notes ("Check these notes": confirm or reject the themes of one note at a time)
    quote_holds /quote-holds (the analyst's review of quotes held back by quote safety)
    taxonomy_try  POST /themes/try (admins: try a new or changed theme on the stored notes, nothing saved)
    summary     /summary (the facilitator's "what we're hearing" summary and its downloads)
    responses   /responses ("you said, we did": everyone reads; facilitators record and update)
    near_duplicates /near-duplicates (the analyst's review of notes that tell the same story, counted once)
    usage       /my/usage ("how our notes were used", for a contributor's own organisation)
    picture     /my/picture (the contributor's "what we're hearing where you work")
    dpia        /admin/dpia (the DPIA-lite and data-sharing summary, for admins, with its downloads)
    agreements  /admin/agreements (the data-sharing agreement register)

Every page but the home page needs a signed-in user with the right role (service.auth); every form carries
the CSRF token. Plain words for VCS workers; ONS codes and CSV for analysts.
"""
from __future__ import annotations

from fastapi import APIRouter

from service.pages import analyst, contribute, quote_holds, responses, review_queue, site, summary, taxonomy_try
from service.pages import agreements, dpia, near_duplicates, picture, projects, usage
from service.pages.site import register_static

__all__ = ["register_static", "router"]

router = APIRouter(include_in_schema=False)
for journey in (site, contribute, taxonomy_try, analyst, review_queue, quote_holds, summary, responses,
                near_duplicates, usage, picture, projects, dpia, agreements):
    router.include_router(journey.router)
