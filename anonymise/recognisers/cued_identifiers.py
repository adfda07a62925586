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
  passport  "BRP no. ZX1571443", "passport number P52087486", "biometric residence permit 213785466"   (0.8)
  bank      "sort code 12–08–75" (any dash, dot or slash), "acc no: 58 45 12 93", "IBAN ...: 54145155"  (0.8)
  reference "MRN: K516478", "hosp no H96 191937", "log number CRI23740642", "UAN ASB/24/04038",
            "card no. RWY3379687", "incident number 07/405826/25": four or more digits with letters,
            slashes or dashes                                                                        (0.8)
  district  "lives in LE4", "living in M13": a residence cue and an outward code of a real area      (0.6)
Between the cue and the value only punctuation and a few linking words ("is", "was", ":", "number").
"""
from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from anonymise.recognisers.postcode import AREAS


def _area(code: str) -> str:
    code = code.upper()
    return code[:2] if len(code) > 1 and code[1].isalpha() else code[:1]

_GAP = (r"(?:(?:[^\S\n]|[:=#.\-–,()]|\b(?:is|was|number|no|num|nbr|ref|given|as|reads|hang on|it's|its)\b){0,8}"
        r"|[^\S\n][^\d\n:;.]{1,40}:[^\S\n]*)")   # or a few words and a colon: "IBAN for the Red Cross grant: ..."
_NI_CUE = r"\b(?:national[^\S\n]+insurance(?:[^\S\n]+(?:number|no))?|n\.?[^\S\n]?i\.?(?=[^\S\n]|:|\d)|nino|nin)\b\.?"
_NI_SHAPE = (r"[A-Z]{2}[^\S\n]?[\-.]?[^\S\n]?\d{2}[^\S\n]?[\-.]?[^\S\n]?\d{2}[^\S\n]?[\-.]?[^\S\n]?\d{2}"
             r"(?:[^\S\n]?[\-.]?[^\S\n]?[A-Z])?")
_NHS_CUE = r"\bnhs(?:[^\S\n]+(?:number|no|num))?\b\.?"
_NHS_SHAPE = r"\d(?:[^\S\n\-]?[\-./]?[^\S\n]?\d){9}"   # "123 456 7890", "492/531/3568", "768.808.3885"
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

_PASS_CUE = r"\b(?:brp|biometric[^\S\n]+residence[^\S\n]+(?:permit|card)|passport)(?:[^\S\n]+(?:number|no|num))?\b\.?"
_PASS_SHAPE = r"[A-Z]{0,2}\d{6,9}[A-Z]?"
_SORT_CUE = r"\bsort[^\S\n]?-?code\b"
_SORT_SHAPE = r"\d{2}[^\S\n]?[\-–./][^\S\n]?\d{2}[^\S\n]?[\-–./][^\S\n]?\d{2}|\d{2}[\-–]\d{4}|\d{6}"
_ACC_CUE = r"\b(?:acc(?:oun)?t?|a/c|iban)(?:[^\S\n]+(?:number|no|num))?\b\.?"
_ACC_SHAPE = r"\d{2}(?:[^\S\n\-–]?\d{2}){3}|\d{4}[^\S\n\-–]\d{4}"
_REF_CUE = (r"\b(?:mrn|hosp(?:ital)?[^\S\n]+(?:no|number|num)|log[^\S\n]+(?:number|no|ref)|police,?[^\S\n]+log|uan|card[^\S\n]+(?:no|number)"
            r"|incident[^\S\n]+(?:number|no|ref)|crime[^\S\n]+(?:number|no|ref)|case[^\S\n]+(?:no|number|ref)"
            r"|reference[^\S\n]+(?:number|no)|ref[^\S\n]+(?:number|no)|hospital[^\S\n]+band|wristband"
            r"|(?:patient|hospital|band|member|membership|client|customer|tenant|tenancy)[^\S\n]+(?:number|no))\b\.?")
_REF_SHAPE = (r"(?:[A-Z]{1,4}[/\-]?)?\d{2,4}(?:[/\-]\d{2,8})+[A-Z]?"
              r"|[A-Z]{0,4}\d{0,3}(?:[/\-][^\S\n]?|[^\S\n])?\d{4,10}(?:[/\-]\d{2,6})*[A-Z]?")
_NOT_DATE = r"(?!\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}(?![\w/])|\d{4}-\d{1,2}-\d{1,2}(?![\w/]))"
# "Lives in LE4", "living in M13 now": a residence cue and an outward code alone
_AREA_CUE = r"\b(?:lives|living|lived|based|moved|moving|stays|staying)[^\S\n]+(?:in|to)[^\S\n]+"
_OUTWARD = r"[A-Z]{1,2}\d[A-Z\d]?"

PATTERNS = [
    ("UK_NINO", regex.compile(rf"(?i){_NI_CUE}{_GAP}\K{_NI_SHAPE}(?![\w])"), 0.8),
    ("UK_NHS", regex.compile(rf"(?i){_NHS_CUE}{_GAP}\K{_NHS_SHAPE}(?![\w])"), 0.8),
    ("UK_POSTCODE", regex.compile(rf"(?i){_PC_CUE}{_GAP}\K{_PC_SHAPE}(?![\w])"), 0.8),
    ("DATE_OF_BIRTH", regex.compile(rf"(?i){_DOB_CUE}{_DOB_GAP}\K(?:{_DOB_WORDS})(?![\w])"), 0.85),
    ("UK_PASSPORT", regex.compile(rf"(?i){_PASS_CUE}{_GAP}\K{_PASS_SHAPE}(?![\w])"), 0.8),
    ("BANK_ACCOUNT", regex.compile(rf"(?i){_SORT_CUE}{_GAP}\K(?:{_SORT_SHAPE})(?![\w])"), 0.8),
    ("BANK_ACCOUNT", regex.compile(rf"(?i){_ACC_CUE}{_GAP}\K(?:{_ACC_SHAPE})(?![\w])"), 0.8),
    ("CASE_REFERENCE", regex.compile(rf"(?i){_REF_CUE}{_GAP}\K{_NOT_DATE}(?:{_REF_SHAPE})(?![\w])"), 0.8),
    ("UK_POSTCODE", regex.compile(rf"(?i){_AREA_CUE}\K{_OUTWARD}(?![\w])(?![^\S\n]?\d[A-Z]{{2}}\b)"), 0.6),
]


class CuedIdentifierRecognizer(LocalRecognizer):
    ENTITIES = ["UK_NINO", "UK_NHS", "UK_POSTCODE", "DATE_OF_BIRTH", "UK_PASSPORT", "BANK_ACCOUNT", "CASE_REFERENCE"]

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
                if entity == "CASE_REFERENCE" and sum(c.isdigit() for c in m.group()) < 5:
                    continue
                if entity == "UK_POSTCODE" and len(m.group()) <= 4 and _area(m.group()) not in AREAS:
                    continue      # "lives in M1" yes; "lives in B1 bands", "in A1" (no such area) no
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
