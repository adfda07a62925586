import csv
import io

import pytest

from engine.evidence import percentiles, period_end, to_csv, wilson


def test_when_records_written_as_csv_then_they_read_back_with_the_same_columns():
    rows = [{"area_code": "E05000451", "theme": "food_poverty", "notes": 15, "story_share": 0.2},
            {"area_code": "E05000447", "theme": "food_poverty", "notes": None, "story_share": None}]
    back = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert [r["area_code"] for r in back] == ["E05000451", "E05000447"] and back[1]["notes"] == ""
    assert to_csv([]).strip() == "area_code"


@pytest.mark.parametrize("period, end", [("2025-Q3", "2025-09"), ("2024", "2024-12"), ("2025-03", "2025-03"),
                                         (None, "9999-12")])
def test_when_period_given_then_its_last_month_is_used(period, end):
    assert period_end(period) == end


def test_when_wilson_interval_computed_then_it_brackets_the_share():
    low, high = wilson(20, 100)
    assert low < 0.2 < high and 0.12 < low and high < 0.3


def test_when_percentiles_computed_then_lowest_is_0_and_highest_is_1():
    assert percentiles({"a": 1.0, "b": 2.0, "c": 3.0}) == {"a": 0.0, "b": 0.5, "c": 1.0}
