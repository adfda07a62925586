"""The taxonomy in a database: the current version, saving edits as new immutable versions, export, and a
taxonomy derived from UK-CAT's charity classification (`../shared/data/themes/ukcat.csv`).

Every change (load a file, add / rename / describe / retire a theme, change its examples, promote an emergent
theme) records a new version with a content hash and makes it current. Assignments already made keep the
version that made them until someone asks for a refit (`engine.refit`).
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from engine.core.errors import InputError
from engine.core.protocols import TaxonomyStore
from themes.taxonomy import (
    Taxonomy,
    Theme,
    edited,
    from_records,
    load_builtin,
    with_theme,
    without,
)

UKCAT_COLUMNS = ("Code", "tag", "Category", "Regular expression")
MAX_UKCAT_EXAMPLES = 6


# ---- the current taxonomy of a database -------------------------------------------------------------------
def current_taxonomy(store: TaxonomyStore) -> Taxonomy:
    """The taxonomy in force in this database; the built-in one when none has been recorded yet."""
    version = store.latest_taxonomy_version()
    if version is None:
        return load_builtin()
    row = store.taxonomy_version(version)
    return from_records(row["themes"], label=row["label"])


def activate(store: TaxonomyStore, taxonomy: Taxonomy, change: str) -> int:
    """Record `taxonomy` as a version (or find the identical one) and make it current. Returns its id."""
    parent = store.latest_taxonomy_version()
    return store.record_taxonomy(taxonomy.label, taxonomy.content_hash, taxonomy.as_dicts(), activate=True,
                                 parent_version=parent, change=change)


def add_theme(store: TaxonomyStore, theme_id: str, label: str, description: str, examples=(), parent: str | None = None,
              sensitive: bool = False) -> int:
    theme = from_records([{"id": theme_id, "label": label, "description": description, "examples": list(examples),
                           "sensitive": sensitive}], "new").themes[0]
    theme = Theme(theme.id, theme.label, theme.description, theme.examples, parent, theme.sensitive)
    return activate(store, with_theme(current_taxonomy(store), theme), f"added {theme_id}")


def edit_theme(store: TaxonomyStore, theme_id: str, **changes) -> int:
    """Change a theme's label, description, examples, parent or sensitive flag (a new version)."""
    if "examples" in changes:
        changes["examples"] = [str(e).strip() for e in changes["examples"] if str(e).strip()]
    what = ", ".join(sorted(changes)) or "nothing"
    return activate(store, edited(current_taxonomy(store), theme_id, **changes), f"changed {what} of {theme_id}")


def retire_theme(store: TaxonomyStore, theme_id: str) -> int:
    """Take a theme out of the current taxonomy. Notes keep old assignments to it until a refit."""
    return activate(store, without(current_taxonomy(store), theme_id), f"retired {theme_id}")


def load_into(store, taxonomy: Taxonomy) -> int:
    return activate(store, taxonomy, f"loaded {taxonomy.label}")


# ---- export --------------------------------------------------------------------------------------------
def dump(taxonomy: Taxonomy, fmt: str = "yaml") -> str:
    """The taxonomy as YAML, JSON, CSV or REFI-QDA codebook (qdc) text that `themes.taxonomy.load_file` reads
    back (a codebook keeps no sensitive flags unless read back with `known`, see themes/qdc.py)."""
    records = taxonomy.as_dicts()
    if fmt == "json":
        return json.dumps({"version_label": taxonomy.label, "themes": records}, indent=1, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump({"version_label": taxonomy.label, "themes": records}, sort_keys=False,
                              allow_unicode=True)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["id", "label", "description", "examples", "parent", "sensitive"],
                                lineterminator="\n")
        writer.writeheader()
        for r in records:
            writer.writerow({**r, "examples": ";".join(r["examples"]), "parent": r["parent"] or "",
                             "sensitive": "true" if r["sensitive"] else "false"})
        return buffer.getvalue()
    if fmt == "qdc":
        from themes.qdc import codebook_xml

        return codebook_xml(taxonomy).decode("utf-8")
    raise InputError(f"Unknown taxonomy format '{fmt}'. Use yaml, json, csv or qdc.")


# ---- REFI-QDA codebooks (themes/qdc.py) ----------------------------------------------------------------------
def taxonomy_from_codebook(path: Path, known: Taxonomy | None = None) -> Taxonomy:
    """A REFI-QDA codebook (.qdc, or a .qdpx / .qde project's codebook) as a taxonomy; codes whose GUIDs are
    those our export gives the themes of `known` keep their ids and sensitive flags (see themes/qdc.py)."""
    from themes.qdc import codebook_records

    path = Path(path)
    return from_records(codebook_records(path, known.themes if known else ()), label=path.stem, where="code")


# ---- UK-CAT ----------------------------------------------------------------------------------------------
def _top_level_alternatives(pattern: str) -> list[str]:
    body = pattern.strip().replace(r"\b", "")
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1]
    alts, depth, current = [], 0, ""
    for ch in body:
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            alts.append(current)
            current = ""
        else:
            current += ch
    return [*alts, current]


def _regex_examples(pattern: str) -> list[str]:
    """Plain words and phrases among a UK-CAT regular expression's alternatives: optional endings are
    written out ('homeless(ness)?' -> 'homelessness', 'cats?' -> 'cats'); anything still a pattern is skipped."""
    out: list[str] = []
    for alt in _top_level_alternatives(pattern or ""):
        alt = re.sub(r"\(([A-Za-z' ]+)\)\?", r"\1", alt)
        alt = re.sub(r"([A-Za-z])\?", r"\1", alt).replace(" ?-?", " ").strip()
        if re.fullmatch(r"[A-Za-z][A-Za-z' -]{2,40}", alt) and alt.lower() not in out:
            out.append(alt.lower())
    return out[:MAX_UKCAT_EXAMPLES]


def from_ukcat(path: Path, tags: list[str]) -> Taxonomy:
    """A taxonomy of the chosen UK-CAT tags: label = tag name, description = tag, category and UK-CAT's notes,
    examples = the plain words of its regular expression; a tag's parent is its category code when chosen."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"UK-CAT file {path} does not exist. It is ../shared/data/themes/ukcat.csv.")
    tags = [t.strip() for t in tags if t.strip()]
    if not tags:
        raise InputError("Give at least one UK-CAT tag code, e.g. --ukcat-tags SW105,BE115,CA101.")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in UKCAT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(f"{path} is not the UK-CAT tag list: it has no column {', '.join(missing)}.")
        rows = {r["Code"].strip(): r for r in reader}
    unknown = [t for t in tags if t not in rows]
    if unknown:
        raise InputError(f"UK-CAT has no tag {', '.join(unknown)}. Tag codes look like SW105 (see the Code column "
                         f"of {path.name}).")
    records = []
    for code in dict.fromkeys(tags):
        r = rows[code]
        notes = (r.get("Notes") or "").strip().rstrip(".")
        category = " / ".join(x for x in (r.get("Category"), r.get("Subcategory")) if x and x.strip())
        description = f"{r['tag'].strip()} ({category})" + (f". {notes}." if notes else ".")
        parent = re.sub(r"\d+$", "", code)
        records.append({"id": code, "label": r["tag"].strip(), "description": description,
                        "examples": _regex_examples(r.get("Regular expression", "")),
                        "parent": parent if parent != code and parent in tags else None})
    return from_records(records, label=f"ukcat-{len(records)}-tags")
