"""The evidence pack (service/packs.py) from a small real database (real anonymiser and MiniLM on 80 generated
notes): over HTTP for facilitators only, from the CLI as a process, and from the summary page. Each file in the
zip opens in what it says it is, the manifest's checksums hold, every count is above the threshold, quotes carry
their area and month, and a response written as a formula comes out as text."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from engine.core.settings import Settings

INSIGHTS = str(Path(sys.executable).parent / "insights")
EXPECTED = {"README.txt", "summary.docx", "summary.pdf", "summary.md", "evidence.csv", "quotes.csv",
            "responses.csv", "method.md", "sources.md", "manifest.json"}
FORMULA = "=HYPERLINK(\"http://evil.example\",\"click\")"


@pytest.fixture(scope="module")
def packed(tmp_path_factory, anonymiser, embedder):
    """(settings, facilitator token, the theme a response was recorded for)."""
    from engine.demo import run_demo
    from engine.pipeline import Pipeline
    from engine.store import Store
    from service.auth import create_token

    settings = Settings(db_path=tmp_path_factory.mktemp("packs") / "insights.db", suppression_threshold=5,
                        sensitive_suppression_threshold=5, password_scrypt_n=2 ** 12)
    store = Store(settings.db_path)
    try:
        run_demo(Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder), n_notes=120, discover=False)
        _, token = create_token(store, "facilitator", None, name="packs")
        theme = store.themes()[0]["id"]
    finally:
        store.close()
    return settings, token, theme


@pytest.fixture(scope="module")
def facilitator(packed, anonymiser, embedder):
    from fastapi.testclient import TestClient

    from service.app import create_app

    settings, token, theme = packed
    app = create_app(settings)
    app.state.models._anonymiser, app.state.models._embedder = anonymiser, embedder
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        r = c.post("/api/v1/responses", json={"theme_id": theme, "said": FORMULA, "did": "Opened a second food bank "
                                               "session on Saturdays.", "owner": "Council food team",
                                               "status": "done"})
        assert r.status_code in (200, 201), r.text
        yield c


def _zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def _rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))


def test_when_a_facilitator_asks_for_a_pack_then_every_file_opens_and_matches_the_manifest(facilitator, packed):
    import docx
    from pypdf import PdfReader

    r = facilitator.get("/api/v1/reports/pack", params={"period": "2025", "level": "lad"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    assert 'filename="evidence-pack-2025.zip"' in r.headers["content-disposition"]
    archive = _zip(r.content)
    names = set(archive.namelist())
    assert EXPECTED <= names and any(n.startswith("charts/") and n.endswith(".png") for n in names)
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["filters"] == {"period": "2025", "areas": [], "level": "lad"}
    assert manifest["suppression"]["threshold"] == 5
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(listed) == names - {"manifest.json"}
    for name, f in listed.items():
        content = archive.read(name)
        assert f["bytes"] == len(content) and f["sha256"] == hashlib.sha256(content).hexdigest(), name
    for name in names:
        if name.startswith("charts/"):
            assert archive.read(name).startswith(b"\x89PNG\r\n\x1a\n"), name
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(archive.read("summary.docx"))).paragraphs)
    assert "What we're hearing: 2025, all areas" in text and "You said, we did" in text
    pdf = PdfReader(io.BytesIO(archive.read("summary.pdf")))
    assert len(pdf.pages) >= 1 and "Top themes" in "".join(p.extract_text() for p in pdf.pages)
    assert archive.read("summary.md").decode("utf-8").startswith("# What we're hearing: 2025, all areas")
    assert "Counts of notes below 5" in archive.read("method.md").decode("utf-8")
    assert "licence" in archive.read("sources.md").decode("utf-8")
    assert not any(n.startswith("maps/") for n in names) and manifest["counts"]["maps"] == 0   # no boundaries here:
    assert "No maps: no area boundaries are loaded" in archive.read("summary.md").decode("utf-8")   # said, not left
    assert "No maps: no area boundaries are loaded" in archive.read("README.txt").decode("utf-8")   # out silently


def test_when_boundaries_are_loaded_then_the_pack_holds_each_map_png_beside_the_charts(packed, tmp_path):
    import sqlite3

    import docx

    from engine.places.boundaries import import_shared_boundaries
    from engine.publish.suppression import Policy
    from engine.store import Store
    from service.packs import build_pack

    settings = packed[0]
    copy = tmp_path / "mapped.db"
    with sqlite3.connect(settings.db_path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    store = Store(copy)
    try:
        import_shared_boundaries(store)
        content, summary, manifest = build_pack(store, Policy.from_settings(settings), "2025", level="lad")
    finally:
        store.close()
    archive = _zip(content)
    drawn = sorted(n for n in archive.namelist() if n.startswith("maps/"))
    assert drawn and len(drawn) == len(summary["maps"]["maps"]) == manifest["counts"]["maps"]
    assert all(archive.read(n).startswith(b"\x89PNG\r\n\x1a\n") for n in drawn)
    assert drawn[0].startswith("maps/01-") and all(n.endswith(".png") for n in drawn)
    assert any(n.startswith("charts/") for n in archive.namelist())
    assert {f["name"] for f in manifest["files"]} >= set(drawn)
    assert f"maps/: the summary's {len(drawn)} map" in archive.read("README.txt").decode("utf-8")
    word = docx.Document(io.BytesIO(archive.read("summary.docx")))
    assert len(word.inline_shapes) == manifest["counts"]["charts"] + len(drawn)


def test_when_a_pack_is_made_then_no_published_count_is_below_the_threshold_and_quotes_have_place_and_month(
        facilitator):
    archive = _zip(facilitator.get("/api/v1/reports/pack", params={"level": "lad"}).content)
    evidence = _rows(archive, "evidence.csv")
    assert evidence and {"area_code", "theme", "notes", "suppressed"} <= set(evidence[0])
    shown = [int(row["notes"]) for row in evidence if row["notes"]]
    assert shown and min(shown) >= 5 and all(n % 5 == 0 for n in shown)
    assert any(row["suppressed"] == "True" and row["notes"] == "" for row in evidence)
    quotes = _rows(archive, "quotes.csv")
    assert quotes and all(q["text"] and q["area_code"].startswith("E") and len(q["month"]) == 7 for q in quotes)
    assert json.loads(archive.read("manifest.json"))["counts"]["quotes"] == len(quotes)


def test_when_a_response_is_written_as_a_formula_then_the_pack_shows_it_as_text(facilitator):
    archive = _zip(facilitator.get("/api/v1/reports/pack").content)
    said = [row["said"] for row in _rows(archive, "responses.csv")]
    assert "'" + FORMULA in said and FORMULA not in said


def test_when_a_pack_is_downloaded_then_the_audit_records_it_as_a_pack(facilitator, packed):
    from engine.store import Store

    facilitator.get("/api/v1/reports/pack", params={"period": "2025-Q3"})
    facilitator.app.state.audit_writer.flush()
    store = Store(packed[0].db_path)
    try:
        kinds = [(p["kind"], p["route"]) for p in store.publications()]
    finally:
        store.close()
    assert ("pack", "GET /api/v1/reports/pack") in kinds


@pytest.mark.parametrize("role,org,status", [("analyst", None, 403), ("contributor", "Riverside", 403)])
def test_when_someone_other_than_a_facilitator_asks_then_refused(token_client, role, org, status, anon_client):
    assert anon_client.get("/api/v1/reports/pack").status_code == 401
    assert token_client(role, org).get("/api/v1/reports/pack").status_code == status


def test_when_the_period_is_wrong_then_400_with_a_fix(facilitator):
    r = facilitator.get("/api/v1/reports/pack", params={"period": "summer"})
    assert r.status_code == 400 and "2025-Q3" in r.json()["error"]["message"]


def test_when_the_cli_writes_a_pack_then_the_zip_holds_the_files_and_a_bad_period_writes_nothing(packed, tmp_path):
    settings = packed[0]
    out = tmp_path / "out" / "pack.zip"
    env = {**os.environ, "INSIGHTS_SUPPRESSION_THRESHOLD": "5", "INSIGHTS_SENSITIVE_SUPPRESSION_THRESHOLD": "5"}
    run = subprocess.run([INSIGHTS, "pack", "--db", str(settings.db_path), "--period", "2025", "--output", str(out)],
                         capture_output=True, text=True, env=env, timeout=600, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr
    assert f"{out}:" in run.stdout and "evidence rows" in run.stdout
    assert EXPECTED <= set(_zip(out.read_bytes()).namelist())
    bad = tmp_path / "bad.zip"
    run = subprocess.run([INSIGHTS, "pack", "--db", str(settings.db_path), "--period", "summer", "--output", str(bad)],
                         capture_output=True, text=True, env=env, timeout=600, stdin=subprocess.DEVNULL)
    assert run.returncode != 0 and "2025-Q3" in run.stderr and not bad.exists()


def test_when_the_summary_page_offers_the_pack_then_it_downloads(packed, anonymiser, embedder):
    from fastapi.testclient import TestClient

    from service.app import create_app
    from tests.service.conftest import sign_in

    settings = packed[0]
    app = create_app(settings)
    app.state.models._anonymiser, app.state.models._embedder = anonymiser, embedder
    with TestClient(app) as client:
        page = sign_in(client, settings, "facilitator", None)
        html = page.get("/summary", params={"period": "2025", "level": "lad"}).text
        assert 'id="download-pack" href="/summary/pack?' in html
        r = page.get("/summary/pack", params={"period": "2025", "level": "lad"})
        assert r.status_code == 200 and EXPECTED <= set(_zip(r.content).namelist())
