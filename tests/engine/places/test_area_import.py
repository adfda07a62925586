"""Area lookups: the real ONS / House of Commons Library / mySociety files in ../shared/data (read in place),
and small files for the rejection report."""
import csv
from pathlib import Path

import pytest

from anonymise.replace import postcode_district
from engine.core.errors import InputError
from engine.places.area_import import import_areas
from engine.places.areas import resolve_area

DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
LOOKUPS = DATA / "areas" / "lookups"
needs_data = pytest.mark.usefixtures("shared_data")   # fails, never skips, without ../shared/data


@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    from engine.store import Store

    store = Store(tmp_path_factory.mktemp("areas") / "areas.db")
    report = import_areas(store, sorted(LOOKUPS.glob("*.csv")))
    yield store, report
    store.close()


@needs_data
def test_when_real_lookups_imported_then_every_level_is_there_and_every_rejection_has_a_reason(real_store):
    store, report = real_store
    levels = report.levels
    assert levels["lsoa"] > 30000 and levels["msoa"] > 7000 and levels["ward"] > 8000
    assert levels["lad"] > 300 and levels["region"] >= 9 and levels["utla"] > 20
    formats = {Path(f["path"]).name: f["format"] for f in report.files}
    assert formats["135.csv"] == "ons_lsoa" and formats["ward_all_codes.csv"] == "hcl_ward"
    assert all(r["reason"] and r["row"] >= 2 and r["file"] for r in report.rejected)
    downham = store.area("E05000442")
    assert downham["level"] == "ward" and downham["parent_code"] == "E09000023"
    lewisham = store.area("E09000023")
    assert lewisham["region_code"] == "E12000007" and lewisham["vintage"] == "current"


@needs_data
@pytest.mark.parametrize("given, code", [("Hull", "E06000010"), ("Kingston upon Hull, City of", "E06000010"),
                                         ("London Borough of Lewisham", "E09000023"), ("SE13 6QT", "E09000023"),
                                         ("Wigan", "E08000010")])
def test_when_real_lookups_imported_then_names_and_postcodes_resolve(real_store, given, code):
    store, _ = real_store
    found, _ = resolve_area(store, given, [])
    assert found == code or store.area_lad(found) == code


@needs_data
def test_when_ukcat_charity_postcodes_resolved_then_at_least_95_percent_reach_a_council(real_store):
    store, _ = real_store
    districts = store.aliases_of_kind("postcode_district")
    with open(DATA / "themes" / "ukcat_sample_public.csv", encoding="utf-8") as handle:
        postcodes = [r["postcode"] for r in csv.DictReader(handle) if (r.get("postcode") or "").strip()]
    resolved = [pc for pc in postcodes if districts.get(postcode_district(pc) or "")]
    assert len(postcodes) > 2000
    assert all(store.area(districts[postcode_district(pc)][0])["level"] == "lad" for pc in resolved[:200])
    assert len(resolved) / len(postcodes) >= 0.95, len(resolved) / len(postcodes)


def test_when_lookup_rows_are_bad_then_they_are_rejected_with_row_and_reason(store, tmp_path):
    path = tmp_path / "wards.csv"
    path.write_text("FID,WD19CD,WD19NM,LAD19CD,LAD19NM\n1,E05000442,Downham,E09000023,Lewisham\n"
                    "2,not-a-code,Nowhere,E09000023,Lewisham\n", encoding="utf-8")
    report = import_areas(store, [path])
    assert store.area("E05000442")["parent_code"] == "E09000023"
    assert [(r["row"], r["reason"].split(":")[0]) for r in report.rejected] == [(3, "not an ONS code")]
    assert resolve_area(store, "Lewisham", []) == ("E09000023", "name")


def test_when_file_layout_unknown_then_a_clear_error(store, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError, match="match no area lookup"):
        import_areas(store, [path])
