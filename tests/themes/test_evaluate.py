import numpy as np
import pytest

from themes.assign import SimilarityAssigner
from themes.eval_data import UKCAT_TAXONOMY, eval_taxonomy
from themes.evaluate import (
    DATA_DIR,
    _subsample,
    decide_matrix,
    load_nhs,
    load_ukcat,
    load_ukcat_regexes,
    multilabel_metrics,
    regex_tags,
    single_label_metrics,
    split_dev_heldout,
    tune_hybrid,
    tune_zero_shot,
)
from themes.taxonomy import from_records

needs_data = pytest.mark.usefixtures("shared_data")   # fails, never skips, without ../shared/data


def test_when_predictions_partly_right_then_multilabel_metrics_match_hand_counts():
    gold = [["a"], ["a", "b"], [], ["b"]]
    pred = [["a"], ["b"], ["a"], []]
    m = multilabel_metrics(gold, pred, ["a", "b"])
    # a: tp 1, fp 1, fn 1 -> P 0.5 R 0.5 F1 0.5;  b: tp 1, fp 0, fn 1 -> P 1 R 0.5 F1 0.6667
    assert m["per_theme"]["a"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2, "predicted": 2}
    assert m["per_theme"]["b"]["f1"] == pytest.approx(0.6667, abs=1e-4)
    assert m["macro_f1"] == pytest.approx((0.5 + 0.6667) / 2, abs=1e-3)
    assert m["unassigned_share"] == 0.25 and m["gold_unassigned_share"] == 0.25


def test_when_theme_never_predicted_then_its_f1_is_zero_not_an_error():
    m = multilabel_metrics([["a"], ["b"]], [["a"], []], ["a", "b"])
    assert m["per_theme"]["b"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1, "predicted": 0}
    assert m["macro_f1"] == 0.5


def test_when_single_label_note_unassigned_then_it_counts_as_wrong():
    m = single_label_metrics(["x", "y", "y", "x"], ["x", "y", None, "y"], ["x", "y"])
    assert m["accuracy"] == 0.5
    assert m["unassigned_share"] == 0.25


def test_when_decide_matrix_used_then_it_matches_similarity_assigner_decide():
    taxonomy = from_records([{"id": f"t{i}", "label": f"T{i}", "description": "d"} for i in range(5)], "t")
    assigner = SimilarityAssigner(taxonomy, embedder=None, threshold=0.4, max_themes=2, margin=0.1)
    scores = np.random.default_rng(0).uniform(0.2, 0.7, size=(200, 5)).astype(np.float32)
    expected = [[a.theme_id for a in row] for row in assigner.decide(scores)]
    got = [[f"t{j}" for j in np.flatnonzero(row)] for row in decide_matrix(scores, 0.4, 0.1, 2)]
    assert [sorted(e) for e in expected] == got


def test_when_gold_follows_a_cutoff_then_tuning_finds_it():
    scores = np.array([[0.1], [0.3], [0.5], [0.7]])
    gold = np.array([[False], [False], [True], [True]])
    threshold, _, f1 = tune_zero_shot(scores, gold, max_themes=1)
    assert 0.3 < threshold <= 0.5 and f1 == 1.0


def test_when_examples_limited_then_at_most_n_rows_per_theme_and_none_are_kept():
    gold = np.array([[True, False]] * 10 + [[False, True]] * 10 + [[False, False]] * 10)
    chosen = _subsample(np.arange(30), gold, per_theme=3, seed=1)
    assert len(chosen) == 9
    assert gold[chosen, 0].sum() == 3 and gold[chosen, 1].sum() == 3 and (~gold[chosen].any(1)).sum() == 3


@needs_data
def test_when_ukcat_loaded_then_rows_and_gold_tags_are_the_twelve_codes():
    texts, gold = load_ukcat()
    codes = {t.id for t in eval_taxonomy(UKCAT_TAXONOMY).themes}
    assert len(texts) == len(gold) == 2073
    assert all(set(g) <= codes for g in gold)
    assert sum("SW105" in g for g in gold) == 180 and sum(bool(g) for g in gold) == 497
    assert all(t.strip() for t in texts)


@needs_data
def test_when_ukcat_regex_has_an_exclusion_then_it_blocks_the_tag():
    regexes = load_ukcat_regexes()
    assert set(regexes) == {t.id for t in eval_taxonomy(UKCAT_TAXONOMY).themes}
    tags = regex_tags(["Support for BEREAVED families.", "Relief of the sick and bereaved.",
                       "Tea and a chat with ELDERLY neighbours."], regexes)
    assert "SW102" in tags[0] and "SW102" not in tags[1]
    assert "BE108" in tags[2]


@needs_data
def test_when_nhs_feedback_loaded_then_every_label_maps_and_none_comments_stay_text():
    texts, labels, dropped = load_nhs()
    assert len(texts) == len(labels) == 10334 and len(set(labels)) == 9 and dropped == 0
    assert texts.count("None") == 31   # "None" is a patient's answer here, not a missing value


