"""Shared set-up for the recogniser tests: keep every library offline before Presidio is imported,
and one assertion used by every table: run a recogniser alone and compare the spans it finds."""
from __future__ import annotations

from engine.core.offline import ensure_offline

ensure_offline()

import pytest  # noqa: E402

# The pipeline drops results below ~0.4-0.5 and does not use Presidio's context enhancer, so every
# true identifier must reach this score from the recogniser alone.
MIN_TRUE_SCORE = 0.5


def find(recogniser, text: str) -> list:
    """The recogniser's results for `text`, called the way the pipeline calls it, in text order."""
    results = recogniser.analyze(text, entities=recogniser.supported_entities, nlp_artifacts=None)
    return sorted(results, key=lambda result: (result.start, result.end))


@pytest.fixture
def assert_spans():
    """`assert_spans(recogniser, text, expected)`: the recogniser finds exactly the substrings in
    `expected` (in text order), each with a score of at least MIN_TRUE_SCORE."""

    def check(recogniser, text: str, expected: list[str]) -> None:
        results = find(recogniser, text)
        assert [text[r.start:r.end] for r in results] == expected
        assert all(r.score >= MIN_TRUE_SCORE for r in results), [(r.entity_type, r.score) for r in results]

    return check


@pytest.fixture(scope="module")
def rec():
    """The PERSON-name recogniser with the default allow-list."""
    from anonymise.recognisers import names

    return names.create()


@pytest.fixture
def spans():
    """`spans(rec, text)`: the exact substrings the name recogniser flags as PERSON, in order."""

    def find_person_spans(recogniser, text: str) -> list[str]:
        return [text[r.start:r.end] for r in recogniser.analyze(text, entities=["PERSON"], nlp_artifacts=None)]

    return find_person_spans
