"""The README is kept honest by tests, as sqlite-utils and Datasette test their docs: the settings table is the
one the settings object generates, and every command and every API route is documented."""
from __future__ import annotations

import re
from pathlib import Path

import click

from engine.core.settings import markdown_table

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _normalise(text: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", text)


def test_when_reading_the_readme_then_its_settings_table_is_the_generated_one():
    table = README.split("<!-- settings table: start -->\n", 1)[1].split("<!-- settings table: end -->", 1)[0]
    assert table == markdown_table(), "Regenerate it: python -m engine.core.settings"


def _commands(group: click.Group, prefix: str):
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_when_listing_every_command_then_the_readme_documents_each():
    from service.cli.main import main

    commands = list(_commands(main, "insights"))
    assert len(commands) > 20
    assert [c for c in commands if c not in README] == []


def test_when_listing_every_api_route_then_the_readme_documents_each(tmp_path):
    from engine.core.settings import Settings
    from service.app import create_app

    paths = create_app(Settings(db_path=tmp_path / "docs.db")).openapi()["paths"]
    readme = _normalise(README)
    assert len(paths) > 15
    missing = [p for p in paths if _normalise(p.removeprefix("/api/v1")) not in readme]
    assert missing == []
