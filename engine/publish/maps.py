"""A theme's share of notes by area, for a choropleth map: the evidence view's cells (suppressed, secondary
suppression included) joined to the stored boundaries (engine/places/boundaries.py). A hidden cell is marked
`suppressed` (drawn hatched, "fewer than N"), an area with no notes at all `no_notes`; never a hidden number."""
from __future__ import annotations

from engine.core.errors import InputError
from engine.publish import evidence as evidence_mod
from engine.publish.suppression import Policy, suppressed_label


def theme_map(store, policy: Policy, theme_id: str, level: str = "ward", within: str | None = None,
              period: str | None = None) -> dict:
    """Areas at `level` (wards of the council `within`, or every council) with their published share of notes
    in the theme and their outline. Raises InputError when no boundaries are stored for them."""
    theme = store.theme(theme_id)
    if level not in ("ward", "lad"):
        raise InputError(f"level must be ward or lad, not '{str(level)[:10]}'.", where="level",
                         fix="Use level=ward (with a council's code as `within`) or level=lad.")
    if level == "ward" and within is None:
        raise InputError("A ward map is for one council.", where="within",
                         fix="Give the council's ONS code as `within` (for example E09000023), or use level=lad.")
    outlines = {b["code"]: b for b in store.boundaries(level=level, parent_code=within if level == "ward" else None)}
    known = {a["code"]: a for a in store.areas(level)}
    if level == "lad":   # the councils the notes come from, not all of England
        outlines = {c: b for c, b in outlines.items() if c in known}
    if not outlines:
        where = f" in {within}" if within else ""
        raise InputError(f"No boundaries are stored for the {'wards' if level == 'ward' else 'councils'}{where}.",
                         where="boundaries", fix="Import them with `insights areas boundaries FILE ...` "
                         "(the ward and council files in ../shared/data/areas/boundaries/).")
    cells = {r["area_code"]: r for r in evidence_mod.build(store, policy, level, period) if r["theme"] == theme_id}
    out = []
    for code in sorted(outlines):
        a = known.get(code) or {"code": code, "name": outlines[code]["name"]}
        cell = cells.get(a["code"])
        out.append({"code": a["code"], "name": a["name"], "no_notes": cell is None,
                    "suppressed": bool(cell and cell["suppressed"]),
                    "notes": cell["notes"] if cell else None,
                    "share": cell["story_share"] if cell and not cell["suppressed"] else None,
                    "geometry": outlines[a["code"]]["geometry"]})
    sources = sorted({outlines[a["code"]]["source"] for a in out})
    return {"theme_id": theme_id, "theme_label": theme["label"], "level": level, "within": within,
            "within_name": (store.area(within) or {}).get("name") if within else None, "period": period or "all",
            "hidden_label": suppressed_label(policy, theme["sensitive"]), "areas": out, "attribution": sources,
            "method": policy.method()}


SUMMARY_MAPS = 3          # the summary maps its top three themes
NO_BOUNDARIES = ("No maps: no area boundaries are loaded yet (an admin imports them with "
                 "`insights areas boundaries`).")


def summary_maps(store, policy: Policy, theme_ids: list[str], areas: list[str] | None = None,
                 period: str | None = None) -> dict:
    """Maps of the summary's top themes (the first SUMMARY_MAPS of `theme_ids`), each exactly `theme_map`'s
    published data: the wards of the one council the chosen areas are in, else the councils (only the chosen ones,
    when some are). {"maps": [...], "note": None, or one plain line saying why there is no map}."""
    if not theme_ids:
        return {"maps": [], "note": "No maps: no theme has enough notes here to show."}
    if not store.boundary_count():
        return {"maps": [], "note": NO_BOUNDARIES}
    every = {a["code"]: a for a in store.areas()}
    chosen = set(areas or [])
    councils = {c if every.get(c, {}).get("level") == "lad" else every.get(c, {}).get("parent_code") for c in chosen}
    tries = [("lad", None)]
    if len(councils) == 1 and None not in councils:
        tries.insert(0, ("ward", next(iter(councils))))   # one council: its wards (else, or no outlines: councils)
    for level, within in tries:
        try:
            out = [theme_map(store, policy, t, level, within, period) for t in theme_ids[:SUMMARY_MAPS]]
        except InputError:
            continue
        if level == "lad" and chosen:
            for data in out:
                data["areas"] = [a for a in data["areas"] if a["code"] in councils]
        if out and out[0]["areas"]:
            return {"maps": out, "note": None}
    return {"maps": [], "note": "No maps: no boundaries are loaded for these areas."}
