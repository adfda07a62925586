"""Resolve a note's area to an ONS code from whatever the worker gave, and say how it was resolved.

Order: an ONS code we know; a ward or council name (or a known variant); a postcode or postcode district;
else a postcode the anonymiser found in the note (its district, taken before the postcode was replaced).
An area that cannot be resolved is kept as unknown and counted, never dropped.
"""
from __future__ import annotations

import re

from anonymise.replace import postcode_district

ONS_CODE = re.compile(r"^[EWSNK]\d{8}$")


def normalise_name(name: str) -> str:
    name = name.lower().replace("&", "and")
    name = re.sub(r"\b(ward|london borough of|borough of|city of|council|district|county)\b", " ", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


def resolve_area(store, given: str | None, districts_in_text: list[str]) -> tuple[str | None, str]:
    """Return (area code or None, how). The given value itself is never stored."""
    value = (given or "").strip()
    if value:
        code = value.upper()
        if ONS_CODE.match(code) and store.area(code):
            return code, "code"
        matches = store.area_by_alias(normalise_name(value), "name")
        if len(matches) == 1:
            return matches[0], "name"
        district = postcode_district(value)
        if district:
            matches = store.area_by_alias(district, "postcode_district")
            if matches:
                return matches[0], "postcode_district"
    for district in districts_in_text:
        matches = store.area_by_alias(district, "postcode_district")
        if matches:
            return matches[0], "postcode_in_note"
    return None, "unknown"


def name_aliases(areas: list[dict]) -> list[dict]:
    return [{"alias": normalise_name(a["name"]), "kind": "name", "area_code": a["code"]} for a in areas]
