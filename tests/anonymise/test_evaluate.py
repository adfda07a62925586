"""The evaluation library: full-coverage recall, precision rules, type mapping, keep spans, bad input.

Runs the real anonymiser on small files written to tmp_path. No timing assertions.
"""
import json

import pytest

from anonymise.evaluate import (
    CONTEXT,
    OTHER_ID,
    PRESIDIO_RESEARCH_TYPES,
    SCORED,
    evaluate,
    f_beta,
    format_report,
    load_dataset,
    parse_record,
    report_to_dict,
    score,
)
from engine.core.errors import InputError

PHONE_NOTE = "Call 07700 900123 today."        # the anonymiser hides exactly 5-17
NAME_NOTE = "Spoke to Mrs Amira Khan at 12 Elm Road."   # PERSON 9-23, STREET_ADDRESS 27-38


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def span(type_, start, end):
    return {"type": type_, "start": start, "end": end}


def test_when_gold_span_fully_covered_then_caught(tmp_path, anonymiser):
    records = load_dataset(write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": PHONE_NOTE, "spans": [span("PHONE_NUMBER", 5, 17)]}]), "jsonl")
    phone = evaluate(records, anonymiser).types["PHONE_NUMBER"]
    assert (phone.gold, phone.caught, phone.partial, phone.recall) == (1, 1, 0, 1.0)


def test_when_gold_span_only_half_covered_then_not_caught_but_partial(tmp_path, anonymiser):
    # The gold span takes in "Call " too, which the anonymiser leaves readable.
    records = load_dataset(write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": PHONE_NOTE, "spans": [span("PHONE_NUMBER", 0, 17)]}]), "jsonl")
    report = evaluate(records, anonymiser)
    phone = report.types["PHONE_NUMBER"]
    assert (phone.gold, phone.caught, phone.partial, phone.recall) == (1, 0, 1, 0.0)
    assert "[Call ############]" in report.misses["PHONE_NUMBER"][0]


def test_when_gold_span_covered_by_a_redaction_of_another_type_then_caught(tmp_path, anonymiser):
    records = load_dataset(write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": PHONE_NOTE, "spans": [span("UK_NHS", 5, 17)]}]), "jsonl")
    assert evaluate(records, anonymiser).types["UK_NHS"].recall == 1.0


def test_when_redaction_overlaps_no_gold_span_then_precision_counts_it_wrong(tmp_path, anonymiser):
    records = load_dataset(write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": NAME_NOTE, "spans": [span("PERSON", 13, 23)]}]), "jsonl")
    report = evaluate(records, anonymiser)
    assert report.types["PERSON"].correct == 1 and report.types["PERSON"].precision == 1.0
    assert report.types["STREET_ADDRESS"].predicted == 1 and report.types["STREET_ADDRESS"].precision == 0.0
    assert report.overall.precision == 0.5
    assert report.false_positives["STREET_ADDRESS"] and "PERSON" not in report.false_positives


def test_when_redaction_overlaps_out_of_scope_identifier_then_correct_and_context_then_left_out(tmp_path, anonymiser):
    path = tmp_path / "d.json"
    path.write_text(json.dumps([
        {"full_text": PHONE_NOTE, "spans": [{"entity_type": "US_SSN", "entity_value": "07700 900123",
                                             "start_position": 5, "end_position": 17}]},
        {"full_text": PHONE_NOTE, "spans": [{"entity_type": "GPE", "entity_value": "07700",
                                             "start_position": 5, "end_position": 10}]},
    ]), encoding="utf-8")
    report = evaluate(load_dataset(path, "presidio"), anonymiser)
    assert (report.overall.predicted, report.overall.correct, report.overall.context_hits) == (2, 1, 1)
    assert report.overall.precision == 1.0 and report.overall.gold == 0
    assert report.out_of_scope == {"US_SSN": [1, 1]} and report.context == {"GPE": [1, 1]}


def test_when_presidio_dataset_loaded_then_types_mapped_explicitly(tmp_path):
    text = "Jan Kowalski of Acme lives in Paris, SSN 078-05-1120."
    rows = [{"full_text": text, "spans": [
        {"entity_type": t, "entity_value": text[s:e], "start_position": s, "end_position": e}
        for t, s, e in [("PERSON", 0, 12), ("ORGANIZATION", 16, 20), ("GPE", 30, 35), ("US_SSN", 41, 52)]]}]
    (tmp_path / "d.json").write_text(json.dumps(rows), encoding="utf-8")
    [record] = load_dataset(tmp_path / "d.json", "presidio")
    assert [(s.source_type, s.type, s.kind) for s in record.spans] == [
        ("PERSON", "PERSON", SCORED), ("ORGANIZATION", None, CONTEXT), ("GPE", None, CONTEXT),
        ("US_SSN", None, OTHER_ID)]
    assert record.id == "1"


def test_when_mapping_table_read_then_all_17_presidio_research_types_decided():
    assert len(PRESIDIO_RESEARCH_TYPES) == 17
    assert PRESIDIO_RESEARCH_TYPES["STREET_ADDRESS"] == ("STREET_ADDRESS", SCORED)
    assert PRESIDIO_RESEARCH_TYPES["US_DRIVER_LICENSE"] == (None, OTHER_ID)
    assert PRESIDIO_RESEARCH_TYPES["DATE_TIME"] == (None, CONTEXT)


def test_when_keep_span_touched_then_counted_as_over_redaction(tmp_path, anonymiser):
    text = "Citizens Advice helped. Call 07700 900123."
    records = load_dataset(write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": text, "spans": [span("PHONE_NUMBER", 29, 41)],
         "keep": ["Citizens Advice", {"start": 24, "end": 34}]}]), "jsonl")
    assert records[0].keep == [(0, 15), (24, 34)]
    report = evaluate(records, anonymiser)
    assert (report.keep_spans, report.keep_redacted, report.keep_over_redaction) == (2, 1, 0.5)


def test_when_note_rejected_then_counted_and_left_out_of_scores(tmp_path, anonymiser):
    records = load_dataset(write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": "   ", "spans": []},
        {"id": "b", "text": PHONE_NOTE, "spans": [span("PHONE_NUMBER", 5, 17)]}]), "jsonl")
    report = evaluate(records, anonymiser)
    assert (report.notes, report.rejected, report.overall.gold) == (2, 1, 1)
    assert report.notes_per_second is not None and report.notes_per_second > 0


