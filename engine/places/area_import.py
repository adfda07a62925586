"""Import the real area lookups: ONS Open Geography, House of Commons Library (drkane/geo-lookups) and mySociety
files, plus a postcode-district table. Each file's layout is recognised from its header.

What each gives (vintages as the files name them):
- ONS `LSOA11CD, ..., LAD19CD` (004, 135): LSOA 2011 -> (ward 2019) -> LAD 2019; `WD19CD, LAD19CD` (056): ward 2019.
- HCL `LADCD, UTLACD, RGNCD` (la_all_codes): every LAD since 2011 -> current LAD, upper tier, region.
- HCL `WDCD, LADCD, SOURCEFILE` (ward_all_codes): every ward since 2016 (vintage = file year) -> current LAD.
- HCL `MSOACD, MSOA11CD, MSOAHCLNM` (msoa_la): MSOA 2011/2021 with the Library's readable names -> LAD.
- mySociety `local-authority-code, official-name, gss-code, alt-names` and `la-name, local-authority-code`,
  `gss-code, local-authority-code`: council name variants ("Hull", "Kingston upon Hull, City of") as aliases.
- `Postcode, Town/Area, Region` (postcode districts): outward code -> the council named in `Region`, matched
  by name through the aliases above; a district whose council cannot be matched is rejected with the name.

Areas are stored with `parent_code` = the local authority they sit in (LSOA, MSOA, ward), which is what the
evidence view rolls up by; LADs keep their upper tier and region in `utla_code` / `region_code`. Nothing is
dropped silently: every rejected row is reported with its file, row number and reason.
"""
from __future__ import annotations

import csv
import gzip
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from engine.core.errors import InputError
from engine.places.areas import ONS_CODE, name_variants

OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")

# format -> header columns that identify it, in import order: the HCL files come after the ONS ones so their
# current/retired vintage of each council wins, and the name-based files come last (they look names up).
FORMATS = {
    "ons_lsoa": {"LSOA11CD", "LAD19CD"},
    "ons_ward": {"WD19CD", "LAD19CD"},
    "hcl_la": {"LADCD", "UTLACD", "RGNCD"},
    "hcl_ward": {"WDCD", "LADCD", "SOURCEFILE"},
    "hcl_msoa": {"MSOACD", "MSOA11CD", "MSOAHCLNM"},
    "mysociety_la": {"local-authority-code", "official-name", "gss-code"},
    "mysociety_gss": {"gss-code", "local-authority-code"},
    "mysociety_names": {"la-name", "local-authority-code"},
    "postcode_districts": {"Postcode", "Region"},
}
ORDER = list(FORMATS)
# the most specific header first: the ward file also has the council file's columns, and so on
DETECT = ["hcl_ward", "hcl_msoa", "ons_lsoa", "ons_ward", "hcl_la", "mysociety_la", "mysociety_gss",
          "mysociety_names", "postcode_districts"]


@dataclass
class AreaImportReport:
    files: list = field(default_factory=list)          # [{"path", "format", "rows", "areas", "aliases"}]
    levels: Counter = field(default_factory=Counter)    # areas stored per level after the import
    aliases: Counter = field(default_factory=Counter)   # aliases written per kind
    rejected: list = field(default_factory=list)        # [{"file", "row", "reason"}]
    lsoa_msoa_links: int = 0                            # LSOAs linked to their MSOA by name

    def to_dict(self) -> dict:
        return {"files": self.files, "areas_per_level": dict(self.levels), "aliases_per_kind": dict(self.aliases),
                "lsoa_msoa_links": self.lsoa_msoa_links,
                "rejected": len(self.rejected), "rejected_rows": self.rejected,
                "rejected_reasons": dict(Counter(r["reason"].split(":")[0] for r in self.rejected))}


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    opener = gzip.open if path.suffix == ".gz" else open
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            return list(reader.fieldnames or []), list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"Cannot read {path.name} as CSV ({exc}). Give a UTF-8 CSV file with a header row.") from None


def detect_format(header: list[str], path: Path) -> str:
    cols = set(header)
    for fmt in DETECT:
        if FORMATS[fmt] <= cols:
            return fmt
    raise InputError(f"{path.name}: the columns ({', '.join(header[:8])}) match no area lookup we know. Use one of "
                     "the ONS, House of Commons Library or mySociety lookups, or a postcode-district table.")


