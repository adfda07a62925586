"""Loaders and label-free anchors for the zero-shot evaluation (bench/zero_shot.py), beside the two in
themes/eval_data.py. Everything is read in place from ../shared/data/themes (never copied; see SOURCES.md).

  disaster      rmunro/disaster_response_messages validation file (CC BY 4.0, Robert Munro 2012): the English
                `message` of 2,337 help requests, 8 binary needs (multi-label, most messages have none).
                Anchor: a five-minute keyword list per need (themes/data/disaster_keywords.yaml).
  care-opinion  pxtextmining phase 1 co_multi_label.csv (CC BY-NC-SA 4.0, evaluation only): 1,998 patient
                stories with up to six subcategory codes; 12 codes kept (themes/data/care_opinion_12.yaml).
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from themes.eval_data import DATA_DIR, _require, eval_taxonomy

DISASTER_TAXONOMY = "disaster_8.yaml"
DISASTER_KEYWORDS = "disaster_keywords.yaml"
CARE_OPINION_TAXONOMY = "care_opinion_12.yaml"
CARE_OPINION_CODES = [f"cat_{i}" for i in range(1, 7)]


def load_disaster(data_dir: Path = DATA_DIR) -> tuple[list[str], list[list[str]]]:
    """English messages and their needs among the 8 (possibly none); rows with an empty message are dropped."""
    import pandas as pd

    df = pd.read_csv(_require(Path(data_dir) / "disaster_response_validation.csv"), dtype=str,
                     keep_default_na=False)
    ids = [t.id for t in eval_taxonomy(DISASTER_TAXONOMY).themes]
    df = df[df["message"].str.strip() != ""]
    return list(df["message"]), [[i for i in ids if row[i] == "1"] for _, row in df.iterrows()]


def load_care_opinion(data_dir: Path = DATA_DIR) -> tuple[list[str], list[list[str]]]:
    """Stories and their codes among the 12 kept (case folded: the source writes a code in either case)."""
    import pandas as pd

    df = pd.read_csv(_require(Path(data_dir) / "care_opinion_multi_label.csv"), dtype=str, keep_default_na=False)
    ids = [t.id for t in eval_taxonomy(CARE_OPINION_TAXONOMY).themes]
    df = df[df["feedback"].str.strip() != ""]
    gold = []
    for _, row in df.iterrows():
        codes = {row[c].strip().lower() for c in CARE_OPINION_CODES}
        gold.append([i for i in ids if i in codes])
    return list(df["feedback"]), gold


def load_keywords(name: str = DISASTER_KEYWORDS) -> dict[str, re.Pattern]:
    """A keyword list as one case-insensitive whole-word pattern per theme ('word*' matches any ending)."""
    import yaml

    data = yaml.safe_load(resources.files("themes").joinpath("data", name).read_text(encoding="utf-8"))
    out = {}
    for theme_id, words in data["keywords"].items():
        parts = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
        out[theme_id] = re.compile(r"\b(?:" + "|".join(parts) + r")\b", re.IGNORECASE)
    return out


def keyword_tags(texts: list[str], keywords: dict[str, re.Pattern]) -> list[list[str]]:
    return [[t for t, pattern in keywords.items() if pattern.search(text)] for text in texts]
