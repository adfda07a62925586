"""UK National Insurance numbers: "AB 12 34 56 C", "ab123456c", "AB-12-34-56-C".

Extends Presidio's `UkNinoRecognizer` (same HMRC prefix rules) with hyphen separators and a score
that stands on its own: the shape is specific enough that no context word is needed.

HMRC rules: first letter not D, F, I, Q, U or V; second letter not D, F, I, O, Q, U or V; the
prefixes BG, GB, KN, NK, NT, TN and ZZ are never issued; six digits; suffix A, B, C or D.
"""
from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkNinoRecognizer

_SEP = r"[ \-]?"


class NinoRecognizer(UkNinoRecognizer):
    PATTERNS = [
        Pattern(
            "UK NINO",
            r"\b(?!(?:BG|GB|KN|NK|NT|TN|ZZ))"
            r"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
            + _SEP + r"\d{2}" + _SEP + r"\d{2}" + _SEP + r"\d{2}" + _SEP
            + r"[A-D]\b",
            0.85,
        ),
    ]

    CONTEXT = ["national insurance", "ni number", "ni no", "nino", "nic"]


def create(**options) -> NinoRecognizer:
    return NinoRecognizer(**options)
