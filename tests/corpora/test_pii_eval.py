"""Tests for the labelled UK anonymisation test set generator (corpora.pii_eval)."""
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from corpora import people
from corpora import pii_eval_templates as T
from corpora.pii_eval import generate_pii_eval_set, main, write_pii_eval_set
from corpora.pii_eval_checks import problems
from corpora.pii_eval_slots import KEEP_TYPES, TYPE_SHARES, name_words

ROOT = Path(__file__).resolve().parents[2]
MINIMUMS = {"PERSON": 600, "STREET_ADDRESS": 150, "UK_POSTCODE": 100, "PHONE_NUMBER": 100, "EMAIL_ADDRESS": 60,
            "UK_NHS": 60, "UK_NINO": 60, "DATE_OF_BIRTH": 60, "BANK_ACCOUNT": 20, "CASE_REFERENCE": 20,
            "UK_VEHICLE_REGISTRATION": 20, "UK_PASSPORT": 20}
REL_BEFORE = re.compile(r"\b(?:my|her|his)\s+(?:son|daughter|sister|brother|mum|dad|nan|grandad|niece|nephew|"
                        r"grandson|granddaughter|aunt|uncle|cousin|wife|husband|partner|girlfriend|boyfriend|ex|"
                        r"ex-partner|neighbour|friend|carer|landlord|landlady|stepson|stepdaughter|eldest|youngest|"
                        r"mother-in-law|father-in-law)(?:,\s|\s\(|\s)$", re.I)
NINO = re.compile(r"^([A-Z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])$")


@pytest.fixture(scope="module")
def records():
    return generate_pii_eval_set()


def _values(records, kind):
    return [r["text"][s["start"]:s["end"]] for r in records for s in r["spans"] if s["type"] == kind]


def _persons(records):
    for r in records:
        for s in r["spans"]:
            if s["type"] == "PERSON":
                yield r["text"], s["start"], s["end"]


def test_when_generated_twice_with_same_seed_then_identical(records):
    assert generate_pii_eval_set(n=600, seed=7) == records


def test_when_seed_differs_then_texts_differ(records):
    other = generate_pii_eval_set(n=600, seed=8)
    assert [r["text"] for r in other] != [r["text"] for r in records]


def test_when_default_set_generated_then_at_least_500_notes_with_unique_ids(records):
    assert len(records) >= 500
    assert len({r["id"] for r in records}) == len(records)
    assert records[0]["id"] == "uk-0001"
    assert all(set(r) == {"id", "text", "spans", "keep"} for r in records)


@pytest.mark.parametrize("kind", sorted(MINIMUMS))
def test_when_spans_counted_then_each_type_meets_its_minimum(records, kind):
    assert sum(s["type"] == kind for r in records for s in r["spans"]) >= MINIMUMS[kind]


def test_when_spans_counted_then_total_is_at_least_1500_and_types_are_known(records):
    spans = [s for r in records for s in r["spans"]]
    assert len(spans) >= 1500
    assert {s["type"] for s in spans} == set(MINIMUMS) == set(TYPE_SHARES)


def test_when_keep_spans_counted_then_at_least_800_covering_every_keep_type(records):
    keeps = Counter(k["type"] for r in records for k in r["keep"])
    assert sum(keeps.values()) >= 800
    assert set(keeps) == set(KEEP_TYPES)
    assert all(keeps[t] >= 50 for t in KEEP_TYPES)


def test_when_notes_counted_then_about_30_percent_have_no_pii_and_none_more_than_6(records):
    sizes = Counter(len(r["spans"]) for r in records)
    assert 0.25 <= sizes[0] / len(records) <= 0.35
    assert max(sizes) <= 6
    assert all(sizes[k] > 0 for k in range(1, 7))


def test_when_words_counted_then_every_note_has_15_to_250(records):
    words = [len(r["text"].split()) for r in records]
    assert min(words) >= 15 and max(words) <= 250
    assert sum(w < 40 for w in words) > 10 and sum(w > 150 for w in words) > 10


def test_when_offsets_checked_then_every_label_is_valid_and_none_overlap(records):
    for r in records:
        text = r["text"]
        labels = [(s, set(MINIMUMS)) for s in r["spans"]] + [(k, set(KEEP_TYPES)) for k in r["keep"]]
        for label, allowed in labels:
            assert set(label) == {"type", "start", "end"}
            assert label["type"] in allowed
            assert 0 <= label["start"] < label["end"] <= len(text), (r["id"], label)
            value = text[label["start"]:label["end"]]
            assert value.strip() == value, (r["id"], value)
        ordered = sorted((label["start"], label["end"]) for label, _ in labels)
        for (_, end), (start, _) in zip(ordered, ordered[1:]):
            assert start >= end, (r["id"], start)


