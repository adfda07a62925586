"""The REFI-QDA export (engine/publish/qdpx.py) on a real database themed by the shipped scorer: the project
validates against the REFI Project schema, and reading the archive back gives every note, every assignment and
the case variables."""
from __future__ import annotations

import pytest

from engine.publish import qdpx
from tests.engine.publish.qdpx_data import fill, read_archive, xsd
from themes.carrying_passage import passage_spans
from themes.qdc import PROJECT_NS, guid, theme_guid
from themes.taxonomy_io import current_taxonomy

NS = {"q": PROJECT_NS}


@pytest.fixture
def filled(pipeline, store):
    return fill(pipeline, store)


@pytest.fixture
def exported(filled, store, embedder, settings):
    return qdpx.export(store, embedder, settings)


def test_when_exported_then_project_qde_validates_against_the_refi_schema(exported, shared_data):
    from lxml import etree

    schema = xsd(shared_data)
    root, _ = read_archive(exported.to_bytes())
    assert schema.validate(root), schema.error_log
    assert root.tag == f"{{{PROJECT_NS}}}Project"
    broken = etree.fromstring(exported.xml)            # the check can fail: a selection without its end
    broken.find(".//q:PlainTextSelection", NS).attrib.pop("endPosition")
    assert not schema.validate(broken)


def test_when_read_back_then_every_note_is_a_source_with_its_own_anonymised_text(exported, store, filled):
    root, texts = read_archive(exported.to_bytes())
    sources = root.findall("q:Sources/q:TextSource", NS)
    notes = {n["id"]: n for n in store.notes_for_export()}
    assert len(sources) == len(notes) == len(filled["note_ids"]) == 8
    for source, note_id in zip(sources, sorted(notes)):
        assert source.get("guid") == guid("note", note_id)
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt"
        assert texts[f"sources/{source.get('guid')}.txt"] == notes[note_id]["text"]
    assert "Amira Khan" not in "".join(texts.values()) and "<PERSON" in texts[f"sources/{guid('note', 1)}.txt"]


def test_when_read_back_then_each_assignment_is_one_coding_on_a_passage_of_its_note(exported, store):
    root, texts = read_archive(exported.to_bytes())
    assignments = [a for a in store.in_force_assignments() if a["theme_id"]]
    selections = root.findall(".//q:TextSource/q:PlainTextSelection", NS)
    assert len(assignments) >= 6
    assert len(selections) == len(root.findall(".//q:Coding", NS)) == len(assignments) == exported.counts["codings"]
    code_guids = {c.get("guid") for c in root.iter(f"{{{PROJECT_NS}}}Code")}
    coded = []
    for source in root.findall("q:Sources/q:TextSource", NS):
        text = texts[f"sources/{source.get('guid')}.txt"]
        spans = passage_spans(text, 20)
        for sel in source.findall("q:PlainTextSelection", NS):
            ref = sel.find("q:Coding/q:CodeRef", NS).get("targetGUID")
            assert ref in code_guids
            assert (int(sel.get("startPosition")), int(sel.get("endPosition"))) in spans
            coded.append((source.get("name"), ref))
    expected = [(f"Note {a['note_id']}", theme_guid(a["theme_id"])) for a in assignments]
    assert sorted(coded) == sorted(expected)
    confirmed = [s for s in selections if s.get("creatingUser") == guid("user", "confirmed")]
    assert len(confirmed) == 1 and "confirmed" in confirmed[0].findtext("q:Description", namespaces=NS)


def test_when_read_back_then_codes_are_the_themes_in_force_and_candidates_a_group_apart(exported, store):
    root, _ = read_archive(exported.to_bytes())
    top = root.findall("q:CodeBook/q:Codes/q:Code", NS)
    taxonomy = current_taxonomy(store)
    themes = [c for c in top if c.get("name") != "Emergent candidates"]
    assert [c.get("guid") for c in themes] == [theme_guid(t.id) for t in taxonomy.themes if not t.parent]
    assert all(c.findtext("q:Description", namespaces=NS) for c in themes)
    group = [c for c in top if c.get("name") == "Emergent candidates"][0]
    assert group.get("isCodable") == "false"
    assert [c.get("name") for c in group.findall("q:Code", NS)] == ["Transport to appointments"]
    members = root.find("q:Sets/q:Set", NS).findall("q:MemberSource", NS)
    assert [m.get("targetGUID") for m in members] == [guid("note", i) for i in (6, 7)]


def test_when_read_back_then_each_note_is_a_case_with_its_variables(exported, store):
    root, _ = read_archive(exported.to_bytes())
    variables = {v.get("guid"): v.get("name") for v in root.findall("q:Variables/q:Variable", NS)}
    assert sorted(variables.values()) == ["area", "month", "organisation", "source type"]
    cases = root.findall("q:Cases/q:Case", NS)
    notes = store.notes_for_export()
    assert len(cases) == len(notes)
    for case, note in zip(cases, notes):
        values = {variables[v.find("q:VariableRef", NS).get("targetGUID")]: v.findtext("q:TextValue", namespaces=NS)
                  for v in case.findall("q:VariableValue", NS)}
        area = {"E05000451": "Rushey Green (E05000451)", "E05000447": "Lee Green (E05000447)"}[note["area_code"]]
        assert values == {"organisation": note["organisation"], "area": area, "month": note["month"],
                          "source type": note["source_type"].replace("_", " ")}
        assert case.find("q:SourceRef", NS).get("targetGUID") == guid("note", note["id"])
    assert {c.findtext("q:VariableValue/q:TextValue", namespaces=NS) for c in cases} == {"Riverside Advice",
                                                                                         "Lee Green Pantry"}


