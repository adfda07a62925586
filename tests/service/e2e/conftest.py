"""End-to-end fixtures: the real app served by uvicorn on a free loopback port, over a small real database
(real anonymiser and MiniLM on 240 generated notes), and Debian's headless Chromium driven by Playwright.

Chromium must be installed (`make install` does it with apt-get); if it is missing these tests fail, they do
not skip. Screenshots of every page go to test-output/screenshots/.

Accessibility: any test can take the `assert_accessible` fixture and call `assert_accessible(page)` (or
`assert_accessible(page, "name")`) on the page as it stands: axe-core (bundled by the pinned
axe-playwright-python package, no network) runs in the page for WCAG 2.2 AA and the test fails listing each
violation. test_accessibility.py visits every page route this way, and fails when a GET page route is added that
it does not visit.
"""
from __future__ import annotations

import shutil
from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest

from engine.core.settings import Settings
from tests.service.conftest import served_in_thread

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = ROOT / "test-output" / "screenshots"
PASSWORD = "a long e2e password"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]   # WCAG 2.2 AA, as axe-core tags its rules
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
        from engine.places.boundaries import import_shared_boundaries

        import_shared_boundaries(store)   # the theme page's maps
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
    """page_as(role) -> a new page in its own browser context, signed in through the real /login form
    (page_as(None): signed out, at the home page)."""
    base, _ = live
    contexts = []

    def make(role: str | None):
        context = browser.new_context(base_url=base, accept_downloads=True, viewport={"width": 1100, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(120_000)
        if role is None:
            page.goto("/")
            return page
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


@cache
def axe_source() -> str:
    """axe.min.js (axe-core 4.12) as shipped inside the axe-playwright-python wheel pinned in the test extras."""
    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.2 A and AA violations on the page as it stands. axe is evaluated through the DevTools
    protocol (page.evaluate), which the app's CSP (script-src 'self', no inline script) does not govern, so the
    CSP is tested as it ships."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                            "resultTypes: ['violations']})", WCAG_TAGS)
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:10]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    target {' '.join(map(str, node['target']))}: {summary[:300]}")
        if len(v["nodes"]) > 10:
            lines.append(f"    ... and {len(v['nodes']) - 10} more")
    return "\n".join(lines)


# WCAG 2.4.7 (focus visible) and 1.4.11 (non-text contrast) for focus, which axe-core cannot test: every element
# a keyboard reaches must look different when focused, with an outline of at least 2px or a box shadow, in a
# colour of at least 3:1 against the background around the element. Each element is focused in turn.
FOCUS_CHECK = """() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
  const look = s => [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor].join('|');
  const rgb = c => { const m = /rgba?\\(([^)]+)\\)/.exec(c || ''); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => [c.r, c.g, c.b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const around = el => { for (let e = el.parentElement; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a > 0) return c; } return {r: 255, g: 255, b: 255, a: 1}; };
  const failing = [];
  for (const el of document.querySelectorAll(sel)) {
    if (el.disabled || el.tabIndex < 0 || el.closest('[hidden], [inert]')) continue;
    const box = el.getBoundingClientRect();
    if ((box.width === 0 && box.height === 0) || getComputedStyle(el).visibility === 'hidden') continue;
    if (document.activeElement === el) el.blur();
    const before = getComputedStyle(el), plain = look(before);
    const wasOutline = before.outlineStyle + before.outlineWidth + before.outlineColor, wasShadow = before.boxShadow;
    el.focus();
    if (document.activeElement !== el) continue;
    const s = getComputedStyle(el);
    const colours = [];   // only what focusing adds counts: a shadow or outline there all along shows nothing
    if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 &&
        s.outlineStyle + s.outlineWidth + s.outlineColor !== wasOutline) colours.push(rgb(s.outlineColor));
    if (s.boxShadow !== 'none' && s.boxShadow !== wasShadow)
      for (const m of s.boxShadow.matchAll(/rgba?\\([^)]+\\)/g)) colours.push(rgb(m[0]));
    const bg = around(el);
    const best = Math.max(0, ...colours.filter(c => c && c.a > 0).map(c => ratio(c, bg)));
    let why = null;
    if (!colours.length || look(s) === plain) why = 'no outline or box shadow when focused';
    else if (best < 3) why = 'focus indicator contrast ' + best.toFixed(2) + ':1 against the background, needs 3:1';
    if (why) {
      const name = (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40);
      failing.push([el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (name ? ' "' + name + '"' : ''), why]);
    }
    el.blur();
  }
  window.scrollTo(0, 0);
  return failing;
}"""


def own_checks(page) -> list[dict]:
    """What axe-core leaves out, in its violation shape: a focus indicator that shows, in 3:1 contrast (2.4.7,
    1.4.11), and a plain-text title (2.4.2)."""
    found = []
    failing = page.evaluate(FOCUS_CHECK)
    if failing:
        found.append({"id": "focus-visible", "impact": "serious", "help": "Focused elements must show a focus "
                      "indicator of 3:1 contrast (WCAG 2.4.7, 1.4.11)", "helpUrl": "https://www.w3.org/WAI/WCAG22/"
                      "Understanding/focus-visible", "nodes": [{"target": [element], "failureSummary": why}
                                                               for element, why in failing]})
    title = page.title()
    if not title.strip() or "<" in title or ">" in title:
        found.append({"id": "document-title-text", "impact": "serious", "help": "The page title must be plain "
                      "words that describe the page (WCAG 2.4.2)", "helpUrl": "https://www.w3.org/WAI/WCAG22/"
                      "Understanding/page-titled", "nodes": [{"target": ["title"], "failureSummary": repr(title)}]})
    return found


def check_accessible(page, name: str = "") -> None:
    """Fail, listing each WCAG 2.2 AA violation (id, impact, target, help), unless axe-core and own_checks find
    none on the page as it stands. The focus checks move the focus; it is put back where it was afterwards, so a
    keyboard journey can go on from the same place."""
    page.evaluate("window.__a11yFocus = document.activeElement")
    violations = axe_violations(page) + own_checks(page)
    page.evaluate("(() => { const el = window.__a11yFocus; if (el && el.focus) el.focus(); "
                  "else if (document.activeElement) document.activeElement.blur(); })()")
    if violations:
        where = name or page.url
        shot(page, f"a11y-failed-{name or 'page'}")
        pytest.fail(f"{where}: {len(violations)} accessibility rule(s) failed (WCAG 2.2 AA):\n"
                    + describe(violations), pytrace=False)


@pytest.fixture
def assert_accessible():
    """assert_accessible(page, name=""): axe-core's WCAG 2.2 AA check of the page as it stands."""
    return check_accessible
