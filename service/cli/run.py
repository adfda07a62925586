"""`insights demo` and `insights serve`: build the demo database, start the web service."""
from __future__ import annotations

from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, pipeline, serve_app


@click.command()
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--no-serve", is_flag=True, help="Build the demo database and stop; don't start the web service.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--notes", "n_notes", type=int, default=None, hidden=True, help="Generate fewer notes (for tests).")
@handle_errors
def demo(db, no_serve, host, port, n_notes):
    """Build the demo database from the bundled corpus, then serve it."""
    from engine.demo import run_demo

    settings = Settings.from_env(db_path=db)
    click.echo(f"Building the demo database at {settings.db_path} from the bundled (synthetic) corpus...")
    demo_pipeline = pipeline(settings)
    summary = run_demo(demo_pipeline, n_notes=n_notes)
    click.echo(f"\nNotes in corpus: {summary['notes_in_corpus']}  stored: {summary['stored']}  "
               f"already there: {summary['duplicates']}  rejected: {len(summary['rejected'])}")
    click.echo(f"Organisations: {summary['organisations']}  areas: {summary['areas']}  "
               f"indicator values: {summary['observations']}")
    from engine.core.errors import InputError
    from engine.places.boundaries import import_shared_boundaries

    try:
        maps = import_shared_boundaries(demo_pipeline.store)
        click.echo("Boundaries for maps: " + ", ".join(f"{k} {v}" for k, v in sorted(maps.items())))
    except InputError as exc:   # the maps need the shared data; everything else works without it
        click.echo(f"No maps: {exc.message} {exc.fix}", err=True)
    from engine.publish.suppression import Policy, publish_count, suppressed_label

    policy = Policy.from_settings(settings)
    click.echo("Notes per theme (suppressed and rounded, as everywhere else):")
    for theme, n in sorted(summary["theme_counts"].items(), key=lambda kv: -kv[1]):
        shown = publish_count(n, policy, theme in summary["sensitive_themes"])
        hidden = suppressed_label(policy, theme in summary["sensitive_themes"])
        click.echo(f"  {theme or '(no theme fits yet)':32s} {shown if shown is not None else hidden}")
    click.echo("Emergent themes proposed for review:")
    shown = [(c["label"], publish_count(c["size"], policy)) for c in summary["emergent"]]
    for label, n in [(label, n) for label, n in shown if n is not None] or [("none yet", None)]:
        click.echo(f"  {label:40s} {'' if n is None else f'{n} notes'}")
    _print_demo_accounts(demo_pipeline.store)
    if not no_serve:
        serve_app(settings, host, port)


def _print_demo_accounts(store) -> None:
    from service.auth import demo_accounts

    org = store.busiest_org() or "Demo organisation"
    click.echo(f"\nDemo sign-ins (DEMO ONLY: new passwords each run; the contributor and admin are in {org}):")
    for a in demo_accounts(store, org):
        if a["email"] == "(API token)":
            click.echo(f"  API token (analyst), demo only, expires {a['expires_at']}: {a['password']}")
        else:
            click.echo(f"  {a['role']:12s} {a['email']:34s} password: {a['password']}")
    click.echo("Sign in at /login, or send the token as 'Authorization: Bearer <token>'.")


@click.command()
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@handle_errors
def serve(db, host, port):
    """Start the web service and API."""
    serve_app(Settings.from_env(db_path=db), host, port)
