"""Tests for the seeded demo corpus generator (corpora.demo)."""
import csv
import json
import re
import statistics
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from corpora import people
from corpora.demo import (
    EMERGENT_THEME_ID,
    THEME_IDS,
    generate_demo_corpus,
    main,
    write_demo_corpus,
)

ENTITY_TYPES = {"PERSON", "STREET_ADDRESS", "UK_POSTCODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS", "UK_NINO",
                "DATE_OF_BIRTH", "CASE_REFERENCE"}
DOWNHAM, LEE_GREEN = "E05000442", "E05000447"
LEWISHAM, EDEN = "E09000023", "E07000030"
TAXONOMY = Path(__file__).resolve().parents[2] / "themes" / "builtin_taxonomy.yaml"


@pytest.fixture(scope="module")
def corpus():
    return generate_demo_corpus()


def _wards(corpus):
    return [a for a in corpus.areas if a["level"] == "ward"]


def _by_ward(corpus):
    out = defaultdict(list)
    for note in corpus.notes:
        out[note["area_code"]].append(note)
    return out


def _indicator(corpus, name, period="2024"):
    return {r["area_code"]: r["value"] for r in corpus.indicators if r["indicator"] == name and r["period"] == period}


def _share(notes, theme):
    return sum(theme in n["themes"] for n in notes) / len(notes)


def _words(note):
    return len(note["text"].split())


def test_when_generated_twice_with_same_seed_then_identical(corpus):
    again = generate_demo_corpus()
    assert again.notes == corpus.notes
    assert again.areas == corpus.areas
    assert again.indicators == corpus.indicators


def test_when_seed_differs_then_notes_differ(corpus):
    other = generate_demo_corpus(seed=7)
    assert [n["text"] for n in other.notes] != [n["text"] for n in corpus.notes]


def test_when_default_then_at_least_1500_unique_notes_with_contract_fields(corpus):
    assert len(corpus.notes) >= 1500
    assert len({n["id"] for n in corpus.notes}) == len(corpus.notes)
    assert len({n["text"] for n in corpus.notes}) == len(corpus.notes)
    for note in corpus.notes:
        assert set(note) == {"id", "org", "source_type", "date", "area_code", "area_name", "text", "themes", "pii"}
        assert re.fullmatch(r"demo-\d{5}", note["id"])
        assert "2024-06-01" <= note["date"] <= "2025-11-30"


def test_when_n_notes_given_then_that_many_notes():
    assert len(generate_demo_corpus(seed=3, n_notes=300).notes) == 300


def test_when_generated_then_three_source_types_present(corpus):
    counts = defaultdict(int)
    for note in corpus.notes:
        counts[note["source_type"]] += 1
    assert set(counts) == {"case_note", "transcript", "anecdote"}
    assert min(counts.values()) >= 200
    transcript = next(n for n in corpus.notes if n["source_type"] == "transcript")
    assert "Interviewer:" in transcript["text"] and "Resident:" in transcript["text"]


def test_when_counting_words_then_lengths_span_20_to_400(corpus):
    lengths = [_words(n) for n in corpus.notes]
    assert min(lengths) >= 20 and max(lengths) <= 400
    assert min(lengths) <= 30, "no short notes"
    assert max(lengths) >= 350, "no long notes"


def test_when_pii_planted_then_every_span_matches_its_value(corpus):
    for note in corpus.notes:
        for span in note["pii"]:
            assert span["type"] in ENTITY_TYPES
            assert note["text"][span["start"]:span["end"]] == span["value"], note["id"]
        spans = sorted((s["start"], s["end"]) for s in note["pii"])
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), f"overlapping spans in {note['id']}"


def test_when_generated_then_most_notes_carry_pii_of_every_type(corpus):
    share = sum(bool(n["pii"]) for n in corpus.notes) / len(corpus.notes)
    assert 0.6 <= share <= 0.85
    types = {s["type"] for n in corpus.notes for s in n["pii"]}
    assert types == ENTITY_TYPES
    values = [s["value"] for n in corpus.notes for s in n["pii"] if s["type"] == "PERSON"]
    assert any(v.isupper() for v in values) and any(v.islower() for v in values)


def test_when_names_or_long_numbers_appear_then_they_are_labelled(corpus):
    name_parts = {p.lower() for n in people.all_first_names() + people.all_surnames() for p in n.split()}
    for note in corpus.notes:
        covered = [False] * len(note["text"])
        for span in note["pii"]:
            covered[span["start"]:span["end"]] = [True] * (span["end"] - span["start"])
        for m in re.finditer(r"[^\W\d_][\w'-]*", note["text"]):
            if m.group(0).lower() in name_parts:
                assert covered[m.start()], f"unlabelled name {m.group(0)!r} in {note['id']}"
        for m in re.finditer(r"\d[\d -]{4,}\d", note["text"]):
            assert covered[m.start()], f"unlabelled number {m.group(0)!r} in {note['id']}"


