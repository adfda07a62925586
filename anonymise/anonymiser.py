"""The anonymiser: the only code that ever sees raw note text.

`Anonymiser(settings).anonymise_many(texts)` returns, for each text, an `AnonymisedText` or an
`AnonymisationError` (fail closed: a note whose analysis fails or times out is rejected, never passed on
unredacted). Error messages name the note's position, never its content.
"""
from __future__ import annotations

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from datetime import date

from anonymise.allow_list import load_allow_list
from anonymise.analyzer import build_analyzer
from anonymise.normalise import _invisible
from anonymise.replace import (
    AnonymisedText,
    Corrections,
    Finding,
    apply_corrections,
    postcode_district,
    render,
)
from engine.core.errors import AnonymisationError, InputError
from engine.core.protocols import PlaceNames
from engine.core.settings import Settings

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
    if not text.strip() or all(ch.isspace() or _invisible(ch) for ch in text):   # e.g. only zero-width spaces
        raise InputError(f"{where}: the note is empty. Add the note's text or remove the empty entry.", where=where)
    if "\x00" in text:
        raise InputError(f"{where}: the note contains binary data (NUL bytes). Send plain text.", where=where)
    if len(text) > MAX_NOTE_CHARS:
        raise InputError(
            f"{where}: the note is {len(text):,} characters; the limit is {MAX_NOTE_CHARS:,}. Split it into "
            "several notes.", where=where,
        )
    return text


