"""The anonymiser on pasted and oddly typed text: findings in ORIGINAL offsets, nothing of the identifier left."""
import pytest

from engine.core.errors import AnonymisationError

CASES = [
    ("NHS no 943\u00a0476\u00a05919 on file.", "943\u00a0476\u00a05919", "UK_NHS"),
    ("Call her on 07700\u200b900123 today.", "07700\u200b900123", "PHONE_NUMBER"),
    ("Saw Ma\u200bry Jones at the hub.", "Ma\u200bry Jones", "PERSON"),
    ("Her mobile is ０７７００ ９００１２３.", "０７７００ ９００１２３", "PHONE_NUMBER"),
    ("Email mary.jones at gmail dot com please.", "mary.jones at gmail dot com", "EMAIL_ADDRESS"),
    ("Mobile 07700 9OO 123.", "07700 9OO 123", "PHONE_NUMBER"),
    ("Spoke to Ma\u00adry Jo\u202ene\u202cs today.", "Ma\u00adry Jo\u202ene\u202cs", "PERSON"),
    ("Email m\u0430ry.jones@gmail.com.", "m\u0430ry.jones@gmail.com", "EMAIL_ADDRESS"),
    ("Ring 0 7 7 0 0 9 0 0 1 2 3 after six.", "0 7 7 0 0 9 0 0 1 2 3", "PHONE_NUMBER"),
    ("Number is oh seven seven double oh nine oh oh one two three.",
     "oh seven seven double oh nine oh oh one two three", "PHONE_NUMBER"),
    ("The postcode is SW1A\u200b 1AA.", "SW1A\u200b 1AA", "UK_POSTCODE"),
    ("NHS ９４３ ４７６ ５９１９.", "９４３ ４７６ ５９１９", "UK_NHS"),
    ("NI AB\u00a012\u00a034\u00a056\u00a0C.", "AB\u00a012\u00a034\u00a056\u00a0C", "UK_NINO"),
]
KEEP = ["Referred to Citizens Advice\u00a0and the food\u00a0bank on 12\u00a0May.", "Owes £1\u200b200 to the council.",
        "Paid ０ rent in June at Age UK."]


@pytest.mark.parametrize("text,value,kind", CASES)
def test_when_an_identifier_is_pasted_oddly_then_it_is_hidden_in_original_offsets(anonymiser, text, value, kind):
    out = anonymiser.anonymise(text)
    start = text.index(value)
    assert any(r.orig_start <= start and start + len(value) <= r.orig_end and r.entity_type == kind
               for r in out.redactions), out.redactions
    assert value not in out.text
    for r in out.redactions:    # offsets refer to the original text
        assert 0 <= r.orig_start < r.orig_end <= len(text)


@pytest.mark.parametrize("text", KEEP)
def test_when_ordinary_text_is_pasted_oddly_then_it_stays_as_written(anonymiser, text):
    assert anonymiser.anonymise(text).text == text


def test_when_the_map_fails_then_the_note_is_rejected_without_its_text(anonymiser, monkeypatch):
    from anonymise import normalise as N

    def broken(text):   # a map that points outside the note
        return N.Normalised(text, [10**6] * len(text), [10**6 + 1] * len(text), len(text))

    monkeypatch.setattr(N, "normalise", broken)
    result = anonymiser.anonymise_many(["Secret Zebedee Quillfeather, 07700 900123"])[0]
    assert isinstance(result, AnonymisationError)
    assert "Zebedee" not in result.message and "07700" not in result.message
