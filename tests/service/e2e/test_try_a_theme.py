"""An admin tries a new theme on the themes page in headless Chromium, with the keyboard only."""
from __future__ import annotations

import re


def test_admin_tries_a_new_theme_with_the_keyboard_and_sees_its_notes_without_saving(page_as, live, screenshot,
                                                                                    assert_accessible):
    from engine.store import Store

    _, settings = live
    store = Store(settings.db_path)
    versions = store.taxonomy_versions()
    store.close()
    page = page_as("admin")
    page.goto("/themes")
    assert_accessible(page, "admin-0-themes-with-try-form")   # before typing: the check moves the focus
    page.focus("#try-theme_id")
    page.keyboard.press("Tab")                     # the name field comes next
    assert page.evaluate("document.activeElement.id") == "try-label"
    page.keyboard.type("Getting to appointments")
    page.keyboard.press("Tab")
    page.keyboard.type("Buses cut, no transport, taxi fares too dear, cannot get to the hospital or the GP.")
    page.keyboard.press("Tab")
    page.keyboard.type("the bus route was cut")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Try this theme"
    screenshot(page, "admin-1-try-a-theme")
    page.keyboard.press("Enter")
    page.wait_for_selector("#result-title")
    assert re.search(r"would take (\d+|fewer than \d+) notes", page.inner_text("#result-title"))
    assert page.locator(".try-result blockquote.quote").count() >= 3
    assert page.input_value("#try-label") == "Getting to appointments"
    screenshot(page, "admin-2-theme-tried")
    assert_accessible(page, "admin-2-theme-tried")
    store = Store(settings.db_path)
    try:
        assert store.taxonomy_versions() == versions    # nothing saved
    finally:
        store.close()
