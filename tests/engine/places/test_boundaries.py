"""The boundary importer (engine/places/boundaries.py) on the shared files, read in place: ward GeoJSON per council
and council TopoJSON decode to rings of longitude and latitude inside England, with the council as each ward's
parent; bad files are refused with a fix."""
import json

import pytest

from engine.core.errors import InputError
from engine.places.boundaries import SHARED_DIR, import_boundaries, read_boundaries

WARDS = SHARED_DIR / "wards_2013_by_lad" / "E09000023.json"
COUNCILS = SHARED_DIR / "lad_2016_topo.json"


def _points(geometry):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [p for poly in polys for ring in poly for p in ring]


def test_when_a_council_ward_file_is_read_then_each_ward_has_its_code_name_parent_and_a_closed_outline():
    rows = read_boundaries(WARDS)
    assert len(rows) == 18 and {r["level"] for r in rows} == {"ward"}
    bellingham = next(r for r in rows if r["code"] == "E05000437")
    assert bellingham["name"] == "Bellingham" and bellingham["parent_code"] == "E09000023"
    points = _points(bellingham["geometry"])
    assert all(-0.1 < x < 0.0 and 51.4 < y < 51.5 for x, y in points)   # Lewisham, south-east London
    assert "Crown copyright" in bellingham["source"]


def test_when_the_council_topojson_is_read_then_arcs_decode_to_the_right_place():
    rows = {r["code"]: r for r in read_boundaries(COUNCILS)}
    assert len(rows) == 326 and rows["E07000030"]["name"] == "Eden" and rows["E07000030"]["level"] == "lad"
    xs, ys = zip(*_points(rows["E07000030"]["geometry"]))
    assert -3.3 < min(xs) < max(xs) < -2.1 and 54.3 < min(ys) < max(ys) < 55.0   # Eden, Cumbria


def test_when_only_some_councils_are_wanted_then_only_they_and_their_wards_are_stored(store):
    counts = import_boundaries(store, [COUNCILS, WARDS], {"E09000023"})
    assert counts == {"lad": 1, "ward": 18}
    assert len(store.boundaries(level="ward", parent_code="E09000023")) == 18


@pytest.mark.parametrize("content,message", [("not json", "as JSON"), (json.dumps({"type": "Feature"}), "neither"),
                                              (json.dumps({"type": "FeatureCollection", "features": []}), "no area")])
def test_when_a_file_is_not_boundaries_then_a_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(InputError, match=message) as exc:
        read_boundaries(path)
    assert exc.value.fix
