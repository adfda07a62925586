"""The three users' journeys in headless Chromium against the real app served by uvicorn."""
from __future__ import annotations

import io
import re
import zipfile

PLANTED = ["Margaret Okonkwo", "27 Larch Avenue", "07700 900987", "Auntie Bee"]
NOTE = ("Visited Margaret Okonkwo at 27 Larch Avenue today; her phone is 07700 900987. She has had no food in the "
        "house since her Universal Credit was cut and Auntie Bee next door has been feeding the children.")


def _db_bytes(settings) -> bytes:
    path = settings.db_path
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_contributor_pastes_a_note_with_personal_details_fixes_a_miss_and_sends_it(page_as, live, screenshot):
    _, settings = live
    page = page_as("contributor")
    page.goto("/submit")
    screenshot(page, "contributor-1-form")
    page.fill("#text", NOTE)
    page.fill("#date", "2025-06-12")
    page.click("button:has-text('Check what we will hide')")
    page.wait_for_selector("#anonymised")
    kinds = page.eval_on_selector_all("mark.redaction", "els => els.map(e => e.dataset.type)")
    assert {"PERSON", "PHONE_NUMBER"} <= set(kinds) and len(kinds) >= 3
    preview = page.inner_text("#anonymised")
    assert "Okonkwo" not in preview and "07700" not in preview
    screenshot(page, "contributor-2-preview")
    page.fill("#hide", "Auntie Bee")   # the worker marks a miss (or checks it is hidden, if we caught it)
    page.click("button:has-text('Check what we will hide')")
    page.wait_for_selector("#anonymised")
    assert "Auntie Bee" not in page.inner_text("#anonymised")
    page.click("button:has-text('Send the anonymised note')")
    page.wait_for_selector("text=Thank you: your note has been added")
    assert page.is_visible("text=What happens to your note") and page.is_visible("#themes")
    screenshot(page, "contributor-3-sent")
    stored = _db_bytes(settings)
    for value in PLANTED:
        assert value.encode() not in stored, value


RISKY_NOTE = ("Spoke to Mrs Amira Khan about her rent arrears. Her husband works at Brindle Joinery on night shifts "
              "and the family has run out of gas credit again.")


def test_contributor_sees_a_residual_risk_hides_it_with_one_click_and_sends_it(page_as, live, screenshot):
    from engine.store import Store

    _, settings = live
    page = page_as("contributor")
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/submit")
    page.fill("#text", RISKY_NOTE)
    page.click("button:has-text('Check what we will hide')")
    page.wait_for_selector("#anonymised")
    risks = page.eval_on_selector_all("#anonymised mark.risk", "els => els.map(e => e.textContent)")
    assert any("Brindle Joinery" in r for r in risks)
    item = page.locator("#risks li", has_text="Brindle Joinery")
    assert "works" in item.inner_text()
    screenshot(page, "contributor-6-residual-risk")
    page.get_by_role("button", name=re.compile(r"^Hide this\W+Brindle Joinery$")).focus()   # one key, no mouse
    page.keyboard.press("Enter")
    page.wait_for_selector("#risk-status")
    assert page.evaluate("document.activeElement.id") == "risk-status"   # submit.js moved focus to the message
    preview = page.inner_text("#anonymised")
    assert "Brindle Joinery" not in preview and "<HIDDEN>" in preview
    assert page.input_value("#hide") == "Brindle Joinery"
    assert page.locator("#anonymised mark.risk", has_text="Brindle").count() == 0
    page.click("button:has-text('Check what we will hide')")   # check again: still hidden
    page.wait_for_selector("#anonymised")
    assert "Brindle Joinery" not in page.inner_text("#anonymised")
    screenshot(page, "contributor-7-risk-hidden")
    page.click("button:has-text('Send the anonymised note')")
    page.wait_for_selector("text=Thank you: your note has been added")
    store = Store(settings.db_path)
    try:
        texts = store.all_note_texts()
    finally:
        store.close()
    mine = [t for t in texts if "night shifts" in t]
    assert len(mine) == 1 and "<HIDDEN> on night shifts" in mine[0]
    assert not any("Brindle" in t for t in texts) and not any("Khan" in t for t in texts)
    assert csp_errors == []


