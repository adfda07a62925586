"""Numbers said in words, as speech-to-text and quick notes write them, become digits for analysis.

A voice note transcribed by a phone reads "she lives at number fourteen ash grove", "born the third of may
nineteen seventy eight", "her date of birth is twelve oh four two thousand and three". The pattern rules want
digits, so this step (run by `anonymise.normalise` after the spelled-digit step) rewrites, in the analysis text
only, three shapes; the note itself is never changed and every finding maps back to the words it came from:

  years      "nineteen seventy eight" -> "1978", "nineteen oh six" -> "1906", "two thousand and three" ->
             "2003", "twenty twelve" -> "2012" (only after a day and month, a birth word or "in")
  days       "the third of may" -> "the 3rd of may", "twenty-first march" -> "21st march": an ordinal
             right before a month (with "of" or not)
  numbers    a cardinal from one to 999 after "number", "no", "flat", "house", "at" or "is", or before up to
             three words and a street word: "number fourteen ash grove" -> "number 14 ash grove"

Nothing else changes: "three kids", "no one came", "one of them" stay words.
"""
from __future__ import annotations

import re

from anonymise.recognisers.address_parts import LOWER_SUFFIXES

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_ORD_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
              "eighth": 8, "ninth": 9}
_ORD_OTHER = {"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
              "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
              "thirtieth": 30}
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")

_U = "|".join(_UNITS)
_T = "|".join(_TEENS)
_X = "|".join(_TENS)
_S = r"(?:[ \t]+|[ \t]*-[ \t]*)"          # between number words: spaces or a hyphen
_TWO_DIGITS = rf"(?:(?:{_X})(?:{_S}(?:{_U}))?|{_T}|oh{_S}(?:{_U}))"   # "seventy eight", "twelve", "oh six"
_CARDINAL = rf"(?:(?:{_U}){_S}hundred(?:{_S}(?:and{_S})?(?:{_TWO_DIGITS}|{_U}))?|{_TWO_DIGITS}|{_U})"
_YEAR = re.compile(rf"(?i)\b(?:(?P<cent>nineteen|eighteen){_S}(?P<rest>{_TWO_DIGITS})"
                   rf"|two{_S}thousand(?:{_S}(?:and{_S})?(?P<small>{_T}|{_U}|(?:{_X})(?:{_S}(?:{_U}))?))?"
                   rf"|(?P<twenty>twenty){_S}(?P<late>{_T}|twenty(?:{_S}(?:{_U}))?))\b")
_ORDINAL = re.compile(rf"(?i)\b(?:(?P<tens>twenty|thirty){_S})?(?P<ord>{'|'.join(_ORD_UNITS)}|"
                      rf"{'|'.join(_ORD_OTHER)})(?=(?:[ \t]+of)?[ \t]+(?:{_MONTHS})\b)")
_NUMBER = re.compile(rf"(?i)(?:(?<=\bnumber )|(?<=\bno )|(?<=\bflat )|(?<=\bhouse )|(?<=\bat )|(?<=\bis ))"
                     rf"(?P<n>{_CARDINAL})\b(?![ \t]+(?:of|another|else|thing|day|week|month|year|hour|minute|pound"
                     rf"|time|o'clock|pm|am|kids|children|people)s?\b)"
                     rf"|(?P<m>\b{_CARDINAL})(?=(?:[ \t]+[a-z]+){{1,3}}[ \t]+(?:{LOWER_SUFFIXES})\b)")
_SUFFIX = {1: "st", 2: "nd", 3: "rd"}
_ANY_WORD = re.compile(rf"\b(?:{_U}|{_T}|{_X}|hundred|thousand)\b")     # a cheap first look: any number word
_MONTH_WORD = re.compile(rf"\b(?:{_MONTHS})\b")


def _value(words: str) -> int | None:
    """The value of a cardinal in words ("one hundred and twelve", "seventy eight", "oh six")."""
    total, current = 0, 0
    for w in re.split(r"[ \t\-]+", words.lower()):
        if w in ("and", ""):
            continue
        if w == "oh":
            continue
        if w == "hundred":
            current = (current or 1) * 100
        elif w in _UNITS:
            current += _UNITS[w]
        elif w in _TEENS:
            current += _TEENS[w]
        elif w in _TENS:
            current += _TENS[w]
        else:
            return None
    return total + current


