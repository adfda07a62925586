"""A small real store for the picture and digest tests: three organisations in two councils, already-anonymised
notes with marker words in their text (so a test can tell that no note text leaves), themes, a linked indicator
and responses."""
from __future__ import annotations

from engine.store import NewNote, Store
from themes.taxonomy import load_builtin

AREAS = [
    {"code": "E06000001", "name": "Northtown", "level": "lad", "parent_code": None},
    {"code": "E06000002", "name": "Southby", "level": "lad", "parent_code": None},
    {"code": "E05000001", "name": "North Ward", "level": "ward", "parent_code": "E06000001", "lad_code": "E06000001"},
    {"code": "E05000002", "name": "Mill Ward", "level": "ward", "parent_code": "E06000001", "lad_code": "E06000001"},
    {"code": "E05000003", "name": "South Ward", "level": "ward", "parent_code": "E06000002", "lad_code": "E06000002"},
]
MARKERS = {"Riverside Food Bank": "RIVERSIDEMARKER", "Mill Advice": "MILLMARKER", "South Help": "SOUTHMARKER"}
# (organisation, ward, month, theme, notes)
CELLS = [
    ("Riverside Food Bank", "E05000001", "2025-08", "food_poverty", 14),
    ("Riverside Food Bank", "E05000001", "2025-09", "food_poverty", 12),
    ("Riverside Food Bank", "E05000001", "2025-08", "loneliness_isolation", 3),
    ("Riverside Food Bank", "E05000001", "2025-09", "debt_money", 6),
    ("Mill Advice", "E05000002", "2025-07", "food_poverty", 9),
    ("Mill Advice", "E05000001", "2025-09", "debt_money", 7),
    ("Mill Advice", "E05000002", "2025-09", "debt_money", 13),
    ("Mill Advice", "E05000002", "2025-05", "debt_money", 2),
    ("Mill Advice", "E05000002", "2025-05", "food_poverty", 20),
    ("South Help", "E05000003", "2025-08", "mental_health", 25),
    ("South Help", "E05000003", "2025-09", "debt_money", 12),
    ("South Help", "E05000003", "2025-09", "food_poverty", 11),
]


def _add(store, version, org, ward, month, theme, n):
    notes = [NewNote(text=f"{MARKERS[org]} story {i} about {theme} in {ward} {month}",
                     content_hash=f"{org}{ward}{month}{theme}{i}", dedupe_key=f"{org}{ward}{month}{theme}{i}",
                     source_type="case_note", date=month, month=month, area_code=ward, area_how="code",
                     age_band=None, external_id=None, redactions=[]) for i in range(n)]
    ids = store.add_submission(store.ensure_org(org), notes, "test", "consent")["note_ids"]
    store.put_note_assignments(ids, [{"note_id": i, "theme_id": theme, "score": 0.9, "method": "test",
                                      "taxonomy_version": version} for i in ids], version)


def fill(store: Store) -> Store:
    taxonomy = load_builtin()
    version = store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts())
    store.upsert_areas(AREAS)
    for cell in CELLS:
        _add(store, version, *cell)
    store.upsert_indicator({"id": "claimants", "label": "Claimant rate", "unit": "proportion",
                            "polarity": "higher_is_worse", "source": "Test source", "licence": "OGL v3",
                            "description": "Share of working-age residents claiming benefits."})
    store.add_observations([{"indicator_id": "claimants", "area_code": c, "period": "2025-06", "value": v,
                             "numerator": None, "denominator": None}
                            for c, v in (("E06000001", 0.05), ("E06000002", 0.02), ("E05000001", 0.04),
                                         ("E05000002", 0.06), ("E05000003", 0.02))])
    store.link_theme_indicator("debt_money", "claimants", "higher_is_worse", why="Benefit claims follow money worries")
    return store


def respond(store: Store, theme_id: str, area_code: str | None, said: str, period: str | None = None) -> int:
    return store.add_response({"theme_id": theme_id, "area_code": area_code, "period": period, "said": said,
                               "did": "More advice sessions from October.", "owner": "Advice team",
                               "status": "in_progress"}, "user:f@example.org")
