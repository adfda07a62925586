"""`insights taxonomy ...` and `insights themes assign|pick|refit|correct|review ...`: thin wrappers over
themes.taxonomy_io, themes.review_queue, themes.corrections, themes.review and engine.refit (the functions the tests call)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from engine.core.settings import Settings
from service.cli.common import DB_HELP, DB_TARGET, handle_errors, open_store, pipeline, read_jsonl

UKCAT_FILE = Path("../shared/data/themes/ukcat.csv")



@click.group()
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
    """Assign themes to each line (stateless: the scorer calibrates itself on this file). An empty list means no
    theme fits."""
    from themes.review_queue import stateless_assigner
    from themes.taxonomy import load_builtin, load_file

    settings = Settings.from_env()
    taxonomy = load_file(taxonomy_path) if taxonomy_path else load_builtin()
    good, bad = [], []
    for line_no, obj in read_jsonl(input_path):
        if isinstance(obj, str):
            bad.append((line_no, obj))
        elif not obj["text"].strip():
            bad.append((line_no, "the text is empty"))
        else:
            good.append((line_no, obj))
    texts = [o["text"] for _, o in good]
    if examples_path:
        from themes.learned import load_examples

        examples = load_examples(examples_path, taxonomy)
    else:
        examples = []
    # the same calibrated state for the examples and the input
    assigner = stateless_assigner(settings, taxonomy, texts, examples)
    if examples:
        click.echo(assigner.summary(), err=True)
    decided, _ = assigner.assign(texts) if texts else ([], None)
    with open(output_path, "w", encoding="utf-8") as out:
        for (_, obj), found in zip(good, decided):
            out.write(json.dumps({"id": obj.get("id"),
                                  "themes": [{"theme": a.theme_id, "score": a.score} for a in found]}) + "\n")
    for line_no, message in bad:
        click.echo(f"line {line_no}: {message}", err=True)
    click.echo(f"Assigned themes to {len(good)} lines; {len(bad)} lines not processed.", err=True)
    if bad:
        sys.exit(1)


@themes.command("pick")
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, path_type=Path),
              help='JSONL pool, one {"id": ..., "text": ...} per line (already anonymised).')
@click.option("--output", "output_path", required=True, type=click.Path(path_type=Path),
              help="JSONL: the picked lines of the pool exactly as read, best first.")
@click.option("--n", "n", required=True, type=int, help="How many notes to pick.")
@click.option("--taxonomy", "taxonomy_path", type=click.Path(path_type=Path),
              help="JSON, YAML or CSV list of {id, label, description[, examples]} to use instead of the built-in.")
@click.option("--examples", "examples_path", type=click.Path(exists=True, path_type=Path),
              help='JSONL of confirmed assignments so far, one {"text": ..., "themes": [...]} per line.')
@handle_errors
def themes_pick(input_path, output_path, n, taxonomy_path, examples_path=None):
    """Pick the N pool lines whose confirmation would teach the assigner most (uncertain and diverse). Lines
    that repeat an example's text are never picked."""
    from engine.core.errors import InputError
    from themes.review_queue import review_queue, stateless_assigner
    from themes.taxonomy import load_builtin, load_file

    if n < 1:
        raise InputError(f"--n {n}: ask for at least 1 note.", fix="Give --n 1 or more, e.g. --n 50.")
    taxonomy = load_file(taxonomy_path) if taxonomy_path else load_builtin()
    with open(input_path, encoding="utf-8") as handle:
        raw_lines = list(handle)   # the same line breaks as read_jsonl's numbering
    good, bad = [], []
    for line_no, obj in read_jsonl(input_path):
        if isinstance(obj, str):
            bad.append(f"line {line_no}: {obj}")
        elif not obj["text"].strip():
            bad.append(f"line {line_no}: the text is empty")
        else:
            good.append((line_no, obj["text"]))
    if bad:
        raise InputError(f"{input_path} has {len(bad)} bad line(s): " + "; ".join(bad[:10])
                         + (" ..." if len(bad) > 10 else "") + ". Nothing was written.",
                         fix='Give one JSON object per line with a non-empty "text" string, then run again.')
    if not good:
        raise InputError(f"{input_path} holds no notes to pick from.",
                         fix='Give one {"id": ..., "text": ...} object per line.')
    examples = []
    if examples_path:
        from themes.learned import load_examples

        examples = load_examples(examples_path, taxonomy)
    texts = [t for _, t in good]
    assigner = stateless_assigner(Settings.from_env(), taxonomy, texts, examples)
    if examples:
        click.echo(assigner.summary(), err=True)
    items = review_queue(assigner, texts, n, examples)
    with open(output_path, "w", encoding="utf-8") as out:
        for item in items:
            line = raw_lines[good[item.index][0] - 1]
            out.write(line if line.endswith("\n") else line + "\n")
    click.echo(f"Picked {len(items)} of {len(good)} lines to check next ({assigner.method} assigner)"
               + ("" if len(items) == n else f"; fewer than {n}: the rest are already examples") + ".", err=True)