def test_when_text_scanned_then_no_name_or_long_number_is_unlabelled(records):
    assert [p for r in records for p in problems(r)] == []


def test_when_problems_checked_on_broken_records_then_each_fault_is_reported():
    text = "Saw Callum today, ring 07700 900123."
    assert problems({"id": "x", "text": text, "spans": [], "keep": []})  # unlabelled name and number
    good = {"id": "x", "text": text, "spans": [{"type": "PERSON", "start": 4, "end": 10},
                                               {"type": "PHONE_NUMBER", "start": 23, "end": 35}], "keep": []}
    assert problems(good) == []
    overlap = dict(good, keep=[{"type": "DATE", "start": 8, "end": 16}])
    assert problems(overlap)
    edge = dict(good, spans=[{"type": "PERSON", "start": 3, "end": 10}, good["spans"][1]])
    assert problems(edge)


def test_when_nhs_numbers_checked_then_every_checksum_is_valid_in_several_shapes(records):
    values = _values(records, "UK_NHS")
    assert all(people.is_valid_nhs(v) for v in values)
    assert all(re.fullmatch(r"\d{3}([ -]?)\d{3}\1\d{4}", v) for v in values)
    shapes = {"spaced" if " " in v else "dashed" if "-" in v else "plain" for v in values}
    assert shapes == {"spaced", "dashed", "plain"}


def test_when_ni_numbers_checked_then_prefixes_are_valid_and_case_and_spacing_vary(records):
    values = _values(records, "UK_NINO")
    for v in values:
        m = NINO.match(v.upper())
        assert m, v
        prefix = m.group(1)
        assert prefix[0] not in "DFIQUV" and prefix[1] not in "DFIQUVO", v
        assert prefix not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}, v
    assert any(v.islower() for v in values) and any(v.isupper() for v in values)
    assert any(" " in v for v in values) and any(" " not in v for v in values)


