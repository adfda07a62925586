"""Results of one benchmark run: ratios to the baseline, the machine, targets, and the Markdown table."""
from __future__ import annotations

import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

LABELS = {
    "e2e_fast": "End-to-end ingest, fast mode (file in -> themed, linked, queryable, emergent fit)",
    "anonymise": "Anonymise",
    "embed_fast": "Embed, fast (static model, note passages)",
    "embed_accurate": "Embed, accurate (MiniLM, note passages)",
    "assign_fast": "Theme assignment, fast",
    "assign_accurate": "Theme assignment, accurate",
    "emergent_fit": "Emergent-theme fit (BERTopic on unassigned passages)",
    "evidence": "Evidence rebuild (ward + council level)",
    "incremental": "Incremental ingest of 100 new notes",
    "baseline_presidio": "Baseline: plain Presidio, `analyze` per note",
    "anonymise_paired": "Anonymise, timed interleaved with plain Presidio in one process (ratio to it)",
    "baseline_minilm": "Baseline: `SentenceTransformer.encode` defaults",
    "baseline_bertopic": "Baseline: BERTopic defaults (encode + fit)",
    "baseline_stack": "Baseline: whole plain stack (Presidio + encode + BERTopic)",
}
# Our stage -> the baseline it is compared with.
COMPARED_WITH = {
    "anonymise": "baseline_presidio", "embed_fast": "baseline_minilm", "embed_accurate": "baseline_minilm",
    "assign_fast": "baseline_minilm", "assign_accurate": "baseline_minilm", "emergent_fit": "baseline_bertopic",
    "e2e_fast": "baseline_stack",
}
ORDER = ["e2e_fast", "anonymise", "anonymise_paired", "embed_fast", "embed_accurate", "assign_fast", "assign_accurate", "emergent_fit",
         "evidence", "incremental", "baseline_presidio", "baseline_minilm", "baseline_bertopic", "baseline_stack"]


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"cpus": usable, "cpu_model": cpu, "ram_gb": ram_gb, "python": platform.python_version(),
            "platform": platform.platform()}


def baseline_stack(stages: dict) -> dict | None:
    """The plain stack's end-to-end figure: the sum of its three measured stages on the same notes."""
    parts = [stages.get(k) for k in ("baseline_presidio", "baseline_minilm", "baseline_bertopic")]
    if not all(parts):
        return None
    presidio, minilm, bertopic = parts
    seconds = presidio["seconds"] + bertopic["encode_seconds"] + bertopic["fit_seconds"]
    return {"stage": "baseline_stack", "notes": presidio["notes"], "seconds": seconds,
            "notes_per_second": presidio["notes"] / seconds if seconds else None,
            "peak_rss_mb": max(p["peak_rss_mb"] for p in parts),
            "from": ["baseline_presidio", "baseline_bertopic (its encode seconds are baseline_minilm's)"]}


def add_ratios(stages: dict) -> None:
    """ratio = our notes/s / the baseline's notes/s on the same notes (above 1 means we are faster)."""
    for ours, base in COMPARED_WITH.items():
        a, b = stages.get(ours), stages.get(base)
        if a and b and a.get("notes_per_second") and b.get("notes_per_second") and a.get("fitted", True):
            a["baseline"] = base
            a["ratio"] = a["notes_per_second"] / b["notes_per_second"]


def targets(by_size: dict) -> list[dict]:
    out = []

    def check(name: str, size: int, stage: str, measured, limit, ok) -> None:
        s = by_size.get(size, {}).get(stage)
        if s is not None:
            value = measured(s)
            out.append({"target": name, "size": size, "measured": value, "limit": limit,
                        "met": None if value is None else ok(value, limit)})

    check("fast end-to-end 10k notes under 60 s", 10_000, "e2e_fast", lambda s: s["seconds"], 60, lambda v, x: v < x)
    check("fast end-to-end 10k notes at least 10x the baseline stack", 10_000, "e2e_fast", lambda s: s.get("ratio"),
          10, lambda v, x: v >= x)
    check("100k notes end to end under 15 minutes", 100_000, "e2e_fast", lambda s: s["seconds"], 900,
          lambda v, x: v < x)
    check("100k end-to-end peak RSS under 4 GB", 100_000, "e2e_fast", lambda s: s["peak_rss_mb"], 4096,
          lambda v, x: v < x)
    check("incremental 100 notes into 100k under 5 s", 100_000, "incremental", lambda s: s["seconds"], 5,
          lambda v, x: v < x)
    for size in by_size:
        check("anonymisation at least 10x plain Presidio, timed interleaved in one process", size,
              "anonymise_paired", lambda s: s.get("ratio"), 10, lambda v, x: v >= x)
        check("fast assignment at least 2,000 notes/s", size, "assign_fast", lambda s: s["notes_per_second"], 2000,
              lambda v, x: v >= x)
    check("emergent fit on 100k under 3 minutes", 100_000, "emergent_fit", lambda s: s["seconds"], 180,
          lambda v, x: v < x)
    return out


