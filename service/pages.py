"""Server-rendered web pages: paste a note and see what was hidden before submitting; browse themes."""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from anonymise.entities import EXPLAIN
from engine import views
from engine.errors import InsightsError
from service.api import NoteIn, get_policy, get_store, submit_note

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
router = APIRouter(include_in_schema=False)
SOURCE_LABELS = {"case_note": "Case note", "transcript": "Interview transcript", "anecdote": "Something I heard"}
CONSENT_LABELS = {
    "consent": "The person agreed to their story being shared",
    "legitimate_interests": "Shared under our organisation's legitimate interests",
    "public_task": "Shared as part of a public task (councils)",
    "not_recorded": "I don't know",
}


def highlight(text: str, redactions: list[dict]) -> Markup:
    """The anonymised text with each replacement marked and explained."""
    out, pos = [], 0
    for r in sorted(redactions, key=lambda r: r["start"]):
        out.append(escape(text[pos:r["start"]]))
        why = EXPLAIN.get(r["entity_type"], r["entity_type"].lower())
        out.append(Markup('<mark class="redaction" title="We hid {w}" data-type="{t}">{p}'
                          '<span class="visually-hidden"> (we hid {w})</span></mark>').format(
            w=why, t=r["entity_type"], p=r["placeholder"]))
        pos = r["end"]
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def render(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/", response_class=HTMLResponse)
def home(request: Request):
    return render(request, "home.html")


@router.get("/submit", response_class=HTMLResponse)
def submit_form(request: Request):
    return render(request, "submit.html", form={}, sources=SOURCE_LABELS, consents=CONSENT_LABELS)


@router.post("/submit", response_class=HTMLResponse)
def submit_post(request: Request, text: str = Form(""), organisation: str = Form(""), area: str = Form(""),
                date: str = Form(""), source_type: str = Form("case_note"),
                consent_basis: str = Form("legitimate_interests"), action: str = Form("preview"),
                hide: str = Form(""), keep: list[str] = Form(default_factory=list), store=Depends(get_store)):
    form = {"organisation": organisation, "area": area, "date": date, "source_type": source_type,
            "consent_basis": consent_basis}
    hide_list = [line.strip() for line in hide.splitlines() if line.strip()]
    keep_spans = []
    for value in keep:
        start, _, end = value.partition(":")
        if start.isdigit() and end.isdigit():
            keep_spans.append({"start": int(start), "end": int(end)})
    context = {"form": form, "sources": SOURCE_LABELS, "consents": CONSENT_LABELS, "text": text, "hide": hide,
               "kept": {f"{k['start']}:{k['end']}" for k in keep_spans}}
    errors = []
    if not text.strip():
        errors.append("Paste or type the note in the box.")
    if not organisation.strip():
        errors.append("Tell us which organisation you are from.")
    if source_type not in SOURCE_LABELS or consent_basis not in CONSENT_LABELS:
        errors.append("Choose the kind of note and how it may be shared.")
    if errors:
        return templates.TemplateResponse(request, "submit.html", {**context, "errors": errors}, status_code=400)
    try:
        note = NoteIn(text=text, organisation=organisation.strip(), source_type=source_type, date=date or None,
                      area=area or None, consent_basis=consent_basis, hide=hide_list, keep=keep_spans)
        result = submit_note(request, store, note, preview=(action != "submit"), channel="web")
    except InsightsError as exc:
        return templates.TemplateResponse(request, "submit.html", {**context, "errors": [exc.message]},
                                          status_code=exc.status)
    redactions = [r.model_dump() for r in result.redactions]
    shown = highlight(result.text, redactions)
    if action != "submit":
        kinds = sorted({EXPLAIN.get(r["entity_type"], r["entity_type"]) for r in redactions})
        found = [{"original": text[r["original_start"]:r["original_end"]], "placeholder": r["placeholder"],
                  "why": EXPLAIN.get(r["entity_type"], r["entity_type"]),
                  "key": f"{r['original_start']}:{r['original_end']}"} for r in redactions
                 if r["entity_type"] != "MANUAL"]
        return render(request, "submit.html", **context, preview=shown, kinds=kinds, count=len(redactions),
                      found=found)
    labels = {t["id"]: t["label"] for t in store.themes()}
    joined = [labels.get(t["theme_id"], t["theme_id"]) for t in result.themes]
    return render(request, "submitted.html", result=result, shown=shown, themes=joined)


@router.get("/themes", response_class=HTMLResponse)
def themes_page(request: Request, store=Depends(get_store), policy=Depends(get_policy)):
    return render(request, "themes.html", themes=views.theme_list(store, policy), method=policy.method(),
                  emergent=views.emergent_list(store, policy))


@router.get("/themes/{theme_id}", response_class=HTMLResponse)
def theme_page(request: Request, theme_id: str, store=Depends(get_store), policy=Depends(get_policy)):
    try:
        detail = views.theme_detail(store, policy, theme_id)
    except InsightsError as exc:
        return templates.TemplateResponse(request, "error.html", {"message": exc.message}, status_code=exc.status)
    peak = max([t["notes"] or 0 for t in detail["trend"]] or [1]) or 1
    return render(request, "theme.html", theme=detail, peak=peak)


def register_static(app) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
