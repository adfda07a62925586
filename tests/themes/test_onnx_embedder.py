"""The accurate embedder on ONNX Runtime, checked against the same MiniLM on PyTorch: vectors, errors that
say how to rebuild, and the assignment-agreement check on a small corpus (the full figure is in
bench/onnx_agreement.py). The model is the one built at set-up (`python -m themes.onnx_embedder`); when it is
missing the fixture builds it (about 10 s), as the pipeline would."""
from pathlib import Path

import numpy as np
import pytest

from engine.core.errors import SettingsError
from engine.core.settings import EMBEDDER_NAMES, Settings
from themes.embedder import MiniLMEmbedder
from themes.embedders import EMBEDDERS, make_embedder
from themes.onnx_embedder import DEFAULT_MODEL_PATH, ONNX_EMBEDDER_ID, OnnxMiniLMEmbedder, ensure_onnx_model

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / DEFAULT_MODEL_PATH
SENTENCES = ["She has been skipping meals so her children can eat.",
             "The family cannot afford enough food this week.",
             "The quarterly invoice spreadsheet uses pivot tables.",
             "Damp and mould in the flat are making the baby's asthma worse, and the landlord will not answer. " * 12]


@pytest.fixture(scope="module")
def onnx():
    return OnnxMiniLMEmbedder(ensure_onnx_model(BUILT), build=False)


def test_when_texts_embedded_then_float32_unit_vectors_of_384_dims(onnx):
    vectors = onnx.embed_batch(SENTENCES)
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert onnx.embed_batch([]).shape == (0, 384)


def test_when_compared_with_pytorch_minilm_then_the_vectors_are_the_same_to_rounding(onnx, torch_embedder):
    """Why the two share one embedder id (stored vectors and calibrations stay valid). The long text is cut at
    256 word pieces by both."""
    ours, theirs = onnx.embed_batch(SENTENCES), torch_embedder.embed_batch(SENTENCES)
    assert np.abs(ours - theirs).max() < 1e-4
    assert ((ours * theirs).sum(axis=1)).min() > 0.99999
    assert onnx.id == torch_embedder.id == ONNX_EMBEDDER_ID


def test_when_a_text_is_embedded_alone_or_among_longer_ones_then_its_vector_is_the_same(onnx):
    """Batches are padded to their own longest text; the padding must not leak into a vector."""
    alone = onnx.embed_batch(SENTENCES[:1])[0]
    among = onnx.embed_batch(SENTENCES[::-1])[-1]
    assert float(alone @ among) > 0.9999


def test_when_sentences_related_then_closer_than_unrelated(onnx):
    a, b, c, _ = onnx.embed_batch(SENTENCES)
    assert float(a @ b) > float(a @ c) + 0.2


def test_when_the_default_is_made_then_it_is_the_onnx_embedder_and_every_setting_name_has_one():
    assert isinstance(make_embedder(Settings().embedder), OnnxMiniLMEmbedder)
    assert isinstance(make_embedder("accurate-torch"), MiniLMEmbedder)
    assert set(EMBEDDERS) == set(EMBEDDER_NAMES)
    assert OnnxMiniLMEmbedder.kind == MiniLMEmbedder.kind and OnnxMiniLMEmbedder.dim == MiniLMEmbedder.dim


def test_when_an_unknown_embedder_is_set_then_the_error_lists_the_names(monkeypatch):
    monkeypatch.setenv("INSIGHTS_EMBEDDER", "onnx")
    with pytest.raises(SettingsError, match="'accurate', 'accurate-torch' or 'fast'"):
        Settings.from_env()


def test_when_model_missing_and_build_disabled_then_error_says_how_to_build(tmp_path):
    with pytest.raises(SettingsError, match="python -m themes.onnx_embedder"):
        OnnxMiniLMEmbedder(tmp_path / "nowhere", build=False).embed_batch(["hello"])


def test_when_the_model_file_is_damaged_then_error_says_to_rebuild(tmp_path, onnx):
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("tokenizer.json", "insights_build.json"):
        (broken / name).write_bytes((onnx.path / name).read_bytes())
    (broken / "model.onnx").write_bytes(b"not an onnx graph")
    with pytest.raises(SettingsError, match="Remove the folder and run `python -m themes.onnx_embedder"):
        OnnxMiniLMEmbedder(broken, build=False).embed_batch(["hello"])


def test_when_a_folder_holds_something_else_then_it_is_not_overwritten(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(SettingsError, match="Remove the folder"):
        ensure_onnx_model(tmp_path)
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def test_when_the_shipped_assigner_runs_on_both_then_every_note_gets_the_same_themes(onnx, torch_embedder):
    """The agreement check on a small real corpus (the first 150 disaster help requests and 60 demo notes):
    the shipped zero-shot assigner, calibrated on the same texts, gives the same set of themes with either
    embedder. bench/onnx_agreement.py reports it on every full data set."""
    from bench.onnx_agreement import agreement, run_one
    from bench.zero_shot import load_dataset

    settings = Settings()
    shares = []
    for name, rows in (("disaster", 150), ("demo", 60)):
        texts, _, taxonomy, *_ = load_dataset(name)
        reference = run_one(texts[:rows], taxonomy, torch_embedder, settings)
        candidate = run_one(texts[:rows], taxonomy, onnx, settings)
        result = agreement(reference["themes"], candidate["themes"])
        assert result["assigned_reference"] > rows // 4   # a check on themes, not on everything unassigned
        shares.append(result["identical_share"])
    assert min(shares) >= 0.99, shares
