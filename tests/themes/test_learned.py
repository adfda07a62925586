"""The learned assigner on a small labelled set written for this test. The two themes have deliberately
uninformative descriptions, so zero-shot similarity cannot tell them apart and only corrections can."""
import numpy as np
import pytest

from engine.core.errors import InputError
from themes.assign import SimilarityAssigner
from themes.evaluate import multilabel_metrics
from themes.learned import LearnedAssigner, best_f1_threshold, load_examples
from themes.taxonomy import from_records

TAXONOMY = from_records([
    {"id": "kind_a", "label": "Kind A", "description": "notes of the first kind"},
    {"id": "kind_b", "label": "Kind B", "description": "notes of the second kind"},
], "vague")

TRANSPORT = ["The bus to the hospital was cancelled again.", "He can't afford the train fare to the job centre.",
             "There is no bus after six so she can't get home from work.", "The community minibus has stopped running.",
             "She missed her appointment because the bus never came.", "Taxi fares to the clinic are too expensive.",
             "He walks two miles because there is no bus route.", "The train station has no step-free access.",
             "Her disabled bus pass was refused.", "The bus timetable changed and nobody told them.",
             "He needs a lift to the food bank as there is no transport.", "Rural bus services were cut last year."]
PETS = ["Her dog is her only companion and needs a vet.", "He can't afford food for his cat.",
        "The landlord won't allow the dog in the flat.", "She is worried about who will look after her cat.",
        "The vet bill for the puppy is more than she earns in a week.", "His budgie died and he is very upset.",
        "She walks the dog every morning in the park.", "The rescue centre rehomed her old dog.",
        "He asked about free neutering for his cats.", "The dog barks at night and neighbours complain.",
        "She feeds the stray cats on the estate.", "Pet food was added to the food bank parcel."]
NEITHER = ["The council tax letter was confusing.", "She enjoyed the knitting group on Tuesday.",
           "He wants help writing his CV.", "The roof leaks when it rains.", "They celebrated her birthday.",
           "The form asked for three forms of identification."]


def _split(texts, k=8):
    return texts[:k], texts[k:]


@pytest.fixture(scope="module")
def zero_shot(embedder):
    return SimilarityAssigner(TAXONOMY, embedder, threshold=0.36, max_themes=2, margin=0.06)


def _macro_f1(assigner, tests):
    decided, _ = assigner.assign([t for t, _ in tests])
    return multilabel_metrics([g for _, g in tests], [[a.theme_id for a in d] for d in decided],
                              ["kind_a", "kind_b"])["macro_f1"]


def test_when_corrections_given_then_learned_beats_zero_shot(zero_shot):
    (ta, ha), (tb, hb), (tn, hn) = _split(TRANSPORT), _split(PETS), _split(NEITHER, 4)
    examples = [(t, ["kind_a"]) for t in ta] + [(t, ["kind_b"]) for t in tb] + [(t, []) for t in tn]
    tests = [(t, ["kind_a"]) for t in ha] + [(t, ["kind_b"]) for t in hb] + [(t, []) for t in hn]
    learned = LearnedAssigner(zero_shot, examples)
    assert learned.method == "learned" and learned.fallback_themes == []
    zero, better = _macro_f1(zero_shot, tests), _macro_f1(learned, tests)
    assert better >= 0.8 and better > zero + 0.3


def test_when_a_theme_has_no_examples_then_it_falls_back_to_zero_shot_and_says_so(zero_shot):
    examples = [(t, ["kind_a"]) for t in TRANSPORT[:8]] + [(t, []) for t in NEITHER]
    learned = LearnedAssigner(zero_shot, examples)
    assert learned.fallback_themes == ["kind_b"]
    assert "zero-shot is used for: kind_b" in learned.summary()
    texts = PETS[:4]
    learned_scores, _ = learned.score(texts)
    zs_scores, _ = zero_shot.score(texts)
    assert np.allclose(learned_scores[:, 1], zs_scores[:, 1])   # the fallback column is the zero-shot score
    forced = np.array([[0.1, zero_shot.threshold + 0.01]], dtype=np.float32)
    assert [a.theme_id for a in learned.decide(forced)[0]] == ["kind_b"]
    assert learned.decide(np.array([[0.1, zero_shot.threshold - 0.01]], dtype=np.float32)) == [[]]


def test_when_example_names_an_unknown_theme_then_input_error(zero_shot):
    with pytest.raises(InputError, match="not in the taxonomy"):
        LearnedAssigner(zero_shot, [("The bus was late.", ["buses"])])


def test_when_every_example_has_the_theme_then_input_error_asks_for_negatives(zero_shot):
    with pytest.raises(InputError, match="none of these"):
        LearnedAssigner(zero_shot, [(t, ["kind_a"]) for t in TRANSPORT[:4]])


def test_when_scores_separate_classes_then_best_f1_threshold_splits_them():
    scores = np.array([0.9, 0.8, 0.4, 0.3, 0.2])
    y = np.array([True, True, False, False, False])
    assert 0.4 < best_f1_threshold(scores, y) < 0.8


def test_when_examples_file_is_valid_then_lines_load_with_empty_list_as_none_of_these(tmp_path):
    path = tmp_path / "examples.jsonl"
    path.write_text('{"text": "The bus never came.", "themes": ["kind_a"]}\n\n'
                    '{"text": "Tea on Tuesday.", "themes": []}\n', encoding="utf-8")
    assert load_examples(path, TAXONOMY) == [("The bus never came.", ["kind_a"]), ("Tea on Tuesday.", [])]


