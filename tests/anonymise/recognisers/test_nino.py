import string

import pytest

from anonymise.recognisers.nino import create

RECOGNISER = create()

BAD_FIRST = set("DFIQUV")
BAD_SECOND = set("DFIOQUV")
BAD_PREFIXES = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def _issued(prefix: str) -> bool:
    return prefix[0] not in BAD_FIRST and prefix[1] not in BAD_SECOND and prefix not in BAD_PREFIXES


ALL_PREFIXES = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase]

VALID = [
    ("AB 12 34 56 C", ["AB 12 34 56 C"]),
    ("ab123456c", ["ab123456c"]),
    ("AB123456C", ["AB123456C"]),
    ("AB-12-34-56-D", ["AB-12-34-56-D"]),
    ("AB 123456 C", ["AB 123456 C"]),
    ("NI number: JG 10 37 54 A.", ["JG 10 37 54 A"]),
    ("National Insurance no ce123456b, confirmed", ["ce123456b"]),
    ("ZY 99 88 77 B", ["ZY 99 88 77 B"]),
]

INVALID = [
    ("DA123456C", []),     # D is never a first letter
    ("AO123456C", []),     # O is never a second letter
    ("BG123456A", []),
    ("GB123456A", []),
    ("KN123456A", []),
    ("NK123456A", []),
    ("NT123456A", []),
    ("TN123456A", []),
    ("ZZ123456A", []),
    ("QQ123456C", []),     # HMRC's example prefix is not issued
    ("AB12345C", []),      # five digits
    ("AB1234567C", []),    # seven digits
    ("AB123456", []),      # no suffix letter
    ("AB123456E", []),     # suffix beyond D
    ("XAB123456C", []),    # inside a longer token
]


@pytest.mark.parametrize(("text", "expected"), VALID)
def test_when_valid_nino_in_any_layout_then_it_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize(("text", "expected"), INVALID)
def test_when_nino_breaks_a_rule_then_nothing_is_found(assert_spans, text, expected):
    assert_spans(RECOGNISER, text, expected)


@pytest.mark.parametrize("prefix", ALL_PREFIXES)
def test_when_any_two_letter_prefix_then_only_issued_prefixes_match(assert_spans, prefix):
    text = f"{prefix}123456C"
    assert_spans(RECOGNISER, text, [text] if _issued(prefix) else [])


@pytest.mark.parametrize("suffix", list(string.ascii_uppercase))
def test_when_any_suffix_letter_then_only_a_to_d_match(assert_spans, suffix):
    text = f"AB 12 34 56 {suffix}"
    assert_spans(RECOGNISER, text, [text] if suffix in "ABCD" else [])


def test_when_nino_found_then_score_is_definite():
    (result,) = RECOGNISER.analyze("AB123456C", RECOGNISER.supported_entities, None)
    assert result.score >= 0.85