def test_when_a_comment_is_blank_then_it_is_left_out_and_counted(tmp_path):
    (tmp_path / "text_data.csv").write_text("code,label,feedback\nxn,Staff,Lovely nurses\nxn,Access,  \n")
    texts, labels, dropped = load_nhs(tmp_path)
    assert texts == ["Lovely nurses"] and labels == ["staff"] and dropped == 1


def test_when_rows_split_then_dev_and_held_out_are_disjoint_halves_and_the_same_every_run():
    dev, held_out = split_dev_heldout(101, seed=42)
    assert not set(dev) & set(held_out) and len(dev) + len(held_out) == 101 and abs(len(dev) - len(held_out)) <= 1
    again = split_dev_heldout(101, seed=42)
    assert np.array_equal(dev, again[0]) and np.array_equal(held_out, again[1])
    labels = ["a"] * 80 + ["b"] * 20
    dev, held_out = split_dev_heldout(100, seed=1, strata=labels)
    assert sum(labels[i] == "b" for i in dev) == 10


def test_when_only_the_word_signal_separates_themes_then_tuning_gives_it_weight():
    emb = np.full((4, 2), 0.3, dtype=np.float32)                 # the embedding says nothing
    words = np.array([[0.9, 0], [0, 0.9], [0, 0], [0.8, 0]], dtype=np.float32)
    gold = np.array([[True, False], [False, True], [False, False], [True, False]])
    knobs = tune_hybrid(emb, words, gold, max_themes=2)
    assert knobs["lexical_weight"] > 0 and knobs["dev_macro_f1"] == 1.0


@needs_data
def test_when_eval_taxonomies_load_then_they_name_the_twelve_ukcat_tags_and_nine_nhs_labels():
    import pandas as pd

    ukcat = eval_taxonomy(UKCAT_TAXONOMY)
    tags = pd.read_csv(DATA_DIR / "ukcat.csv", dtype=str, keep_default_na=False).set_index("Code")["tag"]
    assert len(ukcat.themes) == 12 and all(t.label == tags[t.id] for t in ukcat.themes)
    assert all(t.description and len(t.examples) >= 3 for t in ukcat.themes)
    assert len(eval_taxonomy("nhs_feedback_9.yaml").themes) == 9


NHS_ROWS = {
    "Care received": ["The treatment I got was excellent.", "They looked after my mum really well.",
                      "My care was first class.", "The treatment helped my recovery.", "I was well cared for.",
                      "Brilliant care from start to finish."],
    "Staff": ["The nurses were so kind.", "Staff were rude to me.", "Lovely friendly staff.",
              "The doctor was very professional.", "Not enough staff on the ward.", "The receptionist was helpful."],
    "Couldn't be improved": ["Nothing.", "Nothing at all.", "I can't think of anything.", "No improvements needed.",
                             "Nothing to improve.", "Nothing, it was fine."],
    "Communication": ["Nobody told me what was happening.", "They explained everything clearly.",
                      "I felt listened to.", "Better information about my results please.",
                      "The letter was confusing.", "Keep patients informed about delays."],
    "Environment/ facilities": ["The ward was too cold.", "The food was awful.", "The toilets were dirty.",
                                "Not enough parking spaces.", "The waiting room was very noisy.",
                                "The building needs repairs."],
    "Access": ["I waited months for an appointment.", "Hard to get through on the phone.",
               "The clinic is too far away.", "Shorter waiting times please.", "Could not book an appointment.",
               "Opening hours are too short."],
    "Miscellaneous": ["Everything was good.", "All fine, no complaints.", "It was all bad.", "Thanks.",
                      "Good.", "Okay overall."],
    "Transition/coordination": ["The discharge was badly organised.", "Services did not talk to each other.",
                                "I saw a different person every time.", "The referral took ages.",
                                "My GP never got the discharge letter.", "Nobody coordinated my care between teams."],
    "Dignity": ["I was treated with respect.", "I felt safe.", "My privacy was not respected.",
                "They involved my family in decisions.", "I was left undressed in the corridor.",
                "They respected my wishes."],
}


@pytest.fixture
def nhs_file(tmp_path):
    """A small NHS-feedback file in tmp_path, and the built fast model's path (skips when it is not built)."""
    from pathlib import Path

    from themes.fast_embedder import DEFAULT_MODEL_PATH

    built = Path(__file__).resolve().parents[2] / DEFAULT_MODEL_PATH
    if not (built / "model.safetensors").is_file():
        pytest.skip(f"The fast model is not built at {built}; build it with `python -m themes.fast_embedder`.")
    lines = ["code,label,feedback"] + [f'x,{label},"{text}"' for label, texts in NHS_ROWS.items() for text in texts]
    (tmp_path / "text_data.csv").write_text("\n".join(lines) + "\n")
    return tmp_path, built


