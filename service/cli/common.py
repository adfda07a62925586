"""What every `insights` command shares: the --db help, error handling, progress bars, the pipeline and the JSONL reader."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from engine.core.errors import InsightsError
from engine.core.settings import Settings

DB_HELP = ("SQLite database file, or a postgresql://user@host/dbname URL (default: $INSIGHTS_DB or "
           "data/insights.db).")


class DbTarget(click.ParamType):
    """--db: a file path (a Path) or a server URL (kept as text: a Path would fold its `//`)."""
    name = "path-or-url"

    def convert(self, value, param, ctx):
        from engine.core.settings import db_target

        return value if isinstance(value, Path) else db_target(str(value))


DB_TARGET = DbTarget()


def handle_errors(fn):
    """Library errors become a clean CLI error that says what went wrong and what to do about it."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InsightsError as exc:
            raise click.ClickException(f"{exc.message} {exc.fix}") from None
    return wrapper


def progress(iterable, **kwargs):
    from tqdm import tqdm

    return tqdm(iterable, file=sys.stderr, leave=True, **kwargs)


def pipeline(settings: Settings, **kwargs):
    from engine.pipeline import Pipeline
    from engine.store import Store

    return Pipeline(settings, Store(settings.db_path), progress=progress, **kwargs)


def open_store(db):
    """The store for --db (or $INSIGHTS_DB)."""
    from engine.store import Store

    return Store(Settings.from_env(db_path=db).db_path)


def read_jsonl(path: Path):
    """Yield (line number, object or error message)."""
    from engine.core.jsonl import jsonl_lines

    for line_no, obj, problem in jsonl_lines(path):
        if problem:
            yield line_no, problem
        elif not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield line_no, 'each line needs an "id" and a "text" string'
        else:
            yield line_no, obj


def serve_app(settings: Settings, host: str, port: int) -> None:
    """Serve the app. Once the port is ours, jobs a previous process left queued or running are marked failed,
    and when this one stops, so are its own unfinished jobs, each with a message to its contributor
    (engine.jobs.fail_interrupted). One service process per database, as here, is assumed."""
    import uvicorn

    from engine import jobs
    from service.app import create_app

    config = uvicorn.Config(create_app(settings, background=True), host=host, port=port, log_level="warning")
    sock = config.bind_socket()                  # exits with uvicorn's message if the port is taken
    if jobs.fail_interrupted(settings.db_path, "restarted"):
        click.echo("Uploads cut short when the service last stopped were marked failed; their contributors are "
                   "told to upload again.", err=True)
    click.echo(f"\nCommunity Insights is running at http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    click.echo("Press Ctrl+C to stop.")
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        jobs.fail_interrupted(settings.db_path, "stopped", only=jobs.running_here())
