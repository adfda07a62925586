"""The calibrated zero-shot scorer (themes/calibrated.py) with the real MiniLM model on small inputs."""
import hashlib
import json

import numpy as np
import pytest

from engine.core.errors import InputError
from themes.calibrated import (
    PRIOR_WEIGHT,
    Z_THRESHOLD,
    _centred,
    CalibratedAssigner,
    Calibration,
    background_sentences,
    standardise,
)
from themes.taxonomy import load_builtin

NOTES = {
    "food_poverty": "She has been skipping meals so the children can eat and we gave her a food parcel and vouchers.",
    "housing_homelessness": "The landlord served a section 21 notice and there is black mould in the bedroom.",
    "domestic_abuse": "Her partner checks her phone, won't let her see friends and she is frightened of him.",
    "youth_education_employment": "He is 17, dropped out of college and can't find an apprenticeship or any work.",
}
GENERIC = "The train to Leeds leaves from platform four at noon."


@pytest.fixture(scope="module")
def assigner(embedder):
    return CalibratedAssigner(load_builtin(), embedder)


@pytest.fixture(scope="module")
def corpus():
    # a small corpus: the clear notes, a few generic ones and the shipped background sentences
    return list(NOTES.values()) + [GENERIC, "We met at the library on Tuesday."] + background_sentences()[:30]


def test_when_no_corpus_then_the_prior_themes_clear_notes_and_leaves_generic_text_unassigned(assigner):
    decided, vectors = assigner.assign(list(NOTES.values()) + [GENERIC])
    assert [d[0].theme_id for d in decided[:4]] == list(NOTES)
    assert decided[4] == []
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_when_fitted_on_a_corpus_then_state_is_small_json_and_round_trips(assigner, corpus):
    state = assigner.fit(corpus)
    assert state.notes == len(corpus) and len(state.center) == len(load_builtin().themes)
    again = Calibration.from_dict(json.loads(json.dumps(state.to_dict())))
    assert again == state and again.fingerprint == state.fingerprint
    assert len(json.dumps(state.to_dict())) < 4000


def test_when_fitted_twice_on_the_same_corpus_then_identical_state_and_assignments(assigner, corpus):
    a, b = assigner.fit(corpus), assigner.fit(list(corpus))
    assert a == b
    fitted = CalibratedAssigner(load_builtin(), assigner.embedder, a)
    first, _ = fitted.assign(list(NOTES.values()))
    second, _ = fitted.assign(list(NOTES.values()))
    assert first == second
    assert [d[0].theme_id for d in first] == list(NOTES)


def test_when_new_notes_are_assigned_then_an_old_note_keeps_its_themes(assigner, corpus):
    fitted = CalibratedAssigner(load_builtin(), assigner.embedder, assigner.fit(corpus))
    alone, _ = fitted.assign([NOTES["domestic_abuse"]])
    with_others, _ = fitted.assign([NOTES["domestic_abuse"], GENERIC, NOTES["food_poverty"]] * 5)
    assert with_others[0] == alone[0]


def test_when_corpus_is_tiny_then_state_is_mostly_the_prior(assigner):
    raw, _ = assigner.raw_scores([NOTES["food_poverty"]])
    one, prior = assigner.fit([NOTES["food_poverty"]]), assigner.prior
    assert one.notes == 1 and prior.notes == 0
    w = 1 / (1 + PRIOR_WEIGHT)
    assert np.allclose(one.center, w * raw[0] + (1 - w) * np.array(prior.center), atol=1e-5)
    assert np.allclose(one.spread, (1 - w) * np.array(prior.spread), atol=1e-5)   # one note has no spread


def test_when_calibrated_scores_are_computed_then_they_do_not_depend_on_the_other_notes_in_the_batch(assigner,
                                                                                                     corpus):
    state = assigner.fit(corpus)
    raw, _ = assigner.raw_scores(list(NOTES.values()))
    together = standardise(raw, state)
    apart = np.vstack([standardise(raw[i:i + 1], state) for i in range(len(raw))])
    assert np.array_equal(together, apart)


def test_when_state_is_for_another_taxonomy_or_embedder_then_it_is_refused(assigner, corpus):
    state = assigner.fit(corpus)
    other = Calibration.from_dict({**state.to_dict(), "taxonomy_hash": "0" * 16})
    with pytest.raises(InputError, match="another taxonomy"):
        CalibratedAssigner(load_builtin(), assigner.embedder, other)
    other = Calibration.from_dict({**state.to_dict(), "embedder_id": "minilm-static-256d"})
    with pytest.raises(InputError, match="embedder"):
        CalibratedAssigner(load_builtin(), assigner.embedder, other)


