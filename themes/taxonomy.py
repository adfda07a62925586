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

from engine.errors import InputError

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


def from_records(records: list, label: str) -> Taxonomy:
    return Taxonomy([_theme(r, f"theme {i + 1}") for i, r in enumerate(records)], label=label)


def load_builtin() -> Taxonomy:
    import yaml

    text = resources.files("themes").joinpath("builtin_taxonomy.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    return from_records(data["themes"], label=data.get("version_label", "builtin"))


def load_file(path: Path) -> Taxonomy:
    """A JSON or YAML list of themes (or {"themes": [...]}) or a CSV with id,label,description[,examples]."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"Taxonomy file {path} does not exist. Check the path.")
    suffix = path.suffix.lower()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"Taxonomy file {path} is not UTF-8 text. Save it as UTF-8 and try again.") from None
    if suffix == ".csv":
        records = list(csv.DictReader(text.splitlines()))
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
        raise InputError(f"Taxonomy file {path} must end in .json, .yaml, .yml or .csv.")
    return from_records(records, label=path.stem)
