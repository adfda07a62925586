"""`insights batch` on a local Ray cluster (one per module, `ray.init(num_cpus=2)` through engine/batch/run.py's
own start): the real anonymiser and MiniLM in every worker, real SQLite written by the driver alone.

- the same notes and theme counts as `insights ingest` of each file, with 2 workers;
- a planted name, phone and NHS number are nowhere in Ray's session folder (logs, spilled objects) or the
  database, while the note's anonymised words are, so the scan reads the right files;
- a worker killed mid-run (SIGKILL from outside) is restarted and its range run again: every note once;
- a re-run of the same folder adds nothing."""
import json
import os
import shutil
import signal
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from corpora.demo import generate_demo_corpus
from engine.batch.run import run_batch, start_local_ray
from engine.core.settings import Settings
from engine.store import Store
from service.cli.main import main

CANARY = ["Zebulon", "Quarrington", "07700 900461", "07700900461", "943 476 5919", "9434765919"]
CANARY_NOTE = ("Zebulon Quarrington-Fitch rang on 07700 900461 about the quokkaburrow food parcel; his NHS number "
               "is 943 476 5919 and he is worried about the rent arrears and the damp in the flat.")
MARKER = "quokkaburrow"     # a made-up word the anonymiser keeps: the anonymised note's own trace
ENV = {"INSIGHTS_ANONYMISE_PROCESSES": "1", "INSIGHTS_BATCH_SHARD_NOTES": "5"}


@pytest.fixture(scope="module")
def ray_dir():
    """One local Ray cluster for the module: 2 CPUs, a 120 MB object store, everything under one folder."""
    import ray

    temp = Path(tempfile.mkdtemp(prefix="ibt-"))   # short: Ray's socket paths must fit in 107 characters
    start_local_ray(Settings(batch_object_store_mb=120), num_cpus=2, temp_dir=temp)
    yield temp
    ray.shutdown()
    shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture(scope="module")
def demo_notes():
    return generate_demo_corpus(n_notes=80).notes


def write_folder(folder: Path, notes: list[dict]) -> Path:
    """The notes as three files of the three kinds: .jsonl (with ids, dates, areas), .csv and .txt."""
    folder.mkdir(parents=True, exist_ok=True)
    cut1, cut2 = len(notes) * 2 // 5, len(notes) * 3 // 4
    a, b, c = notes[:cut1], notes[cut1:cut2], notes[cut2:]
    (folder / "a.jsonl").write_text("".join(json.dumps({"id": n["id"], "text": n["text"], "date": n["date"],
                                                        "area": n["area_code"]}) + "\n" for n in a))
    (folder / "b.csv").write_text("text,date\n" + "".join(
        '"' + n["text"].replace('"', '""') + f'",{n["date"]}\n' for n in b))
    (folder / "c.txt").write_text("\n---\n".join(n["text"] for n in c) + "\n")
    return folder


def contents(db: Path) -> tuple[Counter, Counter, dict]:
    """(anonymised texts, (text, its themes) pairs, theme counts) of a database."""
    store = Store(db)
    try:
        rows = store.in_force_assignments()
        texts = store.note_texts(sorted({r["note_id"] for r in rows}))
        themes = defaultdict(set)
        for r in rows:
            themes[r["note_id"]].add(r["theme_id"])
        return (Counter(store.all_note_texts()), Counter((texts[i], frozenset(t)) for i, t in themes.items()),
                store.theme_note_counts())
    finally:
        store.close()


def test_when_a_folder_goes_through_batch_with_2_workers_then_notes_and_themes_equal_ingest_of_each_file(
        ray_dir, demo_notes, tmp_path):
    folder = write_folder(tmp_path / "in", demo_notes[:36])
    runner = CliRunner()
    for name in ("a.jsonl", "b.csv", "c.txt"):
        done = runner.invoke(main, ["ingest", str(folder / name), "--org", "Riverside", "--db",
                                    str(tmp_path / "ingest.db")], env=ENV)
        assert done.exit_code == 0, done.output[-800:]
    done = runner.invoke(main, ["batch", str(folder), "--org", "Riverside", "--db", str(tmp_path / "batch.db"),
                                "--workers", "2", "--json"], env=ENV)
    assert done.exit_code == 0, done.output[-800:]
    result = json.loads(done.output.strip().splitlines()[-1])
    assert (result["read"], result["stored"], result["workers"]) == (36, 36, 2)
    assert [f["file"] for f in result["files"]] == ["a.jsonl", "b.csv", "c.txt"]
    texts, themed, counts = contents(tmp_path / "batch.db")
    want_texts, want_themed, want_counts = contents(tmp_path / "ingest.db")
    assert sum(texts.values()) == 36 and texts == want_texts
    assert themed == want_themed
    assert counts == want_counts and sum(counts.values()) >= 36


def _files(root: Path):
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            try:
                yield path, path.read_bytes()
            except OSError:    # a socket or a file Ray removed meanwhile
                continue


