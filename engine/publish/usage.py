"""How our notes were used: for one organisation, which themes its notes joined, which published evidence cells
they counted in, which published summaries, reports and digests they counted in (from the publication records,
engine/publish/publications.py), which summaries, reports and pages showed its quotes (from the audit log of
reads), and which of its notes were counted once as near-duplicates. Only that organisation's notes; every count is suppressed and
rounded (engine.publish.suppression), the organisation's own counts included.

    usage(store, policy, org_id)
"""
from __future__ import annotations

import re
from collections import defaultdict

from engine.publish import evidence
from engine.publish.publications import published_in
from engine.publish.quote_safety import excerpt
from engine.publish.suppression import Policy, publish_count, suppressed_label

# Where a quote was shown, in plain words, by the audited route (the reader's own reads of their notes, and an
# analyst's review of held quotes or near-duplicates, are not "shown": they are left out).
PLACES = (
    (re.compile(r"^GET /api/v1/reports/summary$"), "report", "a \"what we're hearing\" report (downloaded file)"),
    (re.compile(r"^GET /summary/download$"), "report", "a \"what we're hearing\" report (downloaded file)"),
    (re.compile(r"^GET /summary$"), "summary", "a \"what we're hearing\" summary page"),
    (re.compile(r"^GET (/api/v1)?/themes/([\w-]+)(/quotes)?$"), "theme", "the theme page"),
    (re.compile(r"^GET (/api/v1/emergent-themes|/themes)$"), "emergent", "the list of new themes we may be hearing"),
)


def _place(route: str) -> tuple[str, str, str | None] | None:
    for pattern, kind, words in PLACES:
        m = pattern.match(route)
        if m:
            theme = m.group(2) if kind == "theme" else None
            return kind, words, theme
    return None


def _count(n: int, policy: Policy, sensitive: bool = False) -> dict:
    published = publish_count(n, policy, sensitive)
    return {"notes": published, "notes_label": str(published) if published is not None
            else suppressed_label(policy, sensitive)}


def _themes(store, policy: Policy, org_id: int, themes: dict) -> list[dict]:
    mine: dict[str, int] = defaultdict(int)
    for r in store.org_theme_area_counts(org_id):
        mine[r["theme_id"]] += r["notes"]
    totals = store.theme_note_counts()
    out = []
    for theme_id, n in mine.items():
        t = themes.get(theme_id)
        if t is None:
            continue
        total = publish_count(totals.get(theme_id, 0), policy, t["sensitive"])
        out.append({"theme_id": theme_id, "label": t["label"], **_count(n, policy, t["sensitive"]),
                    "theme_notes": total, "theme_shown": total is not None})
    return sorted(out, key=lambda r: (-(r["notes"] or 0), r["label"]))


def _cells(store, policy: Policy, org_id: int, themes: dict) -> list[dict]:
    """The published evidence cells (all time, wards and councils) the organisation's notes counted in."""
    parents = {a["code"]: a.get("parent_code") for a in store.areas()}
    mine: dict[tuple[str, str, str], int] = defaultdict(int)
    for r in store.org_theme_area_counts(org_id):
        if r["area_code"]:
            mine[("ward", r["area_code"], r["theme_id"])] += r["notes"]
            mine[("lad", parents.get(r["area_code"]) or r["area_code"], r["theme_id"])] += r["notes"]
    out = []
    for level in ("lad", "ward"):
        for rec in evidence.build(store, policy, level):
            n = mine.get((level, rec["area_code"], rec["theme"]), 0)
            if not n or rec["suppressed"]:
                continue
            sensitive = themes.get(rec["theme"], {}).get("sensitive", False)
            yours = publish_count(n, policy, sensitive)
            out.append({"level": level, "area_code": rec["area_code"], "area_name": rec["area_name"],
                        "theme_id": rec["theme"], "theme_label": themes.get(rec["theme"], {}).get("label"),
                        "cell_notes": rec["notes"], "organisations": rec["organisations"],
                        "your_notes": yours, "your_notes_label": str(yours) if yours is not None
                        else suppressed_label(policy, sensitive)})
    return out


def _shown(store, org_id: int, themes: dict) -> tuple[list[dict], list[dict]]:
    """(where the organisation's quotes were shown, grouped by place; each quoted note of theirs with where)."""
    own = store.org_note_ids(org_id)
    places: dict[tuple, dict] = {}
    by_note: dict[int, dict] = {}
    for row in store.audit_rows():
        found = _place(row["route"])
        ids = [i for i in row["note_ids"] if i in own]
        if found is None or not ids:
            continue
        kind, words, theme = found
        where = words + (f": {themes[theme]['label']}" if theme in themes else "")
        p = places.setdefault((kind, where), {"kind": kind, "where": where, "times": 0, "last_shown": None})
        p["times"] += 1
        p["last_shown"] = row["at"]
        for i in ids:
            note = by_note.setdefault(i, {"note_id": i, "where": {}})
            w = note["where"].setdefault(where, {"where": where, "times": 0, "last_shown": None})
            w["times"] += 1
            w["last_shown"] = row["at"]
    quotes = []
    for note_id in sorted(by_note):
        note = store.note_for_org(org_id, note_id)
        quotes.append({"note_id": note_id, "month": note["month"], "area_code": note["area_code"],
                       "excerpt": excerpt(note["text"]), "where": list(by_note[note_id]["where"].values())})
    return sorted(places.values(), key=lambda p: (p["kind"], p["where"])), quotes


def usage(store, policy: Policy, org_id: int | None, organisation: str | None = None) -> dict:
    """Everything "how our notes were used" shows for one organisation (None: a caller with none sees nothing)."""
    out = {"organisation": organisation, "method": policy.method(), "notes": None, "notes_label": None,
           "counted_once": None, "themes": [], "evidence_cells": [], "published_in": [], "shown_in": [], "quotes": []}
    if org_id is None:
        return out
    themes = {t["id"]: t for t in store.themes()}
    stored = len(store.org_note_ids(org_id))
    once = store.org_duplicate_count(org_id)
    out.update({k: v for k, v in _count(stored, policy).items()})
    out["counted_once"] = publish_count(once, policy)
    out["counted_once_label"] = str(out["counted_once"]) if out["counted_once"] is not None else (
        "none" if once == 0 else suppressed_label(policy))
    if store.latest_taxonomy_version() is not None:
        out["themes"] = _themes(store, policy, org_id, themes)
        out["evidence_cells"] = _cells(store, policy, org_id, themes)
    out["published_in"] = published_in(store, policy, org_id)
    out["shown_in"], out["quotes"] = _shown(store, org_id, themes)
    return out


def quoted_note_ids(result: dict) -> list[int]:
    """The organisation's own notes whose text this answer shows (for the audit log of reads)."""
    return [q["note_id"] for q in result["quotes"]]