def build_report(by_size: dict, machine_info: dict, run_seconds: float) -> dict:
    sizes = {}
    for size, stages in by_size.items():
        stages = dict(stages)
        stack = baseline_stack(stages)
        if stack:
            stages["baseline_stack"] = stack
        add_ratios(stages)
        sizes[size] = stages
    now = datetime.now(timezone.utc)
    return {"date": now.date().isoformat(), "finished_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "run_seconds": round(run_seconds, 1), "machine": machine_info,
            "ratio_definition": "our notes/s divided by the baseline's notes/s on the same notes in the same run",
            "sizes": {str(k): v for k, v in sizes.items()}, "targets": targets(sizes)}


def _num(x, digits: int = 1) -> str:
    if x is None:
        return "-"
    return f"{x:,.{digits}f}"


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [f"Benchmark run {report['finished_at']} on {m['cpus']} CPU cores ({m['cpu_model']}), "
             f"{m['ram_gb']} GB RAM, Python {m['python']}. Synthetic notes from corpora/bench.py.", "",
             "| stage | notes | seconds | notes/s | peak RSS MB | vs baseline |", "|---|---:|---:|---:|---:|---:|"]
    for size, stages in report["sizes"].items():
        for key in ORDER:
            s = stages.get(key)
            if not s:
                continue
            ratio = f"{s['ratio']:.1f}x" if s.get("ratio") else ""
            extra = ""
            if "recall" in s and s["recall"] is not None:
                extra = f" (recall {100 * s['recall']:.1f}%)"
            lines.append(f"| {LABELS[key]}{extra} | {int(size):,} | {_num(s['seconds'], 2)} | "
                         f"{_num(s['notes_per_second'])} | {_num(s['peak_rss_mb'], 0)} | {ratio} |")
    lines += ["", "vs baseline: our notes/s / the plain library's notes/s on the same notes in the same run "
              "(above 1x is faster). Assignment is compared with plain MiniLM `encode`; the end-to-end figure "
              "with the whole plain stack (Presidio + MiniLM + BERTopic defaults). Peak RSS: the largest single "
              "process of the stage (its forked anonymiser workers share the parent's model pages).", ""]
    for size, stages in report["sizes"].items():
        e2e = stages.get("e2e_fast")
        if e2e and e2e.get("steps"):
            total = sum(e2e["steps"].values()) or 1
            parts = ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in
                              sorted(e2e["steps"].items(), key=lambda kv: -kv[1]))
            lines.append(f"Where the end-to-end time goes at {int(size):,} notes: {parts}.")
            if e2e.get("unassigned_notes") == 0:
                lines.append(f"At {int(size):,} notes fast mode gave every note a theme, so the emergent fit had "
                             "nothing to cluster: the end-to-end figure includes no BERTopic time, the baseline's "
                             "does.")
        if e2e and e2e.get("profile", {}).get("top_own_time"):
            hot = "; ".join(f"`{r['function'].split('  ')[0]}` {100 * r['share']:.0f}%"
                            for r in e2e["profile"]["top_own_time"][:6])
            lines.append(f"Hottest functions (py-spy, own time, all threads and workers) at {int(size):,} notes: "
                         f"{hot}; {100 * e2e['profile'].get('waiting_share', 0):.0f}% of samples wait on workers.")
    if report["targets"]:
        lines += ["", "| target | notes | measured | met |", "|---|---:|---:|---|"]
        for t in report["targets"]:
            met = "-" if t["met"] is None else ("yes" if t["met"] else "no")
            lines.append(f"| {t['target']} | {t['size']:,} | {_num(t['measured'])} | {met} |")
    return "\n".join(lines) + "\n"


def write_json(path: Path, data: dict) -> Path:
    """One result file as the bench writes them all: indented JSON, its folder made when missing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return path


def write_report(report: dict, out: Path) -> tuple[Path, Path]:
    json_path = write_json(out / f"{report['date']}.json", report)
    md_path = out / f"{report['date']}.md"
    md_path.write_text(markdown(report), encoding="utf-8")
    return json_path, md_path
