"""Phone numbers, UK first: "07700 900123", "+44 (0)7700 900123", "(020) 7946 0321", "0800 123 4567".

Candidates come from two places: our regex for the ways UK numbers are written (0 or +44/0044,
optional "(0)" and brackets, single spaces or hyphens between digits), and `phonenumbers`'
matcher for numbers from anywhere. `phonenumbers` alone splits "rang 07700 900123 2 times" into
"07700" and "900123 2", hence the regex. Each candidate is then scored:
- a number `phonenumbers` says is valid scores 0.85;
- a UK number it does not know but with a UK shape (9-10 digits after the 0 or +44, starting
  1, 2, 3, 5, 7 or 8) scores 0.7. This keeps Ofcom's drama ranges (07700 900xxx, 01632 960xxx),
  which case-study text and our test corpora use, and new allocations;
- anything else (dates, years, amounts, reference and account numbers) is dropped, and so is a
  ten-digit 3-3-4 number that passes the NHS checksum: that is the NHS recogniser's.

Numbers from elsewhere come from a third regex for digit groups ("0489 25 37 29", "(555) 555-0123",
"555.555.0123x459", "+41 (0)96 471 07 95", "467 3395"), scored by `score_other`:
- with a "+" or "00" prefix, a number `phonenumbers` finds possible scores 0.8;
- a US 3-3-4 shape, a French "01.84.17.61.18" or a trunk-0 number valid in one of REGIONS scores 0.7;
- any other 7-12 digit grouping scores 0.6 only with a phone word just before it ("Phone:", "call me
  on", "Fax:") or a label just after it ("416 60 039 office"), never after "account", "sort code",
  "card", "ref" or "NHS", and never in a date shape ("01.02.2024").
"""
from __future__ import annotations

import re
from typing import List, Optional

import phonenumbers
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from anonymise.recognisers.nhs import nhs_checksum_ok

VALID_SCORE = 0.85
UK_SHAPE_SCORE = 0.7
INTERNATIONAL_SCORE = 0.8
FOREIGN_SHAPE_SCORE = 0.7
CONTEXT_SCORE = 0.6
REGIONS = ["US", "BE", "NL", "DE", "AT", "CH", "FR", "IT", "ES", "PT", "SE", "NO", "DK", "FI", "PL", "CZ", "HU",
           "IE", "AU", "NZ", "ZA", "BR", "IS", "GR", "EE", "SI"]

UK_NUMBER = re.compile(
    r"(?<![\d+])(?<!\d[.,])"                           # not inside a longer number
    r"(?:(?:\+|00)[ ]?44[ ]?(?:\(0\)[ ]?)?|\(?0)"      # +44, 0044, +44 (0), or the trunk 0, maybe "(0"
    r"\d(?:[ \-]?\)?[ \-]?\d){8,9}"                      # 9-10 more digits, single separators
    r"(?!\d)"
)
OTHER_NUMBER = re.compile(
    r"(?<![\w+.,\-/])(?>"
    r"(?:(?:\+|00)\d{1,3}[ .\-]?(?:\(0\)[ ]?)?)?"                # +41, 001-, +41 (0)
    r"(?:\(\d{1,4}\)[ .\-]?)?\d{1,12}(?:([ .\-])\d{2,7}(?:\1\d{2,7}){0,4})?"        # (579)888-3058, 0489 25 37 29
    r"(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?"                            # x4587
    r")(?![\w/]|[.\-]\d)"
)
_US_SHAPE = re.compile(r"(?:\+?1[ .\-])?\(?\d{3}\)?[ .\-]?\d{3}[.\-]\d{4}(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?")
_FRENCH_SHAPE = re.compile(r"0\d(?:\.\d\d){4}")
_DATE_SHAPE = re.compile(r"\d{1,4}([./\-])\d{1,2}\1\d{1,4}")
_EXTENSION = re.compile(r"[ ]?(?:x|ext\.?)[ ]?\d{1,5}$")
_PHONE_BEFORE = re.compile(
    r"(?i)\b(?:phone|tel|telephone|mobile|mob|cell|fax|desk|office|landline|call|ring|text|contact|whatsapp"
    r"|messages|answering|registered)\b(?:[^\w\n]+\w+){0,2}?[^\w\n]*\n?[^\w\n]*$")
