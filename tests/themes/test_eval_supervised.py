"""Learning from few labels in the eval (themes/eval_supervised.py): the review queue's rounds and random rows,
on real embeddings of a small pool written here."""
import numpy as np
import pytest

from themes.calibrated import CalibratedAssigner
from themes.eval_supervised import (
    PICK_ROUND,
    learned_predictions,
    learner_on_rows,
    picked_rows,
    random_rows,
)
from themes.learned import LearnedAssigner
from themes.taxonomy import from_records

TAXONOMY = from_records([
    {"id": "transport", "label": "Transport", "description": "buses, trains, travel costs and getting about"},
    {"id": "pets", "label": "Pets", "description": "dogs, cats and looking after animals"},
], "few-labels-test")

TRANSPORT = ["The bus to the hospital was cancelled again.", "He can't afford the train fare to the job centre.",
             "There is no bus after six so she can't get home from work.", "The community minibus has stopped.",
             "She missed her appointment because the bus never came.", "Taxi fares to the clinic are too high.",
             "He walks two miles because there is no bus route.", "The station has no step-free access."]
PETS = ["Her dog is her only companion and needs a vet.", "He can't afford food for his cat.",
        "The landlord won't allow the dog in the flat.", "She is worried about who will look after her cat.",
        "The vet bill for the puppy is more than she earns.", "His budgie died and he is very upset.",
        "She walks the dog every morning in the park.", "The rescue centre rehomed her old dog."]
NEITHER = ["The council tax letter was confusing.", "She enjoyed the knitting group on Tuesday.",
           "He wants help writing his CV.", "The roof leaks when it rains.", "They celebrated her birthday.",
           "The form asked for three forms of identification.", "Her benefits were stopped.",
           "He is lonely since his wife died."]


@pytest.fixture(scope="module")
def scored(embedder):
    texts = TRANSPORT + PETS + NEITHER
    gold = [["transport"]] * len(TRANSPORT) + [["pets"]] * len(PETS) + [[]] * len(NEITHER)
    assigner = CalibratedAssigner(TAXONOMY, embedder)
    assigner.with_calibration(assigner.fit(texts))
    scores, vectors = assigner.score(texts)
    return assigner, texts, gold, scores, vectors


def test_when_rounds_are_picked_then_each_size_is_the_start_of_one_growing_queue_of_distinct_pool_rows(scored,
                                                                                                      monkeypatch):
    import themes.eval_supervised as es

    assigner, texts, gold, scores, vectors = scored
    monkeypatch.setattr(es, "PICK_ROUND", 4)          # rounds of 4 on a pool of 16: rounds 2-4 use the learner
    pool = np.array([i for i in range(len(texts)) if i % 3])    # 16 of the 24 rows
    picked = picked_rows(assigner, texts, gold, scores, vectors, pool, (2, 4, 12), seed=42)
    assert [len(picked[n]) for n in (2, 4, 12)] == [2, 4, 12]
    assert list(picked[12][:4]) == list(picked[4]) and list(picked[4][:2]) == list(picked[2])
    assert len(set(picked[12])) == 12 and set(picked[12]) <= set(pool)
    again = picked_rows(assigner, texts, gold, scores, vectors, pool, (12,), seed=42)
    assert list(again[12]) == list(picked[12])
    assert PICK_ROUND == 50                          # the eval's rounds: two of 50 for 100 labels


def test_when_more_rows_are_asked_than_the_pool_holds_then_every_pool_row_is_taken_once(scored):
    assigner, texts, gold, scores, vectors = scored
    pool = np.arange(10)
    assert sorted(picked_rows(assigner, texts, gold, scores, vectors, pool, (30,), seed=1)[30]) == list(pool)
    assert sorted(random_rows(pool, 30, seed=1)) == list(pool)
    draws = {tuple(random_rows(np.arange(len(texts)), 5, seed=s)) for s in range(3)}
    assert len(draws) == 3 and tuple(random_rows(np.arange(len(texts)), 5, seed=0)) in draws


def test_when_the_learner_is_trained_on_some_rows_then_it_predicts_the_others_from_their_labels(scored):
    assigner, texts, gold, scores, vectors = scored
    train = np.array([i for i in range(len(texts)) if i % 2 == 0])
    test = np.array([i for i in range(len(texts)) if i % 2 == 1])
    learner = learner_on_rows(assigner, texts, gold, scores, vectors, train, seed=42)
    assert isinstance(learner, LearnedAssigner) and learner.fallback_themes == []
    pred = learned_predictions(learner, texts, scores, vectors, test)
    truth = np.array([[t in gold[i] for t in ("transport", "pets")] for i in test])
    # four confirmed notes per theme: better than calling every note "none of these" (a third of the rows)
    assert pred.shape == truth.shape and (pred == truth).all(axis=1).mean() >= 0.6
    # the same as scoring the texts afresh: the precomputed scores are the zero-shot scorer's own
    fresh = learner.decide(learner.score([texts[i] for i in test])[0])
    assert [{a.theme_id for a in row} for row in fresh] == \
        [{t for t, p in zip(("transport", "pets"), row) if p} for row in pred]
