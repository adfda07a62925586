"""What every API router shares: the per-request store, the suppression policy, pagination with an opaque
cursor, period parsing, CSV-or-JSON answers and the documented error responses."""
from __future__ import annotations

import base64
import csv
import io
import json
from typing import AsyncIterator, Iterator, Literal

from fastapi import Query, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from engine.core.csv_cells import safe_cell
from engine.core.errors import InputError
from engine.core.periods import PERIOD_PATTERN
from engine.core.settings import Settings
from engine.core.vocab import SOURCE_TYPES
from engine.publish.suppression import Policy
from engine.store import Store
from service.auth import current_principal

MAX_LIMIT = 100


def get_store(request: Request) -> Iterator[Store]:
    store = Store(request.app.state.settings.db_path)
    try:
        yield store
    finally:
        store.close()


class LazyStore:
    """A store opened only when first called: routes answered from the view cache never open one."""

    def __init__(self, path):
        self.path = path
        self._store: Store | None = None

    def __call__(self) -> Store:
        if self._store is None:
            self._store = Store(self.path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


async def get_lazy_store(request: Request) -> AsyncIterator[LazyStore]:
    """Async (opening nothing, it needs no worker thread); the store opens in the route's thread when used."""
    lazy = LazyStore(request.app.state.settings.db_path)
    try:
        yield lazy
    finally:
        lazy.close()


async def get_policy(request: Request) -> Policy:
    return Policy.from_settings(request.app.state.settings)


class ErrorDetail(BaseModel):
    code: str = Field(..., description="A stable, machine-readable name for the problem.", examples=["not_found"])
    message: str = Field(..., description="What went wrong, in plain words.",
                         examples=["No theme with id 'nope'."])
    fix: str = Field(..., description="What to do about it.",
                     examples=["Check the id or code; the list route shows the ones that exist."])
    where: str | None = Field(None, description="The field, line or row the problem is in, when there is one.")


class ErrorBody(BaseModel):
    error: ErrorDetail


def _err(description: str) -> dict:
    return {"model": ErrorBody, "description": description}


DEFAULTS = Settings()   # the documented limits are the settings' defaults


def _MB(n: int) -> str:
    return f"{n / 2 ** 20:g} MB"


ERRORS = {400: _err("A value is not one the API understands (the message names it)."),
          401: _err("No valid API token or signed-in session."),
          403: _err("The caller's role or organisation may not do this."),
          413: _err(f"The request body is over {_MB(DEFAULTS.max_body_bytes)} (file uploads: "
                    f"{_MB(DEFAULTS.max_upload_bytes)}; both are settings)."),
          422: _err("A parameter or field is not valid, or a note could not be anonymised (nothing stored)."),
          429: _err("Too many requests from this token; see the Retry-After header.")}
NOT_FOUND = {404: _err("No such item.")}
CSV_RESPONSE = {"content": {"text/csv": {"schema": {"type": "string"},
                                         "example": "id,label\nfood_poverty,Food poverty\n"}}}


# ---- pagination --------------------------------------------------------------------------------------
def limit_param(default: int = 50):
    return Query(default, ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.", examples=[20])


CURSOR = Query(None, max_length=200, description="Opaque cursor from the previous page's `next_cursor`; leave "
               "out for the first page.", examples=["eyJvIjogMjB9"])


def encode_cursor(position: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None, key: str) -> int:
    """The position a cursor points at (0 for none). A cursor we did not make is a 400, not a crash."""
    if not cursor:
        return 0
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))[key]
        if isinstance(value, int) and 0 <= value < 2 ** 62:
            return value
    except (ValueError, KeyError, TypeError):
        pass
    raise InputError("The cursor is not one this API gave out.", where="cursor",
                     fix="Use the next_cursor value from the previous page exactly, or leave cursor out.")


def page_of(items: list, limit: int, cursor: str | None) -> tuple[list, str | None]:
    """One page of an already-sorted list, with an offset cursor for the next page (None at the end)."""
    start = decode_cursor(cursor, "o")
    chunk = items[start:start + limit]
    more = start + limit < len(items)
    return chunk, encode_cursor({"o": start + limit}) if more else None


# ---- filters -----------------------------------------------------------------------------------------
SourceType = Literal[tuple(SOURCE_TYPES)]   # the notes' source_type (engine.core.vocab)
def period_query(description: str = "Month (2025-03), quarter (2025-Q3) or year (2025).") -> Query:
    return Query(None, description=description, examples=["2025-Q3"], max_length=10, pattern=PERIOD_PATTERN)


# ---- JSON or CSV ---------------------------------------------------------------------------------------
FORMAT = Query(None, description="`csv` for a CSV file; JSON otherwise (or send `Accept: text/csv`).",
               pattern="^(json|csv)$", examples=["csv"])


def wants_csv(request: Request, format: str | None) -> bool:
    if format:
        return format == "csv"
    return "text/csv" in request.headers.get("accept", "")


def csv_response(rows: list[dict], columns: list[str], next_cursor: str | None = None,
                 method: str | None = None) -> PlainTextResponse:
    """Rows as CSV; a text cell a spreadsheet would run as a formula is written with a leading ' (see
    engine/core/csv_cells.py)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else safe_cell(row.get(k)) for k in columns})
    headers = {}
    if next_cursor:
        headers["X-Next-Cursor"] = next_cursor
    if method:
        headers["X-Suppression-Method"] = method
    return PlainTextResponse(out.getvalue(), media_type="text/csv", headers=headers)


# ---- audit of quotes ---------------------------------------------------------------------------------------
def audit_quote_read(request: Request, route: str, note_ids) -> None:
    """Record who read which notes' text as quotes (API, pages, reports). Queued for the app's audit writer
    (engine/store/audit.py): no I/O here, so it is safe on the event loop, and the rows go to the audit file,
    which the view cache does not watch. Nothing is recorded when no quote was served."""
    if note_ids:
        principal = current_principal(request)
        request.app.state.audit_writer.submit(principal.label, principal.org_id, route, note_ids)


def audit_publication(request: Request, store, summary: dict, kind: str, route: str, fmt: str | None = None) -> None:
    """Record that a summary was shown (kind "summary") or downloaded as a file ("report"), with how many of each
    organisation's notes counted in it (engine/publish/publications.py); queued for the audit writer like a read."""
    from engine.publish.publications import summary_publication

    principal = current_principal(request)
    request.app.state.audit_writer.submit_publication(
        summary_publication(store, summary, kind, route, principal.label, principal.org_id, fmt))


def pipeline_factory(request: Request):
    """make_pipeline(store, progress) for a background job: the shared models, the taxonomy in force."""
    models = request.app.state.models

    def make_pipeline(store, progress):
        pipeline = models.pipeline(store)
        pipeline.progress = progress
        return pipeline
    return make_pipeline
