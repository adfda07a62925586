""""Check these notes" (/check-notes) over HTTP without a browser: plain forms that POST and redirect."""
import re

from engine import jobs
from engine.store import Store
from tests.service.conftest import csrf
from tests.service.review_queue_data import filled, settings, template  # noqa: F401


def _note_on_page(html: str) -> int:
    return int(re.search(r'action="/check-notes/(\d+)"', html).group(1))


def test_when_an_analyst_answers_with_the_forms_then_verdicts_are_stored_and_the_next_note_loads(
        filled, signed_in_client, settings):
    c = signed_in_client("analyst", None)
    page = c.get("/check-notes")
    assert page.status_code == 200 and "Check these notes" in page.text and "None of these fit" in page.text
    first = _note_on_page(page.text)
    r = c.post(f"/check-notes/{first}", data={"verdict": "skip", "csrf_token": csrf(c)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/check-notes?skip={first}"
    page = c.get(r.headers["location"])
    second = _note_on_page(page.text)
    assert second != first
    r = c.post(f"/check-notes/{second}", data={"verdict": "add", "add_theme": "", "skip": str(first),
                                               "csrf_token": csrf(c)})
    assert r.status_code == 400 and "Pick a theme from the list" in r.text
    r = c.post(f"/check-notes/{second}", data={"verdict": "none", "skip": str(first), "csrf_token": csrf(c)},
               follow_redirects=False)
    assert r.status_code == 303 and "saved=1" in r.headers["location"]
    page = c.get(r.headers["location"])
    assert "Saved. Here is the next note." in page.text and _note_on_page(page.text) not in (first, second)
    for job_id in jobs.running_here():   # the background fit started by the verdict
        jobs.wait(job_id, 120)
    store = Store(settings.db_path)
    try:
        assert {x["verdict"] for x in store.latest_corrections([second])} == {"reject"}
        assert store.latest_corrections([first]) == []              # a skip stores nothing
    finally:
        store.close()


def test_when_a_contributor_opens_the_page_then_it_is_refused_and_the_themes_page_links_it(filled,
                                                                                          signed_in_client):
    assert signed_in_client("contributor", "Riverside").get("/check-notes").status_code == 403
    assert 'href="/check-notes"' in signed_in_client("analyst", None).get("/themes").text
