"""Street addresses: "14 Elm Road", "27b Station Terrace", "Flat 3, 12 Mill Lane", "12-14 High Street",
"Apartment 5, Kingfisher Court", "3 St John's Close", "Flat 0/2, 15 Hillside Grove", "Flat D, 54 Rusholme Row",
"Room 32, 107 High Street", "Brook Cottage, Harefield Square", and a bare "Flat 4" as part of an address; and
addresses from elsewhere: "1234 Main St", "6750 Koskikatu 25 Apt. 864", "Rua do Arenque 1634",
"PSC 1234, Box 5678\nAPO AA 12345", "P.O. Box 211", "the corner of Alšova 408 and Vedzizhev Greens".

UK streets: a house number, one to three Capitalised words and a street suffix (Road, Rd, Close, ...).
The Capitals keep "2 road closures" and "5 days" out, so the name words are matched case-sensitively
whatever flags Presidio passes. All-lower-case addresses ("lives at 14 elm road", "delivered to 9 jubilee
cottages") are caught only after an address cue (a preposition such as "at", "to", "on", "of", or
"address:") or a flat number ("flat c, 98 tannery gardens"), with common small words barred from the
name, and at a lower score. A flat, apartment or room number (3, 12b, a Glasgow 0/2, or a letter before a
comma) joins the street or building after it; a room only joins a numbered street ("meeting is at Room 101"
stays). A house name (one ending Cottage, Forge, View, Farm, ...) stands in for the number before a street.
Longer matches score higher, so "Flat 3, 12 Mill Lane" absorbs "12 Mill Lane" and "Flat 3".
Word lists live in anonymise/recognisers/address_parts.py.

Other streets (any script) are house numbers, Capitalised name words and a house number, kept when the
name has a street suffix after a leading number ("1234 Main St"), a street word ("-katu", "-straße",
"Rue", "Via", ...), an address phrase before it ("lives at", "address:"), or an address continuation
after it. Every street is then extended over the address parts that follow it: "Apt./Suite/Unit N",
"Zachary Cliffs", and comma/newline-separated places, state codes, postal codes and countries. A place
after a comma is kept only when a stronger part follows, so "14 Elm Road, Manchester M14 5RT" stays
"14 Elm Road": the town stays readable and the postcode is left to the postcode recogniser (its district).
"""
from __future__ import annotations

import regex
from presidio_analyzer import (
    AnalysisExplanation,
    Pattern,
    PatternRecognizer,
    RecognizerResult,
)

from anonymise.recognisers import address_parts as A

_SP = r"[^\S\n]+"
_NUMBER = (r"(?:\d{1,3}/(?=\d{1,4}[A-Za-z]?,?[^\S\n]+[A-Za-z]))?"                 # 7/130 (flat 7 of 130)
           r"\d{1,4}[A-Za-z]?(?:[^\S\n]?[-–][^\S\n]?\d{1,4}[A-Za-z]?)?")          # 14, 27b, 12-14
_WORD = r"(?:St\.?|[A-Z][A-Za-z'’]*[a-z](?:-[A-Za-z][A-Za-z'’]*)*)"              # Elm, St, John's, McAdam
_STREET = r"\b" + _NUMBER + r",?" + _SP + r"(?:" + _WORD + _SP + r"){1,3}(?i:" + A.SUFFIXES + r")\b"
_BUILDING = r"(?:" + _WORD + _SP + r"){1,3}(?:" + A.BUILDINGS + r"|" + A.SUFFIXES + r")\b"
_HOUSE = r"\b(?:" + _WORD + _SP + r"){0,2}(?:" + A.HOUSE_NAMES + r"),?" + _SP + r"(?:" + _NUMBER + _SP + r")?(?:" \
    + _WORD + _SP + r"){1,3}(?i:" + A.RURAL_SUFFIXES + r")\b"   # Brook Cottage, Harefield Square; Beck House, 1 Mill Rd
_LOWER_WORD = r"(?!(?:" + A.STOPWORDS + r")\b)[a-z][a-z'’\-]+"
_LOWER_NAME = r"(?:" + _LOWER_WORD + _SP + r"){1,3}"
_LOWER_STREET = r"\b" + _NUMBER + r",?" + _SP + _LOWER_NAME + r"(?:" + A.LOWER_SUFFIXES + r")\b"  # 9 jubilee cottages
_LOWER_BUILDING = _LOWER_NAME + r"(?:" + A.LOWER_SUFFIXES + r"|" + A.LOWER_BUILDINGS + r")\b"        # ashdown lodge
_LOWER_HOUSE = (r"(?:the" + _SP + r")?" + r"(?:(?!(?i:" + A.STOPWORDS + r")\b)[A-Za-z][a-z'’\-]+" + _SP + r")"
                + r"(?:" + _LOWER_WORD + _SP + r")?(?:" + A.HOUSE_NAMES.lower() + r"),?"   # "Beck house, 130 back lane"
                + _SP + r"(?:" + _NUMBER + _SP + r")?" + _LOWER_NAME + r"(?:" + A.RURAL_SUFFIXES.lower()
                + r")\b")                                                           # fell view, ladybarn row