def test_when_scores_known_then_f2_weights_recall_over_precision():
    assert f_beta(1.0, 0.5, 2.0) == pytest.approx(5 * 0.5 / (4 + 0.5))
    assert f_beta(0.5, 1.0, 2.0) > f_beta(1.0, 0.5, 2.0)
    assert f_beta(0.0, 0.0, 2.0) == 0.0 and f_beta(None, 1.0, 2.0) is None


def test_when_report_formatted_then_table_shows_types_and_misses_only_on_request(tmp_path, anonymiser):
    records = load_dataset(write_jsonl(tmp_path / "d.jsonl", [
        {"id": "a", "text": PHONE_NOTE, "spans": [span("PHONE_NUMBER", 0, 17)]}]), "jsonl")
    report = evaluate(records, anonymiser)
    table = format_report(report)
    assert "PHONE_NUMBER" in table and "OVERALL" in table and "notes/s" in table
    assert "[Call ###" not in table and "[Call ###" in format_report(report, show_misses=True)
    as_dict = json.loads(json.dumps(report_to_dict(report)))
    assert as_dict["types"]["PHONE_NUMBER"]["partial"] == 1 and "misses" not in as_dict
    assert "misses" in report_to_dict(report, show_misses=True)


def test_when_predictions_given_directly_then_score_uses_the_same_rules():
    record = parse_record({"id": "a", "text": PHONE_NOTE, "spans": [span("PHONE_NUMBER", 5, 17)]}, "jsonl",
                          "line 1", "1")
    report = score([record], [[("UK_PHONE", 5, 10), ("UK_PHONE", 10, 17), ("DATE_TIME", 18, 23)]])
    assert report.types["PHONE_NUMBER"].caught == 1        # two touching redactions cover it together
    assert (report.overall.predicted, report.overall.correct) == (3, 2)


@pytest.mark.parametrize("content, fmt, expected", [
    (None, "jsonl", "no such file"),
    ('{"id": "a", "text": "x"}\n{not json\n', "jsonl", "line 2: not valid JSON"),
    ('{"full_text": "hi"}', "presidio", "expected a JSON list"),
    (json.dumps({"id": "a", "text": "short", "spans": [span("PERSON", 2, 40)]}), "jsonl",
     "line 1: span 1: offsets 2-40 are outside the text"),
    (json.dumps({"id": "a", "text": "short", "spans": [span("PERSON", 3, 3)]}), "jsonl", "need 0 <= start < end"),
    (json.dumps({"id": "a", "text": "short", "spans": [span("PERSON", "0", 3)]}), "jsonl", "whole numbers"),
    (json.dumps({"id": "a", "text": "short", "spans": [span("SHOE_SIZE", 0, 3)]}), "jsonl", "unknown type 'SHOE_SIZE'"),
    (json.dumps({"id": "a", "spans": []}), "jsonl", '"text" must be the note text'),
    (json.dumps({"id": "a", "text": "short", "keep": ["long"]}), "jsonl", "keep 1: the phrase does not occur"),
    (json.dumps([{"full_text": "ok"}, {"full_text": "Sam here", "spans": [
        {"entity_type": "PERSON", "entity_value": "Sam", "start_position": 1, "end_position": 4}]}]), "presidio",
     "record 2: span 1: entity_value does not match"),
    ("[]", "csv", "Unknown dataset format 'csv'"),
])
def test_when_dataset_is_bad_then_input_error_says_what_and_where(tmp_path, content, fmt, expected):
    path = tmp_path / "d.data"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_dataset(path, fmt)
    assert expected in info.value.message
