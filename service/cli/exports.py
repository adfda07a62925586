"""`insights export qdpx`: thin wrapper over engine.publish.qdpx (the function the API route and the tests call)."""
from __future__ import annotations

from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store


@click.group("export")
def export_group():
    """Export the notes for other tools."""


@export_group.command("qdpx")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--org", help="Only this organisation's notes (default: every note).")
@click.option("--project", "project_id", type=int, default=None,
              help="Only the notes tagged to this community insights project (its id; see `insights projects list`).")
@click.option("--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The .qdpx file to write, e.g. notes.qdpx.")
@handle_errors
def export_qdpx(db, org, output, project_id):
    """Write every note as a REFI-QDA project (.qdpx) to open in NVivo, ATLAS.ti, MAXQDA or QualCoder: the
    anonymised texts, the themes as codes (emergent candidates apart), each theme coded on the passage that
    carried it, and organisation, area, month and source type as case variables. Note-level data, not
    suppressed: for analysts. The export is written to the audit log of note-text reads. With --project, only
    the notes tagged to that project (and their codings)."""
    from engine.publish import qdpx
    from engine.store.audit import AuditLog, audit_row
    from themes.embedders import make_embedder

    settings = Settings.from_env(db_path=db)
    store = open_store(db)
    try:
        org_id = store.org_id(org) if org else None
        built = qdpx.export(store, make_embedder(settings.embedder), settings, org_id, project_id)
    finally:
        store.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    built.write(output)
    audit = AuditLog(settings.audit_db_path)
    try:
        audit.write([audit_row("cli", org_id, "insights export qdpx", built.note_ids)])
    finally:
        audit.close()
    c = built.counts
    click.echo(f"Wrote {output}: {c['notes']} notes, {c['codes']} theme codes, {c['codings']} codings, "
               f"{c['emergent']} emergent candidates.")
