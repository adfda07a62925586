"""Area boundaries for maps: an importer, like the area lookups' (engine/places/), for GeoJSON FeatureCollections
(one file of wards per council: properties `WD13CD`/`WD13NM`) and TopoJSON (councils: `LAD13CD`/`LAD13NM`).

Coordinates are kept as longitude and latitude rounded to 4 decimals (about 10 m: ample for a ward map), with
repeated points dropped. Every map drawn from them carries the source's attribution (ATTRIBUTION).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from engine.core.errors import InputError

# The shared public data beside the project (read in place, never copied): ward files per council and councils.
SHARED_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "areas" / "boundaries"
ATTRIBUTION = ("Contains Ordnance Survey, Office of National Statistics, National Records Scotland and LPS "
               "Intellectual Property data © Crown copyright and database right [2016] (OGL v3); boundaries "
               "converted by Martin Chorley (CC BY 4.0).")
CODE_KEYS = {"WD13CD": ("ward", "WD13NM"), "WD11CD": ("ward", "WD11NM"), "LAD13CD": ("lad", "LAD13NM"),
             "LAD16CD": ("lad", "LAD16NM"), "code": (None, "name")}


def _ring(points) -> list[list[float]]:
    out: list[list[float]] = []
    for x, y in points:
        p = [round(float(x), 4), round(float(y), 4)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _geometry(g: dict) -> dict:
    if g["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": [_ring(r) for r in g["coordinates"]]}
    if g["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [[_ring(r) for r in poly] for poly in g["coordinates"]]}
    raise InputError(f"A boundary is a {g['type']}, not a Polygon or MultiPolygon.", where="geometry",
                     fix="Give area outlines (polygons) only.")


def _topo_arcs(topo: dict) -> list[list[list[float]]]:
    """Decode TopoJSON's quantised, delta-encoded arcs to longitude and latitude."""
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        if t:
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append([x * t["scale"][0] + t["translate"][0], y * t["scale"][1] + t["translate"][1]])
        else:
            points = [list(p[:2]) for p in arc]
        arcs.append(points)
    return arcs


def _topo_ring(arcs, indexes: list[int]) -> list[list[float]]:
    ring: list[list[float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def _topo_features(topo: dict) -> list[dict]:
    arcs = _topo_arcs(topo)
    out = []
    for obj in topo["objects"].values():
        for g in obj.get("geometries", []):
            if g["type"] == "Polygon":
                geometry = {"type": "Polygon", "coordinates": [_topo_ring(arcs, r) for r in g["arcs"]]}
            elif g["type"] == "MultiPolygon":
                geometry = {"type": "MultiPolygon",
                            "coordinates": [[_topo_ring(arcs, r) for r in poly] for poly in g["arcs"]]}
            else:
                continue
            out.append({"properties": g.get("properties") or {}, "geometry": geometry})
    return out


def read_boundaries(path: Path) -> list[dict]:
    """Rows {code, level, name, parent_code, geometry, source} from one GeoJSON or TopoJSON file. A file of wards
    named after its council's code (E09000023.json, as in the shared ward files) gives their parent_code."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"Cannot read {path.name} as JSON ({type(exc).__name__}).", where=str(path.name),
                         fix="Give a GeoJSON FeatureCollection or a TopoJSON file.") from None
    if not isinstance(data, dict) or data.get("type") not in ("FeatureCollection", "Topology"):
        raise InputError(f"{path.name} is neither a GeoJSON FeatureCollection nor TopoJSON.", where=path.name,
                         fix="Give a GeoJSON FeatureCollection or a TopoJSON file.")
    features = data.get("features", []) if data["type"] == "FeatureCollection" else _topo_features(data)
    rows = []
    for f in features:
        props = f.get("properties") or {}
        key = next((k for k in CODE_KEYS if props.get(k)), None)
        if key is None or not f.get("geometry"):
            continue
        level, name_key = CODE_KEYS[key]
        code = str(props[key])
        level = level or ("lad" if code[:3] in ("E06", "E07", "E08", "E09", "W06") else "ward")
        parent = path.stem if level == "ward" and re.fullmatch(r"[EWSN]\d{8}", path.stem) else None
        rows.append({"code": code, "level": level, "name": props.get(name_key) or code, "parent_code": parent,
                     "geometry": _geometry(f["geometry"]), "source": ATTRIBUTION})
    if not rows:
        raise InputError(f"{path.name} holds no area with an ONS code (WD13CD, LAD13CD, ...).", where=path.name,
                         fix="Give boundary files whose features carry ONS codes.")
    return rows


def import_boundaries(store, paths: list[Path], only: set[str] | None = None) -> dict[str, int]:
    """Store the boundaries in `paths` (those whose code, or parent council's code, is in `only`, when given);
    returns counts by level."""
    rows = [r for p in paths for r in read_boundaries(p)
            if only is None or r["code"] in only or r["parent_code"] in only]
    store.put_boundaries(rows)
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["level"]] = counts.get(r["level"], 0) + 1
    return counts


def import_shared_boundaries(store, folder: Path = SHARED_DIR) -> dict[str, int]:
    """The boundaries of the store's councils and all their wards, from the shared data folder (for the demo and
    the browser tests). Raises InputError naming the folder when it is missing."""
    folder = Path(folder)
    if not (folder / "lad_2016_topo.json").exists():
        raise InputError(f"The boundary files are not at {folder}.", where="boundaries",
                         fix="Put the shared data folder beside the project (../shared/data/areas/boundaries/).")
    councils = {a["code"] for a in store.areas("lad")}
    wards = [folder / "wards_2013_by_lad" / f"{c}.json" for c in sorted(councils)]
    return import_boundaries(store, [folder / "lad_2016_topo.json"] + [w for w in wards if w.exists()], councils)
