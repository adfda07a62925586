"""GET /api/v1/exports/qdpx: every note as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA or QualCoder
(engine/publish/qdpx.py). Note-level data, not an aggregate, so nothing in it is suppressed: analysts and admins
only (not facilitators, not contributors), and every download is written to the audit log of note-text reads.
A caller linked to an organisation gets its own organisation's notes only (no caller reads another organisation's
notes); an analyst or admin of the whole deployment (no organisation) gets every note. With `project_id`, only the
notes tagged to that community insights project (engine/projects.py: the caller must be allowed to see it)."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from engine.publish import qdpx
from engine.store import Store
from engine import projects
from service.api.deps import ERRORS, NOT_FOUND, audit_quote_read, get_store
from service.auth import ANALYST, current_principal, require

EXPORT_ROLES = ("analyst", "admin")
MEDIA_TYPE = "application/zip"
FILE_NAME = "community-insights-notes.qdpx"

router = APIRouter(tags=["exports"], dependencies=[Depends(require(*EXPORT_ROLES))], responses=ERRORS)


@router.get("/exports/qdpx", summary="Every note as a REFI-QDA project (.qdpx), for qualitative-analysis tools",
            response_class=Response,
            responses={200: {"description": "The .qdpx archive (a zip: project.qde and sources/*.txt); "
                                            "Content-Disposition names it.", "content": {MEDIA_TYPE: {}}}}
            | NOT_FOUND)
def export_qdpx(request: Request, store: Store = Depends(get_store),
                project_id: int | None = Query(None, ge=1, le=2 ** 62, description="Only the notes tagged to this "
                                               "community insights project, and their codings (GET "
                                               "/api/v1/projects lists them). An unknown project answers 404.",
                                               examples=[1])) -> Response:
    """A TextSource per anonymised note (its text inside the archive), a Code per theme in force with its
    description (emergent candidates in a group of their own), a Coding per theme assignment on the passage that
    carried it, and organisation, area, month and source type as case variables. Note-level data, not
    suppressed: analysts and admins only. A caller linked to an organisation gets that organisation's notes only;
    one of the whole deployment, every note. With `project_id`, only the notes tagged to that project (the file
    is named after it). The download is audited like a read of every note's text in it."""
    principal = current_principal(request)
    if project_id is not None:
        projects.visible(store, project_id, principal.org_id, principal.role in ANALYST)
    built = qdpx.export(store, request.app.state.models.embedder, request.app.state.settings, principal.org_id,
                        project_id)
    audit_quote_read(request, "GET /api/v1/exports/qdpx", built.note_ids)
    name = FILE_NAME if project_id is None else f"community-insights-project-{project_id}.qdpx"
    return Response(built.to_bytes(), media_type=MEDIA_TYPE,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
