"""Where the time goes: a stage rerun under py-spy (sampling every thread and every worker process: the
anonymiser works in its own thread and forks workers for bulk calls), summarised as the hottest functions by
own time and our functions by inclusive time.

    python -m bench.profiling STAGE WORK_DIR [--out bench/results]     (pip install -e '.[bench]' for py-spy)

`python -m bench.run --profile` calls this for the end-to-end stage after measuring it, so the profiler's
overhead never touches the measured figures.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OURS = ("anonymise/", "themes/", "engine/", "corpora/", "service/")
# A process waiting on its worker processes or threads: not work, shown as one share.
WAITING = {"Condition.wait", "_PollLikeSelector.select", "_ConnectionBase.recv", "_ConnectionBase.poll",
           "lock.acquire", "Event.wait", "_wait_for_tstate_lock"}
FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")


def _short(frame: str) -> tuple[str, str]:
    """('function  path/relative/to/site-packages', file) for one py-spy frame."""
    m = FRAME.match(frame.strip())
    if not m:
        return frame.strip(), ""
    path = m["file"]
    for marker in ("site-packages/", "/work/main/", str(ROOT) + "/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{m['func']}  {path}", path


def summarise(raw: str, top: int = 15) -> dict:
    """From py-spy's collapsed stacks ('frame;frame;... count' per line): own-time and inclusive shares."""
    own, inclusive, total, waiting = Counter(), Counter(), 0, 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        # With --threads/--subprocesses the first frames name the process and thread; a sample with nothing
        # below them was in native code.
        frames = [_short(f) for f in stack.split(";") if f.strip() and not f.startswith(("thread (", "process "))]
        if not frames:
            continue
        if frames[-1][0].split("  ")[0] in WAITING:
            waiting += n
            continue
        own[frames[-1][0]] += n
        for name in {name for name, path in frames if path.startswith(OURS)}:
            inclusive[name] += n
    share = (lambda c: [{"function": k, "share": round(v / total, 4)} for k, v in c.most_common(top)]) if total \
        else (lambda c: [])
    return {"samples": total, "waiting_share": round(waiting / total, 4) if total else 0.0,
            "top_own_time": share(own), "top_inclusive_ours": share(inclusive)}


def as_text(summary: dict, stage: str, size: str) -> str:
    lines = [f"py-spy profile of {stage} at {size} notes: {summary['samples']} samples (every thread of the stage "
             f"and its worker processes; idle excluded); {100 * summary['waiting_share']:.1f}% waiting on workers",
             "", "Hottest functions by own time:"]
    lines += [f"  {100 * r['share']:5.1f}%  {r['function']}" for r in summary["top_own_time"]]
    lines += ["", "Our functions by inclusive time:"]
    lines += [f"  {100 * r['share']:5.1f}%  {r['function']}" for r in summary["top_inclusive_ours"]]
    return "\n".join(lines) + "\n"


def profile_stage(stage: str, work: Path, out_dir: Path, rate: int = 50) -> dict:
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not Path(spy).exists():
        raise SystemExit("py-spy is not installed: run `.venv/bin/pip install -c constraints.txt -e '.[bench]'`.")
    raw_path = work / f"profile-{stage}.raw"
    scratch = work / "results" / f"{stage}.profiled.json"
    scratch.parent.mkdir(parents=True, exist_ok=True)
    cmd = [spy, "record", "--format", "raw", "--rate", str(rate), "--threads", "--subprocesses",
           "-o", str(raw_path), "--", sys.executable, "-m", "bench.stage_runner", stage, str(work), str(scratch)]
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    scratch.unlink(missing_ok=True)
    summary = summarise(raw_path.read_text(encoding="utf-8"))
    text_path = out_dir / f"profile-{stage}-{work.name}.txt"
    text_path.write_text(as_text(summary, stage, work.name.lstrip("n")), encoding="utf-8")
    summary["file"] = str(text_path.relative_to(ROOT) if text_path.is_relative_to(ROOT) else text_path)
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profiling", description=__doc__.split("\n\n")[0])
    parser.add_argument("stage")
    parser.add_argument("work", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    summary = profile_stage(args.stage, args.work.resolve(), args.out.resolve())
    print(Path(summary["file"]).read_text(encoding="utf-8") if Path(summary["file"]).is_absolute()
          else (ROOT / summary["file"]).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
