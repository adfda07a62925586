""""What we're hearing where you work" in headless Chromium against the real app: a facilitator records a "you
said, we did" response for the contributor's council through the form, then the contributor opens "Your area's
picture" from the navigation and sees it there, beside every group's themes, with no group's note text."""
from __future__ import annotations

SAID = "Groups across Lewisham told us families skip meals before payday."
DID = "A council-funded advice line and two more food bank sessions a week."
OWNER = "Cost of living team, Lewisham Council"


def test_facilitator_records_a_response_and_the_contributor_sees_it_on_their_picture(page_as, screenshot,
                                                                                      assert_accessible, live):
    page = page_as("facilitator")
    page.goto("/responses/new")
    page.wait_for_selector("#said")
    page.get_by_label("Theme").select_option("food_poverty")
    page.get_by_label("Area").select_option("E09000023")
    page.get_by_label("You said: what we heard").fill(SAID)
    page.get_by_label("We did: what was done or decided").fill(DID)
    page.get_by_label("Who is responsible").fill(OWNER)
    page.get_by_role("button", name="Save the response").click()
    page.wait_for_selector("#saved")
    screenshot(page, "picture-1-response-saved")

    contributor = page_as("contributor")
    contributor.get_by_role("link", name="Your area's picture").click()
    contributor.wait_for_selector("#picture-responses")
    main = contributor.inner_text("main")
    assert "What we're hearing where you work" in main and "Riverside Food Bank" in main
    card = contributor.locator("#picture-responses article.response", has_text=SAID)
    assert card.count() == 1
    text = card.inner_text()
    assert DID in text and OWNER in text and "Lewisham" in text
    council = contributor.locator("#area-E09000023")
    assert council.count() == 1 and SAID in council.inner_text()     # beside the council's food poverty too
    assert contributor.locator(".picture-area").count() >= 2
    from engine.store import Store
    store = Store(live[1].db_path)
    try:
        texts = [n["text"] for n in store.notes_to_copy(40)]
    finally:
        store.close()
    page_text = contributor.content()
    assert not any(t[:60] in page_text for t in texts)                # no note's text, of any group
    screenshot(contributor, "picture-2-contributor-sees-response")
    assert_accessible(contributor, "picture-2-contributor-sees-response")
