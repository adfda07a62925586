"""The spaCy PERSON post-filter: everyday words at the start of a sentence, line, bullet or utterance are
dropped; names with a cue, or that our own recogniser finds, are kept. Tables are (text, the word spaCy
tagged, expected)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from engine.core.offline import ensure_offline

ensure_offline()

from presidio_analyzer import RecognizerResult  # noqa: E402

from anonymise.person_filter import everyday_use, filter_persons, is_spacy_person  # noqa: E402
from anonymise.recognisers import names  # noqa: E402

EVERYDAY = [  # dropped (unless our recogniser finds a name there)
    ("Will follow up next week.", "Will"),
    ("- Mark the file as urgent.", "Mark"),
    ("Bill payments are on direct debit.", "Bill"),
    ("Rent is late. Frank talk with the landlord.", "Frank"),
    ("rent is late. frank talk with the landlord.", "frank"),
    ("Worker: Will you be okay if I call back?", "Will"),
    ("Resident: Mark my words, it'll go up again.", "Mark"),
    ("Volunteer story: Home visit to a tenant.", "Volunteer"),
    ("Support needed: Bill from British Gas came to £480.", "Bill"),
    ("Reason for referral: Hope is that the tribunal will agree.", "Hope"),
    ("Sorted.\nCheers,\nCiara", "Cheers"),
    ("Left a message. Tel 0161 496 0000.", "Tel"),
    ("She says her Postcode changed.", "Postcode"),  # a label word: anywhere
    ("Seen on 16/04/2024 at home.", "16/04/2024"),   # no letters at all
    ("Support needed: Rose early to queue at the food bank.", "Rose"),
    ("caring for her partner. Mark on the ceiling is spreading.", "Mark"),  # "partner." ends a sentence
]

KEPT = [  # spaCy's call stands
    ("Grace said she is fine.", "Grace"),               # a speech verb after a first name
    ("Will called to say he is running late.", "Will"),
    ("Bill's gas bill is now £180.", "Bill"),           # possessive
    ("Dr. Frank reviewed the claim.", "Frank"),         # title before
    ("Her son Will is 6.", "Will"),                     # relationship word before
    ("Dear Grace, thank you for the form.", "Grace"),   # greeting before
    ("Grace Okafor came in.", "Grace"),                 # a known surname after
    ("Park and Mann were at the meeting.", "Park"),     # another name after "and"
    ("Next of kin: Grace\nTel: 0161", "Grace"),         # a bare first name as a field value
    ("Thanks,\nGrace", "Grace"),                        # a sign-off
    ("I hope Grace is ok after the hearing.", "Grace"), # mid-sentence capital: spaCy decides
    ("Bill Smith came in.", "Bill Smith"),              # more than one word
    ("Mags was in tears about the bill.", "Mags"),      # not an exact English word
    ("Callum rang.", "Callum"),                         # not an everyday word
]


def _at(text: str, word: str) -> tuple[int, int]:
    start = text.index(word)
    return start, start + len(word)


@pytest.mark.parametrize("text, word", EVERYDAY)
def test_when_everyday_word_starts_sentence_then_suspect(text, word):
    assert everyday_use(text, *_at(text, word))


@pytest.mark.parametrize("text, word", KEPT)
def test_when_name_cue_or_not_everyday_word_then_not_suspect(text, word):
    assert not everyday_use(text, *_at(text, word))


def _spacy(text: str, word: str, name: str = "SpacyRecognizer", entity: str = "PERSON") -> RecognizerResult:
    start, end = _at(text, word)
    return RecognizerResult(entity, start, end, 0.85, recognition_metadata={"recognizer_name": name})


@pytest.fixture(scope="module")
def analyzer():
    return SimpleNamespace(registry=SimpleNamespace(recognizers=[names.create()]))


@pytest.mark.parametrize("text, word, kept", [
    ("Bill from British Gas came to £480.", "Bill", False),
    ("Worker: Will you be okay if I call back?", "Will", False),
    ("Grace: I've lived here ten years.", "Grace", True),   # our speaker rule finds her
    ("Spoke to Grace about rent.", "Grace", True),          # mid-sentence: not a suspect
    ("Spoke about rent.", "Spoke", False),                  # an everyday word alone
])
def test_when_filtered_then_only_unconfirmed_everyday_words_dropped(analyzer, text, word, kept):
    result = _spacy(text, word)
    assert (filter_persons(text, [result], analyzer) == [result]) is kept


def test_when_other_recogniser_or_type_then_untouched(analyzer):
    text = "Bill from British Gas came to £480."
    ours = _spacy(text, "Bill", name="UkNameRecogniser")
    phone = _spacy(text, "Bill", entity="PHONE_NUMBER")
    assert not is_spacy_person(ours) and not is_spacy_person(phone)
    assert filter_persons(text, [ours, phone], analyzer) == [ours, phone]


def test_when_name_recogniser_missing_then_error_not_silent():
    text = "Bill from British Gas came to £480."
    empty = SimpleNamespace(registry=SimpleNamespace(recognizers=[]))
    with pytest.raises(LookupError):
        filter_persons(text, [_spacy(text, "Bill")], empty)
    assert filter_persons("Callum rang.", [_spacy("Callum rang.", "Callum")], empty)  # no suspect: no look-up


def test_when_anonymised_then_everyday_words_readable_and_names_hidden():
    from anonymise.anonymiser import Anonymiser
    from engine.core.settings import Settings

    text = ("Bill from British Gas came to £480. Will follow up next week.\n"
            "Worker: Will you be okay if I call back?\nGrace Okafor said she is fine. Her son Will is 6.")
    out = Anonymiser(Settings()).anonymise(text)
    hidden = [text[r.orig_start:r.orig_end] for r in out.redactions if r.entity_type == "PERSON"]
    assert hidden == ["Grace Okafor", "Will"]
