import logging
from datetime import date

import pytest

from anonymise.anonymiser import Anonymiser
from engine.core.errors import AnonymisationError, InputError
from engine.core.settings import Settings

CANARY = "Zebedee Quixotic-Fernsby"
NOTE = ("Spoke to Mrs Amira Khan (DOB 12/03/1961), NHS 943 476 5919, NI AB 12 34 56 C, at Flat 3, 12 Elm Road, "
        "SE13 6QT. Call 07700 900123 or amira.khan@example.co.uk. Her son callum is at college. Amira said the "
        "food bank and Citizens Advice helped. Mrs Khan was referred to Age UK. Case ref CN-2024-0412.")
PLANTED = ["Amira", "Khan", "12/03/1961", "943 476 5919", "AB 12 34 56 C", "12 Elm Road", "SE13 6QT",
           "07700 900123", "amira.khan@example.co.uk", "callum", "CN-2024-0412"]


def test_when_note_has_uk_identifiers_then_every_one_is_replaced(anonymiser):
    out = anonymiser.anonymise(NOTE, on=date(2025, 6, 1))
    for value in PLANTED:
        assert value not in out.text, value
    assert "Citizens Advice" in out.text and "Age UK" in out.text and "food bank" in out.text


def test_when_note_anonymised_then_insight_survives_as_district_age_band_and_numbered_people(anonymiser):
    out = anonymiser.anonymise(NOTE, on=date(2025, 6, 1))
    assert "<POSTCODE:SE13>" in out.text and out.postcode_districts == ["SE13"]
    assert "<AGE:55-64>" in out.text and out.age_band == "55-64"
    assert out.text.count("<PERSON_1>") == 3 and "<PERSON_2>" in out.text


def test_when_batch_has_an_empty_note_then_only_that_note_is_rejected(anonymiser):
    results = anonymiser.anonymise_many(["Call Amira on 07700 900123.", "   ", "Nothing personal here."])
    assert isinstance(results[1], InputError) and "empty" in results[1].message
    assert "<PHONE_NUMBER>" in results[0].text and results[2].text == "Nothing personal here."


class ExplodingRecogniser:
    """A stand-in for a third-party recogniser that crashes and puts the text in its error message."""

    def __new__(cls):
        from presidio_analyzer import EntityRecognizer

        class Exploding(EntityRecognizer):
            def load(self):
                pass

            def analyze(self, text, entities, nlp_artifacts=None):
                raise RuntimeError(f"cannot handle {text}")

        return Exploding(supported_entities=["PERSON"], name="Exploding")


def test_when_analysis_fails_then_note_rejected_and_error_never_contains_the_text(caplog):
    anonymiser = Anonymiser(Settings())
    anonymiser.analyzer.registry.add_recognizer(ExplodingRecogniser())
    with caplog.at_level(logging.DEBUG):
        results = anonymiser.anonymise_many([f"Spoke to {CANARY} today."])
        with pytest.raises(AnonymisationError) as info:
            anonymiser.anonymise(f"Spoke to {CANARY} today.")
    assert isinstance(results[0], AnonymisationError)
    assert CANARY not in results[0].message and "RuntimeError" in results[0].message
    assert CANARY not in str(info.value) and info.value.__cause__ is None and info.value.__context__ is None
    assert CANARY not in caplog.text


def test_when_analysis_times_out_then_note_rejected(anonymiser):
    slow = Anonymiser(Settings(anonymise_timeout_seconds=0.000001))
    slow._analyzer = anonymiser.analyzer  # the same real analyzer, given no time at all
    with pytest.raises(AnonymisationError, match="took too long"):
        slow.anonymise("Spoke to Amira about the food bank. " * 200)


@pytest.mark.parametrize("length", [10, 3_999, 4_001, 25_000])
def test_when_note_is_long_then_windows_cover_it_with_overlaps(length):
    from anonymise.anonymiser import WINDOW_OVERLAP, windows

    text = ("word " * length)[:length]
    spans = windows(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (a, b), (c, d) in zip(spans, spans[1:]):
        assert c < b and b - c >= WINDOW_OVERLAP // 2  # each window overlaps the next


def test_when_identifiers_sit_on_window_edges_then_none_is_lost(anonymiser):
    from anonymise.anonymiser import WINDOW_CHARS

    filler = "We talked about the weather and the bus. "
    parts, planted = [], []
    for i in range(40):
        phone = f"07700 900{i:03d}"
        parts.append(filler * (i % 7 + 10) + f"Call Amira on {phone} or email amira{i}@example.org. ")
        planted += [phone, f"amira{i}@example.org"]
    text = "".join(parts)
    assert len(text) > 4 * WINDOW_CHARS
    out = anonymiser.anonymise(text)
    assert all(value not in out.text for value in planted)
    assert out.text.count("<PHONE_NUMBER>") == 40 and out.text.count("<EMAIL_ADDRESS>") == 40


@pytest.mark.parametrize("text", ["\u200b\u200b", " \u200b\ufeff\u2060 \n", "\u00ad"])
def test_when_a_note_is_only_invisible_characters_then_it_is_refused_as_empty(text):
    from anonymise.anonymiser import check_text

    with pytest.raises(InputError, match="the note is empty"):
        check_text(text, "note 1")
