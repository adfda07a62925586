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
import re
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from corpora import areas as _areas
from corpora import phrases as P
from corpora.people import CAST_SLOTS, Cast, Person, Seg, make_person
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
MIN_WORDS, MAX_WORDS = 20, 400
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


# ---- text composition ----------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")
_PII_ONLY = {"name", "full", "first", "address", "postcode", "phone", "email", "nhs", "nino", "dob", "ref"}
_PRONOUNS = {"he": ("he", "she", "I"), "his": ("his", "her", "my"), "him": ("him", "her", "me")}
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]


def _cap(segs: list[Seg]) -> list[Seg]:
    """Capitalise the first letter of a sentence unless it starts with a PII value (kept verbatim)."""
    for i, (s, t) in enumerate(segs):
        if s:
            if t is None:
                segs[i] = (s[0].upper() + s[1:], None)
            break
    return segs


def _some(rng: random.Random, items: list[str], lo: int, hi: int) -> list[str]:
    return rng.sample(items, min(len(items), rng.randint(lo, hi)))


def _n_words(segs: list[Seg]) -> int:
    return len("".join(s for s, _ in segs).split())


class _Writer:
    """Fills templates for one note, keeping its people and identifiers consistent."""

    def __init__(self, rng: random.Random, source: str, themes: list[str], ward: dict, when: date,
                 person: Person, pii: bool):
        self.rng, self.source, self.themes, self.ward, self.when = rng, source, themes, ward, when
        self.person, self.pii, self.first_person = person, pii, False
        self.local = _areas.LOCAL[ward["lad"]]
        self.queues: dict[int, list[str]] = {}
        self.cast = Cast(rng, person, urban=ward["urban"], districts=ward["postcode_districts"], year=when.year,
                         case_note=source == "case_note", pii=pii, young="youth_education_employment" in themes)
        # Each note draws a handful of a theme's sentences, so notes on the same theme don't all overlap.
        self.facts = {t: _some(rng, P.THEMES[t]["facts"], 5, 8) for t in themes}
        self.voice = {t: _some(rng, P.THEMES[t]["voice"], 5, 7) for t in themes}
        self.general = _some(rng, P.GENERAL["facts"], 5, 9)
        self.general_voice = _some(rng, P.GENERAL["voice"], 5, 9)
        venues = P.THEMES[themes[0]]["venues"] if themes and rng.random() < 0.6 else P.GENERIC_VENUES
        self.venue = rng.choice(venues)
        self.desc = rng.choice(P.DESCRIPTORS[person.gender])

    def ok(self, template: str) -> bool:
        return self.pii or not any(m.group(1).lower() in _PII_ONLY for m in _SLOT.finditer(template))

    def pick(self, templates: list[str]) -> str:
        return self.rng.choice([t for t in templates if self.ok(t)])

    def cycle(self, templates: list[str]) -> str:
        """The next of `templates` in a per-note shuffled order, so frames don't repeat back to back."""
        queue = self.queues.setdefault(id(templates), [])
        if not queue:
            queue += self.rng.sample([t for t in templates if self.ok(t)], len([t for t in templates if self.ok(t)]))
        return queue.pop()

    def sentence(self, template: str, **extra: str) -> list[Seg]:
        return _cap(self.render(template, extra))

    def render(self, template: str, extra: dict[str, str] | None = None) -> list[Seg]:
        out: list[Seg] = []
        pos = 0
        for m in _SLOT.finditer(template):
            out.append((template[pos:m.start()], None))
            name = m.group(1)
            low = name[0].lower() + name[1:]
            segs = self.render(extra[low], extra) if extra and low in extra else self.slot(low)
            out += _cap(list(segs)) if name[0].isupper() else segs
            pos = m.end()
        out.append((template[pos:], None))
        return [s for s in out if s[0]]

    def next_fact(self, theme: str | None) -> str:
        pool = self.facts.get(theme) if theme else self.general
        if pool:
            return pool.pop()
        return self.rng.choice(P.THEMES[theme]["facts"] if theme else P.GENERAL["facts"])

    def slot(self, name: str) -> list[Seg]:
        p = self.person
        if name in _PRONOUNS:
            forms = _PRONOUNS[name]
            return [(forms[2] if self.first_person else forms[0 if p.gender == "m" else 1], None)]
        if name in CAST_SLOTS:
            return self.cast.slot(name, self.first_person)
        if name == "area_name":
            return [(self.ward["name"], None)]
        if name == "month_year":
            return [(f"{_MONTH_NAMES[self.when.month - 1]} {self.when.year}", None)]
        if name in ("venue", "desc"):
            return [(getattr(self, name), None)]
        options = self.local.get(name) or P.FILLERS.get(name)
        if options is None:
            raise KeyError(f"unknown template slot {{{name}}}")
        value = self.rng.choice(options)
        return self.render(value) if "{" in value else [(value, None)]


