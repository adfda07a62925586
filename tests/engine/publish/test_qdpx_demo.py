"""The demo database (tests/conftest.py demo_db: the bundled corpus through the real pipeline) exported as a
.qdpx: it validates against the REFI Project schema, and its sources, codes and codings are counted against the
database."""
from __future__ import annotations

import pytest

from engine.core.settings import Settings
from engine.publish import qdpx
from tests.engine.publish.qdpx_data import read_archive, xsd
from themes.qdc import PROJECT_NS, guid, theme_guid
from themes.taxonomy_io import current_taxonomy

NS = {"q": PROJECT_NS}


@pytest.fixture(scope="module")
def demo(demo_db, embedder):
    from engine.store import Store

    store = Store(demo_db)
    built = qdpx.export(store, embedder, Settings(db_path=demo_db))
    yield store, built
    store.close()


def test_when_the_demo_database_is_exported_then_it_validates_and_counts_match_the_database(demo, shared_data):
    store, built = demo
    root, texts = read_archive(built.to_bytes())
    schema = xsd(shared_data)
    assert schema.validate(root), schema.error_log
    notes = store.notes_for_export()
    assert len(notes) == store.count_notes() == 80
    sources = root.findall("q:Sources/q:TextSource", NS)
    assert [s.get("guid") for s in sources] == [guid("note", n["id"]) for n in notes]
    assert {f"sources/{guid('note', n['id'])}.txt": n["text"] for n in notes} == texts
    assignments = [a for a in store.in_force_assignments() if a["theme_id"]]
    assert len(assignments) >= 40
    coded = sorted((s.get("name"), sel.find("q:Coding/q:CodeRef", NS).get("targetGUID"))
                   for s in sources for sel in s.findall("q:PlainTextSelection", NS))
    assert coded == sorted((f"Note {a['note_id']}", theme_guid(a["theme_id"])) for a in assignments)
    assert built.counts["codings"] == len(assignments) and built.counts["notes"] == 80
    codes = [c.get("guid") for c in root.findall("q:CodeBook/q:Codes/q:Code", NS)
             if c.get("name") != "Emergent candidates"]
    assert codes == [theme_guid(t.id) for t in current_taxonomy(store).themes if not t.parent]
    cases = root.findall("q:Cases/q:Case", NS)
    assert len(cases) == 80 and len({c.findtext("q:VariableValue/q:TextValue", namespaces=NS) for c in cases}) > 1