def test_when_eval_runs_end_to_end_on_a_small_file_then_knobs_come_from_dev_rows_and_report_says_so(nhs_file):
    from themes.evaluate import format_eval, run_eval

    tmp_path, built = nhs_file
    result = run_eval("nhs-feedback", "fast", data_dir=tmp_path, fast_model_path=built)
    assert result["rows"] == 54 and result["dev_rows"] + result["held_out_rows"] == 54
    run = result["runs"]["fast"]
    assert run["knobs"]["lexical_weight"] in (0.0, 0.15, 0.3, 0.5, 0.75, 1.0)
    assert run["zero_shot"]["rows"] == run["learned"]["rows"] == result["held_out_rows"]
    assert run["learned_all_rows"]["rows"] == 54
    assert run["zero_shot"]["forced_choice_accuracy"] > 0.3      # 9 labels: chance is 0.11
    assert run["supervised"]["rows"] == run["oracle"]["rows"] == result["held_out_rows"]
    assert run["zero_shot_calibration"]["notes"] == result["held_out_rows"]
    report = format_eval(result)
    assert f"scored on the {result['held_out_rows']} held-out rows" in report
    assert "calibrated on the held-out texts without their labels" in report
    # the tuned figure is printed apart, under its own heading, after the table
    assert report.index("oracle (tuned on labelled rows; not what ships)") > report.index("supervised")
    assert run["zero_shot_over_splits"] is None and "Zero-shot over" not in report
    # learning from few labels: dev rows' labels (all 27 here: fewer than 100), reported apart from zero-shot
    few = run["learned_few_labels"]
    assert few["labels"] == result["dev_rows"] and few["picked"]["rows"] == result["held_out_rows"]
    assert len(few["random_macro_f1"]) == 3 and all(0 <= f <= 1 for f in few["random_macro_f1"])
    line = next(x for x in report.splitlines() if x.startswith("Learned from"))
    assert "(not zero-shot)" in line and "picked by the review queue" in line


def test_when_eval_scores_zero_shot_then_it_is_exactly_the_shipped_stateless_assigner(nhs_file):
    """The zero-shot row is what `insights themes assign` does to the held-out texts: the default settings'
    assigner, calibrating itself on them, with no labels."""
    import pandas as pd

    from engine.core.settings import Settings
    from themes.eval_data import NHS_TAXONOMY
    from themes.evaluate import shipped_predictions
    from themes.fast_embedder import FastEmbedder
    from themes.zero_shot import zero_shot_assigner

    tmp_path, built = nhs_file
    texts = list(pd.read_csv(tmp_path / "text_data.csv")["feedback"])
    taxonomy, embedder = eval_taxonomy(NHS_TAXONOMY), FastEmbedder(built)
    assigner = zero_shot_assigner(Settings(), taxonomy, embedder)
    _, pred = shipped_predictions(assigner, assigner.raw_scores(texts)[0])
    stateless = zero_shot_assigner(Settings(), taxonomy, embedder, calibrate_on_input=True)
    decided, _ = stateless.assign(texts)
    order = [t.id for t in taxonomy.themes]
    assert [[t.id for t, p in zip(taxonomy.themes, row) if p] for row in pred] == \
        [[a.theme_id for a in sorted(row, key=lambda a: order.index(a.theme_id))] for row in decided]


@needs_data
def test_when_disaster_and_care_opinion_loaded_then_disaster_has_its_keyword_anchor():
    from themes.evaluate import _load

    texts, gold, taxonomy, single, _, anchor, _ = _load("disaster", DATA_DIR)
    assert len(texts) == len(gold) == len(anchor[1]) and not single and anchor[0] == "keyword list"
    assert len(taxonomy.themes) == 8 and any(gold) and not all(gold)
    texts, gold, taxonomy, single, _, anchor, _ = _load("care-opinion", DATA_DIR)
    assert len(texts) == len(gold) > 1000 and anchor is None and len(taxonomy.themes) == 12


def test_when_eval_asked_for_several_splits_then_zero_shot_is_scored_on_each_and_summarised(nhs_file):
    from engine.core.errors import InputError
    from themes.evaluate import format_eval, run_eval

    tmp_path, built = nhs_file
    one = run_eval("nhs-feedback", "fast", data_dir=tmp_path, fast_model_path=built)
    result = run_eval("nhs-feedback", "fast", data_dir=tmp_path, fast_model_path=built, splits=4)
    over = result["runs"]["fast"]["zero_shot_over_splits"]
    assert over["splits"] == 4
    assert over["macro_f1_min"] <= over["macro_f1_mean"] <= over["macro_f1_max"] and over["macro_f1_sd"] >= 0
    # the first split is the reported one, so the headline scores do not change with --splits
    assert result["runs"]["fast"]["zero_shot"] == one["runs"]["fast"]["zero_shot"]
    assert over["macro_f1_min"] <= result["runs"]["fast"]["zero_shot"]["macro_f1"] <= over["macro_f1_max"]
    assert "Zero-shot over 4 held-out halves" in format_eval(result)
    with pytest.raises(InputError, match="--splits"):
        run_eval("nhs-feedback", "fast", data_dir=tmp_path, fast_model_path=built, splits=0)
