"""`insights eval`: measure the anonymiser and the themes on labelled data."""
from __future__ import annotations

import json
from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors


@click.group("eval")
def eval_group():
    """Measure the engine on labelled data."""


@eval_group.command("anonymisation")
@click.option("--dataset", required=True, type=click.Path(exists=True, path_type=Path),
              help="presidio-research JSON, or JSONL lines {id, text, spans: [{type, start, end}]}.")
@click.option("--format", "fmt", type=click.Choice(["presidio", "jsonl"]), default=None,
              help="Dataset format (default: from the file ending, .json = presidio).")
@click.option("--show-misses", is_flag=True, help="Print a few missed spans per type (they are personal data "
              "on real notes: use only on synthetic sets).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--db", type=DB_TARGET, default=None,
              help=DB_HELP + " When given, the figures (never the misses) are saved there for the DPIA-lite.")
@click.option("--no-save", is_flag=True, help="With --db: measure only, save nothing.")
@handle_errors
def eval_anonymisation(dataset, fmt, show_misses, as_json, db, no_save):
    """Per-type recall (a span counts only when fully hidden), precision, F2 and notes per second. With --db the
    figures, the data set and the date are kept in that database, and `insights dpia` quotes the latest."""
    from anonymise.anonymiser import Anonymiser
    from anonymise.evaluate import evaluate, format_report, load_dataset, report_to_dict

    fmt = fmt or ("presidio" if dataset.suffix.lower() == ".json" else "jsonl")
    records = load_dataset(dataset, fmt)
    # Variant rows (anonymise/evaluate_variants.py): ids "<id>~<variant>" from `corpora.pii_eval --variants`.
    from anonymise.evaluate_variants import (
        evaluate_by_variant,
        format_variants,
        has_variants,
    )

    if has_variants(records):
        reports = evaluate_by_variant(records, Anonymiser(Settings.from_env()))
        if "plain" in reports:
            _save(db, no_save, report_to_dict(reports["plain"]), dataset)
        if as_json:
            click.echo(json.dumps({k: report_to_dict(r, show_misses=show_misses) for k, r in reports.items()},
                                  indent=1))
        else:
            click.echo(format_report(reports["plain"], show_misses=show_misses) if "plain" in reports else "")
            click.echo("\nBy variant (recall per type; a span counts only when fully hidden):\n"
                       + format_variants(reports))
        return
    report = evaluate(records, Anonymiser(Settings.from_env()))
    _save(db, no_save, report_to_dict(report), dataset)
    if as_json:
        click.echo(json.dumps(report_to_dict(report, show_misses=show_misses), indent=1))
    else:
        click.echo(format_report(report, show_misses=show_misses))


def _save(db, no_save, figures: dict, dataset: Path) -> None:
    """Keep the run's figures in --db (nothing without --db, or with --no-save); a note on stderr says where."""
    if db is None or no_save:
        return
    from engine import eval_runs
    from service.cli.common import open_store

    store = open_store(db)
    try:
        run_id = eval_runs.save_anonymisation_run(store, figures, dataset, figures["notes"])
    finally:
        store.close()
    click.echo(f"Saved as evaluation run {run_id} in {store.where}; `insights dpia` quotes it.", err=True)


@eval_group.command("themes")
@click.option("--dataset", required=True, type=click.Choice(["ukcat", "nhs-feedback", "disaster", "care-opinion"]),
              help="UK-CAT charity descriptions (12 tags), NHS patient comments (9 labels), disaster-response "
                   "messages (8 needs) or Care Opinion stories (12 codes), read from ../shared/data.")
@click.option("--embedder", "embedder_name", type=click.Choice(["accurate", "fast", "both"]), default="accurate",
              show_default=True)
@click.option("--examples", type=int, default=None, help="Confirmed rows per theme to learn from (default: all "
              "rows of the training folds).")
@click.option("--splits", type=int, default=1, show_default=True,
              help="Also score zero-shot over this many different held-out halves (mean, sd, range).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def eval_themes(dataset, embedder_name, examples, splits, as_json):
    """Held-out macro-F1 of the shipped zero-shot scorer and of learning from corrections, beside a label-free
    anchor (UK-CAT regexes, disaster keyword list), a supervised TF-IDF reference and, apart, a tuned oracle."""
    from themes.evaluate import format_eval, run_eval

    result = run_eval(dataset, embedder_name, examples, Settings.from_env(), splits=splits)
    click.echo(json.dumps(result, indent=1, default=str) if as_json else format_eval(result))
