"""Try a taxonomy before saving it: for each theme that is new or changed, the notes it would take, the
near-misses just below the line, and the words that drive it.

Pure: it takes two assigners (the taxonomy being written and the one in force, each already given the
calibration it would be used with), the corpus's anonymised texts and a VectorStore to read their passage
vectors from; it never writes anything anywhere. `engine.taxonomy_try` feeds it from a database.

    takes        notes the theme would be assigned, with the shipped rule (`assigner.decide`)
    now          notes the theme in force (same id) takes when scored the same way; gained / lost against it
    examples     the notes it takes with the highest scores, each as its best-matching passage
    near_misses  the highest-scoring notes it does not take: below the line, or outranked by another theme
    words        the theme's own words (label, description, examples) found most often in the notes it takes
    terms        the words most distinctive of the notes it takes against all the others: the log-odds ratio
                 with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008), as a z-score
Counts here are raw; `engine.taxonomy_try.published` suppresses them for a page.
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from engine.core.errors import InputError
from themes.assign import PLACEHOLDER, WORD, passages, stem, stems
from themes.embedder import embed_cached
from themes.taxonomy import Taxonomy

EXCERPT_WORDS = 30
MIN_TERM_NOTES = 3     # a distinctive term must be in at least this many notes in all
TERM_STOP_EXTRA = {"said", "told", "asked", "says", "just", "really", "like", "know", "think", "got", "someone"}


def changed_theme_ids(trial: Taxonomy, current: Taxonomy | None) -> dict[str, str]:
    """{theme id: "new" | "changed"} for the themes of `trial` that differ from the taxonomy in force."""
    out = {}
    for theme in trial.themes:
        if current is None or theme.id not in current.ids:
            out[theme.id] = "new"
        elif current[theme.id] != theme:
            out[theme.id] = "changed"
    return out


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


class _Scored:
    """One taxonomy's calibrated scores and decisions over the corpus."""

    def __init__(self, assigner, texts: list[str], store):
        self.assigner = assigner
        self.ids = [t.id for t in assigner.taxonomy.themes]
        self.scores, _ = assigner.score(texts, store)
        self.taken = [{a.theme_id for a in found} for found in assigner.decide(self.scores)]

    def takers(self, theme_id: str) -> np.ndarray:
        return np.array([theme_id in t for t in self.taken], dtype=bool)


def _best_passages(assigner, theme, texts: list[str], store) -> list[str]:
    """Each text's passage closest to the theme's prompts (the mean of its two best prompt cosines)."""
    prompts = assigner.embedder.embed_batch(theme.prompts())
    out = []
    for text in texts:
        parts = passages(text, getattr(assigner, "passage_words", 20))
        sims = embed_cached(store, assigner.embedder, parts) @ prompts.T
        k = min(2, sims.shape[1])
        out.append(parts[int(np.argmax(-np.sort(-sims, axis=1)[:, :k].mean(axis=1)))])
    return out


def _notes(assigner, theme, rows: list[int], scores: np.ndarray, texts, note_ids, store, why=None) -> list[dict]:
    chosen = _best_passages(assigner, theme, [texts[i] for i in rows], store)
    return [{"note_id": note_ids[i], "score": round(float(scores[i]), 3), "excerpt": excerpt(p),
             **({"why": why(i)} if why else {})} for i, p in zip(rows, chosen)]


def taxonomy_words(assigner, theme_index: int, texts: list[str], taken: np.ndarray, top: int = 8) -> list[dict]:
    """The theme's own words found in most of the notes it takes: {word, notes, weight}."""
    lexicon = getattr(assigner, "lexicon", None)
    if lexicon is None or not taken.any():
        return []
    weights = lexicon.weights[theme_index]
    theme = assigner.taxonomy.themes[theme_index]
    forms: dict[str, str] = {}
    for w in WORD.findall(" ".join([theme.label, theme.description, *theme.examples]).lower()):
        forms.setdefault(stem(w), w)
    found = Counter(s for i in np.where(taken)[0] for s in stems(texts[i], lexicon.stop) if s in weights)
    ranked = sorted(found.items(), key=lambda kv: (-kv[1], -weights[kv[0]], kv[0]))[:top]
    return [{"word": forms.get(s, s), "notes": n, "weight": round(weights[s], 3)} for s, n in ranked]


