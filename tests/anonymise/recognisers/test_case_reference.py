import pytest

from anonymise.recognisers.case_reference import create

RECOGNISER = create()

VALID = [
    ("case ref CN-2024-0412", ["CN-2024-0412"]),
    ("ref: HB/22/01934", ["HB/22/01934"]),
    ("client no. 448812", ["448812"]),
    ("crime reference 42/123456/24", ["42/123456/24"]),
    ("Ref No. AB123.", ["AB123"]),
    ("our ref 2024.551", ["2024.551"]),
    ("case number: 12345", ["12345"]),
    ("claim number 99/1234", ["99/1234"]),
    ("reference number is X7731", ["X7731"]),
    ("ref #12345", ["12345"]),
    ("police ref. 4512", ["4512"]),
    ("Case Ref: cn-2024-0412", ["cn-2024-0412"]),
    ("UC ref 55443", ["55443"]),
    ("case ref CN-2024-0412. Next steps", ["CN-2024-0412"]),
    ("The police gave me a crime reference, 1286703/24.", ["1286703/24"]),   # a comma after the word
    ("crime reference, 44/314164/24", ["44/314164/24"]),
    ("a crime reference, CAD4230-25.", ["CAD4230-25"]),
    ("My case number at Citizens Advice is HSG-118519.", ["HSG-118519"]),    # who gave it, then "is"
    ("case number with the Council is VCS89494", ["VCS89494"]),
    ("case number's 12345", ["12345"]),
]

INVALID = [
    ("ref: see below", []),                   # no digit
    ("with reference to 3 children", []),
    ("case no. 3", []),                       # too short to identify anyone
    ("refer 12345", []),
    ("referred 12345 times", []),
    ("preference 1234", []),
    ("case 1234", []),                        # judged: "case" alone is too common a word
    ("the case number was not given, 12345", []),
    ("CN-2024-0412", []),                     # no reference word
    ("ref, see below", []),
    ("5 days", []),
    ("Section 21", []),
    ("10am", []),
    ("12/03/2024 reference", []),
    ("£1,200", []),
    ("case number at citizens advice was lost, 12345", []),   # who gave it must be Capitalised, then "is"
    ("reference, 12", []),
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_code_follows_reference_word_then_only_the_code_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), INVALID)
def test_when_no_reference_code_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)
