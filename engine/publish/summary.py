"""What we're hearing: the facilitator's summary and the analyst's theme explorer, for a period and a set
of areas. Library code only; every count leaves through engine.publish.suppression, and quotes come only from cells
(theme x area x period) whose count is published.

    build_summary(store, policy, period="2025-Q3", areas=["E06000064"], level="lad")
    theme_view(store, policy, "food_poverty", period="2025", areas=None, level="ward", by="quarter")

Counting: a note counts in a scope when it has an area and a month; a note may join up to three themes,
so theme counts do not add up to the number of notes.
"""
from __future__ import annotations

from collections import defaultdict

from engine.core.errors import InputError
from engine.core.periods import (
    check_period,
    period_end,
    period_label,
    previous_period,
    quarter_of,
)
from engine.publish import early_warning, evidence
from engine.publish.maps import summary_maps
from engine.publish.quote_safety import QuoteGuard, held_fields
from engine.publish.responses import responses_for_areas
from engine.publish.suppression import (
    Policy,
    publish_count,
    publish_organisations,
    publish_share,
    suppressed_label,
)
from engine.publish.theme_views import _words, emergent_list, excerpt

LEVELS = ("ward", "lad")


def placer(store, level: str, areas: list[str] | None):
    """(place, chosen area codes or None, area names): `place(ward)` is the area a ward's notes count in at this
    level (the ward, or its council), or None when the ward is outside the chosen areas."""
    if level not in LEVELS:
        raise InputError(f"level must be one of {', '.join(LEVELS)}.", where="level")
    all_areas = {a["code"]: a for a in store.areas()}
    chosen = {a.strip().upper() for a in areas or [] if a.strip()}
    unknown = sorted(chosen - set(all_areas))
    if unknown:
        raise InputError(f"We do not know the area code(s) {', '.join(unknown)}. GET /api/v1/areas lists "
                         "the codes we have.", where="areas")

    def place(ward: str) -> str | None:
        parent = (all_areas.get(ward) or {}).get("parent_code")
        if chosen and ward not in chosen and parent not in chosen:
            return None
        return ward if level == "ward" else (parent or ward)
    return place, sorted(chosen) or None, {code: a["name"] for code, a in all_areas.items()}


class Scope:
    """Raw counts for areas (at a level) and all months, from the store; filter by period in memory."""

    def __init__(self, store, level: str = "ward", areas: list[str] | None = None):
        if level not in LEVELS:
            raise InputError(f"level must be one of {', '.join(LEVELS)}.", where="level")
        self.store, self.level = store, level
        self.version = store.latest_taxonomy_version()
        place, self.areas, self.area_names = placer(store, level, areas)
        self.theme_cells: dict[tuple[str, str, str], int] = defaultdict(int)   # (area, month, theme) -> notes
        self.totals: dict[tuple[str, str], int] = defaultdict(int)             # (area, month) -> notes
        self.theme_orgs: dict[tuple[str, str], set] = defaultdict(set)         # (month, theme) -> organisations
        if self.version is None:
            return
        for r in store.theme_area_month_orgs("ward"):
            if r["theme_id"] and place(r["area_code"]):
                self.theme_orgs[(r["month"], r["theme_id"])].add(r["org_id"])
        for r in store.theme_area_month_counts("ward"):
            area = place(r["area_code"])
            if area and r["theme_id"]:
                self.theme_cells[(area, r["month"], r["theme_id"])] += r["notes"]
        for r in store.area_month_totals("ward"):
            area = place(r["area_code"])
            if area:
                self.totals[(area, r["month"])] += r["notes"]

    def months(self, period: str | None) -> list[str]:
        return sorted({m for _, m in self.totals if evidence.period_of(m, period)})

    def notes(self, period: str | None) -> int:
        return sum(n for (_, m), n in self.totals.items() if evidence.period_of(m, period))

    def theme_count(self, theme_id: str, period: str | None) -> int:
        return sum(n for (_, m, t), n in self.theme_cells.items() if t == theme_id and evidence.period_of(m, period))

    def theme_org_count(self, theme_id: str, period: str | None) -> int:
        """Distinct organisations behind the theme's notes in this scope and period."""
        return len(set().union(*[o for (m, t), o in self.theme_orgs.items()
                                 if t == theme_id and evidence.period_of(m, period)]))

    def theme_by_area(self, theme_id: str, period: str | None) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for (a, m, t), n in self.theme_cells.items():
            if t == theme_id and evidence.period_of(m, period):
                out[a] += n
        return out

    def area_totals(self, period: str | None) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for (a, m), n in self.totals.items():
            if evidence.period_of(m, period):
                out[a] += n
        return out

    def theme_by_bucket(self, theme_id: str, period: str | None, by: str = "month") -> list[tuple[str, int, int]]:
        """(month or quarter, theme notes, all notes) in time order."""
        key = (lambda m: m) if by == "month" else quarter_of
        theme: dict[str, int] = defaultdict(int)
        total: dict[str, int] = defaultdict(int)
        for (_, m), n in self.totals.items():
            if evidence.period_of(m, period):
                total[key(m)] += n
        for (_, m, t), n in self.theme_cells.items():
            if t == theme_id and evidence.period_of(m, period):
                theme[key(m)] += n
        return [(b, theme.get(b, 0), total[b]) for b in sorted(total)]


