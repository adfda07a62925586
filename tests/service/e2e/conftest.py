"""End-to-end fixtures: the real app served by uvicorn on a free loopback port, over a small real database
(real anonymiser and MiniLM on 240 generated notes), and Debian's headless Chromium driven by Playwright.

Chromium must be installed (`make install` does it with apt-get); if it is missing these tests fail, they do
not skip. Screenshots of every page go to test-output/screenshots/.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.core.settings import Settings
from tests.service.conftest import served_in_thread

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
PASSWORD = "a long e2e password"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if not found:
        pytest.fail("Chromium is not installed, so the browser tests cannot run. Install it with `make install` "
                    "(it runs `apt-get install -y chromium`) or `apt-get install -y chromium`.", pytrace=False)
    return found


@pytest.fixture(scope="session")
def live(tmp_path_factory, anonymiser, embedder):
    """(base URL, settings) of the real app on a free loopback port, with users of each role."""

    from engine.demo import run_demo
    from engine.pipeline import Pipeline
    from engine.store import Store
    from service.app import create_app
    from service.auth import create_user

    settings = Settings(db_path=tmp_path_factory.mktemp("e2e") / "insights.db", suppression_threshold=5,
                        sensitive_suppression_threshold=5, rate_limit_per_minute=10_000)
    store = Store(settings.db_path)
    try:
        run_demo(Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder), n_notes=240, discover=False)
        for role, org in (("contributor", "Riverside Food Bank"), ("analyst", None), ("facilitator", None),
                         ("admin", None)):
            create_user(store, f"{role}@example.org", role, org, PASSWORD)
    finally:
        store.close()
    app = create_app(settings)
    app.state.models._anonymiser = anonymiser
    app.state.models._embedder = embedder
    with served_in_thread(app, timeout=60) as base:
        yield base, settings


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page_as(browser, live):
    """page_as(role) -> a new page in its own browser context, signed in through the real /login form."""
    base, _ = live
    contexts = []

    def make(role: str):
        context = browser.new_context(base_url=base, accept_downloads=True, viewport={"width": 1100, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(120_000)
        page.goto("/login")
        page.fill("#email", f"{role}@example.org")
        page.fill("#password", PASSWORD)
        page.click("button:has-text('Sign in')")
        page.wait_for_url(base + "/")
        return page

    yield make
    for c in contexts:
        c.close()


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot():
    """screenshot(page, name): a full-page PNG under test-output/screenshots/."""
    return shot
