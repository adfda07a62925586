"""`insights digest`, run as a separate process on a small real database: --all writes an HTML file and an .eml per
organisation, --org one, and an unknown organisation or a bad period is a clean error with nothing written."""
import subprocess
import sys
from pathlib import Path

from engine.store import Store
from tests.engine.publish.picture_data import MARKERS, fill

INSIGHTS = str(Path(sys.executable).parent / "insights")


def run(*args):
    return subprocess.run([INSIGHTS, *args], capture_output=True, text=True, timeout=600)


def test_when_digests_asked_for_all_one_or_a_wrong_org_then_files_or_a_clear_error(tmp_path):
    db = str(tmp_path / "i.db")
    fill(Store(db)).close()
    out = tmp_path / "digests"
    r = run("digest", "--db", db, "--all", "--period", "2025-09", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{slug}-2025-09.{ext}" for slug in ("mill-advice", "riverside-food-bank", "south-help") for ext in ("html", "eml"))
    assert f"{len(MARKERS)} digests ({2 * len(MARKERS)} files)" in r.stdout and "Nothing was sent" in r.stdout
    one = run("digest", "--db", db, "--org", "Mill Advice", "--period", "2025-08", "--out", str(tmp_path / "one"))
    assert one.returncode == 0 and sorted(p.name for p in (tmp_path / "one").iterdir()) == [
        "mill-advice-2025-08.eml", "mill-advice-2025-08.html"]
    wrong = run("digest", "--db", db, "--org", "Nobody", "--period", "2025-09", "--out", str(tmp_path / "none"))
    assert wrong.returncode == 1 and "No organisation called 'Nobody'" in wrong.stderr and "--all" in wrong.stderr
    bad = run("digest", "--db", db, "--all", "--period", "2025-Q3", "--out", str(tmp_path / "none"))
    assert bad.returncode == 1 and "one month" in bad.stderr
    neither = run("digest", "--db", db, "--period", "2025-09", "--out", str(tmp_path / "none"))
    assert neither.returncode == 2 and "--org NAME" in neither.stderr
    assert not (tmp_path / "none").exists()
