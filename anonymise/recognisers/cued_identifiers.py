"""Identifier shapes right after their cue word: fail closed.

The strict recognisers (`nino`, `nhs`, `postcode`, `date_of_birth`) reject look-alikes that cannot be
real: NI prefixes HMRC never allocates ("NK", "ZZ"), NHS numbers failing the mod-11 check, postcodes
outside the 124 areas, dates written in words. Without a cue that keeps "ZZ 12 34 56" in a stock code
readable. But right after the cue, a worker meant the identifier, and a typo in it still identifies
someone, so the shape alone is enough:

  NI        "NI number NK210756A", "NI ZZ 46 59 02 C", "national insurance: AB 12 34 56", "NINO - TN123456B"
            (two letters, six digits in pairs or not, an optional letter)                            (0.8)
  NHS       "NHS no 123 456 7890", "NHS number: 1234567890" (ten digits, any grouping; checksum or not) (0.8)
  postcode  "postcode QQ1 2AB", "post code: zz9 9zz" (any outward + inward shape)                     (0.8)
  DOB       "born on the third of March 1961", "DOB: twenty-first May 1980", "date of birth 3rd of
            March, 1961", "d.o.b given to the office, fourteenth of October 1945", "b. the 3rd of May
            1961": a day in words or digits, a month and a year                                      (0.85)
Between the cue and the value only punctuation and a few linking words ("is", "was", ":", "number").
"""
from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

_GAP = r"(?:[^\S\n]|[:=#.\-–,()]|\b(?:is|was|number|no|num|nbr|ref|given|as|reads|hang on|it's|its)\b){0,8}"
_NI_CUE = r"\b(?:national[^\S\n]+insurance(?:[^\S\n]+(?:number|no))?|n\.?[^\S\n]?i\.?(?=[^\S\n]|:|\d)|nino|nin)\b\.?"
_NI_SHAPE = (r"[A-Z]{2}[^\S\n]?[\-]?[^\S\n]?\d{2}[^\S\n]?[\-]?[^\S\n]?\d{2}[^\S\n]?[\-]?[^\S\n]?\d{2}"
             r"(?:[^\S\n]?[\-]?[^\S\n]?[A-Z])?")
_NHS_CUE = r"\bnhs(?:[^\S\n]+(?:number|no|num))?\b\.?"
_NHS_SHAPE = r"\d(?:[^\S\n\-]?\-?[^\S\n]?\d){9}"
_PC_CUE = r"\bpost(?:al)?[^\S\n]?-?code\b"
_PC_SHAPE = r"[A-Z]{1,2}\d[A-Z\d]?[^\S\n]?\d[A-Z]{2}"
_DOB_CUE = (r"\b(?:d\.?[^\S\n]?o\.?[^\S\n]?b\b\.?|date[^\S\n]+of[^\S\n]+birth|birth[^\S\n]?date|birthday|born"
            r"|(?<![\w.])(?-i:b)\.(?=[^\S\n]?(?:\d|the\b|[a-z]+[^\S\n]+of\b)))")
_DOB_GAP = (r"(?:[^\S\n]|[:=()\-–,?]|\b(?:is|was|on|the|of|given|as|recorded|stated)\b"
            r"|\b(?:given|passed|sent|provided|told|read|handed|supplied)[^\S\n]+(?:to|for)[^\S\n]+(?:the[^\S\n]+)?"
            r"[a-z]{2,12}\b){0,12}")
_ORD_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_ORDINAL = (rf"(?:(?:twenty|thirty)[^\S\n]?-?[^\S\n]?(?:{_ORD_UNITS})|{_ORD_UNITS}|tenth|eleventh|twelfth|thirteenth"
            r"|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth"
            r"|(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?)")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_YEAR = r"(?:(?:19|20)\d\d|nineteen[^\S\n]+[a-z]+(?:[^\S\n\-]+[a-z]+)?)"
_DOB_WORDS = (rf"(?:the[^\S\n]+)?{_ORDINAL}(?:[^\S\n]+of)?[^\S\n]+{_MONTH},?[^\S\n]+(?:in[^\S\n]+)?{_YEAR}"
              rf"|{_MONTH}[^\S\n]+(?:the[^\S\n]+)?{_ORDINAL},?[^\S\n]+{_YEAR}")

PATTERNS = [
    ("UK_NINO", regex.compile(rf"(?i){_NI_CUE}{_GAP}\K{_NI_SHAPE}(?![\w])"), 0.8),
    ("UK_NHS", regex.compile(rf"(?i){_NHS_CUE}{_GAP}\K{_NHS_SHAPE}(?![\w])"), 0.8),
    ("UK_POSTCODE", regex.compile(rf"(?i){_PC_CUE}{_GAP}\K{_PC_SHAPE}(?![\w])"), 0.8),
    ("DATE_OF_BIRTH", regex.compile(rf"(?i){_DOB_CUE}{_DOB_GAP}\K(?:{_DOB_WORDS})(?![\w])"), 0.85),
]


class CuedIdentifierRecognizer(LocalRecognizer):
    ENTITIES = ["UK_NINO", "UK_NHS", "UK_POSTCODE", "DATE_OF_BIRTH"]

    def __init__(self, supported_language: str = "en", name: str | None = "CuedIdentifierRecognizer"):
        super().__init__(supported_entities=self.ENTITIES, supported_language=supported_language, name=name)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        out = []
        for entity, pattern, score in PATTERNS:
            if entities and entity not in entities:
                continue
            for m in pattern.finditer(text):
                if entity == "UK_NHS" and sum(c.isdigit() for c in m.group()) != 10:
                    continue
                out.append(RecognizerResult(
                    entity_type=entity, start=m.start(), end=m.end(), score=score,
                    analysis_explanation=AnalysisExplanation(
                        recognizer=self.name, original_score=score,
                        textual_explanation="identifier shape after its cue (fail closed)"),
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                          RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


def create(**options) -> CuedIdentifierRecognizer:
    return CuedIdentifierRecognizer(**options)
