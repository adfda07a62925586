"""`insights eval themes`: theme assignment scored against real, human-labelled public text.

Datasets (read in place from ../shared/data/themes, never copied; see its SOURCES.md for licences):
  ukcat         UK-CAT hand-labelled charity sample (CC BY 4.0): activities + objects, 12 multi-label tags
                that matter to VCS case work. Baseline: UK-CAT's own regular expressions on the same text.
  nhs-feedback  pxtextmining NHS patient feedback (MIT): one of 9 labels per comment.
Settings scored: zero-shot (project threshold/margin, or calibrated on the synthetic demo corpus for the
fast embedder; never on the scored rows), zero-shot with threshold/margin tuned on the training folds, and
learned (5-fold cross-validation: training folds are confirmed assignments; see themes/learned.py).
The taxonomies below were written for this evaluation from the tag definitions, not from the data rows.
"""
from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np

from engine.errors import InputError, NotFoundError
from themes.taxonomy import from_records

DATA_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "themes"
FOLDS = 5
DATASETS = ("ukcat", "nhs-feedback")
EMBEDDERS = ("accurate", "fast", "both")


def _t(id_, label, description, *examples):
    return {"id": id_, "label": label, "description": description, "examples": list(examples)}


UKCAT_THEMES = [
    _t("SW105", "Poverty and hardship", "people on low incomes or in financial hardship who cannot afford the basics",
       "struggling to make ends meet", "grants for families in financial hardship",
       "she cannot afford to heat the flat", "relieving poverty in the area"),
    _t("BE115", "Young people", "teenagers and young adults, roughly 13 to 25: youth clubs and youth work",
       "a youth club for teenagers", "supporting young people aged 16 to 25",
       "activities to keep local youngsters busy", "mentoring for teenagers leaving school"),
    _t("CA101", "Advice and advocacy", "information, advice and advocacy for individuals about benefits, "
       "debt, legal rights or services; helplines", "free confidential advice about benefits and debt",
       "an advocate helped him speak up at the meeting", "a helpline people can ring for guidance",
       "help understanding her rights and filling in forms"),
    _t("BE108", "Older people", "elderly people, pensioners and people in later life",
       "a lunch club for elderly residents", "support for older people living alone",
       "pensioners in the village", "activities for people over 65"),
    _t("ED302", "Employability", "help getting into work: job search, CVs, interview skills, work experience, "
       "training for unemployed people", "helping unemployed people back into work",
       "support with writing a CV and practising interviews", "work placements to build skills for a job",
       "he has been out of work for a year and wants a job"),
    _t("HE210", "Mental health", "mental illness and emotional wellbeing: depression, anxiety, psychosis, "
       "counselling and suicide prevention", "she has been struggling with depression and anxiety",
       "support for people living with mental illness", "counselling for people in emotional distress",
       "he has talked about ending his life"),
    _t("HO103", "Homelessness", "people who are homeless, sleeping rough or at risk of losing their home; "
       "night shelters and hostels", "sleeping rough on the streets", "a night shelter for homeless people",
       "sofa surfing with nowhere to live", "at risk of homelessness after being evicted"),
    _t("SW106", "Loneliness and isolation", "loneliness and social isolation: befriending and companionship "
       "for people cut off from others", "she feels lonely and has not spoken to anyone all week",
       "a befriending service for isolated people", "reducing social isolation",
       "someone to chat to and have a cup of tea with"),
    _t("SW300", "Food", "food and meals: food banks, food parcels, community meals and people going hungry",
       "providing hot meals", "a food bank giving out food parcels", "a free breakfast club",
       "they have not got enough to eat"),
    _t("SW102", "Bereavement", "grief and support after the death of a family member, friend or loved one",
       "support after losing a loved one", "grief counselling for bereaved families",
       "his wife died recently and he is not coping", "helping children whose parent has died"),
    _t("SW202", "Domestic abuse", "abuse or violence from a partner or family member at home; refuges and "
       "support for survivors", "her partner is violent and controlling",
       "a refuge for women fleeing domestic violence", "support for survivors of domestic abuse",
       "he threatens her and checks her phone"),
    _t("ED304", "IT and digital skills", "computer and digital skills: IT training, getting online, using the "
       "internet, coding", "computer classes for beginners", "help getting online and using email",
       "digital skills training", "learning to code"),
]

