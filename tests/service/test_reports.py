"""The facilitator's report in four formats, from a small real database (real anonymiser and MiniLM on 80
generated notes): each export holds the same quotes and its charts as images."""
from __future__ import annotations

import io
import zipfile

import pytest

from engine.core.settings import Settings
from engine.publish.summary import build_summary
from engine.publish.suppression import Policy
from service import reports


@pytest.fixture(scope="module")
def summary(tmp_path_factory, anonymiser, embedder):
    from engine.demo import run_demo
    from engine.pipeline import Pipeline
    from engine.store import Store

    settings = Settings(db_path=tmp_path_factory.mktemp("reports") / "insights.db", suppression_threshold=5,
                        sensitive_suppression_threshold=5)
    store = Store(settings.db_path)
    try:
        run_demo(Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder), n_notes=80, discover=False)
        return build_summary(store, Policy.from_settings(settings), period="2025", level="lad")
    finally:
        store.close()


def _quotes(summary):
    return [q["text"] for r in summary["top_themes"] for q in r["quotes"]]


def test_when_summary_built_from_real_notes_then_it_has_themes_and_quotes(summary):
    assert summary["top_themes"] and all(r["notes"] >= 5 and r["notes"] % 5 == 0 for r in summary["top_themes"])
    assert all(1 <= len(r["quotes"]) <= 4 for r in summary["top_themes"][:2])
    assert summary["sources"] and all(s["licence"] for s in summary["sources"])


def test_when_exported_as_markdown_and_html_then_quotes_and_charts_are_embedded(summary):
    md = reports.to_markdown(summary)
    html = reports.to_html(summary)
    for quote in _quotes(summary)[:3]:
        assert quote in md
    assert md.count("](data:image/png;base64,") >= 2 and html.count('src="data:image/png;base64,') >= 2
    assert "<h2>Things to bear in mind</h2>" in html and "licence: CC0" in html
    assert "<script" not in html


def test_when_exported_as_word_then_it_opens_with_quotes_and_chart_images(summary):
    import docx

    content, media, name = reports.render(summary, "docx")
    assert name.endswith(".docx") and "wordprocessingml" in media
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert _quotes(summary)[0] in text and "Stories next to numbers" in text
    images = [n for n in zipfile.ZipFile(io.BytesIO(content)).namelist() if n.startswith("word/media/")]
    assert len(images) >= 2


def test_when_exported_as_pdf_then_it_opens_with_quotes_and_chart_images(summary):
    from pypdf import PdfReader

    content, media, _ = reports.render(summary, "pdf")
    assert media == "application/pdf" and content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    first_words = " ".join(_quotes(summary)[0].split()[:6])
    assert first_words in text and "Things to bear in mind" in text
    assert sum(len(page.images) for page in reader.pages) >= 2


def test_when_format_unknown_then_error_names_the_formats(summary):
    from engine.core.errors import InputError

    with pytest.raises(InputError, match="md, html, docx, pdf"):
        reports.render(summary, "xls")


def test_when_report_requested_over_the_api_then_only_facilitators_and_admins_get_it(anon_client, token_client):
    path = "/api/v1/reports/summary?period=2025-Q3&format=md"
    assert anon_client.get(path).status_code == 401
    assert token_client("analyst", None).get(path).status_code == 403
    assert token_client("contributor", "Riverside").get(path).status_code == 403
    r = token_client("facilitator", None).get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert "what-we-are-hearing-2025-Q3.md" in r.headers["content-disposition"]
    assert r.text.startswith("# What we're hearing: July to September 2025, all areas")
    pdf = token_client("admin", None).get("/api/v1/reports/summary?format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_when_report_filters_are_wrong_then_400_with_a_fix(token_client):
    client = token_client("facilitator", None)
    r = client.get("/api/v1/reports/summary?period=summer")
    assert r.status_code == 400 and "2025-Q3" in r.json()["error"]["message"]
    r = client.get("/api/v1/reports/summary?areas=E99999999")
    assert r.status_code == 400 and r.json()["error"]["where"] == "areas"
