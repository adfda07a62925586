"""Which published outputs each organisation's notes counted in: a record per "what we're hearing" summary shown,
report file downloaded and digest written (kept in the audit file, engine/store/audit.py), and, for one
organisation, the list of those outputs with how many of its notes counted in each (for "how our notes were used").

    counted_by_org(store, "lad", ["E06000064"], "2025-Q3", ["food_poverty"])   # raw: {org_id: {"notes", "themes"}}
    summary_publication(store, summary, "report", "GET /api/v1/reports/summary", principal, org_id)   # a row
    published_in(store, policy, org_id)                                        # what the organisation sees

A note counts in a summary when it is in the summary's areas and period with an area and a month, and is not a
near-duplicate counted once (the same rule as every published count). Per theme, only the themes whose figure the
output published (a summary's top and rising themes; a digest's themes whose count was shown) are recorded. The
counts are those at the moment the output was made: a note erased later stays counted in the record, which holds
numbers only, never a note id or text. What leaves the engine goes through engine.publish.suppression.
"""
from __future__ import annotations

from collections import defaultdict

from engine.core.periods import period_label
from engine.publish import evidence
from engine.publish.summary import placer
from engine.publish.suppression import Policy, publish_count, suppressed_label
from engine.store.audit import publication_row

PLACES = {"summary": "a \"what we're hearing\" summary page",
          "report": "a \"what we're hearing\" report (downloaded file)",
          "digest": "a monthly digest",
          "pack": "an evidence pack (downloaded zip)"}


def counted_by_org(store, level: str, areas: list[str] | None, period: str | None,
                   theme_ids: list[str]) -> dict[int, dict]:
    """Per organisation: its notes counted in the scope (areas at a level, a period) and, per theme given, its
    notes counted in that theme there. Raw counts (suppress before showing)."""
    place, _, _ = placer(store, level, areas)
    wanted = set(theme_ids)
    out: dict[int, dict] = defaultdict(lambda: {"notes": 0, "themes": defaultdict(int)})
    for r in store.org_area_month_totals():
        if place(r["area_code"]) and evidence.period_of(r["month"], period):
            out[r["org_id"]]["notes"] += r["notes"]
    if wanted:
        for r in store.org_theme_area_month_counts():
            if r["theme_id"] in wanted and place(r["area_code"]) and evidence.period_of(r["month"], period):
                out[r["org_id"]]["themes"][r["theme_id"]] += r["notes"]
    return {org: {"notes": v["notes"], "themes": dict(v["themes"])} for org, v in out.items() if v["notes"]}


def summary_publication(store, summary: dict, kind: str, route: str, principal: str, org_id: int | None,
                        fmt: str | None = None) -> dict:
    """The publication row for a summary (engine.publish.summary.build_summary's result) as shown or downloaded."""
    areas = [a["code"] for a in summary["areas"]] or None
    themes = list(dict.fromkeys(r["id"] for r in summary["top_themes"] + summary["rising_themes"]))
    filters = {"period": summary["period"], "areas": areas, "level": summary["level"], "format": fmt}
    return publication_row(principal, org_id, kind, route, filters,
                           counted_by_org(store, summary["level"], areas, summary["period"], themes))


def digest_publication(store, digest: dict, principal: str) -> dict:
    """The publication row for one organisation's monthly digest (engine.publish.digest.build_digest's result):
    everyone's notes in the digest's areas and month, per theme whose count the digest showed."""
    pic = digest["picture"]
    areas = [a["code"] for a in pic["areas"]]
    themes = list(dict.fromkeys(t["id"] for a in pic["areas"] for t in a["themes"] if t.get("notes") is not None))
    filters = {"period": digest["period"], "areas": areas, "level": "ward", "organisation": digest["organisation"]}
    counted = counted_by_org(store, "ward", areas, digest["period"], themes) if areas else {}
    return publication_row(principal, None, "digest", "insights digest", filters, counted)


def _label(n: int | None, policy: Policy, sensitive: bool = False) -> tuple[int | None, str]:
    shown = publish_count(n, policy, sensitive)
    return shown, str(shown) if shown is not None else suppressed_label(policy, sensitive)


def published_in(store, policy: Policy, org_id: int) -> list[dict]:
    """The summaries, reports and digests the organisation's notes counted in, grouped by output and filters
    (times made, first and last), newest first; its counts suppressed and rounded like any other."""
    themes = {t["id"]: t for t in store.themes()}
    names = {a["code"]: a["name"] for a in store.areas()}
    groups: dict[tuple, dict] = {}
    for row in store.publications():
        mine = row["counted"].get(org_id)
        if not mine:
            continue
        f = row["filters"]
        key = (row["kind"], f.get("period"), tuple(f.get("areas") or ()), f.get("level"), f.get("organisation"))
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"kind": row["kind"], "where": PLACES[row["kind"]], "period": f.get("period"),
                               "period_label": period_label(f.get("period")),
                               "areas": [{"code": c, "name": names.get(c)} for c in f.get("areas") or []],
                               "level": f.get("level"), "times": 0, "first_made": row["at"], "mine": mine}
        g["times"] += 1
        g["last_made"], g["mine"] = row["at"], mine        # the latest record's counts
    out = []
    for g in groups.values():
        mine = g.pop("mine")
        g["your_notes"], g["your_notes_label"] = _label(mine["notes"], policy)
        g["themes"] = []
        for theme_id, n in sorted(mine["themes"].items(), key=lambda kv: (-kv[1], kv[0])):
            t = themes.get(theme_id)
            if t is None:
                continue
            shown, label = _label(n, policy, t["sensitive"])
            g["themes"].append({"theme_id": theme_id, "label": t["label"], "your_notes": shown,
                                "your_notes_label": label})
        out.append(g)
    return sorted(out, key=lambda g: g["last_made"], reverse=True)
