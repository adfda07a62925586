"""Residual risk on anonymised text: what must be flagged (with the exact words and a reason), beside what must
not (ordinary words, services, towns, dates, placeholders)."""
from __future__ import annotations

import pytest

from anonymise.residual_risk import ResidualRisk, find_risks

FLAGGED = [
    # (anonymised text, the words flagged, a word the reason must contain)
    ("Visited Mrs Zebedee today.", "Zebedee", "Mrs"),
    ("Her son Tymek has stopped going to school.", "Tymek", "Her son"),
    ("My neighbour Brannagh brings food round.", "Brannagh", "My neighbour"),
    ("A lad called Zeb helps her.", "Zeb", "called"),
    ("Zeb said he would come back.", "Zeb", "said"),
    ("She told Zeb to come back.", "Zeb", "told"),
    ("Her ex-partner Tymek Wozniakowski keeps calling.", "Tymek Wozniakowski", "ex-partner"),
    ("Spoke to <PERSON_1> Okorafor about rent.", "Okorafor", "surname"),
    ("She lives at number 14 with her kids.", "number 14", "flat number"),
    ("Moved into Flat 3 last month.", "Flat 3", "flat number"),
    ("Lives at 27, near the park.", "27", "flat number"),
    ("Knocked at No. 9 but nobody answered.", "No. 9", "flat number"),
    ("She is aged 93 and lives alone.", "aged 93", "93"),
    ("A 91-year-old man came in.", "91-year-old", "91"),
    ("Her son goes to Larkspur Primary School.", "Larkspur Primary School", "school"),
    ("He works at Brindle Joinery on nights.", "Brindle Joinery", "works"),
    ("She volunteers at Quillfield Stores twice a week.", "Quillfield Stores", "works"),
    ("They are the only Eritrean family on the estate.", "the only Eritrean family on the estate", "the only"),
]

NOT_FLAGGED = [
    "Visited <PERSON_1> at <STREET_ADDRESS>, <POSTCODE:SE13>. She uses the food bank.",
    "Her son has stopped going to school.",
    "She said the Universal Credit payment was late.",
    "He works at Tesco and goes to the Jobcentre on Monday.",
    "Referred to Citizens Advice in Lewisham on 3 March 2025.",
    "She is aged 45 and has 3 children.",
    "Took the number 12 bus to Peckham.",
    "Her son goes to school in Croydon.",
    "My neighbour said the council would help.",
    "Mrs <PERSON_1> told the GP.",
    "The <HIDDEN> said it was fine.",
    "Flat hunting took 3 weeks.",
    "She told Shelter about it.",
    "Hope House and Mind said yes.",
    "She works at the hospital.",
    "<AGE:75+> woman, lives alone in <UK_POSTCODE_DISTRICT SE13>.",
    "Her daughter, 7, started at a new school in September.",
    "Her mum said she would ring the DWP on Friday.",
    "She has lived in Manchester since 2019 and works for the NHS.",
    "My neighbour Grace is my friend.",  # a name that is an everyday word: the anonymiser's call, not a risk
    "Lives at <STREET_ADDRESS> with her partner.",
    "He is 67 years old and on Pension Credit.",
    "They went to Brixton market on Saturday.",
    "Resident: I've told my friends about it, and they'd said they would come.",
]


@pytest.mark.parametrize("text, words, cue", FLAGGED)
def test_when_a_risky_detail_is_left_then_it_is_flagged_with_a_plain_reason(text, words, cue):
    risks = find_risks(text)
    assert [r["text"] for r in risks] == [words]
    risk = risks[0]
    assert text[risk["start"]:risk["end"]] == words
    assert cue.lower() in risk["reason"].lower() and risk["reason"].endswith(".")


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_when_only_ordinary_words_services_towns_and_dates_are_left_then_nothing_is_flagged(text):
    assert find_risks(text) == []


def test_when_a_word_is_inside_a_placeholder_then_it_is_never_flagged():
    text = "Her son <PERSON_2> Tymek and <POSTCODE:SE13> Flat 3"
    risks = find_risks(text)
    assert [(r["start"], r["text"]) for r in risks] == [(text.index("Tymek"), "Tymek"), (text.index("Flat"), "Flat 3")]
    assert "PERSON" not in str(risks) and "SE13" not in str(risks)


def test_when_a_deployment_allows_a_phrase_then_it_is_not_flagged():
    text = "He works at Brindle Joinery on nights."
    assert find_risks(text, ResidualRisk(allow_list=["Brindle Joinery"])) == []
