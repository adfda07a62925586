"""REFI-QDA codebooks (QDA-XML 1.0, the exchange standard of NVivo, ATLAS.ti, MAXQDA and QualCoder) both ways.

    taxonomy -> codes     `codebook_xml`: one Code per theme, nested under its parent; Description = the theme's
                          description, then a paragraph "Examples: a; b; c" when it has examples. GUIDs are uuid5
                          of the theme id (`theme_guid`), so every export names a theme with the same GUID.
    codebook -> taxonomy  `codebook_records(path)` (`themes.taxonomy_io.taxonomy_from_codebook` makes them a
                          taxonomy) reads a `.qdc` codebook (root CodeBook, urn:QDA-XML:codebook:1.0), a `.qde`
                          project or a `.qdpx` archive (its project.qde's CodeBook): name -> label; Description ->
                          description (its "Examples:" paragraph -> examples; no Description: the label, and the
                          parent's, as description); a nested code -> a theme whose parent is the enclosing code's
                          theme. Every code becomes a theme, isCodable="false" ones too (our taxonomy has no
                          grouping-only entries, and dropping them would cut the hierarchy). Ids: a code whose GUID
                          is `theme_guid` of a theme in `known` (one we exported, kept by the tool) keeps that
                          theme's id and sensitive flag; any other gets a slug of its name (`food_poverty`),
                          numbered when two names give the same slug. Sets, notes and codings are ignored.

XML is parsed with entities, DTDs and the network off; an archive's project.qde is read only up to MAX_XML_BYTES.
"""
from __future__ import annotations

import re
import unicodedata
import uuid
import zipfile
from pathlib import Path

from engine.core.errors import InputError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
GUID_NAMESPACE = uuid.UUID("5b0d3f0e-8a41-5c1e-9d5e-6f1b2c3d4e5f")   # ours; fixed, so exports reproduce
EXAMPLES_PREFIX = "Examples: "
MAX_XML_BYTES = 64 * 2 ** 20
ORIGIN = "Community Insights"


def guid(kind: str, key) -> str:
    """A deterministic REFI GUID for one of our objects (kind 'theme', 'note', ... and its id)."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}")).upper()


def theme_guid(theme_id: str) -> str:
    return guid("theme", theme_id)


def code_description(theme) -> str:
    examples = [e for e in theme.examples if e.strip()]
    return theme.description + (f"\n\n{EXAMPLES_PREFIX}{'; '.join(examples)}" if examples else "")


# ---- writing ---------------------------------------------------------------------------------------------
# Characters XML 1.0 cannot hold (C0 controls but tab, newline and return; lone surrogates; U+FFFE/U+FFFF). A
# theme label, candidate label or organisation name typed with one would make the whole export fail, so each is
# written as U+FFFD (the replacement character); a .qdpx's note texts in sources/ are plain text, kept as they are.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value) -> str:
    return _NOT_XML.sub("\ufffd", str(value))


def code_element(ns: str, name: str, code_guid: str, description: str | None, codable: bool = True):
    from lxml import etree

    code = etree.Element(f"{{{ns}}}Code", guid=code_guid, name=xml_safe(name),
                         isCodable="true" if codable else "false")
    if description:
        etree.SubElement(code, f"{{{ns}}}Description").text = xml_safe(description)
    return code


def theme_codes(themes, ns: str) -> list:
    """Code elements for `themes` (Theme objects), nested by parent; returns the top-level ones in order. A theme
    whose parent is not among them, or whose parents go round in a circle, is put at the top."""
    elements = {t.id: code_element(ns, t.label, theme_guid(t.id), code_description(t)) for t in themes}
    parents = {t.id: t.parent for t in themes}
    top = []
    for t in themes:
        seen, p = {t.id}, t.parent
        while p in parents and p not in seen:
            seen.add(p)
            p = parents[p]
        if t.parent in elements and p not in seen:   # the chain of parents ends outside: no circle
            elements[t.parent].append(elements[t.id])
        else:
            top.append(elements[t.id])
    return top


def codebook_xml(taxonomy) -> bytes:
    """The taxonomy (a themes.taxonomy.Taxonomy) as a `.qdc` codebook. `taxonomy_from_codebook(path,
    known=taxonomy)` reads back the same ids, labels, descriptions, examples, parents and sensitive flags."""
    from lxml import etree

    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=ORIGIN)
    codes = etree.SubElement(root, f"{{{CODEBOOK_NS}}}Codes")
    for code in theme_codes(taxonomy.themes, CODEBOOK_NS):
        codes.append(code)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


# ---- reading ---------------------------------------------------------------------------------------------
def read_xml(path: Path):
    """The root element of a .qdc / .qde file, or of a .qdpx archive's project.qde."""
    from lxml import etree

    path = Path(path)
    if not path.is_file():
        raise InputError(f"Codebook file {path} does not exist.", fix="Check the path.")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [i for i in archive.infolist() if i.filename.lower() == "project.qde"]
            if not names:
                raise InputError(f"{path} is a zip archive with no project.qde in it.",
                                 fix="Give a .qdpx exported by a QDA tool, or its .qdc codebook.")
            if names[0].file_size > MAX_XML_BYTES:
                raise InputError(f"{path}'s project.qde is over {MAX_XML_BYTES // 2 ** 20} MB.",
                                 fix="Export the codebook alone as a .qdc file and load that.")
            data = archive.read(names[0])
    else:
        if path.stat().st_size > MAX_XML_BYTES:
            raise InputError(f"{path} is over {MAX_XML_BYTES // 2 ** 20} MB.", fix="Give the codebook alone (.qdc).")
        data = path.read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path} is not well-formed XML: {exc}.",
                         fix="Export the codebook again from your QDA tool (REFI-QDA .qdc or .qdpx).") from None


