import pytest

from engine.suppression import Policy, publish_count, publish_share

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
