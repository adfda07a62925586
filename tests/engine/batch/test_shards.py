"""The batch plan (engine/batch/shards.py): the driver counts each file's notes and cuts them into ranges; the
ranges cover every note once, in file order, and carry no text."""
import json

import pytest

from engine.batch.shards import batch_files, plan
from engine.core.errors import InputError


def test_when_a_folder_is_planned_then_the_ranges_cover_every_note_once_in_path_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.jsonl").write_text("".join(json.dumps({"text": f"Rent arrears visit {i}."}) + "\n"
                                              for i in range(7)) + "not json\n")
    (tmp_path / "a.csv").write_text("text\n" + "".join(f"Food parcel {i}\n" for i in range(3)))
    (tmp_path / "sub" / "c.txt").write_text("First note.\n---\nSecond note.\n")
    (tmp_path / "notes.docx.bak").write_text("ignored")
    plans = plan(tmp_path, "case_note", 3, None)
    assert [p.path.name for p in plans] == ["a.csv", "b.jsonl", "c.txt"]
    assert [p.notes for p in plans] == [3, 7, 2]
    assert plans[1].errors == ["b.jsonl line 8: not valid JSON (Expecting value at column 1)."]
    ranges = [(s.file, s.start, s.stop) for p in plans for s in p.shards]
    assert ranges == [(0, 0, 3), (1, 0, 3), (1, 3, 6), (1, 6, 7), (2, 0, 2)]
    assert [s.shard for p in plans for s in p.shards] == list(range(5))
    assert "Rent" not in repr(plans)


def test_when_a_folder_holds_no_notes_file_then_it_is_refused_with_what_to_do(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError) as err:
        batch_files(tmp_path)
    assert ".jsonl, .csv or .txt" in err.value.message and "files ending" in err.value.fix
