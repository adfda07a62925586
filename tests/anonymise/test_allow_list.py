"""The allow list: built-in services and places, a deployment's own file, and clear errors."""
from __future__ import annotations

import pytest

from anonymise.allow_list import DEFAULT_ALLOW_LIST, load_allow_list
from engine.core.errors import InputError


@pytest.mark.parametrize("phrase", [
    "Citizens Advice", "food bank", "foodbank", "GP", "jobcentre", "Jobcentre Plus", "Job Centre", "Refuge",
    "Age UK", "the council", "Shelter", "Mind", "Samaritans", "Universal Credit", "PIP", "DWP", "NHS", "A&E",
    "Trussell Trust", "StepChange", "Women's Aid", "Salvation Army", "Barnardo's", "Macmillan", "Red Cross",
    "Oxfam", "Mencap", "Scope", "Turn2us", "National Debtline", "Christians Against Poverty",
    "housing association", "social services", "Lewisham", "Manchester", "Herefordshire", "Monday", "May",
    "December", "Polish", "Penrith", "Kirkby Stephen", "Alston Moor", "Forest Hill", "Llandudno", "Enniskillen",
])
def test_when_defaults_loaded_then_service_or_place_present(phrase):
    assert phrase.casefold() in {p.casefold() for p in DEFAULT_ALLOW_LIST}


@pytest.mark.parametrize("name", ["Angus", "Arun", "Eden", "Callum", "Aisha", "Jordan", "Evelyn", "Beverley",
                                  "Stanley", "Lee", "Lee Green", "Ashton"])
def test_when_defaults_loaded_then_common_first_names_left_out(name):
    assert name.casefold() not in {p.casefold() for p in DEFAULT_ALLOW_LIST}


def test_when_defaults_loaded_then_no_duplicates_or_blanks():
    folded = [p.casefold() for p in DEFAULT_ALLOW_LIST]
    assert len(folded) == len(set(folded))
    assert all(p == " ".join(p.split()) and p for p in DEFAULT_ALLOW_LIST)


def test_when_no_path_then_defaults():
    assert load_allow_list(None) == DEFAULT_ALLOW_LIST
    assert load_allow_list(None) is not DEFAULT_ALLOW_LIST  # callers may extend their copy


@pytest.mark.parametrize("content, added", [
    ("Kaz's Kitchen\n", ["Kaz's Kitchen"]),
    ("# our partners\nHope Street Project   # drop-in\n\n  Jaz Foundation \n", ["Hope Street Project", "Jaz Foundation"]),
    ("citizens advice\nSHELTER\nBrixton  Soup   Kitchen\n", ["Brixton Soup Kitchen"]),
    ("\ufeffMoss Side Food Hub\n", ["Moss Side Food Hub"]),
])
def test_when_file_given_then_merged_with_defaults(tmp_path, content, added):
    path = tmp_path / "allow.txt"
    path.write_text(content, encoding="utf-8")
    merged = load_allow_list(path)
    assert merged[: len(DEFAULT_ALLOW_LIST)] == DEFAULT_ALLOW_LIST
    assert merged[len(DEFAULT_ALLOW_LIST):] == added


def test_when_file_missing_then_input_error_says_what_to_fix(tmp_path):
    with pytest.raises(InputError) as caught:
        load_allow_list(tmp_path / "missing.txt")
    assert "missing.txt" in caught.value.message
    assert "one service or place name a line" in caught.value.message
    assert caught.value.status == 400


def test_when_file_not_utf8_then_input_error(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 Nero\n".encode("latin-1"))
    with pytest.raises(InputError, match="UTF-8"):
        load_allow_list(path)


def test_when_path_is_a_folder_then_input_error(tmp_path):
    with pytest.raises(InputError):
        load_allow_list(tmp_path)


def test_when_deployment_phrase_allowed_then_name_recogniser_leaves_it(tmp_path):
    from anonymise.recognisers import names

    path = tmp_path / "allow.txt"
    path.write_text("Kaz Community Cafe\n", encoding="utf-8")
    text = "Her partner Kaz met us at Kaz Community Cafe."
    rec = names.create(allow_list=load_allow_list(path))
    found = [text[r.start:r.end] for r in rec.analyze(text, ["PERSON"], None)]
    assert found == ["Kaz"]


@pytest.mark.parametrize("text", ["Home visit to Penrith.", "Visited Kirkby Stephen and Alston Moor.",
                                  "Call with Forest Hill food bank."])
def test_when_town_after_contact_cue_then_name_recogniser_leaves_it(text):
    from anonymise.recognisers import names

    rec = names.create()
    assert rec.analyze(text, ["PERSON"], None) == []