@themes.command("discover")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def themes_discover(db):
    """Propose emergent themes from the notes no theme fits (BERTopic, seeded)."""
    candidates = pipeline(Settings.from_env(db_path=db)).discover_emergent()
    for c in candidates:
        click.echo(f"{c['size']:5d}  {c['label']}  ({', '.join(c['keywords'][:6])})")
    click.echo(f"{len(candidates)} emergent themes proposed for review.")


@click.group()
def taxonomy():
    """Show, load, export and edit the taxonomy. Every change is a new version; old assignments keep theirs."""


@taxonomy.command("show")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--versions", is_flag=True, help="List every taxonomy version and what changed in it.")
@handle_errors
def taxonomy_show(db, versions):
    """The themes of the taxonomy in force (or, with --versions, its history)."""
    from engine.publish.theme_views import taxonomy_versions
    from themes.taxonomy_io import current_taxonomy

    store = open_store(db)
    if versions:
        info = taxonomy_versions(store)
        for v in info["versions"]:
            mark = "*" if v["id"] == info["current"] else " "
            click.echo(f"{mark} v{v['id']:<3} {v['created_at']}  {v['label']}  {v['change'] or ''}")
        return
    tax = current_taxonomy(store)
    click.echo(f"Taxonomy version {store.latest_taxonomy_version() or '(none recorded yet: built-in)'}: {tax.label}")
    for t in tax.themes:
        flags = " [sensitive]" if t.sensitive else ""
        parent = f" (under {t.parent})" if t.parent else ""
        click.echo(f"  {t.id:28s} {t.label}{parent}{flags}")


@taxonomy.command("load")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--ukcat-tags", help="Instead of a file: UK-CAT tag codes, e.g. SW105,BE115,CA101.")
@click.option("--ukcat-file", type=click.Path(path_type=Path), default=UKCAT_FILE, show_default=True)
@click.option("--qdc", "qdc_path", type=click.Path(path_type=Path),
              help="Instead: a REFI-QDA codebook (.qdc) from NVivo, ATLAS.ti, MAXQDA or QualCoder (a .qdpx "
                   "project's codebook works too). Codes become themes, nested codes their children.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def taxonomy_load(path, ukcat_tags, ukcat_file, qdc_path, db):
    """Make the taxonomy in PATH (YAML, JSON, CSV or .qdc) the one in force, as a new version."""
    from themes.taxonomy import load_file
    from themes.taxonomy_io import current_taxonomy, from_ukcat, load_into, taxonomy_from_codebook

    if sum(bool(x) for x in (path, ukcat_tags, qdc_path)) != 1:
        raise click.UsageError("Give either a taxonomy FILE or --ukcat-tags (or --qdc FILE), just one of them.")
    store = open_store(db)
    qdc_path = qdc_path or (path if path and path.suffix.lower() == ".qdc" else None)
    if qdc_path:   # codes from our own export keep their theme ids and sensitive flags
        tax = taxonomy_from_codebook(qdc_path, known=current_taxonomy(store))
    else:
        tax = from_ukcat(ukcat_file, ukcat_tags.split(",")) if ukcat_tags else load_file(path)
    version = load_into(store, tax)
    click.echo(f"Taxonomy version {version} ({len(tax.themes)} themes) is now in force. Notes keep their themes "
               "until you run `insights themes refit`.")


@taxonomy.command("export")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json", "csv", "qdc"]), default="yaml", show_default=True,
              help="qdc: a REFI-QDA codebook for NVivo, ATLAS.ti, MAXQDA or QualCoder.")
