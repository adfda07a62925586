"""Streets with no street word: "Lives at 4 Queensway", "41 Queensway, Biggleswade", "Flat 2, 9 Broadgate".

`street_address` wants a street suffix ("Road", "Close") or a foreign street word. Many UK streets have
none ("Queensway", "Broadgate", "The Paddocks", "Moorside"). A house number and one to three Capitalised
words are taken as a street when something says it is an address:

  cue       an address phrase just before: "lives at", "living at", "moved to", "moving to", "staying at",
            "address:", "address is", "new address", "resides at", "delivered to", "flat 3,"        (0.75)
  place     a comma and a Capitalised place after it, and the street word ends like a street name
            ("-way", "-gate", "-side", "-field(s)", "-wood", "-bank", "-moor", "-croft", "-mead", ...):
            "41 Queensway, Biggleswade"                                                              (0.7)
  postcode  a full postcode after it (with or without a town between): "4 Queensway, LU7 2AB"        (0.75)
Never: "at 3 Tesco" is taken only with a cue; the words are never months, days, units of time or money,
"Year"/"Room"-like words, or titles; the number is never a time ("at 10 Monday", "at 3 PM").
"""
from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from anonymise.recognisers.address_parts import MONTHS, NOT_STREETS

_NOT_WORD = (rf"(?!(?:{MONTHS}|{NOT_STREETS}|Years?|Weeks?|Months?|Days?|Hours?|Minutes?|Mins?|Pounds?|Times?"
             r"|Children|Kids|People|Mr|Mrs|Ms|Miss|Dr|The[ \t]+(?:Council|Jobcentre|Hub|Centre|Library|Food)"
             r"|Am|Pm|O'clock|Percent|Per|Noon|Midnight)\b)")
_WORD = _NOT_WORD + r"(?:The[ \t]+)?[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*"
_NUMBER = r"\d{1,4}[A-Za-z]?(?:[ \t]?[-–][ \t]?\d{1,4}[A-Za-z]?)?"
_STREET = rf"{_NUMBER},?[ \t]+{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
_CUE = (r"(?i:\b(?:lives?|living|resides?|residing|staying|stays|moved|moving|move|relocated|delivered|deliver"
        r"|send|sent)[ \t]+(?:at|to|in|into|on)(?:[ \t]+(?:flat|apartment|apt\.?)[ \t]+\w{1,4},?)?"
        r"|\b(?:new[ \t]+|home[ \t]+|previous[ \t]+|current[ \t]+)?address(?:[ \t]+(?:is|was|now))?[ \t]*[:\-]?"
        r"|\b(?:flat|apartment|apt\.?|maisonette)[ \t]+\d{1,4}[A-Za-z]?,?)[ \t]+")
_ENDINGS = ("way|gate|gates|side|field|fields|wood|woods|bank|banks|moor|croft|mead|meadow|meadows|holme|garth"
            "|combe|dale|hurst|ley|leys|lea|end|mount|rise|row|walk|paddocks|close|green|fold|brook|cross|bridge"
            "|hill|ridge|field|acre|acres|haven|grange|park|orchard|copse|dene|wynd|loan|brae|vennel")
_PLACE = r"[A-Z][A-Za-z'’\-]+(?:[ \t]+(?:upon|on|under|in|le|de|by)?[ \t]*[A-Z][A-Za-z'’\-]+){0,2}"
_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b"

_CUED = regex.compile(_CUE + r"\K" + _STREET + r"(?![\w])")
_PLACED = regex.compile(r"(?<![\w.,/£$€\-:])" + rf"{_NUMBER}[ \t]+{_NOT_WORD}(?:The[ \t]+)?[A-Z][a-z]*(?i:{_ENDINGS})"
                        r"(?=,[ \t]*" + _PLACE + r"(?![\w]))")
_CODED = regex.compile(r"(?<![\w.,/£$€\-:])" + _STREET + r"(?=,?[ \t]+(?:" + _PLACE + r",?[ \t]+)?" + _POSTCODE + ")")


class CuedStreetRecognizer(LocalRecognizer):
    def __init__(self, supported_language: str = "en", name: str | None = "CuedStreetRecognizer"):
        super().__init__(supported_entities=["STREET_ADDRESS"], supported_language=supported_language, name=name)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "STREET_ADDRESS" not in entities:
            return []
        out = []
        for pattern, score in ((_CUED, 0.75), (_PLACED, 0.7), (_CODED, 0.75)):
            for m in pattern.finditer(text):
                out.append(RecognizerResult(
                    entity_type="STREET_ADDRESS", start=m.start(), end=m.end(), score=score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name, original_score=score,
                        textual_explanation="house number and street name after an address cue"),
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


def create(**options) -> CuedStreetRecognizer:
    return CuedStreetRecognizer(**options)
