"""`insights agreements add|list`: the data-sharing agreement register, as thin wrappers over engine/agreements.py
(the same checks as the API)."""
from __future__ import annotations

import getpass
import json
from pathlib import Path

import click

from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store


@click.group("agreements")
def agreements():
    """The data-sharing agreement register: each organisation's agreements and when they are due for review."""


@agreements.command("add")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--org", "organisation", required=True, help="The organisation the agreement is with.")
@click.option("--reference", required=True, help="The agreement's reference, e.g. DSA-2025-014.")
@click.option("--parties", required=True, help="Who signed it, e.g. 'Riverside Food Bank; Lewisham Council'.")
@click.option("--purpose", required=True, help="What the notes may be used for.")
@click.option("--signed", "signed_on", required=True, help="Date signed, YYYY-MM-DD.")
@click.option("--review", "review_on", required=True, help="Date it is next due for review, YYYY-MM-DD.")
@click.option("--by", "who", default=None, help="Who is recording it (default: your login name).")
@handle_errors
def agreements_add(db, organisation, reference, parties, purpose, signed_on, review_on, who):
    """Add an agreement to the register."""
    from engine import agreements as lib

    store = open_store(db)
    try:
        a = lib.add(store, organisation, reference, parties, purpose, signed_on, review_on,
                    who or getpass.getuser())
    finally:
        store.close()
    click.echo(f"Registered {a['reference']} for {a['organisation']}: {a['status_label']}, review due "
               f"{a['review_on']}.")


@agreements.command("list")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--org", "organisation", help="Only this organisation's agreements.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@handle_errors
def agreements_list(db, organisation, as_json):
    """List the register, soonest review first, with each agreement's status."""
    from engine import agreements as lib

    store = open_store(db)
    try:
        rows = lib.register(store, store.org_id_named(organisation) if organisation else None)
    finally:
        store.close()
    for a in rows:
        if as_json:
            click.echo(json.dumps(a, ensure_ascii=False))
        else:
            click.echo(f"{a['reference']}  {a['organisation']}: {a['status_label']} (review due {a['review_on']}, "
                       f"signed {a['signed_on']}). Parties: {a['parties']}. Purpose: {a['purpose']}")
    if not rows and not as_json:
        click.echo("No agreements in the register.", err=True)
