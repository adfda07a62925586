"""What we're hearing where you work: the contributor's picture of the areas their organisation's notes come from.

    picture(store, policy, org_id, period="2025-Q3")

For each area the organisation's notes are placed in (at the level they were stored: a ward, an LSOA, a council)
and for the council each sits in, the themes heard there *by every group*: notes and share, the trend over the
last `months` months (engine/publish/trends.py, with its "rising" test), how many distinct organisations raised
each (a theme raised by only one or two organisations is marked, so one busy group cannot look like a whole
area), the council figure linked to the theme (engine/places links) explained in plain words with its source and
licence, whether stories and figures agree or pull apart (the evidence cells' divergence, engine/publish/evidence),
and the "you said, we did" responses about the theme there (engine/publish/responses.py).

Privacy: no note text and no quotes at all, of any organisation. Every count passes engine.publish.suppression:
wards' and councils' theme counts are the evidence table's cells (primary and secondary suppression, rounding);
other levels' pass `publish_count`; an organisations count passes `publish_organisations` (withheld below
the threshold like any count, and not at all where its theme's notes are hidden). The organisation's own note counts are used
only to choose the areas.
"""
from __future__ import annotations

from engine.core.periods import check_period, month_range, period_end, period_label
from engine.publish import evidence, trends
from engine.publish.responses import responses_for_areas
from engine.publish.suppression import Policy, publish_count, publish_organisations, publish_share, suppressed_label

TREND_MONTHS = 6
EVIDENCE_LEVELS = ("ward", "lad")
LEVEL_WORDS = {"lsoa": ("neighbourhood (LSOA)", "neighbourhoods"), "msoa": ("area (MSOA)", "areas of its kind"),
               "ward": ("ward", "wards"), "lad": ("council area", "council areas"),
               "utla": ("county or unitary council area", "county and unitary council areas"),
               "region": ("region", "regions")}
AGREE = "agree"
AGREEMENT_WORDS = {
    "heard but not counted": "Heard but not counted: groups hear about this here more than in most {areas}, yet the "
                             "council figure is lower than in most. The stories may show a need the figures miss.",
    "counted but not heard": "Counted but not heard: the council figure shows more need here than in most {areas}, "
                             "yet few notes talk about it. People may not be reaching groups about it, or not "
                             "raising it.",
    AGREE: "Stories and figures agree: neither is far out of line with the other here.",
}
CSV_COLUMNS = ["area_code", "area_name", "level", "kind", "theme_id", "theme_label", "notes", "share",
               "organisations", "few_organisations", "rising", "indicator", "indicator_value", "indicator_period",
               "indicator_percentile", "agreement", "responses"]


def _count(n: int | None, policy: Policy, sensitive: bool, noun: str = "notes") -> dict:
    """A published count (None when withheld) and its words."""
    return {noun: n, f"{noun}_label": str(n) if n is not None else suppressed_label(policy, sensitive)}


def _areas(store, org_id: int) -> list[dict]:
    """The areas the organisation's notes are placed in ("local"), then the councils they sit in ("council")."""
    local, councils = {}, {}
    for code in store.org_note_areas(org_id):
        area = store.area(code)
        if not area:
            continue
        if area["level"] == "lad":
            councils[code] = area
            continue
        local[code] = area
        lad = store.area_lad(code)
        if lad and store.area(lad):
            councils[lad] = store.area(lad)
    key = (lambda a: (a["name"] or "", a["code"]))
    return ([{**a, "kind": "local"} for a in sorted(local.values(), key=key)]
            + [{**a, "kind": "council"} for a in sorted(councils.values(), key=key)])


def _trend_months(store, period: str | None, months: int) -> list[str]:
    """The `months` months ending at the end of the period (or at the latest month with notes)."""
    every = store.note_months()
    if not every:
        return []
    last = period_end(period) if period else every[-1]
    y, m = map(int, last.split("-"))
    index = y * 12 + m - 1
    # counted out here, not with trends.period_range, whose text comparison does not stop after 9999-12
    return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(max(index - months + 1, 12), index + 1)]


