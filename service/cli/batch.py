"""`insights batch DIR`: every .jsonl, .csv and .txt file of a folder anonymised and embedded by Ray workers, and
stored by this process alone (engine/batch/). The same notes and themes as `insights ingest` of each file."""
from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path

import click

from engine.core.settings import Settings
from engine.core.vocab import CONSENT_BASES, DEFAULT_CONSENT_BASIS, DEFAULT_SOURCE_TYPE, SOURCE_TYPES
from service.cli.common import DB_HELP, handle_errors


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--org", required=True, help="The organisation the notes come from.")
@click.option("--db", help=DB_HELP + " A PostgreSQL URL also works where the store supports it.")
@click.option("--workers", type=int, default=None,
              help="Ray workers, each holding an anonymiser and an embedder (default $INSIGHTS_BATCH_WORKERS or 2).")
@click.option("--address", default=None, help="A running Ray cluster to use (e.g. 10.0.0.5:6379); default: start "
              "a local one with --workers CPUs. Its nodes need this package and the database.")
@click.option("--source-type", type=click.Choice(list(SOURCE_TYPES)), default=DEFAULT_SOURCE_TYPE,
              show_default=True, help="Kind of note, unless a file gives one per row.")
@click.option("--consent", "consent_basis", default=DEFAULT_CONSENT_BASIS, show_default=True,
              type=click.Choice(list(CONSENT_BASES)), help="Lawful basis under which the notes are shared.")
@click.option("--consent-reference", default=None, help="The agreement or consent text that covers these notes.")
@click.option("--recorded-by", default=None, help="Who is recording the consent (default: your login name).")
@click.option("--fast", is_flag=True, help="Use the fast embedder for themes (as INSIGHTS_EMBEDDER=fast).")
@click.option("--json", "as_json", is_flag=True, help="Print the totals and each file's report as JSON, last line.")
@handle_errors
def batch(folder, org, db, workers, address, source_type, consent_basis, consent_reference, recorded_by, fast,
          as_json):
    """Anonymise, embed and store every note in FOLDER's .jsonl, .csv and .txt files on Ray, then assign themes.
    Raw text stays in the worker that read it; a worker that dies is restarted; running it again adds nothing
    twice."""
    from engine.batch.run import run_batch

    settings = Settings.from_env(db_path=db, embedder="fast" if fast else None, batch_workers=workers)

    def told(report: dict) -> None:
        for err in report["skipped"]:
            click.echo(f"  skipped: {err}", err=True)
        for r in report["rejected"]:
            click.echo(f"  rejected: {r['where']}: {r['error']}", err=True)
        click.echo(f"{report['file']}: read {report['read']}, stored {report['stored']} new notes "
                   f"({report['duplicates']} already stored).")

    result = run_batch(folder, org, settings, address=address, source_type=source_type,
                       consent_basis=consent_basis, consent_reference=consent_reference,
                       recorded_by=recorded_by or getpass.getuser(), on_file=told)
    click.echo(f"Stored {result['stored']} new notes from {len(result['files'])} files with {result['workers']} "
               f"workers ({result['duplicates']} already stored, {result['rejected'] + result['skipped']} not "
               "stored).")
    if as_json:
        click.echo(json.dumps({**{k: v for k, v in result.items() if k != "files"},
                               "files": [{k: r[k] for k in ("file", "read", "stored", "duplicates",
                                                            "submission_id")} for r in result["files"]]}))
    if result["rejected"] or result["skipped"]:
        sys.exit(1)
