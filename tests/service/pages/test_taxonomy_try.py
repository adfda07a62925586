"""The admin's "Try a theme" form on /themes and its answer (POST /themes/try), over HTTP on the real app with
a small real database (80 demo notes): a preview with suppressed counts, and nothing saved."""
import re

import pytest

from engine.publish.suppression import Policy, publish_count
from engine.store import Store

FORM = {"theme_id": "", "label": "Getting to appointments",
        "description": "Buses cut, no transport, taxi fares too dear, cannot get to the hospital or the GP.",
        "examples": "the bus route was cut\ncannot get to the hospital"}


@pytest.fixture
def demo_notes(settings, anonymiser, embedder):
    from engine.demo import run_demo
    from engine.pipeline import Pipeline

    store = Store(settings.db_path)
    try:
        run_demo(Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder), n_notes=80, discover=False)
    finally:
        store.close()


def tables(settings) -> dict:
    store = Store(settings.db_path)
    try:
        return {t: store.q(f"SELECT * FROM {t} ORDER BY rowid")
                for t in ("assignments", "taxonomy_versions", "themes", "theme_calibrations")}
    finally:
        store.close()


def test_when_admin_tries_a_theme_then_the_page_previews_it_with_suppressed_counts_and_saves_nothing(
        demo_notes, client, settings):
    page = client.get("/themes")
    assert page.status_code == 200
    for field in ("try-theme_id", "try-label", "try-description", "try-examples"):
        assert f'<label for="{field}">' in page.text and f'id="{field}"' in page.text
    before = tables(settings)
    r = client.post("/themes/try", data=FORM)
    assert r.status_code == 200, r.text
    assert tables(settings) == before
    takes = re.search(r"would take (\d+|fewer than 10) notes", r.text)
    assert takes and (not takes.group(1).isdigit() or int(takes.group(1)) % 5 == 0)
    assert re.search(r"Tried on (\d+) stored notes", r.text).group(1) == str(publish_count(
        Store(settings.db_path).count_notes(), Policy.from_settings(settings)))
    assert "This is a new theme" in r.text
    assert "Nearly taken" in r.text and "Words that drive it" in r.text
    assert r.text.count('<blockquote class="quote">') >= 3
    assert re.search(r"Score -?\d+\.\d\d: (below the line|another theme fitted better)", r.text)
    assert 'value="Getting to appointments"' in r.text   # the form comes back filled in, to try again


def test_when_admin_tries_changes_to_a_theme_then_it_says_what_it_gains_and_loses(demo_notes, client):
    r = client.post("/themes/try", data={"theme_id": "food_poverty", "label": "Food poverty",
                                         "description": "Skipping meals and food banks.", "examples": "food bank"})
    assert r.status_code == 200, r.text
    assert re.search(r"Now it takes (\d+|fewer than 10): it would gain (\d+|fewer than 10) and lose", r.text)


def test_when_the_form_has_no_name_then_the_error_links_to_the_field(client):
    r = client.post("/themes/try", data={**FORM, "label": ""})
    assert r.status_code == 400 and '<a href="#try-label">Give the theme a name.' in r.text


def test_when_an_analyst_tries_a_theme_then_refused(signed_in_client):
    analyst = signed_in_client("analyst", None)
    assert 'id="try-a-theme"' not in analyst.get("/themes").text
    assert analyst.post("/themes/try", data=FORM).status_code == 403
