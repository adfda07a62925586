import pytest

from anonymise.recognisers.passport import create

RECOGNISER = create()

VALID = [
    ("passport number 123456789", ["123456789"]),
    ("passport no. 533401372", ["533401372"]),
    ("Passport: 533401372.", ["533401372"]),
    ("British passport number is 123456789", ["123456789"]),
    ("passport (number 533401372)", ["533401372"]),
    ("HMPO 533401372", ["533401372"]),
    ("Passport: AB1234567", ["AB1234567"]),
]

INVALID = [
    ("123456789", []),                          # nine digits with no passport word
    ("passport 1234567", []),                   # seven digits (eight to ten fail closed after the cue:
    ("passport 12345678901", []),               # tests/anonymise/recognisers/test_recall_cues.py)
    ("passport expired, ref 123456789", []),    # another word in between
    ("applied for a passport", []),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_number_follows_passport_word_then_only_the_number_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), INVALID)
def test_when_no_passport_number_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
