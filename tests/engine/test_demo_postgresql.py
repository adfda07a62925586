"""`insights demo --no-serve --db postgresql://...` on a real PostgreSQL server (tests/pg.py), then the same scan
as for the SQLite file (tests/engine/test_demo_pipeline.py) over a pg_dump of the whole database, audit schema
included: no planted identifier anywhere. A smaller corpus than the full demo (--notes), the same code path."""
import re
import subprocess
import sys
from pathlib import Path

import pytest

from corpora.demo import generate_demo_corpus
from engine.store import Store

INSIGHTS = str(Path(sys.executable).parent / "insights")
NOTES = 240


@pytest.fixture(scope="module")
def demo_pg(pg_server):
    url = pg_server.new_database(migrated=False)          # the demo makes the schema itself, through the migrations
    run = subprocess.run([INSIGHTS, "demo", "--no-serve", "--notes", str(NOTES), "--db", url], capture_output=True,
                         text=True, timeout=1200)
    assert run.returncode == 0, run.stderr[-3000:]
    yield url, run.stdout
    pg_server.drop(url)


def test_when_the_demo_is_built_on_postgresql_then_every_note_is_stored_with_themes(demo_pg):
    url, stdout = demo_pg
    corpus = generate_demo_corpus(n_notes=NOTES)
    assert f"stored: {len(corpus.notes)}" in stdout and "rejected: 0" in stdout
    store = Store(url)
    assert store.count_notes() == len(corpus.notes)
    counts = store.theme_note_counts()
    assert sum(n for theme, n in counts.items() if theme) > len(corpus.notes) // 2   # most notes got a theme
    store.close()


def test_when_a_pg_dump_of_the_demo_database_is_scanned_then_no_planted_identifier_appears(demo_pg, pg_server):
    url, _ = demo_pg
    dump = pg_server.pg_dump(url)
    assert "COPY public.notes " in dump and "COPY public.embeddings " in dump   # the rows are in it
    planted = {p["value"] for n in generate_demo_corpus(n_notes=NOTES).notes for p in n["pii"]}
    assert len(planted) > 50
    candidates = [v for v in planted if v in dump]  # fast substring pass, then whole-word check
    leaked = sorted(v for v in candidates if re.search(r"(?<![\w])" + re.escape(v) + r"(?![\w])", dump))
    assert leaked == [], f"{len(leaked)} planted values found in the pg_dump: {leaked[:20]}"