def quotes_for(scope: Scope, policy: Policy, theme: dict, period: str | None, k: int = 4,
               guard: QuoteGuard | None = None) -> list[dict]:
    """Varied, high-scoring quotes, only from this scope's cells (area x period) whose count is published, and
    only those quote safety lets through (`guard` counts every candidate it holds back)."""
    guard = guard or QuoteGuard(scope.store, policy)
    visible = {a for a, n in scope.theme_by_area(theme["id"], period).items()
               if publish_count(n, policy, theme["sensitive"]) is not None}
    if not visible or scope.version is None:
        return []
    parents = {a["code"]: a.get("parent_code") for a in scope.store.areas()}
    chosen, seen = [], []
    for row in scope.store.theme_notes_for_quotes(theme["id"]):
        ward, month = row["area_code"], row["month"]
        if not ward or not month or not evidence.period_of(month, period):
            continue
        area = ward if scope.level == "ward" else (parents.get(ward) or ward)
        if area not in visible:
            continue
        text = guard.show(row["id"], excerpt(row["text"]))
        if text is None or len(chosen) >= k:
            continue
        words = _words(text)
        if any(len(words & s) / max(1, len(words | s)) > 0.4 for s in seen):
            continue
        seen.append(words)
        chosen.append({"text": text, "month": month, "area_code": area,
                       "area_name": scope.area_names.get(area), "note_id": row["id"]})  # for the audit log only
    return chosen


def quoted_note_ids(view: dict) -> list[int]:
    """Ids of the notes quoted anywhere in a theme view or summary, for the audit log of reads (never shown)."""
    themes = [view, *view.get("top_themes", []), *view.get("rising_themes", [])]
    return sorted({q["note_id"] for t in themes for q in t.get("quotes") or []})


def _count_fields(n: int, policy: Policy, sensitive: bool) -> dict:
    published = publish_count(n, policy, sensitive)
    return {"notes": published, "suppressed": published is None,
            "notes_label": str(published) if published is not None else suppressed_label(policy, sensitive)}


