""""Check these notes" in headless Chromium: an analyst opens it from the themes page and confirms a theme with
the keyboard only (Tab and Enter); the verdict is stored as a correction and the next note loads.

The session's demo collection (240 notes over many wards) has no ward x theme cell big enough for the quotes
rule the queue follows, so this module serves its own: the review-queue collection (one ward with enough notes
per theme, tests/service/review_queue_data.py), with the real app under uvicorn as `live` does."""
from __future__ import annotations

import pytest

from tests.service.e2e.conftest import PASSWORD


@pytest.fixture(scope="module")
def live(tmp_path_factory, embedder):
    """(base URL, settings), like the session's `live`, over the review-queue collection."""
    from engine.core.settings import Settings
    from engine.store import Store
    from service.app import create_app
    from service.auth import create_user
    from tests.service.conftest import served_in_thread
    from tests.service.review_queue_data import fill

    settings = Settings(db_path=tmp_path_factory.mktemp("e2e-queue") / "insights.db", suppression_threshold=5,
                        sensitive_suppression_threshold=5, rate_limit_per_minute=10_000)
    fill(settings, embedder)
    store = Store(settings.db_path)
    try:
        create_user(store, "analyst@example.org", "analyst", None, PASSWORD)
    finally:
        store.close()
    app = create_app(settings)
    app.state.models._embedder = embedder
    with served_in_thread(app, timeout=60) as base:
        yield base, settings


def _tab_to(page, matches, limit: int = 80) -> str:
    """Press Tab until the focused element's text satisfies `matches`; returns that text."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        text = page.evaluate("() => (document.activeElement && document.activeElement.innerText) || ''")
        if matches(text.strip()):
            return text.strip()
    raise AssertionError("Tab never reached the control")


def test_analyst_confirms_a_theme_with_the_keyboard_only(page_as, live, screenshot, assert_accessible):
    from engine.store import Store

    _, settings = live
    page = page_as("analyst")
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/themes")
    _tab_to(page, lambda t: t == "Check these notes")
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Check these notes')")
    assert page.is_visible("#note-text")
    screenshot(page, "analyst-check-notes-1")
    assert_accessible(page, "analyst-check-notes-1")
    action = page.get_attribute("#verdict-form", "action")
    note_id = int(action.rsplit("/", 1)[1])
    label = _tab_to(page, lambda t: t.startswith("Yes, it is about "))[len("Yes, it is about "):]
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")                     # focus is visible
    page.keyboard.press("Enter")
    page.wait_for_selector("#saved")
    screenshot(page, "analyst-check-notes-2-saved")
    assert_accessible(page, "analyst-check-notes-2-saved")
    assert not csp_errors
    store = Store(settings.db_path)
    try:
        labels = {t["id"]: t["label"] for t in store.themes()}
        stored = [(labels[c["theme_id"]], c["verdict"], c["who"]) for c in store.latest_corrections([note_id])]
    finally:
        store.close()
    assert stored == [(label, "confirm", "user:analyst@example.org")]
    next_action = page.get_attribute("#verdict-form", "action") if page.is_visible("#verdict-form") else None
    assert next_action != action                           # the next note loaded, not the same one again
