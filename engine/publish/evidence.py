"""The evidence view: per area x theme x period, what the stories say next to what the numbers say.

Story signal: the theme's share of the area's notes in the period, with a Wilson 95% interval.
Numbers signal: the linked indicator's value for the area, and its percentile among areas of the same level.
Attention weights the two equally (0.5 x story percentile + 0.5 x indicator percentile) and says so.
Every count passes engine.publish.suppression before it leaves: the area x theme table gets primary suppression,
secondary suppression down each theme's column (a theme's total across areas is published elsewhere, so no
column may have a lone hidden cell; an area's theme counts overlap and add up to nothing published) and
rounding; a hidden cell shows no share.
Across areas, `correlations` gives r between a theme's share and its indicator with n and a Fisher-z interval
(engine/publish/correlation.py), on visible cells only; `trends` says whether each visible story signal is rising.
"""
from __future__ import annotations

import csv
import io
import math
from collections import defaultdict

from engine.core.csv_cells import safe_row
from engine.core.periods import check_period, period_end
from engine.publish.correlation import correlation, trend
from engine.publish.suppression import Policy, publish_organisations, suppress_table

ATTENTION_METHOD = ("attention = 0.5 x the area's percentile for the theme's share of notes + 0.5 x the area's "
                    "percentile on the linked indicator (higher means more need), so stories and numbers weigh the same; "
                    "not shown where the count of notes is hidden")
HIGH, LOW = 0.75, 0.25


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    if n == 0:
        return 0.0, 0.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def period_of(month: str, period: str | None) -> bool:
    if not period:
        return True
    if "-Q" in period:
        year, q = period.split("-Q")
        return month[:4] == year and (int(month[5:7]) - 1) // 3 + 1 == int(q)
    return month.startswith(period)


def percentiles(values: dict[str, float]) -> dict[str, float]:
    """Share of other areas with a lower value (ties count half): 0 = lowest, 1 = highest."""
    items = list(values.items())
    n = len(items)
    if n < 2:
        return {k: 0.5 for k, _ in items}
    return {k: (sum(1 for _, w in items if w < v) + 0.5 * (sum(1 for _, w in items if w == v) - 1)) / (n - 1)
            for k, v in items}


def indicator_values(store, indicator_id: str, period: str | None) -> dict[str, float]:
    """Per area, the latest value whose period ends by the end of the requested period."""
    end = period_end(period)
    chosen: dict[str, tuple[str, float]] = {}
    for r in store.observations(indicator_id):
        when = period_end(r["period"])
        if r["value"] is None or when > end:
            continue
        if r["area_code"] not in chosen or when > chosen[r["area_code"]][0]:
            chosen[r["area_code"]] = (when, r["value"])
    return {k: v for k, (_, v) in chosen.items()}


def _choose_link(store, links: list[dict], areas: set, period: str | None):
    """The theme's first linked indicator (by priority) with values for at least one of the areas."""
    for link in links:
        values = {a: v for a, v in indicator_values(store, link["indicator_id"], period).items() if a in areas}
        if values:
            return link, values
    return None, {}


def _cells(store, level: str, period: str | None):
    """Notes per area, per area x theme, per area x theme x month and per area x month, for areas of the level
    asked for (a note placed only at council level is not compared with wards)."""
    levels = {a["code"]: a["level"] for a in store.areas()}
    wanted = (lambda code: code and levels.get(code, level) == level)
    totals: dict[str, int] = defaultdict(int)
    month_totals: dict[tuple[str, str], int] = defaultdict(int)
    for r in store.area_month_totals(level):
        if wanted(r["area_code"]) and period_of(r["month"], period):
            totals[r["area_code"]] += r["notes"]
            month_totals[(r["area_code"], r["month"])] += r["notes"]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    monthly: dict[tuple[str, str], dict] = defaultdict(dict)
    for r in store.theme_area_month_counts(level):
        if r["theme_id"] and wanted(r["area_code"]) and period_of(r["month"], period):
            counts[(r["area_code"], r["theme_id"])] += r["notes"]
            monthly[(r["area_code"], r["theme_id"])][r["month"]] = r["notes"]
    return totals, counts, monthly, month_totals


def _cell_orgs(store, level: str, period: str | None) -> dict[tuple[str, str], int]:
    """Distinct organisations behind each area x theme cell in the period (counted notes only)."""
    orgs: dict[tuple[str, str], set] = defaultdict(set)
    for r in store.theme_area_month_orgs(level):
        if r["theme_id"] and period_of(r["month"], period):
            orgs[(r["area_code"], r["theme_id"])].add(r["org_id"])
    return {k: len(v) for k, v in orgs.items()}


def _orgs_fields(orgs: int, notes: int, visible: bool, policy: Policy) -> dict:
    """`organisations` and `few_organisations` of a cell, only where the cell's count is published (a cell
    withheld by secondary suppression shows none either)."""
    published = publish_organisations(orgs if visible else 0, notes, policy)
    return {"organisations": published["organisations"], "few_organisations": published["few_organisations"]}


