"""The service's processes end together (issue 20): the real `insights serve` in a subprocess over a real
database, an upload of 100 notes over HTTP, then kill -9 or SIGTERM in the middle of the job. No anonymiser
worker outlives the server or holds its port, a restart on the same port works, the contributor's job page
says what happened, and uploading the file again stores the rest and nothing twice. The same for
`insights ingest`."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

N_NOTES = 100


def _notes_csv() -> bytes:
    from corpora.pii_eval import generate_pii_eval_set

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["text", "date"])
    for i, row in enumerate(generate_pii_eval_set(N_NOTES, 11)):
        writer.writerow([f"Visit {i}. {row['text']}", "2025-03-14"])
    return out.getvalue().encode()


def _request(url: str, token: str, data: bytes | None = None, content_type: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}", **({"Content-Type": content_type} if content_type else {})}
    with urllib.request.urlopen(urllib.request.Request(url, data=data, headers=headers), timeout=60) as r:
        return json.loads(r.read())


def _upload(served, token: str) -> dict:
    boundary = "----lifecycle"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"visits.csv\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + _notes_csv() + f"\r\n--{boundary}--\r\n".encode()
    return _request(served.url + "/api/v1/notes/upload", token, body, f"multipart/form-data; boundary={boundary}")


def _workers_busy(served, tools, token: str, job_id: str, timeout: float = 90) -> list[int]:
    """Wait until the upload's job is running with anonymiser workers forked; their pids."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = tools.children_of(served.pid)
        job = _request(f"{served.url}/api/v1/jobs/{job_id}", token)
        assert job["status"] in ("queued", "running"), job   # it must not finish before we stop the server
        if children and job["status"] == "running":
            return children
        time.sleep(0.05)
    raise AssertionError("No anonymiser worker was forked for the upload.")


def _gone(pids: list[int], tools, timeout: float = 10) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(tools.alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if tools.alive(p)]


def _wait_job(served, token: str, job_id: str, timeout: float = 240) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = _request(f"{served.url}/api/v1/jobs/{job_id}", token)
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"The job did not finish: {job}")


def _stop_mid_upload(serve_process, tools, sig: int):
    """Start the service, upload, stop it with `sig` while the workers anonymise; (first, token, job id)."""
    first = serve_process()
    token = tools.api_token(first.db)
    assert first.wait_up()
    job_id = _upload(first, token)["job_id"]
    workers = _workers_busy(first, tools, token, job_id)
    serve_process.seen_children.update(workers)
    os.kill(first.pid, sig)
    first.proc.wait(30)
    assert _gone(workers, tools) == [], "anonymiser workers outlived the server"
    return first, token, job_id


@pytest.mark.slow   # two model loads and a whole upload: about 80 s
def test_when_the_server_is_killed_mid_upload_then_no_worker_survives_and_the_job_says_upload_again(
        serve_process, proc_tools):
    first, token, job_id = _stop_mid_upload(serve_process, proc_tools, signal.SIGKILL)
    second = serve_process(port=first.port)
    assert second.wait_up(), "restart on the same port failed: " + second.proc.stderr.read()[-500:]
    job = _request(f"{second.url}/api/v1/jobs/{job_id}", token)
    assert job["status"] == "failed", job
    assert job["message"].startswith("The service restarted while your upload was being processed; ")
    stored_before = int(job["message"].split("; ")[1].split(" of ")[0])
    assert f"{stored_before} of {N_NOTES} notes were stored" in job["message"]
    assert "upload the file again" in job["message"] and "will not be added twice" in job["message"]

    again = _wait_job(second, token, _upload(second, token)["job_id"])
    assert again["status"] == "done", again
    assert again["result"]["stored"] == N_NOTES - stored_before
    assert again["result"]["duplicates"] == stored_before
    from engine.store import Store

    store = Store(first.db)
    try:
        assert store.count_notes() == N_NOTES                    # every note once, none twice
    finally:
        store.close()


def test_when_the_server_gets_sigterm_mid_upload_then_no_worker_survives_and_the_job_says_so(
        serve_process, proc_tools):
    first, token, job_id = _stop_mid_upload(serve_process, proc_tools, signal.SIGTERM)
    second = serve_process(port=first.port)
    assert second.wait_up(), "restart on the same port failed: " + second.proc.stderr.read()[-500:]
    job = _request(f"{second.url}/api/v1/jobs/{job_id}", token)
    assert job["status"] == "failed", job
    assert " while your upload was being processed; " in job["message"]
    assert f"of {N_NOTES} notes were stored; upload the file again" in job["message"]


def test_when_insights_ingest_is_killed_then_no_worker_survives(tmp_path, proc_tools):
    notes = tmp_path / "visits.csv"
    notes.write_bytes(_notes_csv())
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", "from service.cli.main import main; main()", "ingest",
                             str(notes), "--org", "Riverside", "--db", str(tmp_path / "insights.db")],
                            env={**os.environ, "PYTHONPATH": str(root), "INSIGHTS_ANONYMISE_PROCESSES": "2"},
                            cwd=root, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 90
        while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
            workers = proc_tools.children_of(proc.pid)
            time.sleep(0.05)
        assert len(workers) == 2, "the ingest did not fork two workers"
        proc.kill()
        proc.wait(10)
        assert _gone(workers, proc_tools) == [], "anonymiser workers outlived `insights ingest`"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        for pid in workers:
            if proc_tools.alive(pid):
                os.kill(pid, signal.SIGKILL)
