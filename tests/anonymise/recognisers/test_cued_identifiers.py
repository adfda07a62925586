"""anonymise/recognisers/cued_identifiers.py: identifier shapes after their cue (fail closed)."""
import pytest

from anonymise.recognisers.cued_identifiers import create

RECOGNISER = create()

HIDE = [
    ("NI number NK210756A given.", "UK_NINO", "NK210756A"),
    ("NI ZZ 46 59 02 C on the form.", "UK_NINO", "ZZ 46 59 02 C"),
    ("national insurance: TN 12 34 56", "UK_NINO", "TN 12 34 56"),
    ("NINO - QQ123456B", "UK_NINO", "QQ123456B"),
    ("NHS no 123 456 7890 (may be wrong)", "UK_NHS", "123 456 7890"),
    ("NHS number: 1234567890", "UK_NHS", "1234567890"),
    ("postcode QQ1 2AB", "UK_POSTCODE", "QQ1 2AB"),
    ("born on the third of March 1961 in Leeds", "DATE_OF_BIRTH", "third of March 1961"),
    ("DOB: twenty-first May 1980", "DATE_OF_BIRTH", "twenty-first May 1980"),
    ("date of birth 3rd of March, 1961", "DATE_OF_BIRTH", "3rd of March, 1961"),
]
STAY = [
    "Stock code ZZ 12 34 56 on the pallet.", "NHS 111 said to rest.", "Her NHS appointment is on 12 May.",
    "The NI office in Belfast.", "born in Leeds on a Tuesday", "She was born in March and is 40.",
    "postcode lottery", "NHS Talking Therapies, 3 sessions", "NK210756A without a cue",
]


def _found(text):
    return [(r.entity_type, text[r.start:r.end]) for r in RECOGNISER.analyze(text, None)]


@pytest.mark.parametrize("text,kind,value", HIDE)
def test_when_a_shape_follows_its_cue_then_it_is_found(text, kind, value):
    assert (kind, value) in _found(text)


@pytest.mark.parametrize("text", STAY)
def test_when_there_is_no_shape_after_a_cue_then_nothing_is_found(text):
    assert _found(text) == []
