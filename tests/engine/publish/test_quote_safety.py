"""Quote safety on a real store: a risky quote is left out of every quote-producing view (theme detail, theme
quotes, the explorer, the summary, emergent candidates) and counted as held back, until an analyst approves it or
trims it; the held-back count is suppressed like any other count."""
from __future__ import annotations

import pytest

from engine.core.errors import InputError, NotFoundError
from engine.demo import load_areas
from engine.publish import quote_safety, summary
from engine.publish import theme_views as views
from engine.publish.suppression import Policy
from engine.store import NewNote
from themes.taxonomy import load_builtin
from themes.taxonomy_io import load_into

WARD = "E05000442"
RISKY = "She lives in the hamlet of Nether Wallop, in her 80s, and lost everything in a house fire last winter."
ORDINARY = ["no food at home this week", "the food bank voucher ran out again", "skipping meals so the children eat",
            "asked for a food parcel on Monday", "cupboards empty by Thursday", "cannot afford the weekly shop"]


@pytest.fixture
def policy(settings) -> Policy:
    return Policy.from_settings(settings)


@pytest.fixture
def anonymise(anonymiser):
    """The real anonymiser as trim takes it (text -> anonymised text), loaded before the first call so that loading
    never counts against its time limit."""
    anonymiser.analyzer
    return lambda text: anonymiser.anonymise(text).text


def _add(store, texts: list[str], tag: str) -> list[int]:
    load_areas(store, [{"code": WARD, "name": "Downham", "level": "ward"}])
    if store.latest_taxonomy_version() is None:
        load_into(store, load_builtin())
    org = store.ensure_org("Riverside")
    notes = [NewNote(text=t, content_hash=f"{tag}{i}", dedupe_key=f"{tag}{i}", source_type="case_note",
                     date="2025-03", month="2025-03", area_code=WARD, area_how="code", age_band=None,
                     external_id=None, redactions=[]) for i, t in enumerate(texts)]
    ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
    version = store.latest_taxonomy_version()
    store.put_note_assignments(ids, [{"note_id": i, "theme_id": "food_poverty", "score": 0.9 if t == RISKY else 0.6,
                                      "method": "zero_shot", "taxonomy_version": version}
                                     for i, t in zip(ids, texts)], version)
    return ids


@pytest.fixture
def planted(store):
    """11 ordinary food-poverty notes and one risky one in one ward (a visible cell); the risky one scores
    highest, so it would be the first quote shown."""
    ids = _add(store, [f"{ORDINARY[i % 6]}, visit {i}" for i in range(11)] + [RISKY], "q")
    return ids[-1]


def _texts(quotes) -> list[str]:
    return [q["text"] if isinstance(q, dict) else q for q in quotes]


def _everywhere(store, policy) -> dict[str, list[str]]:
    built = summary.build_summary(store, policy, level="ward")
    return {
        "theme detail": _texts(views.theme_detail(store, policy, "food_poverty")["quotes"]),
        "theme quotes": _texts(views.theme_quotes(store, policy, "food_poverty", n=10)["quotes"]),
        "explorer": _texts(summary.theme_view(store, policy, "food_poverty")["quotes"]),
        "summary": [q for t in built["top_themes"] for q in _texts(t.get("quotes") or [])],
    }


def test_when_a_quote_holds_a_hamlet_an_age_band_and_a_house_fire_then_no_view_shows_it_until_approved(
        store, policy, planted):
    for where, quotes in _everywhere(store, policy).items():
        assert quotes and RISKY not in quotes, where
    detail = views.theme_detail(store, policy, "food_poverty")
    assert detail["held_back"] is None and detail["held_back_label"].startswith("Fewer than 10 quotes")
    built = summary.build_summary(store, policy, level="ward")
    assert built["quotes_held_back"]["held_back"] is None
    assert built["caveats"][-1] == built["quotes_held_back"]["held_back_label"]

    [hold] = quote_safety.review_list(store, policy)
    assert hold["note_id"] == planted and hold["quote_text"] == RISKY and hold["status"] == "held"
    assert {r["kind"] for r in hold["reasons"]} == {"small_place", "age", "rare_event"}
    assert quote_safety.approve(store, hold["id"], "analyst@example.org")["decided_by"] == "analyst@example.org"
    for where, quotes in _everywhere(store, policy).items():
        assert RISKY in quotes, where
    assert quote_safety.review_list(store, policy) == []
    assert [h["status"] for h in quote_safety.review_list(store, policy, None)] == ["approved"]


