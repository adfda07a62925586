"""`insights dpia`: the DPIA-lite and data-sharing summary for an information-governance officer."""
from __future__ import annotations

from pathlib import Path

import click

from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store


@click.command("dpia")
@click.option("--format", "fmt", type=click.Choice(["md", "docx", "pdf", "html"]), default="md", show_default=True,
              help="File format.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file (default: dpia-lite-DATE.FORMAT here; Markdown with no --output prints).")
@click.option("--db", type=DB_TARGET, default=None, help=DB_HELP)
@handle_errors
def dpia(fmt, output, db):
    """The DPIA-lite, made from the live settings, the database's counts and the last saved
    `insights eval anonymisation --db` run: what is collected and never is, anonymisation and its measured
    recall, suppression, roles, retention, erasure, where data lives, sub-processors, risks. No note text."""
    from engine.core.settings import Settings
    from service import dpia as lib

    settings = Settings.from_env(db_path=db) if db else Settings.from_env()
    store = open_store(db)
    try:
        content, _, name = lib.render(lib.document(store, settings), fmt)
    finally:
        store.close()
    if output is None and fmt == "md":
        click.echo(content.decode("utf-8"))
        return
    target = output or Path(name)
    target.write_bytes(content)
    click.echo(f"Wrote {target} ({len(content):,} bytes).", err=True)
