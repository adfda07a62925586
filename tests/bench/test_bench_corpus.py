"""corpora/bench.py: the demo generator at any size, written as the files the benchmark ingests."""
from __future__ import annotations

import json

from corpora.bench import read_jsonl, write_bench_corpus
from engine.readers import read_path


def test_when_a_bench_corpus_is_written_then_every_file_holds_the_requested_notes(tmp_path):
    out = write_bench_corpus(tmp_path / "c", n_notes=50, n_new=5)
    notes, gold, new = (read_jsonl(out / name) for name in ("notes.jsonl", "gold.jsonl", "new_notes.jsonl"))
    assert len(notes) == len(gold) == 50 and len(new) == 5
    assert len({n["id"] for n in notes}) == 50
    assert all(n["id"].startswith("new-") for n in new)
    assert not {n["id"] for n in new} & {n["id"] for n in notes}
    assert [g["text"] for g in gold] == [n["text"] for n in notes]
    for g in gold:
        for span in g["spans"]:
            assert g["text"][span["start"]:span["end"]].strip(), span
    assert json.loads((out / "areas.json").read_text(encoding="utf-8"))
    assert json.loads((out / "indicators.json").read_text(encoding="utf-8"))["rows"]


def test_when_the_notes_file_is_read_as_an_upload_then_every_line_is_accepted(tmp_path):
    out = write_bench_corpus(tmp_path / "c", n_notes=40, n_new=0)
    read = read_path(out / "notes.jsonl")
    assert read.errors == []
    assert len(read.notes) == 40
    assert all(n.month and n.area and n.external_id for n in read.notes)
    assert not (out / "new_notes.jsonl").exists()


def test_when_written_twice_with_one_seed_then_the_notes_are_identical(tmp_path):
    a = write_bench_corpus(tmp_path / "a", n_notes=30, n_new=0)
    b = write_bench_corpus(tmp_path / "b", n_notes=30, n_new=0)
    assert (a / "notes.jsonl").read_bytes() == (b / "notes.jsonl").read_bytes()
