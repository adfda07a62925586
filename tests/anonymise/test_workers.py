"""Bulk anonymisation in forked worker processes gives exactly what one process gives, and writes nothing."""
from __future__ import annotations

import os

import pytest

from anonymise import workers
from anonymise.anonymiser import Anonymiser
from engine.core.settings import Settings

CANARY = "Zebedee Quillfeather-Vantablack"


def notes(n: int) -> list[str]:
    from corpora.pii_eval import generate_pii_eval_set

    texts = [row["text"] for row in generate_pii_eval_set(n, 3)]
    texts[5] = f"Spoke to {CANARY} about rent arrears at 14 Mill Lane."
    return texts


@pytest.mark.parametrize("setting, n_texts, cores, expected", [
    (1, 1000, 8, 1),          # one process asked for
    (2, 1000, 8, 2),
    (0, 1000, 8, 4),          # auto: up to 4 cores
    (0, 1000, 2, 2),
    (0, 40, 8, 1),            # too few notes to be worth a second process
    (4, 70, 8, 2),            # at least 32 notes per process
])
def test_when_counting_processes_then_cores_and_batch_size_decide(monkeypatch, setting, n_texts, cores, expected):
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert workers.process_count(Settings(anonymise_processes=setting), n_texts) == expected


def test_when_analysed_in_two_processes_then_same_as_one(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    texts = notes(70)
    serial = Anonymiser(Settings(anonymise_processes=1)).anonymise_many(texts)
    parallel_anonymiser = Anonymiser(Settings(anonymise_processes=2))
    assert workers.process_count(parallel_anonymiser.settings, len(texts)) == 2
    parallel = parallel_anonymiser.anonymise_many(texts)
    try:
        assert [r.text for r in parallel] == [r.text for r in serial]
        assert [[(x.entity_type, x.start, x.end) for x in r.redactions] for r in parallel] == \
               [[(x.entity_type, x.start, x.end) for x in r.redactions] for r in serial]
        assert CANARY not in parallel[5].text and "Quillfeather" not in parallel[5].text
        assert parallel_anonymiser._process_pool is not None     # the pool really ran
    finally:
        workers.shutdown(parallel_anonymiser)
    for path in tmp_path.rglob("*"):                            # nothing written where temp files would go
        assert not path.is_file() or CANARY.encode() not in path.read_bytes()


def test_when_settings_ask_for_negative_processes_then_error_says_what_to_set():
    from engine.core.errors import SettingsError

    with pytest.raises(SettingsError, match="INSIGHTS_ANONYMISE_PROCESSES"):
        Settings(anonymise_processes=-1)


# ---- workers that stop: time-outs, inherited descriptors, the fair queue (issue 20) ------------------------
def _alive(pid: int) -> bool:
    from pathlib import Path

    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _sharing(anonymiser, **settings) -> Anonymiser:
    """A new anonymiser on the session's already-built analyzer."""
    fresh = Anonymiser(Settings(**settings))
    fresh._analyzer, fresh._allowed = anonymiser.analyzer, anonymiser._allowed
    return fresh


def test_when_a_worker_runs_past_the_time_limit_then_it_is_killed_and_replaced(anonymiser):
    slow = _sharing(anonymiser, anonymise_timeout_seconds=0.5)
    workers.install(slow, 1)
    try:
        assert not isinstance(slow.anonymise_many(["Spoke to Amira at the food bank."])[0], Exception)
        [first] = slow._process_pool.pids
        long_note = ("Spoke to Amira Khan about the food bank at 14 Elm Road, SE13 6QT. " * 1500)[:60_000]
        result = slow.anonymise_many([long_note])[0]
        assert isinstance(result, Exception) and "took too long" in result.message
        assert not _alive(first)                                  # the work really stopped
        assert "Khan" not in slow.anonymise("Spoke to Amira Khan today.").text
        assert slow._process_pool.pids and first not in slow._process_pool.pids   # a fresh worker
    finally:
        workers.shutdown(slow)


def test_when_workers_are_forked_then_they_hold_none_of_the_parents_descriptors(anonymiser, tmp_path):
    import socket
    from pathlib import Path

    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    database = open(tmp_path / "insights.db", "wb")
    mine = {os.readlink(f"/proc/self/fd/{fd}") for fd in (listening.fileno(), database.fileno())}
    parallel = _sharing(anonymiser)
    workers.install(parallel, 2)
    try:
        parallel.anonymise_many(notes(20))
        pids = parallel._process_pool.pids
        assert pids
        for pid in pids:
            held = {os.readlink(p) for p in Path(f"/proc/{pid}/fd").iterdir()}
            assert not held & mine, "a worker holds the parent's socket or database"
            assert len(held) <= 5                                  # stdin/out/err, its pipe, its watch pipe
    finally:
        workers.shutdown(parallel)
        listening.close()
        database.close()
    assert not any(_alive(pid) for pid in pids)


def test_when_one_key_has_many_tasks_then_others_go_round_robin_and_a_key_past_its_limit_waits_for_them():
    from collections import Counter

    pool = workers.WorkerPool.__new__(workers.WorkerPool)       # the queue alone, without workers
    pool.per_key, pool._busy, pool._queues = 1, Counter(), {}
    for key, n in (("big", 5), ("small", 1), ("other", 2)):
        pool._queues[key] = workers.deque(workers._Task([f"{key} {i}"], key) for i in range(n))

    def take():
        task = pool._next()
        if task is not None:
            pool._busy[task.key] += 1                             # it runs until released
        return task and task.key

    assert [take(), take(), take()] == ["big", "small", "other"]   # one turn each, the big batch first in line
    pool._busy["other"] = 0                                        # "other" is under its limit, "big" is not:
    assert take() == "other"                                       # the key under its limit goes first
    assert take() == "big"        # every key at its limit and a worker idle: work-conserving, the next in turn
    pool._busy.clear()
    assert [take() for _ in range(2)] == ["big", "big"]            # alone, it may use every worker


def test_when_tasks_are_cut_then_each_is_small_and_a_long_note_goes_alone():
    texts = ["a" * 100] * 20 + ["b" * 50_000] + ["c" * 15_000] * 3
    parts = workers.chunks(texts)
    assert [t for part in parts for t in part] == texts
    assert all(len(p) <= workers.CHUNK_NOTES for p in parts)
    assert all(sum(map(len, p)) <= workers.CHUNK_CHARS or len(p) == 1 for p in parts)