def test_when_a_quote_is_trimmed_then_the_anonymised_trim_is_shown_instead(store, policy, planted, anonymise):
    [hold] = quote_safety.review_list(store, policy)
    out = quote_safety.trim(store, policy, hold["id"], "She lives in [a village] and lost everything in a house "
                            "fire last winter.", "analyst", anonymise)
    assert out["status"] == "trimmed"
    shown = views.theme_quotes(store, policy, "food_poverty", n=10)["quotes"]
    assert out["trimmed_text"] in _texts(shown) and RISKY not in _texts(shown)
    assert store.quote_hold(hold["id"])["trimmed_text"] == out["trimmed_text"]


def test_when_a_trim_is_typed_with_a_name_then_only_its_anonymised_form_is_stored(store, policy, anonymise):
    [note] = _add(store, ["Mary Jones, aged 84, from the hamlet of Nether Wallop said the house fire took "
                          "everything."], "n")
    [hold] = quote_safety.review_list(store, policy)
    out = quote_safety.trim(store, policy, hold["id"], "Mary Jones said the house fire took everything.",
                            "analyst", anonymise)
    assert "Mary" not in out["trimmed_text"] and "Jones" not in out["trimmed_text"]
    assert "Mary" not in str(store.q("SELECT trimmed_text FROM quote_holds"))


@pytest.mark.parametrize("text, words", [
    ("", "empty"),
    ("She lives in a lovely cottage and lost everything.", "lovely, cottage"),
    ("She lives in the hamlet of Nether Wallop, in her 80s, and lost everything.", "still holds"),
])
def test_when_a_trim_is_empty_adds_words_or_is_still_risky_then_it_is_refused_and_nothing_changes(
        store, policy, planted, anonymise, text, words):
    [hold] = quote_safety.review_list(store, policy)
    with pytest.raises(InputError) as err:
        quote_safety.trim(store, policy, hold["id"], text, "analyst", anonymise)
    assert words in err.value.message and err.value.fix
    assert store.quote_hold(hold["id"])["status"] == "held"


def test_when_a_hold_does_not_exist_then_approving_it_is_not_found(store):
    with pytest.raises(NotFoundError):
        quote_safety.approve(store, 999, "analyst")


def test_when_many_quotes_are_held_then_the_count_is_published_rounded(store, policy):
    _add(store, [f"Aged {80 + i}, she lives in the hamlet of Nether Wallop {i} and is on her own." for i in range(12)],
         "h")
    detail = views.theme_detail(store, policy, "food_poverty")
    assert detail["quotes"] == [] and detail["held_back"] == 10
    assert detail["held_back_label"].startswith("10 quotes are held back")


def test_when_an_emergent_candidate_quotes_a_risky_note_then_the_quote_is_held(store, policy, planted):
    ordinary = planted - 1
    store.replace_emergent("run1", [{"label": "fire / winter", "keywords": ["fire"], "size": 12,
                                     "note_ids": list(range(planted - 11, planted + 1)),
                                     "quotes": [RISKY.replace("last winter", "in her village"),
                                                "cupboards empty by Thursday"],
                                     "quote_note_ids": [planted, ordinary]}])
    guard = quote_safety.QuoteGuard(store, policy)
    [candidate] = views.emergent_list(store, policy, guard)
    assert candidate["quotes"] == ["cupboards empty by Thursday"] and candidate["quote_note_ids"] == [ordinary]
    assert guard.held == 1
    sources = {h["source"] for h in quote_safety.review_list(store, policy)}
    assert sources == {"theme", "emergent"}


def test_when_scanning_twice_then_nothing_is_recorded_twice(store, policy, planted):
    assert quote_safety.scan(store, policy) == 1
    assert quote_safety.scan(store, policy) == 0
    assert len(store.quote_holds(None)) == 1


def test_when_small_places_come_from_postcode_district_populations_then_villages_are_small_and_towns_are_not(
        shared_data):
    places = quote_safety.small_places(str(shared_data / "areas" / "lookups" / "postcode_districts.csv"))
    assert "Strathdon" in places and "Ballater" in places       # 515 and 2,624 people
    assert not {"Aberdeen", "Manchester", "Lewisham", "Leeds"} & places
