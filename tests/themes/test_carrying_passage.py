"""The passage that carried a theme (themes/carrying_passage.py): offsets that match the scorer's own passages,
placeholders included, and the right passage of a note about two things, found with the real MiniLM."""
from __future__ import annotations

import re

import pytest

from themes.assign import PLACEHOLDER, passages
from themes.carrying_passage import carrying_spans, passage_spans
from themes.taxonomy import load_builtin

TEXTS = [
    "Met <PERSON_1> at the food bank. She said <PLACE:St. Mary's estate> was cold!  Her son is 14.\n"
    "New line here with more words and more words about debt and bailiffs and rent arrears.",
    "No sentence end here at all",
    "   \n  ",
    "One.Two. Three! <POSTCODE:SE6>? Four\n\nFive <PERSON_2> six.",
    "",
]


def _norm(text: str) -> str:
    return " ".join(PLACEHOLDER.sub("someone", text).split())


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("words", [1, 5, 20, 60])
def test_when_spans_taken_then_they_are_the_scorers_passages(text, words):
    spans = passage_spans(text, words)
    parts = passages(text, words)
    assert len(spans) == len(parts)
    if text.strip():
        assert [_norm(text[s:e]) for s, e in spans] == [_norm(p) for p in parts]
    assert all(0 <= s <= e <= len(text) for s, e in spans)


def test_when_a_placeholder_holds_a_full_stop_then_it_is_not_split():
    text = "She lives on <PLACE:St. Mary's estate> now. It is cold."
    assert [text[s:e] for s, e in passage_spans(text, 1)] == ["She lives on <PLACE:St. Mary's estate> now.",
                                                              "It is cold."]


def test_when_a_note_raises_two_themes_then_each_is_coded_on_its_own_passage(embedder):
    taxonomy = load_builtin()
    food, housing = taxonomy["food_poverty"], taxonomy["housing_homelessness"]
    text = ("<PERSON_1> is skipping meals so the children can eat. We gave her a food parcel from the food bank. "
            "Separately, her landlord has served an eviction notice and the flat has black mould on every wall.")
    found = carrying_spans([text, "Nothing themed here."], [[food, housing], []], embedder, None, 20, 2)
    assert found[1] == {}
    food_passage = text[slice(*found[0]["food_poverty"])]
    housing_passage = text[slice(*found[0]["housing_homelessness"])]
    assert "food parcel" in food_passage and "eviction" not in food_passage
    assert "eviction" in housing_passage and not re.search(r"skipping meals", housing_passage)
