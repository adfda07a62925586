import pytest

from engine.publish.suppression import Policy, publish_count, publish_share

POLICY = Policy(threshold=10, sensitive_threshold=20, rounding_base=5)


@pytest.mark.parametrize("n, sensitive, expected", [
    (0, False, None), (9, False, None), (10, False, 10), (12, False, 10), (13, False, 15), (17, False, 15),
    (18, False, 20), (19, True, None), (20, True, 20), (103, False, 105), (None, False, None),
])
def test_when_count_published_then_small_ones_hidden_and_others_rounded(n, sensitive, expected):
    assert publish_count(n, POLICY, sensitive) == expected


def test_when_count_suppressed_then_share_is_hidden_too():
    assert publish_share(4, 50, POLICY) is None
    assert publish_share(20, 50, POLICY) == 0.4


def test_when_method_stated_then_it_names_the_threshold_and_rounding():
    assert "below 10" in POLICY.method() and "nearest 5" in POLICY.method()


# ---- tables: primary + secondary suppression, rounding (property tests over random tables) --------------------
from hypothesis import given  # noqa: E402
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from engine.publish.suppression import TOTAL, suppress_table  # noqa: E402

tables = st.integers(1, 6).flatmap(lambda n_rows: st.integers(1, 6).flatmap(lambda n_cols: st.tuples(
    st.just(n_rows), st.just(n_cols),
    st.lists(st.integers(0, 60), min_size=n_rows * n_cols, max_size=n_rows * n_cols),
    st.sets(st.integers(0, n_cols - 1), max_size=n_cols),
    st.sampled_from([Policy(10, 20, 5), Policy(5, 5, 5), Policy(10, 10, 1), Policy(7, 12, 3)]),
)))


def _table(spec):
    n_rows, n_cols, values, sensitive, policy = spec
    counts = {(f"r{i}", f"c{j}"): values[i * n_cols + j] for i in range(n_rows) for j in range(n_cols)}
    rows, cols = [f"r{i}" for i in range(n_rows)], [f"c{j}" for j in range(n_cols)]
    return counts, rows, cols, {f"c{j}" for j in sensitive}, policy


@hsettings(max_examples=300, deadline=None)
@given(tables)
def test_when_any_table_suppressed_then_no_cell_shown_is_below_its_threshold(spec):
    counts, rows, cols, sensitive, policy = _table(spec)
    out = suppress_table(counts, policy, sensitive, rows, cols)
    for (r, c), shown in out.cells.items():
        if shown is not None:
            assert counts[(r, c)] >= policy.threshold_for(c in sensitive)
            assert shown % policy.rounding_base == 0 and abs(shown - counts[(r, c)]) <= policy.rounding_base / 2
    for shown, true in [(out.row_totals[r], sum(counts[(r, c)] for c in cols)) for r in rows] + \
                       [(out.col_totals[c], sum(counts[(r, c)] for r in rows)) for c in cols]:
        assert shown is None or true >= policy.threshold
    assert out.grand_total is None or sum(counts.values()) >= policy.threshold


@hsettings(max_examples=300, deadline=None)
@given(tables)
def test_when_any_table_suppressed_then_no_row_or_column_has_exactly_one_hidden_cell(spec):
    counts, rows, cols, sensitive, policy = _table(spec)
    out = suppress_table(counts, policy, sensitive, rows, cols)
    all_rows, all_cols = rows + [TOTAL], cols + [TOTAL]
    for r in all_rows:
        assert sum(out.is_hidden(r, c) for c in all_cols) != 1, f"row {r}"
    for c in all_cols:
        assert sum(out.is_hidden(r, c) for r in all_rows) != 1, f"column {c}"
    # every count below its threshold is hidden (primary), whatever else is
    for (r, c), n in counts.items():
        if n < policy.threshold_for(c in sensitive):
            assert out.hidden[(r, c)] == "primary"


@hsettings(max_examples=300, deadline=None)
@given(tables)
def test_when_any_table_suppressed_then_totals_are_consistent_with_the_cells(spec):
    counts, rows, cols, sensitive, policy = _table(spec)
    out = suppress_table(counts, policy, sensitive, rows, cols)
    base = policy.rounding_base
    for r in rows:
        true = sum(counts[(r, c)] for c in cols)
        if out.row_totals[r] is not None:
            assert abs(out.row_totals[r] - true) <= base / 2
            if all(out.cells[(r, c)] is not None for c in cols):  # fully shown: the cells add up within rounding
                assert abs(sum(out.cells[(r, c)] for c in cols) - out.row_totals[r]) <= base / 2 * (len(cols) + 1)
    for c in cols:
        true = sum(counts[(r, c)] for r in rows)
        if out.col_totals[c] is not None:
            assert abs(out.col_totals[c] - true) <= base / 2


def test_when_one_small_cell_in_a_row_then_the_next_smallest_is_hidden_too():
    counts = {("a", "x"): 3, ("a", "y"): 40, ("a", "z"): 25, ("b", "x"): 30, ("b", "y"): 50, ("b", "z"): 45,
              ("c", "x"): 20, ("c", "y"): 35, ("c", "z"): 60}
    out = suppress_table(counts, POLICY)
    assert out.hidden[("a", "x")] == "primary"
    assert out.hidden[("a", "z")] == "secondary"      # smallest other count in row a
    assert out.hidden[("c", "x")] == "secondary"      # smallest other count in column x
    assert out.cells[("b", "y")] == 50 and out.row_totals["b"] == 125


def test_when_a_sensitive_column_then_its_higher_threshold_applies():
    counts = {("a", "x"): 15, ("a", "y"): 15, ("b", "x"): 40, ("b", "y"): 30, ("c", "x"): 35, ("c", "y"): 16}
    out = suppress_table(counts, POLICY, sensitive_cols={"y"})
    assert out.hidden[("a", "y")] == "primary" and out.hidden[("c", "y")] == "primary"  # 15, 16 < 20
    assert out.hidden[("a", "x")] == "secondary"  # 15 is not small in an ordinary column: hidden only to protect
    assert out.cells[("b", "y")] == 30 and out.col_totals["y"] == 60 and out.row_totals["a"] == 30


@hsettings(max_examples=200, deadline=None)
@given(tables)
def test_when_only_columns_add_up_then_no_column_has_exactly_one_hidden_cell(spec):
    counts, rows, cols, sensitive, policy = _table(spec)
    out = suppress_table(counts, policy, sensitive, rows, cols, protect="columns")
    for c in cols + [TOTAL]:
        assert sum(out.is_hidden(r, c) for r in rows + [TOTAL]) != 1, f"column {c}"
    for (r, c), shown in out.cells.items():
        assert shown is None or counts[(r, c)] >= policy.threshold_for(c in sensitive)


def test_when_table_is_empty_then_nothing_is_shown_and_nothing_fails():
    out = suppress_table({}, POLICY, rows=[], cols=["x", "y"])
    assert out.cells == {} and out.col_totals == {"x": None, "y": None} and out.grand_total is None
