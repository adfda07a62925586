"""The facilitator's report in four formats, from a small real database (real anonymiser and MiniLM on 80
generated notes, with the shared boundaries loaded): each export holds the same quotes and its charts as images,
and its top themes' maps (pictures with the attribution in Word and PDF, named in Markdown); without boundaries
the report says so in one line."""
from __future__ import annotations

import io
import zipfile

import pytest
from markupsafe import escape

from engine.core.settings import Settings
from engine.publish.summary import build_summary
from engine.publish.suppression import Policy
from service import reports


@pytest.fixture(scope="module")
def built(tmp_path_factory, anonymiser, embedder):
    """(the summary without boundaries, the same with the shared boundaries loaded)."""
    from engine.demo import run_demo
    from engine.pipeline import Pipeline
    from engine.places.boundaries import import_shared_boundaries
    from engine.store import Store

    settings = Settings(db_path=tmp_path_factory.mktemp("reports") / "insights.db", suppression_threshold=5,
                        sensitive_suppression_threshold=5)
    store = Store(settings.db_path)
    try:
        run_demo(Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder), n_notes=80, discover=False)
        policy = Policy.from_settings(settings)
        bare = build_summary(store, policy, period="2025", level="lad")
        import_shared_boundaries(store)
        return bare, build_summary(store, policy, period="2025", level="lad")
    finally:
        store.close()


@pytest.fixture(scope="module")
def summary(built):
    return built[1]


def _charts(summary) -> int:
    return sum(b.kind == "image" for b in reports.blocks(summary))


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
        assert reports.md(quote) in md      # as written, with HTML and link syntax escaped (<PERSON_1> included)
        assert str(escape(quote)) in html
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


def test_when_boundaries_are_loaded_then_word_holds_a_map_picture_per_top_theme_with_its_attribution(summary):
    import docx

    drawn = summary["maps"]["maps"]
    assert summary["maps"]["note"] is None and len(drawn) == min(3, len(summary["top_themes"])) >= 1
    document = docx.Document(io.BytesIO(reports.render(summary, "docx")[0]))
    assert len(document.inline_shapes) == _charts(summary) + len(drawn)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert len(captions) == len(drawn) and all("Crown copyright" in c for c in captions)
    assert captions[0].startswith(f"Map: {drawn[0]['theme_label']}: share of notes by council")
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Where: maps of the top themes" in text
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Areas hidden (fewer than 5 notes)" in cells


def test_when_boundaries_are_loaded_then_the_pdf_still_builds_with_the_maps_and_markdown_names_them(summary):
    from pypdf import PdfReader

    drawn = summary["maps"]["maps"]
    reader = PdfReader(io.BytesIO(reports.render(summary, "pdf")[0]))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Where: maps of the top themes" in text and "Map: " in text
    assert sum(len(page.images) for page in reader.pages) == _charts(summary) + len(drawn)
    md = reports.to_markdown(summary)
    assert md.count("Map: ") == len(drawn) and "(drawn in the Word and PDF versions" in md
    assert md.count("](data:image/png;base64,") == _charts(summary)       # the map is a line and a table here
    assert f"| {reports.md(drawn[0]['theme_label'])} | councils |" in md


def test_when_no_boundaries_are_loaded_then_every_format_says_so_in_one_line_and_draws_no_map(built):
    import docx

    bare = built[0]
    assert bare["maps"]["maps"] == [] and "no area boundaries are loaded" in bare["maps"]["note"]
    assert reports.md(bare["maps"]["note"]) in reports.to_markdown(bare)
    document = docx.Document(io.BytesIO(reports.render(bare, "docx")[0]))
    assert bare["maps"]["note"] in [p.text for p in document.paragraphs]
    assert len(document.inline_shapes) == _charts(bare)


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


