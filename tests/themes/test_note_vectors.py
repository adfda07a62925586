"""Each note embedded once (themes/note_vectors.py): note vectors and the emergent fit's passage groups are made
from the 20-word passage vectors the shipped theme scorer already embeds and caches, with the real embedder and a
real store."""
import numpy as np

from themes.assign import passages
from themes.embedder import content_hash
from themes.note_vectors import GROUP_WORDS, PASSAGE_WORDS, note_vector_id, note_vectors, passage_groups

NOTES = [
    "She has no food in the house. The children skip breakfast most days. We gave her a food bank voucher and "
    "a referral to the school's breakfast club. Her rent is two months behind and the landlord has written. "
    "She is frightened of the letter and has not opened the second one. We read it together and called the "
    "council's housing team, who will ring her back on Monday about a payment plan.",
    "Lonely since his wife died.",
    "The bus to the hospital was cancelled again. He missed his appointment. The clinic says he must wait six "
    "weeks for another.",
]


def test_when_notes_are_embedded_then_each_vector_is_the_unit_mean_of_its_passages(store, embedder):
    vectors = note_vectors(store, embedder, NOTES)
    assert vectors.shape == (3, embedder.dim) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    first = embedder.embed_batch(passages(NOTES[0], PASSAGE_WORDS))
    assert len(first) >= 3                                    # the long note really has several passages
    mean = first.mean(axis=0)
    assert np.allclose(vectors[0], mean / np.linalg.norm(mean), atol=1e-5)
    # one short passage: its vector is the passage's own
    assert np.allclose(vectors[1], embedder.embed_batch([NOTES[1]])[0], atol=1e-5)


def test_when_the_passages_were_embedded_before_then_nothing_is_embedded_again(store, embedder):
    note_vectors(store, embedder, NOTES)
    hashes = [content_hash(p) for t in NOTES for p in passages(t, PASSAGE_WORDS)]
    assert set(store.get_embeddings(hashes, embedder.id)) == set(hashes)   # cached by content

    stored = store.q("SELECT COUNT(*) AS n FROM embeddings")[0]["n"]
    again = note_vectors(store, embedder, NOTES)
    _, _, groups = passage_groups(store, embedder, NOTES)
    assert store.q("SELECT COUNT(*) AS n FROM embeddings")[0]["n"] == stored   # nothing new was embedded
    assert np.allclose(again, note_vectors(store, embedder, NOTES)) and len(groups) >= len(NOTES)


def test_when_passages_are_grouped_then_groups_keep_order_and_size_and_cover_every_passage(store, embedder):
    owners, texts, vectors = passage_groups(store, embedder, NOTES)
    assert len(owners) == len(texts) == len(vectors)
    assert owners == sorted(owners) and set(owners) == {0, 1, 2}
    for i, note in enumerate(NOTES):
        mine = [t for o, t in zip(owners, texts) if o == i]
        assert " ".join(mine) == " ".join(passages(note, PASSAGE_WORDS))   # every passage once, in order
        small = passages(note, PASSAGE_WORDS)
        assert all(len(t.split()) <= GROUP_WORDS or t in small for t in mine)
    assert owners.count(0) < len(passages(NOTES[0], PASSAGE_WORDS))        # the long note's passages were joined
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_note_vectors_have_their_own_id_so_they_never_mix_with_whole_text_vectors(embedder):
    assert note_vector_id(embedder) != embedder.id and note_vector_id(embedder).startswith(embedder.id)
    assert note_vectors(None, embedder, []).shape == (0, embedder.dim)
