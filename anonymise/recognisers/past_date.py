"""Full dates ten or more years back, with no cue: "Applicant 21st July 1986, single", "13/05/1995".

A date of birth is not always announced ("DOB", "born": see date_of_birth.py). In case notes, forms and
letters a full date (day, month and a four-digit year) that lies ten or more years before today is nearly
always someone's birth date, or the exact date of something in their past (a marriage, an arrival, a
diagnosis) that points at them as well. So such a date is hidden without a cue (fail closed) and kept only
as its decade: `<DATE:1980s>` (anonymise/replace.py). Dates within the last ten years (appointments,
letters, tenancies), a month and year alone ("March 1998"), a year alone ("since 1998") and two-digit years
("3/5/86": a cue is needed, date_of_birth.py) stay as they are, and so does a date just after a word that makes
it an event's ("arrived in the UK on 3 June 2009", "tenancy since 01/04/2010", "married 12 June 1985").
"""
from __future__ import annotations

from datetime import date

import regex as re
from presidio_analyzer import Pattern, PatternRecognizer

from anonymise.entities import PAST_DATE
from anonymise.recognisers.date_of_birth import _DAY, _MONTH

YEARS_BACK = 10
EARLIEST = 1900
_SEP = r"[^\S\n]?(?P<sep>[/.\-])[^\S\n]?"          # "13/05/1995", "20 / 07 / 1966", "4-3-1950"
_YEAR4 = r"(?:19|20)\d\d(?![\d/.\-]?\d)"
_WORD_DATE_SEP = r"(?:[^\S\n]+of[^\S\n]+|[^\S\n]+|[/.\-][^\S\n]?)"
_YEAR = re.compile(r"(?:19|20)\d\d")


# Just before the date, words that make it the date of an event, not of a birth: "arrived in the UK on 3 June
# 2009", "tenancy since 01/04/2010", "married 12 June 1985", "diagnosed 4/5/2012": such a date stays readable.
_EVENT_BEFORE = re.compile(
    r"(?i)\b(?:since|from|until|till|between|after|before|dated|arrived|arrival|moved|started|start|began|ended"
    r"|married|wedding|divorced|separated|diagnosed|diagnosis|died|death|passed|left|came|joined|released|evicted"
    r"|discharged|granted|issued|expires?|expired|valid|signed|served|tenancy|letter|decision|award(?:ed)?"
    r"|claim(?:ed)?|appeal|hearing|court|incident|accident|operation|surgery|admitted|onset|effective"
    r"|backdated|deadline|due)\b(?:[^\S\n]+(?:in|on|at|to|of|the|uk|britain|england|here|by|was|is|were))*"
    r"[^\S\n]*[:,]?[^\S\n]*$")


class PastDateRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("past date (13/05/1995, 20 / 07 / 1966)",
                r"(?<![\w/.\-])\d{1,2}" + _SEP + r"\d{1,2}[^\S\n]?(?P=sep)[^\S\n]?" + _YEAR4, 0.6),
        Pattern("past date (2006/03/02, 1986-07-21)",
                r"(?<![\w/.\-])" + r"(?:19|20)\d\d" + _SEP + r"\d{1,2}[^\S\n]?(?P=sep)[^\S\n]?\d{1,2}(?![\d/.\-]?\d)",
                0.6),
        Pattern("past date (21st July 1986, 18th of february 1949, 26 Dec. 1957)",
                r"(?i)\b" + _DAY + _WORD_DATE_SEP + _MONTH + r"(?:,?[^\S\n]+|[/.\-]|,)" + _YEAR4, 0.6),
        Pattern("past date (Jun 24 2002, april 3rd 2003, May 4th, 1987)",
                r"(?i)\b" + _MONTH + r"[^\S\n]+" + _DAY + r",?[^\S\n]+" + _YEAR4, 0.6),
    ]

    def __init__(self, supported_language: str = "en", name: str | None = None, today: date | None = None):
        self.today = today
        super().__init__(supported_entity=PAST_DATE, patterns=self.PATTERNS, context=[],
                         supported_language=supported_language, name=name)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):
        found = super().analyze(text, entities, nlp_artifacts, regex_flags)
        return [r for r in found if not _EVENT_BEFORE.search(text, max(0, r.start - 40), r.start)]

    def validate_result(self, pattern_text: str) -> bool | None:
        """Keep a date whose year is from 1900 to ten years before today, with a possible day and month."""
        years = [int(y) for y in _YEAR.findall(pattern_text)]
        if not years:
            return False
        year = years[0] if re.match(r"\s*(?:19|20)\d\d", pattern_text) else years[-1]
        latest = (self.today or date.today()).year - YEARS_BACK
        if not EARLIEST <= year <= latest:
            return False
        numbers = [int(n) for n in re.findall(r"\d+", pattern_text) if len(n) <= 2]
        if len(numbers) == 2 and not (all(1 <= n <= 31 for n in numbers) and min(numbers) <= 12):
            return False
        return None


def create(**options) -> PastDateRecognizer:
    return PastDateRecognizer(**options)
