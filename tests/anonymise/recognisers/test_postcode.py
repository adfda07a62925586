import pytest

from anonymise.recognisers.postcode import AREAS, create

RECOGNISER = create()

FULL_POSTCODES = [
    ("M14 5RT", ["M14 5RT"]),
    ("m14 5rt", ["m14 5rt"]),
    ("SW1A 1AA", ["SW1A 1AA"]),
    ("EC1A1BB", ["EC1A1BB"]),
    ("B33 8TH", ["B33 8TH"]),
    ("GIR 0AA", ["GIR 0AA"]),
    ("W1A 0AX", ["W1A 0AX"]),
    ("CR2 6XH", ["CR2 6XH"]),
    ("DN55 1PT", ["DN55 1PT"]),
    ("BT7 1NN", ["BT7 1NN"]),
    ("JE2 3AB", ["JE2 3AB"]),
    ("Lives at 14 Elm Road, Manchester M14 5RT.", ["M14 5RT"]),
    ("moved from ls6 1ab to ls11 5xy", ["ls6 1ab", "ls11 5xy"]),
]

PARTIAL_POSTCODES = [
    ("postcode M14", ["M14"]),
    ("in the SE13 area", ["SE13"]),
    ("Post code: LS6", ["LS6"]),
    ("her postcode is m20, she said", ["m20"]),
    ("postal district EC1A", ["EC1A"]),
    ("lives in the M20 postcode", ["M20"]),
    ("postcode district is LS6.", ["LS6"]),
    ("It's BD3, the postcode, if that helps.", ["BD3"]),   # the postcode word after the code
    ("It's EC1A, the postcode,", ["EC1A"]),
    ("N17, the postcode", ["N17"]),
    ("N17 is my postcode", ["N17"]),
]

NOT_POSTCODES = [
    ("A1 road", []),            # judged: A is not a postcode area, and a road is not a postcode
    ("took the A1 road north", []),
    ("MP3", []),
    ("COVID19", []),
    ("COVID19 positive on 10am visit", []),
    ("10am", []),
    ("M14", []),                # an outward code alone needs a postcode/area word
    ("lives in M14", []),
    ("Q1 1AA", []),             # Q is not a postcode area
    ("postcode A1", []),
    ("ZZ1 1ZZ", []),
    ("M1 1CA", []),             # C is never used in the inward code
    ("AB12 CDE", []),           # a vehicle registration
    ("vitamin B12", []),
    ("seen in room B12 at 10:30", []),
    ("the postcode is wrong", []),
    ("5 days", []),
    ("Section 21", []),
    ("12/03/2024", []),
    ("£1,200", []),
    ("MP3, the postcode", []),                     # not a real postcode area
    ("In 2023, the postcode changed", []),
]

EDGE_CASES = [
    ("postcode: M14 5RT", ["M14 5RT"]),         # full code wins, no second partial match
    ("M14 5RT area", ["M14 5RT"]),
    ("GIR0AA", ["GIR0AA"]),
    ("postcode M14, LS6 area", ["M14", "LS6"]),
    ("SW1A 1AA and EC1A 1BB", ["SW1A 1AA", "EC1A 1BB"]),
    ("XM14 5RT", []),                             # inside a longer token
    ("M14 5RTX", []),
]


@pytest.mark.parametrize(("text", "expected"), FULL_POSTCODES)
def test_when_full_postcode_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), PARTIAL_POSTCODES)
def test_when_outward_code_has_postcode_context_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), NOT_POSTCODES)
def test_when_text_only_looks_like_a_postcode_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), EDGE_CASES)
def test_when_edge_case_then_spans_match_the_table(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


def test_when_outward_code_only_then_score_is_lower_than_full_postcode():
    full = RECOGNISER.analyze("M14 5RT", RECOGNISER.supported_entities, None)[0].score
    partial = RECOGNISER.analyze("postcode M14", RECOGNISER.supported_entities, None)[0].score
    assert full >= 0.85
    assert 0.5 <= partial < full


def test_when_area_list_is_loaded_then_it_has_every_uk_area_and_crown_dependency():
    assert len(AREAS) == 121 + 3
