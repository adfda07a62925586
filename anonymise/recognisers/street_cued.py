"""Streets with no street word: "Lives at 4 Queensway", "41 Queensway, Biggleswade", "Flat 2, 9 Broadgate".

`street_address` wants a street suffix ("Road", "Close") or a foreign street word. Many UK streets have
none ("Queensway", "Broadgate", "The Paddocks", "Moorside"). A house number and one to three Capitalised
words are taken as a street when something says it is an address:

  cue       an address phrase just before: "lives at", "living at", "moved to", "moving to", "staying at",
            "address:", "address is", "new address", "resides at", "delivered to", "flat 3,", "moved from",
            "home visit done at", "address confirmed as", "c/o her son at", any word and "address"
            ("Tenancy address:", "Delivery address (if different):", "Address line 1:"; never e-mail or web),
            "we're at", "she is at", "sofa surfing at", "parcel for"                                  (0.75)
            A street word in capitals inside an ordinary note counts ("157 ROWANSIDE").
            A flat, unit or "No." before the number is part of the span ("Unit 4, 12 Queensway"). In lower
            case after a cue: "the" and a street word ("the parade"), a word ending like a street ("153
            ashfield") or a word and a street word ("76 friars gate")                                (0.7)
  place     a comma and a Capitalised place after it, and the street word ends like a street name
            ("-way", "-gate", "-side", "-field(s)", "-wood", "-bank", "-moor", "-croft", "-mead", ...):
            "41 Queensway, Biggleswade"                                                              (0.7)
  postcode  a full postcode after it (with or without a town between): "4 Queensway, LU7 2AB"        (0.75)
  at        "at", "to", "visited", "from", "near", ... a house number and ONE word ending like a street name,
            then the end of the phrase: "Delivered a parcel to 116 Parkside.", "visited 83 fairfield with" (0.65)
Never: "at 3 Tesco" is taken only with a cue; the words are never months, days, units of time or money,
"Year"/"Room"-like words, or titles; the number is never a time ("at 10 Monday", "at 3 PM").
"""
from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

from anonymise.recognisers.address_parts import (
    LOWER_SUFFIXES,
    MONTHS,
    NOT_STREETS,
    RURAL_SUFFIXES,
    STOPWORDS,
    SUFFIXES,
)

_NOT_WORD = (rf"(?!(?i:{MONTHS}|{NOT_STREETS}|Years?|Weeks?|Months?|Days?|Hours?|Minutes?|Mins?|Pounds?|Times?"
             r"|Children|Kids|People|Mr|Mrs|Ms|Miss|Dr|The[ \t]+(?:Council|Jobcentre|Hub|Centre|Library|Food)"
             r"|Am|Pm|O'clock|Percent|Per|Noon|Midnight"
             r"|(?-i:His|Her|He|She|They|Their|We|Our|My|Your|It|Its|And|Or|But|Is|Was|Has|Had|Will|Can|An?|To|For"
             r"|With|From|Please|Ring|Call|Any|No|Not|Next|Referred|Voucher|Case|Tel|Mob|Email|Postcode|NHS|NI))\b)")
_WORD = _NOT_WORD + r"(?:The[ \t]+)?(?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*|(?-i:[A-Z]{4,})(?![a-z])(?![ \t]+[A-Z]{2}))"  # or "ROWANSIDE" alone
_NUMBER = r"(?:\d{1,3}/)?\d{1,4}[A-Za-z]?(?:[ \t]?[-–][ \t]?\d{1,4}[A-Za-z]?)?"   # "12", "12a", "12-14", "1/212"
_UNIT = (r"(?:(?i:flat|apartment|apt\.?|unit|maisonette)[ \t]+\w{1,4}(?:,?[ \t]+|/)|(?i:no\.?|number)[ \t]*"
         r"|(?i:ground|first|second|third|top|basement|\d{1,2}(?:st|nd|rd|th))[ \t]+(?i:floor[ \t]+)?(?i:flat),?[ \t]+)?")
