from datetime import date

import pytest

from anonymise.replace import (
    Finding,
    PersonNumbers,
    age_band,
    merge,
    postcode_district,
    render,
)


def test_when_findings_overlap_then_union_is_hidden_with_most_specific_type():
    merged = merge([Finding("PERSON", 0, 5, 0.6), Finding("EMAIL_ADDRESS", 0, 20, 1.0), Finding("URL", 10, 25, 0.5)])
    assert [(f.entity_type, f.start, f.end) for f in merged] == [("EMAIL_ADDRESS", 0, 25)]


def test_when_same_person_named_three_ways_then_one_placeholder():
    people = PersonNumbers()
    assert [people.number(v) for v in ["Sarah Khan", "Sarah", "Mrs Khan", "Callum", "KHAN's"]] == [1, 1, 1, 2, 1]


@pytest.mark.parametrize("value, expected", [
    ("SE13 6QT", "SE13"), ("se136qt", "SE13"), ("M1 1AE", "M1"), ("EC1A 1BB", "EC1A"), ("M14", "M14"),
    ("hello", None),
])
def test_when_postcode_generalised_then_district_is_kept(value, expected):
    assert postcode_district(value) == expected


@pytest.mark.parametrize("value, expected", [
    ("12/03/1961", "55-64"), ("4 May 1987", "35-44"), ("the 4th of May 2010", "under 18"),
    ("03/04/55", "65-74"), ("1.2.1940", "75+"), ("not a date", None),
])
def test_when_date_of_birth_generalised_then_age_band_at_note_date(value, expected):
    assert age_band(value, date(2025, 6, 1)) == expected


def test_when_rendered_then_offsets_point_at_placeholders():
    text = "Call Sarah on 07700 900123 today."
    out = render(text, [Finding("PERSON", 5, 10, 0.8), Finding("PHONE_NUMBER", 14, 26, 0.9)], date(2025, 1, 1))
    assert out.text == "Call <PERSON_1> on <PHONE_NUMBER> today."
    for r in out.redactions:
        assert out.text[r.start:r.end] == r.placeholder
        assert text[r.orig_start:r.orig_end] in ("Sarah", "07700 900123")
