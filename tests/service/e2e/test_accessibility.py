"""Every page, as each role sees it, passes axe-core's WCAG 2.2 AA rules in headless Chromium; and every GET page
route of the app is visited here (a new page route fails test_every_page_route_is_checked until a visit is added
to VISITS, or the route to NOT_PAGES with a reason).

To check a page from any other browser test: take the `assert_accessible` fixture and call
`assert_accessible(page)` once the page shows what you want checked.
"""
from __future__ import annotations

import json

import re
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlparse

import pytest
from starlette.routing import compile_path

# A note with things we hide (a name, a phone number) and a residual risk we warn about (a named workplace).
RISKY = ("Spoke to Mrs Amira Khan about her rent arrears; her phone is 07700 900456. Her husband works at Brindle "
         "Joinery and the family has run out of gas credit again.")
SENT = "Helped Mr Desmond Achebe (07700 900321) apply for a food bank voucher after his benefits were delayed."


@dataclass(frozen=True)
class Visit:
    name: str
    role: str | None            # None: signed out
    route: str                  # the route template the page ends on
    go: Callable                # go(page): open the page and bring it to the state checked


def _open(path: str, wait_for: str = "main h1"):
    def go(page):
        page.goto(path)
        page.wait_for_selector(wait_for)
    return go


