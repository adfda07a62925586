"""Which sentences spaCy's NER still needs to read, once our own recognisers have run.

spaCy's statistical NER costs about three quarters of the anonymiser's time, but on case notes most of
what it finds our rules have found already (names from the name lists with their cues, and every pattern
identifier). So the NER reads only the sentences that hold a capitalised word nobody has explained yet:
not already redacted, not allow-listed, not an everyday English word, or a word that is also a known name
("Will", "Rose", "Nguyen"). Those sentences are joined into one short text per note, NER runs on it, and its
PERSON spans are mapped back to the note's offsets. Sentences with nothing unexplained are skipped: in them
spaCy's small model has nothing to find that a capital letter would not have shown first.

`Settings.anonymise_ner = "full"` turns this off (NER reads every sentence), at about a third of the speed.
"""
from __future__ import annotations

import re
from typing import Callable

from anonymise.name_lists import NameLexicon, lexicon

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+|[•*–—]")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
JOIN = "\n"          # between sentences of the joined text: a hard break for spaCy's NER


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line, without the breaks between them."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def unexplained(word: str, first_in_sentence: bool, lex: NameLexicon, beside_finding: bool = False) -> bool:
    """A capitalised (or ALL-CAPS) word the rules have not explained: worth the NER's time. Not: everyday
    words starting a sentence ("Will you...", "Signposted to..."), contractions ("I've"), compounds of
    plain words ("Follow-up") and acronyms that are not names ("NINO", "DASH"). Always: a capitalised word
    right beside something already hidden ("Jack <surname>", "<first name> Al-Sayed")."""
    if not word[0].isupper():
        return False
    low = word.lower()
    is_name = low in lex.first or low in lex.surnames
    if beside_finding and not lex.everyday(low) or beside_finding and is_name:
        return True
    if word.isupper() and len(word) > 1 and not is_name:
        return False
    parts = [p for p in re.split(r"['’\-]", low) if p]
    if first_in_sentence and all(lex.everyday(p) or (not is_name and lex.in_dictionary(p)) for p in parts):
        return False
    if is_name:
        return True                     # a name that is also a word ("Will") or one the rules passed over
    if "'" in word or "’" in word:
        parts = parts[:1]               # "Nguyen's" -> "nguyen"; "I'd" -> "i"
    return not all(lex.plain_word(p) or len(p) == 1 for p in parts)


def needs_ner(text: str, covered: bytearray, allowed: Callable[[int, int], bool],
              lex: NameLexicon | None = None) -> list[tuple[int, int]]:
    """The sentences of `text` that hold an unexplained capitalised word. `covered[i]` is 1 where a
    finding already hides character i; `allowed(start, end)` says a span is inside an allow-listed phrase."""
    lex = lex or lexicon()
    keep = []
    for s, e in sentences(text):
        first = True
        for m in _WORD.finditer(text, s, e):
            a, b = m.span()
            word = m.group()
            beside = _beside(text, covered, a, b)
            if not any(covered[a:b]) and unexplained(word, first, lex, beside) and not allowed(a, b):
                keep.append((s, e))
                break
            first = False
    return keep


def _beside(text: str, covered: bytearray, a: int, b: int) -> bool:
    """Is a hidden span one space (or a hyphen) away from text[a:b]?"""
    before = a - 2 >= 0 and text[a - 1] in " -" and covered[a - 2]
    after = b + 1 < len(text) and text[b] in " -" and covered[b + 1]
    return bool(before or after)


def join(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The chosen sentences joined by JOIN, and for each its (offset in the joined text, offset in `text`)."""
    parts, index, pos = [], [], 0
    for s, e in spans:
        parts.append(text[s:e])
        index.append((pos, s))
        pos += (e - s) + len(JOIN)
    return JOIN.join(parts), index


def to_original(start: int, end: int, index: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Map a span of the joined text back to `text`; None if it crosses a joint (it cannot: JOIN breaks)."""
    for (joined_at, orig_at), nxt in zip(index, index[1:] + [(None, None)]):
        if start >= joined_at and (nxt[0] is None or start < nxt[0]):
            if nxt[0] is not None and end > nxt[0] - len(JOIN):
                return None
            return start - joined_at + orig_at, end - joined_at + orig_at
    return None
