"""`insights pack`: the evidence pack (service/packs.py) for a period and areas, written to a zip file."""
from __future__ import annotations

import getpass
from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store


@click.command("pack")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--period", default=None, help="Month (2025-03), quarter (2025-Q3) or year (2025); default all time.")
@click.option("--areas", default="", help="ONS codes, comma-separated (wards or councils); default every area.")
@click.option("--level", type=click.Choice(["ward", "lad"]), default="lad", show_default=True,
              help="Count areas as wards or as councils.")
@click.option("--output", "output", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The zip file to write (e.g. pack-2025-Q3.zip).")
@click.option("--project", "project_id", type=int, default=None,
              help="A community insights project: its period and areas, its theme view, quotes and decisions.")
@handle_errors
def pack(db, period, areas, level, output, project_id):
    """Write an evidence pack: the "what we're hearing" summary (Word, PDF, Markdown), evidence.csv, quotes.csv,
    responses.csv, the charts as PNG, method.md, sources.md and manifest.json (each file's SHA-256), in one zip.
    Every count is suppressed and rounded. The pack and its quotes are recorded in the audit file."""
    from engine.core.errors import InputError
    from engine.publish.publications import summary_publication
    from engine.publish.suppression import Policy
    from service.packs import build_pack, quoted_ids

    codes = [a.strip() for a in areas.split(",") if a.strip()]
    store = open_store(db)
    principal = f"cli:{getpass.getuser()}"
    try:
        content, summary, manifest = build_pack(store, Policy.from_settings(Settings.from_env(db_path=db)),
                                                period, codes or None, level, made_by=principal,
                                                project_id=project_id)
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(content)
        except OSError as exc:
            raise InputError(f"Cannot write {output} ({exc.strerror}).", where="output",
                             fix="Give --output a file in a folder you can write to.") from None
        if ids := quoted_ids(summary):
            store.audit_note_read(principal, None, "insights pack", ids)
        store.record_publication(summary_publication(store, summary, "pack", "insights pack", principal, None, "zip"))
    finally:
        store.close()
    c = manifest["counts"]
    click.echo(f"{output}: {len(content):,} bytes, {len(manifest['files'])} files ({c['evidence_rows']} evidence rows, "
               f"{c['quotes']} quotes, {c['responses']} responses, {c['charts']} charts).")
