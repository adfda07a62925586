"""Names found once are hidden wherever they recur in the note; names listed with a found name are hidden;
unknown words that act as people are hidden (anonymise/name_propagation.py)."""
from __future__ import annotations

import pytest

from anonymise.name_propagation import propagate
from anonymise.replace import Finding


def nothing_allowed(a: int, b: int) -> bool:
    return False


def hidden(text: str, findings: list[Finding]) -> list[str]:
    return sorted(text[f.start:f.end] for f in findings if f.entity_type == "PERSON")


def person(text: str, name: str, nth: int = 0) -> Finding:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Finding("PERSON", start, start + len(name), 0.85)


def test_when_name_recurs_then_every_occurrence_hidden():
    text = "Hakuba had given his address. Later Hakuba rang back, and Ms Lantos too. Lantos again."
    out = propagate(text, [person(text, "Hakuba", 1), person(text, "Ms Lantos")], nothing_allowed)
    assert hidden(text, out) == ["Hakuba", "Hakuba", "Lantos", "Ms Lantos"]


def test_when_single_name_is_everyday_word_then_other_uses_stay():
    text = "Will follow up next week. Her son Will is 6."
    out = propagate(text, [person(text, "Will", 1)], nothing_allowed)
    assert hidden(text, out) == ["Will"]


def test_when_surname_is_everyday_word_then_only_the_found_name_spreads():
    text = "Fletcher Hill came in. The Hill estate flats are damp. Fletcher Hill phoned later."
    out = propagate(text, [person(text, "Fletcher Hill")], nothing_allowed)
    assert hidden(text, out) == ["Fletcher Hill", "Fletcher Hill"]


@pytest.mark.parametrize("text, found, expected", [
    ("Our founders: Šušulić, Bowman and White.", "Bowman", ["Bowman", "White", "Šušulić"]),
    ("Dale and Mann were precision engineers.", "Dale", ["Dale", "Mann"]),
    ("Tesco, Asda and Lidl all refused.", None, []),                # no found name in the list
    ("Callum and The Council met.", "Callum", ["Callum"]),           # "The Council": everyday words
])
def test_when_names_listed_together_then_list_mates_hidden(text, found, expected):
    findings = [person(text, found)] if found else []
    assert hidden(text, propagate(text, findings, nothing_allowed)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Shovda lives on the estate.", ["Shovda"]),
    ("Asya's kid has been off school.", ["Asya"]),
    ("Callum lives on Ziegelgasse.", ["Callum"]),     # a known first name that is no everyday word
    ("Housing said no.", []),                         # an everyday word
    ("Walker began writing.", []),                    # a surname that is also an everyday word: no cue enough
])
def test_when_unknown_word_acts_as_person_then_hidden(text, expected):
    assert hidden(text, propagate(text, [], nothing_allowed)) == expected


def test_when_allow_listed_then_never_added():
    text = "Mind said they can help. Mind lives on in the community."
    start = text.index("Mind", 5)
    out = propagate(text, [person(text, "Mind")], lambda a, b: True)
    assert hidden(text, out) == ["Mind"]          # only the caller's own finding; nothing added
    assert start > 0
