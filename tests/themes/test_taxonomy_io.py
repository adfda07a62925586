from pathlib import Path

import pytest

from engine.core.errors import InputError, NotFoundError
from themes.taxonomy import load_builtin, load_file
from themes.taxonomy_io import (
    add_theme,
    current_taxonomy,
    dump,
    edit_theme,
    from_ukcat,
    load_into,
    retire_theme,
)

UKCAT = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "themes" / "ukcat.csv"
TWELVE = "SW105,BE115,CA101,BE108,ED302,HE210,HO103,SW106,SW300,SW102,SW202,ED304".split(",")


def test_when_database_is_new_then_current_taxonomy_is_the_builtin(store):
    assert current_taxonomy(store).content_hash == load_builtin().content_hash
    assert store.latest_taxonomy_version() is None


def test_when_a_theme_is_edited_then_a_new_version_is_current_and_the_old_one_is_unchanged(store):
    v1 = load_into(store, load_builtin())
    v2 = edit_theme(store, "food_poverty", label="Food insecurity", examples=["no food in the house", " "])
    assert v2 != v1 and store.latest_taxonomy_version() == v2
    now = current_taxonomy(store)
    assert now["food_poverty"].label == "Food insecurity" and now["food_poverty"].examples == ("no food in the house",)
    old = {t["id"]: t for t in store.taxonomy_version(v1)["themes"]}
    assert old["food_poverty"]["label"] == "Food poverty"          # versions are immutable
    assert store.theme("food_poverty")["label"] == "Food insecurity"
    history = store.taxonomy_versions()
    assert history[-1]["parent_version"] == v1 and "label" in history[-1]["change"]


def test_when_a_theme_is_added_then_retired_then_it_leaves_the_active_list(store):
    add_theme(store, "transport", "Transport", "Getting to appointments, buses, taxis.", ["the bus was cut"])
    assert "transport" in {t["id"] for t in store.themes()}
    v = retire_theme(store, "transport")
    assert "transport" not in current_taxonomy(store).ids and store.latest_taxonomy_version() == v
    assert "transport" not in {t["id"] for t in store.themes()}
    assert "transport" in {t["id"] for t in store.themes(include_retired=True)}


def test_when_another_taxonomy_is_only_recorded_then_the_current_one_keeps_its_labels(store):
    v2 = edit_theme(store, "debt_money", label="Money worries")
    builtin = load_builtin()
    store.record_taxonomy(builtin.label, builtin.content_hash, builtin.as_dicts())   # as the web app does
    assert store.latest_taxonomy_version() == v2 and store.theme("debt_money")["label"] == "Money worries"


def test_when_reverting_to_an_earlier_taxonomy_then_its_version_is_reused_and_current(store):
    v1 = load_into(store, load_builtin())
    edit_theme(store, "debt_money", label="Money worries")
    assert load_into(store, load_builtin()) == v1 and store.latest_taxonomy_version() == v1


@pytest.mark.parametrize("call, match", [
    (lambda s: edit_theme(s, "nope", label="x"), "No theme 'nope'"),
    (lambda s: edit_theme(s, "food_poverty", id="food"), "id never changes"),
    (lambda s: add_theme(s, "food_poverty", "Food", "dup"), "already in the taxonomy"),
    (lambda s: add_theme(s, "x y", "X", "bad id"), "may use only"),
    (lambda s: add_theme(s, "new", "New", "d", parent="missing"), "parent 'missing'"),
])
def test_when_an_edit_is_wrong_then_the_error_says_what_to_fix_and_nothing_changes(store, call, match):
    before = store.latest_taxonomy_version()
    with pytest.raises(InputError, match=match):
        call(store)
    assert store.latest_taxonomy_version() == before


@pytest.mark.parametrize("fmt", ["yaml", "json", "csv"])
def test_when_exported_then_loading_the_file_gives_the_same_taxonomy(tmp_path, fmt):
    taxonomy = load_builtin()
    path = tmp_path / f"t.{fmt}"
    path.write_text(dump(taxonomy, fmt), encoding="utf-8")
    assert load_file(path).content_hash == taxonomy.content_hash


def test_when_ukcat_tags_chosen_then_each_becomes_a_theme_with_words_from_its_regex():
    taxonomy = from_ukcat(UKCAT, TWELVE)
    assert [t.id for t in taxonomy.themes] == TWELVE
    assert taxonomy["SW202"].label == "Domestic abuse"
    assert "homelessness" in taxonomy["HO103"].examples and "no fixed abode" in taxonomy["HO103"].examples
    assert all(not any(c in e for c in "()|?\\") for t in taxonomy.themes for e in t.examples)


def test_when_ukcat_category_and_child_chosen_then_child_has_the_category_as_parent():
    taxonomy = from_ukcat(UKCAT, ["HO", "HO103"])
    assert taxonomy["HO103"].parent == "HO" and taxonomy["HO"].parent is None


@pytest.mark.parametrize("tags, match", [(["ZZ999"], "no tag ZZ999"), ([" "], "at least one")])
def test_when_ukcat_tags_are_wrong_then_error_names_them(tags, match):
    with pytest.raises(InputError, match=match):
        from_ukcat(UKCAT, tags)


def test_when_unknown_version_asked_then_not_found(store):
    with pytest.raises(NotFoundError, match="insights taxonomy show"):
        store.taxonomy_version(99)


def test_when_a_different_taxonomy_is_only_recorded_then_its_themes_are_not_listed_as_in_force(store):
    load_into(store, from_ukcat(UKCAT, ["SW105", "HO103"]))
    builtin = load_builtin()
    store.record_taxonomy(builtin.label, builtin.content_hash, builtin.as_dicts())
    assert {t["id"] for t in store.themes()} == {"SW105", "HO103"}
