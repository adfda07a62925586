"""Quote risk on anonymised quotes: rare combinations that must be held back at the shipped threshold, beside
ordinary quotes (a town, a common service, one detail on its own) that must pass."""
from __future__ import annotations

import pytest

from anonymise.quote_risk import KINDS, WEIGHTS, QuoteRiskDetector, score_quote
from engine.core.settings import Settings

THRESHOLD = Settings().quote_risk_threshold      # the shipped default
SMALL = ["Strathdon", "Little Snoring"]          # places a caller says are small (e.g. from populations)

HELD = [
    # (anonymised quote, the kinds it must hold)
    ("She lives in the hamlet of Little Snoring, in her 80s, and lost everything in a house fire.",
     {"small_place", "age", "rare_event"}),
    ("Lives in a hamlet outside town; aged 71, she cannot get to the shops.", {"small_place", "age"}),
    ("The vicar's wife, aged 67, told us about the court case.", {"occupation", "age", "rare_event"}),
    ("Mr <PERSON_1>, a retired headteacher on the Pepys Estate, cannot pay the heating.",
     {"occupation", "small_place"}),
    ("Her twins go to Larkspur Primary School and she lives on Acacia Road.",
     {"rare_event", "named_service", "small_place"}),
    ("In her 70s, lives in Flat 3 of Brindley House, struggling with the stairs.", {"age", "small_place"}),
    ("They are the only Eritrean family on the estate and he works as a GP.", {"named_service", "occupation"}),
    ("<AGE:75+> living at Holly Farm with no bus service.", {"age", "small_place"}),
    ("Lives near Strathdon, 93 years old, on her own since the winter.", {"small_place", "age"}),
    ("Her son was stabbed last year and she is a councillor.", {"rare_event", "occupation"}),
    ("Since the lottery win the family from the village of Brampton End has moved.",
     {"rare_event", "small_place"}),
    ("A 34-year-old mum of triplets, deported partner, no support.", {"age", "rare_event"}),
    # a hamlet the anonymiser already generalised still narrows the quote, with an age band and a rare event
    ("Lives in <PLACE:a small place in Eden>, in her 80s, and lost everything in a house fire.",
     {"small_place", "age", "rare_event"}),
]

PASSED = [
    "Went to the food bank in Lewisham again, cupboards empty by Thursday.",
    "Citizens Advice in Croydon helped with the PIP form.",
    "She saw her GP about her back; the jobcentre sanctioned her.",
    "Lives in Manchester with three children, in her 30s.",
    "The council housing team in Birmingham said the High Street flat is damp.",
    "Tower Hamlets council moved her to temporary accommodation.",
    "House fire last year, still in temporary housing in Leeds.",
    "She lives on the Pepys Estate and the damp is bad.",
    "The court case is next week and she is anxious about it.",
    "Hope she gets the money. Court said no.",
    "Her MP wrote to the council. She spent 20 minutes on hold.",
    "He is aged 45 and lost his job at the warehouse in Leeds.",
    "Visited <PERSON_1> at <STREET_ADDRESS>, <POSTCODE:SE13>. She uses the food bank.",
    "The police came round about the noise; the nurse at the hospital was kind.",
    "In her 80s, she goes to Age UK on Tuesdays in Bristol.",
    "Took the number 12 bus to Peckham to see Shelter.",
    "The council tax summons added £85 in court costs; she lives in Forest Hill, in her seventies.",
    "Skipping meals so her twins can eat; in her forties, lives in Catford.",
    "A free trial of the app ran out; she is in her 40s and on a trial shift at Tesco.",
    "Lives on <PLACE:a housing estate in Downham ward> and the damp is bad.",
    "Moved to <PLACE:a small place in Eden>, in her 70s.",
]


@pytest.mark.parametrize("text, kinds", HELD)
def test_when_a_quote_holds_rare_details_together_then_it_scores_at_or_above_the_threshold(text, kinds):
    risk = score_quote(text, SMALL)
    assert risk.score >= THRESHOLD, risk.as_dict()
    assert set(risk.kinds()) == kinds
    for reason in risk.reasons:
        assert reason.words in text and reason.why and reason.kind in KINDS


@pytest.mark.parametrize("text", PASSED)
def test_when_a_quote_is_ordinary_then_it_scores_below_the_threshold(text):
    risk = score_quote(text, SMALL)
    assert risk.score < THRESHOLD, risk.as_dict()


def test_when_one_kind_is_found_twice_then_it_counts_once_at_its_highest_weight():
    risk = score_quote("Aged 67, in her 60s, she lives on Acacia Road off Laburnum Grove.")
    assert risk.kinds() == ["age", "small_place"]
    assert risk.score == WEIGHTS["age"] + WEIGHTS["small_place"]
    assert {r.words for r in risk.reasons} >= {"Aged 67", "Acacia Road", "Laburnum Grove"}


def test_when_a_small_place_is_only_a_word_at_a_sentence_start_then_it_is_not_a_place():
    detector = QuoteRiskDetector(["Hope", "Strathdon"])
    assert detector.score("Hope she is aged 70 next year.").kinds() == ["age"]
    assert detector.score("She moved to Hope, aged 70.").kinds() == ["age", "small_place"]
