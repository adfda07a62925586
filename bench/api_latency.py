"""API latency under a loopback load: p50/p95/p99 for the theme list, theme detail and evidence routes.

    python -m bench.api_latency [--size 100000] [--clients 20] [--requests 30] [--db PATH] [--preview-org ORG]

Uses the end-to-end database of `python -m bench.run` at --size (bench/work/n<N>/insights.db), building it
first (corpus + fast end-to-end ingest) when it is missing, or the database given with --db. Starts
`insights serve` on a free loopback port with the per-caller rate limit raised (the load is one caller), makes
an analyst token with `insights tokens create` when the command exists, then runs --clients threads, each with its
own HTTP connection, each sending --requests rounds of the three routes. Target (issue 6): p95 under 50 ms.
Writes bench/results/api-latency-<date>.json and prints a Markdown table.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 50.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def insights_cmd() -> list[str]:
    script = Path(sys.executable).parent / "insights"
    return [str(script)] if script.exists() else [sys.executable, "-c", "from service.cli.main import main; main()"]


PREVIEW_NOTE = ("Met Mrs Amira Khan at the drop-in today. She is behind on rent and her son Tom rang 07700 900123 "
                "about the food bank voucher; NHS no 943 476 5919.")


def make_token(db: Path, role: str = "analyst", org: str | None = None) -> str | None:
    """A token from `insights tokens create`, or None when this version has no tokens command."""
    done = subprocess.run([*insights_cmd(), "tokens", "create", "--db", str(db), "--role", role,
                           *(["--org", org] if org else []), "--name", "api latency bench"],
                          cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"No API token ({done.stderr.strip().splitlines()[-1:] or 'tokens command failed'}); "
              "running without one.", flush=True)
        return None
    return done.stdout.split()[-1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "INSIGHTS_RATE_LIMIT": str(10**9)}
    return subprocess.Popen([*insights_cmd(), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def wait_until_up(base: str, server: subprocess.Popen, timeout: float = 180.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped (exit {server.returncode}) before answering.")
        try:
            if httpx.get(f"{base}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"The server did not answer {base}/api/v1/health within {timeout:.0f} s.")


def routes(client, base: str) -> list[tuple[str, str]]:
    """(route name, path) for one round: the theme list, details of visible themes in turn, and evidence."""
    listing = client.get(f"{base}/api/v1/themes")
    listing.raise_for_status()
    body = listing.json()
    items = body["themes"] if isinstance(body, dict) else body
    ids = [t["id"] for t in items if not t.get("suppressed")] or [t["id"] for t in items]
    if not ids:
        raise SystemExit("The database has no themes: build it with `python -m bench.run` first.")
    return [("theme list", "/api/v1/themes"), *[("theme detail", f"/api/v1/themes/{i}") for i in ids[:5]],
            ("evidence", "/api/v1/evidence?level=ward")]


def load(base: str, token: str | None, clients: int, rounds: int,
         preview_token: str | None = None) -> tuple[dict[str, list[float]], int, float, dict[str, float]]:
    """Timings per route under load, errors, seconds, and each route's first (uncached) answer in ms. With a
    contributor's `preview_token`, every third request is a note preview (POST /api/v1/notes?preview=true)."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    preview_headers = {"Authorization": f"Bearer {preview_token}"}
    cold: dict[str, float] = {}
    with httpx.Client(headers=headers, timeout=60) as c:
        t0 = time.perf_counter()
        plan = routes(c, base)                      # asks for the theme list first
        cold["theme list"] = round(1000 * (time.perf_counter() - t0), 1)
        for name, path in plan:     # warm-up, one of each: the first answer computes the view (as after a write)
            t0 = time.perf_counter()
            c.get(base + path).raise_for_status()
            cold.setdefault(name, round(1000 * (time.perf_counter() - t0), 1))
    if preview_token:                # warm-up: the first preview starts the anonymiser's worker processes
        with httpx.Client(headers=preview_headers, timeout=120) as c:
            t0 = time.perf_counter()
            c.post(f"{base}/api/v1/notes?preview=true", json={"text": PREVIEW_NOTE}).raise_for_status()
            cold["preview"] = round(1000 * (time.perf_counter() - t0), 1)
        plan = [step for item in plan for step in ((item, ("preview", None)) if plan.index(item) % 2 else (item,))]
    timings: dict[str, list[float]] = {name: [] for name, _ in plan}
    errors = [0]
    lock = threading.Lock()

    def client_loop(offset: int) -> None:
        mine: list[tuple[str, float]] = []
        bad = 0
        with httpx.Client(headers=headers, timeout=60) as c:
            for r in range(rounds):
                name, path = plan[(offset + r) % len(plan)]
                t0 = time.perf_counter()
                resp = c.get(base + path) if path else c.post(f"{base}/api/v1/notes?preview=true",
                                                              json={"text": PREVIEW_NOTE}, headers=preview_headers)
                mine.append((name, 1000 * (time.perf_counter() - t0)))
                bad += resp.status_code != 200
        with lock:
            for name, ms in mine:
                timings[name].append(ms)
            errors[0] += bad

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, errors[0], time.perf_counter() - started, cold


