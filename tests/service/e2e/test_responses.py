""""You said, we did" in headless Chromium against the real app: a facilitator records a response through the
form (by keyboard for the choices and the save), then a contributor signs in and sees it on the "You said, we did"
page. (The contributor's picture page, which will show it too, is not built yet.)"""
from __future__ import annotations

SAID = "Groups told us families skip meals in the last week of the month."
DID = "Two more food bank sessions a week from October, and a cost-of-living advice line."
OWNER = "Food Bank Network coordinator"


def test_facilitator_records_a_response_and_a_contributor_sees_it(page_as, screenshot, assert_accessible):
    page = page_as("facilitator")
    csp_errors = []
    page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto("/responses")
    page.get_by_role("link", name="Record a response").click()
    page.wait_for_selector("#said")
    screenshot(page, "responses-1-form")
    assert_accessible(page, "responses-1-form")
    page.get_by_label("Theme").select_option("food_poverty")
    area = page.eval_on_selector("#area_code option:nth-child(2)", "o => ({value: o.value, name: o.textContent})")
    page.get_by_label("Area").select_option(area["value"])
    page.get_by_label("Period").fill("2025-Q3")
    page.get_by_label("You said: what we heard").fill(SAID)
    page.get_by_label("We did: what was done or decided").fill(DID)
    page.get_by_label("Who is responsible").fill(OWNER)
    page.get_by_label("Open").focus()                 # the status radios, by keyboard
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#status-in_progress")
    page.get_by_role("button", name="Save the response").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#saved")
    assert SAID in page.inner_text("main") and "In progress" in page.inner_text("main")
    screenshot(page, "responses-2-saved")
    assert_accessible(page, "responses-2-saved")

    contributor = page_as("contributor")
    contributor.get_by_role("link", name="You said, we did").click()
    contributor.wait_for_selector("#responses")
    card = contributor.locator("article.response", has_text=SAID)
    assert card.count() == 1
    text = card.inner_text()
    assert DID in text and OWNER in text and "In progress" in text and "July to September 2025" in text
    assert area["name"].split(" (")[0] in text
    assert contributor.get_by_role("link", name="Record a response").count() == 0
    screenshot(contributor, "responses-3-contributor-sees-it")
    assert_accessible(contributor, "responses-3-contributor-sees-it")
    assert csp_errors == []
