"""The DPIA-lite as files and on the admin page: Word read back with python-docx (headings, a recall figure from a
saved run), PDF pages read back with pypdf, Markdown; GET /api/v1/dpia for admins only; /admin/dpia."""
import io
from datetime import datetime, timezone

import docx
import pypdf
import pytest

from engine import eval_runs
from engine.store import Store
from service import dpia

REPORT = {"types": {"PERSON": {"gold": 40, "recall": 0.925, "precision": 0.81},
                    "PHONE_NUMBER": {"gold": 9, "recall": 0.889, "precision": 1.0}},
          "overall": {"gold": 49, "recall": 0.918, "precision": 0.84}, "notes": 30}
HEADINGS = ["What is collected", "What is never collected", "How anonymisation works",
            "Measured recall per identifier type", "Suppression rules", "Roles and who can see what", "Retention",
            "Erasure", "Where the data lives", "Sub-processors", "Risks and mitigations", "Sign-off"]


@pytest.fixture
def saved_run(settings):
    store = Store(settings.db_path)
    eval_runs.save_anonymisation_run(store, REPORT, "pii-check.jsonl", 30,
                                     ran_at=datetime(2026, 11, 20, tzinfo=timezone.utc), version="0.1.0")
    store.close()


def _docx_text(content: bytes) -> tuple[list[str], str]:
    d = docx.Document(io.BytesIO(content))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return headings, "\n".join([p.text for p in d.paragraphs] + cells)


def test_when_rendered_as_word_then_it_reads_back_with_every_heading_and_the_saved_recall(settings, saved_run):
    store = Store(settings.db_path)
    content, media, name = dpia.render(dpia.document(store, settings), "docx")
    store.close()
    headings, text = _docx_text(content)
    assert headings[0] == "DPIA-lite and data-sharing summary: Community Insights"
    assert [h for h in HEADINGS if h not in headings] == []
    assert "92.5%" in text and "A phone number (PHONE_NUMBER)" in text and "pii-check.jsonl" in text
    assert name.endswith(".docx") and media.startswith("application/vnd.openxmlformats")


def test_when_rendered_as_pdf_then_it_has_pages_with_the_title_and_recall(settings, saved_run):
    store = Store(settings.db_path)
    content, media, _ = dpia.render(dpia.document(store, settings), "pdf")
    store.close()
    pdf = pypdf.PdfReader(io.BytesIO(content))
    assert media == "application/pdf" and len(pdf.pages) >= 3
    first = pdf.pages[0].extract_text()
    assert "DPIA-lite" in first
    assert "92.5%" in "\n".join(p.extract_text() for p in pdf.pages)


def test_when_rendered_as_markdown_then_sections_are_headings_and_roles_come_from_the_auth_groups(settings):
    store = Store(settings.db_path)
    text = dpia.render(dpia.document(store, settings), "md")[0].decode("utf-8")
    store.close()
    assert text.startswith("# DPIA-lite and data-sharing summary")
    assert all(f"## {h}" in text or f"### {h}" in text for h in HEADINGS)
    assert "| contributor | Share notes" in text
    assert "| facilitator | See themes" in text and "download summaries" in text.split("| facilitator |")[1][:400]
    assert "No anonymisation check has been recorded" in text


def test_when_an_admin_asks_the_api_then_the_file_comes_and_other_roles_are_refused(token_client, saved_run):
    admin = token_client("admin", "Riverside")
    r = admin.get("/api/v1/dpia", params={"format": "docx"})
    assert r.status_code == 200 and 'filename="dpia-lite-' in r.headers["content-disposition"]
    assert "92.5%" in _docx_text(r.content)[1]
    r = admin.get("/api/v1/dpia")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert admin.get("/api/v1/dpia", params={"format": "exe"}).status_code == 422
    for role in ("contributor", "analyst", "facilitator"):
        assert token_client(role, "Riverside").get("/api/v1/dpia").status_code == 403


def test_when_an_admin_opens_the_page_then_the_document_and_its_downloads_show(signed_in_client, saved_run):
    r = signed_in_client("admin", "Riverside").get("/admin/dpia")
    assert r.status_code == 200
    assert "<h1>DPIA-lite and data-sharing summary: Community Insights</h1>" in r.text
    assert r.text.count("<h1>") == 1 and "Risks and mitigations" in r.text and "92.5%" in r.text
    assert 'href="/api/v1/dpia?format=docx"' in r.text and 'href="/api/v1/dpia?format=pdf"' in r.text
    assert signed_in_client("facilitator", None).get("/admin/dpia").status_code == 403
