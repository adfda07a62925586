"""anonymise/truecase.py: capital lines re-cased one character for one."""
import pytest

from anonymise.normalise import normalise
from anonymise.truecase import truecase

CASES = [
    ("CLIENT: ZEBEDEE QUILLFEATHER ATTENDED TODAY.", ["Zebedee Quillfeather", "attended"]),
    ("HE LIVES AT 14 ELM ROAD WITH HIS MUM.", ["14 Elm Road", "with his"]),
    ("DR A SHARMA IS HOUSEBOUND, SO HER ELDEST HELPS.", ["Dr A Sharma"]),
    ("NAME: EGAL, SAHRA", ["EGAL, Sahra"]),
    ("HER SON JACK CAMPBELL CAME IN.", ["Jack Campbell"]),
    ("SAW HAO AT THE DROP-IN ON THURSDAY.", ["Saw Hao"]),
    ("O'CONNOR AND JAMIE-LEE CAME. OWUSU'S BILL.", ["O'Connor", "Jamie-Lee", "Owusu's"]),
    ("WILL RING BACK ON SUNDAY. THE DWP SANCTION IS ON.", ["Will ring back", "DWP"]),
    ("COUNCIL TAX SUMMONS ADDED £95 IN COURT COSTS.", ["£95 in court"]),
]
MIXED = ["BERNARD WHITE said the park was dirty.", "Client MR RICHARDS seen re: rent arrears.",
         "Name: EGAL, Sahra", "the WHITE van and I was SO angry with the DWP"]


@pytest.mark.parametrize("raw,parts", CASES)
def test_when_a_line_is_in_capitals_then_names_get_capitals_and_words_lose_them(raw, parts):
    out = truecase(normalise(raw)).text
    assert len(out) == len(raw)
    for part in parts:
        assert part in out, out


@pytest.mark.parametrize("raw", MIXED)
def test_when_a_sentence_is_mixed_then_it_is_left_to_the_name_rules(raw):
    assert truecase(normalise(raw)).text == raw


@pytest.mark.parametrize("raw", ["İSTANBUL İS WHERE STRASSE AND ß LIVE, SAID AYŞE.", "ǅ ǈ ǋ ARE TITLE-CASE LETTERS HERE."])
def test_when_casing_would_change_the_length_then_the_character_is_kept(raw):
    n = normalise(raw)
    assert len(truecase(n).text) == len(n.text)
