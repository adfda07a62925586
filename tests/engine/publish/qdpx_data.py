"""A small real database for the REFI-QDA export tests: notes from two organisations in two wards, themed by the
shipped scorer, one theme confirmed by a person, one emergent candidate proposed; and the REFI Project schema."""
from __future__ import annotations

import io
import zipfile

from engine.demo import load_areas
from engine.readers import RawNote

AREAS = [
    {"code": "E09000023", "name": "Lewisham", "level": "lad", "parent_code": None},
    {"code": "E05000451", "name": "Rushey Green", "level": "ward", "parent_code": "E09000023"},
    {"code": "E05000447", "name": "Lee Green", "level": "ward", "parent_code": "E09000023"},
]
TEXTS = [
    "Amira Khan is skipping meals so the children can eat. We gave her a food parcel and a food bank voucher. "
    "Her landlord has served an eviction notice and there is black mould in the flat.",
    "The landlord served an eviction notice and there is black mould in the flat. The council has not replied.",
    "He has been grieving since his wife died last spring. He cannot afford the funeral and feels very alone.",
    "Her partner controls the money and checks her phone. She is frightened to go home tonight.",
    "He owes three months of rent and the bailiffs have written twice. He is borrowing from a loan shark.",
    "She has no internet at home and cannot fill in the universal credit form online. The library is shut.",
    "Nobody has visited Mr Dev Patel in weeks. He sits alone all day and says he has no one to talk to.",
    "The young people have nowhere to go after school. The youth club closed and they hang around the shops.",
]


def fill(pipeline, store) -> dict:
    """Ingest TEXTS (two organisations, two wards, two months), confirm food poverty on the first note, and
    propose one emergent candidate. Returns {"note_ids": [...]}."""
    from themes.corrections import correct

    load_areas(store, AREAS)
    ids = []
    for org, part in (("Riverside Advice", TEXTS[:5]), ("Lee Green Pantry", TEXTS[5:])):
        raw = [RawNote(t, "case_note" if i % 2 else "interview", "2025-03" if i < 3 else "2025-04",
                       "E05000451" if i % 2 else "E05000447", where=f"{org}-{i}", position=f"row {i}")
               for i, t in enumerate(part)]
        report = pipeline.ingest(raw, org)
        ids += report["note_ids"]
    correct(store, ids[0], "food_poverty", "confirm", "Analyst A")
    store.replace_emergent("run-1", [{"label": "Transport to appointments", "keywords": ["bus", "taxi", "fare"],
                                      "size": 2, "note_ids": ids[5:7], "quotes": [], "quote_note_ids": []}])
    return {"note_ids": ids}


def xsd(shared_data):
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(shared_data / "qda" / "Project-mrt2019.xsd")))


def read_archive(data: bytes):
    """(project.qde root element, {archive path: text}) of a .qdpx archive's bytes."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        texts = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n != "project.qde"}
    return root, texts
