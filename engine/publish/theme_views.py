"""Published views of themes: counts, monthly and quarterly trends with a "rising" flag, top areas, quotes,
emergent candidates and taxonomy versions, all after suppression. The API and web pages call these; nothing
here returns a count below the threshold. Counts are of each note's themes in force (see engine.store.themes)."""
from __future__ import annotations

import re

from engine.core.errors import InputError, NotFoundError
from engine.core.periods import in_period
from engine.publish.quote_safety import (
    EMERGENT_QUOTE_WORDS,
    THEME_QUOTE_WORDS,
    QuoteGuard,
    excerpt,
    held_fields,
)
from engine.publish.suppression import (
    Policy,
    publish_count,
    publish_organisations,
    publish_share,
    suppressed_label,
)
from engine.publish.trends import theme_trend

QUOTE_WORDS = THEME_QUOTE_WORDS


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def list_filters(store, *, month_from: str | None = None, month_to: str | None = None, area: str | None = None,
                 source_type: str | None = None, organisation: str | None = None) -> dict:
    """The theme list's filters, checked against the database, as the store's terms for
    `theme_note_counts_where`. An area or organisation we do not know is an InputError that says what to do."""
    filters: dict = {"month_from": month_from, "month_to": month_to, "source_type": source_type}
    if area:
        code = area.strip().upper()
        if not store.area(code):
            raise InputError(f"We do not know the area code '{area.strip()[:20]}'.", where="area",
                             fix="Give an ONS code we hold (a ward such as E05000442 or a council such as "
                                 "E09000023); GET /api/v1/areas lists them.")
        filters["area_code"] = code
    if organisation:
        try:
            filters["org_id"] = store.org_id(organisation.strip())
        except NotFoundError:
            raise InputError(f"No organisation called '{organisation.strip()[:100]}' has shared notes here.",
                             where="organisation",
                             fix="Give the organisation's name exactly as it was registered (capitals and spaces "
                                 "count), or leave organisation out.") from None
    return {k: v for k, v in filters.items() if v is not None}


def theme_list(store, policy: Policy, filters: dict | None = None) -> list[dict]:
    """Every active theme with its published note count, most-heard first. With `filters` (from
    `list_filters`) the counts are of the matching notes only; every count passes suppression all the same."""
    version = store.latest_taxonomy_version()
    if not version:
        counts, orgs = {}, {}
    elif filters:
        counts, orgs = store.theme_note_counts_where(**filters), store.theme_org_counts_where(**filters)
    else:
        counts, orgs = store.theme_note_counts(), store.theme_org_counts_where()
    out = []
    for t in store.themes():
        n = counts.get(t["id"], 0)
        published = publish_count(n, policy, t["sensitive"])
        out.append({
            "id": t["id"], "label": t["label"], "description": t["description"], "sensitive": t["sensitive"],
            "notes": published, "suppressed": published is None,
            "notes_label": str(published) if published is not None else suppressed_label(policy, t["sensitive"]),
            **publish_organisations(orgs.get(t["id"], 0), n, policy, t["sensitive"]),
        })
    return sorted(out, key=lambda r: (r["notes"] is None, -(r["notes"] or 0), r["label"]))


def _visible_areas(store, policy: Policy, theme_id: str, sensitive: bool) -> tuple[list[dict], set]:
    areas, visible = [], set()
    for r in store.theme_area_counts(theme_id):
        published = publish_count(r["notes"], policy, sensitive)
        if published is None or r["area_code"] is None:
            continue
        visible.add(r["area_code"])
        areas.append({"area_code": r["area_code"], "area_name": r["area_name"], "notes": published,
                      "share": publish_share(r["notes"], r["all_notes"], policy, sensitive)})
    return areas, visible


def theme_detail(store, policy: Policy, theme_id: str, quotes: int = 5) -> dict:
    theme = store.theme(theme_id)
    version = store.latest_taxonomy_version()
    sensitive = theme["sensitive"]
    total = store.theme_note_counts().get(theme_id, 0) if version else 0
    orgs = store.theme_org_counts_where().get(theme_id, 0) if version else 0
    monthly = theme_trend(store, policy, theme_id, "month", sensitive=sensitive)["series"]
    quarterly = theme_trend(store, policy, theme_id, "quarter", sensitive=sensitive)["series"]
    trend = [{"month": p["period"], **p} for p in (monthly[0]["points"] if monthly else [])]
    areas, visible_areas = _visible_areas(store, policy, theme_id, sensitive) if version else ([], set())
    guard = QuoteGuard(store, policy)
    return {
        **{k: theme[k] for k in ("id", "label", "description", "sensitive", "examples")},
        "notes": publish_count(total, policy, sensitive),
        "suppressed": publish_count(total, policy, sensitive) is None,
        **publish_organisations(orgs, total, policy, sensitive),
        "trend": trend,
        "trend_quarterly": quarterly[0]["points"] if quarterly else [],
        "rising": monthly[0]["rising"] if monthly else {"rising": None, "reason": "no notes with a month yet"},
        "rising_quarterly": quarterly[0]["rising"] if quarterly else {"rising": None,
                                                                      "reason": "no notes with a month yet"},
        "top_areas": areas[:10],
        "quotes": representative_quotes(store, theme_id, visible_areas, quotes, guard) if version else [],
        **held_fields(guard.held, policy),
        "method": policy.method(),
    }


