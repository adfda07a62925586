"""The analyst's review of held quotes in a real browser: a planted note (a hamlet, an age band and a house fire)
ingested through the real pipeline is listed with its reasons, and approved from the keyboard."""
from __future__ import annotations

from engine.readers import RawNote

PLANTED = ("Lives in the hamlet of Nether Wallop, in her 80s, and lost everything in a house fire; the food bank "
           "voucher ran out and she is skipping meals.")


def test_analyst_reviews_a_held_quote_and_approves_it_with_the_keyboard(page_as, live, anonymiser, embedder,
                                                                         screenshot, assert_accessible):
    from engine.pipeline import Pipeline
    from engine.store import Store

    _, settings = live
    store = Store(settings.db_path)
    try:
        report = Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder).ingest(
            [RawNote(PLANTED, "case_note", "2025-03", None, "planted-e2e")], "Riverside Food Bank")
        assert report["stored"] == 1, report
    finally:
        store.close()
    page = page_as("analyst")
    page.goto("/quote-holds")
    # the anonymiser has already generalised the hamlet (anonymise/small_places.py); the generalised place, the
    # age band and the house fire together still hold the quote back
    card = page.locator("li.hold", has_text="house fire")
    assert card.count() == 1
    assert "Nether Wallop" not in card.inner_text()
    reasons = card.locator("ul").inner_text()
    assert "<PLACE:" in reasons and "in her 80s" in reasons and "house fire" in reasons
    assert card.get_by_label("Or show a shorter version").input_value().startswith("Lives in the hamlet of <PLACE:")
    screenshot(page, "analyst-5-held-quotes")
    assert_accessible(page, "analyst-5-held-quotes")
    card.get_by_role("button", name="Show this quote as it is").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/quote-holds?done=approved")
    assert "approved" in page.inner_text("#done")
    assert page.locator("li.hold", has_text="house fire").count() == 0