def test_when_examples_file_has_bad_lines_then_every_one_is_reported_by_number(tmp_path):
    path = tmp_path / "examples.jsonl"
    path.write_text('{"text": "ok", "themes": ["kind_a"]}\nnot json\n{"text": "x", "themes": ["buses"]}\n'
                    '{"text": "no themes key"}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_examples(path, TAXONOMY)
    message = str(info.value)
    assert "3 bad line(s)" in message and "line 2" in message and "line 3" in message and "line 4" in message
    assert "buses" in message and "kind_a" in message


def test_when_themes_assign_given_examples_then_it_learns_from_them(tmp_path):
    import json

    from click.testing import CliRunner

    from service.cli.main import main

    taxonomy = tmp_path / "vague.json"
    taxonomy.write_text(json.dumps([{"id": "kind_a", "label": "Kind A", "description": "notes of the first kind"},
                                    {"id": "kind_b", "label": "Kind B", "description": "notes of the second kind"}]))
    (ta, ha), (tb, hb), (tn, _) = _split(TRANSPORT), _split(PETS), _split(NEITHER, 4)
    examples = tmp_path / "examples.jsonl"
    examples.write_text("".join(json.dumps({"text": t, "themes": k}) + "\n" for t, k in
                                [(t, ["kind_a"]) for t in ta] + [(t, ["kind_b"]) for t in tb] + [(t, []) for t in tn]))
    notes = tmp_path / "in.jsonl"
    notes.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(ha + hb)))
    out = tmp_path / "out.jsonl"
    args = ["themes", "assign", "--input", str(notes), "--output", str(out), "--taxonomy", str(taxonomy)]
    result = CliRunner().invoke(main, args + ["--examples", str(examples)])
    assert result.exit_code == 0, result.output
    found = [[t["theme"] for t in json.loads(line)["themes"]] for line in out.read_text().splitlines()]
    right = sum(f[:1] == ["kind_a"] for f in found[:len(ha)]) + sum(f[:1] == ["kind_b"] for f in found[len(ha):])
    assert right >= 0.75 * len(found)


def test_when_learning_then_the_taxonomy_prompts_join_training_as_one_positive_each(zero_shot):
    (ta, _), (tb, _), (tn, _) = _split(TRANSPORT, 3), _split(PETS, 3), _split(NEITHER, 3)
    examples = [(t, ["kind_a"]) for t in ta] + [(t, ["kind_b"]) for t in tb] + [(t, []) for t in tn]
    learned = LearnedAssigner(zero_shot, examples)
    _, _, vectors, _, labels = learned.prior
    prompts = [[p for p in t.prompts()] for t in TAXONOMY.themes]
    assert len(vectors) == sum(map(len, prompts)) and (labels.sum(axis=1) == 1).all()
    assert labels[:, 0].sum() == len(prompts[0]) and labels[:, 1].sum() == len(prompts[1])
    # the prompts are training rows only: the counts of confirmed notes (and the thresholds' source) are the notes'
    assert [(m.positives, m.negatives) for m in learned.models] == [(3, 6), (3, 6)]


def test_when_one_note_per_theme_is_confirmed_then_themes_named_in_plain_words_still_come_through(embedder):
    plain = from_records([
        {"id": "transport", "label": "Transport", "description": "buses, trains, taxis and travel costs"},
        {"id": "pets", "label": "Pets", "description": "dogs, cats and looking after animals"}], "plain")
    zero = SimilarityAssigner(plain, embedder, threshold=0.36, max_themes=2, margin=0.06)
    examples = [(TRANSPORT[0], ["transport"]), (PETS[0], ["pets"])] + [(t, []) for t in NEITHER[:3]]
    learned = LearnedAssigner(zero, examples)
    assert [m.threshold_source for m in learned.models] == ["default 0.5 (one positive)"] * 2
    tests = [(t, ["transport"]) for t in TRANSPORT[6:]] + [(t, ["pets"]) for t in PETS[6:]] + \
        [(t, []) for t in NEITHER[3:]]
    decided, _ = learned.assign([t for t, _ in tests])
    assert multilabel_metrics([g for _, g in tests], [[a.theme_id for a in d] for d in decided],
                              ["transport", "pets"])["macro_f1"] >= 0.8


def test_when_a_note_may_have_one_theme_then_the_one_furthest_above_its_own_line_wins(embedder):
    """A learned theme scores a probability, a fallback theme a similarity: they are ranked by how far each sits
    above its own line, not by the raw numbers."""
    zero = SimilarityAssigner(TAXONOMY, embedder, threshold=0.36, max_themes=1, margin=0.5)
    learned = LearnedAssigner(zero, [(t, ["kind_a"]) for t in TRANSPORT[:8]] + [(t, []) for t in NEITHER])
    assert learned.fallback_themes == ["kind_b"] and 0.05 < learned.models[0].threshold < 0.7
    # kind_a: probability 0.9, well above its threshold; kind_b: similarity 0.99, 0.5 above its line (the margin
    # floor 0.49): the larger raw number loses
    assert [a.theme_id for a in learned.decide(np.array([[0.9, 0.99]], dtype=np.float32))[0]] == ["kind_a"]
    # kind_a only just above its threshold, kind_b far above its line
    t = learned.models[0].threshold
    assert [a.theme_id for a in learned.decide(np.array([[t + 0.001, 0.95]], dtype=np.float32))[0]] == ["kind_b"]
