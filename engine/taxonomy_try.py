"""Try a taxonomy (or one theme) on a database's stored notes before saving it; nothing is written.

The shipped zero-shot scorer (themes/zero_shot.py) is built for the taxonomy being tried and for the one in
force, each calibrated on every stored note as `insights themes refit` calibrates it after a save, reading the
stored passage vectors (a passage with no stored vector is embedded and kept in memory only). The store is
read through `ReadOnlyStore`, which keeps anything the scorer would cache in memory. Then
`themes.taxonomy_try.preview` says what each new or changed theme would take. Its counts are raw, for an
admin on their own database; `published` turns them into suppressed, rounded counts for a page.
"""
from __future__ import annotations

import re

from engine.core.errors import InputError
from engine.core.settings import Settings
from engine.publish.suppression import Policy, publish_count, suppressed_label


class ReadOnlyStore:
    """What the scorer needs of the store (VectorStore, CalibrationStore), reading it and writing only to
    memory: vectors and calibration states it would cache never reach the database."""

    def __init__(self, store):
        self.store = store
        self.vectors: dict[str, dict] = {}
        self.calibrations: dict = {}

    def get_embeddings(self, hashes: list[str], embedder_id: str) -> dict:
        mine = self.vectors.setdefault(embedder_id, {})
        missing = [h for h in hashes if h not in mine]
        if missing:
            mine.update(self.store.get_embeddings(missing, embedder_id))
        return {h: mine[h] for h in hashes if h in mine}

    def put_embeddings(self, items: dict, embedder_id: str) -> None:
        self.vectors.setdefault(embedder_id, {}).update(items)

    def latest_calibration(self, taxonomy_version: int, embedder_id: str) -> dict | None:
        return self.calibrations.get((taxonomy_version, embedder_id)) or \
            self.store.latest_calibration(taxonomy_version, embedder_id)

    def put_calibration(self, taxonomy_version: int, embedder_id: str, state: dict, fingerprint: str,
                        notes: int) -> None:
        self.calibrations[(taxonomy_version, embedder_id)] = {"notes": notes, "fingerprint": fingerprint,
                                                              "state": state}

    def count_notes(self) -> int:
        return self.store.count_notes()

    def notes_for_refit(self) -> list[dict]:
        return self.store.notes_for_refit()


def _calibrated(settings: Settings, taxonomy, embedder, view: ReadOnlyStore):
    from themes.calibrated import CalibratedAssigner
    from themes.zero_shot import fit_on_store, zero_shot_assigner

    assigner = zero_shot_assigner(settings, taxonomy, embedder)
    if isinstance(assigner, CalibratedAssigner):
        assigner.with_calibration(fit_on_store(assigner, view))
    return assigner


def try_taxonomy(store, settings: Settings, trial, embedder=None, theme_ids: list[str] | None = None,
                 examples: int = 3, near: int = 3) -> dict:
    """`themes.taxonomy_try.preview` of taxonomy `trial` on every stored note, against the taxonomy in force."""
    from themes.taxonomy_io import current_taxonomy
    from themes.taxonomy_try import preview

    if embedder is None:
        from themes.embedders import make_embedder

        embedder = make_embedder(settings.embedder)
    rows = store.notes_for_refit()
    if not rows:
        raise InputError("This database has no stored notes to try the taxonomy on.",
                         fix="Add notes first (`insights ingest` or the Upload page), or point --db at another "
                             "database.")
    unknown = [t for t in theme_ids or [] if t not in trial.ids]
    if unknown:
        raise InputError(f"No theme {', '.join(unknown)} in the taxonomy being tried. Its themes are: "
                         f"{', '.join(trial.ids)}.", fix="Give --theme one of those ids.")
    view = ReadOnlyStore(store)
    current = current_taxonomy(store)
    report = preview(_calibrated(settings, trial, embedder, view), _calibrated(settings, current, embedder, view),
                     [r["text"] for r in rows], [r["id"] for r in rows], view, theme_ids, examples=examples,
                     near=near)
    report["taxonomy_version"] = store.latest_taxonomy_version()
    return report


def slug(label: str) -> str:
    """A theme id from a label: 'Getting to appointments' -> 'getting_to_appointments'."""
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:64] or "new_theme"


def try_theme(store, settings: Settings, label: str, description: str, examples: list[str],
              theme_id: str | None = None, embedder=None) -> dict:
    """Try one theme: the taxonomy in force with theme `theme_id` changed to this (or, with no id, added)."""
    from themes.taxonomy import edited, from_records, with_theme
    from themes.taxonomy_io import current_taxonomy

    examples = [e.strip() for e in examples if e.strip()]
    current = current_taxonomy(store)
    if theme_id:
        trial = edited(current, theme_id, label=label.strip(), description=description.strip(), examples=examples)
    else:
        theme_id = slug(label)
        if theme_id in current.ids:
            raise InputError(f"There is already a theme called '{current[theme_id].label}'.",
                             where="label", fix="Choose it under 'Which theme' to try changes to it, or give the "
                                                "new theme another name.")
        theme = from_records([{"id": theme_id, "label": label, "description": description,
                               "examples": examples}], "new", where="the theme").themes[0]
        trial = with_theme(current, theme)
    return try_taxonomy(store, settings, trial, embedder, [theme_id])


def published(report: dict, policy: Policy) -> dict:
    """The report with every note count suppressed and rounded (None where withheld), each with a
    `_label` to show ("fewer than 10" or the rounded number), and word counts dropped."""
    def count(n, sensitive=False):
        return publish_count(n, policy, sensitive) if n is not None else None

    def label(n, sensitive=False):
        if n is None:
            return None
        shown = count(n, sensitive)
        return str(shown) if shown is not None else suppressed_label(policy, sensitive)

    themes = []
    for t in report["themes"]:
        s = t["sensitive"]
        themes.append({**t, **{k: count(t[k], s) for k in ("takes", "now", "gained", "lost")},
                       **{f"{k}_label": label(t[k], s) for k in ("takes", "now", "gained", "lost")},
                       "words": [{"word": w["word"]} for w in t["words"]],
                       "terms": [{"term": w["term"], "z": w["z"]} for w in t["terms"]]})
    return {**report, "themes": themes, "notes": count(report["notes"]), "notes_label": label(report["notes"]),
            "others_moved": {k: {"gained_label": label(v["gained"], v["sensitive"]),
                                 "lost_label": label(v["lost"], v["sensitive"])}
                             for k, v in report["others_moved"].items()},
            "unassigned": count(report["unassigned"]), "unassigned_now": count(report["unassigned_now"])}