class PictureCache:
    """What one picture (or one run of digests) reads once: evidence cells per level, indicators, observations."""

    def __init__(self, store, policy: Policy, period: str | None):
        self.store, self.policy, self.period = store, policy, period
        self._cells: dict = {}
        self._observations: dict = {}
        self._values: dict = {}
        self.indicators = {i["id"]: i for i in store.indicators()}
        self.links: dict[str, list[dict]] = {}
        for link in store.theme_indicator_links():
            self.links.setdefault(link["theme_id"], []).append(link)
        self.levels = {a["code"]: a["level"] for a in store.areas()}

    def cells(self, level: str) -> dict:
        """The evidence records at `level` for the period: {(area_code, theme_id): record}, and per theme how many
        areas have an indicator percentile (what a percentile is out of)."""
        if level not in self._cells:
            records = evidence.build(self.store, self.policy, level, self.period)
            compared: dict[str, int] = {}
            for r in records:
                if r["indicator_percentile"] is not None:
                    compared[r["theme"]] = compared.get(r["theme"], 0) + 1
            self._cells[level] = ({(r["area_code"], r["theme"]): r for r in records}, compared)
        return self._cells[level]

    def latest(self, indicator_id: str, area_code: str) -> tuple[str, float] | None:
        """(period, value) of the indicator's latest value for the area by the end of the period."""
        if indicator_id not in self._observations:
            self._observations[indicator_id] = self.store.observations(indicator_id)
        end, found = period_end(self.period), None
        for r in self._observations[indicator_id]:
            if r["area_code"] == area_code and r["value"] is not None and period_end(r["period"]) <= end:
                if found is None or period_end(r["period"]) > period_end(found[0]):
                    found = (r["period"], r["value"])
        return found

    def own_percentile(self, link: dict, area_code: str, level: str) -> tuple[float | None, int]:
        """Where the area stands on a linked indicator among every area of its level with a value (signed so
        that higher means more need): (percentile, how many areas)."""
        key = (link["indicator_id"], level)
        if key not in self._values:
            self._values[key] = {a: v for a, v in evidence.indicator_values(self.store, link["indicator_id"],
                                                                            self.period).items()
                                 if self.levels.get(a) == level}
        values = self._values[key]
        if area_code not in values:
            return None, len(values)
        signed = {a: (-v if link["polarity"] == "higher_is_better" else v) for a, v in values.items()}
        return evidence.percentiles(signed)[area_code], len(values)


def value_label(value: float, unit: str | None) -> str:
    if unit == "proportion":
        return f"{100 * value:.1f}%"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "rank":
        return f"rank {value:,.0f}"
    if unit == "people":
        return f"{value:,.0f} people"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _indicator(cache: PictureCache, theme_id: str, area: dict, record: dict | None) -> dict | None:
    """The council figure linked to the theme for this area, with what it means and where it comes from."""
    level, compared = area["level"], None
    link = percentile = None
    if record is not None and record["indicator"] and record["indicator_value"] is not None:
        link = next((x for x in cache.links.get(theme_id, []) if x["indicator_id"] == record["indicator"]), None)
        percentile = record["indicator_percentile"]
        compared = cache.cells(level)[1].get(theme_id)
    if link is None:
        for candidate in cache.links.get(theme_id, []):
            if candidate["indicator_id"] in cache.indicators and cache.latest(candidate["indicator_id"], area["code"]):
                link = candidate
                percentile, compared = cache.own_percentile(candidate, area["code"], level)
                break
    if link is None:
        return None
    meta = cache.indicators.get(link["indicator_id"]) or {"id": link["indicator_id"]}
    when, value = cache.latest(link["indicator_id"], area["code"]) or (None, None)
    if value is None:
        return None
    name, plural = LEVEL_WORDS.get(level, (level, f"{level} areas"))
    shown = value_label(value, meta.get("unit"))
    direction = ("A lower value means more need (rank 1 is the most deprived)." if link["polarity"] == "higher_is_better"
                 else "A higher value means more need.")
    words = f"{meta.get('label') or link['indicator_id']}: {shown} in {area['name'] or area['code']}"
    words += f" ({period_label(when)})." if when else "."
    if meta.get("description"):
        words += f" {meta['description'].rstrip('.')}."
    words += f" {direction}"
    if percentile is not None and compared and compared > 1:
        others = compared - 1
        k = round(percentile * others)
        standing = (f"more need than all the other {others}" if k == others else
                    f"the least need of the {compared}" if k == 0 else f"more need than {k} of the other {others}")
        words += f" Of the {compared} {plural} we can set beside each other, this {name} shows {standing}."
    return {"id": link["indicator_id"], "label": meta.get("label"), "unit": meta.get("unit"), "value": value,
            "value_label": shown, "period": when, "percentile": round(percentile, 3) if percentile is not None else None,
            "compared_with": compared, "polarity": link["polarity"], "why_linked": link.get("why"),
            "source": meta.get("source"), "licence": meta.get("licence"), "explanation": words,
            "source_label": f"Source: {meta.get('source') or 'not recorded'}. Licence: {meta.get('licence') or 'not recorded'}."}


