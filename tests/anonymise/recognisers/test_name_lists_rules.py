"""The wider name lists and the list / answer / said / pair rules (`anonymise.name_rules_lists`).
Tables are (text, the exact substrings expected as PERSON spans, in order)."""
from __future__ import annotations

import pytest

from engine.core.offline import ensure_offline

ensure_offline()

from anonymise.name_lists import lexicon  # noqa: E402
from anonymise.name_rules_lists import provider_name_lists, surname_shaped  # noqa: E402

FOUND = [
    ("The charity's founders: Morrison, Rogers and Torres.", ["Morrison", "Rogers", "Torres"]),
    ("Usamov and Bowers were both on the rota.", ["Usamov", "Bowers"]),
    ("Kids at the club: adam, christopher, kristina, chad and caleb.",
     ["adam", "christopher", "kristina", "chad", "caleb"]),
    ("What's your last name? Boyle", ["Boyle"]),
    ("Her maiden name is Key.", ["Key"]),
    ("\"I'm fine,\" said Maslin to the worker.", ["Maslin"]),
    ("We met Esat Jeknić at the drop-in.", ["Esat Jeknić"]),
    ("Ravil G Yefimov came to the food bank.", ["Ravil G Yefimov"]),
    ("Asya spent a year at the hostel.", ["Asya"]),
    ("Spoke to Kasia Borkowska about the deposit.", ["Kasia Borkowska"]),
]

KEPT = [
    "He moved between Leeds, York and Hull last year.",
    "Bought bread, milk and eggs at the shop.",
    "Referred to Tesco and Asda for vouchers.",
    "Can I ask you to call back?",
    "Smith and Nephew supplied the dressings.",
    "The name is on the tenancy.",
]


@pytest.mark.parametrize("text,expected", FOUND)
def test_when_a_list_answer_or_pair_then_names_flagged(rec, text, expected, spans):
    assert spans(rec, text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_when_places_words_or_firms_then_nothing_flagged(rec, text, spans):
    assert spans(rec, text) == []


def test_when_locale_keeps_surnames_in_gendered_lists_then_they_are_read():
    _, _, pl_other = provider_name_lists("pl_PL")
    assert "Kowalski" in pl_other and "Kowalska" in pl_other
    _, _, is_other = provider_name_lists("is_IS")
    assert any(n.endswith("dóttir") for n in is_other)
    lex = lexicon()
    assert {"borkowski", "borkowska", "sokolov"} <= lex.surnames
    assert "can" not in lex.first  # a Turkish name, but an English stop word
    assert "murat" not in lex.surnames  # a first name first: still taken alone


@pytest.mark.parametrize("word,shaped", [
    ("jeknić", True), ("yefimov", True), ("petrenko", True), ("kapanadze", True), ("smith", False),
    ("ova", False), ("garden", False),
])
def test_when_word_ends_like_a_foreign_surname_then_shaped(word, shaped):
    from anonymise.name_lists import fold
    assert surname_shaped(fold(word), word) is shaped
