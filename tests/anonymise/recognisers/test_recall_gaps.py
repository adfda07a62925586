"""Identifiers a few words after their cue, and the shapes people type: for each rule, the cases that must be
hidden beside the cases that must stay readable (bank_account, passport, date_of_birth, postcode,
vehicle_registration, street_cued)."""
import pytest

from anonymise.recognisers import bank_account, date_of_birth, passport, postcode, street_cued, vehicle_registration

BANK, PASSPORT, DOB = bank_account.create(), passport.create(), date_of_birth.create()
POSTCODE, VRM, STREET = postcode.create(), vehicle_registration.create(), street_cued.create()

HIDE = [
    (BANK, "He read the account number out as 22810749.", ["22810749"]),
    (BANK, "Account number? It's 12345678.", ["12345678"]),
    (BANK, "acct no. is now 1234 5678", ["1234 5678"]),
    (BANK, "a/c 12345678", ["12345678"]),
    (BANK, "sort 20.45.61, account 12345678", ["20.45.61", "12345678"]),
    (BANK, "sort code 2045 61", ["2045 61"]),
    (PASSPORT, "Passport number? It's 985191855.", ["985191855"]),
    (PASSPORT, "passport no. 123 456 789 seen", ["123 456 789"]),
    (PASSPORT, "Her passport is still 533401372", ["533401372"]),
    (DOB, "My birthday's June 21, 1979, if you need it.", ["June 21, 1979"]),
    (DOB, "DOB's 27/06/1934", ["27/06/1934"]),
    (POSTCODE, "Area covered: S4 and around.", ["S4"]),
    (POSTCODE, "Outside our area (M40), signposted on.", ["M40"]),
    (POSTCODE, "catchment check - LS6 - ok", ["LS6"]),
    (VRM, "My car's a white Transit van, E422 LXC.", ["E422 LXC"]),
    (VRM, "my car's a black Golf, ow03 frj.", ["ow03 frj"]),
    (STREET, "Delivered a food parcel to 116 Parkside.", ["116 Parkside"]),
    (STREET, "The boiler at 137 Queensway has been broken.", ["137 Queensway"]),
    (STREET, "We're at 52 broadway, Wigan.", ["52 broadway"]),
    (STREET, "Visited 83 fairfield with the housing officer.", ["83 fairfield"]),
    (STREET, "I live at Flat 13/27 The Crescent, the one with the door.", ["Flat 13/27 The Crescent"]),
    (STREET, "parcel left with the neighbour at 68 the parade.", ["68 the parade"]),
]
STAY = [
    (BANK, "account balance went up by 20 in 12 months"),
    (BANK, "Account opened. The letter is dated 12/05/2024."),
    (BANK, "The accounts team will ring on 0161 496 0123."),
    (BANK, "sorted it out in 2024, 12 45 61 people came"),
    (PASSPORT, "Passport renewal costs £88.50 and takes 3 weeks."),
    (PASSPORT, "passport office on 0300 222 0000"),
    (DOB, "Her birthday's in June, seen 21/06/2024 at the hub."),
    (POSTCODE, "Took the car up the M6 for hours."),
    (POSTCODE, "The area (M1 motorway) is busy."),
    (POSTCODE, "The area is nice, A1 road nearby."),
    (VRM, "took the car up the M6 for the weekend"),
    (VRM, "the car was fine, she is in B12 and happy"),
    (STREET, "Meeting at 3 Tesco later."),
    (STREET, "Went to 5 sessions."),
    (STREET, "up to 20 hours a week"),
    (STREET, "met at 3 the park."),
    (STREET, "near 10 Downing Street"),
    (STREET, "from 3 weeks ago"),
]


def _found(recogniser, text):
    results = recogniser.analyze(text, entities=recogniser.supported_entities, nlp_artifacts=None)
    return [text[r.start:r.end] for r in sorted(results, key=lambda r: (r.start, r.end)) if r.score >= 0.5]


@pytest.mark.parametrize("recogniser,text,expected", HIDE)
def test_when_an_identifier_is_a_few_words_after_its_cue_or_typed_another_way_then_it_is_found(
        recogniser, text, expected):
    found = _found(recogniser, text)
    assert all(e in found for e in expected), found


@pytest.mark.parametrize("recogniser,text", STAY)
def test_when_a_number_only_looks_cued_then_it_stays_readable(recogniser, text):
    assert _found(recogniser, text) == []