def summarise(timings: dict[str, list[float]]) -> dict:
    out = {}
    for name, ms in timings.items():
        if ms:
            out[name] = {"requests": len(ms), "p50_ms": round(percentile(ms, 50), 1),
                         "p95_ms": round(percentile(ms, 95), 1), "p99_ms": round(percentile(ms, 99), 1),
                         "met_p95_target": percentile(ms, 95) < TARGET_P95_MS}
    return out


def count_notes(db: Path) -> int:
    from engine.store import Store

    store = Store(db)
    try:
        return store.count_notes()
    finally:
        store.close()


def ensure_db(size: int) -> Path:
    from bench.run import WORK, prepare_corpus, run_child

    work = prepare_corpus(WORK, size, fresh=False)
    if not (work / "insights.db").exists() or not (work / "results" / "e2e_fast.json").exists():
        print(f"Building the {size:,}-note database first (fast end-to-end ingest) ...", flush=True)
        run_child("e2e_fast", work)
    return work / "insights.db"


def main(argv: list[str] | None = None) -> dict:
    from bench.report import machine, write_json

    parser = argparse.ArgumentParser(prog="python -m bench.api_latency", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="notes in the database (default 100000)")
    parser.add_argument("--db", type=Path, help="use this database instead of building one")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=30, help="requests per client (default 30)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--preview-org", help="also time note previews, as a contributor of this organisation")
    args = parser.parse_args(argv)
    db = args.db.resolve() if args.db else ensure_db(args.size)
    notes = count_notes(db)
    token = make_token(db)
    preview_token = make_token(db, "contributor", args.preview_org) if args.preview_org else None
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(db, port)
    try:
        wait_until_up(base, server)
        timings, errors, seconds, cold = load(base, token, args.clients, args.requests, preview_token)
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(len(v) for v in timings.values())
    result = {"date": datetime.now(timezone.utc).date().isoformat(), "database": str(db), "notes": notes,
              "clients": args.clients, "requests": total, "errors": errors, "seconds": round(seconds, 2),
              "requests_per_second": round(total / seconds, 1) if seconds else None, "token": token is not None,
              "target_p95_ms": TARGET_P95_MS, "routes": summarise(timings),
              "first_answer_ms": cold, "machine": machine()}
    path = write_json(args.out / f"api-latency-{result['date']}.json", result)
    print(markdown(result))
    print(f"Wrote {path}")
    return result


def markdown(result: dict) -> str:
    lines = [f"API latency on a {result['notes']:,}-note database, {result['clients']} concurrent clients on "
             f"loopback, {result['requests']} requests "
             f"({result['requests_per_second']} a second, {result['errors']} errors):", "",
             "| route | requests | p50 ms | p95 ms | p99 ms | p95 under 50 ms |", "|---|---:|---:|---:|---:|---|"]
    for name, r in result["routes"].items():
        lines.append(f"| {name} | {r['requests']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | "
                     f"{'yes' if r['met_p95_target'] else 'no'} |")
    cold = result.get("first_answer_ms") or {}
    if cold:
        lines += ["", "The views are cached until the database changes. The first answer after a start or a write "
                  "computes them: " + ", ".join(f"{name} {ms:,.0f} ms" for name, ms in cold.items()) + "."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    main()
