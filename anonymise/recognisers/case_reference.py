"""Case, client and reference numbers after a reference word: "case ref CN-2024-0412",
"ref: HB/22/01934", "client no. 448812", "crime reference 42/123456/24", "a crime reference, 44/314164/24",
"case number at Citizens Advice is HSG-118519". Only the code is the entity.

A code is letters and digits, optionally joined by "/", "-" or ".", at least three characters long
and containing a digit (so "ref: see below" and "reference to 3 children" do not match). The
reference word must come just before it, separated only by punctuation (a comma too) or "no", "number",
"is", "'s", or by who gave it ("at Citizens Advice is").
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_QUALIFIER = (
    r"(?:case|client|customer|claim|claimant|crime|incident|police|tenancy|tenant|referral|application"
    r"|member(?:ship)?|file|court|hb|uc|council[^\S\n]+tax|our|your|my)"
)
_KEYWORD = (
    r"(?:\b" + _QUALIFIER + r"[^\S\n]+(?:ref(?:erence)?|no|num|number|id)\b|\bref(?:erence)?\b)\.?"
)
# "case number at Citizens Advice is HSG-118519": who gave the reference, Capitalised, between word and code
_GIVER = (
    r"(?:[^\S\n]+(?:at|with|from|for)(?:[^\S\n]+the)?(?:[^\S\n]+(?-i:[A-Z][\w'’&\-]*)){1,4}"
    r"(?=[^\S\n]+(?:is|was)\b))?"
)
_FILLER = r"(?:[^\S\n]|[:=#(,\-–]|['’]s\b|\b(?:no|num|number|is|was|id)\b\.?){1,10}"
_CODE = r"(?=[A-Z0-9/.\-]*\d)[A-Z0-9]+(?:[/.\-][A-Z0-9]+)*\b"


class CaseReferenceRecognizer(PatternRecognizer):
    PATTERNS = [Pattern("Reference after a reference word", _KEYWORD + _GIVER + _FILLER + r"\K" + _CODE, 0.75)]

    CONTEXT = ["ref", "reference", "case number", "client number", "claim number", "crime reference"]

    def __init__(self, supported_language: str = "en", name: str | None = None):
        super().__init__(
            supported_entity="CASE_REFERENCE", patterns=self.PATTERNS, context=self.CONTEXT,
            supported_language=supported_language, name=name,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Codes shorter than three characters ("case no. 3") are too common to be identifying."""
        return None if len(pattern_text) >= 3 else False


def create(**options) -> CaseReferenceRecognizer:
    return CaseReferenceRecognizer(**options)