def test_contributor_uploads_a_file_and_watches_the_progress_bar(page_as, screenshot, tmp_path):
    page = page_as("contributor")
    page.goto("/upload")
    csv_file = tmp_path / "notes.csv"
    csv_file.write_text("note,date\n" + "".join(
        f"\"Helped Tom Briggs{i} with a food bank referral and his rent arrears, visit {i}.\",2025-0{1 + i % 9}-03\n"
        for i in range(6)))
    page.set_input_files("#file", str(csv_file))
    screenshot(page, "contributor-4-upload")
    page.click("button:has-text('Upload and anonymise')")
    page.wait_for_url(re.compile(r".*/jobs/[0-9a-f]+.*"))
    page.wait_for_selector("#job-done", state="visible")
    assert page.get_attribute("#job-progress", "value") == "100"
    page.wait_for_selector("#job-themes")   # the finished page lists the themes the notes joined
    assert page.inner_text("#job-stored") == "6" and "Food poverty" in page.inner_text("#job-themes")
    screenshot(page, "contributor-5-upload-done")


def test_analyst_opens_a_theme_and_filters_by_area(page_as, screenshot):
    page = page_as("analyst")
    page.goto("/themes")
    screenshot(page, "analyst-1-themes")
    page.click("a:has-text('Food poverty')")
    page.wait_for_selector("h1:has-text('Food poverty')")
    assert page.is_visible("#trend-chart")
    all_areas = page.inner_text("#theme-count")
    screenshot(page, "analyst-2-theme")
    top_ward = page.inner_text("#areas-table tbody tr:first-child td:nth-child(2)")
    page.select_option("#area", top_ward)
    page.select_option("#by", "month")
    page.click("button:has-text('Show')")
    page.wait_for_url(re.compile(rf".*area={top_ward}.*"))
    assert page.input_value("#area") == top_ward and page.inner_text("#theme-count") != all_areas
    assert "in this selection" in page.inner_text("#theme-count")
    assert page.inner_text("#areas-table tbody tr:first-child td:nth-child(2)") == top_ward
    assert page.locator("#areas-table tbody tr").count() == 1   # only the chosen ward
    screenshot(page, "analyst-3-theme-by-area")
    page.goto("/evidence")
    page.wait_for_selector("#evidence-table")
    assert page.is_visible("#evidence-chart")
    screenshot(page, "analyst-4-evidence")


def test_facilitator_builds_a_summary_and_the_word_and_pdf_files_hold_quotes_and_charts(page_as, screenshot):
    import docx
    from pypdf import PdfReader

    page = page_as("facilitator")
    page.goto("/summary")
    page.fill("#period", "")   # all time: the demo's indicators are by ward, and a year has few visible ward cells
    page.click("button:has-text('Build the summary')")
    page.wait_for_selector("#report")
    quotes = page.eval_on_selector_all("#report blockquote", "qs => qs.map(q => q.firstChild.textContent.trim())")
    assert len(quotes) >= 3
    assert page.locator("#report h2:has-text('Stories next to numbers') + figure img").count() == 1
    assert page.eval_on_selector_all("#report img", "is => is.filter(i => i.naturalWidth > 100).length") >= 2
    screenshot(page, "facilitator-1-summary")

    with page.expect_download() as download:
        page.click("#download-docx")
    word = download.value.path().read_bytes()
    document = docx.Document(io.BytesIO(word))
    text = "\n".join(p.text for p in document.paragraphs)
    assert quotes[0] in text and "Things to bear in mind" in text
    assert len([n for n in zipfile.ZipFile(io.BytesIO(word)).namelist() if n.startswith("word/media/")]) >= 2

    with page.expect_download() as download:
        page.click("#download-pdf")
    reader = PdfReader(io.BytesIO(download.value.path().read_bytes()))
    pdf_text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
    assert " ".join(quotes[0].split()[:6]) in pdf_text
    assert sum(len(p.images) for p in reader.pages) >= 2