def test_when_services_named_then_they_appear_and_are_not_labelled_pii(corpus):
    for service in ("Citizens Advice", "Age UK", "Refuge", "Shelter", "Mind", "jobcentre", "food bank"):
        hits = [(n, m.start()) for n in corpus.notes for m in re.finditer(rf"\b{service}\b", n["text"])]
        assert hits, service
        for note, start in hits:
            assert not any(s["start"] <= start < s["end"] for s in note["pii"]), (service, note["id"])


def test_when_identifiers_planted_then_they_are_valid(corpus):
    ward_districts = {a["code"]: a["postcode_districts"] for a in _wards(corpus)}
    for note in corpus.notes:
        for span in note["pii"]:
            value = span["value"]
            if span["type"] == "UK_NHS":
                assert people.is_valid_nhs(value), value
            elif span["type"] == "UK_NINO":
                compact = value.replace(" ", "")
                assert re.fullmatch(r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]", compact), value
                assert compact[:2] not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
            elif span["type"] == "UK_POSTCODE":
                outward = value.upper().replace(" ", "")[:-3]
                assert outward in ward_districts[note["area_code"]], (value, note["area_code"])
            elif span["type"] == "EMAIL_ADDRESS":
                assert re.fullmatch(r"[\w.]+@[\w.]+\.[a-z]+", value), value


def test_when_nhs_check_digit_computed_then_matches_known_example():
    assert people.is_valid_nhs("943 476 5919")
    assert not people.is_valid_nhs("943 476 5918")


def test_when_notes_placed_then_every_area_code_is_a_known_ward(corpus):
    wards = {a["code"]: a["name"] for a in _wards(corpus)}
    for note in corpus.notes:
        assert wards[note["area_code"]] == note["area_name"]


def test_when_areas_listed_then_at_least_12_wards_in_2_lads(corpus):
    wards, lads = _wards(corpus), [a for a in corpus.areas if a["level"] == "lad"]
    assert len(wards) >= 12
    assert {a["code"] for a in lads} == {LEWISHAM, EDEN}
    for lad in lads:
        children = [w for w in wards if w["parent_code"] == lad["code"]]
        assert len(children) >= 7 and lad["parent_code"] is None
        assert {d for w in children for d in w["postcode_districts"]} == set(lad["postcode_districts"])
    assert all(re.fullmatch(r"E05\d{6}", w["code"]) and w["postcode_districts"] for w in wards)


def test_when_notes_counted_by_ward_then_uneven_and_at_least_40_each(corpus):
    counts = [len(v) for v in _by_ward(corpus).values()]
    assert len(counts) == len(_wards(corpus))
    assert min(counts) >= 40 and max(counts) >= 2 * min(counts)


def test_when_themes_listed_then_they_match_the_taxonomy_and_all_appear(corpus):
    taxonomy_ids = [t["id"] for t in yaml.safe_load(TAXONOMY.read_text())["themes"]]
    assert sorted(THEME_IDS) == sorted(taxonomy_ids) and len(THEME_IDS) == 10
    assert EMERGENT_THEME_ID == "transport_access" and EMERGENT_THEME_ID not in taxonomy_ids
    seen = {t for n in corpus.notes for t in n["themes"]}
    assert seen == set(THEME_IDS) | {EMERGENT_THEME_ID}


def test_when_themes_counted_then_about_a_quarter_have_two_and_a_few_none(corpus):
    n = len(corpus.notes)
    two = sum(len(x["themes"]) == 2 for x in corpus.notes) / n
    none = sum(not x["themes"] for x in corpus.notes) / n
    assert 0.18 <= two <= 0.32
    assert 0.01 <= none <= 0.08
    assert all(len(set(x["themes"])) == len(x["themes"]) for x in corpus.notes)


def test_when_food_share_compared_with_deprivation_then_strongly_correlated(corpus):
    dep, by_ward = _indicator(corpus, "income_deprivation_rate"), _by_ward(corpus)
    codes = sorted(by_ward)
    r = statistics.correlation([dep[c] for c in codes], [_share(by_ward[c], "food_poverty") for c in codes])
    assert r > 0.6


def test_when_debt_share_compared_over_time_then_it_roughly_doubles(corpus):
    first = [n for n in corpus.notes if n["date"] < "2024-12-01"]
    last = [n for n in corpus.notes if n["date"] >= "2025-06-01"]
    ratio = _share(last, "debt_money") / _share(first, "debt_money")
    assert 1.6 <= ratio <= 2.6


def test_when_claimant_rate_tracked_then_it_rises_gently(corpus):
    rows = [r for r in corpus.indicators if r["indicator"] == "claimant_rate"]
    early = statistics.mean(r["value"] for r in rows if r["period"] <= "2024-11")
    late = statistics.mean(r["value"] for r in rows if r["period"] >= "2025-06")
    assert 1.05 < late / early < 1.4


