"""GET /api/v1/exports/qdpx: every note as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder
(engine/publish/qdpx.py). Note-level data, not an aggregate, so nothing in it is suppressed: analysts and admins
only (not facilitators, not contributors), and every download is written to the audit log of note-text reads.
A caller linked to an organisation gets its own organisation's notes only (no caller reads another organisation's
notes); an analyst or admin of the whole deployment (no organisation) gets every note."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from engine.publish import qdpx
from engine.store import Store
from service.api.deps import ERRORS, audit_quote_read, get_store
from service.auth import current_principal, require

EXPORT_ROLES = ("analyst", "admin")
MEDIA_TYPE = "application/zip"
FILE_NAME = "community-insights-notes.qdpx"

router = APIRouter(tags=["exports"], dependencies=[Depends(require(*EXPORT_ROLES))], responses=ERRORS)


@router.get("/exports/qdpx", summary="Every note as a REFI-QDA project (.qdpx), for qualitative-analysis tools",
            response_class=Response,
            responses={200: {"description": "The .qdpx archive (a zip: project.qde and sources/*.txt); "
                                            "Content-Disposition names it.", "content": {MEDIA_TYPE: {}}}})
def export_qdpx(request: Request, store: Store = Depends(get_store)) -> Response:
    """A TextSource per anonymised note (its text inside the archive), a Code per theme in force with its
    description (emergent candidates in a group of their own), a Coding per theme assignment on the passage that
    carried it, and organisation, area, month and source type as case variables. Note-level data, not
    suppressed: analysts and admins only. A caller linked to an organisation gets that organisation's notes only;
    one of the whole deployment, every note. The download is audited like a read of every note's text in it."""
    principal = current_principal(request)
    built = qdpx.export(store, request.app.state.models.embedder, request.app.state.settings, principal.org_id)
    audit_quote_read(request, "GET /api/v1/exports/qdpx", built.note_ids)
    return Response(built.to_bytes(), media_type=MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{FILE_NAME}"'})
