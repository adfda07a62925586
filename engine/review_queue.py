"""The review queue over the stored notes ("Check these notes", GET /api/v1/review-queue) and people's verdicts
on it (POST /api/v1/review-queue/{note_id}).

Which notes: those with themes in force and no verdict yet, chosen by themes/review_queue.py (uncertain and
diverse) with the assigner in force in the pipeline: zero-shot on the stored calibration, or learned from the
corrections once `Settings.learn_after_corrections` notes are corrected (`Pipeline.ready_assigner`).

Small numbers: the queue serves whole anonymised notes, so it follows the quotes rule (engine.publish.
theme_views.representative_quotes): a note is shown only when, for each of its themes in force (or "no theme
fits"), its area's cell for that theme holds at least the suppression threshold (higher for sensitive themes).
Notes without an area are never shown, as they are never quoted. The queue answers no count at all.

Learning: a verdict goes through themes.corrections.correct (as `insights themes correct`); it never moves
another note's themes (the stability rule of engine.pipeline). What changes is the learned assigner, which is
fitted again from the corrections in a background job (kind "learn"), not in the request: `ReadyAssigner` keeps
the last one built, serves it while a newer one is fitted, and says whether it is up to date.
"""
from __future__ import annotations

import threading
from collections import defaultdict
from typing import Callable

from engine.core.errors import InputError
from engine.publish.suppression import Policy, publish_count


def showable_notes(store, policy: Policy) -> list[dict]:
    """The notes without a verdict that the quotes rule lets an analyst read (see the module docstring)."""
    sensitive = {t["id"]: t["sensitive"] for t in store.themes(include_retired=True)}
    cells = store.theme_area_cells()
    rows = [r for r in store.notes_without_verdict() if r["area_code"]]
    themes_of: dict[int, set[str]] = defaultdict(set)
    for a in store.in_force_assignments([r["id"] for r in rows]) if rows else []:
        themes_of[a["note_id"]].add(a["theme_id"])
    return [r for r in rows if themes_of[r["id"]] and all(
        publish_count(cells.get((t, r["area_code"]), 0), policy, sensitive.get(t, False)) is not None
        for t in themes_of[r["id"]])]


def people_examples(store, taxonomy) -> list[tuple[str, list[str]]]:
    """(text, theme ids) of the notes people have corrected (without the taxonomy's own example phrases)."""
    from themes.corrections import training_examples

    return training_examples(store, taxonomy)[:len(store.corrected_notes())]


def build_queue(assigner, store, policy: Policy, n: int, skip: set[int] = frozenset()) -> list[dict]:
    """Up to `n` notes to check next, best first: note id, text as stored, the themes suggested (id, label,
    score) and the themes near their line (id, label). `skip`: note ids left out (skipped on the page)."""
    from themes.review_queue import review_queue

    if n < 1:
        raise InputError(f"Asked for {n} notes to check; ask for at least 1.", where="n",
                         fix="Ask for 1 or more notes, e.g. ?n=20.")
    taxonomy = assigner.taxonomy
    rows = [r for r in showable_notes(store, policy) if r["id"] not in skip]
    if not rows:
        return []
    labels = {t.id: t.label for t in taxonomy.themes}
    items = review_queue(assigner, [r["text"] for r in rows], n, people_examples(store, taxonomy), store=store)
    return [{"note_id": rows[i.index]["id"], "text": rows[i.index]["text"],
             "suggested": [{"id": t, "label": labels.get(t, t), "score": s} for t, s in i.suggested],
             "near": [{"id": t, "label": labels.get(t, t)} for t in i.near]} for i in items]


