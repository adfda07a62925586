"""The `insights` command: thin wrappers over the same library functions the tests and the API call.

Each command group lives in its own module beside this one; this module only gathers them."""
from __future__ import annotations

import click

from service.cli.access import tokens, users
from service.cli.agreements import agreements
from service.cli.backups import backup, restore
from service.cli.batch import batch
from service.cli.data import areas, evidence, indicators, links
from service.cli.digest import digest
from service.cli.dpia import dpia
from service.cli.evals import eval_group
from service.cli.exports import export_group
from service.cli.governance import erase, retention
from service.cli.notes import anonymise, ingest
from service.cli.packs import pack
from service.cli.projects import projects
from service.cli.quotes import quotes
from service.cli.responses import responses
from service.cli.run import demo, serve
from service.cli.themes import taxonomy, themes


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Community Insights: anonymise VCS notes, find themes, and set them beside council numbers by area."""


for command in (demo, ingest, anonymise, themes, taxonomy, evidence, eval_group, serve, users, tokens, areas,
                indicators, links, quotes, responses, digest, erase, retention, backup, restore, pack,
                export_group, projects, dpia, agreements, batch):
    main.add_command(command)
