"""Published views of themes: counts, monthly trend, top areas and quotes, all after suppression.
The API and web pages call these; nothing here returns a count below the threshold."""
from __future__ import annotations

import re

from engine.suppression import Policy, publish_count, publish_share, suppressed_label

QUOTE_WORDS = 60


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def excerpt(text: str, words: int = QUOTE_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def theme_list(store, policy: Policy) -> list[dict]:
    version = store.latest_taxonomy_version()
    counts = store.theme_note_counts(version) if version else {}
    out = []
    for t in store.themes():
        n = counts.get(t["id"], 0)
        published = publish_count(n, policy, t["sensitive"])
        out.append({
            "id": t["id"], "label": t["label"], "description": t["description"], "sensitive": t["sensitive"],
            "notes": published, "suppressed": published is None,
            "notes_label": str(published) if published is not None else suppressed_label(policy, t["sensitive"]),
        })
    return sorted(out, key=lambda r: (r["notes"] is None, -(r["notes"] or 0), r["label"]))


def theme_detail(store, policy: Policy, theme_id: str, quotes: int = 5) -> dict:
    theme = store.theme(theme_id)
    version = store.latest_taxonomy_version()
    sensitive = theme["sensitive"]
    total = store.theme_note_counts(version).get(theme_id, 0) if version else 0
    trend = []
    for r in store.theme_month_counts(version, theme_id) if version else []:
        published = publish_count(r["notes"], policy, sensitive)
        trend.append({"month": r["month"], "notes": published, "suppressed": published is None,
                      "share": publish_share(r["notes"], r["all_notes"], policy, sensitive)})
    areas = []
    visible_areas = set()
    for r in store.theme_area_counts(version, theme_id) if version else []:
        published = publish_count(r["notes"], policy, sensitive)
        if published is None or r["area_code"] is None:
            continue
        visible_areas.add(r["area_code"])
        areas.append({"area_code": r["area_code"], "area_name": r["area_name"], "notes": published,
                      "share": publish_share(r["notes"], r["all_notes"], policy, sensitive)})
    return {
        **{k: theme[k] for k in ("id", "label", "description", "sensitive", "examples")},
        "notes": publish_count(total, policy, sensitive),
        "suppressed": publish_count(total, policy, sensitive) is None,
        "trend": trend,
        "top_areas": areas[:10],
        "quotes": representative_quotes(store, version, theme_id, visible_areas, quotes) if version else [],
        "method": policy.method(),
    }


def representative_quotes(store, version: int, theme_id: str, visible_areas: set, k: int) -> list[dict]:
    """High-scoring, varied quotes, only from area cells that suppression leaves visible."""
    chosen: list[dict] = []
    seen: list[set[str]] = []
    for row in store.theme_notes_for_quotes(version, theme_id):
        if row["area_code"] not in visible_areas:
            continue
        words = _words(row["text"])
        if any(len(words & s) / max(1, len(words | s)) > 0.4 for s in seen):
            continue
        seen.append(words)
        chosen.append({"text": excerpt(row["text"]), "month": row["month"], "area_code": row["area_code"]})
        if len(chosen) == k:
            break
    return chosen


def emergent_list(store, policy: Policy) -> list[dict]:
    """Proposed emergent themes for review: a candidate smaller than the threshold is not shown at all."""
    out = []
    for c in store.emergent():
        published = publish_count(c["size"], policy)
        if published is None:
            continue
        out.append({"id": c["id"], "label": c["label"], "keywords": c["keywords"], "notes": published,
                    "quotes": [excerpt(q, 40) for q in c["quotes"]], "status": c["status"]})
    return out