NHS_THEMES = [
    _t("care", "Care received", "the care and treatment the patient received and how well they were looked after",
       "the treatment was excellent", "they really helped my recovery", "I was well cared for"),
    _t("staff", "Staff", "the staff: their attitude, kindness, friendliness, professionalism or numbers",
       "the nurses were lovely and friendly", "staff were rude", "very professional and helpful staff",
       "not enough staff on the ward"),
    _t("nothing", "Couldn't be improved", "nothing needs to change; the patient has no improvement to suggest",
       "nothing", "nothing at all, it was fine", "I can't think of anything", "no improvements needed"),
    _t("communication", "Communication", "information, explanations and being listened to and kept informed",
       "they explained everything clearly", "nobody told me what was happening", "I felt listened to",
       "better information about my appointment"),
    _t("environment", "Environment and facilities", "the building and facilities: cleanliness, food, "
       "temperature, noise, parking, equipment", "the ward was too cold", "the food was awful",
       "the waiting room was clean", "not enough parking"),
    _t("access", "Access", "getting to the service: waiting times, appointments, phone lines, location, "
       "opening hours", "I waited months for an appointment", "hard to get through on the phone",
       "the clinic is too far away", "shorter waiting times"),
    _t("misc", "Miscellaneous", "general comments that everything was good or bad, or about something else",
       "everything was good", "all fine no complaints", "no", "it was all bad"),
    _t("transition", "Transition and coordination", "discharge, referrals, continuity and coordination "
       "between services", "the discharge was badly organised", "services did not talk to each other",
       "I saw a different person every time", "the referral went smoothly"),
    _t("dignity", "Dignity", "respect, privacy, feeling safe and being involved in decisions about care",
       "I was treated with respect", "I felt safe", "my privacy was not respected",
       "they involved my family in decisions"),
]
NHS_LABELS = {"Care received": "care", "Staff": "staff", "Couldn't be improved": "nothing",
              "Communication": "communication", "Environment/ facilities": "environment", "Access": "access",
              "Miscellaneous": "misc", "Transition/coordination": "transition", "Dignity": "dignity"}


def _require(path: Path) -> Path:
    if not path.exists():
        raise NotFoundError(f"Evaluation data {path} is missing. It comes from the shared data folder "
                            "(../shared/data/themes next to the project); see its SOURCES.md.")
    return path


def load_ukcat(data_dir: Path = DATA_DIR) -> tuple[list[str], list[list[str]]]:
    """Texts (activities + objects) and gold tags among the 12 (possibly none), one per charity."""
    import pandas as pd

    df = pd.read_csv(_require(Path(data_dir) / "ukcat_sample_public.csv"), dtype=str, keep_default_na=False)
    codes = {t["id"] for t in UKCAT_THEMES}
    texts = [f"{a} {o}".strip() for a, o in zip(df["activities"], df["objects"])]
    gold = [[c for c in tags.split(";") if c.strip() in codes] for tags in df["UKCAT"]]
    return texts, gold


def load_ukcat_regexes(data_dir: Path = DATA_DIR) -> dict[str, tuple]:
    """UK-CAT's own tagger for the 12 codes: (include, exclude or None), applied case-insensitively."""
    import re

    import pandas as pd

    df = pd.read_csv(_require(Path(data_dir) / "ukcat.csv"), dtype=str, keep_default_na=False)
    rows = {r["Code"]: r for _, r in df.iterrows()}
    out = {}
    for t in UKCAT_THEMES:
        row = rows[t["id"]]
        exclude = row["Exclude regular expression"]
        out[t["id"]] = (re.compile(row["Regular expression"], re.IGNORECASE),
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


# -- metrics ------------------------------------------------------------------------------------------------
def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "support": tp + fn, "predicted": tp + fp}


def multilabel_metrics(gold: list[list[str]], pred: list[list[str]], labels: list[str]) -> dict:
    """Per-theme precision/recall/F1, macro-F1 (mean over `labels`), micro-F1 and the share of notes with
    no predicted theme (against the share with no gold theme)."""
    if len(gold) != len(pred):
        raise InputError(f"{len(gold)} gold rows but {len(pred)} predictions.")
    per = {}
    for label in labels:
        tp = sum(label in g and label in p for g, p in zip(gold, pred))
        per[label] = _prf(tp, sum(label in p for p in pred) - tp, sum(label in g for g in gold) - tp)
    tp = sum(len(set(g) & set(p)) for g, p in zip(gold, pred))
    micro = _prf(tp, sum(len(set(p)) for p in pred) - tp, sum(len(set(g)) for g in gold) - tp)
    n = max(len(gold), 1)
    return {"per_theme": per, "macro_f1": round(float(np.mean([v["f1"] for v in per.values()])), 4),
            "micro_f1": micro["f1"], "unassigned_share": round(sum(not p for p in pred) / n, 4),
            "gold_unassigned_share": round(sum(not g for g in gold) / n, 4)}


