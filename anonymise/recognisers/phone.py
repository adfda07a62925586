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
"""
from __future__ import annotations

import re
from typing import List, Optional

from engine.offline import ensure_offline

ensure_offline()

import phonenumbers  # noqa: E402
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult  # noqa: E402

from anonymise.recognisers.nhs import nhs_checksum_ok  # noqa: E402

VALID_SCORE = 0.85
UK_SHAPE_SCORE = 0.7

UK_NUMBER = re.compile(
    r"(?<![\d+])(?<!\d[.,])"                           # not inside a longer number
    r"(?:(?:\+|00)[ ]?44[ ]?(?:\(0\)[ ]?)?|\(?0)"      # +44, 0044, +44 (0), or the trunk 0, maybe "(0"
    r"\d(?:[ \-]?\)?[ \-]?\d){8,9}"                      # 9-10 more digits, single separators
    r"(?!\d)"
)
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
        return self.remove_duplicates(results)

    def _result(self, start: int, end: int, result_score: float) -> RecognizerResult:
        return RecognizerResult(
            entity_type="PHONE_NUMBER", start=start, end=end, score=result_score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=result_score,
                textual_explanation="UK phone number checked with phonenumbers",
            ),
            recognition_metadata={
                RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
            },
        )


def create(**options) -> PhoneRecognizer:
    return PhoneRecognizer(**options)
