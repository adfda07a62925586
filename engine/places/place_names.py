"""Area names for the anonymiser's small-place rule (anonymise/small_places.py), from the areas in the store:
the imported lookups (`insights areas import`: every ward since 2016, every council, the House of Commons
Library's MSOA neighbourhood names) and areas set up by hand (the demo's wards). Meets
`engine.core.protocols.PlaceNames`.

- `is_area_name("Harehills")`: a ward, council or neighbourhood name, also as the first part of an MSOA or ward
  name with a compass word ("Harehills North", "Catford South"), is readable: such an area has thousands of
  residents (an MSOA at least 5,000; most wards several thousand), so naming it does not point at a person.
- `area_label(given, districts)`: the note's area as the worker gave it (code or name, else a postcode district
  found in the note), resolved as the pipeline resolves it (engine/places/areas.py): a ward reads as
  "Riverside ward", anything else as its council ("Lewisham"); None when nothing resolves.
Look-ups are cached per instance (one per pipeline); raw note text never comes here, only place names.
"""
from __future__ import annotations

from engine.places.areas import name_variants, resolve_area

COMPASS = ("north", "south", "east", "west", "central")


class StorePlaceNames:
    def __init__(self, store):
        self.store = store
        self._known: dict[str, bool] = {}

    def is_area_name(self, name: str) -> bool:
        key = " ".join(name.lower().split())
        if key not in self._known:
            self._known[key] = self._look_up(name)
        return self._known[key]

    def _look_up(self, name: str) -> bool:
        for variant in name_variants(name):
            if self.store.area_by_alias(variant, "name"):
                return True
            if any(self.store.area_by_alias(f"{variant} {c}", "name") for c in COMPASS):
                return True
        return False

    def area_label(self, given: str | None, districts: list[str]) -> str | None:
        code, _ = resolve_area(self.store, given, districts)
        area = self.store.area(code) if code else None
        if not area:
            return None
        name = (area.get("name") or "").strip()
        if area.get("level") == "ward" and name:
            return name if name.lower().endswith(" ward") else f"{name} ward"
        if area.get("level") in ("lad", "utla", "region") and name:
            return name
        council = self.store.area(self.store.area_lad(code) or "")   # an LSOA or MSOA: its council
        return (council or {}).get("name") or None
