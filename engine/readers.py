"""Read notes from files: .txt, .csv, .jsonl and .docx. Raw text stays in memory (RawNote) until the
anonymiser has replaced it; nothing here writes it anywhere.

.txt and .docx: one note per file, or several separated by a line holding only `---`.
.csv: a text column plus optional date, area and source-type columns (the report says which were used).
.jsonl: one object per line with "text" and optional "id", "date", "area", "source_type".
A bad row or line is reported with its number; the others are still read.

A .docx is a zip: its declared sizes and compression ratio are checked before anything is inflated, and the
main document part is read as a stream (never more than MAX_DOCX_UNPACKED_BYTES inflated, whatever the zip
claims), so a small file that unpacks to gigabytes (a zip bomb) is refused at once. Reading is CPU work: the
service calls read_bytes in a worker thread, never on its event loop.
"""
from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from engine.core.errors import InputError, TooLargeError, UnsupportedFileError
from engine.core.vocab import SOURCE_TYPES

TEXT_COLUMNS = ["text", "note", "notes", "case_note", "content", "body", "comment", "description", "story"]
DATE_COLUMNS = ["date", "month", "note_date", "created", "date_of_contact"]
AREA_COLUMNS = ["area", "area_code", "ward", "ward_code", "postcode", "postcode_district", "lsoa", "location"]
TYPE_COLUMNS = ["source_type", "type", "kind", "note_type"]
# Spaces and tabs only around the dashes: with \s (which matches newlines) each line start scanned all the blank
# lines after it, so a file of blank lines took quadratic time (a 10 MB one, hours).
SEPARATOR = re.compile(r"^[ \t]*---[ \t\r]*$", re.M)

# A CSV cell may be as long as a note may be (anonymise/anonymiser.py MAX_NOTE_CHARS); Python's csv module
# stops at 131,072 characters by default, which answered a bare 500.
MAX_CELL_CHARS = 200_000

# .docx (a zip): limits checked before and while inflating. Word's own files compress 3-20 times; repeated
# XML compresses a thousand times, which is what a zip bomb is.
MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024   # all parts together, as declared; and the document part, as inflated
MAX_DOCX_RATIO = 100                         # for any part over 1 MB unpacked
MAX_DOCX_PARTS = 1000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


def is_blank(text: str) -> bool:
    """Nothing a reader could see: empty, spaces, or only invisible characters (zero-width spaces and joiners,
    byte-order marks, soft hyphens: Unicode format characters)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


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
        if not is_blank(block):
            result.notes.append(RawNote(block.strip(), source_type, where=f"{name} note {i + 1}",
                                        position=f"note {i + 1}"))
    if not result.notes:
        raise InputError(f"{name} has no text. Add the notes, separated by a line holding only ---.")
    return result


def _find(columns: list[str], candidates: list[str]) -> str | None:
    lowered = {c.strip().lower(): c for c in columns if c}
    return next((lowered[c] for c in candidates if c in lowered), None)


def _unterminated(lines: list[str]) -> bool:
    """Whether these lines (one record that ran to the end of the file) end inside a quoted field: strict
    parsing of the record alone says 'unexpected end of data' exactly then."""
    try:
        for _ in csv.reader(lines, strict=True):
            pass
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _csv_records(lines: list[str], first: int = 0):
    """(cells, error) per record of `lines` from line index `first`, blank lines skipped. A quote opened and
    never closed would swallow the rest of the file into one cell: that record is reported instead (error set,
    cells None) and reading starts again on the line after the one where it began."""
    if csv.field_size_limit() != MAX_CELL_CHARS:
        csv.field_size_limit(MAX_CELL_CHARS)     # process-wide; a note may be this long and no longer
    while True:
        reader = csv.reader(iter(lines[first:]))
        before = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                too_long = "field larger than field limit" in str(exc)
                yield None, (f"a cell is longer than {MAX_CELL_CHARS:,} characters; split the note into several "
                             "notes." if too_long else f"the row cannot be read as CSV ({exc}).")
                before = reader.line_num
                continue
            span = lines[first + before:first + reader.line_num]
            if first + reader.line_num >= len(lines) and len(span) > 1 and _unterminated(span):
                yield None, ("a quote (\") opens a cell here and is never closed, so the rest of the file would "
                             "be read as one cell. Close the quote, or write a quote inside a cell as two (\"\").")
                first, before = first + before + 1, 0
                break
            before = reader.line_num
            if cells:
                yield cells, None


def read_csv(text: str, name: str, source_type: str) -> ReadResult:
    lines = list(io.StringIO(text))
    records = _csv_records(lines)
    columns: list[str] = []
    for cells, error in records:
        if error:
            raise InputError(f"{name} row 1 (the header): {error}")
        columns = cells
        break
    text_col = _find(columns, TEXT_COLUMNS)
    if not text_col:
        raise InputError(f"{name} has no text column. Name the column holding the notes one of: "
                         f"{', '.join(TEXT_COLUMNS)}. Columns found: {', '.join(columns) or 'none'}.")
    date_col, area_col, type_col = (_find(columns, c) for c in (DATE_COLUMNS, AREA_COLUMNS, TYPE_COLUMNS))
    result = ReadResult(columns_used={"text": text_col, "date": date_col, "area": area_col, "source_type": type_col})
    for line_no, (cells, error) in enumerate(records, start=2):
        where = f"{name} row {line_no}"
        try:
            if error:
                raise InputError(f"{where}: {error}")
            if len(cells) > len(columns):
                raise InputError(f"{where}: the row has more cells than the header. Check for an unquoted comma.")
            row = dict(zip(columns, cells))
            body = row.get(text_col) or ""
            if is_blank(body):
                raise InputError(f"{where}: the text cell is empty.")
            result.notes.append(RawNote(
                body.strip(), check_source_type(row.get(type_col) if type_col else None, source_type, where),
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
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or is_blank(obj["text"]):
                raise InputError(f"{where}: each line needs a non-empty \"text\" string.")
            result.notes.append(RawNote(
                obj["text"], check_source_type(obj.get("source_type"), source_type, where),
                parse_month(str(obj.get("date") or ""), where), (str(obj.get("area") or "").strip() or None),
                str(obj["id"]) if obj.get("id") is not None else None, where=where, position=f"line {line_no}",
            ))
        except InputError as exc:
            result.errors.append(exc.message)
    return result


# ---- .docx -----------------------------------------------------------------------------------------------
def _mb(n: int) -> str:
    return f"{n / 2 ** 20:,.0f} MB"


def _check_zip(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip bomb from what the zip declares, before inflating anything."""
    infos = archive.infolist()
    if len(infos) > MAX_DOCX_PARTS:
        raise TooLargeError(f"{name} holds {len(infos):,} parts; a Word document of notes has a few dozen. "
                            "Re-save it from Word as .docx, or save the notes as .txt or .csv.")
    declared = sum(i.file_size for i in infos)
    if declared > MAX_DOCX_UNPACKED_BYTES:
        raise TooLargeError(f"{name} unpacks to {_mb(declared)}; a .docx may unpack to at most "
                            f"{_mb(MAX_DOCX_UNPACKED_BYTES)}. Split the notes into smaller documents, or save them "
                            "as .txt or .csv.")
    for info in infos:
        if info.file_size > 2 ** 20 and info.file_size > MAX_DOCX_RATIO * max(1, info.compress_size):
            raise TooLargeError(f"{name} is compressed {info.file_size // max(1, info.compress_size):,} times "
                                f"over (a zip bomb is; Word documents are compressed under {MAX_DOCX_RATIO} times), "
                                "so it was not opened. Re-save it from Word as .docx, or save the notes as .txt.")


