"""The labelled data `insights eval themes` scores against, read in place from ../shared/data/themes (never
copied; see its SOURCES.md for licences), and the zero-shot taxonomies written for it (themes/data/*.yaml).

  ukcat         UK-CAT hand-labelled charity sample (CC BY 4.0): activities + objects, 12 multi-label tags
                that matter to VCS case work. Baseline: UK-CAT's own regular expressions on the same text.
  nhs-feedback  pxtextmining NHS patient feedback (MIT): one of 9 labels per comment.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from engine.core.errors import InputError, NotFoundError
from themes.taxonomy import Taxonomy, from_records

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "themes"
UKCAT_TAXONOMY = "ukcat_12.yaml"
NHS_TAXONOMY = "nhs_feedback_9.yaml"
NHS_LABELS = {"Care received": "care", "Staff": "staff", "Couldn't be improved": "nothing",
              "Communication": "communication", "Environment/ facilities": "environment", "Access": "access",
              "Miscellaneous": "misc", "Transition/coordination": "transition", "Dignity": "dignity"}


def eval_taxonomy(name: str) -> Taxonomy:
    """One of the taxonomies in themes/data, fixed in the repository so every run scores the same one."""
    import yaml

    data = yaml.safe_load(resources.files("themes").joinpath("data", name).read_text(encoding="utf-8"))
    return from_records(data["themes"], label=data["version_label"])


def _require(path: Path) -> Path:
    if not path.exists():
        raise NotFoundError(f"Evaluation data {path} is missing. It comes from the shared data folder "
                            "(../shared/data/themes next to the project); see its SOURCES.md.")
    return path


def load_ukcat(data_dir: Path = DATA_DIR) -> tuple[list[str], list[list[str]]]:
    """Texts (activities + objects) and gold tags among the 12 (possibly none), one per charity."""
    import pandas as pd

    df = pd.read_csv(_require(Path(data_dir) / "ukcat_sample_public.csv"), dtype=str, keep_default_na=False)
    codes = {t.id for t in eval_taxonomy(UKCAT_TAXONOMY).themes}
    texts = [f"{a} {o}".strip() for a, o in zip(df["activities"], df["objects"])]
    gold = [[c for c in tags.split(";") if c.strip() in codes] for tags in df["UKCAT"]]
    return texts, gold


def load_ukcat_regexes(data_dir: Path = DATA_DIR) -> dict[str, tuple]:
    """UK-CAT's own tagger for the 12 codes: (include, exclude or None), applied case-insensitively."""
    import pandas as pd

    df = pd.read_csv(_require(Path(data_dir) / "ukcat.csv"), dtype=str, keep_default_na=False)
    rows = {r["Code"]: r for _, r in df.iterrows()}
    out = {}
    for theme in eval_taxonomy(UKCAT_TAXONOMY).themes:
        row = rows[theme.id]
        exclude = row["Exclude regular expression"]
        out[theme.id] = (re.compile(row["Regular expression"], re.IGNORECASE),
                         re.compile(exclude, re.IGNORECASE) if exclude and exclude != r"\b()\b" else None)
    return out


def regex_tags(texts: list[str], regexes: dict[str, tuple]) -> list[list[str]]:
    return [[c for c, (inc, exc) in regexes.items() if inc.search(t) and not (exc and exc.search(t))]
            for t in texts]


def load_nhs(data_dir: Path = DATA_DIR) -> tuple[list[str], list[str], int]:
    """Comments, their gold theme id, and how many rows were dropped for having no comment text."""
    import pandas as pd

    df = pd.read_csv(_require(Path(data_dir) / "text_data.csv"), dtype=str, keep_default_na=False)
    keep = df["feedback"].str.strip() != ""
    unknown = set(df["label"]) - set(NHS_LABELS)
    if unknown:
        raise InputError(f"text_data.csv has labels this evaluation does not know: {sorted(unknown)}.")
    return list(df.loc[keep, "feedback"]), [NHS_LABELS[x] for x in df.loc[keep, "label"]], int((~keep).sum())