def _project(page):
    """A facilitator starts a project through the API (signed in by the page's own session) and opens its page."""
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "ci_csrf")
    r = page.request.post("/api/v1/projects", data=json.dumps({
        "name": "Warm spaces", "question": "Why are older residents not using the warm spaces?", "period": "2025",
        "organisations": ["Riverside Food Bank"], "leads": ["Community development officer"]}),
        headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"})
    assert r.status == 201, r.text()
    page.goto(f"/projects/{r.json()['id']}")
    page.wait_for_selector("#project-themes")


def _with_project(path: str):
    """Open `path` (the share or upload page) once the contributor's organisation is in an open project, so its
    "Project" choice is shown: a facilitator, signed in in a context of their own, starts one through the API."""
    def go(page):
        from tests.service.e2e.conftest import PASSWORD

        base = "{0.scheme}://{0.netloc}".format(urlparse(page.url))
        context = page.context.browser.new_context(base_url=base)
        try:
            facilitator = context.new_page()
            facilitator.goto("/login")
            facilitator.fill("#email", "facilitator@example.org")
            facilitator.fill("#password", PASSWORD)
            facilitator.click("button:has-text('Sign in')")
            facilitator.wait_for_url(base + "/")
            csrf = next(c["value"] for c in context.cookies() if c["name"] == "ci_csrf")
            r = facilitator.request.post("/api/v1/projects", data=json.dumps({
                "name": "Cold homes", "question": "Why are families not asking for help with heating?",
                "organisations": ["Riverside Food Bank"]}),
                headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"})
            assert r.status == 201, r.text()
        finally:
            context.close()
        page.goto(path)
        page.wait_for_selector("select#project_id")
    return go


def _submit_errors(page):
    page.goto("/submit")
    page.click("button:has-text('Check what we will hide')")
    page.wait_for_selector("#error-summary")


def _submit_preview(page):
    page.goto("/submit")
    page.fill("#text", RISKY)
    page.click("button:has-text('Check what we will hide')")
    page.wait_for_selector("#anonymised")
    assert page.locator("#anonymised mark.redaction").count() >= 2       # identifiers hidden ...
    assert page.locator("#anonymised mark.risk").count() >= 1            # ... and residual risks marked
    assert page.locator("#risks button.hide-risk").count() >= 1          # each with its "Hide this" button
    assert page.locator("#found input[type=checkbox]").count() >= 2


def _submit_risk_hidden(page):
    _submit_preview(page)
    page.locator("#risks button.hide-risk").first.click()
    page.wait_for_selector("#risk-status")


def _submit_sent(page):
    page.goto("/submit")
    page.fill("#text", SENT)
    page.click("button:has-text('Check what we will hide')")
    page.wait_for_selector("#anonymised")
    page.click("button:has-text('Send the anonymised note')")
    page.wait_for_selector("text=Thank you: your note has been added")


def _upload_errors(page):
    page.goto("/upload")
    page.click("button:has-text('Upload and anonymise')")
    page.wait_for_selector("#error-summary, #size-error:not([hidden])")


def _job_done(page):
    import tempfile
    from pathlib import Path

    page.goto("/upload")
    with tempfile.TemporaryDirectory() as folder:
        csv_file = Path(folder) / "notes.csv"
        csv_file.write_text("note,date\n\"Helped a family with a food bank referral and their rent arrears.\","
                            "2025-03-03\n\"Advised on a council tax debt and a food bank voucher.\",2025-04-07\n")
        page.set_input_files("#file", str(csv_file))
        page.click("button:has-text('Upload and anonymise')")
    page.wait_for_url(re.compile(r".*/jobs/[0-9a-f]+.*"))
    page.wait_for_selector("#job-done", state="visible")


def _first_theme(page):
    page.goto("/themes")
    page.click("table a >> nth=0")
    page.wait_for_selector("#theme-count")


def _theme_bad_period(page):
    _first_theme(page)
    page.fill("#period", "next year")
    page.click("button:has-text('Show')")
    page.wait_for_selector("#error-summary")


def _summary_built(page):
    page.goto("/summary")
    page.fill("#period", "")
    page.click("button:has-text('Build the summary')")
    page.wait_for_selector("#report")


def _sign_in_failed(page):
    page.goto("/login")
    page.fill("#email", "nobody@example.org")
    page.fill("#password", "not the password")
    page.click("button:has-text('Sign in')")
    page.wait_for_selector(".error-summary")


def _response_saved(page):
    page.goto("/responses/new")
    page.wait_for_selector("#said")
    page.get_by_label("Theme").select_option("food_poverty")
    page.get_by_label("You said: what we heard").fill("Groups told us families skip meals at the end of the month.")
    page.get_by_label("We did: what was done or decided").fill("Two more food bank sessions a week from October.")
    page.get_by_label("Who is responsible").fill("Food Bank Network coordinator")
    page.get_by_role("button", name="Save the response").click()
    page.wait_for_selector("#saved")


def _response_edit(page):
    _response_saved(page)
    page.goto(page.url.split("?")[0].split("#")[0] + "/edit")
    page.wait_for_selector("#said")


def _response_errors(page):
    page.goto("/responses/new")
    page.wait_for_selector("#said")
    page.get_by_role("button", name="Save the response").click()
    page.wait_for_selector(".error-summary, #error-summary")


def _agreement_errors(page):
    page.goto("/admin/agreements")
    page.wait_for_selector("#reference")
    page.get_by_role("button", name="Add the agreement").click()
    page.wait_for_selector(".error-summary, #error-summary")


PASTED = ("The electricity meter ran out on Friday and the family has been without heating all weekend with two small "
          "children. We gave a fuel voucher, referred them to the energy advice service and booked a follow-up for ")


def _usage_after_pasting_twice(page):
    """Share one story twice (a few words apart: a near-duplicate, counted once), then open /my/usage."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "ci_csrf")
    for when in ("next week.", "next Tuesday."):
        r = page.request.post("/api/v1/notes", data={"text": PASTED + when, "date": "2025-03"},
                              headers={"X-CSRF-Token": token})
        assert r.ok, r.text()
    page.goto("/my/usage")
    page.wait_for_selector("main h1")


VISITS = [
    Visit("home-signed-out", None, "/", _open("/")),
    Visit("sign-in", None, "/login", _open("/login")),
    Visit("sign-in-failed", None, "/login", _sign_in_failed),
    Visit("home-contributor", "contributor", "/", _open("/")),
    Visit("submit-form", "contributor", "/submit", _open("/submit")),
    Visit("submit-errors", "contributor", "/submit", _submit_errors),
    Visit("submit-preview-hidden-and-warnings", "contributor", "/submit", _submit_preview),
    Visit("submit-risk-hidden", "contributor", "/submit", _submit_risk_hidden),
    Visit("submit-sent", "contributor", "/submit", _submit_sent),
    Visit("upload-form", "contributor", "/upload", _open("/upload")),
    Visit("upload-errors", "contributor", "/upload", _upload_errors),
    Visit("submit-form-with-project", "contributor", "/submit", _with_project("/submit")),
    Visit("upload-form-with-project", "contributor", "/upload", _with_project("/upload")),
    Visit("job-done", "contributor", "/jobs/{job_id}", _job_done),
    Visit("job-not-found", "contributor", "/jobs/{job_id}", _open("/jobs/0123456789abcdef")),
    Visit("home-analyst", "analyst", "/", _open("/")),
    Visit("themes", "analyst", "/themes", _open("/themes")),
    Visit("theme", "analyst", "/themes/{theme_id}", _first_theme),
    Visit("theme-bad-period", "analyst", "/themes/{theme_id}", _theme_bad_period),
    Visit("theme-not-found", "analyst", "/themes/{theme_id}", _open("/themes/no-such-theme")),
    Visit("evidence", "analyst", "/evidence", _open("/evidence")),
    Visit("home-facilitator", "facilitator", "/", _open("/")),
    Visit("summary-form", "facilitator", "/summary", _open("/summary")),
    Visit("summary-built", "facilitator", "/summary", _summary_built),
    Visit("check-notes", "analyst", "/check-notes", _open("/check-notes")),
    Visit("quote-holds", "analyst", "/quote-holds", _open("/quote-holds")),
    Visit("responses-contributor", "contributor", "/responses", _open("/responses")),
    Visit("response-new", "facilitator", "/responses/new", _open("/responses/new")),
    Visit("response-errors", "facilitator", "/responses/new", _response_errors),
    Visit("response-saved", "facilitator", "/responses/{response_id}", _response_saved),
    Visit("response-edit", "facilitator", "/responses/{response_id}/edit", _response_edit),
    Visit("my-usage", "contributor", "/my/usage", _usage_after_pasting_twice),
    Visit("near-duplicates", "analyst", "/near-duplicates", _open("/near-duplicates")),
    Visit("admin-dpia", "admin", "/admin/dpia", _open("/admin/dpia")),
    Visit("my-picture", "contributor", "/my/picture", _open("/my/picture", "#picture-responses")),
    Visit("projects-contributor", "contributor", "/projects", _open("/projects")),
    Visit("project", "facilitator", "/projects/{project_id}", _project),
    Visit("project-not-found", "contributor", "/projects/{project_id}", _open("/projects/999999")),
    Visit("my-picture-bad-period", "contributor", "/my/picture", _open("/my/picture?period=next+year",
                                                                       "#error-summary")),
    Visit("agreements", "admin", "/admin/agreements", _open("/admin/agreements")),
    Visit("agreements-errors", "admin", "/admin/agreements", _agreement_errors),
]

# GET routes outside the API that are not pages of ours, each with the reason it is not checked here.
NOT_PAGES = {
    "/summary/download": "a file download (Word, PDF, HTML, Markdown), not a page",
    "/summary/pack": "a file download (the evidence pack, a zip), not a page",
    "/projects/{project_id}/pack": "a file download (the project's evidence pack, a zip), not a page",
    "/jobs/{job_id}/status": "JSON polled by job.js, not a page",
    "/docs": "Swagger UI from the pinned fastapi-offline package, for API developers; not our templates",
    "/openapi.json": "the OpenAPI document (JSON)",
}


@pytest.mark.parametrize("visit", VISITS, ids=[v.name for v in VISITS])
def test_every_page_meets_wcag_2_2_aa(visit, page_as, assert_accessible, screenshot):
    page = page_as(visit.role)
    visit.go(page)
    path = urlparse(page.url).path
    assert compile_path(visit.route)[0].match(path), f"{visit.name} ended on {path}, not {visit.route}"
    screenshot(page, f"a11y-{visit.name}")
    assert_accessible(page, visit.name)


def _routes(routes):
    """(path, route) of every route, into included routers too (FastAPI keeps those as lazy branches)."""
    for r in routes:
        if hasattr(r, "effective_route_contexts"):
            for ctx in r.effective_route_contexts():
                yield ctx.path, ctx.original_route
        else:
            yield getattr(r, "path", ""), r


def page_routes(tmp_path) -> set[str]:
    """Every GET route of the app outside the JSON API under /api/ (whose routes test_docs checks)."""
    from engine.core.settings import Settings
    from service.app import create_app

    app = create_app(Settings(db_path=tmp_path / "routes.db"))
    return {path for path, r in _routes(app.routes)
            if "GET" in (getattr(r, "methods", None) or ()) and not path.startswith("/api/")}


def test_every_page_route_is_checked(tmp_path):
    routes = page_routes(tmp_path)
    visited = {v.route for v in VISITS}
    assert visited <= routes, f"VISITS name routes the app does not have: {sorted(visited - routes)}"
    assert set(NOT_PAGES) <= routes, f"NOT_PAGES names routes the app does not have: {sorted(set(NOT_PAGES) - routes)}"
    missed = routes - visited - set(NOT_PAGES)
    assert not missed, (f"GET page routes with no accessibility check: {sorted(missed)}. Add a Visit to VISITS in "
                        "tests/service/e2e/test_accessibility.py (or the route to NOT_PAGES with a reason).")
    assert {"/", "/login", "/submit", "/upload", "/themes", "/themes/{theme_id}", "/evidence", "/summary"} <= visited


BROKEN = """<!doctype html><html><head><title>Report <b>2025</b></title>
<style>a:focus { outline: none; } .faint { color: #aaa; } .pale:focus { outline: 3px solid #ffdd00; }
.shadowed { box-shadow: 0 2px 0 #000; } .shadowed:focus { outline: 3px solid #ffdd00; }</style></head>
<body><img src="data:,"><input id="name"><p class="faint">Pale words on white.</p>
<a href="#top">A link with no focus ring</a><button class="pale">Pale ring</button><button class="shadowed">Old shadow</button><button style="width:12px;height:12px;padding:0"></button></body></html>"""


def test_the_check_fails_naming_each_violation_on_a_page_that_breaks_the_rules(browser):
    from tests.service.e2e.conftest import check_accessible

    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content(BROKEN)
        with pytest.raises(pytest.fail.Exception) as failed:
            check_accessible(page, "broken")
    finally:
        context.close()
    message = str(failed.value)
    for rule in ("html-has-lang", "image-alt", "label", "color-contrast", "button-name", "focus-visible",
                 "document-title-text"):
        assert f"- {rule} (" in message, rule
    assert 'a "A link with no focus ring": no outline or box shadow when focused' in message
    assert 'button "Pale ring": focus indicator contrast 1.3' in message   # yellow on white, 1.35:1
    assert 'button "Old shadow": focus indicator contrast 1.3' in message  # its black shadow was there unfocused
    assert "target img" in message
