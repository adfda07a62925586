"""Street addresses: "14 Elm Road", "27b Station Terrace", "Flat 3, 12 Mill Lane", "12-14 High Street",
"Apartment 5, Kingfisher Court", "3 St John's Close", and a bare "Flat 4" as part of an address; and
addresses from elsewhere: "1234 Main St", "6750 Koskikatu 25 Apt. 864", "Rua do Arenque 1634",
"PSC 1234, Box 5678\nAPO AA 12345", "P.O. Box 211", "the corner of Alšova 408 and Vedzizhev Greens".

UK streets: a house number, one to three Capitalised words and a street suffix (Road, Rd, Close, ...).
The Capitals keep "2 road closures" and "5 days" out, so the name words are matched case-sensitively
whatever flags Presidio passes. All-lower-case addresses ("lives at 14 elm road") are caught only after
an address phrase, with common small words barred from the name, and at a lower score. Longer matches
score higher, so "Flat 3, 12 Mill Lane" absorbs "12 Mill Lane" and "Flat 3".

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

from engine.offline import ensure_offline

ensure_offline()

from presidio_analyzer import AnalysisExplanation, Pattern, PatternRecognizer, RecognizerResult  # noqa: E402

_SP = r"[^\S\n]+"
_SUFFIXES = (
    "Road|Rd|Street|St|Lane|Ln|Close|Cl|Terrace|Terr|Tce|Avenue|Ave|Drive|Dr|Way|Crescent|Cres"
    "|Grove|Gr|Gardens|Gdns|Place|Pl|Court|Ct|Walk|Mews|Row|Hill|Square|Sq|Parade|Pde|View|Rise"
    "|Green|Vale|Park|Gate|Wharf|Yard|Quay|Boulevard|Circus|Approach|Croft|Fold|Chase|Meadows?"
    "|Brow|Embankment|Broadway|Heights|Villas|Cottages"
)
_BUILDINGS = "Court|House|Mansions|Lodge|Towers?|Heights|Buildings|Apartments|Point|Hall|Block|Wharf|Quay"
_LOWER_SUFFIXES = (
    "road|street|lane|close|terrace|avenue|drive|crescent|grove|gardens|place|court|mews|square|parade"
)
_STOPWORDS = (
    "the|a|an|on|in|of|to|at|by|for|and|or|but|with|from|his|her|their|my|our|your|this|that|is|was"
    "|per|every|each|times|days|weeks|months|years|hours|minutes|miles|pounds"
)

_NUMBER = r"\d{1,4}[A-Za-z]?(?:[^\S\n]?[-–][^\S\n]?\d{1,4}[A-Za-z]?)?"           # 14, 27b, 12-14
_WORD = r"(?:St\.?|[A-Z][A-Za-z'’]*[a-z](?:-[A-Za-z][A-Za-z'’]*)*)"              # Elm, St, John's, McAdam
_STREET = r"\b" + _NUMBER + r",?" + _SP + r"(?:" + _WORD + _SP + r"){1,3}(?i:" + _SUFFIXES + r")\b"
_FLAT_NUMBER = r"\b(?i:flat|apartment|apt\.?|maisonette)[^\S\n]*\d{1,4}[A-Za-z]?\b"   # Flat 3, apt 12b
_FLAT = _FLAT_NUMBER + r",?" + _SP
_BUILDING = r"(?:" + _WORD + _SP + r"){1,3}(?:" + _BUILDINGS + r"|" + _SUFFIXES + r")\b"
_NOT_A_QUANTITY = (  # "a flat 12% fee", "a flat 12 months"
    r"(?![^\S\n]*(?i:%|per\b|months?\b|weeks?\b|years?\b|days?\b|hours?\b|pounds?\b|quid\b|rate\b))"
)
_LOWER_WORD = r"(?!(?:" + _STOPWORDS + r")\b)[a-z][a-z'’\-]+"
_ADDRESS_PHRASE = (
    r"\b(?i:at|address(?:[^\S\n]+is)?:?|moved[^\S\n]+(?:in)?to"
    r"|lives[^\S\n]+(?:in|at)|living[^\S\n]+(?:in|at))"
)

# ------------------------------------------------------------------ addresses from elsewhere
_H = r"[ \t]+"
_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August"
          r"|September|October|November|December)\.?(?![\p{L}])")
_NOT_NAME = (r"(?!(?:Apt|Apartment|Suite|Unit|Flat|Box|PSC|Mrs?|Ms|Miss|Dr|The|Phone|Mobile|Tel|Fax|Desk|DOB|NI|NHS"
             r"|GP|Ref|No)\b)")
_CAP = _NOT_NAME + r"\p{Lu}[\p{L}∆'’\-]*\.?"                                       # Koskikatu, Λ., Avda., ΧΑΝ∆ΡΙΑ
_PARTICLE = (r"(?:[dl]'\p{Lu}\p{L}+|de|da|do|di|du|des|das|dos|del|dei|della|delle|dello|degli|la|le|les|van|von"
             r"|der|den|ten|het|z|e|y|nad|u\.|ul\.|út|útja|utca|tér|gate|gata|vej|veien|tee|terrasse|kapu|rkp\.|str\."
             r"|trg|r\.)")
_NAME = r"(?:" + _CAP + r"|ul\.|al\.|C/|trg|r\.)(?:" + _H + r"(?:" + _CAP + r"|" + _PARTICLE + r")){0,5}"
_INTL = regex.compile(                                         # [Apt. 675] [6750 [62]] Koskikatu|Rua do Arenque [25]
    r"(?<![\w.,/\-])(?P<unit>(?i:apt\.?|suite|unit)[ \t]*\d{1,5}[ \t]+)?"
    r"(?P<lead>(?:\d{1,5}[A-Za-z]?" + _H + r"){0,2})"
    r"(?P<name>" + _NAME + r")(?:" + _H + r"(?P<num>\d{1,5}[A-Za-z]?\.?))?(?![\w\-/])")
_LOWER_INTL = regex.compile(                                   # "36 rue de pologne", "255 hersnapvej 18"
    r"(?<![\w.,/\-])(?P<lead>(?:\d{1,5}[ \t]+){1,2})(?:(?:rue|rúa|rua|avenue|avenida|calle|trg)"
    r"(?:[ \t]+[\p{L}'’\-]+){1,4}|\p{Ll}+(?:vej|tie|gatan|gata|gade|veien|straße|strasse|straat|laan|weg|katu|kuja))"
    r"(?P<num>[ \t]+\d{1,5}\.?)?(?![\w\-/])")
_CORE_SUFFIX = regex.compile(r"(?:St|Ave|Blvd|Rd|Dr|Ln|Ct|Pl|Sq|Ter|Way|Pkwy|Hwy|Cir|Trl)\.?|(?i:" + _SUFFIXES
                             + r"|Boulevard|Parkway|Highway|Circle|Trail|Loop|Alley|Plaza|Str\.?)")
_STREET_WORD = regex.compile(
    r"(?i:katu|kuja|tie|gatan|gata|gade|vej|veien|vegen|vägen|väg|straße|strasse|straat|laan|weg|wei|gasse|platz"
    r"|allee|torget|stræde|braut|tér|út|utca|u\.|ul\.)$|^(?i:Rue|Via|Viale|Vicolo|Piazza|Piazzetta|Calle|Carrer"
    r"|Avenida|Avda\.|Avenue|Rua|Praça|Largo|Corso|Strada|Paseo|Plaza|Travessa|Λεωφόρος|Οδός|Πλατεία)$")
_NOT_STREET = regex.compile(_MONTH + r"|(?i:Year|Stage|Band|Level|Step|Phase|Section|Room|Ward|Page|Chapter|Tier|Week"
                            r"|Day|Grade|Bus|Route|Table|Line|Platform|Terminal|Floor|Version|Windows|Covid|Monday"
                            r"|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\.?")
_ABBREVIATION = regex.compile(r"(?i:avda|av|str|ul|al|rkp|\p{L}{1,2})\.")           # "Avda. Rio", "Λ. Αλεξάνδρας"
_TRIGGER = regex.compile(  # an address phrase ending just before the street
    r"(?i:\baddress(?:es)?\b[^.?!\n]{0,60}?|\b(?:lives?|living|located|moved|arrived|sent|send|return|deliver|taxi"
    r"|station|offices?)\b[^.?!\n]{0,25}?|\b(?:meet|(?:is|are) at|stop|off|enter|it's|side of|corner of|user:"
    r"|they are:|refers to|it is)[^.?!\n]{0,25}?)[ \t:]*\n?[ \t]*$")
_PAIRED = regex.compile(r"(?<![\w-])\p{Lu}[\p{L}\-]*[ \t]+and[ \t]+$")                # "Maarit and Hersnapvej 75"
_MILITARY = regex.compile(r"(?i:\b(?:PSC|Unit)[ \t]+\d{4},?[ \t]+Box[ \t]+\d{4}|\bUS(?:NS|NV|S|CGC)[ \t]+\p{L}+"
                          r"(?=\s*[ADF]PO\b))(?:\s*(?i:[ADF]PO)[ \t]+(?i:A[AEP])[ \t]+\d{5})?")
_PO_BOX = regex.compile(r"\b(?:\d{1,5}[ \t]+)?(?:P\.[ \t]?O\.[ \t]?Box|PO[ \t]Box|Postbox)[ \t]+\d{1,6}\b")
_CORNER_ITEM = r"(?:(?!and\b)[\p{Lu}\d][\p{L}\d'’\-/]*\.?|" + _PARTICLE + r"|str)"
_CORNER = regex.compile(r"(?i:\bthe[ \t]+corner[ \t]+of)[ \t]+" + _CORNER_ITEM + r"(?:[ \t]+" + _CORNER_ITEM
                        + r"){0,5}[ \t]+and[ \t]+" + _CORNER_ITEM + r"(?:[ \t]+" + _CORNER_ITEM + r"){0,4}")

# ------------------------------------------------------------------ what may follow a street
_COUNTRY = (r"(?i:United Kingdom|United States|USA|UK|England|Scotland|Wales|Northern Ireland|Ireland|Cyprus|Greenland"
            r"(?:er)?|Belgium|Netherlands|Spain|Estonia|Uruguay|Austria|Norway|New Zealand|Sweden|Czech Republic|Brazil"
            r"|Hungary|Tunisia|Iceland|Canada|France|Germany|South Africa|Poland|Portugal|Switzerland|Finland|Denmark"
            r"|Italy|Slovenia|Slovakia|Australia|Greece|Luxembourg|Mexico|Argentina|Chile|Croatia|Romania|Bulgaria"
            r"|Lithuania|Latvia|Ukraine|Turkey|India|Japan|China)(?![\p{L}])")
_ZIP = r"(?:\d{5}(?:-\d{4})?|\d{3}[ ]\d{2}|\d{2}-\d{3}|\d{4}|[A-Z]\d[A-Z][ ]?\d[A-Z]\d)(?![\w\-])(?![ \t]*\d)"
_SEP = regex.compile(r"[ \t]*(?:,[ \t]*)?(?:\n[ \t]*(?:>|\?\?\?)?[ \t]*(?:,[ \t]*)?){0,2}")
_UNIT_PART = regex.compile(r"(?i:apt\.?|apartment|suite|ste\.?|unit|flat|room|floor)[ \t]*#?\d{1,5}[A-Za-z]?\b")
_NAMED_PART = regex.compile(  # "Zachary Cliffs", "Monika Union": the second half of a street name
    r"(?:" + _CAP + _H + r"){1,2}(?:Alley|Bridge|Brooks?|Bypass|Camp|Canyon|Cape|Causeway|Cent(?:er|re)|Circles?"
    r"|Cliffs?|Club|Commons?|Corners?|Course|Courts?|Coves?|Creek|Crescent|Crest|Crossing|Crossroad|Curve|Dale|Dam"
    r"|Divide|Drives?|Estates?|Expressway|Extensions?|Falls?|Ferry|Fields?|Flats?|Fords?|Forest|Forges?|Forks?|Fort"
    r"|Freeway|Gardens?|Gateway|Glens?|Greens?|Groves?|Harbou?rs?|Haven|Heights|Highway|Hills?|Hollow|Inlet|Islands?"
    r"|Isle|Junctions?|Keys?|Knolls?|Lakes?|Land|Landing|Lanes?|Lights?|Loaf|Locks?|Lodge|Loop|Mall|Manors?|Meadows?"
    r"|Mews|Mills?|Mission|Motorway|Mount|Mountains?|Neck|Orchard|Oval|Overpass|Parks?|Parkways?|Pass|Passage|Path"
    r"|Pike|Pines?|Place|Plains?|Plaza|Points?|Ports?|Prairie|Radial|Ramp|Ranch|Rapids?|Rest|Ridges?|River|Roads?"
    r"|Route|Row|Run|Shoals?|Shores?|Skyway|Springs?|Spurs?|Squares?|Station|Stravenue|Stream|Streets?|Summit|Terrace"
    r"|Throughway|Trace|Track|Trafficway|Trail|Tunnel|Turnpike|Underpass|Unions?|Valleys?|Viaduct|Views?|Villages?"
    r"|Ville|Vista|Walks?|Wall|Ways?|Wells?)\b")
_COUNTRY_PART = regex.compile(_COUNTRY + r"(?:[ \t]+\(\p{L}+\))?(?:[ \t]+" + _ZIP + r")?")  # "Cyprus (Greek) 51034"
_ZIP_PART = regex.compile(_ZIP)
_STATE_PART = regex.compile(r"(?:\p{Lu}{2,3}|\d{2})(?![\p{L}\d\-])(?P<zip>[ \t]*\n?[ \t]*" + _ZIP + r")?")  # PA 39551
_PLACE_WORD = r"(?!" + _COUNTRY + r"|" + _MONTH + r")(?:\p{Lu}[\p{L}∆'’\-]*\.?|nan)(?![\p{L}\d])"
_PLACE_PARTICLE = r"(?:de|del|la|le|du|do|da|dos|das|di|nad|pod|u|v|an|am|im|en|sur|y|i|na)(?=[ \t]+\p{Lu})"
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
        Pattern("Number + street", r"(?-i:" + _STREET + r")", 0.8),
        Pattern(
            "Number + street (lower case, after an address phrase)",
            r"(?-i:" + _ADDRESS_PHRASE + _SP + r"\K" + _NUMBER + r",?" + _SP
            + r"(?:" + _LOWER_WORD + _SP + r"){1,2}(?:" + _LOWER_SUFFIXES + r")\b)",
            0.6,
        ),
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
        for pattern in (_MILITARY, _PO_BOX, _CORNER):
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
