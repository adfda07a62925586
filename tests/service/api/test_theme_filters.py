"""GET /api/v1/themes with filters (period, area, kind of note, organisation), over HTTP on a real small
database: filtered counts are of the matching notes, every count still passes suppression (the sensitive
threshold too), each filter combination is cached on its own, unknown areas and organisations are a 400 that
says what to do, and CSV works with filters."""
import pytest

from engine.demo import load_areas
from engine.store import NewNote, Store

DOWNHAM, LEE_GREEN, LEWISHAM = "E05000442", "E05000447", "E09000023"

BACKENDS = ("sqlite", "postgresql")   # each test here runs on both (tests/conftest.py)


def _notes(prefix: str, n: int, month: str, area: str, source_type: str) -> list[NewNote]:
    return [NewNote(text=f"{prefix} note {i}", content_hash=f"{prefix}{i}", dedupe_key=f"{prefix}{i}",
                    source_type=source_type, date=month, month=month, area_code=area, area_how="code",
                    age_band=None, external_id=None, redactions=[]) for i in range(n)]


def _add(store: Store, org: str, theme: str, notes: list[NewNote]) -> None:
    ids = store.add_submission(store.ensure_org(org), notes, "test", "consent")["note_ids"]
    version = store.latest_taxonomy_version()
    store.put_note_assignments(ids, [{"note_id": i, "theme_id": theme, "score": 0.6, "method": "zero_shot",
                                      "taxonomy_version": version} for i in ids], version)


@pytest.fixture
def analyst(token_client, settings):
    """An analyst's client over: food poverty 30 (Riverside, Downham, 2025-03, case notes) + 6 (Hilltop, Lee
    Green, 2025-07, anecdotes); debt 14 (Hilltop, Lee Green, 2025-07, transcripts); domestic abuse (sensitive,
    threshold 20) 15 (Riverside, Downham, 2025-03, case notes) + 10 (Hilltop, Lee Green, 2025-07, transcripts)."""
    client = token_client("analyst", None)      # the app records the taxonomy in force on start
    store = Store(settings.db_path)
    load_areas(store, [{"code": LEWISHAM, "name": "Lewisham", "level": "lad"},
                       {"code": DOWNHAM, "name": "Downham", "level": "ward", "parent_code": LEWISHAM},
                       {"code": LEE_GREEN, "name": "Lee Green", "level": "ward", "parent_code": LEWISHAM}])
    _add(store, "Riverside", "food_poverty", _notes("food-r", 30, "2025-03", DOWNHAM, "case_note"))
    _add(store, "Hilltop", "food_poverty", _notes("food-h", 6, "2025-07", LEE_GREEN, "anecdote"))
    _add(store, "Hilltop", "debt_money", _notes("debt-h", 14, "2025-07", LEE_GREEN, "transcript"))
    _add(store, "Riverside", "domestic_abuse", _notes("da-r", 15, "2025-03", DOWNHAM, "case_note"))
    _add(store, "Hilltop", "domestic_abuse", _notes("da-h", 10, "2025-07", LEE_GREEN, "transcript"))
    store.close()
    return client


def _counts(client, **params) -> dict:
    r = client.get("/api/v1/themes", params=params)
    assert r.status_code == 200, r.text
    return {t["id"]: (t["notes"], t["notes_label"]) for t in r.json()["themes"]
            if t["id"] in ("food_poverty", "debt_money", "domestic_abuse")}


def test_when_themes_filtered_then_counts_are_of_the_matching_notes_only(analyst):
    assert _counts(analyst) == {"food_poverty": (35, "35"), "debt_money": (15, "15"),
                                "domestic_abuse": (25, "25")}                # 36 -> 35, 14 -> 15
    assert _counts(analyst, period="2025-03")["food_poverty"] == (30, "30")
    assert _counts(analyst, period="2025")["food_poverty"] == (35, "35")
    assert _counts(analyst, source_type="case_note")["food_poverty"] == (30, "30")
    assert _counts(analyst, source_type="transcript")["debt_money"] == (15, "15")
    assert _counts(analyst, organisation="Riverside")["food_poverty"] == (30, "30")
    assert _counts(analyst, organisation="Hilltop")["debt_money"] == (15, "15")
    assert _counts(analyst, area=DOWNHAM)["food_poverty"] == (30, "30")
    assert _counts(analyst, area=LEWISHAM.lower())["food_poverty"] == (35, "35")   # a council takes its wards
    assert _counts(analyst, area=DOWNHAM, period="2025-Q3")["food_poverty"] == (None, "fewer than 10")


