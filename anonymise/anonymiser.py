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
from anonymise.replace import AnonymisedText, Finding, render
from engine.errors import AnonymisationError, InputError
from engine.settings import Settings

MAX_NOTE_CHARS = 200_000
SCORE_THRESHOLD = 0.4


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


class Anonymiser:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._analyzer = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="anonymiser")

    @property
    def analyzer(self):
        with self._lock:
            if self._analyzer is None:
                self._analyzer = build_analyzer(load_allow_list(self.settings.allow_list_path))
            return self._analyzer

    def _analyse(self, texts: list[str]) -> list[list[Finding]]:
        analyzer = self.analyzer
        nlp_engine = analyzer.nlp_engine
        batches = nlp_engine.process_batch(texts, language="en", batch_size=self.settings.anonymise_batch_size)
        results = []
        for text, artifacts in batches:
            found = analyzer.analyze(text=text, language="en", nlp_artifacts=artifacts,
                                     score_threshold=SCORE_THRESHOLD)
            results.append([Finding(r.entity_type, r.start, r.end, r.score) for r in found])
        return results

    def anonymise_many(self, texts: list[str], on: list[date | None] | None = None) -> list:
        """One result per text: AnonymisedText, or an InputError/AnonymisationError for that text."""
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
            outcomes[i] = render(texts[i], found, ref)
        return outcomes

    def anonymise(self, text: str, on: date | None = None) -> AnonymisedText:
        result = self.anonymise_many([text], [on])[0]
        if isinstance(result, Exception):
            raise result
        return result
