"""Backups and restores of the database file, through SQLite's online backup API.

`backup(db_path, to)` copies the database page by page while the service keeps running: the copy is one
consistent snapshot (the API restarts a step when another connection writes in between, and a WAL database
is read as of one transaction), never a half-written file. The audit log beside the database
(`<stem>-audit.db`, engine/core/settings.audit_path_for) is copied beside the backup the same way.

`restore(backup_file, db_path, yes=...)` refuses to overwrite an existing database unless told to, and checks
the backup before anything is written: `PRAGMA integrity_check` says ok, and its schema (the migrations it
records) is one this version of the engine knows. It then writes the backup into the live database through the
same backup API, so connections that are open see the restored data on their next read (a file swapped under
them would not be seen)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from engine.core.errors import InputError, StoreError
from engine.core.settings import audit_path_for
from engine.store import migrations
from engine.store.db import is_url, safe_target


def _sqlite_only(target, what: str) -> None:
    """Backups go through SQLite's backup API; a PostgreSQL database is backed up with its own tools."""
    if is_url(target):
        raise InputError(f"`insights {what}` copies a SQLite file; {safe_target(target)} is a PostgreSQL database.",
                         fix=f"Use PostgreSQL's own tools: pg_dump -Fc -f insights.dump '{safe_target(target)}' to "
                             "back it up (the audit log, in schema insights_audit, is included) and pg_restore "
                             "--clean -d URL insights.dump to restore it.")


def _copy(src: str, dest: str) -> None:
    source = sqlite3.connect(src, timeout=30)
    target = sqlite3.connect(dest, timeout=30)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        source.backup(target, pages=256)
    finally:
        target.close()
        source.close()


def backup(db_path: Path | str, to: Path | str) -> dict:
    """Copy the database (and its audit log, if there is one) to `to`; returns what was written."""
    _sqlite_only(db_path, "backup")
    db_path, to = Path(db_path), Path(to)
    if not db_path.exists():
        raise StoreError(f"There is no database at {db_path} to back up.",
                         fix="Check --db or INSIGHTS_DB points at the service's database.")
    if to.resolve() == db_path.resolve():
        raise InputError("The backup file is the database itself.", fix="Give --to a different file.")
    to.parent.mkdir(parents=True, exist_ok=True)
    for stale in (to, Path(f"{to}-wal"), Path(f"{to}-shm")):
        stale.unlink(missing_ok=True)
    _copy(str(db_path), str(to))
    written = [str(to)]
    audit = Path(audit_path_for(db_path))
    if audit.exists():
        audit_copy = Path(audit_path_for(to))
        audit_copy.unlink(missing_ok=True)
        _copy(str(audit), str(audit_copy))
        written.append(str(audit_copy))
    check = check_backup(to)
    return {"files": written, **check}


def check_backup(path: Path | str) -> dict:
    """Integrity and schema of a backup file, read-only; raises InputError saying what is wrong."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"There is no backup file at {path}.", fix="Give the path of a file made by insights backup.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            applied = ({r[0] for r in conn.execute("SELECT name FROM _migrations")}
                       if "_migrations" in tables else set())
            notes = conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0] if "notes" in tables else 0
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(f"{path} is not a readable SQLite database ({exc}).",
                         fix="Give the path of a file made by insights backup.") from None
    if integrity != "ok":
        raise InputError(f"The backup {path} fails SQLite's integrity check ({integrity}).",
                         fix="Use an earlier backup; this one is damaged.")
    known = {fn.__name__ for fn in migrations.MIGRATIONS}
    if not applied:
        raise InputError(f"{path} is not a Community Insights database (no schema version recorded).",
                         fix="Give the path of a file made by insights backup.")
    if applied - known:
        raise InputError(f"The backup {path} was made by a newer version (schema {', '.join(sorted(applied - known))}).",
                         fix="Upgrade Community Insights, then restore it.")
    return {"integrity": integrity, "schema_migrations": len(applied), "notes": notes}


def restore(backup_file: Path | str, db_path: Path | str, *, yes: bool = False) -> dict:
    """Write a checked backup over the database at `db_path` (refused if one exists and `yes` is not set)."""
    _sqlite_only(db_path, "restore")
    backup_file, db_path = Path(backup_file), Path(db_path)
    check = check_backup(backup_file)
    if backup_file.resolve() == db_path.resolve():
        raise InputError("The backup file is the database itself.", fix="Give the path of a backup file.")
    if db_path.exists() and not yes:
        raise InputError(f"A database already exists at {db_path}; restoring would replace everything in it.",
                         fix="Add --yes to replace it (take a backup of it first), or restore to another --db.")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _copy(str(backup_file), str(db_path))
    audit_copy = Path(audit_path_for(backup_file))
    if audit_copy.exists():
        _copy(str(audit_copy), str(audit_path_for(db_path)))
    after = check_backup(db_path)
    return {"restored_to": str(db_path), **check, "integrity_after": after["integrity"]}
