"""A community insights project in headless Chromium against the real app: a facilitator starts it through the
form with two groups; a contributor of each group shares a new note straight into it from the share page's
"Project" choice, and ticks some of their earlier notes on the project's page; an analyst writes a memo and
downloads the project's notes as a REFI-QDA project (.qdpx, read back: exactly the notes shared for it); the
facilitator records a decision and downloads the evidence pack, whose files are opened here (Word read back, PDF
pages counted, CSV parsed). Screenshots at each step; every page checked by axe-core."""
from __future__ import annotations

import csv
import io
import zipfile

from engine.store import Store
from service.auth import create_user
from tests.service.e2e.conftest import PASSWORD

QUESTION = "Why are older residents not using the warm spaces?"
GROUPS = ("Riverside Food Bank", "Eden Valley Good Neighbours")


def _sign_in(browser, base, email):
    context = browser.new_context(base_url=base, accept_downloads=True, viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(base + "/")
    return page


def _share_three(page, project_url, screenshot, assert_accessible, name):
    page.goto(project_url)
    page.wait_for_selector("#tag-notes")
    assert_accessible(page, f"{name}-tag-form")
    boxes = page.locator("#tag-notes input[type=checkbox]")
    for i in range(3):
        boxes.nth(i).check()
    screenshot(page, f"{name}-ticked")
    page.get_by_role("button", name="Share the ticked notes").click()
    page.wait_for_selector("#saved")


def _share_new_note(page, project_name, text, screenshot, assert_accessible, name):
    """Share a new note from the share page, choosing the project in its "Project" select."""
    page.goto("/submit")
    page.get_by_label("The note", exact=True).fill(text)
    page.get_by_label("Add this note to a project (optional)").select_option(label=project_name)
    assert_accessible(page, f"{name}-share-form")
    page.get_by_role("button", name="Check what we will hide").click()
    page.wait_for_selector("#anonymised")
    assert page.get_by_label("Add this note to a project (optional)").input_value() != ""   # kept on the preview
    screenshot(page, f"{name}-share-preview")
    page.get_by_role("button", name="Send the anonymised note").click()
    page.wait_for_selector("#project-tagged")
    assert project_name in page.inner_text("#project-tagged")
    assert_accessible(page, f"{name}-shared")
    screenshot(page, f"{name}-shared")


SHARED = {"riverside": "She cannot get to the warm space because the last bus back is at four, so she sits in the "
                       "cold at home with a blanket.",
          "eden": "He would go to the warm space in the village hall but nobody has told him when it is open, and he "
                  "is too unsteady to walk there in the dark."}


def test_a_project_from_start_to_evidence_pack(page_as, browser, live, screenshot, assert_accessible, tmp_path):
    base, settings = live
    store = Store(settings.db_path)
    try:
        create_user(store, "eden-contributor@example.org", "contributor", GROUPS[1], PASSWORD)
    finally:
        store.close()

    facilitator = page_as("facilitator")
    facilitator.goto("/projects")
    facilitator.wait_for_selector("#start-project")
    facilitator.get_by_label("Name", exact=True).fill("Warm spaces in the east")
    facilitator.get_by_label("The question you agreed to answer together").fill(QUESTION)
    facilitator.get_by_label("Period").fill("2025")
    for group in GROUPS:
        facilitator.get_by_label(group, exact=True).check()
    facilitator.get_by_label("Leads").fill("Community development officer")
    screenshot(facilitator, "project-1-start")
    facilitator.get_by_role("button", name="Start the project").click()
    facilitator.wait_for_selector("#saved")
    project_url = facilitator.url.split("?")[0]
    assert QUESTION in facilitator.inner_text("#project-question")
    screenshot(facilitator, "project-2-started")

    project_id = int(project_url.rsplit("/", 1)[1])
    riverside = page_as("contributor")
    _share_new_note(riverside, "Warm spaces in the east", SHARED["riverside"], screenshot, assert_accessible,
                    "project-3a-riverside")
    _share_three(riverside, project_url, screenshot, assert_accessible, "project-3-riverside")
    eden = _sign_in(browser, base, "eden-contributor@example.org")
    _share_new_note(eden, "Warm spaces in the east", SHARED["eden"], screenshot, assert_accessible, "project-4a-eden")
    _share_three(eden, project_url, screenshot, assert_accessible, "project-4-eden")
    assert "Notes shared for it" in eden.inner_text("#project-facts")
    store = Store(settings.db_path)
    try:
        tagged = sorted(store.project_note_ids(project_id))
        by_org = {store.org_id(g): g for g in GROUPS}
        owners = store.notes_owned(tagged)
    finally:
        store.close()
    assert len(tagged) == 8 and sorted(by_org[o] for o in set(owners.values())) == sorted(GROUPS)

    analyst = page_as("analyst")
    analyst.goto(project_url)
    analyst.wait_for_selector("#memo-form")
    analyst.get_by_label("Memo", exact=True).fill("Several notes link the cold to the cost of the bus, not only heating.")
    analyst.get_by_role("button", name="Save the memo").click()
    analyst.wait_for_selector("#project-memos")
    assert "cost of the bus" in analyst.inner_text("#project-memos")
    assert_accessible(analyst, "project-5-memo")
    screenshot(analyst, "project-5-memo")
    with analyst.expect_download() as qdpx_download:
        analyst.click("#download-qdpx")
    qdpx_path = tmp_path / "project.qdpx"
    qdpx_download.value.save_as(qdpx_path)
    from tests.engine.publish.qdpx_data import read_archive
    from themes.qdc import PROJECT_NS

    root, texts = read_archive(qdpx_path.read_bytes())
    assert len(texts) == len(tagged) == len(root.findall(f"{{{PROJECT_NS}}}Sources/{{{PROJECT_NS}}}TextSource"))
    assert "Warm spaces in the east" in root.get("name")
    assert any("last bus back is at four" in t for t in texts.values())

    facilitator.goto(project_url)
    facilitator.get_by_label("What was decided", exact=True).fill("Two warm-space sessions a week in the village halls.")
    facilitator.get_by_label("Why", exact=True).fill("The halls are within walking distance for most residents.")
    facilitator.get_by_role("button", name="Record the decision").click()
    facilitator.wait_for_selector("#project-decisions")
    with facilitator.expect_download() as download:
        facilitator.click("#download-pack")
    path = tmp_path / "pack.zip"
    download.value.save_as(path)
    assert download.value.suggested_filename.startswith("evidence-pack-project-")   # as the API names it
    screenshot(facilitator, "project-6-decided")

    import docx
    from pypdf import PdfReader

    archive = zipfile.ZipFile(path)
    names = set(archive.namelist())
    assert {"project.md", "project-themes.csv", "decisions.csv", "summary.docx", "summary.pdf"} <= names
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(archive.read("summary.docx"))).paragraphs)
    assert "What we're hearing" in text
    assert len(PdfReader(io.BytesIO(archive.read("summary.pdf"))).pages) >= 1
    decisions = list(csv.DictReader(io.StringIO(archive.read("decisions.csv").decode())))
    assert [d["decision"] for d in decisions] == ["Two warm-space sessions a week in the village halls."]
    themes = list(csv.DictReader(io.StringIO(archive.read("project-themes.csv").decode())))
    assert themes and all(t["notes"] == "" or int(t["notes"]) >= 5 for t in themes)
    assert QUESTION in archive.read("project.md").decode() and all(g in archive.read("project.md").decode()
                                                                     for g in GROUPS)
