"""Resolve a note's area to an ONS code from whatever the worker gave, and say how it was resolved.

Order: an ONS code we know; a ward or council name (or a known variant, e.g. "Hull", "London Borough of
Lewisham"); a postcode or postcode district; else a postcode the anonymiser found in the note (its district,
taken before the postcode was replaced). An area that cannot be resolved is kept as unknown ("unknown", or
"ambiguous" when a name fits several areas equally) and counted, never dropped.
"""
from __future__ import annotations

import re

from anonymise.replace import postcode_district

ONS_CODE = re.compile(r"^[EWSNK]\d{8}$")
_DROP = re.compile(r"\b(ward|london borough of|royal borough of|metropolitan borough of|borough of|city of|"
                   r"county of|council|district|county|borough|the)\b")


def normalise_name(name: str) -> str:
    name = name.lower().replace("&", "and").replace("st.", "st ")
    name = re.sub(r"\bsaint\b", "st", name)
    name = _DROP.sub(" ", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


def name_variants(name: str) -> list[str]:
    """The normalised name, and the same without "city" ("Hull City Council" -> "hull city", "hull")."""
    base = normalise_name(name)
    out = [base] if base else []
    short = re.sub(r"\s+", " ", re.sub(r"\bcity\b", " ", base)).strip()
    if short and short != base:
        out.append(short)
    return out


def _by_name(store, value: str) -> tuple[str | None, str]:
    matches = store.area_by_alias(normalise_name(value), "name")
    unique = list(dict.fromkeys(matches))
    if len(unique) == 1:
        return unique[0], "name"
    if len(unique) > 1:
        # several areas share the name: a single council among them is what a worker usually means
        councils = [c for c in unique if (store.area(c) or {}).get("level") == "lad"]
        current = [c for c in councils if (store.area(c) or {}).get("vintage") != "retired"]
        for group in (current, councils):
            if len(group) == 1:
                return group[0], "name"
        return None, "ambiguous"
    return None, "unknown"


def resolve_area(store, given: str | None, districts_in_text: list[str]) -> tuple[str | None, str]:
    """Return (area code or None, how). The given value itself is never stored."""
    value = (given or "").strip()
    how_failed = "unknown"
    if value:
        code = value.upper()
        if ONS_CODE.match(code) and store.area(code):
            return code, "code"
        found, how_failed = _by_name(store, value)
        if found:
            return found, "name"
        district = postcode_district(value)
        if district:
            matches = store.area_by_alias(district, "postcode_district")
            if matches:
                return matches[0], "postcode_district"
    for district in districts_in_text:
        matches = store.area_by_alias(district, "postcode_district")
        if matches:
            return matches[0], "postcode_in_note"
    return None, how_failed


def name_aliases(areas: list[dict]) -> list[dict]:
    return [{"alias": v, "kind": "name", "area_code": a["code"]} for a in areas for v in name_variants(a["name"])]
