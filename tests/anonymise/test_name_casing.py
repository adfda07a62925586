"""anonymise/name_casing.py through the anonymiser: names in any casing, everyday-word names in context."""
import pytest

HIDE = [
    ("her son lily mensah lives abroad.", ["lily", "mensah"]),
    ("jack campbell is organising a petition.", ["jack", "campbell"]),
    ("BERNARD WHITE said the park was dirty.", ["BERNARD", "WHITE"]),
    ("her grandson jamie brown came too.", ["jamie", "brown"]),
    ("Ivy has rent arrears.", ["Ivy"]),
    ("Precious came to the jobcentre on Monday.", ["Precious"]),
    ("Saw Lily Mensah on Monday. Later LILY MENSAH rang back.", ["Lily", "LILY", "MENSAH"]),
    ("CLIENT: ZEBEDEE QUILLFEATHER ATTENDED THE FOOD BANK.", ["ZEBEDEE", "QUILLFEATHER"]),
]
KEEP = [
    ("There was ivy on the wall by the food bank.", ["ivy", "food bank"]),
    ("We had precious little money left after the rent.", ["precious", "money"]),
    ("Bill came to £480 this month.", ["Bill came to £480"]),
    ("Will ring back on Sunday about Universal Credit.", ["Will ring", "Sunday", "Universal Credit"]),
    ("She drives a white van to Leeds.", ["white van", "Leeds"]),
    ("Dawn was cold and grey at the Citizens Advice office.", ["Citizens Advice"]),
]


@pytest.mark.parametrize("text,hidden", HIDE)
def test_when_a_name_has_unusual_casing_then_it_is_hidden(anonymiser, text, hidden):
    out = anonymiser.anonymise(text).text
    for word in hidden:
        assert word not in out, out


@pytest.mark.parametrize("text,kept", KEEP)
def test_when_a_name_word_is_an_everyday_word_then_it_stays(anonymiser, text, kept):
    out = anonymiser.anonymise(text).text
    for phrase in kept:
        assert phrase in out, out