def _area(code, name, level, vintage, lad=None, **more) -> dict:
    return {"code": code, "name": name or None, "level": level, "vintage": vintage,
            "parent_code": lad if level in ("lsoa", "msoa", "ward") else more.pop("parent", None),
            "lad_code": lad, **more}


def _names(code: str, *names: str) -> list[dict]:
    return [{"alias": v, "kind": "name", "area_code": code} for n in names if n for v in name_variants(n)]


def _lsoa_rows(rows, reject):
    areas, aliases = [], []
    for i, r in enumerate(rows, start=2):
        lsoa, lad = r["LSOA11CD"].strip(), r["LAD19CD"].strip()
        if not (ONS_CODE.match(lsoa) and ONS_CODE.match(lad)):
            reject(i, f"not an ONS code: {lsoa!r} / {lad!r}")
            continue
        areas.append(_area(lsoa, r.get("LSOA11NM"), "lsoa", "2011", lad))
        areas.append(_area(lad, r.get("LAD19NM"), "lad", "2019"))
        aliases += _names(lad, r.get("LAD19NM"))
        if r.get("WD19CD"):
            areas.append(_area(r["WD19CD"].strip(), r.get("WD19NM"), "ward", "2019", lad))
            aliases += _names(r["WD19CD"].strip(), r.get("WD19NM"))
    return areas, aliases


def _ward19_rows(rows, reject):
    areas, aliases = [], []
    for i, r in enumerate(rows, start=2):
        ward, lad = r["WD19CD"].strip(), r["LAD19CD"].strip()
        if not (ONS_CODE.match(ward) and ONS_CODE.match(lad)):
            reject(i, f"not an ONS code: {ward!r} / {lad!r}")
            continue
        areas += [_area(ward, r.get("WD19NM"), "ward", "2019", lad), _area(lad, r.get("LAD19NM"), "lad", "2019")]
        aliases += _names(ward, r.get("WD19NM")) + _names(lad, r.get("LAD19NM"))
    return areas, aliases


def _hcl_la_rows(rows, reject):
    areas, aliases = [], []
    for i, r in enumerate(rows, start=2):
        lad = r["LADCD"].strip()
        if not ONS_CODE.match(lad):
            reject(i, f"not an ONS code: {lad!r}")
            continue
        active, utla, region = r.get("LADCD_ACTIVE") or lad, r.get("UTLACD") or None, r.get("RGNCD") or None
        current = (r.get("Current") or "").upper() == "TRUE"
        areas.append(_area(lad, r.get("LADNM"), "lad", "current" if current else "retired",
                           lad=None if current else active, utla_code=utla, region_code=region))
        aliases += _names(lad, r.get("LADNM"))
        if utla and utla != active:
            areas.append(_area(utla, r.get("UTLANM"), "utla", "current", parent=region, region_code=region))
            aliases += _names(utla, r.get("UTLANM"))
        if region:
            areas.append(_area(region, r.get("RGNNM"), "region", "current"))
    return areas, aliases


def _hcl_ward_rows(rows, reject):
    areas, aliases = [], []
    for i, r in enumerate(rows, start=2):
        ward, lad = r["WDCD"].strip(), (r.get("LADCD_ACTIVE") or r["LADCD"]).strip()
        if not (ONS_CODE.match(ward) and ONS_CODE.match(lad)):
            reject(i, f"not an ONS code: {ward!r} / {lad!r}")
            continue
        areas.append(_area(ward, r.get("WDNM"), "ward", (r.get("SOURCEFILE") or "").strip() or None, lad,
                           utla_code=r.get("UTLACD") or None, region_code=r.get("RGNCD") or None))
        aliases += _names(ward, r.get("WDNM"))
    return areas, aliases


def _hcl_msoa_rows(rows, reject):
    areas, aliases = [], []
    for i, r in enumerate(rows, start=2):
        lad = (r.get("LADCD_ACTIVE") or "").strip()
        written = 0
        same = (r.get("MSOA11CD") or "").strip() == (r.get("MSOA21CD") or "").strip()
        for col, vintage in (("MSOA11CD", "2011 and 2021" if same else "2011"), ("MSOA21CD", "2021")):
            code = (r.get(col) or "").strip()
            if same and col == "MSOA21CD":
                continue
            if code and ONS_CODE.match(code) and ONS_CODE.match(lad):
                areas.append(_area(code, r.get("MSOA11NM") or r.get("MSOANM"), "msoa", vintage, lad,
                                   region_code=r.get("RGNCD") or None))
                aliases += _names(code, r.get("MSOAHCLNM"))
                written += 1
        if not written:
            reject(i, f"no ONS MSOA code (Northern Ireland and Scottish zones are not MSOAs): {r.get('MSOACD')!r}")
    return areas, aliases