# ---- hostile notes (security review, issue 20) -------------------------------------------------------------
HOSTILE = [
    "The food bank ran out of food parcels\x0b again and the children went hungry <script>alert(1)</script>.",
    "She skipped meals\x1b[31m so her children could eat; the food bank voucher ran out <b>on Monday</b>.",
    "No food in the cupboards at all [click](http://evil.example/x.png) and he is relying on food bank parcels.",
    "Family of five with no money for food until payday; food bank parcels every week <img src=x onerror=alert(1)>.",
    "Hungry all week, she asked the food bank for an emergency food parcel\x0c for herself and the baby.",
    "Cannot afford food after paying rent, so the food bank is feeding them; \x08 no fresh food for a month.",
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, anonymiser, embedder):
    """(settings, facilitator token) for a database where every note of January 2023 in one ward is hostile:
    control characters and HTML in text that is quoted in the summary."""
    from engine.demo import load_areas
    from engine.pipeline import Pipeline
    from engine.readers import RawNote
    from engine.store import Store
    from service.auth import create_token

    settings = Settings(db_path=tmp_path_factory.mktemp("hostile") / "insights.db", suppression_threshold=5,
                        sensitive_suppression_threshold=5)
    store = Store(settings.db_path)
    try:
        ward = "E05003205"
        load_areas(store, [{"code": ward, "name": "Alston Moor", "level": "ward", "parent_code": None}])
        pipeline = Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder)
        pipeline.ingest([RawNote(t, "case_note", "2023-01", ward, where=f"hostile {i}")
                         for i, t in enumerate(HOSTILE)], "Hostile Org", channel="test")
        _, token = create_token(store, "facilitator", None, name="reports")
    finally:
        store.close()
    return settings, token


@pytest.fixture
def facilitator(hostile, anonymiser, embedder):
    from fastapi.testclient import TestClient

    from service.app import create_app

    settings, token = hostile
    app = create_app(settings)
    app.state.models._anonymiser, app.state.models._embedder = anonymiser, embedder
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        yield c


REPORT = "/api/v1/reports/summary?period=2023-01&level=ward&format="


def test_when_a_quoted_note_has_control_characters_then_word_and_pdf_summaries_still_answer(facilitator):
    import docx
    from pypdf import PdfReader

    r = facilitator.get(REPORT + "docx")
    assert r.status_code == 200, r.text
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(r.content)).paragraphs)
    assert "food bank" in text and "\x0b" not in text and "\x1b" not in text
    pdf = facilitator.get(REPORT + "pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert "food bank" in " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf.content)).pages)


def test_when_a_quoted_note_holds_html_then_markdown_and_html_summaries_show_it_escaped(facilitator):
    md = facilitator.get(REPORT + "md")
    assert md.status_code == 200, md.text
    assert "food bank" in md.text and "&lt;" in md.text
    for raw in ("<script", "<b>", "<img src=x", "[click]("):
        assert raw not in md.text
    assert "\\[click\\](http://evil" in md.text       # shown as written, not a link or an image
    html = facilitator.get(REPORT + "html")
    assert html.status_code == 200 and "&lt;" in html.text
    for raw in ("<script", "<b>", "<img src=x"):
        assert raw not in html.text


def test_when_markdown_is_written_then_html_links_and_newlines_in_text_are_neutralised():
    written = reports.md("a <b>x</b> [y](http://e) |z| \\ `c`")
    assert written == "a &lt;b&gt;x&lt;/b&gt; \\[y\\](http://e) \\|z\\| \\\\ \\`c\\`"
    assert reports.md("one\n# two") == "one # two"


def test_when_a_label_holds_dollar_signs_or_control_characters_then_charts_still_draw():
    from service import charts

    png = charts.bars(["Costs $\\frac$ rising", "tab\x0bbed"], [10, None], "Notes $per$ theme")
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize("path", ["/api/v1/reports/summary?period=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95-Q3",
                                  "/api/v1/evidence?period=%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95-Q3"])
def test_when_a_period_has_full_width_digits_then_400_with_a_fix(token_client, path):
    r = token_client("admin", None).get(path)
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["where"] == "period" and "2025-Q3" in error["fix"]