def test_when_divergence_wards_checked_then_stories_and_numbers_disagree(corpus):
    by_ward, dep = _by_ward(corpus), _indicator(corpus, "income_deprivation_rate")
    mh = _indicator(corpus, "mental_health_prevalence")
    # Counted but not heard: Downham is among the most deprived but has the fewest notes, and few about food.
    assert dep[DOWNHAM] >= sorted(dep.values())[-5]
    assert len(by_ward[DOWNHAM]) == min(len(v) for v in by_ward.values())
    assert _share(by_ward[DOWNHAM], "food_poverty") < 0.1
    # Heard but not counted: Lee Green has low deprivation and the lowest MH prevalence in Lewisham ...
    lewisham = [a["code"] for a in _wards(corpus) if a["parent_code"] == LEWISHAM]
    assert mh[LEE_GREEN] == min(mh[c] for c in lewisham) and dep[LEE_GREEN] <= 0.1
    # ... yet the highest share of mental health stories of any ward.
    shares = {c: _share(v, "mental_health") for c, v in by_ward.items()}
    assert shares[LEE_GREEN] == max(shares.values()) and shares[LEE_GREEN] > 2 * statistics.median(shares.values())


def test_when_emergent_theme_counted_then_about_8_percent_and_mostly_rural(corpus):
    share = _share(corpus.notes, EMERGENT_THEME_ID)
    assert 0.05 <= share <= 0.11
    parent = {a["code"]: a["parent_code"] for a in _wards(corpus)}
    eden = [n for n in corpus.notes if parent[n["area_code"]] == EDEN]
    lewisham = [n for n in corpus.notes if parent[n["area_code"]] == LEWISHAM]
    assert _share(eden, EMERGENT_THEME_ID) > 4 * _share(lewisham, EMERGENT_THEME_ID)
    vocab = re.compile(r"\b(bus|buses|taxi|car|transport|timetable|train|lift|lifts|drive|drivers?|minibus|diesel)\b")
    for note in corpus.notes:
        if EMERGENT_THEME_ID in note["themes"]:
            assert vocab.search(note["text"].lower()), note["id"]


def test_when_indicators_built_then_every_ward_has_each_indicator(corpus):
    wards = {a["code"] for a in _wards(corpus)}
    assert set(corpus.indicator_meta) == {"income_deprivation_rate", "claimant_rate", "mental_health_prevalence",
                                          "living_alone_rate"}
    for name in ("income_deprivation_rate", "mental_health_prevalence", "living_alone_rate"):
        assert set(_indicator(corpus, name)) == wards
    claimant = [r for r in corpus.indicators if r["indicator"] == "claimant_rate"]
    assert len(claimant) == 18 * len(wards)
    assert {r["period"] for r in claimant} == {f"2024-{m:02d}" for m in range(6, 13)} | {
        f"2025-{m:02d}" for m in range(1, 12)}
    for r in corpus.indicators:
        assert r["value"] == round(r["numerator"] / r["denominator"], 4)
        assert r["polarity"] in ("higher_is_worse", "higher_is_better") and r["licence"] == "CC0"
        assert "illustrative" in r["source"]
    dep = _indicator(corpus, "income_deprivation_rate")
    assert min(dep.values()) >= 0.05 and max(dep.values()) <= 0.40
    pops = [r["denominator"] for r in corpus.indicators if r["indicator"] == "income_deprivation_rate"]
    assert min(pops) >= 8000 and max(pops) <= 15000


def test_when_written_then_files_parse_and_match_the_corpus(tmp_path, corpus):
    out = write_demo_corpus(tmp_path / "demo")
    notes = [json.loads(line) for line in (out / "notes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert notes == corpus.notes
    assert json.loads((out / "areas.json").read_text(encoding="utf-8")) == corpus.areas
    with open(out / "indicators.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["area_code", "indicator", "period", "value", "numerator", "denominator", "unit",
                             "polarity", "source", "licence"]
    assert len(rows) == len(corpus.indicators) and float(rows[0]["value"]) == corpus.indicators[0]["value"]
    readme = (out / "README.txt").read_text(encoding="utf-8").lower()
    assert "synthetic" in readme and "not official statistics" in readme
    assert "downham" in readme and "lee green" in readme


def test_when_written_twice_then_files_are_byte_identical(tmp_path):
    a = write_demo_corpus(tmp_path / "a", n_notes=400)
    b = write_demo_corpus(tmp_path / "b", n_notes=400)
    for name in ("notes.jsonl", "areas.json", "indicators.csv", "README.txt"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_when_run_as_command_then_it_writes_the_corpus(tmp_path):
    assert main([str(tmp_path / "cli"), "--n-notes", "200", "--seed", "5"]) == 0
    assert len((tmp_path / "cli" / "notes.jsonl").read_text(encoding="utf-8").splitlines()) == 200
