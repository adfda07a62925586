"""REFI-QDA codebooks (themes/qdc.py): the ATLAS.ti sample projects read and validated, codebooks written and
read back, any codebook made a taxonomy, and hostile XML kept harmless."""
from __future__ import annotations

import zipfile

import pytest

from engine.core.errors import InputError
from tests.engine.publish.qdpx_data import xsd
from themes.qdc import CODEBOOK_NS, PROJECT_NS, codebook_xml, read_xml, slug, theme_guid
from themes.taxonomy import load_builtin, load_file
from themes.taxonomy_io import taxonomy_from_codebook

NS = {"q": PROJECT_NS}


@pytest.mark.parametrize("name, codes, top, sources", [("target-atlas-project.qdpx", 3, 1, 0),
                                                        ("blank-atlas-project.qdpx", 0, 0, 0)])
def test_when_atlas_sample_projects_read_then_they_validate_and_hold_their_codes(shared_data, name, codes, top,
                                                                                 sources):
    root = read_xml(shared_data / "qda" / name)
    assert xsd(shared_data).validate(root)
    assert root.get("origin").startswith("ATLAS.ti")
    assert len(list(root.iter(f"{{{PROJECT_NS}}}Code"))) == codes
    assert len(root.findall("q:CodeBook/q:Codes/q:Code", NS)) == top
    assert len(root.findall("q:Sources/*", NS)) == sources
    assert len(root.findall("q:Users/q:User", NS)) == 2


def test_when_atlas_codebook_loaded_then_nested_codes_become_child_themes(shared_data):
    taxonomy = taxonomy_from_codebook(shared_data / "qda" / "target-atlas-project.qdpx")
    assert [(t.id, t.label, t.parent) for t in taxonomy.themes] == [
        ("commits", "Commits", None),
        ("2022_05_10t02_05_59z_19e4dce", "2022-05-10T02:05:59Z 19e4dce", "commits"),
        ("2022_02_11t10_39_25z_cdbfd92", "2022-02-11T10:39:25Z cdbfd92", "commits")]
    assert taxonomy.themes[1].description == "2022-05-10T02:05:59Z 19e4dce (under Commits)"
    assert taxonomy.themes[0].description == "Commits"


def test_when_a_project_has_no_codes_then_loading_it_says_so(shared_data):
    with pytest.raises(InputError, match="holds no codes"):
        taxonomy_from_codebook(shared_data / "qda" / "blank-atlas-project.qdpx")


def test_when_taxonomy_written_as_qdc_and_read_back_with_it_known_then_it_is_the_same(tmp_path):
    builtin = load_builtin()
    path = tmp_path / "book.qdc"
    path.write_bytes(codebook_xml(builtin))
    again = taxonomy_from_codebook(path, known=builtin)
    assert again.as_dicts() == builtin.as_dicts()
    assert any(t.sensitive for t in again.themes) and any(t.examples for t in again.themes)


def test_when_qdc_read_without_knowing_the_themes_then_ids_are_slugs_and_nothing_is_sensitive(tmp_path):
    builtin = load_builtin()
    path = tmp_path / "book.qdc"
    path.write_bytes(codebook_xml(builtin))
    again = load_file(path)                     # `insights themes assign --taxonomy book.qdc` reads it so
    assert [t.id for t in again.themes] == [slug(t.label) for t in builtin.themes]
    assert [(t.description, t.examples) for t in again.themes] == [(t.description, t.examples) for t in builtin.themes]
    assert not any(t.sensitive for t in again.themes)


def test_when_qdc_written_then_its_codes_validate_as_a_refi_codebook(shared_data, tmp_path):
    from lxml import etree

    book = etree.fromstring(codebook_xml(load_builtin()))
    assert book.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    # The Codebook schema's CodeType is the Project schema's: the same codes inside a Project validate.
    project = etree.fromstring(f'<Project xmlns="{PROJECT_NS}" name="check"><CodeBook/></Project>'.encode())
    text = etree.tostring(book.find(f"{{{CODEBOOK_NS}}}Codes")).decode().replace(CODEBOOK_NS, PROJECT_NS)
    project.find("q:CodeBook", NS).append(etree.fromstring(text))
    assert xsd(shared_data).validate(project), xsd(shared_data).error_log
    assert book.find(f".//{{{CODEBOOK_NS}}}Code").get("guid") == theme_guid(load_builtin().themes[0].id)


def _qdc(tmp_path, body: str, doctype: str = "") -> object:
    path = tmp_path / "tool.qdc"
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>{doctype}<CodeBook xmlns="{CODEBOOK_NS}" '
                    f'origin="QualCoder"><Codes>{body}</Codes></CodeBook>', encoding="utf-8")
    return path


def test_when_two_codes_give_the_same_slug_then_the_second_is_numbered(tmp_path):
    guid = "{0A1B2C3D-0000-4000-8000-000000000001}"
    path = _qdc(tmp_path, f'<Code guid="{guid}" name="Food!" isCodable="true"><Description>Food help.\n\n'
                          'Examples: food bank; empty cupboards</Description></Code>'
                          '<Code guid="0A1B2C3D-0000-4000-8000-000000000002" name="food" isCodable="true"/>')
    taxonomy = taxonomy_from_codebook(path)
    assert [(t.id, t.label) for t in taxonomy.themes] == [("food", "Food!"), ("food_2", "food")]
    assert taxonomy.themes[0].examples == ("food bank", "empty cupboards")
    assert taxonomy.themes[0].description == "Food help."


def test_when_a_code_has_no_name_then_the_error_names_its_guid(tmp_path):
    path = _qdc(tmp_path, '<Code guid="0A1B2C3D-0000-4000-8000-000000000009" name=" " isCodable="true"/>')
    with pytest.raises(InputError, match="0A1B2C3D-0000-4000-8000-000000000009 has no name"):
        taxonomy_from_codebook(path)


def test_when_xml_carries_entities_then_none_is_expanded(tmp_path):
    """No external file is read, and no internal entity expands (a billion-laughs codebook stays small)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    path = _qdc(tmp_path, '<Code guid="0A1B2C3D-0000-4000-8000-000000000003" name="Leak" isCodable="true">'
                          '<Description>&secret; &boom;</Description></Code>',
                doctype=f'<!DOCTYPE CodeBook [<!ENTITY secret SYSTEM "file://{secret}">'
                        '<!ENTITY boom "BOOMBOOM">]>')
    description = taxonomy_from_codebook(path).themes[0].description
    assert "TOPSECRET" not in description and "BOOMBOOM" not in description


@pytest.mark.parametrize("content, message", [
    (b"<not xml", "not well-formed XML"),
    (b'<Project xmlns="urn:other" name="x"/>', "not a REFI-QDA CodeBook or Project"),
])
def test_when_file_is_not_a_codebook_then_it_says_what_to_give(tmp_path, content, message):
    path = tmp_path / "bad.qdc"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        taxonomy_from_codebook(path)


def test_when_zip_has_no_project_then_it_says_so(tmp_path):
    path = tmp_path / "empty.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "nothing")
    with pytest.raises(InputError, match="no project.qde"):
        taxonomy_from_codebook(path)
