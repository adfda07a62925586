"""`insights projects add|list|show|status|decide`: community insights projects, as thin wrappers over
engine/projects.py (the same checks as the API; decisions checked for personal details by the note anonymiser)."""
from __future__ import annotations

from pathlib import Path

import click

from engine.projects import STATUSES
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store
from service.cli.responses import _Anonymiser

BY_HELP = "Who is making the change, for the record (default: cli)."


@click.group("projects")
def projects():
    """Community insights projects: a question, a period, areas, member organisations and a decision log."""


def _echo(p: dict) -> None:
    members = ", ".join(m["name"] for m in p["members"])
    click.echo(f"#{p['id']} {p['name']} [{p['status']}] {p['period'] or 'any time'}; {p['notes']} notes tagged")
    click.echo(f"    Question: {p['question']}")
    click.echo(f"    Members: {members}" + (f"; leads: {', '.join(p['leads'])}" if p["leads"] else ""))


@projects.command("add")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--name", required=True, help="A short name.")
@click.option("--question", required=True, help="The question the council and groups agreed to answer.")
@click.option("--period", default=None, help="Month (2025-03), quarter (2025-Q3) or year (2025).")
@click.option("--areas", default="", help="ONS codes, comma-separated.")
@click.option("--org", "orgs", multiple=True, required=True, help="A member organisation (repeat for more).")
@click.option("--lead", "leads", multiple=True, help="A lead person or role (repeat for more).")
@click.option("--by", "who", default="cli", help=BY_HELP)
@handle_errors
def add(db, name, question, period, areas, orgs, leads, who):
    """Start a project."""
    from engine import projects as lib

    store = open_store(db)
    try:
        _echo(lib.create(store, name, question, period, areas.split(","), list(orgs), list(leads), who))
    finally:
        store.close()


@projects.command("list")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def list_projects(db):
    """Every project, oldest first."""
    store = open_store(db)
    try:
        for p in store.projects():
            _echo(p)
    finally:
        store.close()


@projects.command("status")
@click.argument("project_id", type=int)
@click.argument("status", type=click.Choice(list(STATUSES)))
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def status(project_id, status, db):
    """Change a project's status (closed: no more notes can be tagged)."""
    from engine import projects as lib

    store = open_store(db)
    try:
        _echo(lib.set_status(store, project_id, status))
    finally:
        store.close()


@projects.command("decide")
@click.argument("project_id", type=int)
@click.option("--decision", required=True, help="What was decided.")
@click.option("--why", required=True, help="Why, in plain words.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--by", "who", default="cli", help=BY_HELP)
@handle_errors
def decide(project_id, decision, why, db, who):
    """Add to the project's decision log (text naming a person is refused)."""
    from engine import projects as lib

    store = open_store(db)
    try:
        d = lib.decide(store, project_id, decision, why, who, _Anonymiser(store))
    finally:
        store.close()
    click.echo(f"Decision #{d['id']} recorded {d['at'][:10]} by {d['who']}.")
