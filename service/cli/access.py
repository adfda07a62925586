"""`insights users` and `insights tokens`: set up who may use the service. Thin wrappers over service/auth.py."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from engine.store.access import ROLES
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store

ROLE = click.Choice(ROLES)



@click.group("users")
def users():
    """People who sign in to the web pages."""


@users.command("add")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--email", required=True, help="Their email address: what they sign in with.")
@click.option("--org", help="Their organisation (needed for contributors; made if new).")
@click.option("--role", required=True, type=ROLE, help="contributor, analyst, facilitator or admin.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (one line) instead "
              "of making a one-time one.")
@handle_errors
def users_add(db, email, org, role, password_stdin):
    """Add a person. Without --password-stdin a random password is made and printed once."""
    from service.auth import create_user, new_secret

    password = sys.stdin.readline().rstrip("\n") if password_stdin else new_secret()[:20]
    store = open_store(db)
    try:
        user_id = create_user(store, email, role, org, password)
    finally:
        store.close()
    click.echo(f"Added user {user_id}: {email.strip().lower()} ({role}{', ' + org if org else ''}).")
    if not password_stdin:
        click.echo("Their password (shown once; ask them to keep it safe): " + password)


@click.group("tokens")
def tokens():
    """API tokens for scripts and other systems."""


@tokens.command("create")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--role", required=True, type=ROLE, help="contributor, analyst, facilitator or admin.")
@click.option("--org", help="The organisation the token acts for (needed for contributors; made if new).")
@click.option("--name", help="A name to recognise the token by, e.g. 'nightly export'.")
@click.option("--expires-days", type=click.IntRange(min=1), help="Stop the token working after this many days "
              "(default: it works until revoked).")
@handle_errors
def tokens_create(db, role, org, name, expires_days):
    """Make an API token. It is shown once, as the last word printed; only its hash is kept."""
    from service.auth import create_token, expires_in

    expires_at = expires_in(expires_days) if expires_days else None
    store = open_store(db)
    try:
        token_id, token = create_token(store, role, org, name, expires_at=expires_at)
    finally:
        store.close()
    lasts = f"It expires {expires_at}." if expires_at else "It works until revoked."
    click.echo(f"Token {token_id} ({role}{', ' + org if org else ''}). {lasts} Send it as 'Authorization: Bearer "
               "<token>'. It is shown only now:")
    click.echo(token)


@tokens.command("revoke")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.argument("token_id", type=int)
@handle_errors
def tokens_revoke(db, token_id):
    """Stop a token working, by the id printed when it was made."""
    store = open_store(db)
    try:
        store.revoke_token(token_id)
    finally:
        store.close()
    click.echo(f"Token {token_id} no longer works.")
