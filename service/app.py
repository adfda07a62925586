"""The FastAPI application: the theme API under /api/v1 and the server-rendered web pages.

`create_app(settings)` builds it; models load on the first request that needs them and are shared.
Each request opens its own store connection (SQLite in WAL mode)."""
from __future__ import annotations

import threading
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from engine.core.errors import (
    InsightsError,
    InvalidRequestError,
    MethodNotAllowedError,
    TooLargeError,
    error_for_status,
)
from engine.core.settings import Settings

API_DESCRIPTION = """
Community Insights joins what voluntary and community groups hear (anonymised notes, grouped into themes)
with what councils count (indicators by ONS area code).

Every count this API returns has passed small-number suppression: counts below the threshold are withheld
(`null`, with `suppressed: true`) and others are rounded to the nearest 5. Note text is only ever the
anonymised text.

**Access.** Every route except `/api/v1/health` needs an API token (`Authorization: Bearer ci_...`, made with
`insights tokens create --db PATH --role ROLE [--org ORG]`) or a signed-in browser session. Roles:
*contributor* (submit notes; list and read their own organisation's notes), *analyst* (themes, areas,
indicators, evidence), *facilitator* (analyst and reports), *admin* (all; notes only of their own organisation).
Requests per minute are limited per token and per signed-in person (429 with `Retry-After`).

**Lists** take `limit` (1-100) and an opaque `cursor` (from `next_cursor`); tabular routes answer CSV with
`?format=csv` or `Accept: text/csv`. Dates are ISO (`2025-03`), areas are ONS codes (`E05000442`).

**Errors** always have the body `{"error": {"code": ..., "message": ..., "fix": ...}}`.
"""

def _error(status: int, message: str, fix: str, headers=None) -> JSONResponse:
    """An error the framework found, answered with the one error body (engine.core.errors)."""
    from service.auth import error_response

    response = error_response(error_for_status(status, message, fix))
    response.headers.update(headers or {})
    return response


class Models:
    """The heavy parts, built once on first use and shared by every request."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._lock = threading.Lock()
        self._anonymiser = self._embedder = self._risk = None
        self._assigners: dict = {}

    def anonymiser_for(self, store):
        """The anonymiser, working in its own worker processes (anonymise/workers.py, forked on first use):
        a time-out kills the work, and an organisation holding all workers but one waits while another has work."""
        with self._lock:
            if self._anonymiser is None:
                from anonymise import workers
                from anonymise.anonymiser import Anonymiser

                anonymiser = Anonymiser(self.settings, extra_allow=store.area_names())
                size = self.settings.service_anonymise_workers
                workers.install(anonymiser, size, per_key=max(1, size - 1))
                self._anonymiser = anonymiser
            return self._anonymiser

    def residual_risk_for(self, store):
        """The residual-risk detector for previews (anonymise/residual_risk.py), knowing the same allow-list as
        the anonymiser: the built-in phrases, the deployment's file and the area names in the database."""
        with self._lock:
            if self._risk is None:
                from anonymise.allow_list import load_allow_list
                from anonymise.residual_risk import ResidualRisk

                self._risk = ResidualRisk(load_allow_list(self.settings.allow_list_path) + store.area_names())
            return self._risk

    @property
    def embedder(self):
        with self._lock:
            if self._embedder is None:
                from themes.embedders import make_embedder

                self._embedder = make_embedder(self.settings.embedder)
            return self._embedder

    def pipeline(self, store):
        """A pipeline on the taxonomy in force in the database, with the shipped assigners kept between
        requests: the zero-shot scorer per taxonomy (the pipeline gives it the calibration in force before it
        themes anything, as `insights ingest` does) and the one learned from corrections (rebuilt when the
        corrections or the calibration change). An edit or a correction takes effect at once."""
        from engine.pipeline import Pipeline
        from themes.taxonomy_io import current_taxonomy
        from themes.zero_shot import zero_shot_assigner

        taxonomy = current_taxonomy(store)
        anonymiser, embedder = self.anonymiser_for(store), self.embedder
        with self._lock:
            kept = self._assigners.get(taxonomy.content_hash)
            if kept is None:
                kept = (zero_shot_assigner(self.settings, taxonomy, embedder), {})
                self._assigners = {taxonomy.content_hash: kept}
        return Pipeline(self.settings, store, anonymiser=anonymiser, embedder=embedder, taxonomy=taxonomy,
                        zero_shot=kept[0], learned_cache=kept[1])

    def learning_pipeline(self, store):
        """A pipeline that chooses and prepares its own assigner (`Pipeline.ready_assigner`), with the shared
        embedder: what the review queue's ReadyAssigner builds from (engine/review_queue.py)."""
        from engine.pipeline import Pipeline

        return Pipeline(self.settings, store, embedder=self.embedder)


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


