"""Indicator importers: the real IoD2019 LSOA file and the Nomis ward claimant-count file (read in place), and a
small long CSV with every kind of bad row."""
from pathlib import Path

import pytest

from engine.core.errors import InputError
from engine.places.area_import import import_areas
from engine.places.indicator_import import import_indicators, parse_period

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "areas"
needs_data = pytest.mark.usefixtures("shared_data")   # fails, never skips, without ../shared/data


@pytest.mark.parametrize("raw, period", [("2025", "2025"), ("2025-Q3", "2025-Q3"), ("2015-01-01", "2015-01"),
                                         ("2019/20", "2019"), ("2025-13", None), ("last year", None), ("", None)])
def test_when_period_parsed_then_month_quarter_and_year_kept(raw, period):
    assert parse_period(raw) == period


def test_when_long_csv_has_bad_rows_then_each_is_rejected_with_row_and_reason_and_the_rest_stored(store, tmp_path):
    store.upsert_areas([{"code": "E05000442", "name": "Downham", "level": "ward"}])
    path = tmp_path / "ind.csv"
    path.write_text(
        "area_code,indicator,period,value,numerator,denominator,unit,polarity,source,licence\n"
        "E05000442,Free school meals rate,2025,0.31,120,387,proportion,higher_is_worse,DfE,OGL\n"
        "E05999999,Free school meals rate,2025,0.2,,,,,,\n"
        "E05000442,Free school meals rate,2025,n/a,,,,,,\n"
        "E05000442,Free school meals rate,someday,0.2,,,,,,\n"
        "E05000442,Free school meals rate,2024,0.2,,,,sideways,,\n", encoding="utf-8")
    report = import_indicators(store, path, "long")
    assert report.stored == 1 and report.indicators == {"free_school_meals_rate": 1}
    reasons = {r["row"]: r["reason"].split(":")[0] for r in report.rejected}
    assert reasons == {3: "area code not in the loaded lookups (run insights areas import)",
                       4: "value is not a number", 5: "period not understood (use YYYY, YYYY-Qn or YYYY-MM)",
                       6: "polarity must be higher_is_worse or higher_is_better"}
    meta = store.indicator("free_school_meals_rate")
    assert (meta["source"], meta["licence"], meta["polarity"]) == ("DfE", "OGL", "higher_is_worse")
    assert store.observations("free_school_meals_rate")[0]["numerator"] == 120


def test_when_long_csv_lacks_columns_then_a_clear_error(store, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,value\nE05000442,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="area_code, indicator, period, value"):
        import_indicators(store, path, "long")


@needs_data
def test_when_real_ward_claimant_file_imported_then_no_row_is_rejected(store):
    import_areas(store, [DATA / "lookups" / "ward_all_codes.csv", DATA / "lookups" / "la_all_codes.csv"])
    report = import_indicators(store, DATA / "indicators" / "claimant_count_wards.csv", "nomis")
    assert report.rows == 7310 and report.rejected == []
    assert report.indicators == {"claimant_count": 7310, "claimant_rate": 7310}
    meta = store.indicator("claimant_rate")
    assert "Nomis" in meta["source"] and "Open Government Licence" in meta["licence"]
    periods = {o["period"] for o in store.observations("claimant_rate")}
    assert "2015-01" in periods and len(periods) == 34


@needs_data
def test_when_real_iod2019_lsoa_file_imported_then_no_row_is_rejected(store):
    import_areas(store, [DATA / "lookups" / "004.csv"])
    report = import_indicators(store, DATA / "deprivation" / "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz",
                               "iod2019")
    assert report.rows == 32844 and report.rejected == []
    assert report.indicators["iod2019_income_rank"] == 32844 and len(report.indicators) == 16
    assert store.indicator("iod2019_income_rank")["polarity"] == "higher_is_better"
    first = {o["area_code"]: o["value"] for o in store.observations("iod2019_index_of_multiple_deprivation_imd_rank")}
    assert first["E01000001"] == 29199


def test_when_fingertips_export_imported_then_breakdown_rows_are_rejected(store, tmp_path):
    store.upsert_areas([{"code": "E09000023", "name": "Lewisham", "level": "lad"}])
    path = tmp_path / "ft.csv"
    path.write_text("Indicator ID,Indicator Name,Area Code,Area Name,Category Type,Time period,Value,Count,Denominator\n"
                    "848,Depression: QOF prevalence,E09000023,Lewisham,,2019/20,7.9,18000,228000\n"
                    "848,Depression: QOF prevalence,E09000023,Lewisham,Deprivation decile,2019/20,9.1,,\n",
                    encoding="utf-8")
    report = import_indicators(store, path, "fingertips")
    assert report.stored == 1 and report.rejected[0]["row"] == 3
    assert store.observations("fingertips_848")[0]["period"] == "2019"
