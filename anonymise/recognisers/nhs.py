"""NHS numbers: ten digits ("943 476 5919", "943-476-5919", "9434765919") with a valid mod-11 check.

Extends Presidio's `NhsRecognizer`: the checksum is kept (a passing number scores 1.0, a failing
one is dropped), the match may not sit inside a longer run of digits ("42/943 476 5919/1"), and
numbers made of one repeated digit ("000 000 0000"), which pass the checksum, are rejected.
"""
from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import (
    NhsRecognizer as PresidioNhsRecognizer,
)

_SEP = r"[ \-]?"
_SLASHED = r"(?P<s>[/.])"     # "492/531/3568", "768.808.3885": the same separator twice


def nhs_checksum_ok(digits: str) -> bool:
    """Mod-11 check: weights 10..2 on the first nine digits; the tenth digit makes the sum divisible by 11."""
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits, range(10, 0, -1)))
    return total % 11 == 0


class NhsRecognizer(PresidioNhsRecognizer):
    PATTERNS = [
        Pattern(
            "NHS number (3-3-4)",
            r"(?<![\d/.\-])\b\d{3}" + _SEP + r"\d{3}" + _SEP + r"\d{4}\b(?![/.\-]?\d)",
            0.5,  # raised to 1.0 when the checksum passes, dropped when it fails
        ),
        Pattern(
            "NHS number (3/3/4, 3.3.4)",
            r"(?<![\d/.\-])\b\d{3}" + _SLASHED + r"\d{3}(?P=s)\d{4}\b(?![/.\-]?\d)",
            0.5,
        ),
    ]

    CONTEXT = ["nhs", "nhs number", "nhs no", "national health service", "health number", "chi"]

    def validate_result(self, pattern_text: str) -> bool:
        return nhs_checksum_ok("".join(c for c in pattern_text if c.isdigit()))


def create(**options) -> NhsRecognizer:
    return NhsRecognizer(**options)