class BodyLimit:
    """413 for a JSON body over max_body_bytes or an upload (a path ending /upload) over max_upload_bytes:
    at once from Content-Length, and while reading for a body sent without one (chunked)."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.settings = settings

    # An upload's body is the file plus the form's other fields and the multipart framing: allowed on top, so
    # a file of exactly max_upload_bytes gets through (the readers then hold the file itself to the limit).
    FORM_ALLOWANCE = 64 * 1024

    def _limit(self, path: str) -> tuple[int, int, str]:
        """(bytes the body may have, the limit to name in the message, what is limited)."""
        if path.endswith("/upload"):
            return self.settings.max_upload_bytes + self.FORM_ALLOWANCE, self.settings.max_upload_bytes, "File uploads"
        return self.settings.max_body_bytes, self.settings.max_body_bytes, "Requests"

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, named, kind = self._limit(scope["path"])
        message = f"{kind} may be at most {named / 1e6:.0f} MB."
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            err = TooLargeError(f"The request is {int(length) / 1e6:.1f} MB. {message}")
            from service.auth import error_response

            return await error_response(err)(scope, receive, send)
        # No (or a false) Content-Length: count while reading; FastAPI turns the overflow into a 413.
        await RequestBodyLimitMiddleware(self.app, limit)(scope, receive, send)


def _keep_uploads_in_memory(settings: Settings) -> None:
    """Starlette spools an uploaded file to a temporary file on disk past 1 MB; an upload is raw note text,
    which must never reach the disk. The body limit stops anything over max_upload_bytes, so spooling in
    memory up to that size (plus the multipart framing) means an upload never leaves memory."""
    from starlette.formparsers import MultiPartParser

    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, settings.max_upload_bytes + 1024 * 1024)


RETENTION_EVERY_SECONDS = 24 * 3600


async def _retention_daily(app: FastAPI) -> None:
    """Erase notes past their retention period once a day (engine/retention.py), in a worker thread. The first
    run waits a minute after start-up, so starting the service stays quick. Cheap when nothing is due."""
    import asyncio
    import logging

    from engine import retention
    from engine.store import Store

    settings = app.state.settings

    def run_once() -> dict:
        store = Store(settings.db_path)
        try:
            return retention.apply(store, settings, settings.audit_db_path, who="retention (service, daily)")
        finally:
            store.close()

    await asyncio.sleep(app.state.retention_first_delay)
    while True:
        try:
            result = await run_in_threadpool(run_once)
            if result["erased"]:
                app.state.view_cache.clear()
        except Exception:  # noqa: BLE001 - log and try again tomorrow; the service keeps serving
            logging.getLogger(__name__).exception("The daily retention run failed")
        await asyncio.sleep(RETENTION_EVERY_SECONDS)


@asynccontextmanager
async def _lifespan(app: FastAPI):
    """On start-up, jobs a dead process left queued or running are marked failed with a message (issue 16), and
    with `background=True` (`insights serve`) the daily retention run starts. On shutdown, commit the audit rows
    still queued (engine/store/audit.py) before the process ends."""
    import asyncio

    from engine import jobs

    await run_in_threadpool(jobs.fail_orphaned, app.state.settings.db_path)
    task = asyncio.create_task(_retention_daily(app)) if app.state.background else None
    yield
    if task is not None:
        task.cancel()
    await run_in_threadpool(app.state.audit_writer.close)


# ---- security headers and the offline API docs (issue 20; kept apart from the lifespan and Models) ---------
CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                           "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                           "form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin")]
DOCS_STATIC = "/docs-static"   # Swagger UI's files, from the pinned fastapi-offline package (swagger-ui-dist 5)


class SecurityHeaders:
    """Every response (pages, API, errors, static files, /docs) gets the CSP, framing, sniffing and referrer
    headers. Scripts and styles come only from this site: the pages keep their scripts in service/static, and
    charts are inline SVG or data: images. Outermost of our middleware, so answers from the others get them."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _swagger_ui_page(openapi_url: str, title: str) -> str:
    """FastAPI's self-hosted docs pattern, with Swagger UI started by /static/docs.js (no inline script)."""
    from html import escape

    return (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f'<link rel="stylesheet" href="{DOCS_STATIC}/swagger-ui.css">'
            f'<link rel="icon" href="{DOCS_STATIC}/favicon.png"></head><body>'
            f'<div id="swagger-ui" data-openapi-url="{escape(openapi_url)}"></div>'
            f'<script src="{DOCS_STATIC}/swagger-ui-bundle.js"></script>'
            '<script src="/static/docs.js"></script></body></html>')