def theme_view(store, policy: Policy, theme_id: str, period: str | None = None, areas: list[str] | None = None,
               level: str = "ward", by: str = "month", quotes: int = 5) -> dict:
    """One theme for the analyst: trend by month or quarter, areas, quotes; filtered by period and areas."""
    if by not in ("month", "quarter"):
        raise InputError("by must be month or quarter.", where="by")
    period = check_period(period)
    theme = store.theme(theme_id)
    scope = Scope(store, level, areas)
    sensitive = theme["sensitive"]
    trend = [{"period": b, **_count_fields(n, policy, sensitive), "share": publish_share(n, total, policy, sensitive)}
             for b, n, total in scope.theme_by_bucket(theme_id, period, by)]
    totals = scope.area_totals(period)
    rows = []
    for area, n in scope.theme_by_area(theme_id, period).items():
        published = publish_count(n, policy, sensitive)
        if published is not None:
            rows.append({"area_code": area, "area_name": scope.area_names.get(area), "notes": published,
                         "share": publish_share(n, totals.get(area, 0), policy, sensitive)})
    rows.sort(key=lambda r: (-r["notes"], r["area_code"]))
    guard = QuoteGuard(store, policy)
    shown = quotes_for(scope, policy, theme, period, quotes, guard)
    return {**{k: theme[k] for k in ("id", "label", "description", "sensitive")},
            "period": period, "period_label": period_label(period), "areas": scope.areas, "level": level, "by": by,
            **_count_fields(scope.theme_count(theme_id, period), policy, sensitive),
            **publish_organisations(scope.theme_org_count(theme_id, period), scope.theme_count(theme_id, period),
                                    policy, sensitive),
            "trend": trend, "top_areas": rows, "hidden_areas": len(scope.theme_by_area(theme_id, period)) - len(rows),
            "quotes": shown, **held_fields(guard.held, policy), "method": policy.method()}


def build_summary(store, policy: Policy, period: str | None = None, areas: list[str] | None = None,
                  level: str = "lad", top: int = 6, quotes: int = 4) -> dict:
    """The "what we're hearing" summary: top and rising themes, maps of the top themes (when boundaries are
    loaded, else a line saying so), new emergent themes, stories next to numbers,
    representative quotes, what was done about themes here ("you said, we did"), caveats and sources. Every
    count in it is already suppressed."""
    period = check_period(period)
    scope = Scope(store, level, areas)
    themes = {t["id"]: t for t in store.themes()}
    total = scope.notes(period)
    before = previous_period(period)
    total_before = scope.notes(before) if before else 0
    rows = []
    for t in themes.values():
        n = scope.theme_count(t["id"], period)
        row = {"id": t["id"], "label": t["label"], "description": t["description"], "sensitive": t["sensitive"],
               **_count_fields(n, policy, t["sensitive"]), "share": publish_share(n, total, policy, t["sensitive"]),
               **publish_organisations(scope.theme_org_count(t["id"], period), n, policy, t["sensitive"]),
               "change": None}
        if before:
            m = scope.theme_count(t["id"], before)
            share_before = publish_share(m, total_before, policy, t["sensitive"])
            if row["share"] is not None and share_before is not None:
                row["change"] = round(row["share"] - share_before, 3)
            row["share_before"] = share_before
        rows.append(row)
    shown = sorted([r for r in rows if not r["suppressed"]], key=lambda r: (-r["notes"], r["label"]))
    top_rows = shown[:top]
    rising = sorted([r for r in shown if r["change"] is not None and r["change"] > 0], key=lambda r: -r["change"])[:3]
    everyone = QuoteGuard(store, policy)        # every quote held back anywhere in the summary, counted once
    for r in top_rows + [r for r in rising if r not in top_rows]:
        guard = everyone.fresh()
        r["quotes"] = quotes_for(scope, policy, themes[r["id"]], period, quotes, guard)
        r.update(held_fields(guard.held, policy))
        everyone.held_keys |= guard.held_keys
        r["trend"] = [{"period": b, **_count_fields(n, policy, r["sensitive"])}
                      for b, n, _ in scope.theme_by_bucket(r["id"], None, "quarter")
                      if not period or b <= (quarter_of(period_end(period)))]
    return {
        "period": period, "period_label": period_label(period), "previous_period": before,
        "areas": [{"code": a, "name": scope.area_names.get(a)} for a in scope.areas or []], "level": level,
        "notes": _count_fields(total, policy, False),
        "organisations": store.contributing_orgs(scope.months(period) if period else None, _wards(store, scope)),
        "top_themes": top_rows, "rising_themes": rising, "hidden_themes": len(rows) - len(shown),
        "emergent": emergent_list(store, policy, everyone),
        "maps": summary_maps(store, policy, [r["id"] for r in top_rows], scope.areas, period),  # published map data
        "stories_and_numbers": _stories_and_numbers(store, policy, scope, period, [r["id"] for r in top_rows]),
        "sources": _sources(store),
        "responses": responses_for_areas(store, scope.areas, period),   # "you said, we did"
        "early_warnings": _early_warnings(store, policy, scope, period),
        "method": policy.method(), "attention_method": evidence.ATTENTION_METHOD,
        "quotes_held_back": held_fields(everyone.held, policy),
        "caveats": _caveats(policy, total, len(rows) - len(shown), period, before)
        + [held_fields(everyone.held, policy)["held_back_label"]],
    }


