"""Theme-indicator links: a small editable YAML mapping (default: engine/places/links.yaml) with a polarity each.

    links:
      - theme: food_poverty
        indicators:
          - {indicator: income_deprivation_rate, polarity: higher_is_worse, why: "..."}

The order of a theme's indicators is its priority: the evidence view uses the first that has values for the
areas being compared. Loading a file replaces the stored links.
"""
from __future__ import annotations

from pathlib import Path

from engine.core.errors import InputError

DEFAULT_LINKS = Path(__file__).with_name("links.yaml")
POLARITIES = ("higher_is_worse", "higher_is_better")


def parse_links(path: Path) -> list[dict]:
    import yaml

    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"Cannot read the links file {path.name} ({exc}). Give a YAML file like engine/places/links.yaml.") \
            from None
    entries = data.get("links") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise InputError(f"{path.name} needs a top-level 'links:' list; see engine/places/links.yaml for the layout.")
    out = []
    for n, entry in enumerate(entries, start=1):
        theme = entry.get("theme") if isinstance(entry, dict) else None
        indicators = entry.get("indicators") if isinstance(entry, dict) else None
        if not theme or not isinstance(indicators, list):
            raise InputError(f"{path.name}: link {n} needs a 'theme' and a list of 'indicators'.")
        for priority, ind in enumerate(indicators):
            if not isinstance(ind, dict) or not ind.get("indicator"):
                raise InputError(f"{path.name}: theme {theme}, indicator {priority + 1} needs an 'indicator' id.")
            polarity = ind.get("polarity", "higher_is_worse")
            if polarity not in POLARITIES:
                raise InputError(f"{path.name}: theme {theme}, indicator {ind['indicator']}: polarity must be "
                                 f"higher_is_worse or higher_is_better, not {polarity!r}.")
            out.append({"theme_id": str(theme), "indicator_id": str(ind["indicator"]), "polarity": polarity,
                        "priority": priority, "why": ind.get("why")})
    return out


def load_links(store, path: Path | None = None) -> dict:
    """Replace the stored links with the file's; report themes the taxonomy does not have and indicators not
    loaded yet (kept: they take effect once the theme or indicator exists)."""
    links = parse_links(path or DEFAULT_LINKS)
    store.replace_theme_indicator_links(links)
    themes = {t["id"] for t in store.themes()}
    indicators = {i["id"] for i in store.indicators()}
    return {"links": len(links),
            "themes_not_in_taxonomy": sorted({x["theme_id"] for x in links} - themes) if themes else [],
            "indicators_not_loaded": sorted({x["indicator_id"] for x in links} - indicators)}


def show_links(store) -> list[dict]:
    indicators = {i["id"]: i for i in store.indicators()}
    return [{**x, "loaded": x["indicator_id"] in indicators,
             "observations": (indicators.get(x["indicator_id"]) or {}).get("observations", 0)}
            for x in store.theme_indicator_links()]
