"""Reviewing emergent themes: a person promotes, renames, merges or dismisses each candidate, and can restore a
dismissed one (undo) to proposed.

Promoting adds the candidate to the taxonomy as a new theme (a new taxonomy version, with the label and
description the person gives; its examples are its representative quotes) and marks it promoted. The notes
it came from keep their themes until a refit (`engine.refit`), which then reports what moved. A dismissed
candidate is remembered: a later discovery does not propose the same notes again.
"""
from __future__ import annotations

import re

from engine.core.errors import InputError
from engine.core.protocols import EmergentStore
from themes.taxonomy import ID_PATTERN, Theme, with_theme
from themes.taxonomy_io import activate, current_taxonomy

DISMISSED_OVERLAP = 0.5
MAX_EXAMPLES = 6
MAX_EXAMPLE_WORDS = 30
SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _proposed(store: EmergentStore, candidate_id: int) -> dict:
    c = store.emergent_candidate(candidate_id)
    if c["status"] != "proposed":
        raise InputError(f"Emergent theme {candidate_id} was already {c['status']}; only proposed ones can be "
                         "reviewed. Run `insights themes discover` for fresh candidates.")
    return c


def _label(label: str) -> str:
    label = (label or "").strip()
    if not label:
        raise InputError("Give the theme a label in plain words, e.g. 'Transport to appointments'.")
    return label


def theme_id_for(label: str, taken) -> str:
    base = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:48] or "theme"
    theme_id, n = base, 2
    while theme_id in taken:
        theme_id, n = f"{base}_{n}", n + 1
    return theme_id


def promote(store: EmergentStore, candidate_id: int, label: str, who: str, description: str | None = None,
            theme_id: str | None = None, sensitive: bool = False, parent: str | None = None) -> dict:
    """Make a candidate a theme in a new taxonomy version. Returns {theme_id, taxonomy_version}."""
    c = _proposed(store, candidate_id)
    taxonomy = current_taxonomy(store)
    theme = promote_theme(c, label, description, theme_id or theme_id_for(_label(label), taxonomy.ids), sensitive,
                          parent)
    theme_id = theme.id
    version = activate(store, with_theme(taxonomy, theme), f"promoted emergent theme {candidate_id} as {theme_id}")
    store.update_emergent(candidate_id, status="promoted", label=label, theme_id=theme_id, reviewed_by=who)
    return {"theme_id": theme_id, "taxonomy_version": version}


def promote_theme(candidate: dict, label: str, description: str | None, theme_id: str, sensitive: bool = False,
                  parent: str | None = None) -> Theme:
    """The theme a candidate becomes: the person's label and description (default: label and keywords), and
    as examples its representative quotes."""
    label = _label(label)
    if not ID_PATTERN.match(theme_id):
        raise InputError(f"Theme id '{theme_id}' may use only letters, digits, _ . and -.")
    description = (description or "").strip() or f"{label}: notes that mention {', '.join(candidate['keywords'][:5])}."
    return Theme(theme_id, label, description, example_sentences(candidate), parent, sensitive)


def example_sentences(candidate: dict, k: int = MAX_EXAMPLES) -> tuple[str, ...]:
    """Short example phrases for a promoted theme: the sentences of its quotes that use its keywords (a whole
    quote also carries the visit's small talk, which would pull unrelated notes in), else the quotes."""
    words = {w for k_ in candidate["keywords"] for w in k_.lower().split()}
    found: list[str] = []
    for quote in candidate["quotes"]:
        for sentence in SENTENCE.split(quote):
            sentence = sentence.strip()
            tokens = set(re.findall(r"[a-z]+", sentence.lower()))
            if tokens & words and 3 <= len(sentence.split()) <= MAX_EXAMPLE_WORDS and sentence not in found:
                found.append(sentence)
    return tuple(found[:k]) or tuple(q for q in candidate["quotes"] if q.strip())


def rename(store: EmergentStore, candidate_id: int, label: str, who: str) -> None:
    _proposed(store, candidate_id)
    store.update_emergent(candidate_id, label=_label(label), reviewed_by=who)


def merge(store: EmergentStore, keep_id: int, other_id: int, who: str, label: str | None = None) -> dict:
    """Fold `other_id` into `keep_id`: their notes, keywords and quotes combine; `other_id` is marked merged."""
    if keep_id == other_id:
        raise InputError("Choose two different emergent themes to merge.")
    keep, other = _proposed(store, keep_id), _proposed(store, other_id)
    note_ids = sorted(set(keep["note_ids"]) | set(other["note_ids"]))
    keywords = list(dict.fromkeys(keep["keywords"] + other["keywords"]))[:10]
    quoted = dict(zip(other["quotes"], other["quote_note_ids"] if len(other["quote_note_ids"]) == len(
        other["quotes"]) else [None] * len(other["quotes"])))
    quoted.update(zip(keep["quotes"], keep["quote_note_ids"] if len(keep["quote_note_ids"]) == len(
        keep["quotes"]) else [None] * len(keep["quotes"])))
    quotes = list(dict.fromkeys(keep["quotes"] + other["quotes"]))[:5]
    quote_note_ids = [quoted[q] for q in quotes]
    if None in quote_note_ids:   # a candidate from before m009: its quotes' notes are not known one by one
        quote_note_ids = note_ids
    store.update_emergent(keep_id, note_ids=note_ids, keywords=keywords, quotes=quotes,
                          quote_note_ids=quote_note_ids, size=len(note_ids),
                          label=_label(label) if label is not None else keep["label"], reviewed_by=who)
    store.update_emergent(other_id, status="merged", merged_into=keep_id, reviewed_by=who)
    return store.emergent_candidate(keep_id)


def dismiss(store: EmergentStore, candidate_id: int, who: str) -> None:
    _proposed(store, candidate_id)
    store.update_emergent(candidate_id, status="dismissed", reviewed_by=who)


def restore(store: EmergentStore, candidate_id: int, who: str) -> None:
    """Undo a dismissal: the candidate is proposed again (who and when are recorded, as for every review). Only a
    dismissed candidate can be restored; a promoted or merged one has become something else."""
    c = store.emergent_candidate(candidate_id)
    if c["status"] != "dismissed":
        raise InputError(f"Emergent theme {candidate_id} is {c['status']}, not dismissed; only a dismissed one can "
                         "be restored.", fix="Check the id: GET /api/v1/emergent-themes lists the proposed ones.")
    store.update_emergent(candidate_id, status="proposed", reviewed_by=who)


def drop_dismissed(candidates: list[dict], dismissed: list[dict]) -> list[dict]:
    """Candidates that do not mostly repeat a dismissed one (half or more of their notes in it)."""
    gone = [set(d["note_ids"]) for d in dismissed]
    return [c for c in candidates
            if not any(len(set(c["note_ids"]) & g) >= DISMISSED_OVERLAP * len(c["note_ids"]) for g in gone)]
