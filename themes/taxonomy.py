"""A taxonomy as data: themes with stable ids, plain-English descriptions and example phrases.

Loads the built-in YAML or a deployment's own JSON / YAML / CSV file. `Taxonomy.content_hash` identifies
a version: the store records each distinct taxonomy as an immutable version.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from engine.core.errors import InputError

ID_PATTERN = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str
    examples: tuple[str, ...] = ()
    parent: str | None = None
    sensitive: bool = False

    def prompts(self) -> list[str]:
        """The texts a similarity assigner compares notes against."""
        return [f"{self.label}: {self.description}", *self.examples]


@dataclass
class Taxonomy:
    themes: list[Theme]
    label: str = "custom"
    ids: dict = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.themes:
            raise InputError("The taxonomy has no themes. Give at least one {id, label, description}.")
        self.ids = {}
        for t in self.themes:
            if t.id in self.ids:
                raise InputError(f"Theme id '{t.id}' appears twice in the taxonomy. Ids must be unique.")
            self.ids[t.id] = t

    @property
    def content_hash(self) -> str:
        blob = json.dumps([asdict(t) for t in self.themes], sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def as_dicts(self) -> list[dict]:
        return [{**asdict(t), "examples": list(t.examples)} for t in self.themes]

    def __getitem__(self, theme_id: str) -> Theme:
        return self.ids[theme_id]


def _theme(raw: dict, where: str) -> Theme:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: each theme must be an object with id, label and description.", where=where)
    missing = [k for k in ("id", "label", "description") if not str(raw.get(k) or "").strip()]
    if missing:
        raise InputError(f"{where}: the theme is missing {', '.join(missing)}.", where=where)
    theme_id = str(raw["id"]).strip()
    if not ID_PATTERN.match(theme_id):
        raise InputError(f"{where}: theme id '{theme_id}' may use only letters, digits, _ . and -.", where=where)
    examples = raw.get("examples") or []
    if isinstance(examples, str):
        examples = [e.strip() for e in examples.split(";") if e.strip()]
    sensitive = raw.get("sensitive", False)
    if isinstance(sensitive, str):
        sensitive = sensitive.strip().lower() in ("1", "true", "yes", "y")
    return Theme(theme_id, str(raw["label"]).strip(), str(raw["description"]).strip(),
                 tuple(str(e) for e in examples), raw.get("parent") or None, bool(sensitive))


def from_records(records: list, label: str, where: str = "theme", first: int = 1) -> Taxonomy:
    """Themes from plain records; `where`/`first` name the rows in errors (e.g. "row", 2 for a CSV)."""
    themes = [_theme(r, f"{where} {i + first}") for i, r in enumerate(records)]
    ids = {t.id for t in themes}
    for i, t in enumerate(themes):
        if t.parent is not None and (t.parent not in ids or t.parent == t.id):
            raise InputError(f"{where} {i + first}: parent '{t.parent}' of theme '{t.id}' is not another theme in "
                             "the taxonomy. Use one of its theme ids or leave parent empty.",
                             where=f"{where} {i + first}")
    return Taxonomy(themes, label=label)


# ---- editing: each returns a new Taxonomy (a taxonomy is never changed in place) -----------------------
EDITABLE = ("label", "description", "examples", "parent", "sensitive")


def with_theme(taxonomy: Taxonomy, theme: Theme, version_label: str | None = None) -> Taxonomy:
    if theme.id in taxonomy.ids:
        raise InputError(f"Theme id '{theme.id}' is already in the taxonomy. Choose another id, or edit that theme.")
    records = [*taxonomy.as_dicts(), {**asdict(theme), "examples": list(theme.examples)}]
    return from_records(records, version_label or taxonomy.label)


def edited(taxonomy: Taxonomy, theme_id: str, version_label: str | None = None, **changes) -> Taxonomy:
    """A copy with one theme's label, description, examples, parent or sensitive flag changed."""
    _known(taxonomy, theme_id)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InputError(f"Cannot change {', '.join(sorted(unknown))} of a theme; you can change "
                         f"{', '.join(EDITABLE)}. A theme's id never changes.")
    records = [{**r, **changes} if r["id"] == theme_id else r for r in taxonomy.as_dicts()]
    return from_records(records, version_label or taxonomy.label)


def without(taxonomy: Taxonomy, theme_id: str, version_label: str | None = None) -> Taxonomy:
    """A copy with one theme retired (its children move up to its parent)."""
    gone = _known(taxonomy, theme_id)
    records = [{**r, "parent": gone.parent if r["parent"] == theme_id else r["parent"]}
               for r in taxonomy.as_dicts() if r["id"] != theme_id]
    return from_records(records, version_label or taxonomy.label)


def _known(taxonomy: Taxonomy, theme_id: str) -> Theme:
    if theme_id not in taxonomy.ids:
        raise InputError(f"No theme '{theme_id}' in the taxonomy. `insights taxonomy show` lists the theme ids.")
    return taxonomy[theme_id]


def load_builtin() -> Taxonomy:
    import yaml

    text = resources.files("themes").joinpath("builtin_taxonomy.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return from_records(data["themes"], label=data.get("version_label", "builtin"))


def load_file(path: Path) -> Taxonomy:
    """A JSON or YAML list of themes (or {"themes": [...]}), a CSV with id,label,description[,examples], or a
    REFI-QDA codebook (.qdc, themes/qdc.py)."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"Taxonomy file {path} does not exist. Check the path.")
    suffix = path.suffix.lower()
    if suffix == ".qdc":
        from themes.qdc import codebook_records

        return from_records(codebook_records(path), label=path.stem, where="code")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"Taxonomy file {path} is not UTF-8 text. Save it as UTF-8 and try again.") from None
    if suffix == ".csv":
        reader = csv.DictReader(text.splitlines())
        missing = {"id", "label", "description"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"Taxonomy file {path} has no column {', '.join(sorted(missing))}. The first line "
                             "must name the columns: id,label,description[,examples,parent,sensitive].")
        return from_records(list(reader), label=path.stem, where="row", first=2)
    elif suffix in (".yaml", ".yml", ".json"):
        import yaml

        try:
            data = json.loads(text) if suffix == ".json" else yaml.safe_load(text)
        except (json.JSONDecodeError, yaml.YAMLError) as exc:
            raise InputError(f"Taxonomy file {path} could not be parsed: {str(exc).splitlines()[0]}") from None
        records = data.get("themes") if isinstance(data, dict) else data
        if not isinstance(records, list):
            raise InputError(f"Taxonomy file {path} must hold a list of themes (or an object with 'themes').")
    else:
        raise InputError(f"Taxonomy file {path} must end in .json, .yaml, .yml, .csv or .qdc.")
    return from_records(records, label=path.stem)
