"""Early warning: per theme (overall, or per area at a level), the theme's share of notes projected one to three
months ahead with an interval, and an alert when the latest month's share rose beyond the interval projected for it
from the months before (kind "share_above_interval"); and an alert when a new emergent theme grows fast (kind
"emergent_growth", engine/publish/emergent_growth.py).

Method: exponential smoothing (statsmodels' ETSModel, parameters estimated by maximum likelihood) of the monthly
share of notes that carry the theme, with the model's 90% prediction interval clipped to 0-100%.
- The projection ahead has an additive damped trend (Holt's method, damped): where the share is heading.
- The alert is a one-step-ahead check against the recent level alone (simple exponential smoothing, no trend):
  fit on every month but the last, project the last, and alert when the share seen is above the interval's top,
  that is, higher than the months before would lead anyone to expect. Against a trended model a steady rise
  soon looks "expected" and stops alerting: on the demo's planted debt rise the trended check warned in 2 of 11
  months with 10 false alarms in 99 checks of the other themes, the level check in 5 with 5
  (bench/early_warning_backtest.py, which measures both).
Both need at least MIN_MONTHS months with notes before the month checked.

Suppression: a projection and an alert are published only for a series whose latest month's theme count is itself
published (engine.publish.suppression), like the "rising" flag; shares, never counts, are projected.

    theme_outlook(store, policy, "debt_money")                # overall
    theme_outlook(store, policy, "debt_money", level="lad")   # one per council
    project([(month, theme_notes, all_notes), ...])           # raw: {"forecast": [...], "alert": ...}
"""
from __future__ import annotations

import warnings
from collections import defaultdict

from engine.core.errors import InputError
from engine.publish.suppression import Policy, publish_count, suppressed_label
from engine.publish.trends import period_range

HORIZON = 3
MIN_MONTHS = 6
INTERVAL = 0.90
METHOD = (f"Exponential smoothing (statsmodels ETS) of the theme's monthly share of notes: projected {HORIZON} months "
          f"ahead with a damped trend and a {round(INTERVAL * 100)}% prediction interval. An early warning means the "
          f"latest month's share was above the top of the {round(INTERVAL * 100)}% interval that the level of the "
          f"months before predicted for it. Needs {MIN_MONTHS} months of notes; shown only where the latest month's "
          "count is published.")


def next_months(month: str, k: int) -> list[str]:
    year, m = (int(x) for x in month.split("-")[:2])
    out = []
    for _ in range(k):
        year, m = (year + 1, 1) if m == 12 else (year, m + 1)
        out.append(f"{year:04d}-{m:02d}")
    return out


def fit_forecast(shares: list[float], horizon: int, interval: float = INTERVAL, trend: bool = True) -> list[dict]:
    """[{mean, lower, upper}] for the next `horizon` steps after `shares` (0-1, in time order); `trend`: with a
    damped additive trend, else the level alone."""
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    y = pd.Series([float(s) for s in shares])
    with warnings.catch_warnings():                  # convergence chatter on short series; the fit is still used
        warnings.simplefilter("ignore")
        if y.nunique() == 1:                         # a flat line: no variance to estimate
            return [{"mean": float(y.iloc[-1]), "lower": float(y.iloc[-1]), "upper": float(y.iloc[-1])}] * horizon
        fit = ETSModel(y, error="add", trend="add" if trend else None, damped_trend=trend).fit(disp=False)
        frame = fit.get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(alpha=1 - interval)
    return [{"mean": min(max(float(r["mean"]), 0.0), 1.0), "lower": max(float(r["pi_lower"]), 0.0),
             "upper": min(float(r["pi_upper"]), 1.0)} for _, r in frame.iterrows()]


def project(points: list[tuple[str, int, int]], horizon: int = HORIZON, check_trend: bool = False) -> dict:
    """points: (month, theme notes, all notes) in order, every month (no gaps). Raw result: the forecast for the
    `horizon` months after the last (none when horizon is 0), and the one-step check of the last month (None when
    there is too little history)."""
    used = [(m, k / n) for m, k, n in points if n]
    out = {"forecast": [], "alert": None, "checked": None, "months_used": len(used)}
    if len(used) < MIN_MONTHS:
        return out
    last_month = points[-1][0]
    if horizon:
        out["forecast"] = [{"period": p, **f} for p, f in zip(next_months(last_month, horizon),
                                                               fit_forecast([s for _, s in used], horizon))]
    if len(used) >= MIN_MONTHS + 1 and points[-1][2]:
        [check] = fit_forecast([s for _, s in used[:-1]], 1, trend=check_trend)
        seen = used[-1][1]
        out["checked"] = {"period": last_month, "share": seen, **check}
        out["alert"] = seen > check["upper"]
    return out


