"""Places small enough to point at a person are generalised: named to the note's ward or council instead.

What counts as small (everything else stays readable, as before):

  estate   a named housing estate: "the Greenfield Estate", "Broadwater Farm Estate", "the Greenfield estate"
           (not industrial, trading, business or retail estates)
  block    a named residential building or block, only with a residence word near it (lives, living,
           moved, staying, flat, block, floor, neighbours, tenants, home, ...): "lives in Meadow Court",
           "her flat in Jubilee Tower", "Block C", "Ashdown House" as a home; never next to an office or
           service word ("a meeting at Ashdown House", "the County Court", "the council offices")
  street   a street name on its own right after a residence cue: "lives on Mill Lane", "moved to Elm Road",
           "lives off Station Road", "neighbours on Mill Lane" (a numbered address is a STREET_ADDRESS, hidden outright, as before)
  place    a capitalised place right after a residence cue ("lives in", "living in", "moved to", "moved
           from", "rehoused in", "the village of", "a hamlet called") that is not a readable area: only with
           place names passed in (`PlaceNames`, engine/places/place_names.py), which know the wards,
           councils and neighbourhoods (MSOA names) of the imported lookups; without them this rule is off,
           because the built-in list of towns cannot tell a hamlet from a neighbourhood

Readable, never generalised: anything allow-listed (towns and cities, boroughs, services: anonymise/allow_list.py,
plus a deployment's own phrases and area names), any ward, council or neighbourhood name the place names know
(not for a street: "Mill Lane" is also a ward in Mansfield, and "lives on Mill Lane" elsewhere is a street),
an everyday English word ("lives in Temporary Accommodation"), and text already hidden as another identifier.

The generalised text reads `<PLACE:a housing estate in Riverside ward>`, `<PLACE:a block of flats in Eden>`,
`<PLACE:a street in Lewisham>`, `<PLACE:a small place in Eden>`: the note's area (the ward, else its council)
when the place names resolve it, else without an area (`<PLACE:a housing estate>`). A place a person came
"from" is never said to be in the note's area.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from anonymise import entities as E
from anonymise.recognisers.address_parts import COUNTRIES
from anonymise.replace import Finding
from engine.core.protocols import PlaceNames

KINDS = {"estate": "a housing estate", "block": "a block of flats", "street": "a street", "place": "a small place"}
MAX_DETAIL = 60             # placeholders stay short (anonymise/residual_risk.py reads up to 60 characters)

_WORD = r"[A-Z][a-z'’]+(?:-(?:[a-z]+-)?[A-Z]?[a-z'’]+)*"          # Greenfield, Appleby-in-Westmorland, O'Neill
_NAME = rf"(?:(?:St\.?|Saint)\s+)?{_WORD}(?:\s+{_WORD}){{0,2}}"                  # Greenfield, Broadwater Farm
_PLACE_NAME = rf"(?:(?:St\.?|Saint)\s+)?{_WORD}(?:\s+(?:(?:upon|under|le)\s+)?{_WORD}){{0,2}}"  # Bolton le Sands
_STOP_FIRST = {"The", "A", "An", "This", "That", "These", "Those", "Our", "Her", "His", "Their", "My", "Your", "Its",
               "Lives", "Living", "Moved", "Staying", "Flat", "Block", "Home", "New", "Old", "Same", "Local", "Council"}
_STOP_RE = re.compile(r"^(?:(?:" + "|".join(sorted(_STOP_FIRST)) + r")\s+)+")

_ESTATE = re.compile(rf"(?:\b[Tt]he\s+)?(?P<name>{_NAME})\s+(?P<word>Estate|estate)\b")
_NOT_ESTATE = {"industrial", "trading", "business", "retail", "real", "housing", "council", "country", "landed",
               "private", "social"}
_BUILDING_WORDS = "Court|House|Tower|Towers|Heights|Mansions|Lodge|Point|Buildings|Apartments|Flats|Block|Hall"
_BUILDING = re.compile(rf"(?:\b[Tt]he\s+)?(?P<name>{_NAME})\s+(?P<word>{_BUILDING_WORDS})\b(?![ \t]+[A-Z][a-z])")
_BLOCK = re.compile(r"\b[Bb]lock\s+(?:[A-Z]|\d{1,3})\b(?![\w'’])")
_NOT_BUILDING = {"magistrates", "county", "crown", "family", "high", "supreme", "youth", "coroners", "coroner's",
                 "royal", "appeal", "companies", "white", "town", "city", "opera", "public", "community", "church",
                 "village", "guild", "civic", "school", "council", "care", "nursing", "student", "halfway",
                 "safe", "refuge", "tower", "the", "sheltered", "open", "wendy", "doll's", "dolls", "green",
                 "court", "full", "match", "set", "game", "break", "hold", "free", "no", "in", "on", "at"}
_RESIDENCE = re.compile(r"\b(?:lives?|living|lived|resides?|residing|staying|stays|stayed|moved|moving|move|"
                        r"rehoused|housed|relocated|tenants?|tenancy|flats?|home|neighbours?|neighbors?|blocks?|"
                        r"floor|landlord|residents?|accommodation|placed|evicted|address)\b", re.IGNORECASE)
_NOT_RESIDENCE = re.compile(r"\b(?:office|offices|works?|worked|working|job|employer|meeting|meetings|appointment|"
                            r"clinic|surgery|hearing|interview|training|session|sessions|course|class|"
                            r"conference|event|volunteers?|volunteering|drop-in|advice)\b", re.IGNORECASE)
_AFTER_RESIDENCE = re.compile(r"^[\s,]*(?:flats?|block|tenants?|residents?|neighbours?)\b", re.IGNORECASE)

_STREET_WORDS = ("Road|Street|Lane|Close|Avenue|Drive|Crescent|Grove|Gardens|Place|Terrace|Way|Walk|Mews|Row|Square"
                 "|Parade|Rise|Green|Vale|Hill|View|Croft|Chase|Approach|Cottages|Villas|Rd|St|Ave")
_STREET_CUE = (r"\b(?:lives?|living|lived|resides?|residing|staying|stays|moved|moving|rehoused|housed|relocated|"
               r"house|flat|home|neighbours?|neighbors?)\s+(?:(?:is|was|now|just|still|back|right|further|up|down)\s+)?"
               r"(?:on|in|at|off|along|into|to|near|by|at\s+the\s+(?:top|bottom|end)\s+of|round\s+the\s+corner"
               r"\s+from)\s+(?:the\s+)?")
_STREET = re.compile(r"(?i:" + _STREET_CUE + rf")(?P<name>{_NAME}\s+(?:{_STREET_WORDS}))\b(?!\.\w)")
_PLACE_CUE = re.compile(
    r"\b(?:(?P<here>(?:lives?|living|lived|resides?|residing|staying|stays|settled|based|rehoused|housed)\s+"
    r"(?:(?:just\s+)?(?:outside|near)\s+|out\s+|over\s+|up\s+|down\s+)?in|(?:moved|moving|move|relocated|"
    r"relocating|rehoused)\s+(?:back\s+|out\s+|up\s+|down\s+|over\s+|here\s+)?(?:to|into)|the\s+(?:village|hamlet)"
    r"\s+of|(?:a\s+)?(?:village|hamlet)\s+called)|(?P<away>(?:moved|moving|relocated|came|come)\s+(?:back\s+|up\s+|"
    r"down\s+|over\s+|here\s+)?from))\s+", re.IGNORECASE)
_PLACE = re.compile(rf"(?P<name>{_PLACE_NAME})(?![\w'’])")
_STRONG_PLACE_CUE = re.compile(r"(?:village|hamlet)\s+(?:of|called)\s+$", re.IGNORECASE)
_INSTITUTION = re.compile(r"^\s+(?:Council|Hospital|Prison|University|College|School|Academy|Station|Airport|Centre|"
                          r"Center|Road|Street|Lane|Care|Nursing|House|Hall|Court|Estate|Hostel|Hotel|Ward)\b")
_COUNTRIES = re.compile(rf"^(?:{COUNTRIES})$", re.IGNORECASE)
_SENTENCE = re.compile(r"[.!?\n]")


def _sentence_before(text: str, start: int, reach: int = 80) -> str:
    window = text[max(0, start - reach):start]
    cut = max((m.end() for m in _SENTENCE.finditer(window)), default=0)
    return window[cut:]


def _strip_stop(start: int, name: str) -> tuple[int, str] | None:
    """Drop sentence-start or function words before a name ("The Greenfield" -> "Greenfield")."""
    lead = _STOP_RE.match(name)
    if lead:
        start, name = start + lead.end(), name[lead.end():]
    return None if not name or name in _STOP_FIRST else (start, name)


def _estates(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _ESTATE.finditer(text):
        stripped = _strip_stop(m.start("name"), m.group("name"))
        if not stripped:
            continue
        start, name = stripped
        if name.split()[-1].lower() in _NOT_ESTATE:
            continue
        # lower-case "estate" only as "the Greenfield estate" (not "a Lewisham estate"), and the name a place
        # only when it is not a readable one (checked by the caller on the name)
        if m.group("word") == "estate" and not re.search(r"\b[Tt]he\s+$", text[max(0, start - 4):start]):
            continue
        out.append((start, m.end(), "estate"))
    return out


def _residence_near(text: str, start: int, end: int) -> bool:
    before = _sentence_before(text, start, 70)
    if _NOT_RESIDENCE.search(before[-40:]):
        return False
    after = text[end:end + 30]
    return bool(_RESIDENCE.search(before) or _AFTER_RESIDENCE.match(after))


def _buildings(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _BUILDING.finditer(text):
        stripped = _strip_stop(m.start("name"), m.group("name"))
        if not stripped:
            continue
        start, name = stripped
        if name.split()[-1].lower() in _NOT_BUILDING or name.split()[0].lower() in _NOT_BUILDING:
            continue
        if _residence_near(text, start, m.end()):
            out.append((start, m.end(), "block"))
    for m in _BLOCK.finditer(text):
        if _residence_near(text, m.start(), m.end()):
            out.append((m.start(), m.end(), "block"))
    return out


def _streets(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _STREET.finditer(text):
        stripped = _strip_stop(m.start("name"), m.group("name"))
        if stripped and stripped[1][0].isupper() and len(stripped[1].split()) >= 2:
            out.append((stripped[0], m.end("name"), "street"))
    return out


def _places(text: str, plain_word: Callable[[str], bool]) -> list[tuple[int, int, str, bool]]:
    out = []
    for cue in _PLACE_CUE.finditer(text):
        m = _PLACE.match(text, cue.end())
        if not m or _INSTITUTION.match(text, m.end()):
            continue
        name = m.group("name")
        if name.endswith(("'s", "’s")):
            continue                                   # "moved to Sarah's": a person's home, not a place name
        strong = bool(_STRONG_PLACE_CUE.search(cue.group()))
        if not strong and all(plain_word(w.lower()) for w in name.split()):
            continue                                   # "lives in Temporary Accommodation", "moved to Supported ..."
        out.append((m.start(), m.end(), "place", bool(cue.group("away"))))
    return out


def _readable_place(kind: str, text: str, start: int, end: int, readable: Callable[[str], bool],
                    allowed: Callable[[int, int], bool], plain_word: Callable[[str], bool] | None) -> bool:
    """A place to keep: a hamlet candidate that is a readable area or allow-listed, or is one followed by
    everyday words ("Leeds City Centre"; but "Kirkby Thore" is not Kirkby); "the Catford
    estate" (a readable place's estate, not a named one). A named building or estate is never readable."""
    name = text[start:end]
    if kind == "place":
        words = name.split()
        for n in range(len(words), 0, -1):
            part = " ".join(words[:n])
            if n < len(words) and not (plain_word and all(plain_word(w.lower()) for w in words[n:])):
                continue
            if readable(part) or (text.startswith(part, start) and allowed(start, start + len(part))):
                return True
        return False
    if kind == "street":      # only allow-listed ("Forest Hill", a deployment's "Lee Green"): a street-shaped
        return False          # ward name elsewhere ("Mill Lane" in Mansfield) does not make "lives on Mill Lane" one
    if kind == "estate" and name.endswith(" estate"):
        core = name[:-len(" estate")]
        return readable(core) or allowed(start, start + len(core))
    return False


