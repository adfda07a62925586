"""A name's other half joins a found name (anonymise/name_propagation.py, `_join_halves`), and lower-case titles
with initials, "miss" before a surname and Arabic particles are names (anonymise/recognisers/names.py): the
cases that must be hidden beside the ones that must stay readable."""
from __future__ import annotations

from engine.core.offline import ensure_offline

ensure_offline()

import pytest  # noqa: E402

from anonymise.name_propagation import propagate  # noqa: E402
from anonymise.recognisers import names  # noqa: E402
from anonymise.replace import Finding  # noqa: E402

RECOGNISER = names.create()

# (text, the found name, the word that must join it or None when nothing must join)
HALVES = [
    ("volunteer sat with tommo phillips while he filled in the form", "tommo", "phillips"),
    ("Next of kin: mei haddad (wife)", "haddad", "mei"),
    ("his friend ali al-amin is being bullied", "ali", "al-amin"),
    ("GEMMA OKONKWO REFERRED BY THE HOUSING OFFICER", "GEMMA", "OKONKWO"),
    ("told Sarah yesterday about the form", "Sarah", None),
    ("Amira and the kids came in", "Amira", None),
    ("Hiya Kez, visit to the warm space", "Kez", None),
    ("I'm Yusuf Abdullahi, most people call me Yus", "Yusuf Abdullahi", None),
    ("DUNCAN AND HIS COUSIN SHAZ BOTH ATTENDED", "SHAZ", None),
    ("saw Mrs Khan today", "Khan", None),
]


@pytest.mark.parametrize("text,name,half", HALVES)
def test_when_a_word_next_to_a_found_name_is_a_name_then_it_joins_and_otherwise_it_stays(text, name, half):
    start = text.index(name)
    out = propagate(text, [Finding("PERSON", start, start + len(name), 0.85)], lambda a, b: False)
    extra = sorted(text[f.start:f.end] for f in out if f.entity_type == "PERSON" and text[f.start:f.end] != name)
    assert extra == ([half] if half else [])


TITLES = [
    ("NI checked. mrs. a rees-jones, date of birth 1/2/60", ["mrs. a rees-jones"]),
    ("caught up with miss j mclaughlin outside the library", ["miss j mclaughlin"]),
    ("caught up with miss agyeman outside", ["miss agyeman"]),
    ("We helped dr a. kowalczyk apply", ["dr a. kowalczyk"]),
    ("dr. g. macleod rang", ["dr. g. macleod"]),
    ("GP: dr al-sayed", ["dr al-sayed"]),
    ("Sort code taken, Nationwide. dr owusu has written a letter.", ["dr owusu"]),
    ("I miss the bus on Sundays", []),
    ("we miss you at the group", []),
    ("I miss home", []),
    ("mrs a lot of help", []),
    ("booked a dr appointment", []),
    ("ms symptoms are worse", []),
]


@pytest.mark.parametrize("text,expected", TITLES)
def test_when_a_lower_case_title_has_initials_or_a_surname_then_it_is_a_name(text, expected):
    results = RECOGNISER.analyze(text, entities=["PERSON"], nlp_artifacts=None)
    assert [text[r.start:r.end] for r in sorted(results, key=lambda r: r.start)] == expected