def _target_words(rng: random.Random, source: str) -> int:
    bands = {"case_note": [(0.22, 20, 40), (0.75, 40, 110), (0.94, 110, 220), (1.0, 220, 340)],
             "anecdote": [(0.45, 30, 90), (0.88, 90, 200), (1.0, 200, 320)],
             "transcript": [(0.4, 60, 160), (0.82, 160, 300), (1.0, 300, 395)]}[source]
    r = rng.random()
    for cut, lo, hi in bands:
        if r <= cut:
            return rng.randint(lo, hi)
    return 100


def _compose(rng: random.Random, source: str, themes: list[str], ward: dict, when: date, person: Person,
             pii: bool) -> tuple[str, list[dict]]:
    w = _Writer(rng, source, themes, ward, when, person, pii)
    target = _target_words(rng, source)
    if source == "transcript":
        sep, parts = "\n", _transcript(w, target)
    else:
        sep, parts = " ", _prose(w, target, source == "case_note")
    if pii and not any(t for part in parts for _, t in part):
        parts.append(w.sentence(rng.choice(P.FALLBACK_NAMES[source])))
    text, spans, pos = [], [], 0
    for i, part in enumerate(parts):
        if i:
            text.append(sep)
            pos += len(sep)
        for s, t in part:
            if t:
                spans.append({"type": t, "start": pos, "end": pos + len(s), "value": s})
            text.append(s)
            pos += len(s)
    return "".join(text), spans


_RESERVE = 8  # words kept free for a fallback name line


def _fill(parts: list[list[Seg]], at: int, target: int, reserved: int, make) -> None:
    """Insert sentences from `make()` at index `at` until the note reaches `target` words (or runs dry),
    never letting parts plus `reserved` words pass MAX_WORDS."""
    words = sum(_n_words(p) for p in parts)
    while words + reserved < max(target, MIN_WORDS):
        extra = make()
        if not extra:
            break
        n = sum(_n_words(p) for p in extra)
        if words + n + reserved + _RESERVE > MAX_WORDS:
            break
        parts[at:at] = extra
        at += len(extra)
        words += n