def find_small_places(text: str, found: list[Finding], allowed: Callable[[int, int], bool],
                      places: PlaceNames | None = None, plain_word: Callable[[str], bool] | None = None,
                      ) -> list[tuple[int, int, str, bool]]:
    """(start, end, kind, away) of each small place in `text`, none overlapping a finding already made or an
    allow-listed phrase. `allowed(start, end)`: is text[start:end] inside an allow-listed phrase. `places`
    turns on the hamlet rule; `plain_word(lower_word)` says a word is everyday English (needed with it)."""
    taken = bytearray(len(text))           # 1: hidden as another identifier; 2: a name (a building may take it)
    for f in found:
        taken[f.start:f.end] = bytes([2 if f.entity_type == E.PERSON else 1]) * (f.end - f.start)

    def readable(name: str) -> bool:
        return bool(_COUNTRIES.match(name)) or (places is not None and places.is_area_name(name))

    def free(start: int, end: int) -> bool:
        """Nothing hidden there but whole names inside it: spaCy reads "Ashdown House", "Mill Lane" or "Pooley
        Bridge" as a person, and the place's reading (a building word, a street word, a residence cue) wins;
        it is hidden either way."""
        return 1 not in taken[start:end] and not any(f.entity_type == E.PERSON and f.start < end and start < f.end
                                                     and not (start <= f.start and f.end <= end) for f in found)

    spans: list[tuple[int, int, str, bool]] = []
    candidates = [(s, e, k, False) for s, e, k in _estates(text) + _buildings(text) + _streets(text)]
    if places is not None and plain_word is not None:
        candidates += _places(text, plain_word)
    for start, end, kind, away in sorted(candidates, key=lambda c: (c[0], -c[1])):
        if not free(start, end):
            continue
        if allowed(start, end) or _readable_place(kind, text, start, end, readable, allowed, plain_word):
            continue
        if kind in ("estate", "block") and re.search(r"(?<![\w])[Tt]he\s+$", text[max(0, start - 5):start]):
            start = text.rindex("he", 0, start) - 1             # "lives on the Greenfield Estate": "the" goes too
        taken[start:end] = b"\x01" * (end - start)
        spans.append((start, end, kind, away))
    return _join_blocks(text, sorted(spans))