_PHONE_AFTER = re.compile(r"(?i)[ \-]?(?:office|fax|mobile|home|work|cell|desk)\b")
_NOT_PHONE_BEFORE = re.compile(r"(?i)\b(?:account|a/c|sort[ ]?code|card|ref|reference|nhs|nino|passport|case)\b")
_NHS_SHAPE = re.compile(r"\d{3}[ \-]?\d{3}[ \-]?\d{4}")
_UK_LEADING_DIGITS = "123578"


def score(raw: str, region: str = "GB") -> float:
    """The score for one written candidate (0.0 = not a phone number)."""
    if raw[0] not in "0+(":  # people write phone numbers with a trunk 0 or an international prefix
        return 0.0
    if _NHS_SHAPE.fullmatch(raw) and nhs_checksum_ok(re.sub(r"\D", "", raw)):
        return 0.0
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return 0.0
    if phonenumbers.is_valid_number(number):
        return VALID_SCORE
    national = str(number.national_number)
    if number.country_code == 44 and len(national) in (9, 10) and national[0] in _UK_LEADING_DIGITS:
        return UK_SHAPE_SCORE
    return 0.0


def score_other(text: str, start: int, end: int) -> float:
    """The score for a candidate from OTHER_NUMBER at text[start:end] (0.0 = not a phone number)."""
    raw = text[start:end]
    number = _EXTENSION.sub("", raw)
    digits = re.sub(r"\D", "", number)
    before = text[max(0, start - 30):start]
    if (not 7 <= len(digits) <= 15 or len(set(digits)) == 1 or _NOT_PHONE_BEFORE.search(before)
            or _DATE_SHAPE.fullmatch(number)):
        return 0.0
    if _NHS_SHAPE.fullmatch(number) and nhs_checksum_ok(digits):
        return 0.0
    if raw[0] == "+" or (raw.startswith("00") and raw[2:3] != "0"):
        try:
            return INTERNATIONAL_SCORE if phonenumbers.is_possible_number(phonenumbers.parse(number, "GB")) else 0.0
        except phonenumbers.NumberParseException:
            return 0.0
    if _US_SHAPE.fullmatch(raw) or _FRENCH_SHAPE.fullmatch(raw) or (
            digits[0] == "0" and len(digits) >= 9 and any(_valid_in(number, region) for region in REGIONS)):
        return FOREIGN_SHAPE_SCORE
    if len(digits) <= 12 and (_PHONE_BEFORE.search(before) or _PHONE_AFTER.match(text, end)):
        return CONTEXT_SCORE
    return 0.0


def _valid_in(number: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    except phonenumbers.NumberParseException:
        return False


class PhoneRecognizer(LocalRecognizer):
    CONTEXT = ["phone", "telephone", "tel", "mobile", "mob", "landline", "call", "text", "ring"]

    def __init__(self, region: str = "GB", supported_language: str = "en", name: Optional[str] = None):
        self.region = region
        super().__init__(
            supported_entities=["PHONE_NUMBER"], supported_language=supported_language,
            context=self.CONTEXT, name=name,
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        candidates = [(m.start(), m.end()) for m in UK_NUMBER.finditer(text)]
        candidates += [
            (m.start, m.end)
            for m in phonenumbers.PhoneNumberMatcher(text, self.region, leniency=phonenumbers.Leniency.VALID)
        ]
        results = []
        for start, end in set(candidates):
            candidate_score = score(text[start:end], self.region)
            if candidate_score:
                results.append(self._result(start, end, candidate_score))
        found = list(results)
        for m in OTHER_NUMBER.finditer(text):
            if not any(r.start <= m.start() < r.end or m.start() <= r.start < m.end() for r in found):
                other_score = score_other(text, m.start(), m.end())
                if other_score:
                    results.append(self._result(m.start(), m.end(), other_score))
        return self.remove_duplicates(results)

    def _result(self, start: int, end: int, result_score: float) -> RecognizerResult:
        return RecognizerResult(
            entity_type="PHONE_NUMBER", start=start, end=end, score=result_score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=result_score,
                textual_explanation="phone number shape, checked with phonenumbers",
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def create(**options) -> PhoneRecognizer:
    return PhoneRecognizer(**options)
