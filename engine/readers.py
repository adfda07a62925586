"""Read notes from files: .txt, .csv, .jsonl and .docx. Raw text stays in memory (RawNote) until the
anonymiser has replaced it; nothing here writes it anywhere.

.txt and .docx: one note per file, or several separated by a line holding only `---`.
.csv: a text column plus optional date, area and source-type columns (the report says which were used).
.jsonl: one object per line with "text" and optional "id", "date", "area", "source_type".
A bad row or line is reported with its number; the others are still read.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from engine.core.errors import InputError, TooLargeError, UnsupportedFileError
from engine.core.vocab import SOURCE_TYPES

TEXT_COLUMNS = ["text", "note", "notes", "case_note", "content", "body", "comment", "description", "story"]
DATE_COLUMNS = ["date", "month", "note_date", "created", "date_of_contact"]
AREA_COLUMNS = ["area", "area_code", "ward", "ward_code", "postcode", "postcode_district", "lsoa", "location"]
TYPE_COLUMNS = ["source_type", "type", "kind", "note_type"]
SEPARATOR = re.compile(r"^\s*---\s*$", re.M)


@dataclass
class RawNote:
    text: str
    source_type: str
    month: str | None = None
    area: str | None = None
    external_id: str | None = None
    where: str = ""
    position: str = ""   # where the note sits in its source ("row 3"), without the file name
    corrections: object = None  # anonymise.replace.Corrections from a worker's preview, if any

    def source_ref(self) -> str:
        return self.external_id or self.position

    def reference_date(self) -> date | None:
        return date(int(self.month[:4]), int(self.month[5:7]), 15) if self.month else None


@dataclass
class ReadResult:
    notes: list[RawNote] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    columns_used: dict = field(default_factory=dict)


def parse_month(value: str | None, where: str) -> str | None:
    """Month precision is all we keep: '2025-03-14', '2025-03', '14/03/2025' -> '2025-03'."""
    value = (value or "").strip()
    if not value:
        return None
    for pattern, y, m in ((r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", 1, 2), (r"^(\d{1,2})/(\d{1,2})/(\d{4})$", 3, 2)):
        match = re.match(pattern, value)
        if match:
            year, month = int(match.group(y)), int(match.group(m))
            if 1 <= month <= 12 and 1990 <= year <= 2100:
                return f"{year:04d}-{month:02d}"
    raise InputError(f"{where}: date '{value[:20]}' is not a date. Use YYYY-MM-DD, YYYY-MM or DD/MM/YYYY.", where=where)


def check_source_type(value: str | None, default: str, where: str) -> str:
    value = (value or "").strip().lower().replace(" ", "_").replace("-", "_") or default
    if value not in SOURCE_TYPES:
        raise InputError(f"{where}: source type '{value[:20]}' is not one of {', '.join(SOURCE_TYPES)}.", where=where)
    return value


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks like a binary file, not text. Save the notes as .txt, .csv, .jsonl or .docx.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not UTF-8 text (byte {exc.start} cannot be read). Save it as UTF-8 (in Excel: "
            "'CSV UTF-8') and try again."
        ) from None


def _split_blocks(text: str, name: str, source_type: str) -> ReadResult:
    result = ReadResult(columns_used={"text": "whole file, notes separated by ---"})
    for i, block in enumerate(SEPARATOR.split(text)):
        if block.strip():
            result.notes.append(RawNote(block.strip(), source_type, where=f"{name} note {i + 1}", position=f"note {i + 1}"))
    if not result.notes:
        raise InputError(f"{name} has no text. Add the notes, separated by a line holding only ---.")
    return result


def _find(columns: list[str], candidates: list[str]) -> str | None:
    lowered = {c.strip().lower(): c for c in columns if c}
    return next((lowered[c] for c in candidates if c in lowered), None)


def read_csv(text: str, name: str, source_type: str) -> ReadResult:
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    text_col = _find(columns, TEXT_COLUMNS)
    if not text_col:
        raise InputError(f"{name} has no text column. Name the column holding the notes one of: "
                         f"{', '.join(TEXT_COLUMNS)}. Columns found: {', '.join(columns) or 'none'}.")
    date_col, area_col, type_col = (_find(columns, c) for c in (DATE_COLUMNS, AREA_COLUMNS, TYPE_COLUMNS))
    result = ReadResult(columns_used={"text": text_col, "date": date_col, "area": area_col, "source_type": type_col})
    for line_no, row in enumerate(reader, start=2):
        where = f"{name} row {line_no}"
        try:
            if None in row:
                raise InputError(f"{where}: the row has more cells than the header. Check for an unquoted comma.")
            body = (row.get(text_col) or "").strip()
            if not body:
                raise InputError(f"{where}: the text cell is empty.")
            result.notes.append(RawNote(
                body, check_source_type(row.get(type_col) if type_col else None, source_type, where),
                parse_month(row.get(date_col) if date_col else None, where),
                (row.get(area_col) or "").strip() or None if area_col else None, where=where,
                position=f"row {line_no}",
            ))
        except InputError as exc:
            result.errors.append(exc.message)
    return result


def read_jsonl(text: str, name: str, source_type: str) -> ReadResult:
    result = ReadResult(columns_used={"text": "text", "date": "date", "area": "area", "source_type": "source_type"})
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name} line {line_no}"
        try:
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}).") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
                raise InputError(f"{where}: each line needs a non-empty \"text\" string.")
            result.notes.append(RawNote(
                obj["text"], check_source_type(obj.get("source_type"), source_type, where),
                parse_month(str(obj.get("date") or ""), where), (str(obj.get("area") or "").strip() or None),
                str(obj["id"]) if obj.get("id") is not None else None, where=where, position=f"line {line_no}",
            ))
        except InputError as exc:
            result.errors.append(exc.message)
    return result


def read_docx(data: bytes, name: str, source_type: str) -> ReadResult:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises several types for a damaged file
        raise InputError(f"{name} could not be opened as a Word document. Re-save it as .docx and try again.") from None
    return _split_blocks("\n".join(p.text for p in document.paragraphs), name, source_type)


def read_bytes(data: bytes, name: str, source_type: str = "case_note", max_bytes: int | None = None) -> ReadResult:
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeError(f"{name} is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB. "
                            "Split it into smaller files.")
    source_type = check_source_type(source_type, "case_note", name)
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return read_docx(data, name, source_type)
    readers = {".txt": _split_blocks, ".csv": read_csv, ".jsonl": read_jsonl}
    if suffix not in readers:
        raise UnsupportedFileError(f"{name}: files ending {suffix or '(none)'} cannot be read. "
                                   "Use .txt, .csv, .jsonl or .docx.")
    return readers[suffix](decode(data, name), name, source_type)


def read_path(path: Path, source_type: str = "case_note", max_bytes: int | None = None) -> ReadResult:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path} is not a file. Check the path.")
    if max_bytes is not None and path.stat().st_size > max_bytes:
        raise TooLargeError(f"{path.name} is over the {max_bytes / 1e6:.0f} MB limit. Split it into smaller files.")
    return read_bytes(path.read_bytes(), path.name, source_type, max_bytes)
