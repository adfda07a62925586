"""Theme trends: notes and shares per theme by month or quarter, overall or per area (ward or LAD), with a
"rising" flag. Every count passes through `engine.publish.suppression`; a point below the threshold is shown as
suppressed ("fewer than N"), never dropped, so a gap in a chart is visibly a small number, not a missing month.

Rising: a one-sided Cochran-Armitage test for trend in the theme's share of notes across the periods shown
(all of them, or the last `window`), rising when the share goes up with p < 0.05. It is the score test of a
logistic regression of "note has the theme" on period number: a steady rise over the whole chart, weighted by
how many notes each period has, so it is not fooled by how many notes groups send in a month, nor by one noisy
small month as a raw percentage change would be. A flag is given only when the last period's count is itself
shown (not suppressed); otherwise `rising` is None with the reason.
"""
from __future__ import annotations

import math
from collections import defaultdict

from engine.core.errors import InputError
from engine.publish.suppression import (
    Policy,
    publish_count,
    publish_share,
    suppressed_label,
)

ALPHA = 0.05
TEST_NAME = ("one-sided Cochran-Armitage test for a rising trend in the theme's share of notes across the periods "
             f"shown; rising when p < {ALPHA}")


def to_period(month: str, period: str) -> str:
    """'2025-03' -> '2025-03' (month) or '2025-Q1' (quarter)."""
    if period == "month":
        return month
    year, m = month.split("-")[:2]
    return f"{year}-Q{(int(m) - 1) // 3 + 1}"


def period_range(first: str, last: str, period: str) -> list[str]:
    """Every period from first to last inclusive, so periods without notes still appear."""
    out = []
    if period == "month":
        y, m = map(int, first.split("-"))
        while f"{y:04d}-{m:02d}" <= last:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        y, q = int(first[:4]), int(first[-1])
        while f"{y:04d}-Q{q}" <= last:
            out.append(f"{y:04d}-Q{q}")
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
    return out


def trend_p(points: list[tuple[int, int]]) -> float:
    """One-sided p-value of the Cochran-Armitage test that the share k/n rises with the period number.
    points: (theme notes k, all notes n) per period, in order."""
    total = sum(n for _, n in points)
    hits = sum(k for k, _ in points)
    if not total or hits in (0, total):
        return 1.0
    share = hits / total
    stat = sum(t * (k - n * share) for t, (k, n) in enumerate(points))
    spread = sum(n * t * t for t, (_, n) in enumerate(points)) - sum(n * t for t, (_, n) in enumerate(points)) ** 2 / total
    if spread <= 0:
        return 1.0
    z = stat / math.sqrt(share * (1 - share) * spread)
    return 0.5 * math.erfc(z / math.sqrt(2))


def rising(points: list[tuple[str, int, int]], policy: Policy, sensitive: bool, window: int | None = None) -> dict:
    """points: (period, theme notes, all notes) in order. The test above over the last `window` periods (all
    when None)."""
    points = points[-window:] if window else points
    used = [p for p in points if p[2]]
    if len(used) < 3:
        return {"rising": None, "periods": [p[0] for p in points], "reason": "needs at least three periods with notes",
                "test": TEST_NAME}
    last, k_last, n_last = points[-1]
    out = {"last_period": last, "periods": [p[0] for p in points], "test": TEST_NAME}
    if publish_count(k_last, policy, sensitive) is None:
        return {**out, "rising": None, "reason": f"{suppressed_label(policy, sensitive)} notes in {last}"}
    p = trend_p([(k, n) for _, k, n in points])
    first = next(q for q in points if q[2])
    return {**out, "rising": bool(p < ALPHA), "p_value": round(p, 4),
            "share_first": publish_share(first[1], first[2], policy, sensitive),
            "share_last": publish_share(k_last, n_last, policy, sensitive)}


def _series(counts: dict[str, int], totals: dict[str, int], periods: list[str], policy: Policy,
            sensitive: bool, window: int | None) -> dict:
    points = []
    for p in periods:
        k, n = counts.get(p, 0), totals.get(p, 0)
        shown = publish_count(k, policy, sensitive)
        points.append({"period": p, "notes": shown, "suppressed": shown is None,
                       "notes_label": str(shown) if shown is not None else suppressed_label(policy, sensitive),
                       "share": publish_share(k, n, policy, sensitive)})
    return {"points": points, "rising": rising([(p, counts.get(p, 0), totals.get(p, 0)) for p in periods],
                                                policy, sensitive, window)}


def theme_trend(store, policy: Policy, theme_id: str, period: str = "month", level: str | None = None,
                sensitive: bool | None = None, window: int | None = None) -> dict:
    """The trend of one theme: overall (level None) or one series per area at `level` ("ward" or "lad").
    `window`: test for a rise over the last this many periods only (default: all periods shown)."""
    if period not in ("month", "quarter"):
        raise InputError(f"A trend period is 'month' or 'quarter', not '{period}'.")
    if sensitive is None:
        sensitive = store.theme(theme_id)["sensitive"]
    counts: dict = defaultdict(lambda: defaultdict(int))
    totals: dict = defaultdict(lambda: defaultdict(int))
    if level is None:
        for r in store.theme_month_totals(theme_id):
            counts[None][to_period(r["month"], period)] += r["notes"]
            totals[None][to_period(r["month"], period)] += r["all_notes"]
    else:
        for r in store.area_month_totals(level):
            totals[r["area_code"]][to_period(r["month"], period)] += r["notes"]
        for r in store.theme_area_month_counts(level):
            if r["theme_id"] == theme_id:
                counts[r["area_code"]][to_period(r["month"], period)] += r["notes"]
    every = sorted({p for t in totals.values() for p in t})
    periods = period_range(every[0], every[-1], period) if every else []
    series = []
    for area in sorted(totals, key=lambda a: (a is not None, a or "")):
        s = _series(counts[area], totals[area], periods, policy, sensitive, window)
        series.append({"area_code": area, **s})
    return {"theme": theme_id, "period": period, "level": level or "all", "series": series,
            "method": policy.method(), "test": TEST_NAME}


def series(counts: dict[str, int], totals: dict[str, int], periods: list[str], policy: Policy, sensitive: bool,
           window: int | None = None) -> dict:
    """One series, for callers with their own counts (the contributor's picture): {points, rising}, each point
    suppressed as in `theme_trend`. counts / totals: {period: theme notes} / {period: all notes}."""
    return _series(counts, totals, periods, policy, sensitive, window)