def _agreement(record: dict | None, plural: str) -> tuple[str | None, str | None]:
    if record is None:
        return None, None
    if record["divergence"]:
        return record["divergence"], AGREEMENT_WORDS[record["divergence"]].format(areas=plural)
    if record["attention"] is not None:     # both signals known, for a visible cell, and not pulling apart
        return AGREE, AGREEMENT_WORDS[AGREE]
    return None, None


def _theme_row(cache: PictureCache, theme: dict, area: dict, reach: dict, total: int, record: dict | None,
               months: list[str], month_counts: dict, month_totals: dict, responses: list[dict]) -> dict:
    policy, sensitive = cache.policy, theme["sensitive"]
    raw = reach.get(theme["id"], {"notes": 0, "organisations": 0})
    if record is not None:      # the evidence table's cell: primary and secondary suppression, rounded
        notes, share = record["notes"], record["story_share"]
    else:
        notes = publish_count(raw["notes"], policy, sensitive)
        share = publish_share(raw["notes"], total, policy, sensitive)
    orgs = (publish_organisations(raw["organisations"], raw["notes"], policy, sensitive) if notes is not None
            else publish_organisations(0, 0, policy, sensitive))
    organisations, few = orgs["organisations"], bool(orgs["few_organisations"])
    trend = trends.series({m: month_counts.get((m, theme["id"]), 0) for m in months},
                          {m: month_totals.get(m, 0) for m in months}, months, policy, sensitive)
    plural = LEVEL_WORDS.get(area["level"], (area["level"], "areas"))[1]
    agreement, agreement_words = _agreement(record, plural)
    return {"id": theme["id"], "label": theme["label"], "description": theme["description"], "sensitive": sensitive,
            "suppressed": notes is None, **_count(notes, policy, sensitive), "share": share,
            **_count(organisations, policy, sensitive, "organisations"), "few_organisations": few,
            "few_organisations_label": ("Raised by only one or two organisations here, so it may be one group's "
                                        "work more than the whole area's experience.") if few else None,
            "trend": trend["points"], "rising": trend["rising"],
            "indicator": _indicator(cache, theme["id"], area, record),
            "agreement": agreement, "agreement_label": agreement_words,
            "responses": [r for r in responses if r["theme_id"] == theme["id"]]}


