"""The plain-text report of `insights eval themes` (see themes/evaluate.py for what each column means)."""
from __future__ import annotations

SUMMARY_KEYS = (("macro_f1", "macro-F1"), ("micro_f1", "micro-F1"), ("accuracy", "accuracy"),
                ("forced_choice_accuracy", "top-1 forced accuracy"), ("unassigned_share", "unassigned"))
DATA_NOTES = {
    "ukcat": "Data: UK-CAT sample (charity-classification/ukcat, CC BY 4.0; register text OGL v3.0).",
    "nhs-feedback": "Data: pxtextmining phase 1 feedback (The-Strategy-Unit, MIT; NHS England).",
    "disaster": "Data: disaster response messages, validation file (rmunro/disaster_response_messages, CC BY 4.0).",
    "care-opinion": "Data: pxtextmining phase 1 Care Opinion stories (CC BY-NC-SA 4.0, evaluation only).",
}
ORACLE_HEADING = "oracle (tuned on labelled rows; not what ships)"


def _table(labels: dict, cols: list[tuple[dict, str]]) -> list[str]:
    lines = [f"{'theme':<26}{'n':>5}" + "".join(f"{label:>20}" for _, label in cols),
             f"{'':<31}" + "".join(f"{'P    R    F1':>20}" for _ in cols)]
    for theme_id, label in labels.items():
        cells = "".join("{precision:>10.2f}{recall:>5.2f}{f1:>5.2f}".format(**m["per_theme"][theme_id])
                        for m, _ in cols)
        lines.append(f"{(theme_id + ' ' + label)[:25]:<26}{cols[0][0]['per_theme'][theme_id]['support']:>5}{cells}")
    for key, label in SUMMARY_KEYS:
        if key in cols[0][0]:
            lines.append(f"{label:<31}" + "".join(f"{m.get(key, float('nan')):>20.3f}" for m, _ in cols))
    lines.append(f"{'gold with no theme':<31}{cols[0][0]['gold_unassigned_share']:>20.3f}")
    return lines


def format_eval(result: dict) -> str:
    """Per embedder: one table of per-theme P/R/F1 on the held-out rows (shipped zero-shot, learned, anchor,
    supervised), the all-rows line, then the oracle apart."""
    n = result["examples_per_theme"]
    anchor = result.get("anchor")
    lines = [f"Theme evaluation on {result['dataset']} (taxonomy {result['taxonomy']}, themes/data): "
             f"{result['rows']} rows, {result['rows_with_a_theme']} with a theme.",
             f"Rows split in half (seed {result['seed']}): every table below is scored on the "
             f"{result['held_out_rows']} held-out rows; the other {result['dev_rows']} dev rows only train the "
             "supervised reference and tune the oracle.",
             "zero-shot: what ships (the calibrated scorer, default settings), calibrated on the held-out texts "
             "without their labels.",
             f"learned: {result['folds']}-fold cross-validation over all rows on top of the shipped scorer, "
             f"learning from {f'{n} confirmed rows per theme' if n else 'all training-fold rows'}; each row is "
             "predicted by a model that never saw it.",
             "supervised: TF-IDF + logistic regression trained on the dev rows' labels (needs labelled rows; "
             "not zero-shot)."]
    if anchor:
        lines.append(f"anchor: {anchor['name']}, a label-free rule, on the same rows.")
    if "dropped_empty_rows" in result:
        lines.append(f"{result['dropped_empty_rows']} rows without comment text were left out.")
    for name, run in result["runs"].items():
        cols = [(run["zero_shot"], "zero-shot"), (run["learned"], "learned (CV)")]
        if anchor:
            cols.append((anchor["held_out"], f"anchor: {anchor['name']}"[:19]))
        cols.append((run["supervised"], "supervised"))
        c = run["zero_shot_calibration"]
        lines += ["", f"== {name} embedder ({run['embedder']}), held-out rows; zero-shot calibrated on "
                  f"{c['notes']} held-out texts (line {c['line']:.2f} from the corpus, shown "
                  f"as {c['z_threshold']:.2f}; margin {c['margin']:.2f})"]
        lines += _table(result["labels"], cols)
        all_rows = f"All {result['rows']} rows: learned (CV) macro-F1 {run['learned_all_rows']['macro_f1']:.3f}"
        if anchor:
            all_rows += f", anchor {anchor['all_rows']['macro_f1']:.3f}"
        lines.append(all_rows)
        if run["learned_fallback"]:
            lines.append("Learned fell back to zero-shot (no confirmed example) in some folds for: " + ", ".join(
                f"{t} ({c} of {result['folds']} folds)" for t, c in run["learned_fallback"].items()))
        few = run["learned_few_labels"]
        draws = few["random_macro_f1"]
        lines.append(f"Learned from {few['labels']} dev rows' labels (not zero-shot), held-out macro-F1: picked by the "
                     f"review queue {few['picked']['macro_f1']:.3f}, random {sum(draws) / len(draws):.3f} "
                     f"(mean of {len(draws)} draws)")
        over = run.get("zero_shot_over_splits")
        if over:
            lines.append(f"Zero-shot over {over['splits']} held-out halves (each calibrated on its own texts): "
                         f"macro-F1 mean {over['macro_f1_mean']:.3f}, sd {over['macro_f1_sd']:.3f}, "
                         f"range {over['macro_f1_min']:.3f}-{over['macro_f1_max']:.3f}")
        lines.append("Timings: " + ", ".join(f"{key} {v}" for key, v in run["timings"].items()))
        k, o = run["knobs"], run["oracle"]
        lines += ["", f"-- {ORACLE_HEADING}, {name} embedder --",
                  f"hybrid similarity scorer, word weight {k['lexical_weight']:.2f}, threshold {k['threshold']:.2f}, "
                  f"margin {k['margin']:.2f} chosen on the dev rows' labels (dev macro-F1 {k['dev_macro_f1']:.3f}): "
                  f"held-out macro-F1 {o['macro_f1']:.3f}, micro-F1 {o['micro_f1']:.3f}"]
    if {"accurate", "fast"} <= set(result["runs"]):
        a, f = (result["runs"][key] for key in ("accurate", "fast"))
        lines += ["", "fast vs accurate macro-F1 (held-out): " + ", ".join(
            f"{label} {f[key]['macro_f1']:.3f} vs {a[key]['macro_f1']:.3f}"
            for key, label in (("zero_shot", "zero-shot"), ("learned", "learned")))]
    if anchor and anchor.get("over_splits"):
        r = anchor["over_splits"]
        lines.append(f"Anchor over the same {r['splits']} held-out halves: macro-F1 mean {r['macro_f1_mean']:.3f}, "
                     f"sd {r['macro_f1_sd']:.3f}")
    lines.append(DATA_NOTES[result["dataset"]])
    return "\n".join(lines)