def view(store, policy: Policy, level: str = "ward", period: str | None = None) -> dict:
    """The whole evidence view: records (the contract), correlations across areas, story trends, sources."""
    period = check_period(period)
    version = store.latest_taxonomy_version()
    out = {"method": policy.method(), "attention_method": ATTENTION_METHOD, "level": level, "period": period or "all",
           "records": [], "correlations": [], "trends": [], "sources": []}
    if version is None:
        return out
    themes = {t["id"]: t for t in store.themes()}
    areas = {a["code"]: a for a in store.areas(level) + store.areas("lad")} if level != "lad" else \
        {a["code"]: a for a in store.areas("lad")}
    totals, counts, monthly, month_totals = _cells(store, level, period)
    cell_orgs = _cell_orgs(store, level, period)
    area_codes = sorted(totals)
    theme_ids = sorted(themes)
    table = suppress_table({(a, t): counts[(a, t)] for a in area_codes for t in theme_ids}, policy,
                           {t for t in theme_ids if themes[t]["sensitive"]}, area_codes, theme_ids, protect="columns")
    links = defaultdict(list)
    for link in store.theme_indicator_links():
        links[link["theme_id"]].append(link)
    used_indicators = set()
    for theme_id in theme_ids:
        shares = {a: counts[(a, theme_id)] / totals[a] for a in area_codes if totals[a]}
        story_pct = percentiles(shares)
        link, values = _choose_link(store, links[theme_id], set(area_codes), period)
        if link:
            used_indicators.add(link["indicator_id"])
        signed = {a: (v if link["polarity"] != "higher_is_better" else -v) for a, v in values.items()} if link else {}
        ind_pct = percentiles(signed)
        pairs = []
        for area_code in area_codes:
            k, n = counts[(area_code, theme_id)], totals[area_code]
            published = table.cells[(area_code, theme_id)]
            visible = published is not None
            low, high = wilson(k, n)
            s_pct, i_pct = story_pct.get(area_code), ind_pct.get(area_code)
            divergence = None
            if i_pct is not None and s_pct is not None:
                if s_pct >= HIGH and i_pct <= LOW:
                    divergence = "heard but not counted"
                elif i_pct >= HIGH and s_pct <= LOW:
                    divergence = "counted but not heard"
            if not visible and divergence == "heard but not counted":
                divergence = None   # would say a hidden count is high for its area; "not heard" says only
                # what "fewer than 10" already says, so it stays (a possible gap in VCS reach must show)
            if visible and area_code in values:
                pairs.append((k / n, values[area_code]))
            if visible:
                series = [(m, monthly[(area_code, theme_id)].get(m, 0), month_totals[(area_code, m)])
                          for (a, m) in month_totals if a == area_code]
                out["trends"].append({"area_code": area_code, "theme": theme_id, "trend": trend(series)})
            out["records"].append({
                "area_code": area_code, "area_name": (areas.get(area_code) or store.area(area_code) or {}).get("name"),
                "theme": theme_id, "period": period or "all", "notes": published, "suppressed": not visible,
                # organisations behind the cell: shown only where its count is (a hidden cell shows none)
                **_orgs_fields(cell_orgs.get((area_code, theme_id), 0), k, visible, policy),
                "story_share": round(k / n, 3) if visible else None,
                "story_low": round(low, 3) if visible else None, "story_high": round(high, 3) if visible else None,
                "indicator": link["indicator_id"] if link else None,
                "indicator_value": values.get(area_code),
                "indicator_percentile": round(i_pct, 3) if i_pct is not None else None,
                # hidden for a suppressed cell: with the published indicator percentile it would give the
                # hidden share's rank exactly
                "attention": round(0.5 * s_pct + 0.5 * i_pct, 3) if (
                    visible and s_pct is not None and i_pct is not None) else None,
                "divergence": divergence,
            })
        out["correlations"].append(correlation(theme_id, link["indicator_id"] if link else None, pairs,
                                               link["polarity"] if link else None, bool(links[theme_id])))
    out["sources"] = [{"indicator": i["id"], "label": i["label"], "source": i["source"], "licence": i["licence"]}
                      for i in store.indicators() if i["id"] in used_indicators]
    return out


def build(store, policy: Policy, level: str = "ward", period: str | None = None) -> list[dict]:
    """The contract records only (one per area x theme), after primary and secondary suppression."""
    return view(store, policy, level, period)["records"]


def to_csv(rows: list[dict]) -> str:
    """The evidence records as CSV text (the same columns as the JSON records)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()) if rows else ["area_code"])
    writer.writeheader()
    writer.writerows(safe_row(r) for r in rows)   # no cell a spreadsheet would run as a formula
    return buffer.getvalue()