def _area(cache: PictureCache, area: dict, themes: list[dict], months: list[str]) -> dict:
    store, policy = cache.store, cache.policy
    month_from, month_to = month_range(cache.period)
    reach = store.area_theme_reach(area["code"], month_from, month_to)
    total = store.area_reach(area["code"], month_from, month_to)
    cells = cache.cells(area["level"])[0] if area["level"] in EVIDENCE_LEVELS else {}
    month_counts, month_totals = store.area_theme_months(area["code"])
    responses = responses_for_areas(store, [area["code"]], cache.period)
    rows = [_theme_row(cache, t, area, reach, total["notes"], cells.get((area["code"], t["id"])), months,
                       month_counts, month_totals, responses) for t in themes]
    kept = [r for r in rows if not r["suppressed"] or r["agreement"] or r["responses"]]
    kept.sort(key=lambda r: (r["suppressed"], -(r["notes"] or 0), r["label"]))
    name, plural = LEVEL_WORDS.get(area["level"], (area["level"], "areas"))
    notes = publish_count(total["notes"], policy)
    organisations = (publish_organisations(total["organisations"], total["notes"], policy)["organisations"]
                     if notes is not None else None)
    return {"code": area["code"], "name": area["name"], "level": area["level"], "level_label": name,
            "kind": area["kind"], **_count(notes, policy, False), **_count(organisations, policy, False, "organisations"),
            "themes": kept, "hidden_themes": len(rows) - len(kept),
            "hidden_themes_label": (f"{len(rows) - len(kept)} other themes had too few notes here to show safely "
                                    "(left out, not zero).") if len(rows) > len(kept) else None}


def picture(store, policy: Policy, org_id: int, period: str | None = None, months: int = TREND_MONTHS,
            cache: PictureCache | None = None) -> dict:
    """The picture for one organisation: its areas (and their councils), each with its published themes."""
    period = check_period(period)
    org = store.organisation_by_id(org_id)
    cache = cache if cache is not None and cache.period == period else PictureCache(store, policy, period)
    themes = store.themes() if store.latest_taxonomy_version() is not None else []
    trend_months = _trend_months(store, period, months)
    areas = [_area(cache, a, themes, trend_months) for a in _areas(store, org_id)]
    used = {r["indicator"]["id"]: r["indicator"] for a in areas for r in a["themes"] if r["indicator"]}
    codes = [a["code"] for a in areas]
    return {
        "organisation": org["name"], "period": period, "period_label": period_label(period),
        "trend_months": trend_months, "areas": areas,
        "responses": responses_for_areas(store, codes, period) if codes else [],
        "sources": [{"indicator": i["id"], "label": i["label"], "source": i["source"], "licence": i["licence"]}
                    for i in sorted(used.values(), key=lambda i: i["id"])],
        "method": policy.method(), "attention_method": evidence.ATTENTION_METHOD,
        "caveats": caveats(policy, bool(areas)),
    }


def caveats(policy: Policy, has_areas: bool) -> list[str]:
    out = ["This is what every group's notes in your areas say, not only yours. No group's notes or quotes are "
           "shown here, yours included.",
           policy.method(),
           f"Organisations are counted like notes: fewer than {policy.threshold} is not shown. A theme raised by "
           "only one or two organisations is marked.",
           "A note can join up to three themes, so theme counts add up to more than the notes.",
           "Notes come from the groups that chose to share them, so they show what those groups hear, not "
           "everyone's experience. Council figures are the latest we hold for the period."]
    if not has_areas:
        out.insert(0, "None of your organisation's notes has an area yet, so there is no area to show. Notes with a "
                      "postcode, ward or council name are placed in an area when they arrive.")
    return out


def to_rows(pic: dict) -> list[dict]:
    """One row per area x theme shown, for CSV (ONS codes; hidden counts empty)."""
    rows = []
    for a in pic["areas"]:
        for t in a["themes"]:
            ind = t["indicator"] or {}
            rows.append({"area_code": a["code"], "area_name": a["name"], "level": a["level"], "kind": a["kind"],
                         "theme_id": t["id"], "theme_label": t["label"], "notes": t["notes"], "share": t["share"],
                         "organisations": t["organisations"], "few_organisations": t["few_organisations"],
                         "rising": t["rising"].get("rising"), "indicator": ind.get("id"),
                         "indicator_value": ind.get("value"), "indicator_period": ind.get("period"),
                         "indicator_percentile": ind.get("percentile"), "agreement": t["agreement"],
                         "responses": len(t["responses"])})
    return rows
