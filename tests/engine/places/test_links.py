import pytest

from engine.core.errors import InputError
from engine.places.links import DEFAULT_LINKS, load_links, parse_links, show_links


def test_when_default_links_loaded_then_each_named_pairing_is_there_with_a_polarity(store):
    result = load_links(store)
    links = {(x["theme_id"], x["indicator_id"]): x for x in store.theme_indicator_links()}
    assert result["links"] == len(links) >= 10
    assert links[("food_poverty", "income_deprivation_rate")]["polarity"] == "higher_is_worse"
    assert ("food_poverty", "free_school_meals_rate") in links and ("debt_money", "claimant_rate") in links
    assert links[("housing_homelessness", "iod2019_barriers_to_housing_and_services_rank")]["polarity"] == \
        "higher_is_better"
    assert ("loneliness_isolation", "living_alone_rate") in links
    assert "income_deprivation_rate" in result["indicators_not_loaded"]  # nothing imported yet


def test_when_links_file_edited_then_loading_replaces_the_old_links_in_order(store, tmp_path):
    load_links(store)
    path = tmp_path / "links.yaml"
    path.write_text("links:\n  - theme: debt_money\n    indicators:\n"
                    "      - {indicator: b_rate, polarity: higher_is_better}\n      - {indicator: a_rate}\n",
                    encoding="utf-8")
    load_links(store, path)
    rows = store.theme_indicator_links()
    assert [(x["indicator_id"], x["priority"], x["polarity"]) for x in rows] == [
        ("b_rate", 0, "higher_is_better"), ("a_rate", 1, "higher_is_worse")]
    assert [x["loaded"] for x in show_links(store)] == [False, False]


@pytest.mark.parametrize("text, message", [
    ("links:\n  - theme: x\n    indicators:\n      - {indicator: y, polarity: sideways}\n", "polarity must be"),
    ("links:\n  - theme: x\n", "needs a 'theme' and a list"),
    ("- just a list\n", "top-level 'links:'"),
])
def test_when_links_file_is_wrong_then_the_error_says_what_to_fix(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        parse_links(path)


def test_when_default_file_parsed_then_it_is_the_one_shipped_in_the_package():
    assert DEFAULT_LINKS.name == "links.yaml" and parse_links(DEFAULT_LINKS)