def _trie_regex(words: list[str]) -> str:
    """A regex alternation of `words` shaped as a prefix tree, so the engine tries one branch per character
    instead of every phrase at every position (1,000+ phrases: ~30x faster than a flat alternation)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return build(trie)


def allow_pattern(phrases: list[str]):
    """One compiled pattern matching any allow-listed phrase as whole words, case-sensitively for short
    all-capital entries ("GP", "PIP") and case-insensitively otherwise."""
    parts = sorted({p.strip() for p in phrases if p and p.strip()})
    if not parts:
        return None
    exact = [p for p in parts if p.isupper() and len(p) <= 4]
    loose = sorted({p.lower() for p in parts if not (p.isupper() and len(p) <= 4)})
    # The case-insensitive tree first ("NHS 111" before "NHS"); the longest match wins inside each tree
    # (greedy optional tails); whole words only.
    alternatives = ([f"(?i:{_trie_regex(loose)})"] if loose else []) + ([_trie_regex(exact)] if exact else [])
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

    # --- where the work runs, and its time limit (anonymise/workers.py) -----------------------------
    def _analyse(self, texts: list[str]) -> list[list[Finding]]:
        """Analyse texts in worker processes when this anonymiser has a pool (the web service) or there are
        enough texts: a worker past the time limit is killed and replaced, so the work really stops. Else on
        this process's one anonymiser thread, where a time-out only stops the waiting. TimeoutError past it."""
        from anonymise import workers

        if workers.uses_processes(self, len(texts)):
            return workers.analyse_in_processes(self, texts, workers.process_count(self.settings, len(texts)))
        self.analyzer     # load the models first: the time limit is for the notes, not for a cold start
        future = self._pool.submit(self._analyse_here, texts)
        return future.result(timeout=self.settings.anonymise_timeout_seconds * max(1, len(texts) / 50))
    # --- end where the work runs -------------------------------------------------------------------

    # --- normalisation (anonymise/normalise.py, anonymise/truecase.py) ---------------------------------
    def _analyse_here(self, texts: list[str]) -> list[list[Finding]]:
        """Analyse texts in this process: each is normalised first (invisible characters, look-alikes,
        spelled e-mail addresses and digits, capitals) and its findings mapped back to ORIGINAL offsets,
        each covering every original character of the identifier. A span that cannot be mapped raises
        (the caller rejects the note: fail closed)."""
        from anonymise.normalise import normalise
        from anonymise.truecase import truecase

        plain = [normalise(text) for text in texts]
        forms = [truecase(n) for n in plain]
        # a re-cased note (capitals) is also read as written, for the identifiers other than names and
        # streets (in capitals those two are guesses: "BORN 14 OCTOBER" reads as a street)
        recased = [i for i, (a, b) in enumerate(zip(plain, forms)) if a.text != b.text]
        found = self._analyse_normalised([n.text for n in forms] + [plain[i].text for i in recased])
        from anonymise.recognisers.street_cued import after_address_cue

        for i, extra in zip(recased, found[len(forms):]):
            found[i] = found[i] + [f for f in extra if f.entity_type not in ("PERSON", "STREET_ADDRESS") or (
                f.entity_type == "STREET_ADDRESS" and f.end - f.start <= 50 and not re.search(
                    r"[.;\n]", plain[i].text[f.start:f.end]) and after_address_cue(plain[i].text, f.start))]
        return [[Finding(f.entity_type, *n.to_original(f.start, f.end), f.score) for f in fs]
                for n, fs in zip(forms, found[:len(forms)])]
    # --- end normalisation -----------------------------------------------------------------------------

    def _analyse_normalised(self, texts: list[str]) -> list[list[Finding]]:
        """Analyse (normalised) texts. Long notes are cut into overlapping windows (see `windows`); each
        window's findings are shifted back to note offsets and merged, so nothing at an edge is lost."""
        pieces: list[tuple[int, int]] = []          # (text index, offset of the window in the text)
        window_texts: list[str] = []
        for i, text in enumerate(texts):
            for start, end in windows(text):
                pieces.append((i, start))
                window_texts.append(text[start:end])
        if self.settings.anonymise_ner == "full":
            found_per_window = self._analyse_full(window_texts)
        else:
            found_per_window = self._analyse_gated(window_texts)
        from functools import partial

        from anonymise.name_casing import extra_names
        from anonymise.name_propagation import bridge, propagate

        results: list[list[Finding]] = [[] for _ in texts]
        for (i, offset), window, found in zip(pieces, window_texts, found_per_window):
            # spaCy's PERSON finds ignore the allow-list ("Mind", "Universal Credit", a ward called Evelyn):
            # a name lying wholly inside an allow-listed phrase is dropped; other identifiers are never dropped.
            results[i].extend(Finding(r.entity_type, r.start + offset, r.end + offset, r.score) for r in found
                              if not (r.entity_type == "PERSON" and self._allowed_around(window, r.start, r.end)))
        # names in unusual casing and everyday-word first names in context (anonymise/name_casing.py)
        results = [extra_names(text, found, lambda a, b, t=text: self._allowed_around(t, a, b))
                   for text, found in zip(texts, results)]
        # a name found once is hidden wherever it recurs in the note, with the names listed beside it
        # and the pieces of one name (initials, halves found apart) become one span (name_propagation.bridge)
        # and street pieces found apart, with their flat before and number after, become one (replace.join_addresses)
        from anonymise.replace import join_addresses

        return [join_addresses(text, bridge(text, propagate(text, found, partial(self._allowed_around, text)),
                                            partial(self._allowed_around, text)))
                for text, found in zip(texts, results)]

    def _analyse_full(self, windows_: list[str]) -> list[list]:
        """spaCy's NER reads every window (Settings.anonymise_ner = "full")."""
        from anonymise.person_filter import filter_persons

        analyzer = self.analyzer
        batches = analyzer.nlp_engine.process_batch(windows_, language="en",
                                                    batch_size=self.settings.anonymise_batch_size)
        out = []
        for window, artifacts in batches:
            found = analyzer.analyze(text=window, language="en", nlp_artifacts=artifacts,
                                     score_threshold=SCORE_THRESHOLD)
            out.append(filter_persons(window, found, analyzer))  # spaCy's "Bill from British Gas", "Will you"
        return out

    def _analyse_gated(self, windows_: list[str]) -> list[list]:
        """Our recognisers first; then spaCy's NER only on the sentences they left a capitalised word
        unexplained in (anonymise/ner_gate.py), its PERSON spans mapped back to window offsets."""
        from anonymise import ner_gate
        from anonymise.person_filter import SPACY_RECOGNISER, filter_persons

        analyzer = self.analyzer
        engine = analyzer.nlp_engine
        spacy_rec = next(r for r in analyzer.registry.recognizers if r.name == SPACY_RECOGNISER)
        first, joined, where = [], [], []
        for w, window in enumerate(windows_):
            found = analyzer.analyze(text=window, language="en", nlp_artifacts=engine.no_entities(),
                                     score_threshold=SCORE_THRESHOLD)
            first.append(found)
            covered = bytearray(len(window))
            for r in found:
                covered[r.start:r.end] = b"\x01" * (r.end - r.start)
            chosen = ner_gate.needs_ner(window, covered, lambda a, b, t=window: self._allowed_around(t, a, b))
            if chosen:
                text, index = ner_gate.join(window, chosen)
                joined.append(text)
                where.append((w, index))
        for (w, index), (text, artifacts) in zip(where, engine.process_batch(
                joined, language="en", batch_size=self.settings.anonymise_batch_size)):
            for r in spacy_rec.analyze(text, ["PERSON"], artifacts):
                span = ner_gate.to_original(r.start, r.end, index)
                if span and r.score >= SCORE_THRESHOLD:
                    r.start, r.end = span
                    first[w].append(r)
        # filter_persons returns at once when no spaCy PERSON is among the findings
        return [filter_persons(window, found, analyzer) for window, found in zip(windows_, first)]

    def anonymise_many(self, texts: list[str], on: list[date | None] | None = None,
                       corrections: list[Corrections | None] | None = None, areas: list[str | None] | None = None,
                       places: PlaceNames | None = None) -> list:
        """One result per text: AnonymisedText, or an InputError/AnonymisationError for that text.
        `corrections` (per text) apply a worker's fixes to what the preview showed. Small places (estates,
        blocks, lone streets; hamlets too when `places` knows the readable areas) are generalised to each
        note's area as given in `areas` (anonymise/small_places.py)."""
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
            findings = self._analyse([texts[i] for i in good])
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
            found = self._small_places(texts[i], found, areas[i] if areas else None, places)
            outcomes[i] = render(texts[i], apply_corrections(texts[i], found, fixes), ref)
        return outcomes

    # --- small places (anonymise/small_places.py) ------------------------------------------------------
    def _small_places(self, text: str, found: list[Finding], area: str | None,
                      places: PlaceNames | None) -> list[Finding]:
        """`found` with the note's small places generalised. Runs here, not in the analysis workers: it needs
        the place names, and is a few regular expressions."""
        from anonymise.small_places import generalise

        with self._lock:
            if self._allowed is None:
                self._allowed = allow_pattern(load_allow_list(self.settings.allow_list_path) + self.extra_allow)
        districts = [d for f in found if f.entity_type == "UK_POSTCODE"
                     if (d := postcode_district(text[f.start:f.end]))]
        def plain(word: str) -> bool:   # the lexicon loads (once a process) only when a hamlet candidate needs it
            from anonymise.name_lists import lexicon

            return lexicon().plain_word(word)

        return generalise(text, found, lambda a, b: self._allowed_around(text, a, b), places, area, districts,
                          plain if places is not None else None)
    # --- end small places ------------------------------------------------------------------------------

    def anonymise(self, text: str, on: date | None = None, corrections: Corrections | None = None) -> AnonymisedText:
        result = self.anonymise_many([text], [on], [corrections])[0]
        if isinstance(result, Exception):
            raise result
        return result