@click.option("--output", type=click.Path(path_type=Path), help="File to write (default: standard output).")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def taxonomy_export(fmt, output, db):
    """Write the taxonomy in force as YAML, JSON, CSV or a REFI-QDA codebook (readable by `insights taxonomy load`)."""
    from themes.taxonomy_io import current_taxonomy, dump

    text = dump(current_taxonomy(open_store(db)), fmt)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@taxonomy.command("try")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--theme", "theme_ids", multiple=True, help="Show this theme (repeat for more) even if unchanged.")
@click.option("--examples", default=3, show_default=True, help="Notes shown that each theme would take.")
@click.option("--near", default=3, show_default=True, help="Near-misses shown for each theme.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole preview as JSON.")
@handle_errors
def taxonomy_try(path, db, theme_ids, examples, near, as_json):
    """Try the taxonomy in PATH on the stored notes before loading it; nothing is saved. For each theme that is
    new or changed: the notes it would take (and gained / lost against the theme in force), near-misses just
    below the line, and the words that drive it. Counts are raw (not suppressed): for an admin on their own
    database, not to publish."""
    from engine.taxonomy_try import try_taxonomy
    from service.cli.taxonomy_try import render
    from themes.taxonomy import load_file

    store = open_store(db)
    report = try_taxonomy(store, Settings.from_env(db_path=db), load_file(path), theme_ids=list(theme_ids),
                          examples=examples, near=near)
    click.echo(json.dumps(report, indent=1) if as_json else render(report))


@taxonomy.command("edit")
@click.argument("theme_id")
@click.option("--label")
@click.option("--description")
@click.option("--examples", help='Example phrases separated by ";" (replaces the old ones).')
@click.option("--sensitive/--not-sensitive", default=None)
@click.option("--add", "add", is_flag=True, help="Add THEME_ID as a new theme (needs --label and --description).")
@click.option("--retire", is_flag=True, help="Take THEME_ID out of the taxonomy.")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def taxonomy_edit(theme_id, label, description, examples, sensitive, add, retire, db):
    """Add, change or retire one theme (a new taxonomy version)."""
    from themes.taxonomy_io import add_theme, edit_theme, retire_theme

    store = open_store(db)
    example_list = [e.strip() for e in examples.split(";") if e.strip()] if examples is not None else None
    if retire:
        version = retire_theme(store, theme_id)
    elif add:
        version = add_theme(store, theme_id, label or "", description or "", example_list or (),
                            sensitive=bool(sensitive))
    else:
        changes = {k: v for k, v in {"label": label, "description": description, "examples": example_list,
                                     "sensitive": sensitive}.items() if v is not None}
        if not changes:
            raise click.UsageError("Say what to change: --label, --description, --examples or --sensitive.")
        version = edit_theme(store, theme_id, **changes)
    click.echo(f"Taxonomy version {version} is now in force.")


