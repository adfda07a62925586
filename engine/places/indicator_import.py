"""Import council indicators: a generic long CSV, the English Indices of Deprivation 2019 files, the Nomis
claimant-count layout and PHE Fingertips exports. Every row is validated; a rejected row is reported with its
row number and reason, and everything valid is stored with the indicator's source and licence.

    long        area_code, indicator, period, value [, numerator, denominator, unit, polarity, source, licence, label]
    iod2019     MHCLG File 2 (LSOA 2011: rank and decile per domain) or the local-authority summaries
                (lad19cd, index_domain, average_score, ...)
    nomis       date, count, rate, wd..cd | lad..cd (claimant count and rate by month)
    fingertips  Indicator ID, Indicator Name, Area Code, Time period, Value, Count, Denominator, ...

Periods are stored as YYYY, YYYY-Qn or YYYY-MM (a full date keeps its month; a financial year 2019/20 its
first year). Polarity is higher_is_worse or higher_is_better.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from engine.core.errors import InputError
from engine.places.area_import import read_rows

POLARITIES = {"higher_is_worse", "higher_is_better"}
FORMATS = ("long", "iod2019", "nomis", "fingertips")
OGL = "Open Government Licence v3.0"
PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2})(?:-\d{2})?)?$")
FIN_YEAR = re.compile(r"^(\d{4})\s*/\s*\d{2,4}$")


@dataclass
class IndicatorImportReport:
    file: str
    format: str
    rows: int = 0
    stored: int = 0
    indicators: dict = field(default_factory=dict)   # id -> observations stored
    rejected: list = field(default_factory=list)     # [{"row", "reason"}]

    def to_dict(self, max_rows: int = 50) -> dict:
        return {"file": self.file, "format": self.format, "rows": self.rows, "stored": self.stored,
                "indicators": self.indicators, "rejected": len(self.rejected),
                "rejected_reasons": dict(Counter(r["reason"].split(":")[0] for r in self.rejected)),
                "rejected_rows": self.rejected[:max_rows]}


def parse_period(raw) -> str | None:
    text = str(raw or "").strip()
    m = PERIOD.match(text)
    if m:
        year, part = m.group(1), m.group(2)
        if part and not part.startswith("Q") and not 1 <= int(part) <= 12:
            return None
        return f"{year}-{part}" if part else year
    m = FIN_YEAR.match(text)
    return m.group(1) if m else None


def parse_number(raw) -> float | None:
    text = str(raw if raw is not None else "").strip().replace(",", "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


class _Batch:
    """Collects observations for one file, validating each against the known areas."""

    def __init__(self, store, report: IndicatorImportReport):
        self.store, self.report = store, report
        self.known = store.area_codes()
        self.meta: dict[str, dict] = {}
        self.rows: list[dict] = []

    def reject(self, row: int, reason: str) -> None:
        self.report.rejected.append({"row": row, "reason": reason})

    def add(self, row: int, indicator: str, area: str, period_raw, value_raw, numerator=None, denominator=None,
            **meta) -> None:
        area = (area or "").strip().upper()
        if not area:
            return self.reject(row, "no area code")
        if area not in self.known:
            return self.reject(row, f"area code not in the loaded lookups (run insights areas import): {area}")
        period = parse_period(period_raw)
        if period is None:
            return self.reject(row, f"period not understood (use YYYY, YYYY-Qn or YYYY-MM): {period_raw!r}")
        value = parse_number(value_raw)
        if value is None:
            return self.reject(row, f"value is not a number: {value_raw!r}")
        polarity = meta.get("polarity")
        if polarity and polarity not in POLARITIES:
            return self.reject(row, f"polarity must be higher_is_worse or higher_is_better: {polarity!r}")
        self.meta.setdefault(indicator, {"id": indicator, **meta})
        self.rows.append({"indicator_id": indicator, "area_code": area, "period": period, "value": value,
                          "numerator": parse_number(numerator), "denominator": parse_number(denominator)})

    def save(self) -> None:
        for meta in self.meta.values():
            self.store.upsert_indicator({**meta, "label": meta.get("label") or meta["id"].replace("_", " ")})
        self.store.add_observations(self.rows)
        self.report.stored = len(self.rows)
        self.report.indicators = dict(Counter(r["indicator_id"] for r in self.rows))


def _long(rows, batch, source, licence):
    for i, r in enumerate(rows, start=2):
        ind = (r.get("indicator") or "").strip()
        if not ind:
            batch.reject(i, "no indicator name")
            continue
        batch.add(i, slug(ind), r.get("area_code"), r.get("period"), r.get("value"), r.get("numerator"),
                  r.get("denominator"), label=r.get("label") or ind, unit=r.get("unit") or None,
                  polarity=(r.get("polarity") or "").strip() or None, source=r.get("source") or source,
                  licence=r.get("licence") or licence)


IOD_SOURCE = "English Indices of Deprivation 2019, MHCLG"


def _iod2019(rows, header, batch, source, licence):
    source, licence = source or IOD_SOURCE, licence or OGL
    if "index_domain" in header:  # local-authority summaries, long by domain
        for i, r in enumerate(rows, start=2):
            dom = slug(r.get("index_domain") or "")
            for col, polarity, unit in (("average_score", "higher_is_worse", "score"),
                                        ("proportion_bottom_decile", "higher_is_worse", "proportion")):
                batch.add(i, f"iod2019_{dom}_{col}", r.get("lad19cd"), r.get("year") or "2019", r.get(col),
                          label=f"{r.get('index_domain')}: {col.replace('_', ' ')}", unit=unit, polarity=polarity,
                          source=source, licence=licence)
        return
    code_col = next((h for h in header if h.lower().startswith("lsoa code")), None)
    if not code_col:
        raise InputError("This IoD2019 file has neither 'LSOA code (2011)' nor 'index_domain'; use File 2 of the "
                         "English Indices of Deprivation 2019 or the local-authority summaries.")
    measures = []
    for h in header:
        m = re.match(r"^(.*?) (Rank|Decile) \(where 1 is most deprived", h)
        if m:
            measures.append((h, f"iod2019_{slug(m.group(1))}_{m.group(2).lower()}", f"{m.group(1)} {m.group(2).lower()}"
                             " (1 = most deprived)", m.group(2).lower()))
    for i, r in enumerate(rows, start=2):
        for col, ind, label, unit in measures:
            batch.add(i, ind, r.get(code_col), "2019", r.get(col), label=label, unit=unit,
                      polarity="higher_is_better", source=source, licence=licence)


def _nomis(rows, header, batch, source, licence):
    code_col = next((h for h in header if re.match(r"^(wd|lad)\d{2}cd$", h.lower())), None)
    if not code_col or "date" not in header:
        raise InputError("A Nomis claimant-count file needs a date column and a wdYYcd or ladYYcd area column.")
    source, licence = source or "DWP claimant count (Nomis)", licence or OGL
    for i, r in enumerate(rows, start=2):
        batch.add(i, "claimant_count", r.get(code_col), r.get("date"), r.get("count"), label="Claimant count",
                  unit="people", polarity="higher_is_worse", source=source, licence=licence)
        batch.add(i, "claimant_rate", r.get(code_col), r.get("date"), r.get("rate"), r.get("count"),
                  label="Claimant rate (% of residents aged 16-64)", unit="percent", polarity="higher_is_worse",
                  source=source, licence=licence)


def _fingertips(rows, batch, source, licence):
    source, licence = source or "Office for Health Improvement and Disparities, Fingertips", licence or OGL
    for i, r in enumerate(rows, start=2):
        if (r.get("Category Type") or "").strip():
            batch.reject(i, "a breakdown row (Category Type set): only whole-area rows are imported")
            continue
        batch.add(i, f"fingertips_{slug(str(r.get('Indicator ID') or ''))}", r.get("Area Code"),
                  r.get("Time period"), r.get("Value"), r.get("Count"), r.get("Denominator"),
                  label=r.get("Indicator Name"), unit=None, polarity=None, source=source, licence=licence)


def import_indicators(store, path: Path, fmt: str = "long", source: str | None = None,
                      licence: str | None = None) -> IndicatorImportReport:
    path = Path(path)
    if fmt not in FORMATS:
        raise InputError(f"Unknown indicator format {fmt!r}; use one of {', '.join(FORMATS)}.")
    if not path.exists():
        raise InputError(f"{path} does not exist. Give the path of an indicator CSV.")
    header, rows = read_rows(path)
    report = IndicatorImportReport(file=str(path), format=fmt, rows=len(rows))
    batch = _Batch(store, report)
    if fmt == "long":
        missing = {"area_code", "indicator", "period", "value"} - set(header)
        if missing:
            raise InputError(f"{path.name} lacks the columns {sorted(missing)}: a long indicator CSV needs "
                             "area_code, indicator, period, value.")
        _long(rows, batch, source, licence)
    elif fmt == "iod2019":
        _iod2019(rows, header, batch, source, licence)
    elif fmt == "nomis":
        _nomis(rows, header, batch, source, licence)
    else:
        _fingertips(rows, batch, source, licence)
    batch.save()
    return report
