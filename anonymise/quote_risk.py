"""Quote risk: rare combinations in an ANONYMISED quote that could still point at one person (the "motivated
intruder" test of the ICO's anonymisation guidance). Each detail on its own is ordinary; two or three together,
with the area and month a quote is shown with, can narrow a reader down to one household.

`score_quote(text, small_places=())` reads only anonymised text and returns a `QuoteRisk`: the reasons (the kind
of detail, the words, why) and a score, the sum over the distinct kinds found of each kind's weight (the highest
weight found within a kind counts once, so "aged 67, in her 60s" is one age):

    kind            weight  what counts
    small_place     1.5     a hamlet; a named village, estate, block of flats, farm or cottages; a street name
                            left readable ("Acacia Road"; "High Street" and the like are every town's and pass);
                            a house or flat number; a place the caller names as small (`small_places`, e.g. from
                            populations) after "in", "at", "near", "from" ...
                    1.0     a small place the anonymiser generalised ("<PLACE:a housing estate in X ward>"): the
                            name is gone but "a small place in X" still narrows the quote
    age             1.0     an exact age ("aged 67", "a 93-year-old")
                    0.5     an age band ("in her 80s", "in his early twenties", "over 80", the anonymiser's
                            <AGE:75+>)
    rare_event      1.0     an event few people share (house fire, arson, murder, stabbing, a court case,
                            deported, twins or triplets, a lottery win, a named rare illness)
    occupation      1.0     a job that is one person in a place (vicar, headteacher, councillor, ...) named at
                            all; a common job (GP, police officer, nurse, ...) only when it is the person's own
                            ("is a GP", "works as a police officer", "retired paramedic"): "her GP" is a service
    named_service   1.0     "the only ... in/on the ..."; a named school, surgery, church, chapel, mosque,
                            temple, medical or health centre, or pub ("Larkspur Primary School", "St Anne's
                            Church"); the well-known services and chains of the allow-list pass

Small places add the most: they shrink the population that every other detail is compared against. Which score
holds a quote back is the caller's setting (engine/publish/quote_safety.py). The house-number, exact-age, school,
"the only" and placeholder patterns are the residual-risk detector's (anonymise/residual_risk.py); nothing here
loads a model or a lexicon.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from anonymise.allow_list import PLACES, SERVICES
from anonymise.residual_risk import EXACT_AGE, HOUSE_NUMBER, NOT_A_HOUSE, ONLY, PLACEHOLDER, SCHOOL

WEIGHTS = {"small_place": 1.5, "generalised_place": 1.0, "age": 1.0, "age_band": 0.5, "rare_event": 1.0, "occupation": 1.0,
           "named_service": 1.0}
KINDS = ("small_place", "age", "rare_event", "occupation", "named_service")
WHY = {
    "hamlet": "A hamlet has so few homes that the place alone nearly names the household.",
    "village": "A named village is small: with any other detail it can point at one person.",
    "estate": "A named estate is a small place: with any other detail it can point at one person.",
    "block": "A named block of flats holds few households.",
    "street": "A street name narrows the quote to a few houses.",
    "farm": "A named farm or row of cottages is one or a few households.",
    "house": "A house or flat number can help someone find where this person lives.",
    "small_place": "{words} is a small place (few people live there).",
    "generalised_place": "The place was generalised, but the quote still says it is a small place in a named area.",
    "age": "An exact age narrows down who this could be.",
    "age_band": "An age band narrows down who this could be.",
    "rare_event": "Few people share this event, and it may have been in the local news.",
    "occupation": "This job is held by few people in a place, so it can point at one person.",
    "only": "Saying someone is \"the only\" one in a place can identify them.",
    "named_service": "A named school, surgery or church in a small area can point at a family.",
}

_CAP = r"[A-Z][a-z][\w'’\-]*"
_NAME = rf"(?:St\.?\s+|Saint\s+)?{_CAP}(?:\s+{_CAP}){{0,2}}"
HAMLET = re.compile(r"\bhamlets?\b", re.IGNORECASE)
NOT_HAMLET = re.compile(r"\bTower\s+Hamlets\b", re.IGNORECASE)
VILLAGE = re.compile(rf"\bvillage\s+(?:of|called)\s+({_NAME})|\b({_NAME})\s+village\b")
ESTATE = re.compile(rf"\b({_NAME})\s+[Ee]state\b")
BLOCK = re.compile(rf"\b({_NAME})\s+(?:House|Court|Tower|Towers|Mansions|Heights|Point|Lodge|Buildings|Block)\b"
                   r"|\bblock\s+of\s+flats\s+called\s+(" + _NAME + ")")
STREET = re.compile(rf"\b({_NAME})\s+(?:Road|Rd|Street|St|Lane|Ln|Close|Avenue|Ave|Drive|Crescent|Way|Grove|"
                    r"Terrace|Place|Row|Walk|Mews|Gardens|Square|Rise|Parade)\b(?!['’]s)")   # no Hill: Forest Hill
FARM = re.compile(rf"\b({_NAME})\s+(?:Farm|Cottages?|Barns?|Mill)\b")
COMMON_STREETS = frozenset("high main station church market bridge mill new park school london queen king "
                           "victoria".split())
NOT_A_BLOCK = frozenset("crown county magistrates magistrates' family coroners coroner's youth high supreme "
                        "royal county's hope".split())

AGE_BAND = re.compile(
    r"\b(?:in|into)\s+(?:his|her|their|my|your|our|the)\s+(?:early\s+|mid[- ]?|late\s+)?"
    r"(?:\d0s|\d0's|teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
    r"|\b(?:over|under|aged)\s+\d{2}s?\b(?!\s*(?:pounds|quid|%|minutes|hours|days|weeks|months|miles))"
    r"|\baged\s+\d{1,2}\s*(?:-|to|–)\s*\d{1,2}\b|\bnonagenarian|\boctogenarian|\bcentenarian", re.IGNORECASE)
AGE_PLACEHOLDER = re.compile(r"<AGE[: ][^<>\n]{0,20}>")
# a small place the anonymiser generalised (anonymise/small_places.py): "<PLACE:a housing estate in X ward>"
PLACE_PLACEHOLDER = re.compile(r"<PLACE:[^<>\n]{1,60}>")

RARE_EVENTS = re.compile(r"\b(?:" + "|".join([
    r"house\s+fire", r"(?:a\s+|the\s+)?fire\s+(?:at|in|gutted|destroyed)\s+(?:the|their|her|his|my)\s+"
    r"(?:home|house|flat)", r"burn(?:ed|t)\s+down", r"arson(?:ist)?", r"murder(?:ed|s)?", r"manslaughter",
    r"stabb(?:ed|ing)", r"shot\s+dead", r"shooting", r"acid\s+attack", r"kidnapp?(?:ed|ing)",
    r"court\s+case", r"crown\s+court", r"in\s+court(?!\s+(?:costs?|fees|summons))", r"jailed",
    r"(?:on|stood|awaiting|criminal|murder)\s+trial",
    r"deport(?:ed|ation)",
    r"twins", r"triplets", r"quadruplets", r"conjoined", r"lottery\s+win", r"won\s+the\s+lottery",
    r"motor\s+neurone\s+disease", r"\bMND", r"huntington'?s", r"cystic\s+fibrosis", r"muscular\s+dystrophy",
    r"progeria", r"rare\s+(?:disease|condition|illness|cancer|syndrome)", r"(?:heart|lung|liver|kidney)\s+transplant",
    r"fatal\s+(?:crash|accident)", r"killed\s+in",
]) + r")\b", re.IGNORECASE)
SINGULAR_JOBS = ("vicar", "rector", "curate", "priest", "rabbi", "imam", "minister of the church", "headteacher",
                 "head teacher", "headmaster", "headmistress", "head of the school", "councillor", "mayor",
                 "magistrate", "judge", "coroner", "lollipop lady", "lollipop man", "postmistress",
                 "postmaster", "publican", "landlady of the pub", "landlord of the pub")
COMMON_JOBS = ("GP", "doctor", "dentist", "police officer", "policeman", "policewoman", "PCSO", "firefighter",
               "paramedic", "nurse", "midwife", "social worker", "teacher", "solicitor", "pharmacist",
               "vet", "soldier", "surgeon", "bus driver", "taxi driver", "shopkeeper", "MP")


def _JOB(words: Iterable[str]) -> str:   # noqa: N802 (a pattern builder, read like a constant)
    return r"(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")"


SINGULAR = re.compile(rf"\b{_JOB(SINGULAR_JOBS)}s?\b", re.IGNORECASE)
OWN_JOB = re.compile(r"\b(?:is|was|am|she's|he's|they're|works\s+as|worked\s+as|working\s+as|retired|former|"
                     r"ex-?|trained\s+as|qualified\s+as|job\s+as)\s+(?:a\s+|an\s+|the\s+(?:local\s+)?)?"
                     r"(?:retired\s+|former\s+|local\s+|village\s+)?" + _JOB(COMMON_JOBS) + r"\b", re.IGNORECASE)
NAMED_SERVICE = re.compile(rf"\b({_NAME})\s+(?:Surgery|Medical\s+Centre|Health\s+Centre|Church|Chapel|Mosque|"
                           r"Temple|Gurdwara|Synagogue|Arms|Inn|Tavern|Community\s+Centre|Village\s+Hall)\b"
                           rf"|\bSt\.?\s+{_CAP}(?:['’]s)?\s+(?:Church|Chapel|School|Primary)\b")
_KNOWN = frozenset(p.lower() for p in SERVICES + PLACES)


@dataclass(frozen=True)
class Reason:
    kind: str       # one of KINDS
    words: str      # the words in the quote that carry it
    why: str        # in plain words, for the analyst
    weight: float

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class QuoteRisk:
    score: float
    reasons: tuple[Reason, ...]

    def kinds(self) -> list[str]:
        return sorted({r.kind for r in self.reasons})

    def as_dict(self) -> dict:
        return {"score": self.score, "kinds": self.kinds(), "reasons": [r.as_dict() for r in self.reasons]}


def _named(name: str) -> bool:
    """A proper name, not one of the allow-list's well-known places and services."""
    words = name.split()
    return bool(words) and " ".join(words).lower() not in _KNOWN and words[-1].lower() not in _KNOWN