def _add_offline_docs(app: FastAPI) -> None:
    """/docs from files inside a pinned PyPI package (fastapi-offline bundles swagger-ui-dist), so the API docs
    work with no network. ReDoc is not offered: its styles are injected inline, which the CSP refuses."""
    from importlib.resources import files

    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    assets = files("fastapi_offline") / "static"
    app.mount(DOCS_STATIC, StaticFiles(directory=str(assets)), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return HTMLResponse(_swagger_ui_page(app.openapi_url, f"{app.title} - API docs"))
# ---- end of security headers and offline docs -----------------------------------------------------------


def create_app(settings: Settings, background: bool = False) -> FastAPI:
    """The app. `background=True` (`insights serve`) also runs the daily retention task; tests leave it off
    unless they ask for it."""
    from service import auth
    from service.api import routes as api
    from service.pages import router as pages

    app = FastAPI(title="Community Insights", version="0.1.0", description=API_DESCRIPTION, lifespan=_lifespan,
                  docs_url=None, redoc_url=None,   # /docs is served offline: _add_offline_docs (issue 20)
                  openapi_tags=[{"name": "themes", "description": "Themes heard in notes, after suppression."},
                                {"name": "notes", "description": "Submit notes; they are anonymised on arrival."},
                                {"name": "evidence", "description": "Stories next to numbers, by area."}])
    app.state.settings = settings
    app.state.background, app.state.retention_first_delay = background, 60.0
    app.state.models = Models(settings)
    from engine.review_queue import ReadyAssigner

    app.state.ready_assigner = ReadyAssigner(settings.db_path, app.state.models.learning_pipeline)
    from service.view_cache import ViewCache

    app.state.view_cache = ViewCache(settings.db_path)
    from engine.store.audit import AuditWriter

    app.state.audit_writer = AuditWriter(settings.audit_db_path)   # reads of quotes, off the request path
    _record_taxonomy(settings)

    auth.install(app)

    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(SecurityHeaders)   # issue 20: added last, so it wraps every answer of the others
    _keep_uploads_in_memory(settings)

    @app.exception_handler(InsightsError)
    async def insights_error(request: Request, exc: InsightsError):
        return auth.error_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        fix = {404: "Check the address; the API's routes are listed at /docs.",
               413: f"Send fewer or shorter notes at a time: JSON bodies up to {settings.max_body_bytes / 1e6:.0f} MB, "
                    f"file uploads up to {settings.max_upload_bytes / 1e6:.0f} MB.",
               405: MethodNotAllowedError.fix}.get(exc.status_code, "See /docs.")
        message = str(exc.detail)
        if exc.status_code == 413:
            limit = settings.max_upload_bytes if request.url.path.endswith("/upload") else settings.max_body_bytes
            message = f"The request is too large: {'file uploads' if limit > settings.max_body_bytes else 'requests'}" \
                      f" may be at most {limit / 1e6:.0f} MB."
        return _error(exc.status_code, message, fix, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()[:10])
        return _error(422, f"The request is not valid: {problems}.", InvalidRequestError.fix)

    app.include_router(api.router)
    from service.api import reports as api_reports

    app.include_router(api_reports.router)
    app.include_router(auth.router)
    _add_offline_docs(app)   # issue 20
    app.include_router(pages.router)
    pages.register_static(app)
    return app
