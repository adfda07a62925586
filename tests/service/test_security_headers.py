"""Issue 20: every answer carries the CSP, framing, sniffing and referrer headers, over real HTTP; the pages keep
every script in a static file, so the CSP needs no inline script."""
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.app import create_app

from .conftest import sign_in

TEMPLATES = Path(__file__).resolve().parents[2] / "service" / "templates"
EXPECTED = {"x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin"}


@pytest.fixture
def plain_client(settings):
    with TestClient(create_app(settings)) as c:
        yield c


def _check(r):
    for name, value in EXPECTED.items():
        assert r.headers.get(name) == value, (r.request.url, name, r.headers.get(name))
    policy = dict(part.strip().split(" ", 1) for part in r.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    assert policy["script-src"] == "'self'" and "unsafe" not in r.headers["content-security-policy"]
    assert policy["object-src"] == "'none'"


@pytest.mark.parametrize("path, status", [("/", 200), ("/login", 200), ("/api/v1/health", 200),
                                          ("/api/v1/themes", 401), ("/themes", 303), ("/static/style.css", 200),
                                          ("/static/job.js", 200), ("/docs", 200), ("/openapi.json", 200),
                                          ("/api/v1/nothing-here", 401), ("/nothing-here", 303)])
def test_when_anyone_asks_for_anything_then_the_answer_has_the_security_headers(plain_client, path, status):
    r = plain_client.get(path, follow_redirects=False)
    assert r.status_code == status
    _check(r)


def test_when_signed_in_pages_errors_and_too_large_bodies_answer_then_they_have_the_headers_too(settings):
    with TestClient(create_app(settings)) as c:
        sign_in(c, settings, "admin", "Riverside")
        for r in (c.get("/themes"), c.get("/api/v1/themes"), c.get("/jobs/no-such-job"),
                  c.get("/api/v1/nothing-here"), c.delete("/api/v1/themes"),
                  c.post("/api/v1/notes", content=b"x" * (3 * 1024 * 1024),
                         headers={"content-type": "application/json"})):
            assert r.status_code in (200, 404, 405, 413), (r.request.url, r.status_code)
            _check(r)


def test_when_reading_the_templates_then_no_page_has_inline_script_or_handlers():
    for template in TEMPLATES.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>", text)
        assert all('src="/static/' in s for s in scripts), (template.name, scripts)
        assert not re.search(r"\son[a-z]+\s*=", text), template.name
        assert "javascript:" not in text and "style=" not in text, template.name