_CUE = (r"\b(?i:at|to|on|of|in|into|from|near|outside|opposite|is|was|address(?:es)?:?|addr\.?:?|premises:?)" + _SP)
_UNIT_WORD = r"\b(?i:flat|apartment|apt\.?|maisonette|unit|bedsit)"
_FLAT_NUMBER = _UNIT_WORD + r"[^\S\n]*\d{1,4}[A-Za-z]?(?:/\d{1,2}(?![/\d]))?\b(?!/\d)"  # Flat 3, apt 12b, Flat 0/2
_FLAT = (r"(?:" + _FLAT_NUMBER + r",?|" + _UNIT_WORD + _SP + r"[A-Za-z],?(?=" + _SP + r"\d)|" + _UNIT_WORD + _SP
         + r"[A-Za-z],|\b(?i:no\.?|number)(?=" + _SP + r"\d)"
         + r"|\b(?i:ground|first|second|top|basement|upper|lower)" + _SP + r"(?i:floor" + _SP + r")?(?i:flat),?)"
         + _SP)  # "No. 12 ...", "Flat B 63 ...", "Ground floor flat, 16 ..."    # "Flat 3, " / "flat c, "
_ROOM = r"\b(?i:room)[^\S\n]*\d{1,4}[A-Za-z]?,?" + _SP
_NOT_A_QUANTITY = r"(?![^\S\n]*(?i:" + A.QUANTITIES + r"))"   # "a flat 12% fee", "a flat 12 months"

# ------------------------------------------------------------------ addresses from elsewhere
_H = r"[ \t]+"
_MONTH = r"(?:" + A.MONTHS + r")\.?(?![\p{L}])"
_NOT_NAME = r"(?!(?:" + A.NOT_NAMES + r")\b)"
_CAP = _NOT_NAME + r"\p{Lu}[\p{L}∆'’\-]*\.?"                                       # Koskikatu, Λ., Avda., ΧΑΝ∆ΡΙΑ
_PARTICLE = r"(?:" + A.PARTICLES + r")"
_NAME = r"(?:" + _CAP + r"|ul\.|al\.|C/|trg|r\.)(?:" + _H + r"(?:" + _CAP + r"|" + _PARTICLE + r")){0,5}"
_INTL = regex.compile(                                         # [Apt. 675] [6750 [62]] Koskikatu|Rua do Arenque [25]
    r"(?<![\w.,/\-])(?P<unit>(?i:apt\.?|suite|unit)[ \t]*\d{1,5}[ \t]+)?"
    r"(?P<lead>(?:\d{1,5}[A-Za-z]?" + _H + r"){0,2})"
    r"(?P<name>" + _NAME + r")(?:" + _H + r"(?P<num>\d{1,5}[A-Za-z]?\.?))?(?![\w\-/])")
_LOWER_INTL = regex.compile(                                   # "36 rue de pologne", "255 hersnapvej 18"
    r"(?<![\w.,/\-])(?P<lead>(?:\d{1,5}[ \t]+){1,2})(?:(?:" + A.LOWER_STREET_STARTS + r")"
    r"(?:[ \t]+[\p{L}'’\-]+){1,4}|\p{Ll}+(?:" + A.LOWER_STREET_ENDINGS + r"))"
    r"(?P<num>[ \t]+\d{1,5}\.?)?(?![\w\-/])")
_CORE_SUFFIX = regex.compile(r"(?:" + A.CORE_SUFFIXES + r")\.?|(?i:" + A.SUFFIXES + r"|" + A.CORE_SUFFIXES_LONG + r")")
_STREET_WORD = regex.compile(r"(?i:" + A.STREET_WORD_ENDINGS + r")$|^(?i:" + A.STREET_WORD_STARTS + r")$")
_NOT_STREET = regex.compile(_MONTH + r"|(?i:" + A.NOT_STREETS + r")\.?")
_ABBREVIATION = regex.compile(r"(?i:avda|av|str|ul|al|rkp|\p{L}{1,2})\.")           # "Avda. Rio", "Λ. Αλεξάνδρας"
_TRIGGER = regex.compile(  # an address phrase ending just before the street
    r"(?i:\baddress(?:es)?\b[^.?!\n]{0,60}?|\b(?:lives?|living|located|moved|arrived|sent|send|return|deliver|taxi"
    r"|station|offices?)\b[^.?!\n]{0,25}?|\b(?:meet|(?:is|are) at|stop|off|enter|it's|side of|corner of|user:"
    r"|they are:|refers to|it is)[^.?!\n]{0,25}?)[ \t:]*\n?[ \t]*$")
