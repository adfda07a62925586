"""The `insights` command: thin wrappers over the same library functions the tests and the API call."""
from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from engine.errors import InsightsError
from engine.settings import Settings

DB_HELP = "SQLite database file (default: $INSIGHTS_DB or data/insights.db)."


def handle_errors(fn):
    """Library errors become a clean CLI error that says what went wrong and what to do about it."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InsightsError as exc:
            raise click.ClickException(f"{exc.message} {exc.fix}") from None
    return wrapper


def _progress(iterable, **kwargs):
    from tqdm import tqdm

    return tqdm(iterable, file=sys.stderr, leave=True, **kwargs)


def _pipeline(settings: Settings, **kwargs):
    from engine.pipeline import Pipeline
    from engine.store import Store

    return Pipeline(settings, Store(settings.db_path), progress=_progress, **kwargs)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main():
    """Community Insights: anonymise VCS notes, find themes, and set them beside council numbers by area."""


@main.command()
@click.option("--db", type=click.Path(path_type=Path), help=DB_HELP)
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
    pipeline = _pipeline(settings)
    summary = run_demo(pipeline, n_notes=n_notes)
    click.echo(f"\nNotes in corpus: {summary['notes_in_corpus']}  stored: {summary['stored']}  "
               f"already there: {summary['duplicates']}  rejected: {len(summary['rejected'])}")
    click.echo(f"Organisations: {summary['organisations']}  areas: {summary['areas']}  "
               f"indicator values: {summary['observations']}")
    from engine.suppression import Policy, publish_count, suppressed_label

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
    _print_demo_accounts(pipeline.store)
    if not no_serve:
        _serve(settings, host, port)


def _print_demo_accounts(store) -> None:
    from service.auth import demo_accounts

    org = store.busiest_org() or "Demo organisation"
    click.echo(f"\nDemo sign-ins (DEMO ONLY: new passwords each run; the contributor and admin are in {org}):")
    for a in demo_accounts(store, org):
        if a["email"] == "(API token)":
            click.echo(f"  API token (analyst), demo only: {a['password']}")
        else:
            click.echo(f"  {a['role']:12s} {a['email']:34s} password: {a['password']}")
    click.echo("Sign in at /login, or send the token as 'Authorization: Bearer <token>'.")


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--org", required=True, help="The organisation the notes come from.")
@click.option("--source-type", type=click.Choice(["case_note", "transcript", "anecdote"]), default="case_note",
              show_default=True, help="Kind of note, unless the file gives one per row.")
@click.option("--consent", "consent_basis", default="legitimate_interests", show_default=True,
              type=click.Choice(["consent", "legitimate_interests", "public_task", "not_recorded"]),
              help="Lawful basis under which the notes are shared.")
@click.option("--db", type=click.Path(path_type=Path), help=DB_HELP)
@click.option("--fast", is_flag=True, help="Use the fast embedder for themes (as INSIGHTS_EMBEDDER=fast).")
@handle_errors
def ingest(path, org, source_type, consent_basis, db, fast):
    """Anonymise and store the notes in PATH (.txt, .csv, .jsonl, .docx), then assign themes."""
    from engine.readers import read_path

    settings = Settings.from_env(db_path=db, embedder="fast" if fast else None)
    read = read_path(path, source_type, settings.max_upload_bytes)
    used = {k: v for k, v in read.columns_used.items() if v}
    click.echo(f"Read {len(read.notes)} notes from {path.name} using: "
               + ", ".join(f"{k} <- {v}" for k, v in used.items()))
    for err in read.errors:
        click.echo(f"  skipped: {err}", err=True)
    report = _pipeline(settings).ingest(read.notes, org, channel="cli", consent_basis=consent_basis)
    for r in report["rejected"]:
        click.echo(f"  rejected: {r['where']}: {r['error']}", err=True)
    click.echo(f"Stored {report['stored']} new notes ({report['duplicates']} already stored, "
               f"{len(report['rejected']) + len(read.errors)} not stored). Areas: {report['area_resolution']}")
    if read.errors or report["rejected"]:
        sys.exit(1)


def _read_jsonl(path: Path):
    """Yield (line number, object or error message)."""
    from engine.readers import jsonl_lines

    for line_no, obj, problem in jsonl_lines(path):
        if problem:
            yield line_no, problem
        elif not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            yield line_no, 'each line needs an "id" and a "text" string'
        else:
            yield line_no, obj


@main.command()
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, path_type=Path),
              help='JSONL, one {"id": ..., "text": ...} per line.')
@click.option("--output", "output_path", required=True, type=click.Path(path_type=Path))
@handle_errors
def anonymise(input_path, output_path):
    """Anonymise a JSONL file (stateless: stores nothing). Offsets are into the original text."""
    from anonymise.anonymiser import Anonymiser

    settings = Settings.from_env()
    items = list(_read_jsonl(input_path))
    good = [(n, o) for n, o in items if isinstance(o, dict)]
    bad = [(n, o) for n, o in items if not isinstance(o, dict)]
    results = Anonymiser(settings).anonymise_many([o["text"] for _, o in good]) if good else []
    written = 0
    with open(output_path, "w", encoding="utf-8") as out:
        for (line_no, obj), result in zip(good, results):
            if isinstance(result, InsightsError):
                bad.append((line_no, result.message.replace("note 1", "the note").split(": ", 1)[-1]))
                continue
            entities = [{"type": r.entity_type, "start": r.orig_start, "end": r.orig_end, "score": r.score}
                        for r in result.redactions]
            out.write(json.dumps({"id": obj.get("id"), "text": result.text, "entities": entities}) + "\n")
            written += 1
    for line_no, message in sorted(bad):
        click.echo(f"line {line_no}: {message}", err=True)
    click.echo(f"Anonymised {written} notes; {len(bad)} lines not processed.", err=True)
    if bad:
        sys.exit(1)


@main.group()
def themes():
    """Assign themes and discover emergent ones."""


@themes.command("assign")
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, path_type=Path),
              help='JSONL, one {"id": ..., "text": ...} per line (already anonymised).')
@click.option("--output", "output_path", required=True, type=click.Path(path_type=Path))
@click.option("--taxonomy", "taxonomy_path", type=click.Path(path_type=Path),
              help="JSON, YAML or CSV list of {id, label, description[, examples]} to use instead of the built-in.")
@click.option("--examples", "examples_path", type=click.Path(exists=True, path_type=Path),
              help='JSONL of confirmed assignments, one {"text": ..., "themes": [theme id, ...]} per line ([] means '
                   "none of these); the assigner learns from them.")
@handle_errors
def themes_assign(input_path, output_path, taxonomy_path, examples_path=None):
    """Assign themes to each line (stateless). An empty list means no theme fits."""
    from themes.assign import SimilarityAssigner
    from themes.embedder import MiniLMEmbedder
    from themes.taxonomy import load_builtin, load_file

    settings = Settings.from_env()
    taxonomy = load_file(taxonomy_path) if taxonomy_path else load_builtin()
    good, bad = [], []
    for line_no, obj in _read_jsonl(input_path):
        if isinstance(obj, str):
            bad.append((line_no, obj))
        elif not obj["text"].strip():
            bad.append((line_no, "the text is empty"))
        else:
            good.append((line_no, obj))
    assigner = SimilarityAssigner(taxonomy, MiniLMEmbedder(), settings.assign_threshold,
                                  settings.max_themes_per_note, settings.assign_margin)
    if examples_path:
        from themes.learned import LearnedAssigner, load_examples

        assigner = LearnedAssigner(assigner, load_examples(examples_path, taxonomy), seed=settings.seed)
        click.echo(assigner.summary(), err=True)
    decided, _ = assigner.assign([o["text"] for _, o in good]) if good else ([], None)
    with open(output_path, "w", encoding="utf-8") as out:
        for (_, obj), found in zip(good, decided):
            out.write(json.dumps({"id": obj.get("id"),
                                  "themes": [{"theme": a.theme_id, "score": a.score} for a in found]}) + "\n")
    for line_no, message in bad:
        click.echo(f"line {line_no}: {message}", err=True)
    click.echo(f"Assigned themes to {len(good)} lines; {len(bad)} lines not processed.", err=True)
    if bad:
        sys.exit(1)


@themes.command("discover")
@click.option("--db", type=click.Path(path_type=Path), help=DB_HELP)
@handle_errors
def themes_discover(db):
    """Propose emergent themes from the notes no theme fits (BERTopic, seeded)."""
    candidates = _pipeline(Settings.from_env(db_path=db)).discover_emergent()
    for c in candidates:
        click.echo(f"{c['size']:5d}  {c['label']}  ({', '.join(c['keywords'][:6])})")
    click.echo(f"{len(candidates)} emergent themes proposed for review.")


@main.command()
@click.option("--db", type=click.Path(path_type=Path), help=DB_HELP)
@click.option("--level", type=click.Choice(["ward", "lad"]), default="ward", show_default=True)
@click.option("--period", help="A month (2025-03), quarter (2025-Q3) or year (2025); default all.")
@click.option("--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True)
@handle_errors
def evidence(db, level, period, fmt):
    """The evidence view (area x theme), after suppression, as JSON or CSV on standard output.

    JSON also holds, across areas, the correlation of each theme's share with its indicator (n, 95% interval,
    a warning when n is too small), each visible story signal's trend, and the indicators' sources and licences."""
    from engine.evidence import to_csv, view
    from engine.store import Store
    from engine.suppression import Policy

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


@main.group("eval")
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
@handle_errors
def eval_anonymisation(dataset, fmt, show_misses, as_json):
    """Per-type recall (a span counts only when fully hidden), precision, F2 and notes per second."""
    from anonymise.anonymiser import Anonymiser
    from anonymise.evaluate import evaluate, format_report, load_dataset, report_to_dict

    fmt = fmt or ("presidio" if dataset.suffix.lower() == ".json" else "jsonl")
    records = load_dataset(dataset, fmt)
    # --- variant rows (anonymise/evaluate_variants.py): ids "<id>~<variant>" from `corpora.pii_eval --variants`
    from anonymise.evaluate_variants import evaluate_by_variant, format_variants, has_variants

    if has_variants(records):
        reports = evaluate_by_variant(records, Anonymiser(Settings.from_env()))
        if as_json:
            click.echo(json.dumps({k: report_to_dict(r, show_misses=show_misses) for k, r in reports.items()},
                                  indent=1))
        else:
            click.echo(format_report(reports["plain"], show_misses=show_misses) if "plain" in reports else "")
            click.echo("\nBy variant (recall per type; a span counts only when fully hidden):\n"
                       + format_variants(reports))
        return
    # --- end variant rows
    report = evaluate(records, Anonymiser(Settings.from_env()))
    if as_json:
        click.echo(json.dumps(report_to_dict(report, show_misses=show_misses), indent=1))
    else:
        click.echo(format_report(report, show_misses=show_misses))


@eval_group.command("themes")
@click.option("--dataset", required=True, type=click.Choice(["ukcat", "nhs-feedback"]),
              help="UK-CAT charity descriptions (12 tags) or NHS patient comments, read from ../shared/data.")
@click.option("--embedder", "embedder_name", type=click.Choice(["accurate", "fast", "both"]), default="accurate",
              show_default=True)
@click.option("--examples", type=int, default=None, help="Confirmed rows per theme to learn from (default: all "
              "rows of the training folds).")
@click.option("--splits", type=int, default=1, show_default=True,
              help="Also score zero-shot over this many different dev/held-out splits (mean, sd, range).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@handle_errors
def eval_themes(dataset, embedder_name, examples, splits, as_json):
    """Zero-shot and learning-from-corrections macro-F1, with UK-CAT's regex tagger as a baseline."""
    from themes.evaluate import format_eval, run_eval

    result = run_eval(dataset, embedder_name, examples, Settings.from_env(), splits=splits)
    click.echo(json.dumps(result, indent=1, default=str) if as_json else format_eval(result))


def _serve(settings: Settings, host: str, port: int) -> None:
    import uvicorn

    from service.app import create_app

    click.echo(f"\nCommunity Insights is running at http://{host}:{port}/  (API docs: http://{host}:{port}/docs)")
    click.echo("Press Ctrl+C to stop.")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@main.command()
@click.option("--db", type=click.Path(path_type=Path), help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@handle_errors
def serve(db, host, port):
    """Start the web service and API."""
    _serve(Settings.from_env(db_path=db), host, port)


# ---- command groups that live in their own modules (each adds one line here) ---------------------------------
from service.cli_access import tokens, users  # noqa: E402  (users add, tokens create/revoke)
main.add_command(users)
main.add_command(tokens)
from service.cli_themes import taxonomy  # noqa: E402  (taxonomy show/load/export/edit; themes refit/correct/review)
main.add_command(taxonomy)
from service.cli_data import areas, indicators, links  # noqa: E402  (areas import, indicators import, links load/show)
main.add_command(areas); main.add_command(indicators); main.add_command(links)  # noqa: E702