def _join_blocks(text: str, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, str, bool]]:
    """"Block C, Jubilee Tower" and "Jubilee Tower on the Greenfield Estate" are one place: spans that only
    a comma or "of", "in", "on", "at" separate become one, of the finer kind."""
    out: list[tuple[int, int, str, bool]] = []
    order = ["block", "street", "estate", "place"]
    for span in spans:
        if out and re.fullmatch(r"[\s,]*(?:(?:of|in|on|at)\s+(?:the\s+)?)?", text[out[-1][1]:span[0]]):
            prev = out[-1]
            kind = min(prev[2], span[2], key=order.index)
            out[-1] = (prev[0], span[1], kind, prev[3] or span[3])
        else:
            out.append(span)
    return out


def detail(kind: str, area: str | None, away: bool) -> str:
    """The words inside the placeholder: "a housing estate in Riverside ward", or without the area."""
    what = KINDS[kind]
    if area and not away and len(what) + 4 + len(area) <= MAX_DETAIL:
        return f"{what} in {area}"
    return what


def generalise(text: str, found: list[Finding], allowed: Callable[[int, int], bool],
               places: PlaceNames | None, area: str | None, districts: list[str],
               plain_word: Callable[[str], bool] | None = None) -> list[Finding]:
    """The note's findings with its small places added (type SMALL_PLACE, the placeholder's words in `detail`);
    a name found inside a small place gives way to it ("Ashdown House", "Pooley Bridge").
    `area` is the area the note arrived with (a code or a name, as given); `districts` the postcode districts
    found in it: the place names turn them into a readable area, looked up only when a small place is found."""
    spans = find_small_places(text, found, allowed, places, plain_word)
    if not spans:
        return found
    label = places.area_label(area, districts) if places is not None else None
    kept = [f for f in found if not any(s <= f.start and f.end <= e for s, e, _, _ in spans)]
    return kept + [Finding(E.SMALL_PLACE, start, end, 0.9, detail(kind, label, away)) for start, end, kind, away in spans]