def _prose(w: _Writer, target: int, case: bool) -> list[list[Seg]]:
    rng, themes = w.rng, w.themes
    frames, actions = (P.CASE_FRAMES, P.CASE_ACTIONS) if case else (P.ANEC_FRAMES, P.ANEC_ACTIONS)
    first_theme = themes[0] if themes else None
    openers = P.CASE_OPENERS if case else P.ANEC_OPENERS
    if w.pii and rng.random() < 0.5:
        openers = [t for t in openers if "{name}" in t.lower()]
    opener = w.pick(openers)
    head = [w.sentence(opener, fact=w.next_fact(first_theme))] if target > 28 or not case else []
    per_theme = 1 if target < 50 else (2 if target < 130 else 3)
    body = [w.sentence(w.cycle(frames), fact=w.next_fact(t)) for t in (themes or [None]) for _ in range(per_theme)]
    acts = [w.sentence(w.cycle(actions), action=rng.choice(P.THEMES[t]["actions"])) for t in themes
            if rng.random() < 0.8]
    admin = []
    if case and w.pii:
        n_admin = rng.choices([0, 1, 2, 3], weights=[3, 4, 3, 1 if target > 60 else 0])[0]
        admin = [w.sentence(t) for t in rng.sample(P.CASE_ADMIN, n_admin)]
    closers = P.CASE_CLOSERS if case else P.ANEC_CLOSERS
    tail = [w.sentence(rng.choice(closers))] if rng.random() < 0.6 else []
    parts = head + body
    context = rng.sample(P.CASE_CONTEXT if case else P.ANEC_CONTEXT, len(P.CASE_CONTEXT if case else P.ANEC_CONTEXT))

    def more() -> list[list[Seg]]:
        theme = rng.choice(themes) if themes else None
        has_fact = bool(w.facts.get(theme) if theme else w.general)
        if has_fact and (rng.random() < 0.65 or not context):
            return [w.sentence(w.cycle(frames), fact=w.next_fact(theme))]
        return [w.sentence(context.pop())] if context else []

    _fill(parts, len(parts), target, sum(_n_words(p) for p in acts + admin + tail), more)
    return parts + acts + admin + tail


def _turn(w: _Writer, speaker: str, template: str, **extra: str) -> list[Seg]:
    return [(speaker + ": ", None)] + w.sentence(template, **extra)


def _transcript(w: _Writer, target: int) -> list[list[Seg]]:
    rng, themes = w.rng, w.themes
    lines: list[list[Seg]] = []
    if rng.random() < 0.5:
        lines.append(w.sentence(w.pick(P.TRANSCRIPT_HEADERS)))
    lines.append(_turn(w, "Interviewer", rng.choice(P.INTRO_QUESTIONS)))
    lines.append(_turn(w, "Resident", w.pick(P.INTRO_ANSWERS)))
    questions = {t: rng.sample(P.THEMES[t]["questions"], len(P.THEMES[t]["questions"])) for t in themes}

    def answer(theme: str | None) -> list[Seg] | None:
        pool = w.voice.get(theme) if theme else None
        if theme and not pool:
            return None
        line = pool.pop() if pool else (w.general_voice.pop() if w.general_voice else rng.choice(P.GENERAL["voice"]))
        marker = rng.choice(P.MARKERS)
        if marker.endswith(", ") and line[0].isupper() and not line.startswith(("I ", "I'")):
            line = line[0].lower() + line[1:]
        return _turn(w, "Resident", marker + line)

    for t in themes or [None]:
        q = questions[t].pop() if t else rng.choice(P.GENERAL["questions"])
        lines += [_turn(w, "Interviewer", q), answer(t) or _turn(w, "Resident", "It's hard to say.")]
        if t and rng.random() < 0.6:
            w.first_person = True
            help_line = _turn(w, "Resident", "{helper} {action}.", helper=w.pick(P.HELPERS),
                              action=rng.choice(P.THEMES[t]["actions"]))
            w.first_person = False
            lines += [_turn(w, "Interviewer", rng.choice(P.FOLLOW_UPS)), help_line]
    closing = [c for c in P.CLOSING if w.ok(c[0] + c[1])]
    q, a = rng.choice(closing)
    tail = [_turn(w, "Interviewer", q), _turn(w, "Resident", a)]

    def more() -> list[list[Seg]]:
        options = [t for t in themes if w.voice[t]]
        if options:
            t = rng.choice(options)
            prompt = questions[t].pop() if questions[t] and rng.random() < 0.5 else rng.choice(P.MORE_PROMPTS)
            return [_turn(w, "Interviewer", prompt), answer(t)]
        if w.general_voice:
            return [_turn(w, "Interviewer", rng.choice(P.GENERAL["questions"])), answer(None)]
        return []

    _fill(lines, len(lines), target, sum(_n_words(p) for p in tail), more)
    return lines + tail


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
