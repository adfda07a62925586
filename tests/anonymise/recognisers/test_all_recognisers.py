"""Every pattern module in the registry builds Presidio recognisers for our own entity types.
(The `names` module is someone else's; `build_recognisers()` is not called here.)"""
import importlib

import pytest
from presidio_analyzer import EntityRecognizer

from anonymise import entities
from anonymise.recognisers import PATTERN_MODULES

EXPECTED_ENTITY = {
    "postcode": entities.UK_POSTCODE,
    "nino": entities.UK_NINO,
    "nhs": entities.UK_NHS,
    "phone": entities.PHONE_NUMBER,
    "email": entities.EMAIL_ADDRESS,
    "date_of_birth": entities.DATE_OF_BIRTH,
    "past_date": entities.PAST_DATE,
    "street_address": entities.STREET_ADDRESS,
    "bank_account": entities.BANK_ACCOUNT,
    "case_reference": entities.CASE_REFERENCE,
    "vehicle_registration": entities.UK_VEHICLE_REGISTRATION,
    "passport": entities.UK_PASSPORT,
    "credit_card": entities.CREDIT_CARD,
}

# One realistic note, one identifier of each kind. Each recogniser must find its own, and only it.
NOTE = (
    "Client (DOB 12/03/1961) lives at Flat 3, 12 Mill Lane, M14 5RT. NI AB 12 34 56 C, "
    "NHS 943 476 5919. Mobile 07700 900123, email jo.bloggs@example.org. Sort code 12-34-56. "
    "Case ref CN-2024-0412. Car LV21 XYZ. Passport number 533401372. Card 4111 1111 1111 1111."
)
IN_NOTE = {
    "postcode": ["M14 5RT"],
    "nino": ["AB 12 34 56 C"],
    "nhs": ["943 476 5919"],
    "phone": ["07700 900123"],
    "email": ["jo.bloggs@example.org"],
    "date_of_birth": ["12/03/1961"],
    "past_date": ["12/03/1961"],   # a full date ten or more years back, cue or not
    "street_address": ["Flat 3, 12 Mill Lane"],
    "bank_account": ["12-34-56"],
    "case_reference": ["CN-2024-0412"],
    "vehicle_registration": ["LV21 XYZ"],
    "passport": ["533401372"],
    "credit_card": ["4111 1111 1111 1111"],
}

PLAIN_PROSE = (
    "Met the client at 10am on 12/03/2024 to discuss 2 road closures near the A1 and 5 days of "
    "missed Universal Credit payments. She owes £1,200 in rent arrears since 2023 and was served a "
    "Section 21 notice. Referred to the food bank; next appointment 4 May. MP3 player reported lost."
)


def _made(name):
    made = importlib.import_module(f"anonymise.recognisers.{name}").create()
    return made if isinstance(made, list) else [made]


def test_when_registry_lists_modules_then_every_pattern_module_is_tested():
    assert sorted(PATTERN_MODULES) == sorted(EXPECTED_ENTITY)


@pytest.mark.parametrize("name", PATTERN_MODULES)
def test_when_module_creates_recognisers_then_they_are_presidio_recognisers_for_our_entities(name):
    for recogniser in _made(name):
        assert isinstance(recogniser, EntityRecognizer)
        assert recogniser.supported_language == "en"
        assert set(recogniser.supported_entities) <= set(entities.ALL)
        assert recogniser.supported_entities == [EXPECTED_ENTITY[name]]


@pytest.mark.parametrize("name", PATTERN_MODULES)
def test_when_empty_text_then_no_recogniser_finds_anything(name):
    for recogniser in _made(name):
        assert recogniser.analyze("", entities=recogniser.supported_entities, nlp_artifacts=None) == []


@pytest.mark.parametrize("name", PATTERN_MODULES)
def test_when_recognisers_run_on_one_note_then_each_finds_only_its_own_identifier(assert_spans, name):
    for recogniser in _made(name):
        assert_spans(recogniser, NOTE, IN_NOTE[name])


@pytest.mark.parametrize("name", PATTERN_MODULES)
def test_when_text_has_no_identifiers_then_no_recogniser_fires(assert_spans, name):
    for recogniser in _made(name):
        assert_spans(recogniser, PLAIN_PROSE, [])
