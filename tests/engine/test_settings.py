import pytest

from engine.errors import SettingsError
from engine.settings import Settings


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
