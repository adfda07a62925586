"""`insights erase` and `insights retention ...`: erasure and retention (engine/erasure.py, engine/retention.py)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store


def _counts(counts: dict) -> str:
    return ", ".join(f"{table} {n}" for table, n in sorted(counts.items()) if n) or "nothing"


@click.command()
@click.option("--submission", "submission_id", help="Erase every note of this submission (its id).")
@click.option("--note", "note_id", type=int, help="Erase this one note (its id).")
@click.option("--reason", default="", help="Why (kept in the audit log's tombstone; no personal details).")
@click.option("--yes", is_flag=True, help="Erase without asking (scripts).")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def erase(submission_id, note_id, reason, yes, db):
    """Erase a submission or a note and everything derived from it, leaving no byte of its text in the files.
    Shows what would go and asks first; without a terminal, refuses unless --yes is given."""
    from engine import erasure

    settings = Settings.from_env(db_path=db)
    store = open_store(db)
    try:
        plan = erasure.plan(store, submission_id=submission_id, note_id=note_id)
        click.echo(f"Erasing {plan['scope']} {plan['target']} takes out {len(plan['note_ids'])}"
                   f" notes ({', '.join(map(str, plan['note_ids'][:20]))}{' ...' if len(plan['note_ids']) > 20 else ''})"
                   f" and derived rows: {_counts(plan['counts'])}.")
        if not yes:
            if not sys.stdin.isatty():
                raise click.ClickException("Nothing was erased: add --yes to erase without being asked (this is "
                                           "not an interactive terminal, so there is no one to confirm).")
            click.confirm("Erase them for good? This cannot be undone", abort=True)
        if not reason:
            reason = "Erased by the operator from the command line." if yes else click.prompt("Reason")
        done = erasure.erase(store, settings.audit_db_path, who="cli", reason=reason, submission_id=submission_id,
                             note_id=note_id)
    finally:
        store.close()
    click.echo(f"Erased {len(done['note_ids'])} notes ({_counts(done['counts'])}); tombstone {done['tombstone_id']} "
               "in the audit log.")
    if not done["wal_truncated"]:
        click.echo("Another program kept reading the database, so its write-ahead log could not be emptied; run "
                   "`insights retention apply` (or this command) again when it is idle.", err=True)


@click.group()
def retention():
    """Retention periods per organisation, and the erasure of notes past them."""


@retention.command("show")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def retention_show(db):
    """Each organisation's retention period (its own, or the INSIGHTS_RETENTION_MONTHS default)."""
    from engine import retention as ret

    settings = Settings.from_env(db_path=db)
    store = open_store(db)
    try:
        rows = ret.periods(store, settings)
    finally:
        store.close()
    click.echo(f"Default: {settings.retention_months} months after a note is stored (INSIGHTS_RETENTION_MONTHS).")
    for r in rows:
        click.echo(f"  {r['org']}: {r['months']} months{'' if r['own'] else ' (default)'}")


@retention.command("set")
@click.option("--org", required=True, help="The organisation's name.")
@click.option("--months", type=int, help="Months to keep its notes after they are stored (1-1200).")
@click.option("--default", "use_default", is_flag=True, help="Use the deployment's default instead.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def retention_set(org, months, use_default, db):
    """Set an organisation's own retention period (or go back to the default)."""
    from engine import retention as ret

    if (months is not None) == use_default:          # both given, or neither
        raise click.ClickException("Give either --months N or --default.")
    settings = Settings.from_env(db_path=db)
    store = open_store(db)
    try:
        ret.set_period(store, store.org_id_named(org), None if use_default else months)
    finally:
        store.close()
    click.echo(f"{org}: notes are kept {settings.retention_months if use_default else months} months after they are "
               "stored.")


@retention.command("due")
@click.option("--within-days", type=int, default=30, show_default=True, help="Notes expiring within this many days.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per note.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def retention_due(within_days, as_json, db):
    """List the notes that reach the end of their retention period soon (ids and dates; no text)."""
    from engine import retention as ret

    settings = Settings.from_env(db_path=db)
    store = open_store(db)
    try:
        rows = ret.due(store, settings, within_days)
    finally:
        store.close()
    for r in rows:
        click.echo(json.dumps(r) if as_json else f"note {r['note_id']} ({r['org']}, stored {r['stored_at'][:10]}): "
                   f"erased from {r['expires_at'][:10]}")
    if not as_json:
        click.echo(f"{len(rows)} notes expire within {within_days} days.")


@retention.command("apply")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def retention_apply(db):
    """Erase every note past its organisation's retention period (as the service does daily)."""
    from engine import retention as ret

    settings = Settings.from_env(db_path=db)
    store = open_store(db)
    try:
        result = ret.apply(store, settings, settings.audit_db_path)
    finally:
        store.close()
    by_org = ", ".join(f"{org} {n}" for org, n in result["by_org"].items())
    click.echo(f"Erased {result['erased']} notes past their retention period" + (f" ({by_org})." if by_org else "."))
