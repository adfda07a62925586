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

FLATS_AND_ROOMS = [  # a flat/apartment/room number (digits, a letter, or a Glasgow 0/2) joins the street after it
    ("Room 32, 107 High Street", ["Room 32, 107 High Street"]),
    ("Room 22, 161 Tannery View", ["Room 22, 161 Tannery View"]),
    ("Flat 0/2, 15 hillside grove", ["Flat 0/2, 15 hillside grove"]),
    ("Flat 3/2, 10 Quarry Mews", ["Flat 3/2, 10 Quarry Mews"]),
    ("Flat 2/1, 3 Coronation Mews", ["Flat 2/1, 3 Coronation Mews"]),
    ("flat c, 98 tannery gardens", ["flat c, 98 tannery gardens"]),
    ("Flat C, 66 Chapel Close", ["Flat C, 66 Chapel Close"]),
    ("Flat D, 54 Rusholme Row", ["Flat D, 54 Rusholme Row"]),
    ("lives at apartment 33, windermere heights", ["apartment 33, windermere heights"]),
    ("moved to flat 12, ashdown lodge", ["flat 12, ashdown lodge"]),
    ("The damp at flat 21, riverside tower is worse", ["flat 21, riverside tower"]),
    ("flat 39, 98 colliery row", ["flat 39, 98 colliery row"]),   # the flat number is the address cue
    ("Flat 0/2", ["Flat 0/2"]),
    ("She lives at Room 10, 126 High Street, Kendal.", ["Room 10, 126 High Street"]),
]

LOWER_CASE_AFTER_A_CUE = [  # all lower case: only after "at", "to", "on", "of", "address:", ...
    ("lives at 5 swallow cottages", ["5 swallow cottages"]),
    ("moved to 6 rusholme cottages", ["6 rusholme cottages"]),
    ("address: 172-174 manor walk", ["172-174 manor walk"]),
    ("staying at her place on 18-20 heron close.", ["18-20 heron close"]),
    ("Mrs Kavanagh of 12b high street rang", ["12b high street"]),
    ("Food parcel delivered to 9 jubilee cottages, ST4 7NF", ["9 jubilee cottages"]),
    ("parcel dropped off at 12 kingfisher mansions.", ["12 kingfisher mansions"]),
    ("the damp at 105c mill view is getting worse", ["105c mill view"]),
    ("Bailiffs came to 122 chapel row on 5 October.", ["122 chapel row"]),
]

NUMBERED_BUILDINGS = [
    ("Home visit to 13 Millstone Point, Appleby.", ["13 Millstone Point"]),
    ("He has moved to 9 Ashdown Mansions since", ["9 Ashdown Mansions"]),
]

HOUSE_NAMES = [  # a named building stands in for the house number
    ("Brook Cottage, Harefield Square", ["Brook Cottage, Harefield Square"]),
    ("I'm at The Old Forge, Abbey Walk now", ["The Old Forge, Abbey Walk"]),
    ("Address: Top Farm Cottage, Eastgate Gardens, Swansea", ["Top Farm Cottage, Eastgate Gardens"]),
    ("New address: Fell View, Weavers Avenue, Tower Hamlets", ["Fell View, Weavers Avenue"]),
    ("bailiffs came to fell view, ladybarn row on 19/12/2023", ["fell view, ladybarn row"]),
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
    ("10am", []),
    ("12/03/2024", []),
    ("£1,200", []),
    ("A1 road", []),
    ("the postcode is wrong", []),
    ("talked to 3 very close friends", []),              # adverbs and quantities never name a street
    ("on 3 separate court dates", []),
    ("she came on 2 occasions way back", []),
    ("on 12 march road trip", []),                       # a date, not "12 march road"
    ("gave it to 3 other people", []),
    ("meeting is at Room 101", []),                      # a room joins a numbered street only
    ("seen in Room 3, Town Hall", []),
    ("a flat a 5 minute walk from the station", []),
    ("from my point of view, the road is bad", []),
    ("in my view, high street shops are closing", []),
    ("went to Town Hall, Market Square", []),            # not a house name
    ("paid a flat 12/03/2024 fee", []),
]

JUDGED = [
    ("3 High Street shops", ["3 High Street"]),          # number + street is still an address
    ("10 Downing Street", ["10 Downing Street"]),        # a real address: fine to flag
    ("She has 2 Grove Street flats", ["2 Grove Street"]),
    ("14 Elm Road and 27b Station Terrace", ["14 Elm Road", "27b Station Terrace"]),
]