def _registry_index(store, rows=()) -> dict[str, str]:
    index = {alias: codes[0] for alias, codes in store.aliases_of_kind("registry").items()}
    index.update({r["local-authority-code"].strip(): r["gss-code"].strip() for r in rows if r.get("gss-code")})
    return index


def _mysociety_la_rows(rows, reject, store):
    areas, aliases = [], []
    known = store.area_codes()
    successors = {r["local-authority-code"].strip(): r["gss-code"].strip() for r in rows
                  if ONS_CODE.match((r.get("gss-code") or "").strip())}
    for i, r in enumerate(rows, start=2):
        gss, reg = (r.get("gss-code") or "").strip(), r["local-authority-code"].strip()
        if not ONS_CODE.match(gss):
            successor = successors.get((r.get("replaced-by") or "").strip())
            if successor:  # an abolished council: its names point at the council that replaced it
                aliases += _names(successor, r.get("official-name"), r.get("nice-name"))
                continue
            reject(i, f"no GSS code (a council abolished before GSS codes existed): {reg} {r.get('official-name')}")
            continue
        if gss not in known:
            level = {"CTY": "utla", "COMB": "combined", "SRA": "combined"}.get(r.get("local-authority-type"), "lad")
            areas.append(_area(gss, r.get("nice-name"), level, "current" if r.get("current-authority") == "True"
                               else "retired"))
        aliases.append({"alias": reg, "kind": "registry", "area_code": gss})
        alt = [a for a in (r.get("alt-names") or "").split(",") if len(a.strip()) > 2]
        aliases += _names(gss, r.get("official-name"), r.get("nice-name"), *alt)
    return areas, aliases


def _mysociety_gss_rows(rows, reject):
    aliases = []
    for i, r in enumerate(rows, start=2):
        gss = r["gss-code"].strip()
        if not ONS_CODE.match(gss):
            reject(i, f"no GSS code in the register (a council abolished before GSS codes): {r['local-authority-code']}")
            continue
        aliases.append({"alias": r["local-authority-code"].strip(), "kind": "registry", "area_code": gss})
    return [], aliases


def _mysociety_names_rows(rows, reject, store):
    registry, aliases = _registry_index(store), []
    for i, r in enumerate(rows, start=2):
        gss = registry.get(r["local-authority-code"].strip())
        if not gss:
            reject(i, "a council with no GSS code in the loaded mySociety register (abolished before GSS codes): "
                      f"{r['local-authority-code']}")
            continue
        aliases += _names(gss, r["la-name"])
    return [], aliases


def council_index(store) -> dict[str, str]:
    """Normalised council name -> one LAD code, preferring current lower-tier councils over retired ones."""
    levels = {a["code"]: a for a in store.councils()}
    rank = {"lad": 0, "utla": 1}
    index = {}
    for alias, codes in store.aliases_of_kind("name").items():
        cands = [levels[c] for c in codes if c in levels]
        if cands:
            best = min(cands, key=lambda a: (rank[a["level"]], a["vintage"] == "retired", a["code"]))
            index[alias] = best["code"]
    return index


