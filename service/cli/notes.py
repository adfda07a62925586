"""`insights ingest` and `insights anonymise`: notes in, anonymised notes out."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from engine.core.errors import InsightsError
from engine.core.settings import Settings
from engine.core.vocab import (
    CONSENT_BASES,
    DEFAULT_CONSENT_BASIS,
    DEFAULT_SOURCE_TYPE,
    SOURCE_TYPES,
)
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store, pipeline, read_jsonl


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--org", required=True, help="The organisation the notes come from.")
@click.option("--source-type", type=click.Choice(list(SOURCE_TYPES)), default=DEFAULT_SOURCE_TYPE,
              show_default=True, help="Kind of note, unless the file gives one per row.")
@click.option("--consent", "consent_basis", default=DEFAULT_CONSENT_BASIS, show_default=True,
              type=click.Choice(list(CONSENT_BASES)),
              help="Lawful basis under which the notes are shared.")
@click.option("--consent-reference", default=None, help="The agreement or consent text that covers these notes, "
              "e.g. DSA-2025-014 (see `insights agreements list`) or 'Consent form v3'.")
@click.option("--recorded-by", default=None, help="Who is recording the consent (default: your login name).")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--fast", is_flag=True, help="Use the fast embedder for themes (as INSIGHTS_EMBEDDER=fast).")
@click.option("--json", "as_json", is_flag=True, help="Print the result (with its submission_id) as JSON, last line.")
@click.option("--project", "project_id", type=int, default=None,
              help="Tag the new notes to this community insights project (its id; ORG must be a member).")
@handle_errors
def ingest(path, org, source_type, consent_basis, consent_reference, recorded_by, db, fast, as_json, project_id):
    """Anonymise and store the notes in PATH (.txt, .csv, .jsonl, .docx), then assign themes."""
    from engine.readers import read_path

    settings = Settings.from_env(db_path=db, embedder="fast" if fast else None)
    if project_id is not None:   # refused before anything is read or stored
        from engine.projects import check_member

        store = open_store(db)
        try:
            check_member(store, project_id, org)
        finally:
            store.close()
    read = read_path(path, source_type, settings.max_upload_bytes)
    used = {k: v for k, v in read.columns_used.items() if v}
    click.echo(f"Read {len(read.notes)} notes from {path.name} using: "
               + ", ".join(f"{k} <- {v}" for k, v in used.items()))
    for err in read.errors:
        click.echo(f"  skipped: {err}", err=True)
    import getpass

    report = pipeline(settings).ingest(read.notes, org, channel="cli", consent_basis=consent_basis,
                                       consent_reference=consent_reference,
                                       recorded_by=recorded_by or getpass.getuser())
    for r in report["rejected"]:
        click.echo(f"  rejected: {r['where']}: {r['error']}", err=True)
    if project_id is not None and report["note_ids"]:
        from engine.projects import tag

        store = open_store(db)
        try:
            tagged = tag(store, project_id, list(report["note_ids"]), None, "cli")
        finally:
            store.close()
        click.echo(f"Tagged {tagged} notes to project {project_id}.")
    click.echo(f"Stored {report['stored']} new notes ({report['duplicates']} already stored, "
               f"{len(report['rejected']) + len(read.errors)} not stored). Areas: {report['area_resolution']}")
    if as_json:   # the last line, so a script can keep the submission's id (for `insights erase --submission`)
        click.echo(json.dumps({"submission_id": report["submission_id"], "read": report["read"],
                               "stored": report["stored"], "duplicates": report["duplicates"],
                               "rejected": [r["where"] for r in report["rejected"]] + list(read.errors),
                               "note_ids": report["note_ids"]}))
    if read.errors or report["rejected"]:
        sys.exit(1)


@click.command()
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, path_type=Path),
              help='JSONL, one {"id": ..., "text": ...} per line.')
@click.option("--output", "output_path", required=True, type=click.Path(path_type=Path))
@handle_errors
def anonymise(input_path, output_path):
    """Anonymise a JSONL file (stateless: stores nothing). Offsets are into the original text."""
    from anonymise.anonymiser import Anonymiser

    settings = Settings.from_env()
    items = list(read_jsonl(input_path))
    good = [(n, o) for n, o in items if isinstance(o, dict)]
    bad = [(n, o) for n, o in items if not isinstance(o, dict)]
    results = Anonymiser(settings).anonymise_many([o["text"] for _, o in good]) if good else []
    written = 0
    with open(output_path, "w", encoding="utf-8") as out:
        for (line_no, obj), result in zip(good, results):
            if isinstance(result, InsightsError):
                bad.append((line_no, result.message.replace("note 1", "the note").split(": ", 1)[-1]))
                continue
            entities = [{"type": r.entity_type, "start": r.orig_start, "end": r.orig_end, "score": r.score}
                        for r in result.redactions]
            out.write(json.dumps({"id": obj.get("id"), "text": result.text, "entities": entities}) + "\n")
            written += 1
    for line_no, message in sorted(bad):
        click.echo(f"line {line_no}: {message}", err=True)
    click.echo(f"Anonymised {written} notes; {len(bad)} lines not processed.", err=True)
    if bad:
        sys.exit(1)
