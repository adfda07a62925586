""""You said, we did" in the "what we're hearing" summary and in each of its formats (Markdown, HTML, Word, PDF),
on a real SQLite store: the summary holds the responses for its areas and period (and those for all areas or any
time), not others."""
from __future__ import annotations

import io

import pytest
from markupsafe import escape

from engine.publish.summary import build_summary
from engine.publish.suppression import Policy
from service import reports
from themes.taxonomy import load_builtin

AREAS = [{"code": "E09000023", "name": "Lewisham", "level": "lad"},
         {"code": "E05000442", "name": "Downham", "level": "ward", "parent_code": "E09000023",
          "lad_code": "E09000023"},
         {"code": "E09000022", "name": "Lambeth", "level": "lad"}]
HERE = {"theme_id": "food_poverty", "area_code": "E05000442", "period": "2025-09", "status": "not_doing",
        "said": "Families in Downham skip meals <at the end> of the month.", "reason": "No budget [this year].",
        "did": "We asked the council to fund a | second food bank session.", "owner": "Food Bank Network"}
EVERYWHERE = {"theme_id": "debt_money", "said": "Bailiff letters keep coming up.", "did": "A debt advice line "
              "opened in October.", "owner": "Advice team, Lewisham Council", "status": "done"}
ELSEWHERE = {**EVERYWHERE, "area_code": "E09000022", "said": "Lambeth story, not for Lewisham."}
BEFORE = {**EVERYWHERE, "period": "2024-Q1", "said": "An old story from 2024."}
POLICY = Policy(threshold=10, sensitive_threshold=20, rounding_base=5)


@pytest.fixture
def summary(store):
    taxonomy = load_builtin()
    store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    store.upsert_areas(AREAS)
    for fields in (HERE, EVERYWHERE, ELSEWHERE, BEFORE):
        store.add_response(fields, "user:facilitator@example.org")
    return build_summary(store, POLICY, period="2025-Q3", areas=["E09000023"], level="lad")


def _texts(summary):
    return [x for r in summary["responses"] for x in (r["said"], r["did"])]


def test_when_a_summary_is_built_then_it_holds_the_responses_for_its_areas_and_period(summary):
    assert sorted(r["said"] for r in summary["responses"]) == sorted([HERE["said"], EVERYWHERE["said"]])
    here = next(r for r in summary["responses"] if r["area_code"])
    assert (here["area_label"], here["period_label"], here["status_label"]) == ("Downham", "September 2025",
                                                                              "Not doing")


def test_when_exported_as_markdown_then_each_response_is_there_as_written(summary):
    md = reports.to_markdown(summary)
    assert "## You said, we did" in md
    for text in _texts(summary):
        assert reports.md(f"You said: {text}") in md or reports.md(f"We did: {text}") in md
    assert reports.md("Not doing (why not: No budget [this year].)") in md
    assert "Lambeth story" not in md and "2024" not in md


def test_when_exported_as_html_then_each_response_is_there_escaped(summary):
    html = reports.to_html(summary)
    assert "<h2>You said, we did</h2>" in html and "<h3>Food poverty: Downham, September 2025</h3>" in html
    for text in _texts(summary):
        assert str(escape(text)) in html
    assert "<at the end>" not in html and "Lambeth story" not in html


def test_when_exported_as_word_then_each_response_is_in_a_paragraph(summary):
    import docx

    content, _, _ = reports.render(summary, "docx")
    paragraphs = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert "You said, we did" in paragraphs
    assert f"You said: {HERE['said']}" in paragraphs and f"We did: {EVERYWHERE['did']}" in paragraphs


def test_when_exported_as_pdf_then_each_response_is_in_its_text(summary):
    from pypdf import PdfReader

    content, _, _ = reports.render(summary, "pdf")
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(content)).pages)
    assert "You said, we did" in text
    for said in (HERE["said"], EVERYWHERE["said"]):
        assert said in text


def test_when_no_response_is_recorded_then_every_format_says_so(store):
    taxonomy = load_builtin()
    store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    empty = build_summary(store, POLICY, period="2025-Q3")
    assert empty["responses"] == []
    assert "No responses have been recorded for these areas and this period yet." in reports.to_markdown(empty)
    assert "No responses have been recorded" in reports.to_html(empty)
