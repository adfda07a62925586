"""The review queue's library function on real embeddings: picks come from the pool, examples are never
picked again, suggested themes carry the assigner's own scores, and bad requests say what to do."""
import numpy as np
import pytest

from engine.core.errors import InputError
from themes.calibrated import CalibratedAssigner
from themes.learned import LearnedAssigner
from themes.review_queue import review_queue
from themes.taxonomy import from_records

TAXONOMY = from_records([
    {"id": "transport", "label": "Transport", "description": "buses, trains, travel costs and getting about"},
    {"id": "pets", "label": "Pets", "description": "dogs, cats and looking after animals"},
], "queue-test")

POOL = ["The bus to the hospital was cancelled again and the train fare is too high.",
        "Her dog needs the vet and she cannot afford cat food for her two cats.",
        "The council tax letter was confusing.",
        "He walks the dog to the bus stop every morning.",
        "She took the cat to the vet on the train.",
        "Getting about is hard now.",
        "The landlord will not allow dogs or cats in the flat.",
        "There is no bus after six so she cannot get home from work."]
EXAMPLES = [("The bus to the hospital was cancelled again and the train fare is too high.", ["transport"]),
            ("The landlord will not allow dogs or cats in the flat.", ["pets"]),
            ("The council tax letter was confusing.", [])]


@pytest.fixture(scope="module")
def zero_shot(embedder):
    return CalibratedAssigner(TAXONOMY, embedder, calibrate_on_input=True)


def test_when_queue_built_then_n_distinct_pool_lines_with_the_assigners_scores(zero_shot):
    items = review_queue(zero_shot, POOL, 3)
    assert len(items) == 3 and len({i.index for i in items}) == 3
    scores, _ = zero_shot.score(POOL)
    column = {t.id: j for j, t in enumerate(TAXONOMY.themes)}
    decided = zero_shot.decide(scores)
    for item in items:
        assert [t for t, _ in item.suggested] == [a.theme_id for a in decided[item.index]]
        for theme_id, score in item.suggested:
            assert score == pytest.approx(float(scores[item.index, column[theme_id]]), abs=1e-4)
        assert set(item.near) <= set(column) and 0 <= item.uncertainty <= 1


def test_when_examples_given_then_their_texts_are_never_picked_even_with_other_spacing(embedder, zero_shot):
    pool = POOL + ["  The landlord will not allow dogs or  cats in the flat. "]
    learned = LearnedAssigner(zero_shot, EXAMPLES)
    items = review_queue(learned, pool, len(pool), EXAMPLES)
    picked = {pool[i.index] for i in items}
    assert len(items) == len(pool) - 4                       # three example lines and the respaced copy
    assert not picked & {t for t, _ in EXAMPLES} and pool[-1] not in picked
    assert all(np.isfinite(s) for i in items for _, s in i.suggested)


def test_when_n_is_below_one_or_the_pool_is_empty_then_the_error_says_what_to_do(zero_shot):
    with pytest.raises(InputError, match="at least 1"):
        review_queue(zero_shot, POOL, 0)
    with pytest.raises(InputError, match="no notes"):
        review_queue(zero_shot, [], 5)