def single_label_metrics(gold: list[str], pred: list[str | None], labels: list[str]) -> dict:
    """Accuracy (an unassigned note counts as wrong), macro-F1 over `labels`, per-label P/R/F1."""
    result = multilabel_metrics([[g] for g in gold], [[p] if p else [] for p in pred], labels)
    result["accuracy"] = round(sum(g == p for g, p in zip(gold, pred)) / max(len(gold), 1), 4)
    return result


def decide_matrix(scores: np.ndarray, threshold: float, margin: float, max_themes: int) -> np.ndarray:
    """SimilarityAssigner.decide as a boolean matrix: at most max_themes best themes scoring at least
    max(threshold, best - margin)."""
    if not len(scores):
        return np.zeros(scores.shape, dtype=bool)
    rank = np.argsort(np.argsort(-scores, axis=1, kind="stable"), axis=1, kind="stable")
    floor = np.maximum(threshold, scores.max(axis=1) - margin)
    return (rank < max_themes) & (scores >= floor[:, None])


def tune_zero_shot(scores: np.ndarray, gold: np.ndarray, max_themes: int) -> tuple[float, float, float]:
    """(threshold, margin, macro-F1) maximising macro-F1 of decide_matrix on (scores, gold)."""
    best = (-1.0, 0.0, 0.0)
    for threshold in np.round(np.arange(0.10, 0.80, 0.02), 2):
        for margin in MARGINS:
            pred = decide_matrix(scores, threshold, margin, max_themes)
            tp = (pred & gold).sum(0)
            denom = pred.sum(0) + gold.sum(0)
            f1 = float(np.mean(np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)))
            if f1 > best[0] + 1e-9:
                best = (f1, float(threshold), float(margin))
    return best[1], best[2], round(best[0], 4)


MARGINS = (0.02, 0.04, 0.06, 0.08, 0.10, 0.15, 0.20, 1.0)


# -- running ------------------------------------------------------------------------------------------------
class MemoryVectorStore:
    """Keeps vectors for one run, so cross-validation embeds each text once (the `embed_cached` store API)."""

    def __init__(self):
        self.vectors: dict[tuple, np.ndarray] = {}

    def get_embeddings(self, hashes, embedder_id):
        return {h: self.vectors[(h, embedder_id)] for h in hashes if (h, embedder_id) in self.vectors}

    def put_embeddings(self, new, embedder_id):
        self.vectors.update({(h, embedder_id): v for h, v in new.items()})


def make_embedder(name: str, fast_model_path: Path | None = None):
    if name == "accurate":
        from themes.embedder import MiniLMEmbedder

        return MiniLMEmbedder()
    if name == "fast":
        from themes.fast_embedder import DEFAULT_MODEL_PATH, FastEmbedder

        return FastEmbedder(fast_model_path or DEFAULT_MODEL_PATH)
    raise InputError(f"Unknown embedder '{name}'. Use accurate or fast.")


def demo_calibration(embedder, max_themes: int) -> tuple[float, float, float]:
    """Threshold and margin chosen by macro-F1 on the synthetic demo corpus (builtin taxonomy), the way the
    project's defaults were chosen for MiniLM. Returns (threshold, margin, demo macro-F1)."""
    from corpora.demo import generate_demo_corpus
    from themes.assign import SimilarityAssigner
    from themes.taxonomy import load_builtin

    taxonomy = load_builtin()
    notes = generate_demo_corpus().notes
    scores, _ = SimilarityAssigner(taxonomy, embedder, 0.5, max_themes).score([n["text"] for n in notes])
    gold = np.array([[t.id in n["themes"] for t in taxonomy.themes] for n in notes])
    return tune_zero_shot(scores, gold, max_themes)


def _subsample(train: np.ndarray, gold: np.ndarray, per_theme: int | None, seed: int) -> np.ndarray:
    """Up to `per_theme` confirmed rows for each theme, plus as many 'none of these' rows."""
    if not per_theme:
        return train
    rng = random.Random(seed)
    chosen: set[int] = set()
    for column in list(gold.T) + [~gold.any(axis=1)]:
        rows = [int(i) for i in train if column[i]]
        chosen.update(rng.sample(rows, min(per_theme, len(rows))))
    return np.array(sorted(chosen))