_PAIRED = regex.compile(r"(?<![\w-])\p{Lu}[\p{L}\-]*[ \t]+and[ \t]+$")                # "Maarit and Hersnapvej 75"
_MILITARY = regex.compile(r"(?i:\b(?:PSC|Unit)[ \t]+\d{4},?[ \t]+Box[ \t]+\d{4}|\bUS(?:NS|NV|S|CGC)[ \t]+\p{L}+"
                          r"(?=\s*[ADF]PO\b))(?:\s*(?i:[ADF]PO)[ \t]+(?i:A[AEP])[ \t]+\d{5})?")
_PO_BOX = regex.compile(r"\b(?:\d{1,5}[ \t]+)?(?i:P\.[ \t]?O\.[ \t]?Box|PO[ \t]Box|Postbox)[ \t]+\d{1,6}\b")
# A street typed in capitals inside an ordinary note ("193 IVANHOE ROAD"): the long street words only.
_CAPS_STREET = regex.compile(r"\b" + _NUMBER + r",?[ \t]+(?:(?!(?:" + A.STOPWORDS.upper() + r")\b)"
                             r"[A-Z][A-Z'’\-]+[ \t]+)"
                             r"{1,3}(?:" + A.LOWER_SUFFIXES.upper() + r")\b")
_CORNER_ITEM = r"(?:(?!and\b)[\p{Lu}\d][\p{L}\d'’\-/]*\.?|" + _PARTICLE + r"|str)"
_CORNER = regex.compile(r"(?i:\bthe[ \t]+corner[ \t]+of)[ \t]+" + _CORNER_ITEM + r"(?:[ \t]+" + _CORNER_ITEM
                        + r"){0,5}[ \t]+and[ \t]+" + _CORNER_ITEM + r"(?:[ \t]+" + _CORNER_ITEM + r"){0,4}")

# ------------------------------------------------------------------ what may follow a street
_COUNTRY = r"(?i:" + A.COUNTRIES + r")(?![\p{L}])"
_ZIP = r"(?:\d{5}(?:-\d{4})?|\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{4}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d)(?![\w\-])(?![ \t]*\d)"
_SEP = regex.compile(r"[ \t]*(?:,[ \t]*)?(?:\n[ \t]*(?:>|\?\?\?)?[ \t]*(?:,[ \t]*)?){0,2}")
_UNIT_PART = regex.compile(r"(?i:apt\.?|apartment|suite|ste\.?|unit|flat|room|floor)[ \t]*#?\d{1,5}[A-Za-z]?\b")
_NAMED_PART = regex.compile(  # "Zachary Cliffs", "Monika Union": the second half of a street name
    r"(?:" + _CAP + _H + r"){1,2}(?:" + A.NAMED_PART_SUFFIXES + r")\b")
_COUNTRY_PART = regex.compile(_COUNTRY + r"(?:[ \t]+\(\p{L}+\))?(?:[ \t]+" + _ZIP + r")?")  # "Cyprus (Greek) 51034"
_ZIP_PART = regex.compile(_ZIP)
_STATE_PART = regex.compile(r"(?:\p{Lu}{2,3}|\d{2})(?![\p{L}\d\-])(?P<zip>[ \t]*\n?[ \t]*" + _ZIP + r")?")  # PA 39551
_PLACE_WORD = r"(?!" + _COUNTRY + r"|" + _MONTH + r")(?:\p{Lu}[\p{L}∆'’\-]*\.?|nan)(?![\p{L}\d])"
_PLACE_PARTICLE = r"(?:" + A.PLACE_PARTICLES + r")(?=[ \t]+\p{Lu})"
_PLACE = r"(?>" + _PLACE_WORD + r"(?:[ \t]+(?:" + _PLACE_WORD + r"|" + _PLACE_PARTICLE + r"|\(\p{L}+\))){0,4})"
_PLACE_PART = regex.compile(_PLACE + r"(?![ \t]*[:\p{Ll}])")     # not "Visited today"
_PLACE_AFTER_UNIT = regex.compile(_PLACE)                        # "Suite 274 Ljubljana nan last night"


