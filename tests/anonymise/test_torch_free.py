"""A new process that anonymises and themes notes does not import PyTorch, transformers or scikit-learn
(issue 18: ~6 s of torch and ~1.5 s of scikit-learn, in every `insights ingest`, for libraries nothing used).
Checked on the real CLI in a fresh process, and the answer is the anonymiser's usual one."""
import json
import os
import subprocess
import sys
from pathlib import Path

from anonymise.torch_free import without_torch
from themes.assign import _stop_words

ROOT = Path(__file__).resolve().parents[2]
INGEST = r'''
import json, sys
from service.cli.main import main
try:
    main(["ingest", sys.argv[1], "--org", "Riverside", "--db", sys.argv[2]], standalone_mode=False)
finally:
    print(json.dumps({m: m in sys.modules for m in ("torch", "transformers", "sklearn", "spacy", "presidio_analyzer",
                                                    "onnxruntime")}))
'''


def test_when_notes_are_ingested_in_a_new_process_then_torch_and_scikit_learn_are_never_imported(tmp_path):
    notes = tmp_path / "notes.jsonl"
    notes.write_text(json.dumps({"id": "n1", "text": "Visited Mrs Amira Khan at 14 Elm Road, SE13 6QT. jack campbell "
                                                     "said the food bank has run out of nappies."}) + "\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", INGEST, str(notes), str(tmp_path / "i.db")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    assert loaded["spacy"] and loaded["presidio_analyzer"] and loaded["onnxruntime"]   # the work really ran
    assert not loaded["torch"] and not loaded["transformers"] and not loaded["sklearn"], loaded
    from engine.store import Store

    store = Store(tmp_path / "i.db")
    try:
        [text] = [r["text"] for r in store.q("SELECT text FROM notes")]
    finally:
        store.close()
    assert "Amira" not in text and "jack" not in text and "Elm Road" not in text and "food bank" in text


def test_when_torch_is_hidden_then_its_import_fails_inside_the_block_only():
    if "torch" in sys.modules:   # another test loaded it: then nothing is hidden, by design
        with without_torch():
            import torch  # noqa: F401
        return
    with without_torch():
        try:
            import torch  # noqa: F401
        except ModuleNotFoundError as exc:
            assert "hidden" in str(exc)
        else:
            raise AssertionError("torch imported inside without_torch()")
    assert not any(type(f).__name__ == "_Hide" for f in sys.meta_path)   # removed afterwards


def test_the_stop_words_read_alone_are_scikit_learns():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert _stop_words() == ENGLISH_STOP_WORDS and len(ENGLISH_STOP_WORDS) > 300