def record_verdict(store, note_id: int, who: str, *, confirm=(), reject=(), add=(), none_of_these: bool = False,
                   taxonomy=None) -> list[dict]:
    """A person's verdict on one note from the queue: themes confirmed, rejected and added (a theme the engine
    did not suggest, stored as a confirmation), or `none_of_these` (every theme of the taxonomy rejected).
    Checked whole before anything is stored; each theme goes through themes.corrections.correct. Returns the
    note's themes in force afterwards."""
    from themes.corrections import correct
    from themes.taxonomy_io import current_taxonomy

    store.note(note_id)   # NotFoundError when there is no such note
    taxonomy = taxonomy or current_taxonomy(store)
    confirm = list(dict.fromkeys([*confirm, *add]))
    reject = list(dict.fromkeys(reject))
    if none_of_these:
        if confirm:
            raise InputError("'None of these' cannot go with confirmed or added themes.", where="none_of_these",
                             fix="Either confirm the themes that fit, or say none of them does, not both.")
        reject = list(taxonomy.ids)
    if not confirm and not reject:
        raise InputError("The verdict says nothing about the note.", where="confirm",
                         fix="Confirm, reject or add at least one theme, or say none of these fit.")
    both = sorted(set(confirm) & set(reject))
    if both:
        raise InputError(f"Theme(s) {', '.join(both)} are both confirmed and rejected.", where="reject",
                         fix="Give each theme one verdict: confirm it or reject it.")
    in_force = {r["theme_id"] for r in store.in_force_assignments([note_id])}
    unknown = [t for t in confirm if t not in taxonomy.ids] + \
              [t for t in reject if t not in taxonomy.ids and t not in in_force]
    if unknown:
        raise InputError(f"Theme(s) {', '.join(map(str, unknown))} are not in the taxonomy in force.", where="theme",
                         fix=f"Use theme ids from GET /api/v1/themes: {', '.join(taxonomy.ids)}.")
    rows: list[dict] = []
    for theme_id in confirm:
        rows = correct(store, note_id, theme_id, "confirm", who, taxonomy)
    for theme_id in reject:
        rows = correct(store, note_id, theme_id, "reject", who, taxonomy)
    return rows


class ReadyAssigner:
    """The assigner in force, kept between requests. Built at first use; after verdicts, `refresh` fits it
    again in a background job and swaps it in when done. Until then the last one built is served, and
    `get` says it is not up to date. `make_pipeline(store)` gives a pipeline with the shared embedder."""

    def __init__(self, db_path, make_pipeline: Callable):
        self.db_path, self.make_pipeline = db_path, make_pipeline
        self._lock = threading.Lock()
        self._ready: tuple | None = None     # (key, assigner)
        self._job: str | None = None
        self._again = False

    @staticmethod
    def key(pipeline) -> tuple:
        """What the assigner in force depends on: the taxonomy, the corrections and the calibration state."""
        store = pipeline.store
        version = store.latest_taxonomy_version()
        state = store.latest_calibration(version, pipeline.embedder.id) if version else None
        return (pipeline.taxonomy.content_hash, store.corrected_note_count(), state and state["fingerprint"])

    def build(self, store):
        pipeline = self.make_pipeline(store)
        corrections = self.key(pipeline)[:2]       # read first: a verdict given while fitting makes it stale
        assigner = pipeline.ready_assigner()
        with self._lock:
            self._ready = (corrections + self.key(pipeline)[2:], assigner)   # the calibration it was built on
        return assigner

    def get(self, store) -> tuple[object, bool]:
        """(the assigner to score with, whether it is the one in force now). Starts a refresh when stale."""
        with self._lock:
            ready = self._ready
        if ready is None:
            return self.build(store), True
        if ready[0] == self.key(self.make_pipeline(store)):
            return ready[1], True
        self.refresh()
        return ready[1], False

    def refresh(self, owner: str | None = None, org_id: int | None = None) -> str:
        """Fit the assigner again in a background job (one at a time: a refresh asked for while one runs makes
        it run once more). Returns the job id."""
        from engine.jobs import start_job

        with self._lock:
            if self._job is not None:
                self._again = True
                return self._job

            def work(store, progress) -> dict:
                try:
                    while True:
                        progress.say("Learning from the notes people have checked")
                        assigner = self.build(store)
                        with self._lock:
                            if not self._again:
                                self._job = None
                                return {"assigner": assigner.method}
                            self._again = False
                except BaseException:   # the job records why; the next verdict may start a new one
                    with self._lock:
                        self._job, self._again = None, False
                    raise

            self._job = start_job(self.db_path, "learn", 0, work, owner=owner, org_id=org_id)
            return self._job
