"""Run a batch: Ray started (or joined), the actor pool of engine/batch/worker.py over the plan's ranges, and the
driver, the one writer, storing each file through `Pipeline.store_anonymised` in file order.

Each file becomes one submission, stored once all its ranges are back, in the order of the files' paths: the
same dedupe keys, embedding cache, near-duplicate flags and corpus-calibrated theme assignment as `insights
ingest` run on each file in turn, so the two give the same notes and the same theme counts. Ranges come back in
any order and are held until their file is complete.

Retries: a worker that dies (killed, out of memory) is restarted and its range run again by Ray
(Settings.batch_retries times: max_restarts and max_task_retries of the actor pool). A batch that stops part way
can be run again: the files already stored are skipped note by note (their dedupe keys exist).

The local cluster's session, logs and spilled objects live in one folder (Settings.batch_temp_dir, else a new
one under /tmp, removed afterwards); its object store holds only paths, ranges and anonymised results."""
from __future__ import annotations

import os
import shutil
import tempfile
import time
import warnings
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

from engine.batch.shards import FilePlan, Shard, plan
from engine.batch.worker import ShardWorker, read_payload
from engine.core.errors import BatchError
from engine.core.offline import OFFLINE_ENV, ensure_offline
from engine.core.settings import Settings
from engine.core.vocab import DEFAULT_CONSENT_BASIS, DEFAULT_SOURCE_TYPE

ROOT = Path(__file__).resolve().parents[2]


def worker_env(settings: Settings) -> dict[str, str]:
    """What every Ray worker process is given: the offline variables, numba's cache and this checkout on the path."""
    ensure_offline(settings)
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    return {**OFFLINE_ENV, "NUMBA_CACHE_DIR": os.environ["NUMBA_CACHE_DIR"], "PYTHONPATH": path}


def start_local_ray(settings: Settings, num_cpus: int, temp_dir: Path) -> None:
    """A local Ray cluster of `num_cpus` CPUs with no dashboard, an object store of Settings.batch_object_store_mb
    and its session, logs and spilled objects under `temp_dir` (spilled to `temp_dir`/spill)."""
    ensure_offline(settings)
    import ray

    spill = Path(temp_dir) / "spill"
    spill.mkdir(parents=True, exist_ok=True)
    ray.init(num_cpus=num_cpus, object_store_memory=settings.batch_object_store_mb * 1024 * 1024,
             include_dashboard=False, _temp_dir=str(Path(temp_dir).resolve()), log_to_driver=False,
             logging_level="WARNING", runtime_env={"env_vars": worker_env(settings)},
             object_spilling_directory=str(spill.resolve()))


@contextmanager
def ray_cluster(settings: Settings, workers: int, address: str | None = None):
    """Ray for one batch: the one already started in this process (kept running), the cluster at `address`, or
    a local one of `workers` CPUs (shut down, and its folder removed unless Settings.batch_temp_dir names it)."""
    ensure_offline(settings)
    import ray

    if ray.is_initialized():
        yield
        return
    temp = Path(settings.batch_temp_dir) if settings.batch_temp_dir else Path(tempfile.mkdtemp(prefix="ib-"))
    try:
        if address:
            ray.init(address=address, log_to_driver=False, logging_level="WARNING",
                     runtime_env={"env_vars": worker_env(settings)})
        else:
            start_local_ray(settings, workers, temp)
    except Exception as exc:
        raise BatchError(f"Ray could not start ({type(exc).__name__}: {exc}).",
                         fix="Check --address (or leave it out for a local cluster) and that the folder for Ray's "
                             "files can be written (INSIGHTS_BATCH_TEMP_DIR).") from None
    try:
        yield
    finally:
        ray.shutdown()
        if not settings.batch_temp_dir:
            shutil.rmtree(temp, ignore_errors=True)


def shard_results(shards: list[Shard], settings: Settings, source_type: str, workers: int):
    """(shard id, payload bytes) for every range, as the actor pool finishes them."""
    import ray

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    items = [{"shard": s.shard, "path": s.path, "start": s.start, "stop": s.stop} for s in shards]
    with warnings.catch_warnings():
        # Ray 2.60 has no other way to bound an actor pool's restarts and retries (its default is forever); the
        # keyword arguments are deprecated for Ray 2.64, which this project does not use yet (pinned 2.60.0).
        warnings.filterwarnings("ignore", message="`ray_remote_args` is deprecated")
        ds = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            ShardWorker, fn_constructor_kwargs={"settings": settings, "source_type": source_type}, batch_size=1,
            batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1,
            max_restarts=settings.batch_retries, max_task_retries=settings.batch_retries)
    for batch in ds.iter_batches(batch_size=None, batch_format="pyarrow"):
        yield from zip(batch.column("shard").to_pylist(), batch.column("payload").to_pylist())