_STREET = rf"{_UNIT}{_NUMBER},?[ \t]+{_WORD}(?:[ \t]+{_WORD}){{0,2}}"
_CUE = (r"(?i:\b(?:lives?|living|resides?|residing|staying|stays|moved|moving|move|relocated|delivered|deliver"
        r"|send|sent)[ \t]+(?:at|to|in|into|on)"
        r"|\b(?:moved|moving|evicted|relocated)[ \t]+(?:from|out[ \t]+of)"
        r"|\bvisit(?:ed)?(?:[ \t]+(?:done|made|carried[ \t]+out))?[ \t]+(?:at|to)"
        r"|\b(?:(?!(?:e-?mail|web|ip|mac|return|e)\b)[a-z]{2,14}[ \t]+)?address(?:[ \t]+line[ \t]*\d)?"
        r"(?:[ \t]*\([^()\n]{1,30}\))?[ \t]*\*?"      # "Tenancy address:", "Address line 1:", "Delivery address (if different):"
        r"(?:[ \t]+(?:is|was|now|confirmed|given|changed|updated|recorded|verified)(?:[ \t]+(?:as|to|is))?)?[ \t]*[:\-]?"
        r"|\b(?:we|i|he|she|they|you)(?:['’](?:re|m|s)|[ \t]+(?:are|am|is|was|were))[ \t]+(?:now[ \t]+|still[ \t]+)?at"
        r"|\b(?:sofa[ \t-]?surfing|surfing|sleeping|stopping|kipping|crashing|lodging)[ \t]+at"
        r"|\b(?:parcel|parcels|delivery|deliveries|post)[ \t]+(?:for|to)"
        r"|\bc/o\b[^\n.]{0,40}?[ \t]at"
        r"|\b(?:flat|apartment|apt\.?|maisonette)[ \t]+\d{1,4}[A-Za-z]?,?"
        r"|\b(?:send|sent|post|posted|write|forward)[ \t]+(?:it|them|this|letters?|post|mail)[ \t]+to"
        r"|\b(?:currently|now|still)[ \t]+(?:at|in)|\bcurfew[ \t]+at"
        r"|\b(?:bail|approved)[ \t]+(?:address|premises)[ \t]*[:\-]?"
        r"|\bpremises[ \t]*[:\-])(?:[ \t]*\n[ \t]*|[ \t]+)")
_ENDINGS = ("way|gate|gates|side|field|fields|wood|woods|bank|banks|moor|croft|mead|meadow|meadows|holme|garth"
            "|combe|dale|hurst|ley|leys|lea|end|mount|rise|row|walk|paddocks|close|green|fold|brook|cross|bridge"
            "|hill|ridge|field|acre|acres|haven|grange|park|orchard|copse|dene|wynd|loan|brae|vennel")
_ENDINGS_LOW = _ENDINGS + "|way|gate|field|side|bourne|thorpe|ton|ham|wick"
# Lower case after a cue: "the" and a word, or one word ending like a street ("lives at 153 ashfield").
_LOWER_WORD = r"(?!(?:the[ \t]+)?(?:" + STOPWORDS + r")\b)"
_THE_STREETS = ("crescent|parade|green|close|drive|avenue|circle|square|promenade|grove|mews|walk|row|broadway"
                "|paddocks|spinney|oval|chase|croft|meadows?|orchard|glebe|maltings|quadrant|boulevard|causeway|strand"
                "|cloisters|willows|beeches|limes|elms|poplars|laurels|hollies|pines|oaks|sidings|ridgeway|fairway"
                "|rise|vale|dell|coppice|copse|grange|terrace|lawns|gardens|courtyard|pastures|approach|uplands|downs"
                "|moorings|wharf|quay|heights|leas|fold|hamlet|village|mount|common")
_LOWER_STREET = (rf"{_UNIT}{_NUMBER},?[ \t]+(?:the[ \t]+(?:{_THE_STREETS})"
                 rf"|{_LOWER_WORD}[a-z]{{2,}}(?:{_ENDINGS_LOW})(?:[ \t]+(?:{LOWER_SUFFIXES}|loan|wynd|brae))?"
                 rf"|{_LOWER_WORD}[a-z]{{3,}}[ \t]+(?:{LOWER_SUFFIXES}|loan|wynd|brae))")
_PLACE = r"[A-Z][A-Za-z'’\-]+(?:[ \t]+(?:upon|on|under|in|le|de|by)?[ \t]*[A-Z][A-Za-z'’\-]+){0,2}"
_POSTCODE = r"[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b"

_CUED = regex.compile(_CUE + r"\K" + _STREET + r"(?![\w])")
_CUED_LOWER = regex.compile(_CUE + r"\K" + _LOWER_STREET + r"(?![\w])")
_PLACED = regex.compile(r"(?<![\w.,/£$€\-:])" + rf"{_UNIT}{_NUMBER}[ \t]+{_NOT_WORD}"
                        rf"(?:The[ \t]+)?[A-Z][a-z]*(?i:{_ENDINGS})"
                        r"(?=,[ \t]*" + _PLACE + r"(?![\w]))")
