"""`insights responses add|list|update`: "you said, we did", as thin wrappers over engine/publish/responses.py
(the same checks as the API and the pages, the note anonymiser's included)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from engine.core.vocab import DEFAULT_RESPONSE_STATUS, RESPONSE_STATUSES
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store

STATUS = click.Choice(list(RESPONSE_STATUSES))
BY_HELP = "Who is making the change, for the history (default: cli)."


class _Anonymiser:
    """The note anonymiser, with the deployment's area names kept readable, built only when there is text to
    check (a bad theme or area is refused without loading it), its models loaded before the first check so
    loading does not count against the time limit of one check."""

    def __init__(self, store):
        self.store, self._anonymiser = store, None

    def anonymise_many(self, texts: list[str]) -> list:
        if self._anonymiser is None:
            from anonymise.anonymiser import Anonymiser
            from engine.core.settings import Settings

            self._anonymiser = Anonymiser(Settings.from_env(), extra_allow=self.store.area_names())
            self._anonymiser.analyzer
        return self._anonymiser.anonymise_many(texts)


def _echo(r: dict) -> None:
    status = r["status_label"] + (f" ({r['reason']})" if r["status"] == "not_doing" else "")
    click.echo(f"#{r['id']} {r['theme_label'] or r['theme_id']}: {r['area_label']}, {r['period_label']}. "
               f"{status}; {r['owner']}; updated {r['updated_at'][:10]}")
    click.echo(f"    You said: {r['said']}")
    click.echo(f"    We did: {r['did']}")


@click.group("responses")
def responses():
    """"You said, we did": what was done about a theme, for everyone signed in to see."""


@responses.command("add")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--theme", "theme_id", required=True, help="Theme id (`insights themes list`).")
@click.option("--area", "area_code", help="ONS code of the area it is about (default: all areas).")
@click.option("--period", help="Month (2025-09), quarter (2025-Q3) or year (2025) (default: any time).")
@click.option("--said", required=True, help="What was heard (no names or personal details).")
@click.option("--did", required=True, help="What was done or decided.")
@click.option("--owner", required=True, help="Who is responsible: a team or role.")
@click.option("--status", type=STATUS, default=DEFAULT_RESPONSE_STATUS, show_default=True,
              help="Where it stands.")
@click.option("--reason", help="Why not (needed with --status not_doing).")
@click.option("--by", "who", default="cli", show_default=True, help=BY_HELP)
@handle_errors
def responses_add(db, theme_id, area_code, period, said, did, owner, status, reason, who):
    """Record a response. Refused, with nothing saved, if any text would be changed by the anonymiser."""
    from engine.publish import responses as lib

    store = open_store(db)
    try:
        r = lib.record(store, _Anonymiser(store), {"theme_id": theme_id, "area_code": area_code, "period": period,
                                                   "said": said, "did": did, "owner": owner, "status": status,
                                                   "reason": reason}, who)
    finally:
        store.close()
    click.echo(f"Recorded response {r['id']}.")


@responses.command("list")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--theme", "theme_id", help="Only this theme.")
@click.option("--area", "area_code", help="Only responses about this area (ONS code), its wards or its council.")
@click.option("--period", help="Only responses whose period overlaps this one.")
@click.option("--status", type=STATUS, help="Only responses with this status.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, with its history.")
@handle_errors
def responses_list(db, theme_id, area_code, period, status, as_json):
    """List responses, newest change first."""
    from engine.publish import responses as lib

    store = open_store(db)
    try:
        rows = lib.find(store, theme_id, area_code, period, status)
        for r in rows:
            if as_json:
                click.echo(json.dumps(lib.get(store, r["id"]), ensure_ascii=False))
            else:
                _echo(r)
    finally:
        store.close()
    if not rows and not as_json:
        click.echo("No responses.", err=True)


@responses.command("update")
@click.argument("response_id", type=int)
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--theme", "theme_id", help="Theme id.")
@click.option("--area", "area_code", help="ONS code; \"\" for all areas.")
@click.option("--period", help="Month, quarter or year; \"\" for any time.")
@click.option("--said", help="What was heard.")
@click.option("--did", help="What was done or decided.")
@click.option("--owner", help="Who is responsible.")
@click.option("--status", type=STATUS, help="Where it stands.")
@click.option("--reason", help="Why not; \"\" to clear.")
@click.option("--by", "who", default="cli", show_default=True, help=BY_HELP)
@handle_errors
def responses_update(response_id, db, who, **fields):
    """Change the fields given; the history keeps their earlier values."""
    from engine.publish import responses as lib

    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes:
        raise click.UsageError("Give at least one field to change, e.g. --status done.")
    store = open_store(db)
    try:
        before = len(store.response_changes(response_id))
        r = lib.update(store, _Anonymiser(store), response_id, changes, who)
    finally:
        store.close()
    click.echo(f"Updated response {response_id}." if len(r["history"]) > before else
               f"Response {response_id} already says that; nothing changed.")
    _echo(r)
