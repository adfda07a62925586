"""The FastAPI application: the theme API under /api/v1 and the server-rendered web pages.

`create_app(settings)` builds it; models load on the first request that needs them and are shared.
Each request opens its own store connection (SQLite in WAL mode)."""
from __future__ import annotations

import threading

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from engine.errors import InsightsError, TooLargeError
from engine.settings import Settings

API_DESCRIPTION = """
Community Insights joins what voluntary and community groups hear (anonymised notes, grouped into themes)
with what councils count (indicators by ONS area code).

Every count this API returns has passed small-number suppression: counts below the threshold are withheld
(`null`, with `suppressed: true`) and others are rounded to the nearest 5. Note text is only ever the
anonymised text.
"""


class Models:
    """The heavy parts, built once on first use and shared by every request."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._anonymiser = self._assigner = None

    def anonymiser_for(self, store):
        with self._lock:
            if self._anonymiser is None:
                from anonymise.anonymiser import Anonymiser

                self._anonymiser = Anonymiser(self.settings, extra_allow=store.area_names())
            return self._anonymiser

    @property
    def assigner(self):
        with self._lock:
            if self._assigner is None:
                from themes.assign import SimilarityAssigner
                from themes.embedder import MiniLMEmbedder
                from themes.taxonomy import load_builtin

                s = self.settings
                self._assigner = SimilarityAssigner(load_builtin(), MiniLMEmbedder(), s.assign_threshold,
                                                    s.max_themes_per_note, s.assign_margin)
            return self._assigner

    def pipeline(self, store):
        from engine.pipeline import Pipeline

        assigner = self.assigner
        return Pipeline(self.settings, store, anonymiser=self.anonymiser_for(store), embedder=assigner.embedder,
                        taxonomy=assigner.taxonomy, assigner=assigner)


def _record_taxonomy(settings: Settings) -> None:
    """Make sure the database knows the taxonomy in force, so theme pages work before any note arrives."""
    from engine.store import Store
    from themes.taxonomy import load_builtin

    taxonomy = load_builtin()
    store = Store(settings.db_path)
    try:
        store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    finally:
        store.close()


def create_app(settings: Settings) -> FastAPI:
    from service import api, pages

    app = FastAPI(title="Community Insights", version="0.1.0", description=API_DESCRIPTION,
                  openapi_tags=[{"name": "themes", "description": "Themes heard in notes, after suppression."},
                                {"name": "notes", "description": "Submit notes; they are anonymised on arrival."},
                                {"name": "evidence", "description": "Stories next to numbers, by area."}])
    app.state.settings = settings
    app.state.models = Models(settings)
    _record_taxonomy(settings)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        limit = settings.max_upload_bytes if request.url.path.endswith("/upload") else settings.max_body_bytes
        if length and length.isdigit() and int(length) > limit:
            err = TooLargeError(f"The request is {int(length) / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB. "
                                "Send fewer or shorter notes at a time.")
            return JSONResponse(err.to_dict(), status_code=err.status)
        return await call_next(request)

    @app.exception_handler(InsightsError)
    async def insights_error(request: Request, exc: InsightsError):
        return JSONResponse(exc.to_dict(), status_code=exc.status)

    app.include_router(api.router)
    app.include_router(pages.router)
    pages.register_static(app)
    return app
