"""The contributor's pages: paste a note, see what we hide (each replacement highlighted and explained) and
what might still identify someone (each with a "Hide this" button), fix misses and over-redactions, send;
or upload a file of notes, which runs as a background job with progress."""
from __future__ import annotations

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from markupsafe import Markup, escape
from pydantic import ValidationError

from anonymise.entities import EXPLAIN
from engine.core.errors import InsightsError, NotFoundError
from engine.core.vocab import (
    CONSENT_BASES,
    DEFAULT_CONSENT_BASIS,
    DEFAULT_SOURCE_TYPE,
    SOURCE_TYPES,
)
from engine.jobs import job_json
from service.api.deps import get_store, pipeline_factory
from service.auth import ADMIN, CONTRIBUTOR, require, verify_csrf
from service.pages.site import error_page, render

router = APIRouter(include_in_schema=False)
contributor = require(*CONTRIBUTOR)
jobs_reader = require(*CONTRIBUTOR, *ADMIN)
SOURCE_LABELS = SOURCE_TYPES
CONSENT_LABELS = CONSENT_BASES


def highlight(text: str, redactions: list[dict], warnings: list[dict] = ()) -> Markup:
    """The anonymised text with each replacement marked and explained, and each residual-risk warning marked
    (a numbered warning sign and a dashed underline, not colour alone) with its number in the list below."""
    marks = [(r["start"], r["end"], "redaction", r) for r in redactions]
    marks += [(w["start"], w["end"], "risk", {**w, "number": i}) for i, w in enumerate(warnings, 1)]
    out, pos = [], 0
    for start, end, kind, r in sorted(marks, key=lambda m: m[0]):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        if kind == "redaction":
            why = EXPLAIN.get(r["entity_type"], r["entity_type"].lower())
            out.append(Markup('<mark class="redaction" title="We hid {w}" data-type="{t}">{p}'
                              '<span class="visually-hidden"> (we hid {w})</span></mark>').format(
                w=why, t=r["entity_type"], p=r["placeholder"]))
        else:
            out.append(Markup('<mark class="risk" id="risk-mark-{n}" title="Check: {why}"><span class="risk-sign" '
                              'aria-hidden="true">&#9888;{n}</span>{w}<span class="visually-hidden"> (check '
                              'warning {n}: this might identify someone)</span></mark>').format(
                n=r["number"], why=r["reason"], w=text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


CONSENT_FIELDS = ("consent_basis", "consent_reference")


def _choices(form: dict, projects: list | None = None) -> dict:
    return {"form": form, "sources": SOURCE_LABELS, "consents": CONSENT_LABELS, "projects": projects or []}


def _projects(store, principal) -> list[dict]:
    """The open projects the worker's organisation is a member of: the pages' optional "Project" choice."""
    from engine.projects import open_for

    return [{"id": p["id"], "name": p["name"]} for p in open_for(store, principal.org_id)]


def _open_projects(db_path, principal) -> list[dict]:
    from engine.store import Store

    store = Store(db_path)
    try:
        return _projects(store, principal)
    finally:
        store.close()


PROJECT_FIX = "Choose one of the projects in the list, or “No project”."


def _project_id(value: str) -> int | None:
    """The chosen project's id; "" is none. Anything else is refused with a message for the form."""
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 2 ** 62:
        from engine.core.errors import InputError

        raise InputError("That is not one of your organisation's projects.", where="project_id", fix=PROJECT_FIX)
    return int(value)


@router.get("/submit", response_class=HTMLResponse)
def submit_form(request: Request, principal=Depends(contributor), store=Depends(get_store)):
    return render(request, "submit.html", **_choices({}, _projects(store, principal)))


@router.post("/submit", response_class=HTMLResponse)
def submit_post(request: Request, text: str = Form(""), area: str = Form(""), date: str = Form(""),
                source_type: str = Form(DEFAULT_SOURCE_TYPE), consent_basis: str = Form(DEFAULT_CONSENT_BASIS),
                consent_reference: str = Form("", max_length=200), action: str = Form("preview"), hide: str = Form(""), keep: list[str] = Form(default_factory=list),
                hide_word: str = Form("", max_length=500), project_id: str = Form("", max_length=30),
                principal=Depends(contributor), _csrf: None = Depends(verify_csrf), store=Depends(get_store)):
    from service.api.notes import NoteIn, submit_note

    form = {"area": area, "date": date, "source_type": source_type, "consent_basis": consent_basis,
            "consent_reference": consent_reference, "project_id": project_id.strip()}
    projects = _projects(store, principal)
    hide_list = [line.strip() for line in hide.splitlines() if line.strip()]
    added = " ".join(hide_word.split())
    if added:   # "Hide this" beside a warning: add the words to the hide list and check again
        if added.casefold() not in {h.casefold() for h in hide_list}:
            hide_list.append(added)
        hide, action = "\n".join(hide_list), "preview"
    keep_spans = []
    for value in keep:
        start, _, end = value.partition(":")
        if start.isdigit() and end.isdigit():
            keep_spans.append({"start": int(start), "end": int(end)})
    context = {**_choices(form, projects), "text": text, "hide": hide, "added": added,
               "kept": {f"{k['start']}:{k['end']}" for k in keep_spans}}
    errors = []
    if not text.strip():
        errors.append(("text", "Paste or type the note in the box."))
    if source_type not in SOURCE_LABELS or consent_basis not in CONSENT_LABELS:
        errors.append(("consent_basis", "Choose the kind of note and how it may be shared."))
    if errors:
        return render(request, "submit.html", status_code=400, errors=errors, **context)
    try:
        note = NoteIn(text=text, source_type=source_type, date=date or None, area=area or None,
                      consent_basis=consent_basis, consent_reference=consent_reference.strip() or None,
                      hide=hide_list, keep=keep_spans, project_id=_project_id(project_id))
        result = submit_note(request, store, note, preview=(action != "submit"), channel="web")
    except InsightsError as exc:
        if exc.where == "project_id":   # the API's fix names its parameter; the form names its list
            return render(request, "submit.html", status_code=exc.status, **context,
                          errors=[("project_id", f"{exc.message} {PROJECT_FIX}")])
        if exc.where in CONSENT_FIELDS:
            return render(request, "submit.html", status_code=exc.status, **context,
                          errors=[(exc.where, f"{exc.message} {exc.fix}")])
        return render(request, "submit.html", status_code=exc.status, errors=[("text", exc.message)], **context)
    except ValidationError:   # a reference longer than the API takes
        return render(request, "submit.html", status_code=400, **context,
                      errors=[("consent_reference", "Give a short reference, such as DSA-2025-014.")])
    redactions = [r.model_dump() for r in result.redactions]
    warnings = [w.model_dump() for w in result.warnings if w.text]
    hidden_notice = next((w.reason for w in result.warnings if not w.text), None)
    shown = highlight(result.text, redactions, warnings if action != "submit" else ())
    if action != "submit":
        kinds = sorted({EXPLAIN.get(r["entity_type"], r["entity_type"]) for r in redactions})
        found = [{"original": text[r["original_start"]:r["original_end"]], "placeholder": r["placeholder"],
                  "why": EXPLAIN.get(r["entity_type"], r["entity_type"]),
                  "key": f"{r['original_start']}:{r['original_end']}"} for r in redactions
                 if r["entity_type"] != "MANUAL"]
        return render(request, "submit.html", **context, preview=shown, kinds=kinds, count=len(redactions),
                      found=found, warnings=warnings, hidden_notice=hidden_notice)
    labels = {t["id"]: t["label"] for t in store.themes()}
    joined = [labels.get(t.theme_id, t.theme_id) for t in result.themes]
    project = next((p for p in projects if p["id"] == result.project_id), None) if result.project_id else None
    return render(request, "submitted.html", result=result, shown=shown, themes=joined, project=project)


# ---- uploads, as background jobs ---------------------------------------------------------------------
@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request, principal=Depends(contributor), store=Depends(get_store)):
    return render(request, "upload.html", max_bytes=request.app.state.settings.max_upload_bytes,
                  **_choices({}, _projects(store, principal)))


@router.post("/upload", response_class=HTMLResponse)
async def upload_post(request: Request, file: UploadFile = File(None), source_type: str = Form(DEFAULT_SOURCE_TYPE),
                      consent_basis: str = Form(DEFAULT_CONSENT_BASIS),
                      consent_reference: str = Form("", max_length=200),
                      project_id: str = Form("", max_length=30), principal=Depends(contributor),
                      _csrf: None = Depends(verify_csrf)):
    from engine.jobs import ingest_work, start_job
    from engine.readers import display_name, read_bytes

    settings = request.app.state.settings
    form = {"source_type": source_type, "consent_basis": consent_basis, "consent_reference": consent_reference,
            "project_id": project_id.strip()}
    projects = await run_in_threadpool(_open_projects, settings.db_path, principal)

    def again(status: int, errors: list):
        return render(request, "upload.html", status_code=status, errors=errors, max_bytes=settings.max_upload_bytes,
                      **_choices(form, projects))

    errors = []
    if file is None or not file.filename:
        errors.append(("file", "Choose a file to upload: .txt, .docx or .csv."))
    elif principal.org_id is None:
        errors.append(("file", "Your account is not linked to an organisation, so it cannot share notes. "
                               "Ask an admin to link it."))
    if consent_basis not in CONSENT_LABELS or source_type not in SOURCE_LABELS:
        errors.append(("consent_basis", "Choose the kind of notes and how they may be shared."))
    if errors:
        return again(400, errors)
    from service.api.uploads import _check_consent

    try:   # the consent record, refused before the file is read (engine/agreements.py)
        consent = await run_in_threadpool(_check_consent, settings.db_path, principal.org_id, consent_basis,
                                          consent_reference)
    except InsightsError as exc:
        return again(exc.status, [(exc.where if exc.where in CONSENT_FIELDS else "consent_reference",
                                   f"{exc.message} {exc.fix}")])
    from service.api.uploads import check_project

    try:   # the project, refused before the file is read (engine/projects.check_sharer)
        chosen = _project_id(project_id)
        if chosen is not None:
            await run_in_threadpool(check_project, settings.db_path, chosen, principal.org_id, principal.org)
    except InsightsError as exc:
        return again(exc.status, [("project_id", f"{exc.message} {PROJECT_FIX}")])
    name = display_name(file.filename)
    data = await file.read(settings.max_upload_bytes + 1)
    try:   # reading is CPU work (a .docx is unzipped and parsed): in a worker thread, never on the event loop
        result = await run_in_threadpool(read_bytes, data, name, source_type, settings.max_upload_bytes)
    except InsightsError as exc:
        return again(exc.status, [("file", exc.message)])
    finally:
        del data
    if not result.notes:
        problems = [("file", f"We found no notes in {name}.")] + [("file", e) for e in result.errors[:10]]
        return again(400, problems)
    from engine.quotas import check_upload

    try:   # notes per upload, and per organisation per day
        await run_in_threadpool(check_upload, settings.db_path, settings, principal.org_id, len(result.notes),
                                name)
    except InsightsError as exc:
        return again(exc.status, [("file", f"{exc.message} {exc.fix}")])
    make_pipeline = pipeline_factory(request)
    job_id = start_job(settings.db_path, "upload", 2 * len(result.notes),
                       ingest_work(make_pipeline, result.notes, principal.org, consent_basis,
                                   consent_reference=consent["consent_reference"], recorded_by=principal.label,
                                   project_id=chosen),
                       owner=principal.label, org_id=principal.org_id)
    return RedirectResponse(f"/jobs/{job_id}?read_errors={len(result.errors)}", status_code=303)


def _job_for(store, job_id: str, principal) -> dict:
    """A job of the caller's own organisation (as GET /api/v1/jobs/{id}: admins included), or one they started
    themselves (an admin with no organisation running a refit); any other answers 404, as if it did not exist."""
    try:
        job = store.job(job_id)
    except NotFoundError:
        job = None
    own_org = job is not None and principal.org_id is not None and job["org_id"] == principal.org_id
    if job is None or not (own_org or job.get("owner") == principal.label):
        raise NotFoundError(f"Your organisation has no background job with id '{job_id}'.",
                            fix="Use the link from your upload's page; jobs of other organisations are not shown.")
    return job


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str, read_errors: int = 0, principal=Depends(jobs_reader),
             store=Depends(get_store)):
    try:
        job = job_json(_job_for(store, job_id, principal))
    except InsightsError as exc:
        return error_page(request, exc)
    return render(request, "job.html", job=job, read_errors=read_errors)


@router.get("/jobs/{job_id}/status")
def job_status(job_id: str, principal=Depends(jobs_reader), store=Depends(get_store)) -> JSONResponse:
    return JSONResponse(job_json(_job_for(store, job_id, principal)))
