"""The ingest pipeline: anonymise -> store -> embed -> assign themes. Raw text is dropped after the
anonymiser; only anonymised text and metadata go further. Models load on first use, not at import."""
from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from engine.areas import resolve_area
from engine.errors import InsightsError
from engine.readers import RawNote
from engine.settings import Settings
from engine.store import NewNote, Store
from themes.embedder import content_hash

CONSENT_BASES = ("consent", "legitimate_interests", "public_task", "not_recorded")


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
                 assigner=None, progress: Callable = no_progress):
        self.settings = settings
        self.store = store
        self._anonymiser = anonymiser
        self._embedder = embedder
        self._taxonomy = taxonomy
        self._assigner = assigner
        self.progress = progress

    @property
    def anonymiser(self):
        if self._anonymiser is None:
            from anonymise.anonymiser import Anonymiser

            self._anonymiser = Anonymiser(self.settings, extra_allow=self.store.area_names())
        return self._anonymiser

    @property
    def embedder(self):
        if self._embedder is None:
            from themes.embedder import MiniLMEmbedder

            self._embedder = MiniLMEmbedder()
        return self._embedder

    @property
    def taxonomy(self):
        if self._taxonomy is None:
            from themes.taxonomy import load_builtin

            self._taxonomy = load_builtin()
        return self._taxonomy

    @property
    def assigner(self):
        if self._assigner is None:
            from themes.assign import SimilarityAssigner

            self._assigner = SimilarityAssigner(self.taxonomy, self.embedder, self.settings.assign_threshold,
                                                self.settings.max_themes_per_note, self.settings.assign_margin)
        return self._assigner

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
                                                     [n.corrections for n in chunk])
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

    def ingest(self, raw: list[RawNote], org: str, channel: str = "cli",
               consent_basis: str = "legitimate_interests", assign: bool = True) -> dict:
        """Anonymise and store one submission, then (unless assign=False) assign themes to new notes."""
        if consent_basis not in CONSENT_BASES:
            raise InsightsError(f"Consent basis '{consent_basis}' is not one of {', '.join(CONSENT_BASES)}.")
        ready, rejected = self.anonymise(raw)
        org_id = self.store.ensure_org(org)
        stored = self.store.add_submission(org_id, ready, channel, consent_basis) if ready else {
            "submission_id": None, "note_ids": [], "duplicate_indexes": []}
        assigned = self.assign_pending() if assign else {}
        duplicates = set(stored["duplicate_indexes"])
        how = Counter(note.area_how for i, note in enumerate(ready) if i not in duplicates)
        return {
            "read": len(raw), "stored": len(stored["note_ids"]), "duplicates": len(stored["duplicate_indexes"]),
            "rejected": [{"where": r["where"], "error": r["error"]} for r in rejected], "submission_id": stored["submission_id"], "note_ids": stored["note_ids"],
            "area_resolution": dict(how), "assigned": assigned,
        }

    def assign_pending(self, batch: int = 256) -> dict:
        """Assign themes to every note without an assignment under the current taxonomy version.
        Notes that already have one keep it: new notes never change old notes' themes."""
        version = self.taxonomy_version()
        pending = self.store.notes_needing_assignment(version)
        counts = Counter()
        bar = self.progress(range(len(pending)), desc="Finding themes", unit="note", total=len(pending))
        for start in range(0, len(pending), batch):
            rows = pending[start:start + batch]
            decided, _ = self.assigner.assign([r["text"] for r in rows], self.store)
            out = []
            for row, themes in zip(rows, decided):
                if not themes:
                    out.append({"note_id": row["id"], "theme_id": "", "score": 0.0, "method": "unassigned",
                                "taxonomy_version": version})
                    counts["unassigned"] += 1
                for a in themes:
                    out.append({"note_id": row["id"], "theme_id": a.theme_id, "score": a.score,
                                "method": self.assigner.method, "taxonomy_version": version})
                    counts[a.theme_id] += 1
            self.store.save_assignments(out)
            bar.update(len(rows))
        bar.close()
        return {"notes": len(pending), "themes": dict(counts)}

    def discover_emergent(self, background_notes: int = 1500) -> list[dict]:
        """Fit BERTopic over passages of unassigned notes and record the candidate themes for review."""
        import uuid

        from themes.assign import passages
        from themes.embedder import embed_cached
        from themes.emergent import discover

        version = self.taxonomy_version()
        rows = self.store.unassigned_notes(version)
        assigned = self.store.assigned_notes_sample(version, background_notes)
        owners, texts = [], []
        for row in rows:
            for p in passages(row["text"]):
                owners.append(row["id"])
                texts.append(p)
        background_texts = [p for row in assigned for p in passages(row["text"])]
        vectors = embed_cached(self.store, self.embedder, texts)
        background = embed_cached(self.store, self.embedder, background_texts)
        candidates = discover(owners, texts, vectors, background, seed=self.settings.seed)
        self.store.replace_emergent(uuid.uuid4().hex, candidates)
        return candidates
