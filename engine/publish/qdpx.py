"""The notes as a REFI-QDA project (`.qdpx`, QDA-XML 1.0), to open in NVivo, ATLAS.ti, MAXQDA or QualCoder.

A `.qdpx` is a zip: `project.qde` (XML, urn:QDA-XML:project:1.0, valid against the REFI Project schema) and
`sources/<GUID>.txt`, each referenced from its TextSource as `plainTextPath="internal://<GUID>.txt"` (the
standard's way to name a file inside the archive). What goes in:

    Users       one per way a theme was given: the zero-shot scorer, the learned one, a person (confirmed)
    CodeBook    a Code per theme in force (nested by parent; description, then its example phrases), a group
                "Emergent candidates" (not codable) with a code per proposed candidate (its size and keywords),
                and, only when some note still carries a theme retired since, a group "No longer in the taxonomy"
    Variables   organisation, area, month, source type (text)
    Cases       one per note, carrying the note's four variable values and a SourceRef to it: the values differ
                note by note (area, month, source type), so a case per organisation could not carry them
    Sources     a TextSource per note, its anonymised text in the archive; the same variable values on it (for
                tools that keep variables per document); a PlainTextSelection per assignment in force, on the
                passage that carried the theme (themes/carrying_passage.py), holding one Coding of the theme's
                Code by the user for its method, described with its score, method and taxonomy version
    Sets        one per emergent candidate: its code and the notes it was proposed from

GUIDs are uuid5 of our ids (`themes.qdc.guid`), timestamps are the notes' own and zip entries carry a fixed
date, so two exports of the same database are byte for byte the same. This is note-level data, not an aggregate:
nothing here is suppressed, so only analysts and admins may have it (service/api/exports.py), and every export is
written to the audit log of note-text reads by its caller. With `org_id` only that organisation's notes go in (the
API gives a caller linked to an organisation its own notes only, as every other read of note text does). With
`project_id` only the notes tagged to that community insights project (engine/projects.py) go in, with their
codings; the project is named after it and its question is in its description.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from themes.carrying_passage import carrying_spans
from themes.qdc import ORIGIN, PROJECT_NS, code_element, guid, theme_codes, theme_guid, xml_safe
from themes.taxonomy import Theme

NS = PROJECT_NS
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
PROJECT_NAME = "Community Insights notes"
VARIABLES = (("organisation", "The organisation that shared the note."),
             ("area", "Where the note is about: area name and ONS code."),
             ("month", "The month of the note (YYYY-MM)."),
             ("source type", "What kind of note it is (case note, interview, anecdote, ...)."))
METHOD_USERS = {"zero-shot": "Community Insights zero-shot themes", "learned": "Community Insights learned themes",
                "confirmed": "A person (theme confirmed)"}


@dataclass
class Export:
    """The built project: the XML, the text files by archive path, and what is in it."""
    xml: bytes
    files: dict[str, str]
    note_ids: list[int]
    counts: dict = field(default_factory=dict)

    def write(self, output: Path | io.BufferedIOBase) -> None:
        """The .qdpx archive, to a path or a binary file object."""
        with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in [("project.qde", self.xml),
                               *((n, t.encode("utf-8")) for n, t in sorted(self.files.items()))]:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer)
        return buffer.getvalue()


def _el(parent, tag: str, text: str | None = None, **attrs):
    from lxml import etree

    element = etree.SubElement(parent, f"{{{NS}}}{tag}",
                               {k: xml_safe(v) for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = xml_safe(text)
    return element


def _values(note: dict) -> dict[str, str]:
    area = note["area_code"] and (f"{note['area_name']} ({note['area_code']})" if note["area_name"]
                                  else note["area_code"])
    found = {"organisation": note["organisation"], "area": area, "month": note["month"],
             "source type": (note["source_type"] or "").replace("_", " ")}
    return {k: v for k, v in found.items() if v}


def _variable_values(parent, values: dict[str, str]) -> None:
    for name, value in values.items():
        holder = _el(parent, "VariableValue")
        _el(holder, "VariableRef", targetGUID=guid("variable", name))
        _el(holder, "TextValue", value)


def _theme(row: dict) -> Theme:
    return Theme(row["id"], row["label"], row["description"] or row["label"], tuple(row.get("examples") or ()))


def build(store, embedder, passage_words: int, top_k: int = 1, org_id: int | None = None,
          project_id: int | None = None) -> Export:
    """The project of every note in `store` (only organisation `org_id`'s when given; only those tagged to
    community insights project `project_id` when given: an unknown project is a NotFoundError): see the module
    docstring. `embedder`, `passage_words` and `top_k`: the scorer's, to find the passage that carried each theme
    (passage vectors come from the store's cache)."""
    from lxml import etree

    from themes.taxonomy_io import current_taxonomy

    project = store.project(project_id) if project_id is not None else None
    taxonomy = current_taxonomy(store)
    notes = store.notes_for_export(org_id, project_id)
    exported = {n["id"] for n in notes}
    assignments = [a for a in store.in_force_assignments() if a["theme_id"] and a["note_id"] in exported]
    known = {t.id: t for t in taxonomy.themes}
    retired = {r["id"]: _theme(r) for r in store.themes(include_retired=True)
               if r["id"] not in known and any(a["theme_id"] == r["id"] for a in assignments)}
    themes = {**known, **retired}
    assignments = [a for a in assignments if a["theme_id"] in themes]   # a theme no table knows: nothing to code
    emergent = store.emergent("proposed")

    by_note: dict[int, list[dict]] = {}
    for a in assignments:
        by_note.setdefault(a["note_id"], []).append(a)
    wanted = [[themes[a["theme_id"]] for a in by_note.get(n["id"], [])] for n in notes]
    spans = carrying_spans([n["text"] for n in notes], wanted, embedder, store, passage_words, top_k)

    methods = sorted({a["method"] for a in assignments} | {"zero-shot"})
    first = notes[0]["created_at"] if notes else None
    last = max((n["created_at"] for n in notes if n["created_at"]), default=None)
    name = f"{PROJECT_NAME}: {project['name']}" if project else PROJECT_NAME
    root = etree.Element(f"{{{NS}}}Project", nsmap={None: NS}, name=xml_safe(name), origin=ORIGIN,
                         creatingUserGUID=guid("user", "zero-shot"))
    if first:
        root.set("creationDateTime", first)
    if last:
        root.set("modifiedDateTime", last)
    users = _el(root, "Users")
    for method in methods:
        _el(users, "User", guid=guid("user", method), name=METHOD_USERS.get(method, f"Community Insights {method}"))

    codes = _el(_el(root, "CodeBook"), "Codes")
    for code in theme_codes(taxonomy.themes, NS):
        codes.append(code)
    if emergent:
        group = code_element(NS, "Emergent candidates", guid("group", "emergent"),
                             "Groups of notes no theme fits, proposed for review; not themes yet.", codable=False)
        for c in emergent:
            group.append(code_element(NS, c["label"], guid("emergent", c["id"]),
                                      f"Proposed from {c['size']} notes no theme fits; not yet reviewed. Words that "
                                      f"stand out: {', '.join(c['keywords'][:10])}."))
        codes.append(group)
    if retired:
        group = code_element(NS, "No longer in the taxonomy", guid("group", "retired"),
                             "Themes retired since these notes were given them; they keep them until a refit.",
                             codable=False)
        for code in theme_codes(list(retired.values()), NS):
            group.append(code)
        codes.append(group)

    if notes:
        variables = _el(root, "Variables")
        for name, description in VARIABLES:
            _el(_el(variables, "Variable", guid=guid("variable", name), name=name, typeOfVariable="Text"),
                "Description", description)
        cases = _el(root, "Cases")
        for n in notes:
            case = _el(cases, "Case", guid=guid("case", n["id"]), name=f"Note {n['id']}")
            _variable_values(case, _values(n))
            _el(case, "SourceRef", targetGUID=guid("note", n["id"]))

        sources = _el(root, "Sources")
        files: dict[str, str] = {}
        for n, found in zip(notes, spans):
            source_guid = guid("note", n["id"])
            files[f"sources/{source_guid}.txt"] = n["text"]
            source = _el(sources, "TextSource", guid=source_guid, name=f"Note {n['id']}",
                         plainTextPath=f"internal://{source_guid}.txt", creationDateTime=n["created_at"])
            for a in by_note.get(n["id"], []):
                start, end = found[a["theme_id"]]
                key = f"{n['id']}:{a['theme_id']}:{a['taxonomy_version']}"
                selection = _el(source, "PlainTextSelection", guid=guid("selection", key),
                                name=themes[a["theme_id"]].label, startPosition=start, endPosition=end,
                                creatingUser=guid("user", a["method"]), creationDateTime=n["created_at"])
                _el(selection, "Description", f"{themes[a['theme_id']].label}: score {a['score']:.3f}, "
                                              f"{a['method']}, taxonomy version {a['taxonomy_version']}.")
                coding = _el(selection, "Coding", guid=guid("coding", key), creatingUser=guid("user", a["method"]))
                _el(coding, "CodeRef", targetGUID=theme_guid(a["theme_id"]))
            _variable_values(source, _values(n))
    else:
        files = {}

    if emergent:
        sets = _el(root, "Sets")
        for c in emergent:
            member_set = _el(sets, "Set", guid=guid("set", c["id"]), name=f"Emergent: {c['label']}")
            _el(member_set, "MemberCode", targetGUID=guid("emergent", c["id"]))
            for note_id in sorted(set(c["note_ids"]) & exported):
                _el(member_set, "MemberSource", targetGUID=guid("note", note_id))
    about = (f" The notes tagged to the community insights project '{project['name']}' (id {project['id']}), "
             f"which asks: {project['question']}" if project else "")
    _el(root, "Description", f"Anonymised notes exported from {ORIGIN} under taxonomy version "
                             f"{store.latest_taxonomy_version() or 'built-in'}.{about} Note-level data: for analysts "
                             "only.")
    xml = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return Export(xml, files, [n["id"] for n in notes],
                  {"notes": len(notes), "codes": len(themes), "codings": len(assignments),
                   "emergent": len(emergent), "retired": len(retired)})


def export(store, embedder, settings, org_id: int | None = None, project_id: int | None = None) -> Export:
    """The project (of organisation `org_id`'s notes only, and of community insights project `project_id`'s,
    when given), with the passage length and prompt averaging of the settings' zero-shot scorer."""
    from themes.assign import HYBRID, PASSAGE_WORDS

    if settings.assign_scorer == "similarity":
        return build(store, embedder, PASSAGE_WORDS, 1, org_id, project_id)
    return build(store, embedder, HYBRID["passage_words"], HYBRID["top_k"], org_id, project_id)