def _evaluate_embedder(name, taxonomy, texts, gold, single, examples, settings, fast_model_path) -> dict:
    from sklearn.model_selection import KFold, StratifiedKFold

    from themes.assign import SimilarityAssigner
    from themes.learned import LearnedAssigner

    ids = [t.id for t in taxonomy.themes]
    gold_m = np.array([[i in g for i in ids] for g in gold])
    max_themes = 1 if single else settings.max_themes_per_note
    embedder, timings = make_embedder(name, fast_model_path), {}
    if name == "accurate":
        threshold, margin = settings.assign_threshold, settings.assign_margin
        source = "project defaults (calibrated on the synthetic demo corpus)"
    else:
        started = time.perf_counter()
        threshold, margin, demo_f1 = demo_calibration(embedder, settings.max_themes_per_note)
        timings["demo_calibration_s"] = round(time.perf_counter() - started, 1)
        source = f"calibrated on the synthetic demo corpus (demo macro-F1 {demo_f1:.3f})"
    zero_shot = SimilarityAssigner(taxonomy, embedder, threshold, max_themes, margin)
    store = MemoryVectorStore()
    started = time.perf_counter()
    scores, vectors = zero_shot.score(texts, store)
    timings["embed_s"] = round(time.perf_counter() - started, 1)
    timings["notes_per_s"] = round(len(texts) / max(timings["embed_s"], 1e-3), 1)

    def metrics(pred_m: np.ndarray, order_by: np.ndarray) -> dict:
        if not single:
            return multilabel_metrics(gold, [[ids[j] for j in np.flatnonzero(p)] for p in pred_m], ids)
        top = [ids[int(np.argmax(np.where(p, s, -np.inf)))] if p.any() else None for p, s in zip(pred_m, order_by)]
        result = single_label_metrics([g[0] for g in gold], top, ids)
        result["forced_choice_accuracy"] = round(float(np.mean(np.argmax(order_by, 1) == np.argmax(gold_m, 1))), 4)
        return result

    out = {"embedder": embedder.id, "threshold": threshold, "margin": margin, "threshold_source": source,
           "zero_shot": metrics(decide_matrix(scores, threshold, margin, max_themes), scores)}
    splitter = StratifiedKFold(FOLDS, shuffle=True, random_state=settings.seed) if single else \
        KFold(FOLDS, shuffle=True, random_state=settings.seed)
    learned_scores, learned_pred = np.zeros_like(scores), np.zeros_like(gold_m)
    tuned_pred, tuned = np.zeros_like(gold_m), []
    fallback: dict[str, int] = {}
    started = time.perf_counter()
    for fold, (train, test) in enumerate(splitter.split(texts, [g[0] for g in gold] if single else None)):
        used = _subsample(train, gold_m, examples, settings.seed + fold)
        t, m, _ = tune_zero_shot(scores[used], gold_m[used], max_themes)
        tuned.append((t, m))
        tuned_pred[test] = decide_matrix(scores[test], t, m, max_themes)
        learner = LearnedAssigner(zero_shot, [(texts[i], gold[i]) for i in used], store, seed=settings.seed)
        for theme_id in learner.fallback_themes:
            fallback[theme_id] = fallback.get(theme_id, 0) + 1
        learned_scores[test] = learner.score_from([texts[i] for i in test], scores[test], vectors[test])
        for row, decided in zip(test, learner.decide(learned_scores[test])):
            learned_pred[row] = [i in {a.theme_id for a in decided} for i in ids]
    timings["cross_validation_s"] = round(time.perf_counter() - started, 1)
    out.update(zero_shot_tuned=metrics(tuned_pred, scores), tuned_thresholds=tuned,
               learned=metrics(learned_pred, learned_scores), learned_fallback=fallback, timings=timings)
    return out


