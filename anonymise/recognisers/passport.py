"""UK passport numbers after a passport word: "passport number 123456789", "passport no. 533401372".

Extends Presidio's `UkPassportRecognizer`. UK passport numbers are nine digits; the two letters +
seven digits form Presidio looks for is also kept. Nine-digit numbers are common in case notes,
so the passport word is checked inside each pattern (`<passport word> <filler> \\K <number>`)
instead of being left to Presidio's context enhancer, and only the number is the entity.
Cues: "passport", "travel document", "HMPO", "p/p", and "pp" when "no", "number" or ":" follows
("pp number 123456789"). After the cue the number fails closed: eight to ten digits (a typo, or another
country's number), or one or two letters and six to nine digits ("A01234567"). Up to three short words may
stand between the cue and the number within the sentence ("Passport number? It's 123456789", "passport
is still 123456789"), and nine digits may be typed in groups ("123 456 789", "1234 56789").
"""
from __future__ import annotations

from presidio_analyzer import Pattern
from presidio_analyzer.predefined_recognizers import UkPassportRecognizer

_PASSPORT_WORD = (r"\b(?:passport|travel[^\S\n]+document|hmpo|p/p"
                  r"|pp(?=[^\S\n]*(?:no\b|num|number|nr\b|#|:)))")
_FILLER = (r"(?:[^\S\n]|[:=#.,()\-–]|['’]s\b|\b(?:no|num|nr|number|is|was|uk|british|gb|details|confirmed|checked"
           r"|seen|verified|given|as|reads|shows|copy|id)\b){1,10}")


# The words between never name another identifier: "passport expired, ref 123456789" stays.
_OTHER_CUE = (r"(?:ref|refs|reference|case|crime|claim|incident|nhs|ni|nino|tel|phone|mob|mobile|account|acc|a/c"
              r"|sort|client|voucher|booking|order|invoice|policy|licence|license|expired|renewal|office)\b")
_GAP = r"(?:(?!" + _OTHER_CUE + r")[A-Za-z][A-Za-z'’]{0,7}[?:,]?(?:[^\S\n]|[:=#,()\-–])+){0,3}"
_GROUPED = r"(?<!\d)(?:\d{3}[^\S\n]\d{3}[^\S\n]\d{3}|\d{4}[^\S\n]\d{5}|\d{5}[^\S\n]\d{4})(?![-.]?\d)"


class PassportRecognizer(UkPassportRecognizer):
    PATTERNS = [
        Pattern("passport (8-10 digits after the cue: fail closed)",
                _PASSPORT_WORD + _FILLER + r"\K(?<!\d)\d{8,10}(?!\d)", 0.85),
        Pattern("passport (a few words after the cue, or grouped digits: fail closed)",
                _PASSPORT_WORD + r"(?:" + _FILLER + r"|[?])+" + _GAP + r"\K(?:(?<!\d)\d{8,10}(?!\d)|" + _GROUPED + ")",
                0.8),
        Pattern("passport (letters and digits)", _PASSPORT_WORD + _FILLER + r"\K\b[A-Z]{1,2}\d{6,9}\b", 0.7),
    ]

    CONTEXT = ["passport", "passport number", "travel document", "hmpo"]


def create(**options) -> PassportRecognizer:
    return PassportRecognizer(**options)