INTERNATIONAL = [
    ("1234 Main St", ["1234 Main St"]),                                        # US suffix
    ("515 385 Gemsbok St", ["515 385 Gemsbok St"]),                            # two leading numbers
    ("Hauptstraße 12", ["Hauptstraße 12"]),                                    # street word, then number
    ("Avda. Rio Nalon 58", ["Avda. Rio Nalon 58"]),
    ("She lives at 12 Rue de la Paix 8, Paris, France", ["12 Rue de la Paix 8, Paris, France"]),
    ("Tomomi lives at 86036 Rua do Arenque 1634, Goiânia", ["86036 Rua do Arenque 1634"]),  # bare town kept
    ("Tilly lives at 10252 Μεγάλη Άμμος 184, ΠΑΦΟΣ", ["10252 Μεγάλη Άμμος 184"]),        # after an address phrase
    ("address: 255 hersnapvej 18, københavn k", ["255 hersnapvej 18"]),       # lower case with a street word
    ("address: Maarit and Hersnapvej 75", ["Maarit and Hersnapvej 75"]),
    ("The bus station is on P.O. Box 104", ["P.O. Box 104"]),
    ("Meet me at the corner of Alšova 408 and Vedzizhev Greens", ["the corner of Alšova 408 and Vedzizhev Greens"]),
]

MILITARY = [
    ("PSC 3294, Box 9168\nAPO AA 61487", ["PSC 3294, Box 9168\nAPO AA 61487"]),
    ("Unit 5477 Box 8244\nDPO AP 15730", ["Unit 5477 Box 8244\nDPO AP 15730"]),
    ("it is USNV Vincent\nFPO AA 68422", ["USNV Vincent\nFPO AA 68422"]),
]

CONTINUATIONS = [  # the street takes the apartment, places, state, postal code and country after it
    ("The address of Persint is 6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677",
     ["6750 Koskikatu 25 Apt. 864\nArtilleros\n, CO\n Uruguay 64677"]),
    ("Address: 233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796",
     ["233 Erzsébet tér 19.\n Suite 282\n Domoszló\n Hungary 34796"]),
    ("14 Crown Street Kishiev Squares\n Suite 321\n LONDON\n United Kingdom 75419",
     ["14 Crown Street Kishiev Squares\n Suite 321\n LONDON\n United Kingdom 75419"]),
    ("The letter arrived at 760 Passauer Strasse 33, Cite Guedouala, Tunisia last night.",
     ["760 Passauer Strasse 33, Cite Guedouala, Tunisia"]),
    ("I'll meet you at 25615 Tawastintie 72 Apt. 004\nKNIVSTA, nan 18237 after the concert.",
     ["25615 Tawastintie 72 Apt. 004\nKNIVSTA, nan 18237"]),
    ("Mrs. Barbara Yudina Apt. 675 62314 Mellemvej 32\nAalborg NO 9100", ["Apt. 675 62314 Mellemvej 32\nAalborg NO 9100"]),
    ("14 Elm Road\nManchester\nM14 5RT", ["14 Elm Road\nManchester"]),      # the postcode is the postcode recogniser's
    ("14 Elm Road\nVisited today", ["14 Elm Road"]),                          # prose on the next line is not a place
    ("Home visit at 127 Fell Way. Mentioned she", ["127 Fell Way"]),           # a sentence ends the address
]

NOT_INTERNATIONAL = [
    ("on 12 March 2024 she", []),
    ("DOB 7 August 1991", []),
    ("moved to Year 9", []),
    ("meeting is at Room 101", []),
    ("lives at Level 3", []),
    ("Windows 10 laptop", []),
    ("got Universal Credit 2024", []),
    ("paid 2 Council Tax Bills 2023", []),
    ("Chapter 11 Koskikatu", []),
    ("at the corner of the room and the window", []),
    ("Address: 1 Glebe Way\nNI number: PA 83 25 10 D", ["1 Glebe Way"]),      # the NI number is not an address
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_house_number_and_street_then_address_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), FLATS_AND_ROOMS + LOWER_CASE_AFTER_A_CUE + NUMBERED_BUILDINGS)
def test_when_flat_room_or_cue_before_the_street_then_address_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), HOUSE_NAMES)
def test_when_house_name_and_street_then_address_is_found(assert_spans, text, expected):
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


@pytest.mark.parametrize(("text", "expected"), INTERNATIONAL + MILITARY)
def test_when_address_from_elsewhere_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), CONTINUATIONS)
def test_when_address_parts_follow_the_street_then_the_span_takes_them(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), NOT_INTERNATIONAL)
def test_when_words_and_numbers_are_not_an_address_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
