"""Measure the anonymiser against labelled notes: recall, precision and F2 per type, keep-span over-redaction
and speed.

    records = load_dataset(Path("synth_dataset_v2.json"), "presidio")   # or "jsonl"
    report = evaluate(records, Anonymiser(settings))
    print(format_report(report))            # add show_misses=True only on synthetic data
    json.dumps(report_to_dict(report))

The rules:
- A gold span is *caught* only when every one of its characters is covered by some redaction (of any type);
  a span with some but not all characters covered is *partial* and counts as missed.
- A redaction is *correct* when it overlaps a gold identifier span: one of an in-scope type, or an
  out-of-scope identifier such as a US SSN (still personal data). A redaction that overlaps only context
  (places, organisations, dates...) is a *context hit*: reported on its own line, left out of precision.
  Any other redaction is wrong.
- Notes the anonymiser rejects (it fails closed) are counted, and left out of the scores.
- Speed is the wall time of the `anonymise_many` calls only, after one warm-up call.

Missed examples contain the gold text: on real data they are personal data, so they are only printed on request.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from anonymise import entities as E
from engine.core.errors import InputError

SCORED = "scored"              # one of our types: counted in recall
OTHER_ID = "other_identifier"  # personal data we do not target: not in recall; hiding it is correct
CONTEXT = "context"            # not an identifier we hide: not in recall; hiding it is not counted as correct

# presidio-research type -> (our type, kind). All 17 types in synth_dataset_v2.json, decided one by one.
PRESIDIO_RESEARCH_TYPES: dict[str, tuple[str | None, str]] = {
    "PERSON": (E.PERSON, SCORED),
    "STREET_ADDRESS": (E.STREET_ADDRESS, SCORED),    # foreign, multi-line, with city and zip: a hard test
    "PHONE_NUMBER": (E.PHONE_NUMBER, SCORED),        # many non-UK formats
    "EMAIL_ADDRESS": (E.EMAIL_ADDRESS, SCORED),
    "CREDIT_CARD": (E.CREDIT_CARD, SCORED),
    "IBAN_CODE": (E.IBAN_CODE, SCORED),
    "IP_ADDRESS": (E.IP_ADDRESS, SCORED),
    "US_SSN": (None, OTHER_ID),                      # US identifiers: out of scope for UK notes
    "US_DRIVER_LICENSE": (None, OTHER_ID),
    "ZIP_CODE": (None, OTHER_ID),                    # foreign postal codes; UK postcodes are UK_POSTCODE
    "GPE": (None, CONTEXT),                          # places carry the insight and are kept
    "ORGANIZATION": (None, CONTEXT),                 # organisations and services are kept
    "DATE_TIME": (None, CONTEXT),                    # dates are kept (dates of birth are DATE_OF_BIRTH)
    "NRP": (None, CONTEXT),                          # nationality, religion, politics: kept
    "TITLE": (None, CONTEXT),                        # "Dr.", job titles: kept (our PERSON span takes "Dr")
    "AGE": (None, CONTEXT),                          # ages are kept (and generalised elsewhere)
    "DOMAIN_NAME": (None, CONTEXT),                  # company web sites, not personal
}
# JSONL uses our own type names; presidio-research names are accepted too.
JSONL_TYPES = {t: (t, SCORED) for t in E.ALL} | PRESIDIO_RESEARCH_TYPES
FORMATS = ("presidio", "jsonl")


@dataclass
class Span:
    source_type: str       # the dataset's type name
    type: str | None       # ours, or None when out of scope
    kind: str
    start: int
    end: int


@dataclass
class Record:
    id: str
    text: str
    spans: list[Span]
    keep: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class TypeScore:
    gold: int = 0
    caught: int = 0
    partial: int = 0
    predicted: int = 0
    correct: int = 0
    context_hits: int = 0

    recall = property(lambda self: self.caught / self.gold if self.gold else None)
    precision = property(lambda self: self.correct / (self.predicted - self.context_hits)
                         if self.predicted > self.context_hits else None)
    f2 = property(lambda self: f_beta(self.precision, self.recall, 2.0))


@dataclass
class Report:
    types: dict[str, TypeScore]           # by our type: gold side and predicted side
    overall: TypeScore
    out_of_scope: dict[str, list[int]]    # dataset type -> [gold, fully hidden]
    context: dict[str, list[int]]         # dataset type -> [gold, any character hidden]
    keep_spans: int = 0
    keep_redacted: int = 0
    notes: int = 0
    rejected: int = 0
    seconds: float = 0.0
    misses: dict[str, list[str]] = field(default_factory=dict)
    false_positives: dict[str, list[str]] = field(default_factory=dict)

    notes_per_second = property(lambda self: self.notes / self.seconds if self.seconds > 0 else None)
    keep_over_redaction = property(lambda self: self.keep_redacted / self.keep_spans if self.keep_spans else None)


def f_beta(precision: float | None, recall: float | None, beta: float) -> float | None:
    if precision is None or recall is None:
        return None
    if precision == 0 and recall == 0:
        return 0.0
    b2 = beta * beta
    return (1 + b2) * precision * recall / (b2 * precision + recall)


# ---------------------------------------------------------------------------------------------- loading
def load_dataset(path: Path | str, fmt: str = "jsonl") -> list[Record]:
    path = Path(path)
    if fmt not in FORMATS:
        raise InputError(f"Unknown dataset format {fmt!r}. Use one of: {', '.join(FORMATS)}.")
    if not path.is_file():
        raise InputError(f"{path}: no such file. Check the path to the labelled dataset.", where=str(path))
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}). Save the dataset as UTF-8.",
                         where=str(path)) from None
    if fmt == "presidio":
        try:
            rows = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}). A presidio-research "
                             "dataset is one JSON list of records.", where=str(path)) from None
        if not isinstance(rows, list):
            raise InputError(f"{path}: expected a JSON list of records.", where=str(path))
        return [parse_record(row, "presidio", f"{path} record {i + 1}", str(i + 1)) for i, row in enumerate(rows)]
    records = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path} line {n}: not valid JSON ({exc.msg}). Each line must be one JSON object.",
                             where=f"line {n}") from None
        records.append(parse_record(row, "jsonl", f"{path} line {n}", f"line {n}"))
    return records


def parse_record(row, fmt: str, where: str, default_id: str) -> Record:
    """One dataset row as a Record; `fmt` "presidio" or "jsonl" (our own corpora use the jsonl shape)."""
    def bad(msg: str) -> InputError:
        return InputError(f"{where}: {msg}", where=where)
    presidio = fmt == "presidio"
    text_key, type_key, start_key, end_key = (("full_text", "entity_type", "start_position", "end_position")
                                              if presidio else ("text", "type", "start", "end"))
    if not isinstance(row, dict):
        raise bad("expected a JSON object.")
    text = row.get(text_key)
    if not isinstance(text, str):
        raise bad(f'"{text_key}" must be the note text (a string).')
    table = PRESIDIO_RESEARCH_TYPES if presidio else JSONL_TYPES
    spans = []
    for j, s in enumerate(row.get("spans") or []):
        label = f"span {j + 1}"
        if not isinstance(s, dict):
            raise bad(f"{label} must be an object with {type_key}, {start_key}, {end_key}.")
        kind_of = table.get(s.get(type_key))
        if kind_of is None:
            raise bad(f"{label} has unknown type {s.get(type_key)!r}. Use one of: {', '.join(sorted(table))}.")
        start, end = _offsets(s.get(start_key), s.get(end_key), text, lambda m: bad(f"{label}: {m}"))
        if presidio and "entity_value" in s and s["entity_value"] != text[start:end]:
            raise bad(f"{label}: entity_value does not match the text at {start}-{end}. Fix the offsets.")
        spans.append(Span(s[type_key], kind_of[0], kind_of[1], start, end))
    keep = []
    for j, k in enumerate(row.get("keep") or []):
        label = f"keep {j + 1}"
        if isinstance(k, str):                  # a phrase: every occurrence must stay readable
            at = text.find(k) if k else -1
            if at < 0:
                raise bad(f"{label}: the phrase does not occur in the text.")
            while at >= 0:
                keep.append((at, at + len(k)))
                at = text.find(k, at + 1)
        elif isinstance(k, dict):
            keep.append(_offsets(k.get("start"), k.get("end"), text, lambda m: bad(f"{label}: {m}")))
        else:
            raise bad(f'{label} must be a phrase or an object with "start" and "end".')
    return Record(str(row.get("id") or default_id), text, spans, keep)


def _offsets(start, end, text: str, bad) -> tuple[int, int]:
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise bad("start and end must be whole numbers (character offsets).")
    if not 0 <= start < end <= len(text):
        raise bad(f"offsets {start}-{end} are outside the text (length {len(text)}); need 0 <= start < end.")
    return start, end


# ---------------------------------------------------------------------------------------------- scoring
def predict(records: list[Record], anonymiser, batch_size: int = 100) -> tuple[list, float]:
    """Run `anonymiser.anonymise_many` over the records in batches: each record's predicted (type, start, end)
    in original offsets (None = rejected), and the seconds the batches took (a warm-up call is not timed)."""
    if records:
        anonymiser.anonymise_many([records[0].text])   # warm-up: loads the models, not timed
    predictions: list[list[tuple[str, int, int]] | None] = []
    seconds = 0.0
    for i in range(0, len(records), batch_size):
        texts = [r.text for r in records[i:i + batch_size]]
        t0 = time.perf_counter()
        outcomes = anonymiser.anonymise_many(texts)
        seconds += time.perf_counter() - t0
        predictions.extend(None if isinstance(o, Exception) else
                           [(r.entity_type, r.orig_start, r.orig_end) for r in o.redactions] for o in outcomes)
    return predictions, seconds


def evaluate(records: list[Record], anonymiser, *, batch_size: int = 100, max_examples: int = 5) -> Report:
    """Run `anonymiser.anonymise_many` over the records in batches and score the redactions."""
    predictions, seconds = predict(records, anonymiser, batch_size)
    return score(records, predictions, seconds=seconds, max_examples=max_examples)


def analyse_per_note(analyzer, records: list[Record]) -> tuple[list, float]:
    """A plain Presidio AnalyzerEngine on each note, `analyze` once per note (the baselines in bench/):
    the predictions for `score` and the seconds spent inside `analyze`. Overlapping results merge as ours do,
    so precision counts one redaction per hidden stretch."""
    from anonymise.replace import Finding, merge

    predictions, seconds = [], 0.0
    for record in records:
        t0 = time.perf_counter()
        found = analyzer.analyze(text=record.text, language="en")
        seconds += time.perf_counter() - t0
        merged = merge([Finding(r.entity_type, r.start, r.end, r.score) for r in found])
        predictions.append([(f.entity_type, f.start, f.end) for f in merged])
    return predictions, seconds


def score(records: list[Record], predictions: list, *, seconds: float = 0.0, max_examples: int = 5) -> Report:
    """Score predicted spans [(type, start, end), ...] per record (None = the note was rejected)."""
    report = Report(types={}, overall=TypeScore(), out_of_scope={}, context={}, seconds=seconds)
    for record, predicted in zip(records, predictions, strict=True):
        report.notes += 1
        if predicted is None:
            report.rejected += 1
            continue
        covered = bytearray(len(record.text))
        for _, start, end in predicted:
            covered[start:end] = b"\x01" * (end - start)
        for span in record.spans:
            hidden = covered[span.start:span.end].count(1)
            full, any_ = hidden == span.end - span.start, hidden > 0
            if span.kind == SCORED:
                for ts in (report.types.setdefault(span.type, TypeScore()), report.overall):
                    ts.gold += 1
                    ts.caught += full
                    ts.partial += any_ and not full
                if not full and len(misses := report.misses.setdefault(span.type, [])) < max_examples:
                    misses.append(f"{record.id}: {_show(record.text, span.start, span.end, covered)}")
            else:
                counts = (report.out_of_scope if span.kind == OTHER_ID else report.context)
                pair = counts.setdefault(span.source_type, [0, 0])
                pair[0] += 1
                pair[1] += full if span.kind == OTHER_ID else any_
        for start, end in record.keep:
            report.keep_spans += 1
            report.keep_redacted += covered[start:end].count(1) > 0
        for etype, start, end in predicted:
            hits = [s for s in record.spans if s.start < end and start < s.end]
            correct = any(s.kind != CONTEXT for s in hits)
            context = not correct and bool(hits)
            for ts in (report.types.setdefault(etype, TypeScore()), report.overall):
                ts.predicted += 1
                ts.correct += correct
                ts.context_hits += context
            if not correct and len(fps := report.false_positives.setdefault(etype, [])) < max_examples:
                what = f" (over {hits[0].source_type})" if hits else ""
                fps.append(f"{record.id}: {_show(record.text, start, end, None)}{what}")
    return report


def _show(text: str, start: int, end: int, covered: bytearray | None, around: int = 30) -> str:
    """The span in [brackets] with some context; characters already redacted shown as '#'."""
    inner = "".join("#" if covered and covered[i] else text[i] for i in range(start, end))
    before, after = text[max(0, start - around):start], text[end:end + around]
    return " ".join(f"…{before}[{inner}]{after}…".split())


# ---------------------------------------------------------------------------------------------- output
def _pct(x: float | None) -> str:
    return "-" if x is None else f"{100 * x:.1f}%"


def format_report(report: Report, *, show_misses: bool = False) -> str:
    head = f"{'type':<24}{'gold':>6}{'recall':>9}{'partial':>9}{'predicted':>11}{'precision':>11}{'F2':>8}"
    lines = [head, "-" * len(head)]
    for name in sorted(report.types):
        ts = report.types[name]
        lines.append(f"{name:<24}{ts.gold:>6}{_pct(ts.recall):>9}{ts.partial:>9}{ts.predicted:>11}"
                     f"{_pct(ts.precision):>11}{_pct(ts.f2):>8}")
    o = report.overall
    lines += ["-" * len(head), f"{'OVERALL':<24}{o.gold:>6}{_pct(o.recall):>9}{o.partial:>9}{o.predicted:>11}"
              f"{_pct(o.precision):>11}{_pct(o.f2):>8}", ""]
    lines.append(f"Redactions over context only (left out of precision): {o.context_hits}")
    for name, (gold, hidden) in sorted(report.out_of_scope.items()):
        lines.append(f"Out of scope, personal data: {name}: {gold} spans, {hidden} fully hidden")
    for name, (gold, hidden) in sorted(report.context.items()):
        lines.append(f"Context (kept readable): {name}: {gold} spans, {hidden} partly or fully hidden")
    if report.keep_spans:
        lines.append(f"Keep spans redacted: {report.keep_redacted} of {report.keep_spans} "
                     f"({_pct(report.keep_over_redaction)})")
    nps = report.notes_per_second
    lines.append(f"Notes: {report.notes}, rejected: {report.rejected}, "
                 f"speed: {'-' if nps is None else f'{nps:.1f}'} notes/s")
    if show_misses:
        for title, table in (("Missed", report.misses), ("Redactions over no identifier", report.false_positives)):
            for name in sorted(table):
                lines.append(f"\n{title} {name} (# = redacted):")
                lines += [f"  {example}" for example in table[name]]
    return "\n".join(lines)


def report_to_dict(report: Report, *, show_misses: bool = False) -> dict:
    def scores(ts: TypeScore) -> dict:
        return {"gold": ts.gold, "caught": ts.caught, "partial": ts.partial, "recall": ts.recall,
                "predicted": ts.predicted, "correct": ts.correct, "context_hits": ts.context_hits,
                "precision": ts.precision, "f2": ts.f2}

    out = {
        "types": {name: scores(ts) for name, ts in sorted(report.types.items())},
        "overall": scores(report.overall),
        "out_of_scope": {k: {"gold": g, "fully_hidden": h} for k, (g, h) in sorted(report.out_of_scope.items())},
        "context": {k: {"gold": g, "any_hidden": h} for k, (g, h) in sorted(report.context.items())},
        "keep": {"spans": report.keep_spans, "redacted": report.keep_redacted,
                 "over_redaction": report.keep_over_redaction},
        "notes": report.notes, "rejected": report.rejected, "seconds": round(report.seconds, 3),
        "notes_per_second": report.notes_per_second,
    }
    if show_misses:
        out["misses"] = report.misses
        out["false_positives"] = report.false_positives
    return out
