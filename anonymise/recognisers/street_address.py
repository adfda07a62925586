"""Street addresses: "14 Elm Road", "27b Station Terrace", "Flat 3, 12 Mill Lane", "12-14 High Street",
"Apartment 5, Kingfisher Court", "3 St John's Close", and a bare "Flat 4" as part of an address.

A street is a house number, one to three Capitalised words and a street suffix (Road, Rd, Close,
Mews, ...). The Capitals are what keep "2 road closures" and "5 days" out, so the name words are
matched case-sensitively whatever flags Presidio passes. All-lower-case addresses ("lives at 14
elm road") are caught only after an address phrase ("at", "address", "lives in", "moved to"), with
common small words ("on", "the", ...) barred from the name, and at a lower score.
Longer matches score higher, so "Flat 3, 12 Mill Lane" absorbs "12 Mill Lane" and "Flat 3".
"""
from __future__ import annotations

from engine.offline import ensure_offline

ensure_offline()

from presidio_analyzer import Pattern, PatternRecognizer  # noqa: E402

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


def create(**options) -> StreetAddressRecognizer:
    return StreetAddressRecognizer(**options)
