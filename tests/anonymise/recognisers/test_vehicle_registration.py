import pytest

from anonymise.recognisers.vehicle_registration import create

RECOGNISER = create()

CURRENT = [
    ("AB12 CDE", ["AB12 CDE"]),
    ("ab12cde", ["ab12cde"]),
    ("LV21 XYZ", ["LV21 XYZ"]),
    ("LV21XYZ", ["LV21XYZ"]),
    ("LV21-XYZ", ["LV21-XYZ"]),
    ("BD51 SMR", ["BD51 SMR"]),
    ("his car is lv21 xyz", ["lv21 xyz"]),   # lower case with a space needs a vehicle word
]

OLDER_STYLES = [
    ("car reg A123 BCD", ["A123 BCD"]),
    ("reg no. K123 ABC.", ["K123 ABC"]),
    ("registration: ABC 123D", ["ABC 123D"]),
]

NOT_PLATES = [
    ("A123 BCD", []),              # older styles need a vehicle word
    ("vitamin b12 and iron", []),
    ("pg12 the", []),
    ("sent the HC12 and", []),
    ("M14 5RT", []),               # postcodes
    ("SW1A 1AA", []),
    ("AB00 CDE", []),              # age identifier 00 never issued
    ("AB35 CDE", []),              # nor 30-50
    ("IQ12 ABC", []),              # I and Q are not used
    ("the MP3 player", []),
    ("COVID19", []),
    ("ABC1234", []),
]


@pytest.mark.parametrize(("text", "expected"), CURRENT)
def test_when_current_style_plate_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), OLDER_STYLES)
def test_when_older_style_plate_after_vehicle_word_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), NOT_PLATES)
def test_when_text_is_not_a_plate_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