class _Inflated(io.RawIOBase):
    """A part of the zip, read as a stream that refuses to inflate more than `limit` bytes: the zip's declared
    sizes can lie, so the bytes actually inflated are counted."""

    def __init__(self, stream, limit: int, name: str):
        self.stream, self.limit, self.name, self.count = stream, limit, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(min(len(buffer), 1 << 20))
        self.count += len(data)
        if self.count > self.limit:
            raise TooLargeError(f"{self.name} unpacks to more than {_mb(self.limit)}, so it was not read. Split "
                                "the notes into smaller documents, or save them as .txt or .csv.")
        if self.count <= 65536 and (b"<!DOCTYPE" in data or b"<!ENTITY" in data):
            raise InputError(f"{self.name} is not a Word document as Word writes them (it declares XML "
                             "entities). Re-save it from Word as .docx and try again.")
        buffer[:len(data)] = data
        return len(data)


def _main_part(archive: zipfile.ZipFile) -> str:
    """The main document part, as the package's relationships name it (word/document.xml when Word wrote it)."""
    import xml.etree.ElementTree as ET

    try:
        with archive.open("_rels/.rels") as f:
            root = ET.parse(_Inflated(f, 2 ** 20, "_rels/.rels"))
    except (KeyError, ET.ParseError):
        return "word/document.xml"
    for rel in root.getroot():
        if rel.get("Type") == OFFICE_DOCUMENT and rel.get("Target"):
            return posixpath.normpath(rel.get("Target").lstrip("/"))
    return "word/document.xml"


def _paragraphs(stream) -> Iterator[str]:
    """The text of each paragraph of the document body (as Word shows it: runs, tabs, line breaks), parsed as
    a stream so only one paragraph is held at a time. Text boxes and deleted text are left out."""
    import xml.etree.ElementTree as ET

    depth, box, parts = 0, 0, []
    body = None
    for event, elem in ET.iterparse(stream, events=("start", "end")):
        tag = elem.tag
        if event == "start":
            depth += 1
            if tag == W + "body" and depth == 2:
                body, parts = elem, []
            elif tag == W + "txbxContent":
                box += 1
            continue
        depth -= 1
        if tag == W + "txbxContent":
            box -= 1
        elif box:
            pass
        elif tag == W + "t":
            parts.append(elem.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        if depth == 2 and body is not None:      # a direct child of the body ends: a paragraph, table, ...
            if tag == W + "p":
                yield "".join(parts)
            parts = []
            body.remove(elem)                    # keep memory flat, however long the document


def read_docx(data: bytes, name: str, source_type: str) -> ReadResult:
    import xml.etree.ElementTree as ET

    damaged = InputError(f"{name} could not be opened as a Word document. Re-save it as .docx and try again.")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise damaged from None
    with archive:
        _check_zip(archive, name)
        try:
            with archive.open(_main_part(archive)) as part:
                stream = io.BufferedReader(_Inflated(part, MAX_DOCX_UNPACKED_BYTES, name))
                text = "\n".join(_paragraphs(stream))
        except (KeyError, ET.ParseError, zipfile.BadZipFile, NotImplementedError, EOFError, OSError,
                RuntimeError, ValueError):   # a missing part, broken XML, a bad CRC, an unknown compression
            raise damaged from None
    return _split_blocks(text, name, source_type)


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