def extend(text: str, end: int) -> tuple[int, bool]:
    """(new end, whether a strong part followed) for a street ending at `end`. Strong parts (unit, postal code,
    state, country) are always taken; a place only after a line break or a unit, or when a strong part follows."""
    committed, pos, strong, after_unit = end, end, False, False
    for i in range(8):
        sep = _SEP.match(text, pos).group()
        lines, comma, at = sep.count("\n"), "," in sep, pos + len(sep)
        if not sep:
            break
        m = _UNIT_PART.match(text, at) if lines < 2 else None
        if not m and i == 0 and not lines and not comma:
            m = _NAMED_PART.match(text, at)
        m = m or _COUNTRY_PART.match(text, at) or _ZIP_PART.match(text, at)
        if not m and lines < 2 and (state := _STATE_PART.match(text, at)):
            m = state if state.group("zip") or (comma and not state.group()[0].isdigit()) else None
        place_part = _PLACE_AFTER_UNIT if after_unit and not lines else _PLACE_PART
        place = None if m or lines > 1 else place_part.match(text, at)
        if not (m or place):
            break
        pos = (m or place).end()
        if m or lines or after_unit:
            committed, strong = pos, strong or bool(m)
        after_unit = (after_unit or (m is not None and m.re is _UNIT_PART)) and not comma
    return committed, strong


def _triggered(text: str, start: int) -> bool:
    return bool(_TRIGGER.search(text[max(0, start - 80):start]))


class StreetAddressRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern("Flat + street", _FLAT + r"(?-i:" + _STREET + r")", 0.85),
        Pattern("Flat + building", _FLAT + r"(?-i:" + _BUILDING + r")", 0.85),
        Pattern("Flat + street (lower case)", _FLAT + r"(?-i:" + _LOWER_STREET + r")", 0.8),
        Pattern("Flat + building (lower case)", _FLAT + r"(?-i:" + _LOWER_BUILDING + r")", 0.75),
        Pattern("Room + street", _ROOM + r"(?-i:" + _STREET + r"|" + _LOWER_STREET + r")", 0.85),
        Pattern("Number + street", r"(?-i:" + _STREET + r")", 0.8),
        Pattern("House name + street", r"(?-i:" + _HOUSE + r")", 0.75),
        Pattern("Number + street (lower case, after an address cue)", _CUE + r"\K(?-i:" + _LOWER_STREET + r")", 0.6),
        Pattern("House name + street (lower case, after an address cue)", _CUE + r"\K(?-i:" + _LOWER_HOUSE + r")", 0.6),
        Pattern("Bare flat number", _FLAT_NUMBER + _NOT_A_QUANTITY, 0.55),
    ]

    CONTEXT = ["address", "lives", "living", "moved", "flat", "house", "tenancy", "landlord"]

    def __init__(self, supported_language: str = "en", name: str | None = None):
        super().__init__(
            supported_entity="STREET_ADDRESS", patterns=self.PATTERNS, context=self.CONTEXT,
            supported_language=supported_language, name=name,
        )

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for r in results:
            r.end = extend(text, r.end)[0]
        for pattern in (_MILITARY, _PO_BOX, _CORNER, _CAPS_STREET):
            results += [self._result(m.start(), extend(text, m.end())[0], 0.8) for m in pattern.finditer(text)]
        for m in _INTL.finditer(text):
            found = self._international(text, m)
            if found:
                results.append(found)
        for m in _LOWER_INTL.finditer(text):
            end, strong = extend(text, m.end())
            if m.group("num") or strong or _triggered(text, m.start()):
                results.append(self._result(m.start(), end, 0.7))
        return self.remove_duplicates(results)

    def _international(self, text: str, m) -> RecognizerResult | None:
        words, lead, num = m.group("name").split(), len(m.group("lead").split()), bool(m.group("num"))
        if any(_NOT_STREET.fullmatch(w) for w in words) or regex.fullmatch(r"\p{Lu}{1,2}", words[0]) or any(
                w.endswith(".") and not _ABBREVIATION.fullmatch(w) for w in words[:-1]):   # "Fell Way. Mentioned"
            return None
        end, strong = extend(text, m.end() - (not num and text[m.end() - 1] == "."))   # "12 King St."
        paired = None if lead or m.group("unit") else _PAIRED.search(text[max(0, m.start() - 40):m.start()])
        start = m.start() - (len(paired.group()) if paired else 0)
        if (lead and any(_CORE_SUFFIX.fullmatch(w) for w in words[1:])) or (
                num and any(_STREET_WORD.search(w) for w in words)):
            return self._result(start, end, 0.8)
        if (num or lead > 1) and (strong or _triggered(text, start)):
            return self._result(start, end, 0.75)
        return None

    def _result(self, start: int, end: int, score: float) -> RecognizerResult:
        return RecognizerResult(
            entity_type="STREET_ADDRESS", start=start, end=end, score=score,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=score, textual_explanation="street address shape"),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )


def create(**options) -> StreetAddressRecognizer:
    return StreetAddressRecognizer(**options)
