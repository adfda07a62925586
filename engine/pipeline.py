"""The ingest pipeline: anonymise -> store -> embed -> assign themes. Raw text is dropped after the
anonymiser; only anonymised text and metadata go further. Models load on first use, not at import.

Theme assignment is stable: a note is assigned once, under the taxonomy version in force, and keeps those
themes when new notes arrive or the taxonomy changes, until an explicit refit (`engine.refit`). People's
verdicts (`themes.corrections`) always win for their note; once enough notes are corrected, new notes are
assigned by a LearnedAssigner fitted on them (method "learned") instead of zero-shot.

The zero-shot scorer calibrates itself on the stored notes (themes/zero_shot.py): its state is kept per taxonomy
version and embedder, refitted when the stored notes have doubled, and only ever themes notes not yet themed."""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from engine.core.errors import InsightsError, TooLargeError
from engine.core.settings import Settings
from engine.core.vocab import DEFAULT_CONSENT_BASIS
from engine.places.areas import resolve_area
from engine.readers import RawNote
from engine.store import NewNote, Store
from themes.embedder import content_hash


class _NoBar:
    """What `no_progress` returns: a progress bar that shows nothing."""

    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def no_progress(iterable: Iterable, **_: object) -> _NoBar:
    return _NoBar()


class Pipeline:
    def __init__(self, settings: Settings, store: Store, anonymiser=None, embedder=None, taxonomy=None,
                 assigner=None, progress: Callable = no_progress, *, zero_shot=None,
                 learned_cache: dict | None = None):
        """`assigner`: a fixed assigner (nothing calibrates or learns). `zero_shot` (with the taxonomy it was
        built for) and `learned_cache`: the shipped assigners kept between pipelines (the service keeps them
        between requests); they are still given the calibration in force and refitted from corrections
        exactly as a pipeline's own would be."""
        self.settings = settings
        self.store = store
        self._anonymiser = anonymiser
        self._embedder = embedder
        self._taxonomy = taxonomy
        self._assigner = assigner
        self._zero_shot = zero_shot
        self._zero_shot_given = zero_shot is not None
        self._learned = learned_cache if learned_cache is not None else {}
        self._place_names = None
        self._taxonomy_given = taxonomy is not None
        self.progress = progress

    def refresh_taxonomy(self) -> None:
        """Forget the cached taxonomy and assigners, so the next assignment uses the taxonomy now in force
        (after an edit, a load or a promotion). A taxonomy given to the constructor is kept."""
        if not self._taxonomy_given:
            self._taxonomy = None
        if not self._zero_shot_given:
            self._zero_shot = None
        self._learned.clear()

    @property
    def anonymiser(self):
        if self._anonymiser is None:
            from anonymise.anonymiser import Anonymiser

            self._anonymiser = Anonymiser(self.settings, extra_allow=self.store.area_names())
        return self._anonymiser

    @property
    def place_names(self):
        """The store's ward, council and neighbourhood names, for generalising small places in notes."""
        if self._place_names is None:
            from engine.places.place_names import StorePlaceNames

            self._place_names = StorePlaceNames(self.store)
        return self._place_names

    @property
    def embedder(self):
        """The settings' embedder: MiniLM ("accurate") or the static model distilled from it ("fast")."""
        if self._embedder is None:
            from themes.embedders import make_embedder

            self._embedder = make_embedder(self.settings.embedder)
        return self._embedder

    @property
    def taxonomy(self):
        """The taxonomy given to the pipeline, else the one in force in the database (built-in at first)."""
        if self._taxonomy is None:
            from themes.taxonomy_io import current_taxonomy

            self._taxonomy = current_taxonomy(self.store)
        return self._taxonomy

    @property
    def zero_shot(self):
        """The settings' zero-shot assigner (themes/zero_shot.py): the calibrated scorer by default, its state
        given by `assign_notes` before it themes anything."""
        if self._zero_shot is None:
            from themes.zero_shot import zero_shot_assigner

            self._zero_shot = zero_shot_assigner(self.settings, self.taxonomy, self.embedder)
        return self._zero_shot

    @property
    def assigner(self):
        """The assigner given to the pipeline; else zero-shot until `learn_after_corrections` notes have been
        corrected, then one learned from those corrections (refitted when more corrections arrive, or when the
        zero-shot calibration it builds on changes)."""
        if self._assigner is not None:
            return self._assigner
        corrected = self.store.corrected_note_count()
        if corrected < self.settings.learn_after_corrections:
            return self.zero_shot
        key = (self.taxonomy.content_hash, corrected, getattr(self.zero_shot, "fingerprint", None))
        learned = self._learned.get(key)
        if learned is None:
            from themes.corrections import training_examples
            from themes.learned import LearnedAssigner

            examples = training_examples(self.store, self.taxonomy)
            learned = LearnedAssigner(self.zero_shot, examples, self.store, seed=self.settings.seed)
            self._learned.clear()
            self._learned[key] = learned
        return learned

    def ready_assigner(self):
        """`assigner`, with the zero-shot calibration in force for the taxonomy version and embedder given first
        (fitted and stored when there is none, as `assign_notes` does): what a new note would be themed with."""
        if self._assigner is None:
            from themes.zero_shot import calibrate

            calibrate(self.zero_shot, self.store, self.taxonomy_version())
        return self.assigner

    def taxonomy_version(self) -> int:
        return self.store.record_taxonomy(self.taxonomy.label, self.taxonomy.content_hash, self.taxonomy.as_dicts())

    def anonymise(self, raw: list[RawNote]) -> tuple[list[NewNote], list[dict]]:
        """Anonymise notes in batches. Returns the notes ready to store and the rejected ones (by position)."""
        ready: list[NewNote] = []
        rejected: list[dict] = []
        size = max(1, self.settings.anonymise_batch_size * 4)
        bar = self.progress(range(len(raw)), desc="Anonymising", unit="note", total=len(raw))
        for start in range(0, len(raw), size):
            chunk = raw[start:start + size]
            results = self.anonymiser.anonymise_many([n.text for n in chunk], [n.reference_date() for n in chunk],
                                                     [n.corrections for n in chunk], areas=[n.area for n in chunk],
                                                     places=self.place_names)
            for note, result in zip(chunk, results):
                if isinstance(result, InsightsError):
                    rejected.append({"where": note.where, "error": result.message, "exception": result})
                    continue
                area_code, how = resolve_area(self.store, note.area, result.postcode_districts)
                ready.append(NewNote(
                    text=result.text, content_hash=content_hash(result.text),
                    dedupe_key=content_hash(f"{result.text}\x1f{note.source_ref()}"), source_type=note.source_type,
                    date=note.month, month=note.month, area_code=area_code, area_how=how,
                    age_band=result.age_band, external_id=note.external_id,
                    redactions=[{"entity_type": r.entity_type, "placeholder": r.placeholder, "start": r.start,
                                 "end": r.end} for r in result.redactions],
                    original_spans=[(r.orig_start, r.orig_end) for r in result.redactions],
                ))
            bar.update(len(chunk))
        bar.close()
        return ready, rejected

    def anonymise_request(self, raw: list[RawNote], queue_key) -> tuple[list[NewNote], list[dict]]:
        """`anonymise` for the notes of one request (an API call or a page), bounded and queued fairly: more
        than Settings.max_request_chars characters in all is refused whole (TooLargeError, 413) before any
        work, and the work waits in `queue_key`'s turn (anonymise/workers.py), e.g. the organisation's id."""
        from anonymise import workers

        chars = sum(len(n.text) for n in raw if isinstance(n.text, str))
        limit = self.settings.max_request_chars
        if chars > limit:
            raise TooLargeError(
                f"The notes in this request have {chars:,} characters in all; one request may send at most "
                f"{limit:,} to be anonymised (INSIGHTS_MAX_REQUEST_CHARS). Nothing was stored.",
                fix="Send the notes in several smaller batches, or upload them as a file (POST "
                    "/api/v1/notes/upload or the Upload page), which is anonymised in the background.")
        with workers.queued_as(queue_key):
            return self.anonymise(raw)

    def ingest(self, raw: list[RawNote], org: str, channel: str = "cli",
               consent_basis: str = DEFAULT_CONSENT_BASIS, assign: bool = True,
               on_stored: Callable[[dict], None] | None = None, consent_reference: str | None = None,
               recorded_by: str | None = None) -> dict:
        """Anonymise and store one submission, then (unless assign=False) assign themes to new notes.
        `on_stored(stored)` is told what was stored (submission id, new note ids, duplicates) at once, before
        themes are found: a background job records it, so its page tells the truth if the process dies.
        The consent record (basis, `consent_reference`, `recorded_by`) is checked first (engine/agreements.py)."""
        consent = self.consent(org, consent_basis, consent_reference)
        ready, rejected = self.anonymise(raw)
        return self.store_anonymised(ready, rejected, len(raw), org, consent, channel=channel, assign=assign,
                                     on_stored=on_stored, recorded_by=recorded_by)

    def consent(self, org: str, consent_basis: str = DEFAULT_CONSENT_BASIS,
                consent_reference: str | None = None) -> dict:
        """The consent record for `org`'s notes, checked (engine/agreements.py) before any work is done."""
        from engine.agreements import check_consent

        return check_consent(self.store, self.store.ensure_org(org), consent_basis, consent_reference)

    def store_anonymised(self, ready: list[NewNote], rejected: list[dict], read: int, org: str, consent: dict,
                         channel: str = "cli", assign: bool = True, on_stored: Callable[[dict], None] | None = None,
                         recorded_by: str | None = None) -> dict:
        """The second half of `ingest`, for notes already anonymised (by `anonymise`, here or in a batch worker,
        engine/batch/): store them as one submission (dedupe keys: nothing twice), flag near-duplicates, then
        (unless assign=False) assign themes. `read`: how many notes were read; `rejected`: {"where", "error"}."""
        org_id = self.store.ensure_org(org)
        stored = self.store.add_submission(org_id, ready, channel, consent["consent_basis"],
                                           consent["consent_reference"], recorded_by) if ready else {
            "submission_id": None, "note_ids": [], "duplicate_indexes": []}
        if on_stored is not None:
            on_stored(stored)
        flagged = self.flag_near_duplicates(stored["note_ids"])
        assigned = self.assign_pending() if assign else {}
        duplicates = set(stored["duplicate_indexes"])
        how = Counter(note.area_how for i, note in enumerate(ready) if i not in duplicates)
        return {
            "read": read, "stored": len(stored["note_ids"]), "duplicates": len(stored["duplicate_indexes"]),
            "rejected": [{"where": r["where"], "error": r["error"]} for r in rejected],
            "submission_id": stored["submission_id"], "note_ids": stored["note_ids"],
            "area_resolution": dict(how), "assigned": assigned, "near_duplicates": flagged,
        }

    def flag_near_duplicates(self, note_ids: list[int]) -> int:
        """Flag the new notes that retell an earlier note (engine/near_duplicates.py), so they count once."""
        from engine.near_duplicates import flag_near_duplicates

        return flag_near_duplicates(self.store, self.embedder, note_ids, self.settings)

    def assign_pending(self, batch: int = 256) -> dict:
        """Assign themes to every note that has none yet, under the taxonomy version in force.
        Notes that already have themes keep them: new notes never change old notes' themes."""
        pending = self.store.notes_without_assignment()
        return self.assign_notes(pending, batch, desc="Finding themes")

    def assign_notes(self, rows: list[dict], batch: int = 256, desc: str = "Finding themes",
                     recalibrate: bool = False) -> dict:
        """Assign (or, for a refit, re-assign) these notes under the current version; verdicts win.
        The zero-shot calibration in force for the version and embedder is used, fitted on every stored note
        when there is none or the notes have doubled since (`recalibrate`: refit it now if the notes changed);
        each row made records that state's fingerprint."""
        from themes.corrections import apply_verdicts, verdicts_by_note
        from themes.zero_shot import calibrate

        version = self.taxonomy_version()
        state = calibrate(self.zero_shot, self.store, version, refit=recalibrate, progress=self.progress) \
            if rows and self._assigner is None else None
        fingerprint = state.fingerprint if state is not None else None
        assigner = self.assigner
        counts = Counter()
        bar = self.progress(range(len(rows)), desc=desc, unit="note", total=len(rows))
        for start in range(0, len(rows), batch):
            chunk = rows[start:start + batch]
            decided, _ = assigner.assign([r["text"] for r in chunk], self.store)
            verdicts = verdicts_by_note(self.store, [r["id"] for r in chunk])
            out = []
            for row, themes in zip(chunk, decided):
                made = [{"note_id": row["id"], "theme_id": a.theme_id, "score": a.score, "method": assigner.method,
                         "taxonomy_version": version} for a in themes]
                note_rows = [{**r, "calibration": fingerprint if r["method"] != "confirmed" else None}
                             for r in apply_verdicts(row["id"], made, verdicts.get(row["id"], {}), version)]
                counts.update(r["theme_id"] or "unassigned" for r in note_rows)
                out += note_rows
            self.store.put_note_assignments([r["id"] for r in chunk], out, version)
            bar.update(len(chunk))
        bar.close()
        return {"notes": len(rows), "themes": dict(counts), "method": assigner.method, "taxonomy_version": version,
                "calibration": fingerprint}

    def discover_emergent(self, background_notes: int = 1500) -> list[dict]:
        """Fit BERTopic over passages of unassigned notes and record the candidate themes for review."""
        import uuid

        from themes.emergent import discover
        from themes.note_vectors import passage_groups
        from themes.review import drop_dismissed

        rows = self.store.in_force_unassigned_notes()
        assigned = self.store.in_force_assigned_sample(background_notes)
        # passages of about 60 words, each the mean of the (already cached) 20-word passages themes were read in
        index, texts, vectors = passage_groups(self.store, self.embedder, [r["text"] for r in rows])
        owners = [rows[i]["id"] for i in index]
        _, background_texts, background = passage_groups(self.store, self.embedder, [r["text"] for r in assigned])
        candidates = drop_dismissed(discover(owners, texts, vectors, background, seed=self.settings.seed,
                                             embedder=self.embedder, background_passages=background_texts),
                                    self.store.emergent(status="dismissed"))
        self.store.replace_emergent(uuid.uuid4().hex, candidates)
        return candidates
