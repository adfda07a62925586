"""`insights quotes`: the review of quotes held back by quote safety (engine/publish/quote_safety.py), the same
library calls as /api/v1/quote-holds and the /quote-holds page."""
from __future__ import annotations

from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store


@click.group()
def quotes():
    """Quotes held back because they hold rare details together: list, approve or trim them."""


def _policy(db):
    from engine.publish.suppression import Policy

    settings = Settings.from_env(db_path=db)
    return settings, Policy.from_settings(settings)


@quotes.command("held")
@click.option("--all", "everything", is_flag=True, help="Also list the approved and trimmed ones.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def quotes_held(everything, db):
    """Check notes stored since the last look, then list the quotes held back, with the reasons."""
    from engine.publish.quote_safety import review_list

    _, policy = _policy(db)
    holds = review_list(open_store(db), policy, None if everything else "held")
    for h in holds:
        click.echo(f"#{h['id']}  score {h['score']}  {h['status']}  ({h['source']})")
        click.echo(f"    {h['quote_text']}")
        for r in h["reasons"]:
            click.echo(f"    - {r['kind']}: {r['words']}")
        if h["trimmed_text"]:
            click.echo(f"    shown instead: {h['trimmed_text']}")
    click.echo(f"{len(holds)} quotes {'recorded' if everything else 'held back for review'} "
               f"(threshold {policy.quote_risk_threshold}).")


@quotes.command("approve")
@click.argument("hold_id", type=int)
@click.option("--who", required=True, help="Your name or email, kept with the decision.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def quotes_approve(hold_id, who, db):
    """Show held quote HOLD_ID as it is, from now on."""
    from engine.publish.quote_safety import approve

    approve(open_store(db), hold_id, who)
    click.echo(f"Quote {hold_id} approved: it is shown from now on.")


@quotes.command("trim")
@click.argument("hold_id", type=int)
@click.option("--text", required=True, help="The quote with the identifying words taken out (only its own words; "
                                            "your own in [square brackets]).")
@click.option("--who", required=True, help="Your name or email, kept with the decision.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def quotes_trim(hold_id, text, who, db):
    """Show a shorter version of held quote HOLD_ID instead (anonymised before it is kept)."""
    from anonymise.anonymiser import Anonymiser
    from engine.publish.quote_safety import trim

    settings, policy = _policy(db)
    store = open_store(db)
    anonymiser = Anonymiser(settings, extra_allow=store.area_names())
    out = trim(store, policy, hold_id, text, who, lambda t: anonymiser.anonymise(t).text)
    click.echo(f"Quote {hold_id} trimmed; shown from now on as: {out['trimmed_text']}")
