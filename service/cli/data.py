"""`insights areas`, `insights indicators` and `insights links`: load the places, the council numbers and the
theme-indicator mapping. Thin wrappers over engine.places.area_import, engine.places.indicator_import and engine.places.links."""
from __future__ import annotations

import json
from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store


def _print_rejected(rejected: list[dict], show: int) -> None:
    for r in rejected[:show]:
        where = f"{r['file']} row {r['row']}" if "file" in r else f"row {r['row']}"
        click.echo(f"  rejected: {where}: {r['reason']}", err=True)
    if len(rejected) > show:
        click.echo(f"  ... and {len(rejected) - show} more (--show-rejected N to list more, --json for all)", err=True)


@click.group()
def areas():
    """Load ONS area lookups (LSOA, MSOA, ward, council, region) and postcode districts."""


@areas.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", default="auto", show_default=True,
              type=click.Choice(["auto", "ons_lsoa", "ons_ward", "hcl_la", "hcl_ward", "hcl_msoa", "mysociety_la",
                                 "mysociety_gss", "mysociety_names", "postcode_districts"]),
              help="File layout; auto recognises each file from its header.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--show-rejected", default=10, show_default=True, help="How many rejected rows to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@handle_errors
def areas_import(paths, fmt, db, show_rejected, as_json):
    """Import area lookups (ONS, House of Commons Library, mySociety, postcode districts)."""
    from engine.places.area_import import import_areas

    report = import_areas(open_store(db), list(paths), fmt)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=1))
        return
    for f in report.files:
        click.echo(f"{Path(f['path']).name}: {f['format']}, {f['rows']} rows, {f['areas']} areas, "
                   f"{f['aliases']} names/codes" + (f", matched {f['matched']}" if f.get("matched") else ""))
    click.echo("Areas now stored: " + ", ".join(f"{k} {v}" for k, v in sorted(report.levels.items())))
    click.echo(f"Rows rejected: {len(report.rejected)}" + (" (" + "; ".join(
        f"{k}: {v}" for k, v in report.to_dict()["rejected_reasons"].items()) + ")" if report.rejected else ""))
    _print_rejected(report.rejected, show_rejected)


@areas.command("boundaries")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--all", "every", is_flag=True, help="Keep every area in the files, not only the councils the "
              "database holds and their wards.")
@handle_errors
def areas_boundaries(paths, db, every):
    """Import area boundaries for maps: GeoJSON files of wards (one per council, named after its code, as in
    ../shared/data/areas/boundaries/wards_2013_by_lad/) and TopoJSON of councils (lad_2016_topo.json)."""
    from engine.places.boundaries import import_boundaries

    store = open_store(db)
    try:
        councils = None if every else {a["code"] for a in store.areas("lad")}
        counts = import_boundaries(store, list(paths), councils)
        stored = store.boundary_count()
    finally:
        store.close()
    click.echo("Imported: " + (", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing (no file "
                               "held the database's councils or their wards; --all keeps every area)"))
    click.echo("Boundaries now stored: " + ", ".join(f"{k} {v}" for k, v in sorted(stored.items())))


@click.group()
def indicators():
    """Load council indicators (long CSV, IoD2019, Nomis claimant count, Fingertips)."""


@indicators.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", default="long", show_default=True,
              type=click.Choice(["long", "iod2019", "nomis", "fingertips"]))
@click.option("--source", help="Who publishes the figures (stored with each indicator, shown with every output).")
@click.option("--licence", help="The licence of the figures, e.g. 'Open Government Licence v3.0'.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--show-rejected", default=10, show_default=True, help="How many rejected rows to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@handle_errors
def indicators_import(path, fmt, source, licence, db, show_rejected, as_json):
    """Validate and store every row of an indicator file; rejected rows are listed with the reason."""
    from engine.places.indicator_import import import_indicators

    report = import_indicators(open_store(db), path, fmt, source, licence)
    if as_json:
        click.echo(json.dumps(report.to_dict(max_rows=len(report.rejected)), indent=1))
        return
    click.echo(f"{path.name}: {report.rows} rows, {report.stored} values stored for {len(report.indicators)} "
               f"indicators, {len(report.rejected)} rejected.")
    for ind, n in sorted(report.indicators.items()):
        click.echo(f"  {ind}: {n}")
    _print_rejected(report.rejected, show_rejected)


@click.group()
def links():
    """The editable mapping of themes to indicators (default engine/places/links.yaml)."""


@links.command("load")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def links_load(path, db):
    """Replace the stored links with those in PATH (default: the built-in engine/places/links.yaml)."""
    from engine.places.links import load_links

    result = load_links(open_store(db), path)
    click.echo(f"Loaded {result['links']} theme-indicator links.")
    if result["themes_not_in_taxonomy"]:
        click.echo("Themes not in the taxonomy (kept): " + ", ".join(result["themes_not_in_taxonomy"]))
    if result["indicators_not_loaded"]:
        click.echo("Indicators not loaded yet (used once imported): " + ", ".join(result["indicators_not_loaded"]))


@links.command("show")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def links_show(db):
    """List the links: theme, indicator, polarity, and whether the indicator has values yet."""
    from engine.places.links import show_links

    for x in show_links(open_store(db)):
        state = f"{x['observations']} values" if x["loaded"] else "not loaded"
        click.echo(f"{x['theme_id']:28s} {x['indicator_id']:52s} {x['polarity']:17s} {state}")


@click.command()
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--level", type=click.Choice(["ward", "lad"]), default="ward", show_default=True)
@click.option("--period", help="A month (2025-03), quarter (2025-Q3) or year (2025); default all.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@handle_errors
def evidence(db, level, period, fmt):
    """The evidence view (area x theme), after suppression, as JSON or CSV on standard output.

    JSON also holds, across areas, the correlation of each theme's share with its indicator (n, 95% interval,
    a warning when n is too small), each visible story signal's trend, and the indicators' sources and licences."""
    from engine.publish.evidence import to_csv, view
    from engine.publish.suppression import Policy
    from engine.store import Store

    settings = Settings.from_env(db_path=db)
    policy = Policy.from_settings(settings)
    result = view(Store(settings.db_path), policy, level, period)
    if fmt == "json":
        click.echo(json.dumps(result, indent=1))
    else:
        click.echo(to_csv(result["records"]), nl=False)
        click.echo(f"# {policy.method()}")
        for src in result["sources"]:
            click.echo(f"# {src['indicator']}: {src['source']} ({src['licence']})")