def codebook_codes(root) -> list:
    """The top-level Code elements of a CodeBook (codebook or project namespace)."""
    for ns in (CODEBOOK_NS, PROJECT_NS):
        if root.tag == f"{{{ns}}}CodeBook":
            book = root
        elif root.tag == f"{{{ns}}}Project":
            book = root.find(f"{{{ns}}}CodeBook")
        else:
            continue
        codes = book.find(f"{{{ns}}}Codes") if book is not None else None
        return [] if codes is None else codes.findall(f"{{{ns}}}Code")
    raise InputError(f"The file's root element is {root.tag}, not a REFI-QDA CodeBook or Project.",
                     fix=f"Give a .qdc codebook ({CODEBOOK_NS}) or a .qdpx / .qde project ({PROJECT_NS}).")


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")[:64] or "code"


def _split_description(text: str | None) -> tuple[str, list[str]]:
    text = (text or "").strip()
    body, _, last = text.rpartition("\n\n")
    if last.startswith(EXAMPLES_PREFIX):
        return body.strip(), [e.strip() for e in last[len(EXAMPLES_PREFIX):].split(";") if e.strip()]
    if text.startswith(EXAMPLES_PREFIX) and "\n\n" not in text:
        return "", [e.strip() for e in text[len(EXAMPLES_PREFIX):].split(";") if e.strip()]
    return text, []


def codebook_records(path: Path, known=()) -> list[dict]:
    """The codebook in `path` as theme records for `themes.taxonomy.from_records` (see the module docstring for
    the mapping); `known`: themes (with .id and .sensitive) whose GUIDs keep their ids.
    `themes.taxonomy_io.taxonomy_from_codebook` makes them a taxonomy."""
    path = Path(path)
    root = read_xml(path)
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    top = codebook_codes(root)
    if not top:
        raise InputError(f"{path} holds no codes.", fix="Add codes to the codebook in your QDA tool and export again.")
    by_guid = {theme_guid(t.id): t for t in known}
    all_guids = [(c.get("guid") or "").strip("{} ").upper() for c in root.iter(f"{{{ns}}}Code")]
    reserved = {by_guid[g].id for g in all_guids if g in by_guid}   # known ids first: a new slug never takes one
    used: set[str] = set(reserved)
    records: list[dict] = []

    def take(code, parent: dict | None) -> None:
        name = (code.get("name") or "").strip()
        code_guid = (code.get("guid") or "").strip("{} ").upper()
        if not name:
            raise InputError(f"{path}: the code with GUID {code_guid or '(none)'} has no name.",
                             fix="Name every code in your QDA tool and export again.")
        description, examples = _split_description(code.findtext(f"{{{ns}}}Description"))
        mine = by_guid.get(code_guid)
        if mine is not None and mine.id in reserved:
            theme_id = mine.id
            reserved.discard(theme_id)       # a second code with the same GUID gets a slug
        else:
            theme_id = _fresh(slug(name), used)
        used.add(theme_id)
        record = {"id": theme_id, "label": name, "examples": examples,
                  "description": description or (f"{name} (under {parent['label']})" if parent else name),
                  "parent": parent["id"] if parent else None, "sensitive": bool(mine and mine.sensitive)}
        records.append(record)
        for child in code.findall(f"{{{ns}}}Code"):
            take(child, record)

    for code in top:
        take(code, None)
    return records


def _fresh(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base[:60]}_{n}"
        n += 1
    return candidate
