"""The batch worker (engine/batch/worker.py) run in this process, without Ray: it reads its own range of a file,
returns the anonymised notes and the vectors the driver will look up, and on a failure names the file and the
range, never the text."""
import json

from engine.batch.worker import ShardWorker, read_payload
from engine.core.settings import Settings
from themes.assign import passages
from themes.embedder import content_hash

NOTES = ["Priya Sharma (07700 900123) has rent arrears and the damp flat is making the children ill.",
         "He came to the food bank again; the universal credit payment was late. He wants debt advice.",
         "The carer is exhausted and asked about respite care for her mother."]


def test_when_a_range_is_run_then_only_anonymised_notes_and_their_vectors_come_back(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": t}) + "\n" for i, t in enumerate(NOTES)))
    worker = ShardWorker(Settings(db_path=tmp_path / "w.db"), "case_note")
    data = worker.run(str(src), 0, 2)
    assert b"Priya" not in data and b"07700" not in data
    out = read_payload(data)
    assert [n.external_id for n in out["notes"]] == ["n0", "n1"] and out["rejected"] == []
    assert out["notes"][0].text.startswith("<PERSON") and out["notes"][0].original_spans is None
    assert out["embedder_id"] == worker.pipeline.embedder.id
    wanted = {content_hash(t) for n in out["notes"] for t in [n.text, *passages(n.text, worker.passage_words)]}
    assert set(out["vectors"]) == wanted and all(v.shape == (384,) for v in out["vectors"].values())

    src.write_bytes(b"\xff\xfe" + "Priya Sharma".encode("utf-16-le"))   # the file changed since it was planned
    failed = read_payload(worker.run(str(src), 0, 2))
    assert failed["notes"] == [] and failed["vectors"] == {}
    assert [r["where"] for r in failed["rejected"]] == ["a.jsonl notes 1-2"]
    assert "InputError" in failed["rejected"][0]["error"] and "Priya" not in repr(failed)
