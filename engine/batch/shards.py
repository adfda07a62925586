"""The driver's plan for a batch: the files of a folder, how many notes each holds, cut into ranges of notes.

The driver reads each file once to count its notes and collect the reader's messages (which name a line or row,
never its text); the notes themselves are dropped at once. Workers read their own ranges again (engine/batch/
worker.py), so only paths and numbers go to them."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from engine.core.errors import InputError
from engine.readers import read_path

SUFFIXES = (".jsonl", ".csv", ".txt")


@dataclass(frozen=True)
class Shard:
    """Notes [start, stop) of the file `path` (the `file`-th of the plan): what one worker task reads."""
    shard: int
    file: int
    path: str
    start: int
    stop: int


@dataclass
class FilePlan:
    path: Path
    notes: int
    errors: list[str] = field(default_factory=list)
    shards: list[Shard] = field(default_factory=list)


def batch_files(folder: Path) -> list[Path]:
    """The readable files under `folder` (sub-folders too), in the order of their paths: the order they are stored
    in, as `insights ingest` run on each in turn would."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder} is not a folder.", fix="Give the folder that holds the .jsonl, .csv or .txt files.")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise InputError(f"{folder} holds no .jsonl, .csv or .txt file.",
                         fix="Put the notes in files ending .jsonl, .csv or .txt, or give another folder.")
    return files


def plan(folder: Path, source_type: str, shard_notes: int, max_bytes: int | None) -> list[FilePlan]:
    """Every file of `folder` with its note count, the reader's messages and its ranges of `shard_notes` notes.
    A file that cannot be read at all (not UTF-8, too large, no text column) is refused here, before any work."""
    plans: list[FilePlan] = []
    shard = 0
    for index, path in enumerate(batch_files(folder)):
        read = read_path(path, source_type, max_bytes)
        count, errors = len(read.notes), list(read.errors)
        del read
        item = FilePlan(path, count, errors)
        for start in range(0, count, shard_notes):
            item.shards.append(Shard(shard, index, str(path.resolve()), start, min(count, start + shard_notes)))
            shard += 1
        plans.append(item)
    return plans
