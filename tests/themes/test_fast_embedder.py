"""The fast static embedder. Distilling it takes about 75 s on a 2-core machine, too slow for every test run,
so these tests use the model built at set-up (`python -m themes.fast_embedder`) and skip, saying so,
when it has not been built."""
from pathlib import Path

import numpy as np
import pytest

from engine.core.errors import SettingsError
from themes.embedder import MiniLMEmbedder
from themes.fast_embedder import (
    DEFAULT_MODEL_PATH,
    FAST_EMBEDDER_ID,
    FastEmbedder,
    ensure_fast_model,
)

ROOT = Path(__file__).resolve().parents[2]
BUILT = ROOT / DEFAULT_MODEL_PATH


@pytest.fixture(scope="session")
def fast():
    if not (BUILT / "model.safetensors").is_file():
        pytest.skip(f"The fast model is not built at {BUILT}. Build it once with `python -m themes.fast_embedder` "
                    "(about 75 s) to run these tests.")
    return FastEmbedder(BUILT, build=False)


SENTENCES = ["She has been skipping meals so her children can eat.",
             "The family cannot afford enough food this week.",
             "The quarterly invoice spreadsheet uses pivot tables."]


def test_when_texts_embedded_then_float32_unit_vectors_of_256_dims(fast):
    vectors = fast.embed_batch(SENTENCES)
    assert vectors.shape == (3, 256) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_when_no_texts_then_empty_array_of_the_right_width(fast):
    assert fast.embed_batch([]).shape == (0, 256)


def test_when_same_texts_embedded_twice_then_identical_vectors(fast):
    assert np.array_equal(fast.embed_batch(SENTENCES), fast.embed_batch(list(SENTENCES)))


def test_when_sentences_related_then_closer_than_unrelated(fast):
    a, b, c = fast.embed_batch(SENTENCES)
    assert float(a @ b) > float(a @ c) + 0.1


def test_when_compared_with_minilm_then_ids_differ_and_name_the_settings():
    assert FastEmbedder.id == FAST_EMBEDDER_ID == "minilm-static-256d"
    assert FastEmbedder.id != MiniLMEmbedder.id


def test_when_model_missing_and_build_disabled_then_error_says_how_to_build(tmp_path):
    with pytest.raises(SettingsError, match="python -m themes.fast_embedder"):
        FastEmbedder(tmp_path / "absent", build=False).embed_batch(["hello"])


def test_when_folder_holds_a_partial_model_then_ensure_refuses_to_overwrite_it(tmp_path):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "config.json").write_text("{}")
    with pytest.raises(SettingsError, match="no complete static model"):
        ensure_fast_model(tmp_path / "model")


def test_when_model_already_built_then_ensure_returns_it_without_rebuilding(fast):
    before = (BUILT / "model.safetensors").stat().st_mtime_ns
    assert ensure_fast_model(BUILT) == BUILT
    assert (BUILT / "model.safetensors").stat().st_mtime_ns == before