def _postcode_rows(rows, reject, store):
    """District -> council: by the council named in `Region`, else its post town or one of its towns; a district
    whose names match no council (historic counties such as "Berkshire", "Argyllshire") takes the council most of
    its listed neighbouring districts resolved to. The report counts each way separately."""
    index, found, how, pending = council_index(store), {}, Counter(), []
    councils = store.councils()
    levels = {a["code"]: a["level"] for a in councils}
    utla_of = {a["code"]: a["utla_code"] for a in councils if a["level"] == "lad"}
    active = {a["code"]: a["lad_code"] for a in councils
              if a["level"] == "lad" and a["vintage"] == "retired" and a["lad_code"] is not None}
    for i, r in enumerate(rows, start=2):
        district = (r.get("Postcode") or "").strip().upper()
        if not OUTWARD.match(district):
            reject(i, f"not a postcode district: {district!r}")
            continue
        tries = [("council name", r.get("Region")), ("post town", r.get("Post Town"))]
        tries += [("town", t) for t in (r.get("Town/Area") or "").split(",")]
        county = None
        for label, name in tries:
            variants = name_variants(name or "")
            variants += [v + "shire" for v in variants]  # the town names its county: Hereford -> Herefordshire
            code = next((index[v] for v in variants if v in index), None)
            if code and levels.get(code) == "utla":  # a county: look on for the district council
                county = county or code
            elif code:
                found[district], how[f"by {label}"] = active.get(code, code), how[f"by {label}"] + 1
                break
        else:
            pending.append((i, district, r, county))
    for _ in range(3):  # neighbours resolved by neighbours: a few rounds are enough
        still = []
        for i, district, r, county in pending:
            votes = Counter(found[d.strip()] for d in (r.get("Nearby districts") or "").split(",") if d.strip() in found)
            if county:  # only neighbours inside the named county count
                votes = Counter({c: n for c, n in votes.items() if utla_of.get(c) == county})
            if votes:
                found[district] = votes.most_common(1)[0][0]
                how["by neighbouring districts"] += 1
            else:
                still.append((i, district, r, county))
        pending = still
    for i, district, r, county in pending:
        if county:
            found[district] = county
            how["by county name only (upper tier)"] += 1
            continue
        reject(i, f"no council for the district: {district} -> {(r.get('Region') or '').strip() or '(none given)'!r}"
                  " matches no loaded council name and no neighbouring district resolved")
    return [], [{"alias": d, "kind": "postcode_district", "area_code": c} for d, c in found.items()], how


def import_areas(store, paths: list[Path], fmt: str = "auto") -> AreaImportReport:
    """Import one or more lookup files; formats that others depend on are imported first."""
    report = AreaImportReport()
    loaded = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputError(f"{path} does not exist. Give the path of an area lookup CSV.")
        header, rows = read_rows(path)
        chosen = detect_format(header, path) if fmt == "auto" else fmt
        if chosen not in FORMATS:
            raise InputError(f"Unknown area format {chosen!r}; use auto or one of: {', '.join(FORMATS)}.")
        if not FORMATS[chosen] <= set(header):
            raise InputError(f"{path.name} lacks the columns {sorted(FORMATS[chosen] - set(header))} of {chosen}.")
        loaded.append((ORDER.index(chosen), path, chosen, rows))
    for _, path, chosen, rows in sorted(loaded, key=lambda t: t[0]):
        def reject(row, reason, _name=path.name):
            report.rejected.append({"file": _name, "row": row, "reason": reason})
        handler = {"hcl_la": _hcl_la_rows, "hcl_ward": _hcl_ward_rows, "hcl_msoa": _hcl_msoa_rows,
                   "ons_lsoa": _lsoa_rows, "ons_ward": _ward19_rows, "mysociety_gss": _mysociety_gss_rows}.get(chosen)
        how: list = []
        if handler:
            areas, aliases = handler(rows, reject)
        else:
            with_store = {"mysociety_la": _mysociety_la_rows, "mysociety_names": _mysociety_names_rows,
                          "postcode_districts": _postcode_rows}[chosen]
            areas, aliases, *how = with_store(rows, reject, store)
        source = f"import:{chosen}"
        unique = {}
        for a in areas:
            unique.setdefault(a["code"], {}).update({k: v for k, v in a.items() if v is not None})
        store.upsert_areas([{**a, "source": source} for a in unique.values()])
        store.add_area_aliases(aliases)
        report.aliases.update(a["kind"] for a in aliases)
        report.files.append({"path": str(path), "format": chosen, "rows": len(rows), "areas": len(unique),
                             "aliases": len(aliases), **({"matched": dict(how[0])} if how else {})})
    report.levels.update(store.area_level_counts())
    report.lsoa_msoa_links = link_lsoa_to_msoa(store)
    return report


def link_lsoa_to_msoa(store) -> int:
    """The lookups give no LSOA -> MSOA file, but ONS names say it: LSOA "Lewisham 034A" is in MSOA "Lewisham
    034" (2011 names and codes on both sides). Sets msoa_code where it is still empty; returns how many."""
    msoa = {}
    for a in store.msoas_2011_by_name():
        msoa.setdefault(a["name"], a["code"])
    rows = store.lsoas_without_msoa()
    links = [{"code": r["code"], "msoa_code": msoa[r["name"][:-1]]} for r in rows if r["name"][:-1] in msoa]
    store.upsert_areas(links)
    return len(links)