def run_eval(dataset: str, embedder_name: str = "accurate", examples: int | None = None, settings=None,
             data_dir: Path = DATA_DIR, fast_model_path: Path | None = None) -> dict:
    """Score zero-shot, tuned zero-shot and learned assignment (and UK-CAT's regex tagger) on `dataset`.
    `embedder_name` is accurate, fast or both; `examples` limits confirmed rows per theme when learning."""
    from engine.offline import ensure_offline
    from engine.settings import Settings

    ensure_offline()
    settings = settings or Settings()
    if dataset not in DATASETS:
        raise InputError(f"Unknown dataset '{dataset}'. Use one of: {', '.join(DATASETS)}.")
    if embedder_name not in EMBEDDERS:
        raise InputError(f"Unknown embedder '{embedder_name}'. Use one of: {', '.join(EMBEDDERS)}.")
    if examples is not None and examples < 1:
        raise InputError("--examples must be 1 or more (confirmed rows per theme).")
    result: dict = {"dataset": dataset, "folds": FOLDS, "seed": settings.seed, "examples_per_theme": examples}
    if dataset == "ukcat":
        texts, gold = load_ukcat(data_dir)
        taxonomy, single = from_records(UKCAT_THEMES, "ukcat-12"), False
        result["regex_baseline"] = multilabel_metrics(gold, regex_tags(texts, load_ukcat_regexes(data_dir)),
                                                      [t.id for t in taxonomy.themes])
    else:
        texts, labels, dropped = load_nhs(data_dir)
        gold, taxonomy, single = [[x] for x in labels], from_records(NHS_THEMES, "nhs-feedback-9"), True
        result["dropped_empty_rows"] = dropped
    result.update(rows=len(texts), rows_with_a_theme=sum(bool(g) for g in gold), single_label=single,
                  labels={t.id: t.label for t in taxonomy.themes}, runs={})
    for name in ("accurate", "fast") if embedder_name == "both" else (embedder_name,):
        result["runs"][name] = _evaluate_embedder(name, taxonomy, texts, gold, single, examples, settings,
                                                  fast_model_path)
    return result


def format_eval(result: dict) -> str:
    """A plain-text report: one table of per-theme P/R/F1 per embedder, then the summary lines."""
    settings = [("zero_shot", "zero-shot"), ("zero_shot_tuned", "zs tuned"), ("learned", "learned (CV)")]
    n = result["examples_per_theme"]
    lines = [f"Theme evaluation on {result['dataset']}: {result['rows']} rows, {result['rows_with_a_theme']} with "
             f"a theme; {result['folds']}-fold CV, seed {result['seed']}; learned from "
             f"{f'{n} confirmed rows per theme' if n else 'all training-fold rows'}."]
    if "dropped_empty_rows" in result:
        lines.append(f"{result['dropped_empty_rows']} rows without comment text were left out.")
    for name, run in result["runs"].items():
        cols = [(run[k], label) for k, label in settings]
        if "regex_baseline" in result:
            cols.append((result["regex_baseline"], "UK-CAT regex"))
        lines += ["", f"== {name} embedder ({run['embedder']}); zero-shot threshold {run['threshold']:.2f}, margin "
                  f"{run['margin']:.2f}: {run['threshold_source']}",
                  f"{'theme':<26}{'n':>5}" + "".join(f"{label:>20}" for _, label in cols),
                  f"{'':<31}" + "".join(f"{'P    R    F1':>20}" for _ in cols)]
        for theme_id, label in result["labels"].items():
            cells = "".join("{precision:>10.2f}{recall:>5.2f}{f1:>5.2f}".format(**m["per_theme"][theme_id])
                            for m, _ in cols)
            lines.append(f"{(theme_id + ' ' + label)[:25]:<26}{cols[0][0]['per_theme'][theme_id]['support']:>5}{cells}")
        for key, label in (("macro_f1", "macro-F1"), ("micro_f1", "micro-F1"), ("accuracy", "accuracy"),
                           ("forced_choice_accuracy", "top-1 forced accuracy"), ("unassigned_share", "unassigned")):
            if key in cols[0][0]:
                lines.append(f"{label:<31}" + "".join(f"{m.get(key, float('nan')):>20.3f}" for m, _ in cols))
        lines.append(f"{'gold with no theme':<31}{cols[0][0]['gold_unassigned_share']:>20.3f}")
        if run["learned_fallback"]:
            lines.append("Learned fell back to zero-shot (no confirmed example) in some folds for: " + ", ".join(
                f"{t} ({k} of {result['folds']} folds)" for t, k in run["learned_fallback"].items()))
        lines.append("Timings: " + ", ".join(f"{k} {v}" for k, v in run["timings"].items()))
    if {"accurate", "fast"} <= set(result["runs"]):
        a, f = (result["runs"][k] for k in ("accurate", "fast"))
        lines += ["", "fast vs accurate macro-F1: " + ", ".join(
            f"{label} {f[k]['macro_f1']:.3f} vs {a[k]['macro_f1']:.3f}" for k, label in settings)]
    if result["dataset"] == "ukcat":
        lines.append("Data: UK-CAT sample (charity-classification/ukcat, CC BY 4.0; register text OGL v3.0).")
    else:
        lines.append("Data: pxtextmining phase 1 feedback (The-Strategy-Unit, MIT; NHS England).")
    return "\n".join(lines)
