"""UK passport numbers after a passport word: "passport number 123456789", "passport no. 533401372".

Extends Presidio's `UkPassportRecognizer`. UK passport numbers are nine digits; the two letters +
seven digits form Presidio looks for is also kept. Nine-digit numbers are common in case notes,
so the passport word is checked inside each pattern (`<passport word> <filler> \\K <number>`)
instead of being left to Presidio's context enhancer, and only the number is the entity.
"""
from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkPassportRecognizer

_PASSPORT_WORD = r"\b(?:passport|travel[^\S\n]+document|hmpo)\b"
_FILLER = r"(?:[^\S\n]|[:=#.,()\-]|\b(?:no|num|number|is|was|uk|british|gb|details)\b){1,10}"


class PassportRecognizer(UkPassportRecognizer):
    PATTERNS = [
        Pattern("UK passport (9 digits)", _PASSPORT_WORD + _FILLER + r"\K(?<!\d)\d{9}(?!\d)", 0.85),
        Pattern("UK passport (2 letters, 7 digits)", _PASSPORT_WORD + _FILLER + r"\K[A-Z]{2}\d{7}\b", 0.7),
    ]

    CONTEXT = ["passport", "passport number", "travel document", "hmpo"]


def create(**options) -> PassportRecognizer:
    return PassportRecognizer(**options)
