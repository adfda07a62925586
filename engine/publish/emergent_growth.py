"""Early warning for new themes: a proposed emergent theme (a candidate found among notes that fit none of the themes,
themes/emergent.py) whose notes in the latest month are at least N and at least K times its monthly average over the
B months before. N, K and B are settings (INSIGHTS_EMERGENT_GROWTH_MIN_NOTES, _FACTOR, _BASELINE_MONTHS in
engine/core/settings.py), carried in the Policy.

    growth_alerts(store, policy)                                    # all areas together
    growth_alerts(store, policy, "lad", ["E09000023"], until="2025-12")

The latest month is the latest with any counted note (up to `until`), as for the share alerts; months in the
baseline without the candidate's notes count as 0, so a candidate that is new this month alerts once it has N notes.

Suppression: N is never below the threshold, so no count under it is reported; the latest month's count is rounded;
the earlier months' total is shown only when it is itself at least the threshold (else "fewer than N"), and the
growth factor is worked out from the published, rounded counts only. A candidate whose size is below the threshold
is never shown at all (as on the emergent themes list). The alert names the candidate by its label and keywords,
never by a note's text.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from engine.publish.suppression import Policy, publish_count, suppressed_label
from engine.publish.trends import period_range

KIND = "emergent_growth"


def method(policy: Policy) -> str:
    return (f"A new theme (one found among notes that fit none of the themes) is flagged when its notes in the "
            f"latest month are at least {min_notes(policy)} and at least {policy.growth_factor:g} times its monthly "
            f"average over the {policy.growth_baseline_months} months before (a month without its notes counts as "
            "0). Its counts are rounded and hidden below the threshold like any other.")


def min_notes(policy: Policy) -> int:
    """N, never below the suppression threshold."""
    return max(policy.growth_min_notes, policy.threshold)


def months_before(month: str, k: int) -> list[str]:
    """The `k` months before `month`, oldest first."""
    year, m = (int(x) for x in month.split("-")[:2])
    m -= k
    while m < 1:
        year, m = year - 1, m + 12
    return period_range(f"{year:04d}-{m:02d}", month, "month")[:-1]


def growth_alerts(store, policy: Policy, level: str | None = None, areas: list[str] | None = None,
                  until: str | None = None) -> list[dict]:
    """Every proposed emergent candidate that grew fast in the latest month (up to `until`, a YYYY-MM): for all
    areas together (level None), or per area at `level` ("ward" or "lad"; only `areas` when given)."""
    months = {r["month"] for r in store.area_month_totals("ward") if until is None or r["month"] <= until}
    if not months:
        return []
    latest = max(months)
    window = months_before(latest, policy.growth_baseline_months)
    parents = {a["code"]: a.get("parent_code") for a in store.areas()} if level == "lad" else {}
    out = []
    for c in store.emergent():
        if publish_count(c["size"], policy) is None or not c["note_ids"]:
            continue
        counts: dict[str | None, Counter] = defaultdict(Counter)
        for r in store.emergent_note_months(c["note_ids"]):
            if r["month"] > latest:
                continue
            if level is None:
                key = None
            elif r["area_code"] is None:
                continue
            else:
                key = r["area_code"] if level == "ward" else (parents.get(r["area_code"]) or r["area_code"])
            counts[key][r["month"]] += 1
        for key, per_month in sorted(counts.items(), key=lambda kv: kv[0] or ""):
            if areas is not None and key not in areas:
                continue
            found = _grew(per_month, latest, window, policy)
            if found is not None:
                out.append({"kind": KIND, "theme_id": None, "candidate_id": c["id"], "label": c["label"],
                            "keywords": list(c["keywords"][:5]), "area_code": key, "checked": None, "forecast": [],
                            "growth": found})
    return out


def _grew(per_month: Counter, latest: str, window: list[str], policy: Policy) -> dict | None:
    """The published growth of one candidate's series, or None when it did not grow fast (or cannot be shown)."""
    now = per_month.get(latest, 0)
    earlier = sum(per_month.get(m, 0) for m in window)
    if now < min_notes(policy) or now < policy.growth_factor * earlier / len(window):
        return None
    shown, earlier_shown = publish_count(now, policy), publish_count(earlier, policy)
    if shown is None:
        return None
    return {"period": latest, "notes": shown, "earlier_months": len(window), "earlier_notes": earlier_shown,
            "earlier_label": str(earlier_shown) if earlier_shown is not None else suppressed_label(policy),
            "times": round(shown * len(window) / earlier_shown, 1) if earlier_shown else None}


def line(a: dict) -> str:
    """One plain sentence for an emergent-growth alert (summaries and digests): label, keywords, counts shown."""
    g = a["growth"]
    where = f" in {a.get('area_name') or a['area_code']}" if a["area_code"] else ""
    times = f", about {g['times']:g} times its monthly average" if g["times"] else ""
    return (f"New theme \"{a['label']}\"{where} (words that stand out: {', '.join(a['keywords'])}): {g['notes']} "
            f"notes in {g['period']}, against {g['earlier_label']} in the {g['earlier_months']} months "
            f"before{times}.")
