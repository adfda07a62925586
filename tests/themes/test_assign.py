import numpy as np

from themes.assign import SimilarityAssigner, passages
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
