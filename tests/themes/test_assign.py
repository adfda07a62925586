import numpy as np

from themes.assign import SimilarityAssigner, TaxonomyLexicon, passages, stem
from themes.taxonomy import load_builtin

NOTES = {
    "food_poverty": "She has been skipping meals so the children can eat and we gave her a food parcel and vouchers.",
    "housing_homelessness": "The landlord served a section 21 notice and there is black mould in the bedroom.",
    "domestic_abuse": "Her partner checks her phone, won't let her see friends and she is frightened of him.",
    "youth_education_employment": "He is 17, dropped out of college and can't find an apprenticeship or any work.",
}


def test_when_note_is_long_then_passages_keep_whole_sentences_under_the_limit():
    text = " ".join(f"Sentence number {i} is here." for i in range(60))
    parts = passages(text, max_words=30)
    assert len(parts) > 5 and all(len(p.split()) <= 30 for p in parts)
    assert " ".join(parts) == text


def test_when_placeholders_present_then_they_are_neutralised():
    assert "<PERSON_1>" not in passages("<PERSON_1> said hello.")[0]


def test_when_clear_notes_assigned_then_their_theme_is_top(embedder):
    assigner = SimilarityAssigner(load_builtin(), embedder, threshold=0.4)
    decided, vectors = assigner.assign(list(NOTES.values()))
    assert [d[0].theme_id for d in decided] == list(NOTES)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_when_nothing_fits_then_note_is_unassigned(embedder):
    assigner = SimilarityAssigner(load_builtin(), embedder, threshold=0.4)
    decided, _ = assigner.assign(["The quarterly invoice reconciliation spreadsheet uses pivot tables."])
    assert decided == [[]]


def test_when_same_input_twice_then_identical_scores(embedder):
    assigner = SimilarityAssigner(load_builtin(), embedder, threshold=0.4)
    a, _ = assigner.score(list(NOTES.values()))
    b, _ = assigner.score(list(NOTES.values()))
    assert np.array_equal(a, b)


def test_when_words_share_a_root_then_stem_matches_them():
    assert stem("bereaved") == stem("bereavement") == stem("bereave") == "bereav"
    assert stem("homelessness") == stem("homeless") == "homeless"
    assert stem("charities") == stem("charity") and stem("class") == "class"


def test_when_note_uses_a_theme_s_own_words_then_its_word_score_rises_and_generic_text_scores_zero(embedder):
    taxonomy = load_builtin()
    lexicon = TaxonomyLexicon(taxonomy, embedder)
    ids = [t.id for t in taxonomy.themes]
    scores = lexicon.score(["She needed a food parcel from the food bank.", "The meeting is on Tuesday."])
    assert ids[int(np.argmax(scores[0]))] == "food_poverty" and scores[0].max() > 0.3
    assert scores[1].max() == 0.0
    assert np.all((scores >= 0) & (scores < 1))


def test_when_hybrid_scorer_used_then_clear_notes_still_get_their_theme_first(embedder):
    assigner = SimilarityAssigner.hybrid(load_builtin(), embedder, threshold=0.4)
    assert (assigner.passage_words, assigner.top_k) == (20, 2) and assigner.lexical_weight > 0
    scores, _ = assigner.score(list(NOTES.values()))
    emb, words, _ = assigner.score_parts(list(NOTES.values()))
    assert np.allclose(scores, emb + assigner.lexical_weight * words)
    ids = [t.id for t in assigner.taxonomy.themes]
    assert [ids[int(j)] for j in np.argmax(scores, axis=1)] == list(NOTES)