# "Delivered a food parcel to 116 Parkside", "The boiler at 137 Queensway", "we're at 52 broadway": a
# location word, a house number and one word that ends like a street name, then the end of the phrase.
_AT = r"(?i:\b(?:at|to|visited|from|outside|opposite|near|of)[ \t]+)"
_ENDING_WORD = (rf"(?:(?:{_NOT_WORD}[A-Z][a-z]+|(?!(?:{STOPWORDS})\b)[a-z]{{2,}})(?i:{_ENDINGS_LOW})"
                rf"|(?:The|the)[ \t]+(?i:{_THE_STREETS}))")
_AT_ONE_WORD = regex.compile(_AT + r"\K" + _UNIT + _NUMBER + r",?[ \t]+" + _ENDING_WORD
                             + r"(?=[ \t]*(?:[,.;:!?)\n]|$|[ \t](?:with|for|since|and|but|on|in|at|the|which|where|"
                               r"after|before|so|because|has|is|was|from|during|until|till|every|now|today"
                               r"|tonight|again|last|this|then"
                               r"|when|while|if)\b))")
# "flat f 108 moorfield", "Flat B 63 Marygate": a flat or unit before the number says address on its own.
_UNIT_FIRST = (r"(?<![\w])(?i:flat|apartment|apt\.?|unit|maisonette)[ \t]+(?:\d{1,4}[A-Za-z]?|[A-Za-z])(?:,?[ \t]+|/)")
_FLATTED = regex.compile(_UNIT_FIRST + _NUMBER + r",?[ \t]+" + _ENDING_WORD + r"(?![\w])")
# House and farm names, which stand for the number and street: "I live at Stonecroft now", "Address given:
# Low Barn", "Send it to Curlew Cottage, Crawley", "staying at the granary"? (no: "the" and a lower-case word
# are only taken with a rural house word). After an address cue, one to three words ending in a house word;
# after "at", "to", "from" only the rural ones (never "a meeting at Ashdown House" or "the Old Mill"). The house
# word may be in lower case after a capitalised name ("Curlew cottage", as a note in capitals reads truecased).
_RURAL = ("Cottage|Cottages|Farm|Farmhouse|Barn|Rectory|Vicarage|Granary|Bungalow|Ghyll|Gill|Bothy|Byre|Steading"
          "|Oast|Schoolhouse|Coachhouse")
_HOUSE_WORDS = _RURAL + "|End|Croft|Grange|Manor|Forge|Stables|Nook|Retreat|Howe"  # not House, Lodge: blocks
_HOUSE_CAP = r"(?:The[ \t]+)?(?:" + _NOT_WORD + r"[A-Z][a-z'’]+[ \t]+){0,2}"
_HOUSE_LOW = r"(?:(?!(?:" + STOPWORDS + r")\b)[a-z]{3,}[ \t]+){1,2}"
_HOUSE_END = (r"(?=[ \t]*(?:[,.;:!?)\n]|$|[ \t](?:with|for|since|and|but|on|in|at|from|during|until|now|today|which"
              r"|where|is|was)\b))")
_HOUSE_CUED = regex.compile(_CUE + r"\K(?:" + _HOUSE_CAP + r"(?i:" + _HOUSE_WORDS + r")|" + _HOUSE_LOW
                            + r"(?i:" + _RURAL + r"))(?![\w])" + _HOUSE_END)
_HOUSE_AT = regex.compile(_AT + r"\K" + _HOUSE_CAP + r"(?i:" + _RURAL + r")(?![\w])" + _HOUSE_END)
# After an address cue, a one-word house name ending like a street ("I live at Stonecroft now"), or one or two
# capitalised words before a rural street ("Meadowbank, Moor Road", "Stonecroft, Fell Side").
_NAMED_CUED = regex.compile(_CUE + r"\K(?:(?:" + _NOT_WORD + r"[A-Z][a-z'’]+[ \t]+)?" + _NOT_WORD
                            + r"[A-Z][a-z'’]+,[ \t]+(?:"
                            + _NOT_WORD + r"[A-Z][a-z'’]+[ \t]+){1,2}(?:" + RURAL_SUFFIXES + r")(?![\w])"
                            + r")")
