import pytest

from anonymise.recognisers.street_address import create

RECOGNISER = create()

VALID = [
    ("14 Elm Road", ["14 Elm Road"]),
    ("27b Station Terrace", ["27b Station Terrace"]),
    ("Flat 3, 12 Mill Lane", ["Flat 3, 12 Mill Lane"]),
    ("flat 2 45 Victoria Street", ["flat 2 45 Victoria Street"]),
    ("12-14 High Street", ["12-14 High Street"]),
    ("Apartment 5, Kingfisher Court", ["Apartment 5, Kingfisher Court"]),
    ("3 St John's Close", ["3 St John's Close"]),
    ("12 King St.", ["12 King St"]),
    ("5 The Grove", ["5 The Grove"]),
    ("3 Old Mill Farm Lane", ["3 Old Mill Farm Lane"]),
    ("12 McAdam Way", ["12 McAdam Way"]),
    ("14 Elm road", ["14 Elm road"]),
    ("Flat 4 Rose House", ["Flat 4 Rose House"]),
    ("Client lives at 14 Elm Road, Manchester M14 5RT.", ["14 Elm Road"]),
    ("lives at 14 elm road", ["14 elm road"]),           # lower case, after an address phrase
    ("moved to 7 mill lane last week", ["7 mill lane"]),
]

BARE_FLATS = [
    ("Flat 4", ["Flat 4"]),
    ("she lives in flat 12.", ["flat 12"]),
    ("FLAT 4", ["FLAT 4"]),
]

NOT_ADDRESSES = [
    ("2 Road closures", []),
    ("5 days", []),
    ("Section 21", []),
    ("served a Section 21 notice", []),
    ("talked to 3 people on the road", []),
    ("at 3 on the road", []),
    ("paid a flat 12% fee", []),
    ("a flat 12 months of support", []),
    ("flat rate 12", []),
    ("1 Way", []),
    ("The 3 Musketeers", []),
    ("got 2 Universal Credit payments", []),
    ("14 elm road", []),                                 # lower case with no address phrase
    ("age 14 Elm", []),
]

JUDGED = [
    ("3 High Street shops", ["3 High Street"]),          # number + street is still an address
    ("10 Downing Street", ["10 Downing Street"]),        # a real address: fine to flag
    ("She has 2 Grove Street flats", ["2 Grove Street"]),
    ("14 Elm Road and 27b Station Terrace", ["14 Elm Road", "27b Station Terrace"]),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_house_number_and_street_then_address_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), BARE_FLATS)
def test_when_bare_flat_number_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), NOT_ADDRESSES)
def test_when_number_is_not_part_of_an_address_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), JUDGED)
def test_when_judged_case_then_spans_match_the_table(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


def test_when_flat_and_street_together_then_one_span_outscores_its_parts():
    (result,) = RECOGNISER.analyze("Flat 3, 12 Mill Lane", RECOGNISER.supported_entities, None)
    assert result.score >= 0.85