def _place(words: str, why: str) -> Reason:
    return Reason("small_place", words, why, WEIGHTS["small_place"])


def _small_place_pattern(small_places: Iterable[str]) -> re.Pattern | None:
    names = sorted({p.strip() for p in small_places if p and p.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"\b(?:in|at|near|from|to|around|outside|of|called)\s+(?:the\s+)?("
                      + "|".join(re.escape(n) for n in names) + r")\b(?!\s+(?:Road|Street|Lane|Avenue))")


class QuoteRiskDetector:
    """Build once with the caller's small places (names, matched as written after a preposition); call
    `score(text)` per quote."""

    def __init__(self, small_places: Iterable[str] = ()):
        self._places = _small_place_pattern(small_places)

    def score(self, text: str) -> QuoteRisk:
        found: list[Reason] = []
        for m in AGE_PLACEHOLDER.finditer(text):
            found.append(Reason("age", m.group(0), WHY["age_band"], WEIGHTS["age_band"]))
        for m in PLACE_PLACEHOLDER.finditer(text):
            found.append(Reason("small_place", m.group(0), WHY["generalised_place"], WEIGHTS["generalised_place"]))
        masked = PLACEHOLDER.sub(lambda m: " " * (m.end() - m.start()), text)
        found += self._places_in(masked) + self._ages_in(masked) + self._events_in(masked)
        found += self._jobs_in(masked) + self._services_in(masked)
        best: dict[str, float] = {}
        for r in found:
            best[r.kind] = max(best.get(r.kind, 0.0), r.weight)
        seen, reasons = set(), []
        for r in found:
            if (r.kind, r.words.lower()) not in seen:
                seen.add((r.kind, r.words.lower()))
                reasons.append(r)
        return QuoteRisk(round(sum(best.values()), 2), tuple(reasons))

    def _places_in(self, text: str) -> list[Reason]:
        text = NOT_HAMLET.sub(lambda m: " " * len(m.group(0)), text)     # a London borough, not a hamlet
        out = [_place(m.group(0), WHY["hamlet"]) for m in HAMLET.finditer(text)]
        for pattern, why in ((VILLAGE, "village"), (ESTATE, "estate"), (FARM, "farm")):
            out += [_place(m.group(0), WHY[why]) for m in pattern.finditer(text)
                    if _named(m.group(m.lastindex or 0))]
        for m in BLOCK.finditer(text):
            name = m.group(1) or m.group(2)
            if _named(name) and name.split()[-1].lower() not in NOT_A_BLOCK:
                out.append(_place(m.group(0), WHY["block"]))
        for m in STREET.finditer(text):
            if _named(m.group(1)) and m.group(1).split()[-1].lower() not in COMMON_STREETS:
                out.append(_place(m.group(0), WHY["street"]))
        for m in HOUSE_NUMBER.finditer(text):
            if not NOT_A_HOUSE.match(text, m.end()):
                out.append(_place(m.group(0), WHY["house"]))
        if self._places is not None:
            out += [_place(m.group(1), WHY["small_place"].format(words=m.group(1)))
                    for m in self._places.finditer(text)]
        return out

    @staticmethod
    def _ages_in(text: str) -> list[Reason]:
        out = []
        for m in EXACT_AGE.finditer(text):
            if 0 < int(m.group(1) or m.group(2)) <= 120:
                out.append(Reason("age", m.group(0), WHY["age"], WEIGHTS["age"]))
        out += [Reason("age", m.group(0), WHY["age_band"], WEIGHTS["age_band"]) for m in AGE_BAND.finditer(text)
                if not any(r.words in m.group(0) or m.group(0) in r.words for r in out)]
        return out

    @staticmethod
    def _events_in(text: str) -> list[Reason]:
        return [Reason("rare_event", m.group(0), WHY["rare_event"], WEIGHTS["rare_event"])
                for m in RARE_EVENTS.finditer(text)]

    @staticmethod
    def _jobs_in(text: str) -> list[Reason]:
        found = [m.group(0) for m in SINGULAR.finditer(text)] + [m.group(0) for m in OWN_JOB.finditer(text)]
        return [Reason("occupation", words, WHY["occupation"], WEIGHTS["occupation"]) for words in found]

    @staticmethod
    def _services_in(text: str) -> list[Reason]:
        out = [Reason("named_service", m.group(0), WHY["only"], WEIGHTS["named_service"]) for m in ONLY.finditer(text)]
        for pattern in (SCHOOL, NAMED_SERVICE):
            for m in pattern.finditer(text):
                name = m.group(1) if pattern is NAMED_SERVICE and m.group(1) else m.group(0)
                if _named(name) and _named(m.group(0)):
                    out.append(Reason("named_service", m.group(0), WHY["named_service"], WEIGHTS["named_service"]))
        return out


def score_quote(text: str, small_places: Iterable[str] = ()) -> QuoteRisk:
    """The risk of one anonymised quote (a detector built for this call: build a QuoteRiskDetector to reuse)."""
    return QuoteRiskDetector(small_places).score(text)