def test_when_a_batch_spills_then_no_raw_identifier_is_in_rays_folder_or_the_database(ray_dir, demo_notes,
                                                                                       tmp_path):
    import ray

    folder = write_folder(tmp_path / "in", demo_notes[:48])
    # the canary first in the second and third files' first ranges, which are waiting when the store fills
    csv = (folder / "b.csv").read_text().split("\n", 1)
    (folder / "b.csv").write_text(f"{csv[0]}\n\"{CANARY_NOTE}\",2025-03-14\n{csv[1]}")
    (folder / "c.txt").write_text(CANARY_NOTE + "\n---\n" + (folder / "c.txt").read_text())
    filler, spill_scans = [], []

    def fill(report):     # after each file: fill the object store over the ranges still waiting, read the spill
        filler.extend(ray.put(np.ones(35 * 1024 * 1024 // 8)) for _ in range(4))
        spill_scans.extend(data for _, data in _files(ray_dir / "spill"))   # spilled files go once freed

    # ranges of 16 notes: their results (with vectors) pass Ray's 100 kB inline limit, so they live in the store
    settings = Settings(db_path=tmp_path / "db" / "c.db", anonymise_processes=1, batch_shard_notes=16)
    result = run_batch(folder, "Riverside", settings, workers=2, on_file=fill)
    assert result["stored"] == 50 and result["rejected"] == 0
    del filler
    scanned = [data for _, data in _files(ray_dir)] + [data for _, data in _files(tmp_path / "db")] + spill_scans
    assert [c for data in scanned for c in CANARY if c.encode() in data] == []
    assert any(MARKER.encode() in data for p, data in _files(tmp_path / "db"))
    assert len(spill_scans) >= 3, "nothing was spilled: the test did not test what spilling writes"
    logs = [p for p, _ in _files(ray_dir) if p.suffix in (".out", ".err", ".log")]
    assert logs, "Ray wrote no logs: the scan did not read them"


def _shard_worker_pids() -> set[int]:
    pids = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmdline = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if b"ShardWorker" in cmdline:
                pids.add(int(proc.name))
    return pids


def test_when_a_worker_is_killed_mid_run_then_it_is_retried_and_every_note_is_stored_once(ray_dir, demo_notes,
                                                                                         tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    notes = demo_notes[36:76]
    (folder / "a.jsonl").write_text("".join(json.dumps({"id": n["id"], "text": n["text"]}) + "\n"
                                            for n in notes[:3]))
    (folder / "b.jsonl").write_text("".join(json.dumps({"id": n["id"], "text": n["text"]}) + "\n"
                                            for n in notes[3:]))
    seen: list[set[int]] = []
    killed: list[int] = []

    def kill_one(report):
        pids = _shard_worker_pids()
        seen.append(pids)
        if not killed and pids:
            killed.append(min(pids))
            os.kill(killed[0], signal.SIGKILL)

    settings = Settings(db_path=tmp_path / "k.db", anonymise_processes=1, batch_shard_notes=3)
    result = run_batch(folder, "Riverside", settings, workers=2, on_file=kill_one)
    assert killed and seen[0] >= set(killed)
    assert (result["read"], result["stored"], result["rejected"]) == (40, 40, 0)
    store = Store(tmp_path / "k.db")
    try:
        texts = store.all_note_texts()
        assert len(texts) == 40 and len(set(texts)) == 40
    finally:
        store.close()

    again = run_batch(folder, "Riverside", settings, workers=2)
    assert (again["read"], again["stored"], again["duplicates"]) == (40, 0, 40)
    store = Store(tmp_path / "k.db")
    try:
        assert len(store.all_note_texts()) == 40
    finally:
        store.close()


def test_when_batch_writes_to_postgresql_with_2_workers_then_notes_and_themes_equal_ingest_into_sqlite(
        ray_dir, demo_notes, tmp_path, pg_url):
    """Issue 19's check: the same files through `insights batch --workers 2` into PostgreSQL and through
    `insights ingest` (each file) into SQLite give the same anonymised notes, the same themes per note and the same
    theme counts."""
    folder = write_folder(tmp_path / "in", demo_notes[:36])
    runner = CliRunner()
    for name in ("a.jsonl", "b.csv", "c.txt"):
        done = runner.invoke(main, ["ingest", str(folder / name), "--org", "Riverside", "--db",
                                    str(tmp_path / "ingest.db")], env=ENV)
        assert done.exit_code == 0, done.output[-800:]
    done = runner.invoke(main, ["batch", str(folder), "--org", "Riverside", "--db", pg_url, "--workers", "2",
                                "--json"], env=ENV)
    assert done.exit_code == 0, done.output[-800:]
    result = json.loads(done.output.strip().splitlines()[-1])
    assert (result["read"], result["stored"], result["workers"]) == (36, 36, 2)
    texts, themed, counts = contents(pg_url)
    want_texts, want_themed, want_counts = contents(tmp_path / "ingest.db")
    assert sum(texts.values()) == 36 and texts == want_texts
    assert themed == want_themed
    assert counts == want_counts and sum(counts.values()) >= 36