def test_when_exported_twice_then_the_archives_are_byte_for_byte_the_same(exported, store, embedder, settings):
    again = qdpx.export(store, embedder, settings)
    assert again.to_bytes() == exported.to_bytes()


def test_when_a_theme_is_retired_then_notes_keep_its_coding_under_a_group_apart(filled, store, embedder, settings,
                                                                               shared_data):
    from themes.taxonomy_io import retire_theme

    retire_theme(store, "food_poverty")
    root, _ = read_archive(qdpx.export(store, embedder, settings).to_bytes())
    assert xsd(shared_data).validate(root)
    group = [c for c in root.findall("q:CodeBook/q:Codes/q:Code", NS) if c.get("name") == "No longer in the taxonomy"]
    assert [c.get("guid") for c in group[0].findall("q:Code", NS)] == [theme_guid("food_poverty")]
    refs = [r.get("targetGUID") for r in root.iter(f"{{{PROJECT_NS}}}CodeRef")]
    assert theme_guid("food_poverty") in refs


def test_when_there_are_no_notes_then_the_project_still_validates(store, embedder, settings, shared_data):
    root, texts = read_archive(qdpx.export(store, embedder, settings).to_bytes())
    assert xsd(shared_data).validate(root) and texts == {}
    assert root.find("q:Sources", NS) is None and root.findall("q:CodeBook/q:Codes/q:Code", NS)


def test_when_one_organisation_is_asked_for_then_only_its_notes_and_their_codings_go_in(filled, store, embedder,
                                                                                      settings, shared_data):
    org_id = store.org_id("Lee Green Pantry")
    built = qdpx.export(store, embedder, settings, org_id)
    root, texts = read_archive(built.to_bytes())
    assert xsd(shared_data).validate(root)
    own = [n["id"] for n in store.notes_for_export(org_id)]
    assert built.note_ids == own == filled["note_ids"][5:]
    assert set(texts) == {f"sources/{guid('note', i)}.txt" for i in own}
    own_assignments = [a for a in store.in_force_assignments(own) if a["theme_id"]]
    assert len(root.findall(".//q:Coding", NS)) == len(own_assignments) == built.counts["codings"]


def test_when_a_name_or_label_holds_a_control_character_then_the_project_still_validates(
        pipeline, store, embedder, settings, shared_data):
    from engine.readers import RawNote

    report = pipeline.ingest([RawNote("She cannot afford food this week and the children are hungry.", "case_note",
                                      "2025-03", None, where="x", position="row 1")], "Bell\x07 Street\x1b Hub")
    store.replace_emergent("run", [{"label": "bus\x1b / route", "keywords": ["bus\x00"], "size": 12,
                                    "note_ids": report["note_ids"], "quotes": []}])
    root, texts = read_archive(qdpx.export(store, embedder, settings).to_bytes())
    assert xsd(shared_data).validate(root)
    names = [v.text for v in root.iter(f"{{{PROJECT_NS}}}TextValue")]
    assert "Bell\ufffd Street\ufffd Hub" in names and len(texts) == 1
    assert "bus\ufffd / route" in [c.get("name") for c in root.iter(f"{{{PROJECT_NS}}}Code")]


@pytest.fixture
def project(filled, store):
    """A community insights project holding notes 3 to 6: two of each organisation's, two of them in the emergent
    candidate."""
    from engine import projects

    pid = projects.create(store, "Warm spaces", "Why are the warm spaces empty?", None, [],
                          ["Riverside Advice", "Lee Green Pantry"], [], "test")["id"]
    projects.tag(store, pid, filled["note_ids"][3:7], None, "test")
    return pid


def test_when_a_project_is_asked_for_then_only_its_notes_and_their_codings_go_in_and_it_validates(
        filled, project, store, embedder, settings, shared_data):
    built = qdpx.export(store, embedder, settings, project_id=project)
    root, texts = read_archive(built.to_bytes())
    assert xsd(shared_data).validate(root), xsd(shared_data).error_log
    tagged = filled["note_ids"][3:7]
    assert built.note_ids == tagged and built.counts["notes"] == 4
    assert set(texts) == {f"sources/{guid('note', i)}.txt" for i in tagged}
    assert {s.get("guid") for s in root.iterfind("q:Sources/q:TextSource", NS)} == {guid("note", i) for i in tagged}
    assignments = [a for a in store.in_force_assignments(tagged) if a["theme_id"]]
    assert len(root.findall(".//q:Coding", NS)) == len(assignments) == built.counts["codings"]
    members = {m.get("targetGUID") for m in root.iterfind("q:Sets/q:Set/q:MemberSource", NS)}
    assert members == {guid("note", i) for i in filled["note_ids"][5:7]}
    assert "Warm spaces" in root.get("name") and "Why are the warm spaces empty?" in root.findtext(
        "q:Description", namespaces=NS)


def test_when_a_project_and_an_organisation_are_asked_for_then_only_that_organisations_project_notes_go_in(
        filled, project, store, embedder, settings, shared_data):
    built = qdpx.export(store, embedder, settings, store.org_id("Lee Green Pantry"), project)
    root, _ = read_archive(built.to_bytes())
    assert xsd(shared_data).validate(root) and built.note_ids == filled["note_ids"][5:7]


def test_when_an_unknown_project_is_asked_for_then_not_found_and_no_project_is_built(filled, store, embedder,
                                                                                     settings):
    from engine.core.errors import NotFoundError

    with pytest.raises(NotFoundError, match="No project with id 4242"):
        qdpx.export(store, embedder, settings, project_id=4242)
