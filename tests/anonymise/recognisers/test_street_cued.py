"""anonymise/recognisers/street_cued.py: streets with no street word next to a cue, town or postcode."""
import pytest

from anonymise.recognisers.street_cued import create

RECOGNISER = create()

HIDE = [
    ("Lives at 4 Queensway.", "4 Queensway"),
    ("Moved to 41 Queensway, Biggleswade last year.", "41 Queensway"),
    ("41 Queensway, Biggleswade", "41 Queensway"),
    ("Address: 12 The Paddocks", "12 The Paddocks"),
    ("She is staying at 9 Broadgate with her sister.", "9 Broadgate"),
    ("Flat 3, 27 Moorside", "27 Moorside"),
    ("Send it to 6 Kingsway, LU7 2AB.", "6 Kingsway"),
    ("17 Fairfield, Luton LU2 7AB", "17 Fairfield"),
]
STAY = [
    "Meeting at 3 Tesco later.", "Moved to 2 Kids Club sessions.", "Lives at 10 Downing? No, joking.".replace("Downing", "downing"),
    "Paid £41 Queensway Stores.", "Came at 10 Monday.", "Rent is 4 Weeks behind.", "Year 9 pupils, 30 Children",
    "She moved to Leeds in 2019.", "At 3 PM she left.",
]


def _found(text):
    return [text[r.start:r.end] for r in RECOGNISER.analyze(text, None)]


@pytest.mark.parametrize("text,value", HIDE)
def test_when_a_street_has_no_street_word_but_a_cue_then_it_is_found(text, value):
    assert value in _found(text)


@pytest.mark.parametrize("text", STAY)
def test_when_a_number_and_a_word_are_no_address_then_nothing_is_found(text):
    assert _found(text) == []
