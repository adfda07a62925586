"""`insights digest`: the monthly digest per organisation (engine/publish/digest.py), written to a folder as HTML and
an email-ready .eml; nothing is sent."""
from __future__ import annotations

from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store


@click.command("digest")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--org", "orgs", multiple=True, help="The organisation's name, exactly as registered (repeat for more).")
@click.option("--all", "every", is_flag=True, help="Every organisation with notes.")
@click.option("--period", required=True, help="The month the digest is for, like 2025-09.")
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder to write <organisation>-<month>.html and .eml into (made if missing).")
@handle_errors
def digest(db, orgs, every, period, out_dir):
    """Write each organisation's monthly digest: their area's picture, rising themes and new "you said, we did"
    responses, as an HTML file and the same as an email-ready .eml (plain text + HTML). Nothing is sent."""
    from engine.publish.digest import write_digests
    from engine.publish.suppression import Policy

    if bool(orgs) == every:
        raise click.UsageError("Give --org NAME (one or more) or --all, not both and not neither.")
    store = open_store(db)
    try:
        written = write_digests(store, Policy.from_settings(Settings.from_env(db_path=db)), out_dir, period,
                                None if every else list(orgs))
    finally:
        store.close()
    for w in written:
        click.echo(f"{w['organisation']}: {w['html']} ({w['html_bytes']:,} bytes), {w['eml']} ({w['eml_bytes']:,} "
                   f"bytes); {w['rising']} rising themes, {w['new_responses']} new responses")
    click.echo(f"{len(written)} digests ({2 * len(written)} files) in {out_dir}. Nothing was sent.")
