import json

import pytest

from engine.core.errors import InputError
from themes.taxonomy import load_builtin, load_file

REQUIRED = {"food_poverty", "domestic_abuse", "loneliness_isolation", "debt_money", "housing_homelessness",
            "digital_exclusion", "mental_health", "youth_education_employment", "bereavement", "green_public_space"}


def test_when_builtin_loaded_then_it_has_the_ten_vcs_themes_with_descriptions():
    taxonomy = load_builtin()
    assert REQUIRED <= set(taxonomy.ids)
    assert all(t.description and t.examples for t in taxonomy.themes)
    assert taxonomy["domestic_abuse"].sensitive and not taxonomy["food_poverty"].sensitive


def test_when_taxonomy_changes_then_its_version_hash_changes(tmp_path):
    a = tmp_path / "a.json"
    a.write_text(json.dumps([{"id": "x", "label": "X", "description": "about x"}]))
    b = tmp_path / "b.yaml"
    b.write_text("- id: x\n  label: X\n  description: about x, edited\n")
    assert load_file(a).content_hash != load_file(b).content_hash
    assert load_file(a).content_hash == load_file(a).content_hash


def test_when_csv_taxonomy_then_examples_split_on_semicolons(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,label,description,examples\nfood,Food,Food poverty,food bank;skipping meals\n")
    assert load_file(path)["food"].examples == ("food bank", "skipping meals")


@pytest.mark.parametrize("content, suffix, match", [
    ('[{"id": "x", "label": "X"}]', ".json", "missing description"),
    ('[{"id": "a b", "label": "X", "description": "d"}]', ".json", "may use only"),
    ('[{"id": "x", "label": "X", "description": "d"}, {"id": "x", "label": "Y", "description": "e"}]', ".json",
     "appears twice"),
    ("{not json", ".json", "could not be parsed"),
    ("[]", ".json", "no themes"),
    ("x", ".txt", "must end in"),
])
def test_when_taxonomy_file_is_bad_then_error_says_what_to_fix(tmp_path, content, suffix, match):
    path = tmp_path / f"t{suffix}"
    path.write_text(content)
    with pytest.raises(InputError, match=match):
        load_file(path)


@pytest.mark.parametrize("content, match", [
    ("id,label,description\nfood,Food,Food poverty\nhousing,Housing,\n", "row 3: the theme is missing description"),
    ("id,label,description,parent\nfood,Food,Food poverty,housing\n", "row 2: parent 'housing'"),
    ("id,name,description\nfood,Food,Food poverty\n", "no column label"),
])
def test_when_csv_taxonomy_is_bad_then_error_names_the_row_or_column(tmp_path, content, match):
    path = tmp_path / "t.csv"
    path.write_text(content)
    with pytest.raises(InputError, match=match):
        load_file(path)


def test_when_csv_has_parent_and_sensitive_then_they_are_read(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,label,description,examples,parent,sensitive\nmoney,Money,Money worries,,,no\n"
                    "debt,Debt,Debt and arrears,bailiffs;arrears,money,yes\n")
    taxonomy = load_file(path)
    assert taxonomy["debt"].parent == "money" and taxonomy["debt"].sensitive and not taxonomy["money"].sensitive
