"""Which sentences spaCy's NER reads once our recognisers have run (anonymise/ner_gate.py), and that the
gated anonymiser hides what the full one hides on the cases that matter."""
from __future__ import annotations

import pytest

from anonymise import ner_gate
from anonymise.name_lists import lexicon
from engine.core.settings import Settings


def nothing_allowed(a: int, b: int) -> bool:
    return False


@pytest.mark.parametrize("text, expected", [
    ("One. Two!\nThree", [(0, 4), (5, 9), (10, 15)]),
    ("No break at all", [(0, 15)]),
    ("• bullet one\n• bullet two", [(1, 12), (14, 25)]),
    ("", []),
])
def test_when_text_split_then_sentences_without_breaks(text, expected):
    assert ner_gate.sentences(text) == expected


@pytest.mark.parametrize("word, first, beside, expected", [
    ("Okonkwo", False, False, True),      # in no dictionary: NER should look
    ("Nguyen", True, False, True),        # a surname starting a sentence
    ("Will", False, False, True),         # a name that is also a word, mid-sentence
    ("Will", True, False, False),         # "Will you be okay?": an everyday word starting a sentence
    ("Signposted", True, False, False),   # an inflected everyday word
    ("Follow-up", True, False, False),    # a compound of plain words
    ("I've", True, False, False),         # a contraction
    ("MARAC", False, False, False),       # an acronym that is not a name
    ("JACK", False, False, True),         # an ALL-CAPS name
    ("housing", False, False, False),     # lower case: spaCy's small model does not tag these
    ("Jack", True, True, True),           # right beside a hidden surname
])
def test_when_word_seen_then_unexplained_decided(word, first, beside, expected):
    assert ner_gate.unexplained(word, first, lexicon(), beside) is expected


def test_when_every_capital_explained_then_no_sentence_needs_ner():
    text = "Signposted to the food bank. She is fine now."
    assert ner_gate.needs_ner(text, bytearray(len(text)), nothing_allowed) == []


def test_when_name_already_hidden_then_its_sentence_skipped_but_unknown_word_kept():
    text = "Callum came in. Then Okonkwo rang."
    covered = bytearray(len(text))
    covered[0:6] = b"\x01" * 6                       # the rules already hid "Callum"
    assert ner_gate.needs_ner(text, covered, nothing_allowed) == [(16, 34)]


def test_when_allow_listed_then_not_unexplained():
    text = "Went to Harehills today."
    start = text.index("Harehills")
    allowed = lambda a, b: (a, b) == (start, start + 9)  # noqa: E731
    assert ner_gate.needs_ner(text, bytearray(len(text)), allowed) == []
    assert ner_gate.needs_ner(text, bytearray(len(text)), nothing_allowed) == [(0, len(text))]


def test_when_sentences_joined_then_spans_map_back_exactly():
    text = "Alpha beta. Gamma Okonkwo rang. Delta. Zed Obi came."
    chosen = [(12, 31), (39, len(text))]
    joined, index = ner_gate.join(text, chosen)
    assert joined == "Gamma Okonkwo rang.\nZed Obi came."
    for word in ("Okonkwo", "Obi"):
        j = joined.index(word)
        assert ner_gate.to_original(j, j + len(word), index) == (text.index(word), text.index(word) + len(word))
    assert ner_gate.to_original(0, len(joined), index) is None   # a span across a joint cannot map back


@pytest.fixture(scope="module")
def anonymisers():
    from anonymise.anonymiser import Anonymiser

    return Anonymiser(Settings(anonymise_ner="gated")), Anonymiser(Settings(anonymise_ner="full"))


@pytest.mark.parametrize("text, name", [
    ("Referral from the school. Mrs Adeyemi-Okoro is worried about rent.", "Adeyemi-Okoro"),
    ("Met with Tomasz Wiśniewski at the hub, he needs a food parcel.", "Tomasz Wiśniewski"),
    ("Her daughter Aaliyah is 14 and has stopped going to school.", "Aaliyah"),
    ("Spoke to Okonkwo at the drop-in about his gas bill.", "Okonkwo"),
])
def test_when_gated_then_names_hidden_like_full(anonymisers, text, name):
    gated, full = anonymisers
    for anonymiser in (gated, full):
        out = anonymiser.anonymise(text)
        assert name not in out.text, (anonymiser.settings.anonymise_ner, out.text)
    # the readable parts stay readable in both modes
    assert "school" in gated.anonymise(text).text or "hub" in gated.anonymise(text).text \
        or "drop-in" in gated.anonymise(text).text


def test_when_setting_unknown_then_error_says_what_to_set():
    from engine.core.errors import SettingsError

    with pytest.raises(SettingsError, match="'gated' or 'full'"):
        Settings(anonymise_ner="fast")