@themes.command("refit")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the whole report (with every moved note) as JSON.")
@handle_errors
def themes_refit(db, as_json):
    """Re-assign every note under the taxonomy in force, and report what moved."""
    from engine.refit import refit

    report = refit(pipeline(Settings.from_env(db_path=db)))
    if as_json:
        click.echo(json.dumps(report, indent=1))
        return
    click.echo(f"Refitted {report['notes']} notes under taxonomy version {report['taxonomy_version']} "
               f"({report['method']}): {report['changed']} changed, {report['unchanged']} unchanged.")
    click.echo(f"  {'theme':28s} {'gained':>7s} {'lost':>7s} {'kept':>7s}")
    for theme_id, c in report["themes"].items():
        click.echo(f"  {theme_id:28s} {c['gained']:7d} {c['lost']:7d} {c['unchanged']:7d}")


@themes.command("correct")
@click.argument("note_id", type=int)
@click.argument("theme_id")
@click.option("--reject", is_flag=True, help="The note is NOT about this theme (default: confirm it is).")
@click.option("--who", required=True, help="Who is making the correction (a name or role).")
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def themes_correct(note_id, theme_id, reject, who, db):
    """Confirm (or --reject) that note NOTE_ID is about THEME_ID. A person's verdict always wins."""
    from themes.corrections import correct

    rows = correct(open_store(db), note_id, theme_id, "reject" if reject else "confirm", who)
    shown = ", ".join(f"{r['theme_id']} ({r['method']})" for r in rows if r["theme_id"]) or "no theme"
    click.echo(f"Note {note_id} now has: {shown}")


@themes.group("review")
def review():
    """Review emergent themes: promote, rename, merge or dismiss a candidate, or restore a dismissed one."""


@review.command("promote")
@click.argument("candidate_id", type=int)
@click.option("--label", required=True, help="The theme's name in plain words.")
@click.option("--description", help="What the theme covers (default: from its keywords).")
@click.option("--sensitive", is_flag=True)
@click.option("--who", required=True)
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def review_promote(candidate_id, label, description, sensitive, who, db):
    """Make candidate CANDIDATE_ID a theme of the taxonomy (a new version)."""
    from themes.review import promote

    out = promote(open_store(db), candidate_id, label, who, description=description, sensitive=sensitive)
    click.echo(f"Promoted as theme '{out['theme_id']}' in taxonomy version {out['taxonomy_version']}. "
               "Run `insights themes refit` to assign it to existing notes.")


@review.command("rename")
@click.argument("candidate_id", type=int)
@click.option("--label", required=True)
@click.option("--who", required=True)
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def review_rename(candidate_id, label, who, db):
    """Give candidate CANDIDATE_ID a readable label."""
    from themes.review import rename

    rename(open_store(db), candidate_id, label, who)
    click.echo(f"Renamed emergent theme {candidate_id} to '{label}'.")


@review.command("merge")
@click.argument("keep_id", type=int)
@click.argument("other_id", type=int)
@click.option("--label")
@click.option("--who", required=True)
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def review_merge(keep_id, other_id, label, who, db):
    """Fold candidate OTHER_ID into KEEP_ID."""
    from themes.review import merge

    merged = merge(open_store(db), keep_id, other_id, who, label)
    click.echo(f"Merged {other_id} into {keep_id} ('{merged['label']}').")


@review.command("dismiss")
@click.argument("candidate_id", type=int)
@click.option("--who", required=True)
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def review_dismiss(candidate_id, who, db):
    """Dismiss candidate CANDIDATE_ID; it is not proposed again."""
    from themes.review import dismiss

    dismiss(open_store(db), candidate_id, who)
    click.echo(f"Dismissed emergent theme {candidate_id}.")


@review.command("restore")
@click.argument("candidate_id", type=int)
@click.option("--who", required=True)
@click.option("--db", type=DB_TARGET, help=DB_HELP)
@handle_errors
def review_restore(candidate_id, who, db):
    """Undo the dismissal of candidate CANDIDATE_ID: it is proposed again."""
    from themes.review import restore

    restore(open_store(db), candidate_id, who)
    click.echo(f"Restored emergent theme {candidate_id}: it is proposed again.")