def test_when_stateless_use_calibrates_on_input_then_it_is_deterministic(assigner, corpus):
    stateless = CalibratedAssigner(load_builtin(), assigner.embedder, calibrate_on_input=True)
    a, _ = stateless.assign(corpus)
    b, _ = stateless.assign(corpus)
    assert a == b
    assert [d[0].theme_id for d in a[:4]] == list(NOTES)


def test_when_fast_lexicon_scores_then_they_equal_the_taxonomy_lexicon_s(assigner, corpus):
    from themes.assign import TaxonomyLexicon

    slow = TaxonomyLexicon(load_builtin(), assigner.embedder).score(corpus)
    assert np.allclose(assigner.lexicon.score(corpus), slow, atol=1e-6)


# -- the corpus's own line (version 2 states) ------------------------------------------------------------------
def test_when_a_version_1_state_is_read_then_its_fingerprint_and_scores_are_as_when_it_was_stored(assigner, corpus):
    state = assigner.fit(corpus)
    old = {k: v for k, v in state.to_dict().items() if k != "line"} | {"version": 1}
    stored_fingerprint = hashlib.sha256(json.dumps(old, sort_keys=True).encode()).hexdigest()[:16]
    read = Calibration.from_dict(old)
    assert read.version == 1 and read.line == Z_THRESHOLD
    assert read.fingerprint == stored_fingerprint and read.to_dict() == old
    raw, _ = assigner.raw_scores(list(NOTES.values()))
    z = (raw - np.asarray(read.center)) / read.scale
    before = z - 0.5 * np.median(z, axis=1, keepdims=True)     # the version 1 formula, written out
    assert np.allclose(standardise(raw, read), before, atol=1e-5)


def test_when_no_corpus_or_one_note_then_the_line_is_the_old_fixed_one(assigner):
    assert assigner.prior.line == Z_THRESHOLD
    assert assigner.fit([NOTES["food_poverty"]]).line == pytest.approx(
        (1 * tail_line_of(assigner, [NOTES["food_poverty"]]) + PRIOR_WEIGHT * Z_THRESHOLD) / (1 + PRIOR_WEIGHT), abs=1e-5)


def tail_line_of(assigner, texts):
    from themes.calibrated import MIN_SCALE, _round, statistics, tail_line

    raw, _ = assigner.raw_scores(texts)
    prior, n = assigner.prior, len(texts)
    w = n / (n + PRIOR_WEIGHT)
    center, spread = statistics(raw)
    center = _round(w * center + (1 - w) * np.asarray(prior.center))
    scale = max(float(np.median(_round(w * spread + (1 - w) * np.asarray(prior.spread)))), MIN_SCALE)
    return tail_line(_centred(raw, center, scale))


def test_when_themes_stand_out_sharply_from_most_notes_then_the_line_rises_and_when_faint_it_falls(assigner):
    # 300 notes: a few clear theme notes among many notes about nothing in the taxonomy -> a high line;
    # 300 notes each touching a theme lightly -> a lower one. No labels are used.
    rng = np.random.default_rng(3)
    generic = [line for line in background_sentences()] + [GENERIC, "We met at the library on Tuesday."]
    sharp = [str(rng.choice(generic)) + f" Ref {i}." for i in range(290)] + [
        f"{text} Seen on visit {i}." for i in range(3) for text in NOTES.values()][:10]
    faint = [f"{rng.choice(generic)} Money has been a bit tight lately, visit {i}." for i in range(150)] + \
            [f"{rng.choice(generic)} Things at home are a bit difficult, visit {i}." for i in range(150)]
    high, low = assigner.fit(sharp).line, assigner.fit(faint).line
    assert high > Z_THRESHOLD > low
    # the shift puts each state's line at Z_THRESHOLD in reported units: one decision rule for every caller
    raw, _ = assigner.raw_scores(sharp[-10:])
    state = assigner.fit(sharp)
    shifted = standardise(raw, state)
    unshifted = _centred(raw, state.center, state.scale)
    assert np.allclose(shifted, unshifted - (state.line - Z_THRESHOLD), atol=1e-5)
