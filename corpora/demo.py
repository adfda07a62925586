"""The seeded, deterministic demo corpus: synthetic VCS notes, real ward codes, illustrative indicators.

    from corpora.demo import generate_demo_corpus
    corpus = generate_demo_corpus(seed=20261122, n_notes=1600)
    python -m corpora.demo OUT_DIR [--seed N] [--n-notes N]

Everything is SYNTHETIC. The ward and local authority codes and names are real (ONS 2019 wards in
Lewisham E09000023, a London borough, and Eden E07000030, a rural Cumbrian district); the notes, the
people in them and every indicator value are invented and illustrative, not official statistics.

Planted "story-number" signals, so the demo has something true to find:
  1. Food poverty follows deprivation. Each ward has an illustrative `income_deprivation_rate`
     (0.06-0.37); the chance a note is about food_poverty rises steeply with it, so the ward-level
     correlation between the food-note share and the rate is strongly positive (r > 0.6).
  2. Debt rises over time. A note's chance of being about debt_money rises linearly from 7.5% to 21%
     across the 18 months (placed by systematic sampling in date order, so it holds for any seed): the
     debt share roughly doubles from the first six months (Jun-Nov 2024) to the last six (Jun-Nov 2025).
     The illustrative `claimant_rate` per ward per month also rises gently (about 20% over the period).
  3. Divergences between stories and numbers:
     - "Counted but not heard": Downham (E05000442) has high income deprivation (0.31) but the fewest
       notes of any ward and hardly any about food: a VCS reach gap.
     - "Heard but not counted": Lee Green (E05000447) has low deprivation (0.07) and the lowest
       `mental_health_prevalence` in Lewisham (0.079), yet many of its notes are mental_health stories.
  4. Emergent theme: about 8% of notes are about transport_access (bus cuts, taxi fares, no car, missed
     hospital appointments, community transport), a theme not in the built-in taxonomy, concentrated
     in Eden's rural wards (Appleby, Kirkby Stephen, Alston Moor, Shap).

Notes carry gold theme labels and planted PII with exact character offsets (Python string indices).
PERSON spans cover the name, including a title when there is one ("Mrs Khan", "Dr Osei", as in
anonymise/recognisers/names.py) but never a relationship word ("her son Callum" labels "Callum").
Identifier spans leave out their cue words ("DOB", "NHS no.", "case ref"): only the value is labelled. Organisation and service names
(Citizens Advice, Age UK, Refuge, Shelter, Mind, the jobcentre, the food bank) are not PII.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from corpora import areas as _areas
from corpora.demo_text import _compose
from corpora.people import make_person
from engine.core import vocab

THEME_IDS = [
    "food_poverty", "domestic_abuse", "loneliness_isolation", "debt_money", "housing_homelessness",
    "digital_exclusion", "mental_health", "youth_education_employment", "bereavement", "green_public_space",
]
EMERGENT_THEME_ID = "transport_access"
DEFAULT_SEED = 20261122
DEFAULT_N_NOTES = 1600
START = date(2024, 6, 1)
END = date(2025, 11, 30)
SOURCE = _areas.SOURCE
LICENCE = _areas.LICENCE
MIN_NOTES_PER_WARD = 40
SOURCE_TYPES = list(vocab.SOURCE_TYPES)


@dataclass
class DemoCorpus:
    notes: list[dict]
    areas: list[dict]
    indicators: list[dict]
    indicator_meta: dict[str, dict]


def generate_demo_corpus(seed: int = DEFAULT_SEED, n_notes: int = DEFAULT_N_NOTES) -> DemoCorpus:
    """Build the whole corpus from `seed`; the same seed always gives identical output."""
    rng = random.Random(seed)
    wards = _areas.ward_table()
    specs = []
    span = (END - START).days
    for ward, count in zip(wards, _ward_counts(wards, n_notes)):
        for _ in range(count):
            specs.append((START + timedelta(days=rng.randrange(span + 1)), ward["code"], rng.random()))
    specs.sort()
    # Debt notes by systematic sampling over time, so the planted rise holds for every seed.
    debt, cum = [], rng.random()
    for when, _, _ in specs:
        p = debt_probability(when)
        debt.append(int(cum + p) > int(cum))
        cum += p
    by_code = {w["code"]: w for w in wards}
    notes = [_make_note(seed, i + 1, by_code[code], when, is_debt)
             for i, ((when, code, _), is_debt) in enumerate(zip(specs, debt))]
    return DemoCorpus(notes=notes, areas=_areas.area_records(), indicators=_areas.indicators(seed, wards),
                      indicator_meta=_areas.indicator_meta())


def _ward_counts(wards: list[dict], n_notes: int) -> list[int]:
    """Uneven notes per ward: a floor for every ward, the rest shared by each ward's note weight."""
    floor = min(MIN_NOTES_PER_WARD, n_notes // len(wards))
    spare = n_notes - floor * len(wards)
    total_weight = sum(w["note_weight"] for w in wards)
    shares = [spare * w["note_weight"] / total_weight for w in wards]
    counts = [floor + int(s) for s in shares]
    order = sorted(range(len(wards)), key=lambda i: (-(shares[i] - int(shares[i])), i))
    for i in order[: n_notes - sum(counts)]:
        counts[i] += 1
    return counts


def _time_fraction(when: date) -> float:
    return (when - START).days / (END - START).days


def debt_probability(when: date) -> float:
    """Chance a note dated `when` is about debt_money: rises linearly, roughly doubling over the period."""
    return 0.075 + 0.135 * _time_fraction(when)


def theme_weights(ward: dict, when: date) -> dict[str, float]:
    """Relative chance of each other theme for a note from `ward` (the planted signals live here)."""
    dep = ward["income_deprivation_rate"]
    rural_lad = not ward["urban"]
    weights = {
        "food_poverty": 16.0 * dep ** 1.3,
        "domestic_abuse": 0.55,
        "loneliness_isolation": 0.75 * (1.5 if rural_lad else 1.0) * ward["living_alone_rate"] / 0.17,
        "housing_homelessness": 1.1 if ward["urban"] else 0.6,
        "digital_exclusion": 0.8 if rural_lad else 0.55,
        "mental_health": 0.9,
        "youth_education_employment": 0.6 if ward["urban"] else 0.4,
        "bereavement": 0.45,
        "green_public_space": 0.5,
        EMERGENT_THEME_ID: 2.0 if ward["rural"] else (0.75 if rural_lad else 0.07),
    }
    if ward["code"] == _areas.REACH_GAP_WARD:
        weights["food_poverty"] *= 0.08
    if ward["code"] == _areas.HEARD_NOT_COUNTED_WARD:
        weights["mental_health"] *= 6.0
    return weights


def _pick_themes(rng: random.Random, ward: dict, when: date, debt: bool) -> list[str]:
    r = rng.random()
    if debt:
        n, chosen = (1 if r < 0.7 else 2), ["debt_money"]
    else:
        n, chosen = (0 if r < 0.04 else (2 if r < 0.28 else 1)), []
    weights = theme_weights(ward, when)
    while len(chosen) < n:
        names = [t for t in weights if t not in chosen]
        chosen.append(rng.choices(names, weights=[weights[t] for t in names])[0])
    if len(chosen) == 2 and rng.random() < 0.5:
        chosen.reverse()
    return chosen


def _pick_org(rng: random.Random, ward: dict, themes: list[str]) -> str:
    orgs = [o for o in _areas.ORGANISATIONS if o["lad"] == ward["lad"]]
    weights = [1.0 + 3.0 * sum(t in o["themes"] for t in themes) for o in orgs]
    return rng.choices(orgs, weights=weights)[0]["name"]


def _make_note(seed: int, number: int, ward: dict, when: date, debt: bool) -> dict:
    rng = random.Random(seed * 1_000_003 + number)
    themes = _pick_themes(rng, ward, when, debt)
    source = rng.choices(SOURCE_TYPES, weights=[0.5, 0.2, 0.3])[0]
    pii = rng.random() < 0.72
    gender = "f" if rng.random() < (0.88 if "domestic_abuse" in themes else 0.6) else "m"
    person = make_person(rng, "urban" if ward["urban"] else "rural", gender)
    text, spans = _compose(rng, source, themes, ward, when, person, pii)
    return {
        "id": f"demo-{number:05d}", "org": _pick_org(rng, ward, themes), "source_type": source,
        "date": when.isoformat(), "area_code": ward["code"], "area_name": ward["name"], "text": text,
        "themes": themes, "pii": spans,
    }


# ---- writing -------------------------------------------------------------------------------------

_INDICATOR_COLUMNS = ["area_code", "indicator", "period", "value", "numerator", "denominator", "unit",
                      "polarity", "source", "licence"]

README = """Community Insights demo corpus
==============================

THIS DATA IS SYNTHETIC AND ILLUSTRATIVE. It is not official statistics and describes no real person.
Generated by `python -m corpora.demo` (seed {seed}, {n} notes). Licence: CC0.

Files
  notes.jsonl        one synthetic note per line: id, org, source_type (case_note | transcript | anecdote),
                     date, area_code, area_name, text, themes (gold labels), pii (planted spans with offsets)
  areas.json         the wards and local authorities used (real ONS 2019 codes and names)
  indicators.csv     illustrative indicators in long format (area_code, indicator, period, value, numerator,
                     denominator, unit, polarity, source, licence)
  indicators_meta.json  label, unit, polarity, source, licence and description for each indicator

Places: Lewisham (E09000023, London borough) and Eden (E07000030, rural Cumbria); the ward codes and
names are real, everything attached to them is invented. Organisations are fictional. Every name,
address, phone number, email, NHS number, NI number, date of birth and case reference is made up
(phone numbers are from Ofcom's drama ranges).

Planted signals (what the demo should find)
  1. Food poverty notes are more common in wards with higher illustrative income deprivation
     (ward-level correlation strongly positive).
  2. Debt and money notes roughly double from Jun-Nov 2024 to Jun-Nov 2025; the illustrative
     claimant rate rises gently over the same months.
  3. Counted but not heard: Downham (E05000442) has high income deprivation but very few notes,
     and almost none about food.
     Heard but not counted: Lee Green (E05000447) has low deprivation and a low illustrative
     mental health prevalence, but many mental health stories.
  4. An emergent theme outside the built-in taxonomy, transport_access (bus cuts, taxi fares,
     missed hospital appointments), in about 8% of notes, mostly in Eden's rural wards.
"""


def write_demo_corpus(out_dir: str | Path, seed: int = DEFAULT_SEED, n_notes: int = DEFAULT_N_NOTES) -> Path:
    """Write notes.jsonl, areas.json, indicators.csv, indicators_meta.json and README.txt to `out_dir`."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    corpus = generate_demo_corpus(seed=seed, n_notes=n_notes)
    with open(out / "notes.jsonl", "w", encoding="utf-8", newline="\n") as f:
        for note in corpus.notes:
            f.write(json.dumps(note, ensure_ascii=False) + "\n")
    (out / "areas.json").write_text(json.dumps(corpus.areas, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "indicators_meta.json").write_text(
        json.dumps(corpus.indicator_meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    with open(out / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=_INDICATOR_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(corpus.indicators)
    (out / "README.txt").write_text(README.format(seed=seed, n=len(corpus.notes)), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpora.demo", description="Write the synthetic demo corpus.")
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--n-notes", type=int, default=DEFAULT_N_NOTES)
    args = parser.parse_args(argv)
    out = write_demo_corpus(args.out_dir, seed=args.seed, n_notes=args.n_notes)
    print(f"wrote demo corpus to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
