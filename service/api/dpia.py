"""GET /api/v1/dpia: the DPIA-lite and data-sharing summary (engine/publish/dpia.py) as Markdown, Word or PDF,
for admins. Made afresh from the live settings and the database on every call; it holds no note text."""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from engine.store import Store
from service import dpia
from service.api.deps import ERRORS, get_store
from service.auth import ADMIN, require

router = APIRouter(tags=["governance"], dependencies=[Depends(require(*ADMIN))], responses=ERRORS)


@router.get("/dpia", summary="The DPIA-lite and data-sharing summary, as a file (admins)", response_class=Response,
            responses={200: {"description": "The document (Content-Disposition names it).",
                             "content": {dpia.FORMATS[f][0].split(";")[0]: {} for f in ("md", "docx", "pdf")}}})
async def dpia_file(request: Request, store: Store = Depends(get_store),
                    format: Literal["md", "docx", "pdf"] = Query(
                        "md", description="File format: Markdown, Word or PDF.", examples=["docx"])) -> Response:
    """What is collected and what never is, how anonymisation works and its last measured recall per identifier
    type (from `insights eval anonymisation --db`), suppression, roles, retention, erasure, where the data lives,
    sub-processors (none), risks and mitigations, and a sign-off table for the information-governance officer."""
    def build():
        return dpia.render(dpia.document(store, request.app.state.settings), format)

    content, media, name = await run_in_threadpool(build)
    return Response(content, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})
