import pytest

from anonymise.recognisers.bank_account import create

RECOGNISER = create()

SORT_CODES = [
    ("sort code 12-34-56", ["12-34-56"]),
    ("sort code: 12 34 56", ["12 34 56"]),
    ("Sort Code 123456", ["123456"]),
    ("sortcode 12.34.56", ["12.34.56"]),
    ("s/c 12-34-56", ["12-34-56"]),
    ("bank 20-00-00", ["20-00-00"]),
    ("Sort code's 69-20-14, I think.", ["69-20-14"]),
    ("sort code’s 71 24 92", ["71 24 92"]),
]

ACCOUNT_NUMBERS = [
    ("account number 12345678", ["12345678"]),
    ("acc no. 31926819", ["31926819"]),
    ("a/c 1234 5678", ["1234 5678"]),
    ("bank account: 12345678", ["12345678"]),
    ("Acct No: 31926819.", ["31926819"]),
    ("account 1234567", ["1234567"]),                 # older seven-digit accounts
    ("account number's 12345678", ["12345678"]),
]

BOTH = [
    ("sort code 12-34-56 account number 12345678", ["12-34-56", "12345678"]),
    ("s/c 12-34-56 a/c 31926819", ["12-34-56", "31926819"]),
    ("s/c 12-34-56, 12345678", ["12-34-56", "12345678"]),
    ("bank details: 20-00-00 12345678", ["20-00-00", "12345678"]),
]

WITHOUT_CONTEXT = [
    ("12-34-56", []),
    ("12345678", []),
    ("paid 12345678 in total", []),
    ("bank holiday on 12-05-24", []),        # only punctuation and "no/number/details" may follow the word
    ("account balance 12345678", []),
    ("paid £1200 into bank 12/03/2024", []),
    ("accounts 12345678", []),
    ("account's 12/03/2024", []),
    ("sort code's wrong, £1,200", []),
    ("bank's 5 days late", []),
    ("10am", []),
]

WRONG_LENGTH = [
    ("account number 1234", []),
    ("acc no 12345", []),                    # 6-10 digits fail closed after the cue (test_recall_cues.py)
    ("acc no 12345678901", []),
    ("sort code 12-34-567", []),
]


@pytest.mark.parametrize(("text", "expected"), SORT_CODES)
def test_when_sort_code_follows_bank_word_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), ACCOUNT_NUMBERS)
def test_when_account_number_follows_account_word_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), BOTH)
def test_when_sort_code_and_account_number_together_then_both_are_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), WITHOUT_CONTEXT)
def test_when_number_has_no_bank_context_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), WRONG_LENGTH)
def test_when_number_has_the_wrong_length_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
