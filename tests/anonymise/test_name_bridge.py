"""One name, not two (anonymise/name_propagation.py, `bridge`), and a name's other half across a comma or before a
possessive (`propagate`): the cases that must be hidden beside the ones that must stay apart or readable."""
from __future__ import annotations

from engine.core.offline import ensure_offline

ensure_offline()

import pytest  # noqa: E402

from anonymise.name_propagation import bridge, propagate  # noqa: E402
from anonymise.replace import Finding, merge  # noqa: E402


def _hidden(text: str, found: list[str]) -> list[str]:
    findings, pos = [], 0
    for name in found:
        start = text.index(name, pos)
        findings.append(Finding("PERSON", start, start + len(name), 0.85))
        pos = start + len(name)
    out = bridge(text, propagate(text, findings, lambda a, b: False), lambda a, b: False)
    return [text[f.start:f.end] for f in merge(out)]


BRIDGED = [
    ("Pt D. Berhane rang reception.", ["Berhane"], ["D. Berhane"]),
    ("Household Support Fund agreed. M Popal gave his date of birth.", ["Popal"], ["M Popal"]),
    ("Interpreted session for Brendan W. today", ["Brendan"], ["Brendan W."]),
    ("Case log: Campbell, C. has agreed to Early Help.", ["Campbell"], ["Campbell, C."]),
    ("YOT contact: Miss D.W. attended with her sister.", [], ["Miss D.W."]),
    ("Breathing Space applied for BAUTISTA Tez last Friday.", ["BAUTISTA", "Tez"], ["BAUTISTA Tez"]),
    ("Breathing Space applied for bailey, helen yesterday.", ["bailey", "helen"], ["bailey, helen"]),
    ("Breathing Space applied for rao, jaswinder yesterday.", ["jaswinder"], ["rao, jaswinder"]),
    ("Spoke to the SENCO about farishta khan's eldest.", ["farishta"], ["farishta khan"]),
    ("Triage outcome for LYNCH Dylan: routine appointment.", ["Dylan"], ["LYNCH Dylan"]),
    ("YOT contact: naveed k. attended", ["naveed"], ["naveed k."]),
    ("Pupil s. forbes, year 6", ["forbes"], ["s. forbes"]),
    ("My name's cartwright, aoife, I rang yesterday.", ["cartwright", "aoife"], ["cartwright, aoife"]),
]
APART = [
    ("i saw jo, ali and dom", ["jo", "ali", "dom"], ["jo", "ali", "dom"]),
    ("Present: Jo, Ali, Dom.", ["Jo", "Ali", "Dom"], ["Jo", "Ali", "Dom"]),
    ("I Sarah said it", ["Sarah"], ["Sarah"]),                   # "I" is never an initial
    ("saw a farah", ["farah"], ["farah"]),                        # nor "a" in lower case
    ("i saw jo, ali, dom", ["jo", "ali", "dom"], ["jo", "ali", "dom"]),
    ("Visited Mr Khan. A meeting followed.", ["Mr Khan"], ["Mr Khan"]),
    ("saw Mrs Khan today", ["Mrs Khan"], ["Mrs Khan"]),
    ("Dr Patel, S. Smith and the team", ["Dr Patel"], ["Dr Patel"]),
    ("Ms is short for Miss, see the form", [], []),
]


@pytest.mark.parametrize("text,found,expected", BRIDGED)
def test_when_the_pieces_of_one_name_are_found_apart_then_they_are_hidden_as_one(text, found, expected):
    assert _hidden(text, found) == expected


@pytest.mark.parametrize("text,found,expected", APART)
def test_when_names_are_listed_or_a_word_only_looks_like_an_initial_then_they_stay_apart(text, found, expected):
    assert _hidden(text, found) == expected