def _series(store, theme_id: str, level: str | None,
            until: str | None = None) -> dict[str | None, list[tuple[str, int, int]]]:
    counts: dict = defaultdict(lambda: defaultdict(int))
    totals: dict = defaultdict(lambda: defaultdict(int))
    if level is None:
        for r in store.theme_month_totals(theme_id):
            counts[None][r["month"]] += r["notes"]
            totals[None][r["month"]] += r["all_notes"]
    else:
        for r in store.area_month_totals(level):
            totals[r["area_code"]][r["month"]] += r["notes"]
        for r in store.theme_area_month_counts(level):
            if r["theme_id"] == theme_id:
                counts[r["area_code"]][r["month"]] += r["notes"]
    every = sorted({m for t in totals.values() for m in t if until is None or m <= until})
    months = period_range(every[0], every[-1], "month") if every else []
    return {area: [(m, counts[area].get(m, 0), totals[area].get(m, 0)) for m in months] for area in totals}


def _pct(x: float) -> float:
    return round(100 * x, 1)


def publish(points: list[tuple[str, int, int]], policy: Policy, sensitive: bool, forecast: bool = True) -> dict:
    """The published outlook of one series: projection and alert, or the reason there is none (`forecast` False:
    the alert only)."""
    if not points:
        return {"shown": False, "reason": "no notes yet", "forecast": [], "alert": None}
    last, k_last, _ = points[-1]
    if publish_count(k_last, policy, sensitive) is None:
        return {"shown": False, "reason": f"{suppressed_label(policy, sensitive)} notes in {last}", "forecast": [],
                "alert": None}
    raw = project(points, HORIZON if forecast else 0)
    if raw["months_used"] < MIN_MONTHS:
        return {"shown": False, "reason": f"needs {MIN_MONTHS} months of notes ({raw['months_used']} so far)",
                "forecast": [], "alert": None}
    forecast = [{"period": f["period"], "share_pct": _pct(f["mean"]), "lower_pct": _pct(f["lower"]),
                 "upper_pct": _pct(f["upper"])} for f in raw["forecast"]]
    checked = raw["checked"]
    return {"shown": True, "reason": None, "forecast": forecast, "alert": raw["alert"],
            "checked": None if checked is None else {
                "period": checked["period"], "share_pct": _pct(checked["share"]),
                "expected_pct": _pct(checked["mean"]), "upper_pct": _pct(checked["upper"])}}


def theme_outlook(store, policy: Policy, theme_id: str, level: str | None = None, area: str | None = None) -> dict:
    """The theme's outlook overall (level None) or one per area at `level` ("ward" or "lad"); with `area`, only
    that area's series (each series costs two model fits, about 0.1 s)."""
    if level not in (None, "ward", "lad"):
        raise InputError(f"level must be ward or lad, not '{level}'.", where="level")
    theme = store.theme(theme_id)
    series = _series(store, theme_id, level)
    out = [{"area_code": code, **publish(points, policy, theme["sensitive"])}
           for code, points in sorted(series.items(), key=lambda kv: (kv[0] is not None, kv[0] or ""))
           if area is None or code == area]
    return {"theme": theme_id, "label": theme["label"], "level": level or "all", "series": out, "method": METHOD}


def method(policy: Policy) -> str:
    """How both kinds of alert are made (the share check's METHOD, then the emergent-growth rule)."""
    from engine.publish import emergent_growth

    return f"{METHOD} {emergent_growth.method(policy)}"


def alerts(store, policy: Policy, level: str | None = None, areas: list[str] | None = None,
           until: str | None = None) -> list[dict]:
    """Every theme in force whose latest month (up to `until`, a YYYY-MM, when given) rose beyond its projected
    interval (kind "share_above_interval"), then every emergent candidate that grew fast in it (kind
    "emergent_growth"): overall (level None), or per area at `level` (only `areas` when given). The projection
    ahead is made for the alerted themes only."""
    from engine.publish.emergent_growth import growth_alerts

    out = []
    for t in store.themes():
        for code, points in sorted(_series(store, t["id"], level, until).items(), key=lambda kv: kv[0] or ""):
            if areas is not None and code not in areas:
                continue
            if publish(points, policy, t["sensitive"], forecast=False)["alert"]:
                shown = publish(points, policy, t["sensitive"])
                out.append({"kind": "share_above_interval", "theme_id": t["id"], "label": t["label"],
                            "area_code": code, "checked": shown["checked"], "forecast": shown["forecast"],
                            "growth": None})
    return out + growth_alerts(store, policy, level, areas, until)
