import pytest

from anonymise.recognisers.nhs import create, nhs_checksum_ok

RECOGNISER = create()

VALID = [
    ("943 476 5919", ["943 476 5919"]),
    ("943-476-5919", ["943-476-5919"]),
    ("9434765919", ["9434765919"]),
    ("NHS no: 401 023 2137.", ["401 023 2137"]),
    ("nhs number 4505577104, GP aware", ["4505577104"]),
    ("123 456 7830", ["123 456 7830"]),      # check digit 0 (remainder 11)
    ("987 654 3210 and 943 476 5919", ["987 654 3210", "943 476 5919"]),
]

INVALID = [
    ("943 476 5918", []),          # wrong check digit
    ("485 777 3456", []),
    ("123 456 7890", []),          # check digit would have to be 10
    ("000 000 0000", []),          # passes the sum but is not a number
    ("111 111 1111", []),
    ("943 476 591", []),           # nine digits
    ("943 476 59190", []),         # eleven digits
    ("12/943 476 5919", []),       # part of a longer reference
    ("943 476 5919/2", []),
    ("07700 900123", []),          # a phone number
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_checksum_is_valid_then_nhs_number_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), INVALID)
def test_when_checksum_or_shape_is_wrong_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


def test_when_checksum_passes_then_score_is_definite():
    (result,) = RECOGNISER.analyze("943 476 5919", RECOGNISER.supported_entities, None)
    assert result.score == 1.0


@pytest.mark.parametrize(("digits", "ok"), [("9434765919", True), ("9434765918", False), ("94347659", False)])
def test_when_checksum_helper_is_called_then_it_applies_mod_11(digits, ok):
    assert nhs_checksum_ok(digits) is ok
