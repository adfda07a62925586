"""The evidence view: per area x theme x period, what the stories say next to what the numbers say.

Story signal: the theme's share of the area's notes in the period, with a Wilson 95% interval.
Numbers signal: the linked indicator's value for the area, and its percentile among areas of the same level.
Attention weights the two equally (0.5 x story percentile + 0.5 x indicator percentile) and says so.
Every count passes engine.suppression before it leaves; a suppressed cell shows no share.
"""
from __future__ import annotations

import csv
import io
import math
from collections import defaultdict

from engine.suppression import Policy, publish_count

ATTENTION_METHOD = ("attention = 0.5 x the area's percentile for the theme's share of notes + 0.5 x the area's "
                    "percentile on the linked indicator (higher means more need), so stories and numbers weigh the same")
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


def period_end(period: str | None) -> str:
    """The last month a period covers, as YYYY-MM ('2025-Q3' -> '2025-09', '2024' -> '2024-12')."""
    if not period:
        return "9999-12"
    if "-Q" in period:
        year, q = period.split("-Q")
        return f"{year}-{int(q) * 3:02d}"
    return period if len(period) >= 7 else f"{period}-12"


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


def build(store, policy: Policy, level: str = "ward", period: str | None = None) -> list[dict]:
    version = store.latest_taxonomy_version()
    if version is None:
        return []
    themes = {t["id"]: t for t in store.themes()}
    areas = {a["code"]: a for a in store.areas()}
    totals: dict[str, int] = defaultdict(int)
    for r in store.area_month_totals(level):
        if period_of(r["month"], period):
            totals[r["area_code"]] += r["notes"]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for r in store.theme_area_month_counts(version, level):
        if r["theme_id"] and period_of(r["month"], period):
            counts[(r["area_code"], r["theme_id"])] += r["notes"]
    links = defaultdict(list)
    for link in store.theme_indicator_links():
        links[link["theme_id"]].append(link)
    records = []
    for theme_id, theme in sorted(themes.items()):
        shares = {a: counts[(a, theme_id)] / totals[a] for a in totals if totals[a]}
        story_pct = percentiles(shares)
        link = links[theme_id][0] if links[theme_id] else None
        values = indicator_values(store, link["indicator_id"], period) if link else {}
        values = {a: v for a, v in values.items() if a in totals}
        signed = {a: (v if link and link["polarity"] != "higher_is_better" else -v) for a, v in values.items()}
        ind_pct = percentiles(signed)
        for area_code in sorted(totals):
            k, n = counts[(area_code, theme_id)], totals[area_code]
            published = publish_count(k, policy, theme["sensitive"])
            low, high = wilson(k, n)
            visible = published is not None
            s_pct, i_pct = story_pct.get(area_code), ind_pct.get(area_code)
            divergence = None
            if i_pct is not None and s_pct is not None:
                if s_pct >= HIGH and i_pct <= LOW:
                    divergence = "heard but not counted"
                elif i_pct >= HIGH and s_pct <= LOW:
                    divergence = "counted but not heard"
            records.append({
                "area_code": area_code, "area_name": (areas.get(area_code) or {}).get("name"), "theme": theme_id,
                "period": period or "all", "notes": published, "suppressed": not visible,
                "story_share": round(k / n, 3) if visible else None,
                "story_low": round(low, 3) if visible else None, "story_high": round(high, 3) if visible else None,
                "indicator": link["indicator_id"] if link else None,
                "indicator_value": values.get(area_code),
                "indicator_percentile": round(i_pct, 3) if i_pct is not None else None,
                "attention": round(0.5 * s_pct + 0.5 * i_pct, 3) if (s_pct is not None and i_pct is not None) else None,
                "divergence": divergence,
            })
    return records


def to_csv(rows: list[dict]) -> str:
    """The evidence records as CSV text (the same columns as the JSON records)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()) if rows else ["area_code"])
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()
