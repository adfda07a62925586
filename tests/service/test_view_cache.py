"""Published views are cached until the database changes, and never served stale after a write."""
from engine.store import Store
from service.view_cache import ViewCache

BACKENDS = ("sqlite", "postgresql")   # each test here runs on both (tests/conftest.py)


def test_when_nothing_written_then_view_computed_once_and_after_a_write_computed_again(settings):
    db = settings.db_path
    store = Store(db)
    cache = ViewCache(db)
    calls = []

    def compute():
        calls.append(1)
        return store.count_notes()

    assert cache.get(("notes",), compute) == 0 and cache.get(("notes",), compute) == 0
    assert len(calls) == 1 and cache.hits == 1
    store.ensure_org("Riverside")                       # any committed write
    assert cache.get(("notes",), compute) == 0
    assert len(calls) == 2                              # recomputed, not served from before the write
    store.audit_note_read("tester", None, "GET /x", [1])  # the audit log is not the data: the view stays cached
    assert cache.get(("notes",), compute) == 0 and len(calls) == 2
    store.close()


def test_when_api_asked_twice_then_same_answer_and_a_new_note_shows_at_once(client, app):
    first = client.get("/api/v1/themes").json()
    again = client.get("/api/v1/themes").json()
    assert first == again and app.state.view_cache.hits >= 1
    r = client.post("/api/v1/notes", json={"text": "She has no food in the house and the food bank is shut.",
                                           "organisation": "Riverside", "source_type": "case_note",
                                           "date": "2025-03-01"})
    assert r.status_code == 200 and r.json()["stored"]
    misses = app.state.view_cache.misses
    client.get("/api/v1/themes")
    assert app.state.view_cache.misses > misses          # the write cleared the cache
