"""Picking the notes to check next: uncertain and diverse, on real embeddings of a small pool written here."""
import numpy as np
import pytest

from engine.core.errors import InputError
from themes.assign import SimilarityAssigner
from themes.calibrated import CalibratedAssigner
from themes.learned import LearnedAssigner
from themes.pick import decision_floors, pick, uncertainty
from themes.taxonomy import from_records

TAXONOMY = from_records([
    {"id": "transport", "label": "Transport", "description": "buses, trains, travel costs and getting about"},
    {"id": "pets", "label": "Pets", "description": "dogs, cats and looking after animals"},
], "pick-test")

CLEAR_TRANSPORT = ["The bus to the hospital was cancelled again and the train fare is too high.",
                   "There is no bus after six so she cannot get home from work by bus or train."]
CLEAR_PETS = ["Her dog needs the vet and she cannot afford cat food for her two cats.",
              "The landlord will not allow dogs or cats in the flat."]
UNRELATED = ["The council tax letter was confusing.", "She enjoyed the knitting group on Tuesday.",
             "He wants help writing his CV.", "The roof leaks when it rains."]
BORDERLINE = ["He walks the dog to the bus stop every morning.", "She took the cat to the vet on the train.",
              "Getting about is hard now."]


@pytest.fixture(scope="module")
def scored(embedder):
    assigner = CalibratedAssigner(TAXONOMY, embedder, calibrate_on_input=True)
    pool = CLEAR_TRANSPORT + CLEAR_PETS + UNRELATED + BORDERLINE
    scores, vectors = assigner.score(pool)
    return assigner, pool, scores, vectors


def test_when_notes_sit_on_a_themes_line_then_they_are_more_uncertain_than_clear_ones(scored):
    assigner, pool, scores, _ = scored
    u, distance = uncertainty(assigner, scores, np.zeros(2))
    assert distance.shape == scores.shape and ((0 <= u) & (u <= 1)).all()
    floors = decision_floors(assigner, scores)
    # in spreads of each theme's scores over the pool: the note nearest any line is the most uncertain
    nearest = (np.abs(scores - floors) / scores.std(axis=0)).min(axis=1)
    assert int(np.argmax(u)) == int(np.argmin(nearest)) and int(np.argmin(u)) == int(np.argmax(nearest))


def test_when_a_theme_has_confirmed_positives_then_its_line_counts_for_less(scored):
    assigner, _, scores, _ = scored
    fresh, distance = uncertainty(assigner, scores, np.zeros(2))
    taught, _ = uncertainty(assigner, scores, np.array([8.0, 8.0]))
    assert (taught < fresh).all()
    one_side, _ = uncertainty(assigner, scores, np.array([8.0, 0.0]))
    pets_line = distance[:, 1] < distance[:, 0]     # notes nearer the untaught theme's line keep their value
    assert np.allclose(one_side[pets_line], fresh[pets_line])


def test_when_picking_then_n_distinct_pool_lines_come_back_best_first_and_deterministic(scored):
    assigner, pool, scores, vectors = scored
    first = pick(assigner, scores, vectors, 4)
    again = pick(assigner, scores, vectors, 4)
    assert [p.index for p in first] == [p.index for p in again]
    assert len({p.index for p in first}) == 4
    assert all(set(p.suggested) <= {"transport", "pets"} for p in first)


def test_when_n_exceeds_the_pool_then_every_line_is_picked_once(scored):
    assigner, pool, scores, vectors = scored
    assert sorted(p.index for p in pick(assigner, scores, vectors, 50)) == list(range(len(pool)))


def test_when_lines_are_excluded_then_they_are_never_picked(scored):
    assigner, pool, scores, vectors = scored
    top = pick(assigner, scores, vectors, 1)[0].index
    assert top not in {p.index for p in pick(assigner, scores, vectors, 5, exclude={top})}


def test_when_a_pool_holds_copies_of_one_uncertain_note_then_diversity_takes_one_of_them(embedder):
    assigner = CalibratedAssigner(TAXONOMY, embedder, calibrate_on_input=True)
    pool = [BORDERLINE[0]] * 5 + CLEAR_TRANSPORT + CLEAR_PETS + UNRELATED + BORDERLINE[1:]
    scores, vectors = assigner.score(pool)
    chosen = [p.index for p in pick(assigner, scores, vectors, 4)]
    assert sum(i < 5 for i in chosen) <= 1


def test_when_examples_cover_a_region_then_the_pick_moves_elsewhere(embedder):
    assigner = CalibratedAssigner(TAXONOMY, embedder, calibrate_on_input=True)
    pool = CLEAR_TRANSPORT + CLEAR_PETS + UNRELATED + BORDERLINE
    scores, vectors = assigner.score(pool)
    top = pick(assigner, scores, vectors, 1)[0].index
    # the very note already confirmed: its twin in the pool sits at distance 0 from an example
    _, ex_vectors = assigner.score([pool[top]])
    after = pick(assigner, scores, vectors, 1, examples=[(pool[top], [])], example_vectors=ex_vectors)[0].index
    assert after != top


def test_when_the_assigner_is_learned_then_learned_themes_use_their_own_thresholds(embedder):
    zero = SimilarityAssigner(TAXONOMY, embedder, threshold=0.36, max_themes=2, margin=0.06)
    examples = [(t, ["transport"]) for t in CLEAR_TRANSPORT] + [(t, []) for t in UNRELATED]
    learned = LearnedAssigner(zero, examples)
    pool = CLEAR_PETS + BORDERLINE
    scores, vectors = learned.score(pool)
    floors = decision_floors(learned, scores)
    model = next(m for m in learned.models if m.theme_id == "transport")
    assert model.mode == "learned" and np.allclose(floors[:, 0], model.threshold)
    picks = pick(learned, scores, vectors, 2, examples=examples)
    assert len(picks) == 2


def test_when_n_is_below_one_then_a_clear_error_says_what_to_ask_for(scored):
    assigner, _, scores, vectors = scored
    with pytest.raises(InputError, match="at least 1"):
        pick(assigner, scores, vectors, 0)
