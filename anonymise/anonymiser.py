"""The anonymiser: the only code that ever sees raw note text.

`Anonymiser(settings).anonymise_many(texts)` returns, for each text, an `AnonymisedText` or an
`AnonymisationError` (fail closed: a note whose analysis fails or times out is rejected, never passed on
unredacted). Error messages name the note's position, never its content.
"""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor, TimeoutError as FutureTimeout
from datetime import date

from anonymise.allow_list import load_allow_list
from anonymise.analyzer import build_analyzer
from anonymise.replace import AnonymisedText, Corrections, Finding, apply_corrections, render
from engine.errors import AnonymisationError, InputError
from engine.settings import Settings

MAX_NOTE_CHARS = 200_000
SCORE_THRESHOLD = 0.4
WINDOW_CHARS = 4_000      # notes longer than this are analysed in windows ...
WINDOW_OVERLAP = 400      # ... that overlap by this much: longer than any identifier, so none is cut in two


def windows(text: str, size: int = WINDOW_CHARS, overlap: int = WINDOW_OVERLAP) -> list[tuple[int, int]]:
    """(start, end) windows covering the text, cut at whitespace, each overlapping the next by ~overlap."""
    if len(text) <= size:
        return [(0, len(text))]
    spans, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind(" ", start + size - overlap // 2, end)
            end = cut if cut > start else end
        spans.append((start, end))
        if end >= len(text):
            break
        nxt = text.find(" ", end - overlap, end)
        start = nxt + 1 if nxt != -1 and nxt + 1 > start else end - overlap
    return spans


def check_text(text, where: str) -> str:
    if not isinstance(text, str):
        raise InputError(f"{where}: the note must be text, not {type(text).__name__}.", where=where)
    if not text.strip():
        raise InputError(f"{where}: the note is empty. Add the note's text or remove the empty entry.", where=where)
    if "\x00" in text:
        raise InputError(f"{where}: the note contains binary data (NUL bytes). Send plain text.", where=where)
    if len(text) > MAX_NOTE_CHARS:
        raise InputError(
            f"{where}: the note is {len(text):,} characters; the limit is {MAX_NOTE_CHARS:,}. Split it into "
            "several notes.", where=where,
        )
    return text


def allow_pattern(phrases: list[str]):
    """One compiled pattern matching any allow-listed phrase as whole words, case-sensitively for short
    all-capital entries ("GP", "PIP") and case-insensitively otherwise."""
    import re

    parts = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not parts:
        return None
    alternatives = [re.escape(p) if (p.isupper() and len(p) <= 4) else f"(?i:{re.escape(p)})" for p in parts]
    return re.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])")


class Anonymiser:
    """`extra_allow`: more phrases to keep readable, e.g. the names of the deployment's own areas."""

    def __init__(self, settings: Settings, extra_allow: list[str] = ()):
        self.settings = settings
        self.extra_allow = list(extra_allow)
        self._analyzer = None
        self._allowed = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="anonymiser")

    @property
    def analyzer(self):
        with self._lock:
            if self._analyzer is None:
                allow = load_allow_list(self.settings.allow_list_path) + self.extra_allow
                self._allowed = allow_pattern(allow)
                self._analyzer = build_analyzer(allow)
            return self._analyzer

    def _allowed_around(self, text: str, start: int, end: int, reach: int = 60) -> bool:
        """Is text[start:end] wholly inside an allow-listed phrase? Only the neighbourhood is searched."""
        if self._allowed is None:
            return False
        # pos/endpos (not a slice) so the whole-word lookarounds still see the characters outside the window
        return any(m.start() <= start and end <= m.end()
                   for m in self._allowed.finditer(text, max(0, start - reach), end + reach))

    def _analyse(self, texts: list[str]) -> list[list[Finding]]:
        """Analyse texts in spaCy batches. Long notes are cut into overlapping windows (see `windows`);
        each window's findings are shifted back to note offsets and merged, so nothing at an edge is lost."""
        from anonymise.person_filter import filter_persons

        analyzer = self.analyzer
        pieces: list[tuple[int, int]] = []          # (text index, offset of the window in the text)
        window_texts: list[str] = []
        for i, text in enumerate(texts):
            for start, end in windows(text):
                pieces.append((i, start))
                window_texts.append(text[start:end])
        batches = analyzer.nlp_engine.process_batch(window_texts, language="en",
                                                    batch_size=self.settings.anonymise_batch_size)
        results: list[list[Finding]] = [[] for _ in texts]
        for (i, offset), (window, artifacts) in zip(pieces, batches):
            found = analyzer.analyze(text=window, language="en", nlp_artifacts=artifacts,
                                     score_threshold=SCORE_THRESHOLD)
            found = filter_persons(window, found, analyzer)  # spaCy's "Bill from British Gas", "Will you"
            # spaCy's PERSON finds ignore the allow-list ("Mind", "Universal Credit", a ward called Evelyn):
            # a name lying wholly inside an allow-listed phrase is dropped; other identifiers are never dropped.
            results[i].extend(Finding(r.entity_type, r.start + offset, r.end + offset, r.score) for r in found
                              if not (r.entity_type == "PERSON" and self._allowed_around(window, r.start, r.end)))
        return results

    def anonymise_many(self, texts: list[str], on: list[date | None] | None = None,
                       corrections: list[Corrections | None] | None = None) -> list:
        """One result per text: AnonymisedText, or an InputError/AnonymisationError for that text.
        `corrections` (per text) apply a worker's fixes to what the preview showed."""
        outcomes: list = [None] * len(texts)
        good: list[int] = []
        for i, text in enumerate(texts):
            try:
                check_text(text, f"note {i + 1}")
                good.append(i)
            except InputError as exc:
                outcomes[i] = exc
        if not good:
            return outcomes
        try:
            future = self._pool.submit(self._analyse, [texts[i] for i in good])
            findings = future.result(timeout=self.settings.anonymise_timeout_seconds * max(1, len(good) / 50))
        except FutureTimeout:
            err = AnonymisationError(
                "The anonymiser took too long, so these notes were rejected and nothing was stored. "
                "Try fewer or shorter notes at a time."
            )
            return [outcomes[i] if outcomes[i] else err for i in range(len(texts))]
        except Exception as exc:  # fail closed; the message names the failure type only, never the text
            err = AnonymisationError(
                f"The anonymiser failed ({type(exc).__name__}), so these notes were rejected and nothing was "
                "stored. Check the text is ordinary prose and try again."
            )
            return [outcomes[i] if outcomes[i] else err for i in range(len(texts))]
        today = date.today()
        for i, found in zip(good, findings):
            ref = (on[i] if on else None) or today
            fixes = corrections[i] if corrections else None
            outcomes[i] = render(texts[i], apply_corrections(texts[i], found, fixes), ref)
        return outcomes

    def anonymise(self, text: str, on: date | None = None, corrections: Corrections | None = None) -> AnonymisedText:
        result = self.anonymise_many([text], [on], [corrections])[0]
        if isinstance(result, Exception):
            raise result
        return result
