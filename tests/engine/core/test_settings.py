from pathlib import Path

import pytest

from engine.core.errors import SettingsError
from engine.core.settings import Settings


@pytest.mark.parametrize("threshold", [0, 4, -1])
def test_when_threshold_below_five_then_refused(threshold):
    with pytest.raises(SettingsError, match="may not be below 5"):
        Settings(suppression_threshold=threshold)


def test_when_env_sets_values_then_they_are_read_and_converted(tmp_path):
    s = Settings.from_env({"INSIGHTS_DB": str(tmp_path / "x.db"), "INSIGHTS_SUPPRESSION_THRESHOLD": "12",
                           "INSIGHTS_SENSITIVE_SUPPRESSION_THRESHOLD": "20"})
    assert s.db_path == tmp_path / "x.db" and s.suppression_threshold == 12


def test_when_env_value_malformed_then_error_names_the_variable():
    with pytest.raises(SettingsError, match="INSIGHTS_SUPPRESSION_THRESHOLD"):
        Settings.from_env({"INSIGHTS_SUPPRESSION_THRESHOLD": "ten"})


def test_when_embedder_is_fast_then_its_own_calibrated_rule_applies():
    s = Settings()
    assert s.assign_rule("accurate") == (s.assign_threshold, s.assign_margin)
    assert s.assign_rule("fast") == (s.fast_assign_threshold, s.fast_assign_margin)
    assert s.fast_assign_threshold > s.assign_threshold        # the static model's similarities run higher
    with pytest.raises(SettingsError, match="accurate' or 'fast"):
        s.assign_rule("other")


def test_when_scorer_is_legacy_similarity_then_the_fast_embedder_gets_its_own_thresholds(tmp_path):
    """With the accurate rule (0.36) the fast embedder gave every note a theme, so nothing was left for
    emergent themes; with its own rule a note about nothing in the taxonomy stays unassigned."""
    from engine.pipeline import Pipeline
    from engine.store import Store
    from themes.assign import SimilarityAssigner
    from themes.fast_embedder import FastEmbedder

    settings = Settings(db_path=tmp_path / "f.db", assign_scorer="similarity")
    pipeline = Pipeline(settings, Store(tmp_path / "f.db"), embedder=FastEmbedder())
    assert type(pipeline.zero_shot) is SimilarityAssigner
    assert pipeline.zero_shot.threshold == Settings().fast_assign_threshold
    decided, _ = pipeline.zero_shot.assign(["We talked about the cricket score and the new bus timetable.",
                                            "She has no food in the house and the children are hungry."])
    assert decided[0] == [] and "food_poverty" in [a.theme_id for a in decided[1]]


def test_when_scorer_is_default_then_the_pipeline_ships_the_calibrated_scorer(tmp_path):
    from engine.pipeline import Pipeline
    from engine.store import Store
    from themes.calibrated import CalibratedAssigner
    from themes.fast_embedder import FastEmbedder

    pipeline = Pipeline(Settings(db_path=tmp_path / "f.db"), Store(tmp_path / "f.db"), embedder=FastEmbedder())
    assert isinstance(pipeline.zero_shot, CalibratedAssigner)
    decided, _ = pipeline.zero_shot.assign(["We talked about the cricket score and the new bus timetable.",
                                            "She has no food in the house and the children are hungry."])
    assert decided[0] == [] and "food_poverty" in [a.theme_id for a in decided[1]]
    with pytest.raises(SettingsError, match="INSIGHTS_ASSIGN_SCORER"):
        Settings(assign_scorer="cosine")


@pytest.mark.parametrize("env, expected", [
    ({}, Path("data/cache/numba")),
    ({"NUMBA_CACHE_DIR": "/var/cache/numba"}, Path("/var/cache/numba")),
    ({"NUMBA_CACHE_DIR": "/var/cache/numba", "INSIGHTS_NUMBA_CACHE_DIR": "/srv/numba"}, Path("/srv/numba")),
])
def test_when_numba_cache_folder_comes_from_env_then_ours_beats_numbas_own_beats_the_default(env, expected):
    assert Settings.from_env(env).numba_cache_dir == expected
