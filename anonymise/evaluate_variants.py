"""Score variant copies of labelled notes as their own rows (ids "<id>~<variant>", corpora/pii_eval_variants.py).

    reports = evaluate_by_variant(records, anonymiser)     # {"plain": Report, "lower": Report, ...}
    print(format_variants(reports))

The anonymiser runs once over every record; `anonymise.evaluate.score` then scores each variant's records
apart, with the same rules as the plain report.
"""
from __future__ import annotations

from anonymise.evaluate import Record, Report, predict, score

PLAIN = "plain"


def variant_of(record: Record) -> str:
    return record.id.rsplit("~", 1)[1] if "~" in record.id else PLAIN


def has_variants(records: list[Record]) -> bool:
    return any("~" in r.id for r in records)


def score_by_variant(records: list[Record], predictions: list, max_examples: int = 5) -> dict[str, Report]:
    groups: dict[str, tuple[list, list]] = {}
    for record, predicted in zip(records, predictions, strict=True):
        recs, preds = groups.setdefault(variant_of(record), ([], []))
        recs.append(record)
        preds.append(predicted)
    order = [PLAIN] + sorted(k for k in groups if k != PLAIN)
    return {k: score(*groups[k], max_examples=max_examples) for k in order if k in groups}


def evaluate_by_variant(records: list[Record], anonymiser, max_examples: int = 5) -> dict[str, Report]:
    predictions, seconds = predict(records, anonymiser)
    reports = score_by_variant(records, predictions, max_examples)
    for report in reports.values():
        report.seconds = seconds * report.notes / max(1, len(records))
    return reports


def _pct(x) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def format_variants(reports: dict[str, Report]) -> str:
    """One row per variant and type: recall (gold), and the variant's precision and kept spans hidden."""
    types = sorted({t for r in reports.values() for t, ts in r.types.items() if ts.gold})
    head = f"{'variant':<11}{'notes':>6}" + "".join(f"{t[:11]:>12}" for t in types) + f"{'precision':>11}{'keep hit':>10}"
    lines = [head, "-" * len(head)]
    for name, r in reports.items():
        cells = "".join(f"{_pct(r.types[t].recall) if t in r.types and r.types[t].gold else '-':>12}" for t in types)
        lines.append(f"{name:<11}{r.notes:>6}{cells}{_pct(r.overall.precision):>11}{r.keep_redacted:>10}")
    return "\n".join(lines)
