import pytest

from anonymise.recognisers.credit_card import (
    CONTEXT_SCORE,
    SCHEME_SCORE,
    create,
    luhn_ok,
)

RECOGNISER = create()

VALID = [
    ("4111111111111111", ["4111111111111111"]),
    ("card 4111 1111 1111 1111 expires", ["4111 1111 1111 1111"]),
    ("4111-1111-1111-1111", ["4111-1111-1111-1111"]),
    ("My card 4131034282458809939 is expiring", ["4131034282458809939"]),   # 19-digit Visa
    ("2223000048400011", ["2223000048400011"]),                             # 2221-2720 Mastercard
    ("213176828496175", ["213176828496175"]),                               # 15-digit 2131 JCB
    ("378282246310005", ["378282246310005"]),                               # Amex
    ("3714 496353 98431", ["3714 496353 98431"]),                           # Amex groups
    ("card number 630427373398 is lost", ["630427373398"]),                 # 12-digit Maestro, with a card word
]

NOT_CARDS = [
    ("4111111111111112", []),             # fails Luhn
    ("630427373398", []),                 # 12 digits with no card word
    ("0000000000000000", []),             # one repeated digit
    ("07700900123", []),                  # a phone number
    ("943 476 5919", []),                 # an NHS number
    ("account 31926819", []),
    ("card 12345678901", []),             # too short
    ("ref 42/4111111111111111/1", []),    # inside a longer reference
    ("4111 1111 1111 1111 1111 1111", []),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_luhn_valid_card_number_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), NOT_CARDS)
def test_when_number_is_not_a_card_number_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "score"), [("4111111111111111", SCHEME_SCORE), ("cc 630427373398", CONTEXT_SCORE)])
def test_when_card_needs_a_card_word_then_it_scores_lower(text, score):
    (result,) = RECOGNISER.analyze(text, RECOGNISER.supported_entities, None)
    assert result.score == score


@pytest.mark.parametrize(("digits", "ok"), [("4111111111111111", True), ("79927398713", True), ("79927398710", False)])
def test_luhn(digits, ok):
    assert luhn_ok(digits) is ok