def theme_quotes(store, policy: Policy, theme_id: str, n: int = 5, area: str | None = None,
                 period: str | None = None) -> dict:
    """Up to `n` quotes of a theme, only from visible cells, optionally from one area and period; with the
    count of quotes held back among those that could have been shown (quote safety)."""
    theme = store.theme(theme_id)
    guard = QuoteGuard(store, policy)
    if not store.latest_taxonomy_version():
        return {"theme_id": theme_id, "quotes": [], **held_fields(0, policy)}
    _, visible = _visible_areas(store, policy, theme_id, theme["sensitive"])
    chosen = representative_quotes(store, theme_id, visible, n, guard, keep=lambda row: (
        (area is None or row["area_code"] == area) and in_period(row["month"], period)))
    return {"theme_id": theme_id, "quotes": chosen, **held_fields(guard.held, policy)}


def representative_quotes(store, theme_id: str, visible_areas: set, k: int, guard: QuoteGuard,
                          keep=None) -> list[dict]:
    """High-scoring, varied quotes, only from area cells that suppression leaves visible, and only those quote
    safety lets through (`guard` counts every candidate it holds back, so all candidates are checked). Each
    carries its `note_id` so a read can be audited; strip it (`public_quotes`) before a quote leaves the service."""
    chosen: list[dict] = []
    seen: list[set[str]] = []
    if k <= 0:
        return chosen
    for row in store.theme_notes_for_quotes(theme_id):
        if row["area_code"] not in visible_areas or (keep is not None and not keep(row)):
            continue
        text = guard.show(row["id"], excerpt(row["text"]))
        if text is None or len(chosen) == k:
            continue
        words = _words(text)
        if any(len(words & s) / max(1, len(words | s)) > 0.4 for s in seen):
            continue
        seen.append(words)
        chosen.append({"text": text, "month": row["month"], "area_code": row["area_code"],
                       "note_id": row["id"]})  # for the audit log of reads only: never sent (service strips it)
    return chosen


def public_quotes(quotes: list[dict]) -> tuple[list[dict], list[int]]:
    """Quotes as they may be shown (no note ids) and the ids of the notes they come from, for the audit log."""
    return [{k: v for k, v in q.items() if k != "note_id"} for q in quotes], [q["note_id"] for q in quotes]


def theme_trends(store, policy: Policy, theme_id: str, period: str = "month", level: str | None = None,
                 window: int | None = None) -> dict:
    """Trend of one theme by month or quarter, overall (level None) or per ward / LAD, after suppression;
    `window` limits the rising test to the last this many periods."""
    theme = store.theme(theme_id)
    return theme_trend(store, policy, theme_id, period, level, sensitive=theme["sensitive"], window=window)


def taxonomy_versions(store) -> dict:
    """The taxonomy in force and the history of versions (what changed in each)."""
    return {"current": store.latest_taxonomy_version(), "versions": store.taxonomy_versions()}


def emergent_list(store, policy: Policy, guard: QuoteGuard | None = None) -> list[dict]:
    """Proposed emergent themes for review: a candidate smaller than the threshold is not shown at all, and a
    quote that quote safety holds back is left out (counted in `guard` when one is passed)."""
    guard = guard or QuoteGuard(store, policy)
    out = []
    for c in store.emergent():
        published = publish_count(c["size"], policy)
        if published is None:
            continue
        aligned = len(c["quote_note_ids"]) == len(c["quotes"])
        # quotes not matched one by one to their notes cannot be checked note by note: none are shown when any
        # note of the candidate is in a sensitive theme (the strictest rule, engine/publish/quote_safety.py)
        unsure = not aligned and any(int(i) in guard.unquotable for i in c.get("note_ids") or [])
        quotes, quoted = [], []
        for i, q in enumerate([] if unsure else c["quotes"]):
            note_id = c["quote_note_ids"][i] if aligned else None
            text = guard.show(note_id, excerpt(q, EMERGENT_QUOTE_WORDS))
            if text is not None:
                quotes.append(text)
                quoted.append(note_id)
        out.append({"id": c["id"], "label": c["label"], "keywords": c["keywords"], "notes": published,
                    "quotes": quotes, "status": c["status"],
                    # for the audit log of reads: never shown or sent
                    "quote_note_ids": quoted if aligned else c["quote_note_ids"]})
    return out


def emergent_quote_note_ids(candidates: list[dict]) -> list[int]:
    """Ids of the notes quoted by `emergent_list` candidates, for the audit log of reads."""
    return sorted({int(i) for c in candidates if c["quotes"] for i in c["quote_note_ids"]})


def refit_summary(store, policy: Policy, report: dict) -> dict:
    """A refit report (engine.refit) fit to publish: per-theme counts suppressed and rounded, no note ids."""
    sensitive = {t["id"]: t["sensitive"] for t in store.themes(include_retired=True)}
    themes = {}
    for theme_id, c in report["themes"].items():
        flag = sensitive.get(theme_id, False)
        themes[theme_id] = {k: publish_count(v, policy, flag) for k, v in c.items()}
    return {"taxonomy_version": report["taxonomy_version"], "method": report["method"],
            "notes": publish_count(report["notes"], policy), "changed": publish_count(report["changed"], policy),
            "themes": themes, "suppression": policy.method()}
