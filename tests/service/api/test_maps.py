"""Theme maps over HTTP (engine/publish/maps.py, service/maps.py) on a small real database (real anonymiser and
MiniLM on 80 generated notes) with the shared boundaries: the SVG hatches hidden wards and labels them "fewer than
N", names each class's range in the legend, titles every ward and carries the attribution; the JSON never holds a
count below the threshold; the theme page shows the map with its table; no boundaries is a 400 with a fix."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from engine.core.settings import Settings

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def mapped(tmp_path_factory, anonymiser, embedder):
    from engine.demo import run_demo
    from engine.pipeline import Pipeline
    from engine.places.boundaries import import_shared_boundaries
    from engine.store import Store
    from service.auth import create_token

    settings = Settings(db_path=tmp_path_factory.mktemp("maps") / "insights.db", suppression_threshold=5,
                        sensitive_suppression_threshold=5, password_scrypt_n=2 ** 12)
    store = Store(settings.db_path)
    try:
        run_demo(Pipeline(settings, store, anonymiser=anonymiser, embedder=embedder), n_notes=80, discover=False)
        import_shared_boundaries(store)
        _, token = create_token(store, "analyst", None, name="maps")
        theme = max(store.theme_note_counts().items(), key=lambda kv: kv[1])[0]
    finally:
        store.close()
    return settings, token, theme


@pytest.fixture(scope="module")
def analyst(mapped, anonymiser, embedder):
    from fastapi.testclient import TestClient

    from service.app import create_app

    settings, token, _ = mapped
    app = create_app(settings)
    app.state.models._anonymiser, app.state.models._embedder = anonymiser, embedder
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        yield c


def test_when_a_ward_map_is_asked_for_then_hidden_wards_are_hatched_and_labelled_and_the_legend_names_ranges(
        analyst, mapped):
    theme = mapped[2]
    figures = analyst.get(f"/api/v1/themes/{theme}/map", params={"within": "E09000023", "format": "json"}).json()
    assert len(figures["areas"]) == 18                       # every Lewisham ward, notes or not
    svg = analyst.get(f"/api/v1/themes/{theme}/map", params={"within": "E09000023"})
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(svg.text)
    assert root.get("role") == "img" and root.find(f"{SVG}title").text.endswith("Lewisham")
    paths = root.findall(f"{SVG}path")
    assert len(paths) == 18 and all(p.find(f"{SVG}title") is not None for p in paths)
    by_code = {p.get("data-code"): p for p in paths}
    for a in figures["areas"]:
        title = by_code[a["code"]].find(f"{SVG}title").text
        if a["suppressed"]:
            assert by_code[a["code"]].get("fill").endswith("-hatch)") and "fewer than 5" in title
        elif a["no_notes"]:
            assert "no notes" in title
        else:
            assert f"{100 * a['share']:.0f}% of notes" in title
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text")) + " ".join(
        t.text or "" for t in root.iter(f"{SVG}tspan"))
    assert "fewer than 5 notes: hidden" in texts and "Crown copyright" in texts
    assert bool(re.search(r"\d+% to \d+% of notes", texts)) == any(a["share"] is not None for a in figures["areas"])



def test_when_map_figures_are_read_then_no_count_is_below_the_threshold(analyst, mapped):
    for level, within in [("ward", "E09000023"), ("ward", "E07000030"), ("lad", None)]:
        data = analyst.get(f"/api/v1/themes/{mapped[2]}/map",
                           params={"level": level, "format": "json", **({"within": within} if within else {})}).json()
        assert data["areas"]
        for a in data["areas"]:
            assert a["notes"] is None or a["notes"] >= 5
            assert (a["share"] is None) == (a["suppressed"] or a["no_notes"])


def test_when_no_boundaries_are_stored_or_no_council_is_given_then_400_with_a_fix(analyst, mapped, token_client):
    r = analyst.get(f"/api/v1/themes/{mapped[2]}/map")
    assert r.status_code == 400 and r.json()["error"]["where"] == "within"
    empty = token_client("analyst", None).get("/api/v1/themes/food_poverty/map", params={"within": "E09000023"})
    assert empty.status_code in (400, 404)
    if empty.status_code == 400:
        assert "insights areas boundaries" in empty.json()["error"]["fix"]


def test_when_contributors_ask_for_a_map_then_refused(token_client):
    assert token_client("contributor", "Riverside").get("/api/v1/themes/food_poverty/map").status_code == 403


def test_when_the_theme_page_is_opened_then_each_council_has_a_map_and_a_table_of_it(analyst, mapped):
    html = analyst.get(f"/themes/{mapped[2]}").text
    assert html.count('<figure class="map"') == 2 and html.count("The map as a table") == 2
    assert 'aria-labelledby="map-0-title map-0-desc"' in html and 'id="map-1-title"' in html


def _square(x: float, y: float) -> dict:
    return {"type": "Polygon", "coordinates": [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]}


def test_when_shares_are_shown_then_each_class_is_named_by_its_range_and_drawn_darker_as_it_grows():
    from service.maps import SHADES, to_svg

    areas = [{"code": f"E0500000{i}", "name": f"Ward {i}", "no_notes": False, "suppressed": False, "notes": 10,
              "share": share, "geometry": _square(i * 0.01, 51.4)} for i, share in enumerate([0.1, 0.2, 0.3, 0.4])]
    areas.append({"code": "E05000009", "name": "Hidden", "no_notes": False, "suppressed": True, "notes": None,
                  "share": None, "geometry": _square(0.05, 51.4)})
    svg = ET.fromstring(to_svg({"theme_label": "Food poverty", "level": "ward", "within_name": "Lewisham",
                                "hidden_label": "fewer than 10", "areas": areas, "attribution": ["OGL v3"]}))
    wide = ET.fromstring(to_svg({"theme_label": "x", "level": "ward", "within_name": None, "hidden_label": "fewer "
                                 "than 10", "attribution": [], "areas": [{**a, "share": 0.05 * (i + 1)} for i, a in
                                                                         enumerate(areas * 2)]}))
    assert "5% to 10% of notes" in [t.text for t in wide.iter(f"{SVG}text")]
    fills = {p.get("data-code"): p.get("fill") for p in svg.iter(f"{SVG}path")}
    assert [fills[f"E0500000{i}"] for i in range(4)] == SHADES and fills["E05000009"].endswith("-hatch)")
    legend = [t.text for t in svg.iter(f"{SVG}text") if t.text]
    assert legend[:4] == ["10% of notes", "20% of notes", "30% of notes", "40% of notes"]
    assert "fewer than 10 notes: hidden" in legend


def test_when_the_evidence_page_is_opened_then_it_maps_the_theme_shown_with_a_table_of_the_map(analyst, mapped):
    theme = mapped[2]
    chosen = analyst.get("/evidence", params={"theme": theme}).text
    assert chosen.count('<figure class="map"') == 2 and chosen.count("The map as a table") == 2   # one per council
    assert 'aria-labelledby="map-0-title map-0-desc"' in chosen and "fewer than 5" in chosen
    assert "Choose a theme above to map another" not in chosen
    councils = analyst.get("/evidence", params={"theme": theme, "level": "lad"}).text
    assert councils.count('<figure class="map"') == 1 and 'id="map-councils"' in councils
    assert "Share of notes by council" in councils and "Share of the council's notes" in councils
    figures = analyst.get(f"/api/v1/themes/{theme}/map", params={"within": "E09000023", "format": "json"}).json()
    assert len(figures["areas"]) == 18
    for a in figures["areas"]:        # the page's table holds the published figures, nothing else
        value = a["notes"] if a["notes"] is not None else ("none" if a["no_notes"] else "fewer than 5")
        assert f"<td>{a['code']}</td><td class=\"num\">{value}</td>" in chosen
    unchosen = analyst.get("/evidence").text
    assert "Choose a theme above to map another" in unchosen and unchosen.count('<figure class="map"') == 2
