"""`insights backup` and `insights restore`: thin wrappers over engine/store/backup.py."""
from __future__ import annotations

from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors


@click.command()
@click.option("--to", "to", required=True, type=click.Path(path_type=Path), help="The backup file to write.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def backup(to, db):
    """Copy the database to FILE while the service keeps running (SQLite's online backup API)."""
    from engine.store.backup import backup as run_backup

    result = run_backup(Settings.from_env(db_path=db).db_path, to)
    click.echo(f"Backed up {result['notes']} notes to {', '.join(result['files'])} "
               f"(integrity {result['integrity']}, schema {result['schema_migrations']} migrations).")


@click.command()
@click.argument("backup_file", type=click.Path(path_type=Path))
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--yes", is_flag=True, help="Replace the database if one is already there.")
@handle_errors
def restore(backup_file, db, yes):
    """Check BACKUP_FILE (integrity and schema version), then write it over the database."""
    from engine.store.backup import restore as run_restore

    result = run_restore(backup_file, Settings.from_env(db_path=db).db_path, yes=yes)
    click.echo(f"Restored {result['notes']} notes to {result['restored_to']} (integrity {result['integrity_after']}).")
