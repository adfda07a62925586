"""Dates of birth: a date preceded by a birth word ("DOB 12/03/1961", "born on the 4th of May 1987").

Only the date is the entity, never the keyword. A date with no birth word just before it
("seen on 12/03/2024") is not matched, so the recogniser needs no context enhancer: each pattern
is `<birth word> <filler> \\K <date>`, where the filler may only be punctuation and a few linking
words ("is", "was", "on the", "given as"), never other words or digits. That keeps
"born in Leeds, seen 12/03/2024" and "DOB unknown, appointment 12/03/2024" from matching.
"""
from __future__ import annotations

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer

_KEYWORD = (
    r"\b(?:d[./]?[^\S\n]?o[./]?[^\S\n]?b\b\.?|date[^\S\n]+of[^\S\n]+birth|birth[^\S\n]?date"
    r"|birthday|born|(?<![\w.])(?-i:b)\.(?=[^\S\n]?(?:\d|the\b)))"  # "Jo Bloggs b. 3/4/61", "was b.3-11-1947"
)
_FILLER = (
    r"(?:[^\S\n]|[:=()\-–,*]|['’]s\b"
    r"|\b(?:is|was|on|the|of|given|as|recorded|stated|reported|confirmed|checked|verified|provided|noted"
    r"|listed|shown|supplied|entered|written|dd/mm/yy(?:yy)?)\b"
    r"|\([^\d()\n]{1,30}\)"  # "DOB (checked) 12/03/1961", "DOB (from passport): ..."
    r"|\?"                     # "My date of birth? 6/10/1942"
    r"|\bin[^\S\n]+[A-Z][a-z]+(?:[^\S\n]+[A-Z][a-z]+)?[^\S\n]+on\b"   # "born in Homs on 18MAR1965"
    r"|\b(?:given|passed|sent|provided|told|read|handed|supplied)[^\S\n]+(?:to|for)[^\S\n]+"
    r"(?:the[^\S\n]+)?[a-z]{2,12}\b"
    r"){0,12}"                  # "d.o.b given to the office, 14-2-1974"
)
_BEFORE = _KEYWORD + _FILLER + r"\K"
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_DAY_MONTH = r"(?:[^\S\n]+of[^\S\n]+|[^\S\n]+|[/.\-][^\S\n]?)"   # "4 May", "4th of May", "4-May", "4/May"
_MONTH_YEAR = r"(?:,?[^\S\n]+|[/.\-]|,)"
_YEAR = r"(?:\d{4}|['’]?\d{2})(?![\d/.\-]?\d)"
_END = r"(?![\d/.\-]?\d)"

_NUMERIC = re.compile(r"(\d{1,4}) ?[/.\- ] ?(\d{1,2}) ?[/.\- ] ?(\d{1,4})")


class DateOfBirthRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("DOB (12/03/1961, 12.03.61, 12-03-1961)",
                _BEFORE + r"\d{1,2}(?P<sep>[/.\- ])\d{1,2}(?P=sep)(?:\d{4}|\d{2})" + _END, 0.85),
        Pattern("DOB (20 / 07 / 1966: spaces around the separators)",
                _BEFORE + r"\d{1,2}[^\S\n](?P<sep>[/.\-])[^\S\n]\d{1,2}[^\S\n](?P=sep)[^\S\n](?:\d{4}|\d{2})" + _END, 0.85),
        Pattern("DOB (1987-05-04)", _BEFORE + r"\d{4}(?P<sep>[/.\-])\d{1,2}(?P=sep)\d{1,2}" + _END, 0.85),
        Pattern("DOB (4 May 1987, 4th of May 1987, 21-Jul-1934, 3 May 61)",
                _BEFORE + _DAY + _DAY_MONTH + _MONTH + _MONTH_YEAR + _YEAR, 0.85),
        Pattern("DOB (May 4th, 1987; Feb. 19, 1981)", _BEFORE + _MONTH + r"[^\S\n]+" + _DAY + r",?[^\S\n]+\d{4}\b", 0.85),
        Pattern("DOB (18MAR1965, 09AUG1999: day, month and year run together)",
                _BEFORE + r"(?:3[01]|[12]\d|0?[1-9])" + _MONTH.replace("\\.?", "") + r"(?:19|20)?\d\d(?!\d)", 0.85),
        Pattern("DOB (07101935: eight digits, day month year)",
                _BEFORE + r"(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])(?:19|20)\d\d(?!\d)", 0.85),
    ]

    CONTEXT = ["dob", "d.o.b", "date of birth", "birth date", "birthday", "born"]

    def __init__(self, supported_language: str = "en", name: str | None = None):
        super().__init__(
            supported_entity="DATE_OF_BIRTH", patterns=self.PATTERNS, context=self.CONTEXT,
            supported_language=supported_language, name=name,
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Reject impossible numeric dates (month 13, day 32); day-first and month-first both pass."""
        numeric = _NUMERIC.fullmatch(pattern_text)
        if not numeric:
            return None
        first, second, third = (int(part) for part in numeric.groups())
        if len(numeric.group(1)) == 4:  # ISO: year-month-day
            return None if 1 <= second <= 12 and 1 <= third <= 31 else False
        day_first = 1 <= first <= 31 and 1 <= second <= 12
        month_first = 1 <= first <= 12 and 1 <= second <= 31
        return None if day_first or month_first else False


def create(**options) -> DateOfBirthRecognizer:
    return DateOfBirthRecognizer(**options)
