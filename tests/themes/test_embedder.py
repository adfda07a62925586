"""embed_cached (themes/embedder.py) with the shipped embedder: repeated texts are embedded once."""
import numpy as np

from themes.embedder import content_hash, embed_cached
from themes.evaluate import MemoryVectorStore


class Counting:
    """The real embedder, recording what it was asked to embed."""

    def __init__(self, inner):
        self.inner, self.id, self.dim, self.asked = inner, inner.id, inner.dim, []

    def empty(self):
        return self.inner.empty()

    def embed_batch(self, texts):
        self.asked.extend(texts)
        return self.inner.embed_batch(texts)


TEXTS = ["Thanks for your time today.", "She has rent arrears of £900.", "Thanks for your time today.",
         "The boiler has been broken since March.", "She has rent arrears of £900.", "Thanks for your time today."]


def test_when_texts_repeat_then_each_is_embedded_once_and_every_position_gets_its_vector(embedder):
    counting = Counting(embedder)
    vectors = embed_cached(None, counting, TEXTS)
    assert sorted(counting.asked) == sorted(set(TEXTS))
    alone = embedder.embed_batch(sorted(set(TEXTS)))
    by_text = dict(zip(sorted(set(TEXTS)), alone))
    assert vectors.shape == (len(TEXTS), embedder.dim)
    for text, vector in zip(TEXTS, vectors):
        assert float(vector @ by_text[text]) > 0.9999
    assert np.array_equal(vectors[0], vectors[2]) and np.array_equal(vectors[1], vectors[4])


def test_when_a_store_holds_some_texts_then_only_the_new_distinct_ones_are_embedded_and_stored(embedder):
    store = MemoryVectorStore()
    embed_cached(store, embedder, TEXTS[:2])
    counting = Counting(embedder)
    embed_cached(store, counting, TEXTS + ["A new text.", "A new text."])
    assert counting.asked == ["The boiler has been broken since March.", "A new text."]
    assert set(store.get_embeddings([content_hash(t) for t in TEXTS], embedder.id)) == \
        {content_hash(t) for t in TEXTS}