def run_batch(folder: Path, org: str, settings: Settings, *, workers: int | None = None, address: str | None = None,
              source_type: str = DEFAULT_SOURCE_TYPE, consent_basis: str = DEFAULT_CONSENT_BASIS,
              consent_reference: str | None = None, recorded_by: str | None = None,
              on_file: Callable[[dict], None] | None = None, progress=None) -> dict:
    """Anonymise, embed and store every note of `folder` with `workers` Ray workers (Settings.batch_workers);
    `on_file(report)` is told each file's report as soon as it is stored. Returns the totals and the reports."""
    from engine.pipeline import Pipeline, no_progress
    from engine.store import Store

    workers = workers or settings.batch_workers
    settings = absolute_paths(settings)
    plans = plan(folder, source_type, settings.batch_shard_notes, settings.max_upload_bytes)
    store = Store(settings.db_path)
    pipeline = Pipeline(settings, store, progress=progress or no_progress)
    reports: list[dict] = []
    try:
        consent = pipeline.consent(org, consent_basis, consent_reference)   # refused before any work
        pending: dict[int, bytes] = {}

        def store_ready() -> None:
            while len(reports) < len(plans) and all(s.shard in pending for s in plans[len(reports)].shards):
                report = store_file(pipeline, plans[len(reports)], pending, org, consent, recorded_by)
                reports.append(report)
                if on_file is not None:
                    on_file(report)

        store_ready()
        shards = [s for p in plans for s in p.shards]
        if shards:
            with ray_cluster(settings, workers, address):
                try:
                    for shard, data in shard_results(shards, settings, source_type, workers):
                        pending[shard] = data
                        store_ready()
                except BatchError:
                    raise
                except Exception as exc:   # Ray's own errors; ours never carry note text either
                    raise BatchError(f"The batch stopped after {len(reports)} of {len(plans)} files were stored "
                                     f"({type(exc).__name__}).") from None
        if len(reports) < len(plans):
            raise BatchError(f"Ray returned the results of {len(pending)} ranges but not all; {len(reports)} of "
                             f"{len(plans)} files were stored.")
    finally:
        store.close()
    totals = {k: sum(r[k] for r in reports) for k in ("read", "stored", "duplicates", "near_duplicates")}
    totals["rejected"] = sum(len(r["rejected"]) for r in reports)
    totals["skipped"] = sum(len(r["skipped"]) for r in reports)
    return {**totals, "files": reports, "workers": workers}


def absolute_paths(settings: Settings) -> Settings:
    """The settings with their files as absolute paths (a Ray worker may run in another folder); a database URL
    is kept as it is."""
    db = settings.db_path if "://" in str(settings.db_path) else Path(settings.db_path).resolve()
    return settings.with_overrides(db_path=db, **{k: Path(getattr(settings, k)).resolve() for k in
                                                  ("allow_list_path", "quote_places_path", "numba_cache_dir")
                                                  if getattr(settings, k) is not None})


def store_file(pipeline, item: FilePlan, pending: dict[int, bytes], org: str, consent: dict,
               recorded_by: str | None) -> dict:
    """One file's ranges, put together in order and stored as one submission, exactly as ingest stores a file."""
    began = time.perf_counter()
    parts = [read_payload(pending.pop(s.shard)) for s in item.shards]
    embedder_id = pipeline.embedder.id
    if any(p["embedder_id"] != embedder_id for p in parts):
        raise BatchError(f"The workers embedded with another model than the driver's ({embedder_id}).",
                         fix="Give the workers the same INSIGHTS_EMBEDDER as this command, then run it again.")
    vectors = {h: v for p in parts for h, v in p["vectors"].items()}
    if vectors:
        pipeline.store.put_embeddings(vectors, embedder_id)
    report = pipeline.store_anonymised([n for p in parts for n in p["notes"]],
                                       [r for p in parts for r in p["rejected"]], item.notes, org, consent,
                                       channel="batch", recorded_by=recorded_by)
    return {**report, "file": item.path.name, "skipped": item.errors,
            "store_seconds": round(time.perf_counter() - began, 3),
            "worker_seconds": round(sum(p["seconds"] for p in parts), 3)}
