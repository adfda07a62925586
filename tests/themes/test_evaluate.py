import numpy as np
import pytest

from themes.assign import SimilarityAssigner
from themes.evaluate import (DATA_DIR, UKCAT_THEMES, _subsample, decide_matrix, load_nhs, load_ukcat,
                             load_ukcat_regexes, multilabel_metrics, regex_tags, single_label_metrics,
                             tune_zero_shot)
from themes.taxonomy import from_records

needs_data = pytest.mark.skipif(not (DATA_DIR / "ukcat_sample_public.csv").exists(),
                                reason=f"shared evaluation data not found at {DATA_DIR} (see ../shared/data/SOURCES.md)")


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
    codes = {t["id"] for t in UKCAT_THEMES}
    assert len(texts) == len(gold) == 2073
    assert all(set(g) <= codes for g in gold)
    assert sum("SW105" in g for g in gold) == 180 and sum(bool(g) for g in gold) == 497
    assert all(t.strip() for t in texts)


@needs_data
def test_when_ukcat_regex_has_an_exclusion_then_it_blocks_the_tag():
    regexes = load_ukcat_regexes()
    assert set(regexes) == {t["id"] for t in UKCAT_THEMES}
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
