"""Where in a note a theme sits: the passage that carried it, as character offsets in the anonymised text.

Assignments record a note and a theme, not a passage. The shipped scorers split a note into passages of whole
sentences (`themes.assign.passages`) and take, for each theme, the note's best passage (the mean of the theme's
`top_k` best prompt cosines); this finds that passage again, for any assignment (zero-shot, learned or
confirmed by a person), and gives its offsets in the text as stored, placeholders included. Passage vectors are
read from the store's embedding cache (the scorer put them there when it themed the note), so only the themes'
prompts are embedded.

    passage_spans(text, max_words)   (start, end) of each of `passages(text, max_words)`, in `text`
    carrying_spans(...)              per note, {theme id: (start, end)} of the passage that carried the theme
"""
from __future__ import annotations

import numpy as np

from engine.core.protocols import VectorStore
from themes.assign import PLACEHOLDER, SENTENCE_END, passages
from themes.embedder import Embedder, embed_cached
from themes.taxonomy import Theme

SUBSTITUTE = "someone"   # what `passages` puts in place of a placeholder


def _clean_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """`passages`' cleaned text, and for each of its characters the start and end (exclusive) in `text` of the
    character, or of the whole placeholder it stands for."""
    clean: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in PLACEHOLDER.finditer(text):
        for i in range(pos, m.start()):
            clean.append(text[i])
            starts.append(i)
            ends.append(i + 1)
        clean.append(SUBSTITUTE)
        starts += [m.start()] * len(SUBSTITUTE)
        ends += [m.end()] * len(SUBSTITUTE)
        pos = m.end()
    for i in range(pos, len(text)):
        clean.append(text[i])
        starts.append(i)
        ends.append(i + 1)
    return "".join(clean), starts, ends


def passage_spans(text: str, max_words: int) -> list[tuple[int, int]]:
    """The offsets in `text` of each passage `passages(text, max_words)` makes, in the same order (the same
    sentence split and word counts, on the same cleaned text, mapped back through the placeholders)."""
    clean, starts, ends = _clean_with_map(text)
    sentences: list[tuple[int, int, int]] = []   # (start, end) in clean, words
    pos = 0
    for m in [*SENTENCE_END.finditer(clean), None]:
        stop = m.start() if m else len(clean)
        segment = clean[pos:stop]
        stripped = segment.strip()
        if stripped:
            first = pos + len(segment) - len(segment.lstrip())
            sentences.append((first, first + len(stripped), len(stripped.split())))
        pos = m.end() if m else len(clean)
    groups: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    count = 0
    for start, end, words in sentences:
        if current and count + words > max_words:
            groups.append(current)
            current, count = None, 0
        current = (current[0], end) if current else (start, end)
        count += words
    if current:
        groups.append(current)
    if not groups:
        return [(0, len(text))]
    return [(starts[s], ends[e - 1]) for s, e in groups]


def carrying_spans(texts: list[str], wanted: list[list[Theme]], embedder: Embedder, store: VectorStore | None,
                   passage_words: int, top_k: int = 1) -> list[dict[str, tuple[int, int]]]:
    """For each text, {theme id: (start, end)} of its passage closest to each theme in `wanted` (the theme's
    score on a passage: the mean of its `top_k` best prompt cosines, as the scorer computes it). A note of one
    passage gives the whole note."""
    themes = {t.id: t for ts in wanted for t in ts}
    if not themes:
        return [{} for _ in texts]
    order = list(themes)
    prompts, owner = [], []
    for j, theme_id in enumerate(order):
        for prompt in themes[theme_id].prompts():
            prompts.append(prompt)
            owner.append(j)
    prompt_vectors = embedder.embed_batch(prompts)
    owner_array = np.array(owner)
    split = [passages(t, passage_words) if w else [] for t, w in zip(texts, wanted)]
    flat = [p for ps in split for p in ps]
    vectors = embed_cached(store, embedder, flat) if flat else embedder.empty()
    out: list[dict[str, tuple[int, int]]] = []
    start = 0
    for text, parts, found in zip(texts, split, wanted):
        block = vectors[start:start + len(parts)]
        start += len(parts)
        spans = passage_spans(text, passage_words)
        chosen: dict[str, tuple[int, int]] = {}
        for theme in found:
            if len(spans) != len(parts):   # not expected: the whole note rather than a wrong passage
                chosen[theme.id] = (0, len(text))
                continue
            if len(parts) == 1:
                chosen[theme.id] = spans[0]
                continue
            sims = block @ prompt_vectors[owner_array == order.index(theme.id)].T
            k = min(top_k, sims.shape[1])
            per_passage = -np.sort(-sims, axis=1)[:, :k].mean(axis=1)
            chosen[theme.id] = spans[int(np.argmax(per_passage))]
        out.append(chosen)
    return out