def test_when_person_spans_checked_then_case_and_context_vary(records):
    shapes = Counter()
    for text, start, end in _persons(records):
        value = text[start:end]
        shapes["lower"] += value.islower()
        shapes["caps"] += value.isupper()
        shapes["title"] += bool(re.match(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? ", value, re.I))
        shapes["relationship"] += bool(REL_BEFORE.search(text[max(0, start - 30):start]))
        shapes["possessive"] += text[end:end + 2] == "'s"
        shapes["speaker"] += text[end:end + 2] == ": " and (start == 0 or text[start - 1] == "\n")
        shapes["hyphen"] += "-" in value
        shapes["apostrophe"] += "'" in value
        shapes["alone"] += " " not in value and value[:1].isupper()
    for shape, minimum in {"lower": 30, "caps": 30, "title": 60, "relationship": 60, "possessive": 15,
                           "speaker": 30, "hyphen": 5, "apostrophe": 3, "alone": 150}.items():
        assert shapes[shape] >= minimum, (shape, shapes)


def test_when_person_spans_checked_then_relationship_words_and_possessive_are_outside(records):
    rel_words = {w for words in T.REL_WORDS.values() for w in words} | {"my", "her", "his"}
    for text, start, end in _persons(records):
        value = text[start:end]
        assert value.split()[0].lower().strip(",(") not in rel_words, value
        assert not value.endswith(("'s", ",", ")", ":")), value


def test_when_names_come_from_many_heritages_then_each_list_is_used(records):
    words = {w.lower() for text, s, e in _persons(records) for w in re.findall(r"[^\W\d_]+", text[s:e])}
    for background in ("polish", "romanian", "nigerian", "ghanaian", "somali", "caribbean", "chinese", "arabic",
                       "south_asian"):
        firsts = (T.EXTRA_FEMALE.get(background, []) + T.EXTRA_MALE.get(background, [])
                  + T.EXTRA_SURNAMES.get(background, []) + people.SURNAMES.get(background, []))
        firsts += people.FEMALE_FIRST.get(background, []) + people.MALE_FIRST.get(background, [])
        assert words & {n.lower() for n in firsts}, background
    assert words & {n.lower() for ns in T.NICKNAMES.values() for n in ns}


def test_when_common_word_names_appear_then_mostly_as_ordinary_words_outside_spans(records):
    outside = Counter()
    for r in records:
        text = r["text"]
        for m in re.finditer(r"\b(Will|May|June|Hope|Grace|Mark|Bill|Frank|hope|grace|will|sandy|rose)\b", text):
            if not any(s["start"] <= m.start() < s["end"] for s in r["spans"]):
                outside[m.group().capitalize()] += 1
    for word in ("Will", "May", "June", "Hope", "Grace", "Mark", "Bill", "Frank", "Sandy", "Rose"):
        assert outside[word] >= 5, (word, outside)


def test_when_dates_of_birth_checked_then_each_follows_a_birth_cue(records):
    cue = re.compile(r"(?:dob|d\.o\.b\.?|date of birth(?: is| as)?|born(?: on)?)\W{0,3}$", re.I)
    for r in records:
        for s in r["spans"]:
            if s["type"] == "DATE_OF_BIRTH":
                assert cue.search(r["text"][max(0, s["start"] - 20):s["start"]]), r["text"][s["start"] - 20:s["end"]]


def test_when_identifier_spans_checked_then_values_have_the_right_shape(records):
    postcode = re.compile(r"[A-Z]{1,2}\d[A-Z\d]?(?: ?\d[A-Z]{2})?", re.I)
    assert all(postcode.fullmatch(v) for v in _values(records, "UK_POSTCODE"))
    assert any(re.fullmatch(r"[A-Z]{1,2}\d[A-Z\d]?", v) for v in _values(records, "UK_POSTCODE"))  # partial
    phones = _values(records, "PHONE_NUMBER")
    assert all(10 <= len(re.sub(r"\D", "", v)) <= 13 for v in phones)
    assert any(v.startswith("+44") for v in phones) and any(v.startswith("(") for v in phones)
    assert all(re.fullmatch(r"[\w.]+@[\w.]+\.[a-z]{2,}", v) for v in _values(records, "EMAIL_ADDRESS"))
    assert all(re.fullmatch(r"\d{9}", v) for v in _values(records, "UK_PASSPORT"))
    assert all(re.fullmatch(r"\d{2}[- ]?\d{2}[- ]?\d{2}|\d{8}", v) for v in _values(records, "BANK_ACCOUNT"))
    vrm = re.compile(r"[A-Z]{2}\d{2} ?[A-Z]{3}|[A-Z]\d{1,3} ?[A-Z]{3}", re.I)
    assert all(vrm.fullmatch(v) for v in _values(records, "UK_VEHICLE_REGISTRATION"))


def test_when_addresses_checked_then_town_and_postcode_are_outside_and_shapes_vary(records):
    values = _values(records, "STREET_ADDRESS")
    places = {p.lower() for p in T.PLACES}
    for v in values:
        assert not re.search(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b", v, re.I), v
        assert not any(part.strip().lower() in places for part in v.split(",")), v
    assert any(v.startswith("Flat ") for v in values) and any(v.startswith("Apartment ") for v in values)
    assert any(re.match(r"\d+-\d+ ", v) for v in values) and any(re.match(r"\d+[abc] ", v) for v in values)
    assert any(v.islower() for v in values) and any("St " in v for v in values)


def test_when_written_then_jsonl_parses_to_the_same_records(tmp_path, records):
    path = tmp_path / "uk.jsonl"
    write_pii_eval_set(path, n=600, seed=7)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == records


def test_when_run_from_command_line_then_file_has_n_lines(tmp_path):
    path = tmp_path / "small.jsonl"
    assert main([str(path), "--n", "20", "--seed", "3"]) == 0
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20 and rows == generate_pii_eval_set(n=20, seed=3)


def test_when_imported_then_neither_faker_nor_nlp_libraries_are_loaded():
    code = ("import sys, corpora.pii_eval as m; m.generate_pii_eval_set(n=5); "
            "print(sorted(k for k in ('faker', 'spacy', 'presidio_analyzer') if k in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_when_name_words_listed_then_common_word_names_are_left_out():
    words = name_words()
    assert {"callum", "amira", "tomasz", "o'neill", "okafor"} - {"amira"} <= words
    assert not words & {"will", "may", "june", "hope", "grace", "rose", "mark", "bill", "frank", "sandy"}
