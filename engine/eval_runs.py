"""Saved evaluation runs: `insights eval anonymisation --db DB` keeps its measured figures in the store, so the
DPIA-lite (engine/publish/dpia.py) can quote the last recall per identifier type with its date and data set.

    save_anonymisation_run(store, report, dataset_path, records)   keep a run (figures only, never text)
    last_anonymisation_run(store)                                  the latest, or None
    code_version()                                                 package version, plus the git commit if known
"""
from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path

ANONYMISATION = "anonymisation"
_NEVER_SAVED = ("misses", "false_positives")   # example spans: personal data on real notes


def code_version() -> str:
    """`0.1.0` (the installed package), with `+g1a2b3c4` when this code is a git checkout."""
    from importlib import metadata

    try:
        version = metadata.version("community-insights")
    except metadata.PackageNotFoundError:
        version = "unknown"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).parent,
                                capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{version}+g{commit}" if commit else version


def save_anonymisation_run(store, report: dict, dataset_path: Path | str, records: int,
                           ran_at: datetime | None = None, version: str | None = None) -> int:
    """Keep one run's figures (`report` from anonymise.evaluate.report_to_dict); example spans are dropped."""
    path = Path(dataset_path)
    when = (ran_at or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds")
    figures = {k: v for k, v in report.items() if k not in _NEVER_SAVED}
    return store.save_eval_run(ANONYMISATION, when, path.name, str(path.resolve()), records,
                               version or code_version(), figures)


def last_anonymisation_run(store) -> dict | None:
    return store.last_eval_run(ANONYMISATION)
