"""Card numbers: 12-19 digits that pass the Luhn check, written solid ("4111111111111111") or in groups
("4111 1111 1111 1111", "4111-1111-1111-1111", Amex "3714 496353 98431").

Replaces Presidio's CreditCardRecognizer, which misses 19-digit Visas, 2221-2720 Mastercards, 12-digit
Maestros and 15-digit "2131" JCBs. Scoring:
- 13-19 digits starting 1-6 (the card schemes' ranges) and passing Luhn: 0.8;
- any other Luhn-valid 12-19 digit number (12-digit Maestros, "06..."): 0.6, and only with a card word
  ("card", "cc", "visa", "maestro", ...) shortly before it;
- numbers of one repeated digit, and numbers inside a longer run of digits, are dropped.
UK identifiers are shorter (phone numbers 11 digits, NHS numbers 10, account numbers 8), so they never reach here.
"""
from __future__ import annotations

import re
from typing import List, Optional

from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

SCHEME_SCORE = 0.8
CONTEXT_SCORE = 0.6

CARD_NUMBER = re.compile(
    r"(?<![\w\-/.,])(?<!\d[ \-])(?:"
    r"\d{12,19}"                                                   # solid
    r"|\d{4}([ \-])\d{4}\1\d{4}(?:\1\d{1,4})(?:\1\d{1,3})?"        # 4-4-4-4, 4-4-4-4-3
    r"|\d{4}([ \-])\d{6}\2\d{4,5}"                                 # Amex / Diners 4-6-5, 4-6-4
    r")(?![\w\-/]|[.,]\d|[ \-]\d{4})"                            # not part of a longer run of groups
)
_CARD_BEFORE = re.compile(r"(?i)\b(?:card|cc|visa|mastercard|master card|amex|maestro|debit|credit)\b[^\n\d]{0,25}$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def score(text: str, start: int, end: int) -> float:
    """The score for a candidate at text[start:end] (0.0 = not a card number)."""
    digits = re.sub(r"\D", "", text[start:end])
    if not 12 <= len(digits) <= 19 or len(set(digits)) == 1 or not luhn_ok(digits):
        return 0.0
    if len(digits) >= 13 and digits[0] in "123456":
        return SCHEME_SCORE
    return CONTEXT_SCORE if _CARD_BEFORE.search(text[max(0, start - 40):start]) else 0.0


class CreditCardRecognizer(LocalRecognizer):
    CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "maestro", "cc"]

    def __init__(self, supported_language: str = "en", name: Optional[str] = None):
        super().__init__(
            supported_entities=["CREDIT_CARD"], supported_language=supported_language,
            context=self.CONTEXT, name=name,
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: List[str], nlp_artifacts=None) -> List[RecognizerResult]:
        results = []
        for m in CARD_NUMBER.finditer(text):
            card_score = score(text, m.start(), m.end())
            if card_score:
                results.append(RecognizerResult(
                    entity_type="CREDIT_CARD", start=m.start(), end=m.end(), score=card_score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name, original_score=card_score,
                        textual_explanation="card number shape with a valid Luhn check digit",
                    ),
                    recognition_metadata={
                        RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id,
                    },
                ))
        return results


def create(**options) -> CreditCardRecognizer:
    return CreditCardRecognizer(**options)