def distinctive_terms(texts: list[str], taken: np.ndarray, top: int = 8) -> list[dict]:
    """Words of the notes taken against the rest, by the log-odds ratio with an informative Dirichlet prior
    (the corpus's own word counts), as z-scores: {term, z, notes (taken notes containing it)}."""
    if not taken.any() or taken.all():
        return []
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    clean = [PLACEHOLDER.sub(" ", t) for t in texts]
    vectorizer = CountVectorizer(stop_words=list(ENGLISH_STOP_WORDS | TERM_STOP_EXTRA), min_df=MIN_TERM_NOTES,
                                 token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]+\b")
    try:
        counts = vectorizer.fit_transform(clean)
    except ValueError:          # no word is in MIN_TERM_NOTES notes: nothing stands out
        return []
    terms = vectorizer.get_feature_names_out()
    a = np.asarray(counts[taken].sum(axis=0)).ravel().astype(float)
    b = np.asarray(counts[~taken].sum(axis=0)).ravel().astype(float)
    prior = (a + b) / (a + b).sum() * 500.0        # a prior worth 500 words, shaped like the corpus
    a0, b0 = prior.sum(), prior.sum()
    delta = (np.log((a + prior) / (a.sum() + a0 - a - prior)) - np.log((b + prior) / (b.sum() + b0 - b - prior)))
    z = delta / np.sqrt(1.0 / (a + prior) + 1.0 / (b + prior))
    in_taken = np.asarray((counts[taken] > 0).sum(axis=0)).ravel()
    order = [j for j in np.argsort(-z, kind="stable") if z[j] > 0][:top]
    return [{"term": str(terms[j]), "z": round(float(z[j]), 2), "notes": int(in_taken[j])} for j in order]


def preview(trial, current, texts: list[str], note_ids: list[int], store=None, theme_ids: list[str] | None = None,
            *, examples: int = 3, near: int = 3) -> dict:
    """What the taxonomy of `trial` would do to the corpus, theme by theme, against `current` (the assigner of
    the taxonomy in force, or None). `theme_ids`: the themes to show (default: those new or changed)."""
    if not texts:
        raise InputError("There are no stored notes to try the taxonomy on. Add notes first (`insights ingest`).")
    status = changed_theme_ids(trial.taxonomy, current.taxonomy if current is not None else None)
    if theme_ids:
        unknown = [t for t in theme_ids if t not in trial.taxonomy.ids]
        if unknown:
            raise InputError(f"No theme {', '.join(unknown)} in the taxonomy being tried. Its themes are: "
                             f"{', '.join(trial.taxonomy.ids)}.")
        shown = list(dict.fromkeys(theme_ids))
    else:
        shown = list(status)
    new = _Scored(trial, texts, store)
    old = _Scored(current, texts, store) if current is not None else None
    themes = []
    for theme_id in shown:
        j = new.ids.index(theme_id)
        theme = trial.taxonomy[theme_id]
        takes = new.takers(theme_id)
        col = new.scores[:, j]
        order = np.argsort(-col, kind="stable")
        top_taken = [int(i) for i in order if takes[i]][:examples]
        misses = [int(i) for i in order if not takes[i]][:near]

        def why(i: int, theme_id=theme_id, col=col) -> str:
            if col[i] < trial.threshold:
                return "below the line"
            others = sorted(new.taken[i] - {theme_id})
            return f"another theme fitted better ({', '.join(others)})" if others else "below the line"

        entry = {
            "id": theme_id, "label": theme.label, "status": status.get(theme_id, "unchanged"),
            "sensitive": theme.sensitive, "takes": int(takes.sum()),
            "examples": _notes(trial, theme, top_taken, col, texts, note_ids, store),
            "near_misses": _notes(trial, theme, misses, col, texts, note_ids, store, why),
            "words": taxonomy_words(trial, j, texts, takes),
            "terms": distinctive_terms(texts, takes),
            "now": None, "gained": None, "lost": None,
        }
        if old is not None and theme_id in old.ids:
            before = old.takers(theme_id)
            entry.update(now=int(before.sum()), gained=int((takes & ~before).sum()),
                         lost=int((before & ~takes).sum()))
        themes.append(entry)
    moved = {}
    if old is not None:
        for theme_id in new.ids:
            if theme_id in shown or theme_id not in old.ids:
                continue
            after, before = new.takers(theme_id), old.takers(theme_id)
            gained, lost = int((after & ~before).sum()), int((before & ~after).sum())
            if gained or lost:
                moved[theme_id] = {"gained": gained, "lost": lost,
                                   "sensitive": trial.taxonomy[theme_id].sensitive}
    retired = [t for t in (old.ids if old is not None else []) if t not in trial.taxonomy.ids]
    return {"notes": len(texts), "line": float(trial.threshold), "method": trial.method, "themes": themes,
            "others_moved": moved, "retired": retired,
            "unassigned": int(sum(1 for t in new.taken if not t)),
            "unassigned_now": int(sum(1 for t in old.taken if not t)) if old is not None else None}
