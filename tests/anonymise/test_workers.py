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