def _early_warnings(store, policy: Policy, scope: Scope, period: str | None) -> dict:
    """Themes whose share in the period's last month rose beyond what was projected for it, and new emergent themes
    that grew fast in it: for all areas when the summary has none chosen, else for each chosen area counted at the
    summary's level."""
    until = period_end(period) if period else None
    if scope.areas is None:
        found = early_warning.alerts(store, policy, None, until=until)
    else:
        found = early_warning.alerts(store, policy, scope.level, scope.areas, until=until)
    for a in found:
        a["area_name"] = scope.area_names.get(a["area_code"]) if a["area_code"] else None
    return {"alerts": found, "method": early_warning.method(policy)}


def _wards(store, scope: Scope) -> list[str] | None:
    if scope.areas is None:
        return None
    chosen = set(scope.areas)
    return [a["code"] for a in store.areas() if a["code"] in chosen or a.get("parent_code") in chosen]


def _stories_and_numbers(store, policy: Policy, scope: Scope, period: str | None, theme_ids: list[str]) -> list[dict]:
    """Evidence cells for the top themes in the chosen areas: visible story share beside the indicator. When the
    indicators exist only for wards (as they often do), the comparison is made across the chosen councils' wards."""
    keep = set(scope.area_totals(period))
    if not keep or not theme_ids:
        return []

    def cells(level: str, areas: set) -> list[dict]:
        out = [r for r in evidence.build(store, policy, level, period) if r["theme"] in theme_ids
               and r["area_code"] in areas and not r["suppressed"] and r["indicator_percentile"] is not None]
        return sorted(out, key=lambda r: (theme_ids.index(r["theme"]), -(r["attention"] or 0)))

    found = cells(scope.level, keep)
    if not found and scope.level != "ward":
        wards = _wards(store, scope)
        found = cells("ward", set(wards) if wards is not None else {a["code"] for a in store.areas("ward")})
    return found


def _sources(store) -> list[dict]:
    linked = {link["indicator_id"] for link in store.theme_indicator_links()}
    return [{"id": i["id"], "label": i["label"], "source": i["source"], "licence": i["licence"]}
            for i in store.indicators() if i["id"] in linked]


def _caveats(policy: Policy, total: int, hidden: int, period: str | None, before: str | None) -> list[str]:
    published = publish_count(total, policy)
    out = [f"Based on {published if published is not None else suppressed_label(policy)} notes that have an area "
           "and a month. A note can join up to three themes, so theme counts add up to more than the notes.",
           policy.method()]
    if hidden:
        out.append(f"{hidden} themes had too few notes here to show safely; they are left out, not zero.")
    if before:
        out.append(f"Rising means a bigger share of notes than in {period_label(before)}, where both counts can be "
                   "shown.")
    else:
        out.append("Choose a period to see which themes are rising.")
    out.append("Notes come from the groups that chose to share them, so they show what those groups hear, not "
               "everyone's experience. Quotes are anonymised and shortened.")
    return out