def _year(m: re.Match) -> str | None:
    if m.group("cent"):
        rest = _value(m.group("rest"))
        return None if rest is None else f"{19 if m.group('cent').lower() == 'nineteen' else 18}{rest:02d}"
    if m.group("twenty"):
        late = _value(m.group("late"))
        return None if late is None else f"20{late:02d}"
    small = _value(m.group("small")) if m.group("small") else 0
    return None if small is None else f"{2000 + small}"


def spoken_number_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, digits) edits for the years, ordinal days and house numbers said in words in `text`."""
    low = text.lower()
    if not _ANY_WORD.search(low):
        return []
    edits: list[tuple[int, int, str]] = []
    years = _YEAR.finditer(text) if ("teen" in low or "thousand" in low or "twenty" in low) else ()
    for m in years:
        if m.group("twenty") and not re.search(rf"(?i)(?:\b(?:{_MONTHS})|born|birth|\bin)[ \t,]*$",
                                               text[max(0, m.start() - 20):m.start()]):
            continue                      # "twenty twelve" only as a year after a month, a birth word or "in"
        year = _year(m)
        if year:
            edits.append((m.start(), m.end(), year))
    for m in _ORDINAL.finditer(text) if _MONTH_WORD.search(low) else ():
        day = (_TENS.get((m.group("tens") or "").lower(), 0)
               + {**_ORD_UNITS, **_ORD_OTHER}[m.group("ord").lower()])
        if 1 <= day <= 31:
            suffix = "th" if 4 <= day <= 20 or 24 <= day <= 30 else _SUFFIX.get(day % 10, "th")
            edits.append((m.start(), m.end(), f"{day}{suffix}"))
    for m in _NUMBER.finditer(text):
        key = "n" if m.group("n") else "m"
        value = _value(m.group(key))
        if value == 1 and re.search(r"(?i)\b(?:no|is|at)[ \t]+$", text[max(0, m.start() - 4):m.start()]):
            continue                          # "no one came", "she is one of", "at one point"
        if value:
            edits.append((m.start(key), m.end(key), str(value)))
    edits.sort()
    kept, last = [], -1
    for start, end, out in edits:            # the first of overlapping edits wins
        if start >= last:
            kept.append((start, end, out))
            last = end
    return kept


def with_digits(text: str) -> str:
    """`text` with its spoken years, days and numbers as digits ("third of may nineteen seventy eight" ->
    "3rd of may 1978"): how a date of birth's age band and an old date's decade are read."""
    out, pos = [], 0
    for start, end, digits in spoken_number_edits(text):
        out.append(text[pos:start])
        out.append(digits)
        pos = end
    out.append(text[pos:])
    return "".join(out)


# A code said letter by letter and digit by digit, as speech-to-text writes it: "l s six four a b" (a postcode),
# "q q one two three four five six c" (an NI number), "k nine one six four seven eight" (a reference): five or
# more single letters, digits and digit words in a row, at least two of them letters and two digits, become one
# run of capitals and digits ("LS64AB"), so the identifier rules can read it.
_DIGIT_WORDS = {"zero": "0", "oh": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
                "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_CODE_TOKEN = r"(?:[a-zA-Z]|\d|zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|double|triple)"
_CODE_RUN = re.compile(rf"(?i)(?<![\w'’])(?:{_CODE_TOKEN}[ \t]+){{4,}}{_CODE_TOKEN}(?![\w'’])")


def spoken_code_edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, code) edits for the codes said letter by letter in `text` (see above)."""
    edits = []
    for m in _CODE_RUN.finditer(text):
        out, repeat, letters, digits = [], 1, 0, 0
        for token in m.group().split():
            low = token.lower()
            if low in ("double", "triple"):
                repeat = 2 if low == "double" else 3
                continue
            if len(token) == 1 and token.isalpha():
                out.append(token.upper() * repeat)
                letters += 1
            else:
                out.append((token if token.isdigit() else _DIGIT_WORDS[low]) * repeat)
                digits += 1
            repeat = 1
        if letters >= 2 and digits >= 2:
            edits.append((m.start(), m.end(), "".join(out)))
    return edits
