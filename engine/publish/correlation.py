"""Across areas: how a theme's share of notes moves with its linked indicator (Pearson r, Fisher-z 95% interval),
and the story signal's trend within an area. Pure functions on published (visible) cells only."""
from __future__ import annotations

import math

MIN_N = 8  # below this many areas a correlation says nothing useful


def pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 3:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / math.sqrt(sxx * syy)


def fisher_interval(r: float, n: int, z: float = 1.96) -> tuple[float, float] | None:
    if n < 4 or abs(r) >= 1:
        return None
    centre, half = math.atanh(r), z / math.sqrt(n - 3)
    return math.tanh(centre - half), math.tanh(centre + half)


def correlation(theme: str, indicator: str | None, pairs: list[tuple[float, float]], polarity: str | None,
                linked: bool = True) -> dict:
    """r between story share and need (the indicator, sign-flipped when higher is better), with n and a CI."""
    need = [(s, v if polarity != "higher_is_better" else -v) for s, v in pairs]
    n = len(need)
    r = pearson([s for s, _ in need], [v for _, v in need]) if indicator else None
    ci = fisher_interval(r, n) if r is not None else None
    if not indicator:
        warning = ("None of this theme's linked indicators has values for these areas." if linked else
                   "No indicator is linked to this theme.")
    elif n < MIN_N:
        warning = (f"Only {n} areas can be compared (at least {MIN_N} are needed): too few to say anything about "
                   "how stories and numbers move together.")
    elif ci and ci[0] <= 0 <= ci[1]:
        warning = "The interval includes zero: no clear relationship either way."
    else:
        warning = None
    return {"theme": theme, "indicator": indicator, "n": n,
            "r": round(r, 3) if r is not None else None,
            "r_low": round(ci[0], 3) if ci else None, "r_high": round(ci[1], 3) if ci else None,
            "direction": "higher need goes with more stories" if indicator else None,
            "warning": warning}


def trend(monthly: list[tuple[str, int, int]]) -> str | None:
    """'rising', 'falling' or 'steady': the theme's share in the later half of the months against the earlier
    half (two-proportion z test at 95%). monthly = [(month, theme notes, all notes)], any order."""
    rows = sorted(m for m in monthly if m[2])
    if len(rows) < 2:
        return None
    half = len(rows) // 2
    k1, n1 = sum(r[1] for r in rows[:half]), sum(r[2] for r in rows[:half])
    k2, n2 = sum(r[1] for r in rows[half:]), sum(r[2] for r in rows[half:])
    p = (k1 + k2) / (n1 + n2)
    if p in (0, 1):
        return "steady"
    zscore = (k2 / n2 - k1 / n1) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
    return "rising" if zscore > 1.96 else "falling" if zscore < -1.96 else "steady"
