"""Turns analyzer results into anonymised text: overlapping findings merge (the union is hidden),
people get consistent numbered placeholders, postcodes become their district, dates of birth an age band,
older full dates their decade,
small places their kind and area (`<PLACE:a housing estate in Riverside ward>`, anonymise/small_places.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from anonymise import entities as E

# When findings overlap, the merged span takes the type of the most specific finding.
PRIORITY = {
    E.UK_NHS: 10, E.UK_NINO: 10, E.EMAIL_ADDRESS: 9, E.DATE_OF_BIRTH: 9, E.UK_POSTCODE: 8, E.STREET_ADDRESS: 8,
    E.BANK_ACCOUNT: 7, E.UK_PASSPORT: 7, E.CASE_REFERENCE: 6, E.PHONE_NUMBER: 6, E.CREDIT_CARD: 6,
    E.IBAN_CODE: 6, E.UK_VEHICLE_REGISTRATION: 5, E.PAST_DATE: 5, E.PERSON: 4, E.IP_ADDRESS: 3, E.SMALL_PLACE: 3, E.URL: 2,
    E.MANUAL: 1,
}
TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "cllr"}
FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$")
OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
AGE_BANDS = [(0, 17, "under 18"), (18, 24, "18-24"), (25, 34, "25-34"), (35, 44, "35-44"), (45, 54, "45-54"),
             (55, 64, "55-64"), (65, 74, "65-74"), (75, 200, "75+")]


@dataclass
class Finding:
    entity_type: str
    start: int
    end: int
    score: float
    detail: str | None = None   # a small place's words ("a housing estate in Riverside ward"): anonymise/small_places.py


@dataclass
class Redaction:
    entity_type: str
    placeholder: str
    start: int          # offsets in the anonymised text
    end: int
    orig_start: int     # offsets in the original text (kept in memory only, never stored)
    orig_end: int
    score: float


@dataclass
class AnonymisedText:
    text: str
    redactions: list[Redaction]
    postcode_districts: list[str] = field(default_factory=list)
    age_band: str | None = None


@dataclass
class Corrections:
    """A worker's fixes to a preview: words the anonymiser missed, and findings it should not have hidden
    (identified by their offsets in the original text, as the preview reported them)."""
    hide: list[str] = field(default_factory=list)
    keep: list[tuple[int, int]] = field(default_factory=list)


def apply_corrections(text: str, findings: list[Finding], corrections: Corrections | None) -> list[Finding]:
    if corrections is None:
        return findings
    keep = {(int(a), int(b)) for a, b in corrections.keep}
    out = [f for f in findings if (f.start, f.end) not in keep]
    for phrase in {p.strip() for p in corrections.hide if p and p.strip()}:
        pattern = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)
        out.extend(Finding(E.MANUAL, m.start(), m.end(), 1.0) for m in pattern.finditer(text))
    return out


def merge(findings: list[Finding]) -> list[Finding]:
    """Cluster overlapping findings; each cluster hides the union of its spans."""
    merged: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and f.start < merged[-1].end:
            cur = merged[-1]
            best = max((cur, f), key=lambda x: (PRIORITY.get(x.entity_type, 0), x.end - x.start, x.score))
            merged[-1] = Finding(best.entity_type, cur.start, max(cur.end, f.end), max(cur.score, f.score),
                                 best.detail)
        else:
            merged.append(f)
    return merged


ADDRESS_GAP = re.compile(r"[ \t]*,?[ \t]*")


# What stands before a street to say which home in it: "Flat 4F1, ", "rm 227, ", "Bedsit 14, ", "Annexe, ",
# "Rear of ", "4th floor, ", "1st Floor Flat, ", "BASEMENT FLAT, ", "Studio ", "NO.", "Flat 3/2 ".
UNIT_BEFORE = re.compile(
    r"(?i)(?<![\w])(?:(?:flat|apartment|apt\.?|unit|room|rm\.?|bedsit|studio|maisonette|annexe?|suite)"
    r"(?:[ \t]*(?:\d{1,3}[a-z]?(?:/\d{1,3})?|\d[a-z]\d|[a-z]))?"
    r"|(?:(?:lower[ \t]+)?ground|basement|first|second|third|top|\d{1,2}(?:st|nd|rd|th))[ \t]+floor(?:[ \t]+flat)?"
    r"|(?:basement|garden|top|attic)[ \t]+flat|rear[ \t]+of|back[ \t]+of|no\.?)[ \t]*,?[ \t]*$")
# A house number after the street in a form or a note: "Plover Walk, 30 - blue door", "TANYARD MEWS, 153 now".
NUMBER_AFTER = re.compile(r",?[ \t]*\d{1,4}[A-Za-z]?(?=[ \t]*(?:[,.;:)\]\-–]|$|\n|[ \t](?:now|then|off|on|in)\b))")


def _widen(text: str, f: Finding) -> Finding:
    """A found street with its flat or unit before it, and its house number after it when it had none."""
    start, end = f.start, f.end
    m = UNIT_BEFORE.search(text, max(0, start - 40), start)
    if m and m.end() == start:
        start = m.start()
    if not any(c.isdigit() for c in text[f.start:f.end]):
        after = NUMBER_AFTER.match(text, end)
        if after:
            end = after.end()
    return f if (start, end) == (f.start, f.end) else Finding(E.STREET_ADDRESS, start, end, f.score)


def join_addresses(text: str, findings: list[Finding]) -> list[Finding]:
    """Street-address pieces found apart ("flat 76" and "188 Summerseat" in "flat 76, 188 Summerseat") become
    one span when only a comma and spaces lie between them, so the comma between is hidden too; a flat, room
    or floor before a found street and a house number after it (`_widen`) join it as well."""
    streets = sorted((_widen(text, f) for f in findings if f.entity_type == E.STREET_ADDRESS), key=lambda f: f.start)
    if len(streets) < 2:
        return [f for f in findings if f.entity_type != E.STREET_ADDRESS] + streets
    others = [f for f in findings if f.entity_type != E.STREET_ADDRESS]
    joined = [streets[0]]
    for f in streets[1:]:
        cur = joined[-1]
        if cur.end <= f.start and ADDRESS_GAP.fullmatch(text, cur.end, f.start):
            joined[-1] = Finding(E.STREET_ADDRESS, cur.start, max(cur.end, f.end), max(cur.score, f.score))
        else:
            joined.append(f)
    return others + joined


def postcode_district(value: str) -> str | None:
    compact = re.sub(r"\s+", "", value.upper())
    m = FULL_POSTCODE.match(compact)
    if m:
        return m.group(1)
    return compact if OUTWARD.match(compact) else None


def age_band(value: str, on: date) -> str | None:
    from dateutil import parser

    from anonymise.spoken_numbers import with_digits

    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", with_digits(value), flags=re.I)
    try:
        born = parser.parse(cleaned, dayfirst=True, fuzzy=True, default=None).date()
    except (ValueError, OverflowError, TypeError):
        return None
    if born.year > on.year:          # a two-digit year read into the future: 03/04/55 means 1955
        born = born.replace(year=born.year - 100)
    age = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    return None


def _person_key(value: str) -> list[str]:
    tokens = [t for t in re.findall(r"[a-z][a-z'\-]*", value.lower()) if t.rstrip(".") not in TITLES]
    return [t[:-2] if t.endswith("'s") else t for t in tokens]


class PersonNumbers:
    """Same person, same number within one note: 'Sarah Khan', 'Sarah' and 'Mrs Khan' share <PERSON_1>."""

    def __init__(self) -> None:
        self.keys: list[set[str]] = []

    def number(self, value: str) -> int:
        key = set(_person_key(value)) or {value.lower()}
        for i, known in enumerate(self.keys):
            if key <= known or known <= key:
                known |= key
                return i + 1
        self.keys.append(key)
        return len(self.keys)


def past_decade(value: str) -> str | None:
    """"1980s" for a full date in 1986 (anonymise/recognisers/past_date.py); None without a 19xx/20xx year."""
    from anonymise.spoken_numbers import with_digits

    value = with_digits(value)
    years = re.findall(r"(?:19|20)\d\d", value)
    if not years:
        return None
    year = years[0] if re.match(r"\s*(?:19|20)\d\d", value) else years[-1]
    return f"{year[:3]}0s"


def render(text: str, findings: list[Finding], on: date) -> AnonymisedText:
    people = PersonNumbers()
    out: list[str] = []
    redactions: list[Redaction] = []
    districts: list[str] = []
    band = None
    pos = 0
    length = 0
    for f in merge(findings):
        value = text[f.start:f.end]
        if f.entity_type == E.PERSON:
            placeholder = f"<PERSON_{people.number(value)}>"
        elif f.entity_type == E.UK_POSTCODE and (district := postcode_district(value)):
            placeholder = f"<POSTCODE:{district}>"
            if district not in districts:
                districts.append(district)
        elif f.entity_type == E.DATE_OF_BIRTH and (found := age_band(value, on)):
            placeholder = f"<AGE:{found}>"
            band = band or found
        elif f.entity_type == E.PAST_DATE and (decade := past_decade(value)):
            placeholder = f"<DATE:{decade}>"
        elif f.entity_type == E.SMALL_PLACE:
            placeholder = f"<PLACE:{f.detail or 'a small place'}>"
        elif f.entity_type == E.MANUAL:
            placeholder = "<HIDDEN>"
        else:
            placeholder = f"<{f.entity_type}>"
        chunk = text[pos:f.start]
        out.append(chunk)
        length += len(chunk)
        redactions.append(Redaction(f.entity_type, placeholder, length, length + len(placeholder),
                                    f.start, f.end, round(f.score, 3)))
        out.append(placeholder)
        length += len(placeholder)
        pos = f.end
    out.append(text[pos:])
    return AnonymisedText("".join(out), redactions, districts, band)