# A one-word house name ending like a street, only where a town cannot stand: "I live at Stonecroft now", never
# "moved to Burnley in May" or "Outreach in Everton".
_LIVES_AT = (r"(?i:\b(?:lives?|living|staying|stays|resides?|residing)[ \t]+at|\bcurfew[ \t]+at"
             r"|\b(?:home[ \t]+|correspondence[ \t]+|postal[ \t]+|bail[ \t]+)?address(?:[ \t]+given)?[ \t]*:)"
             r"(?:[ \t]*\n[ \t]*|[ \t]+)")
_ONE_NAME = regex.compile(_LIVES_AT + r"\K" + _NOT_WORD + r"[A-Z][a-z]+(?i:" + _ENDINGS + r")" + _HOUSE_END)
# The street before the house number, as a form or a quick note writes it: "Plover Walk, 30 - blue door",
# "TANYARD MEWS, 153 now", "copperas hill, 195." (a street word needed; never a year or a count: "Mill Lane, 12 people").
_NUMBER_LAST = regex.compile(
    r"(?<![\w])(?:(?:" + _NOT_WORD + r"[A-Z][a-z'’]+[ \t]+){1,3}(?:" + SUFFIXES + r")|(?:(?-i:[A-Z]{3,})[ \t]+){1,3}(?i:"
    + LOWER_SUFFIXES + r")|(?:(?!(?:" + STOPWORDS + r")\b)[a-z]{3,}[ \t]+){1,2}(?:" + LOWER_SUFFIXES + r"))"
    r",[ \t]*(?!(?:19|20)\d\d)\d{1,4}[A-Za-z]?(?=[ \t]*(?:[,.;:)\]\-–]|$|\n|[ \t](?:now|then|off|on|in)\b))")
_CODED = regex.compile(r"(?<![\w.,/£$€\-:])" + _STREET + r"(?=,?[ \t]+(?:" + _PLACE + r",?[ \t]+)?" + _POSTCODE + ")")


_CUE_BEFORE = regex.compile(r"(?:" + _CUE + r")\Z")
_CUE_ONLY = regex.compile(_CUE)
# What may follow a cue, tried only where a cue ends (one scan for the cues, not one a pattern: the cue
# alternatives are the costly part)
_AFTER_CUE = [(regex.compile(p.pattern.split(r"\K", 1)[1]), score) for p, score in
              ((_CUED, 0.75), (_CUED_LOWER, 0.7), (_HOUSE_CUED, 0.7), (_NAMED_CUED, 0.65))]
_NUMBER_AFTER_COMMA = regex.compile(r",[ \t]*\d")


def after_address_cue(text: str, start: int) -> bool:
    """An address cue ("LIVE AT", "ADDRESS:", "SOFA SURFING AT") ends right at `start`: a street found there in a
    note written in capitals is taken as written (elsewhere capitals make streets guesses: "BORN 14 OCTOBER")."""
    return bool(_CUE_BEFORE.search(text[max(0, start - 60):start]))


class CuedStreetRecognizer(LocalRecognizer):
    def __init__(self, supported_language: str = "en", name: str | None = "CuedStreetRecognizer"):
        super().__init__(supported_entities=["STREET_ADDRESS"], supported_language=supported_language, name=name)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "STREET_ADDRESS" not in entities:
            return []
        spans = []
        for cue in _CUE_ONLY.finditer(text):
            for pattern, score in _AFTER_CUE:
                m = pattern.match(text, cue.end())
                if m:
                    spans.append((m.start(), m.end(), score))
        others = [(_PLACED, 0.7), (_CODED, 0.75), (_AT_ONE_WORD, 0.65), (_FLATTED, 0.7), (_HOUSE_AT, 0.6),
                  (_ONE_NAME, 0.65)]
        if _NUMBER_AFTER_COMMA.search(text):
            others.append((_NUMBER_LAST, 0.65))
        for pattern, score in others:
            spans.extend((m.start(), m.end(), score) for m in pattern.finditer(text))
        out = []
        for start, end, score in spans:
            out.append(RecognizerResult(
                entity_type="STREET_ADDRESS", start=start, end=end, score=score,
                analysis_explanation=AnalysisExplanation(
                    recognizer=self.name, original_score=score,
                    textual_explanation="house number and street name after an address cue"),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
        return out


def create(**options) -> CuedStreetRecognizer:
    return CuedStreetRecognizer(**options)
