"""Bulk anonymisation on every core: worker processes forked from the process that built the analyzer.

spaCy's NER and our recognisers are CPU-bound Python, so threads do not help. For a call with at least
`MIN_PER_PROCESS` notes per process, the notes are split into chunks and analysed by a pool of processes
forked from this one, so each starts with the analyzer already loaded (no second model load). Raw text
travels to the workers through in-memory pipes and only findings (types and offsets) come back; nothing is
written to disk. A failure in a worker fails the whole call, and the caller rejects the notes (fail closed).

`Settings.anonymise_processes`: 0 (default) uses up to 4 of the machine's cores; 1 keeps everything in
this process (the web service's single notes never need more).
"""
from __future__ import annotations

import multiprocessing
import os

MIN_PER_PROCESS = 32
MAX_AUTO_PROCESSES = 4
_ANONYMISER = None      # set in the parent just before forking; the children inherit it


def process_count(settings, n_texts: int) -> int:
    wanted = settings.anonymise_processes or min(MAX_AUTO_PROCESSES, os.cpu_count() or 1)
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(wanted, n_texts // MIN_PER_PROCESS))


def _work(texts: list[str]):
    return _ANONYMISER._analyse_here(texts)


def _pool(anonymiser, processes: int):
    """One pool per anonymiser and size, kept for its life (forking costs ~50 ms, the analyzer nothing)."""
    global _ANONYMISER
    pool = getattr(anonymiser, "_process_pool", None)
    if pool is not None and pool[0] == processes:
        return pool[1]
    if pool is not None:
        pool[1].shutdown(cancel_futures=True)
    from concurrent.futures import ProcessPoolExecutor

    anonymiser.analyzer          # build it before forking, so every child inherits it
    _ANONYMISER = anonymiser
    executor = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork"))
    anonymiser._process_pool = (processes, executor)
    return executor


def analyse_in_processes(anonymiser, texts: list[str], processes: int) -> list:
    executor = _pool(anonymiser, processes)
    n_chunks = processes * 2
    size = -(-len(texts) // n_chunks)
    chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
    results: list = []
    for part in executor.map(_work, chunks):
        results.extend(part)
    return results


def shutdown(anonymiser) -> None:
    pool = getattr(anonymiser, "_process_pool", None)
    if pool is not None:
        pool[1].shutdown(cancel_futures=True)
        anonymiser._process_pool = None