def test_when_a_filtered_count_is_small_then_it_is_suppressed_with_the_sensitive_threshold_too(analyst):
    hilltop = _counts(analyst, organisation="Hilltop")
    assert hilltop["food_poverty"] == (None, "fewer than 10")                 # 6 notes
    assert _counts(analyst, area=LEE_GREEN)["food_poverty"] == (None, "fewer than 10")
    assert _counts(analyst, period="2025-Q3", source_type="anecdote")["food_poverty"] == (None, "fewer than 10")
    # domestic abuse is sensitive: 15 notes in Downham is above 10 but below its threshold of 20
    assert _counts(analyst, area=DOWNHAM)["domestic_abuse"] == (None, "fewer than 20")
    assert hilltop["domestic_abuse"] == (None, "fewer than 20")
    body = analyst.get("/api/v1/themes", params={"area": LEE_GREEN}).json()
    small = [t for t in body["themes"] if t["id"] == "food_poverty"][0]
    assert small["suppressed"] is True and small["notes"] is None
    assert [t["id"] for t in body["themes"]][:1] == ["debt_money"]            # shown counts first


def test_when_area_or_organisation_unknown_then_400_says_how_to_fix_it(analyst):
    r = analyst.get("/api/v1/themes", params={"area": "E05999999"})
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert "E05999999" in error["message"] and "/api/v1/areas" in error["fix"] and error["where"] == "area"
    r = analyst.get("/api/v1/themes", params={"organisation": "Nobody Here"})
    assert r.status_code == 400 and r.json()["error"]["where"] == "organisation" and r.json()["error"]["fix"]
    assert analyst.get("/api/v1/themes", params={"source_type": "letter"}).status_code == 422
    assert analyst.get("/api/v1/themes", params={"period": "March"}).status_code == 422


def test_when_filtered_list_asked_as_csv_then_the_filtered_suppressed_counts_come_back(analyst):
    r = analyst.get("/api/v1/themes", params={"organisation": "Hilltop", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "fewer than 10" in r.headers["X-Suppression-Method"]
    rows = {line.split(",")[0]: line for line in r.text.splitlines()[1:]}
    assert r.text.splitlines()[0] == "id,label,sensitive,notes,suppressed,notes_label,organisations,few_organisations"
    assert rows["debt_money"].endswith(",15,False,15,,True")    # one organisation (the filter's): withheld, marked few
    assert rows["food_poverty"].endswith(",,True,fewer than 10,,")
    assert rows["domestic_abuse"].endswith(",,True,fewer than 20,,")
    accept = analyst.get("/api/v1/themes", params={"area": DOWNHAM}, headers={"Accept": "text/csv"})
    assert any(line.startswith("food_poverty,") and ",30,False,30" in line for line in accept.text.splitlines())


def test_when_same_filters_asked_again_then_answered_from_the_cache_and_other_filters_apart(analyst, app):
    cache = app.state.view_cache
    first = analyst.get("/api/v1/themes", params={"organisation": "Riverside"}).json()
    hits, misses = cache.hits, cache.misses
    assert analyst.get("/api/v1/themes", params={"organisation": "Riverside"}).json() == first
    assert cache.hits == hits + 1 and cache.misses == misses                 # the ready JSON, nothing computed
    other = analyst.get("/api/v1/themes", params={"organisation": "Hilltop"}).json()
    assert cache.misses > misses and other != first
    unfiltered = analyst.get("/api/v1/themes").json()
    hits = cache.hits
    assert analyst.get("/api/v1/themes").json() == unfiltered and cache.hits == hits + 1
    assert unfiltered != first
