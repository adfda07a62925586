"""The admin's "Try a theme" form (on /themes) and its answer (POST /themes/try): the notes a new or changed
theme would take, the near-misses just below the line and the words that drive it, before anything is saved.
The same `engine.taxonomy_try.try_theme` as `insights taxonomy try`; counts pass through suppression."""
from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse

from engine.core.errors import InsightsError
from engine.publish.suppression import Policy
from service.api.deps import audit_quote_read, get_policy, get_store
from service.auth import ADMIN, require, verify_csrf
from service.pages.site import render

router = APIRouter(include_in_schema=False)
admin = require(*ADMIN)
FIELDS = ("label", "description", "examples")


def theme_choices(store) -> list[dict]:
    return [{"id": t["id"], "label": t["label"], "description": t["description"], "examples": t["examples"]}
            for t in store.themes()]


def quoted_note_ids(view: dict) -> list[int]:
    return sorted({n["note_id"] for t in view["themes"] for n in t["examples"] + t["near_misses"]})


def try_page(request: Request, store, policy: Policy, form: dict) -> HTMLResponse:
    """Check the form, try the theme, render the answer (or the form with what to fix)."""
    from engine.taxonomy_try import published, try_theme

    errors = [(f"try-{field}", message) for field, message in (
        ("label", "Give the theme a name."), ("description", "Say in a sentence what the theme covers."))
        if not form[field].strip()]
    choices = theme_choices(store)
    if form["theme_id"] and form["theme_id"] not in {t["id"] for t in choices}:
        errors.append(("try-theme_id", "Choose one of the themes listed, or a new theme."))
    if errors:
        return render(request, "theme_try.html", status_code=400, form=form, choices=choices, view=None,
                      errors=errors)
    models = request.app.state.models
    try:
        report = try_theme(store, request.app.state.settings, form["label"], form["description"],
                           form["examples"].splitlines(), form["theme_id"] or None, embedder=models.embedder)
    except InsightsError as exc:
        field = f"try-{exc.where}" if exc.where in FIELDS else "try-label"
        return render(request, "theme_try.html", status_code=exc.status, form=form, choices=choices, view=None,
                      errors=[(field, f"{exc.message} {exc.fix}")])
    view = published(report, policy)
    audit_quote_read(request, "POST /themes/try", quoted_note_ids(view))
    return render(request, "theme_try.html", form=form, choices=choices, view=view, theme=view["themes"][0],
                  method=policy.method())


@router.post("/themes/try", response_class=HTMLResponse)
def try_post(request: Request, theme_id: str = Form(""), label: str = Form("", max_length=200),
             description: str = Form("", max_length=2000), examples: str = Form("", max_length=4000),
             principal=Depends(admin), _csrf: None = Depends(verify_csrf), store=Depends(get_store),
             policy=Depends(get_policy)):
    """Admins: try a new theme, or changes to one, on the stored notes without saving it."""
    return try_page(request, store, policy, {"theme_id": theme_id, "label": label, "description": description,
                                             "examples": examples})
