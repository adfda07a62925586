"""Read notes from files: .txt, .csv, .jsonl and .docx. Raw text stays in memory (RawNote) until the
anonymiser has replaced it; nothing here writes it anywhere.

.txt and .docx: one note per file, or several separated by a line holding only `---`.
.csv: a text column plus optional date, area and source-type columns (the report says which were used).
.jsonl: one object per line with "text" and optional "id", "date", "area", "source_type".
A bad row or line is reported with its number; the others are still read.

A .docx is read by engine/docx_text.py, which refuses zip bombs before inflating anything. Reading is CPU
work: the service calls read_bytes in a worker thread, never on its event loop.
"""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
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
    # a cell of words may be note text (a column out of place): only something date-like is quoted back
    shown = f" '{value}'" if re.fullmatch(r"[\d\s/.:T+-]{1,20}", value) else " (text, not shown here)"
    raise InputError(f"{where}: date{shown} is not a date. Use YYYY-MM-DD, YYYY-MM or DD/MM/YYYY.", where=where)


def check_source_type(value: str | None, default: str, where: str) -> str:
    value = (value or "").strip().lower().replace(" ", "_").replace("-", "_") or default
    if value not in SOURCE_TYPES:
        raise InputError(f"{where}: the source type is not one of {', '.join(SOURCE_TYPES)}.", where=where)
    return value


def display_name(filename: str | None) -> str:
    """An uploaded file's name as our messages show it: its last part only (a name such as '../../x.csv' is
    someone's path, or an attack), without control characters, at most 100 characters."""
    last = re.split(r"[/\\]", filename or "")[-1]
    shown = "".join(ch for ch in last if unicodedata.category(ch) not in ("Cc", "Cf"))[-100:].strip()
    return shown if shown.strip(".") else "the file"


def _utf16(sample: bytes) -> str | None:
    """'with' or 'without' (a byte-order mark) when the bytes look like UTF-16 text, else None."""
    if sample[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "with"
    sample = sample[:8192 & ~1]
    low, high = sample[0::2], sample[1::2]
    if len(sample) >= 4:
        for text_half, zero_half in ((low, high), (high, low)):   # little- and big-endian
            if zero_half.count(0) >= 0.8 * len(zero_half) and text_half.count(0) <= 0.1 * len(text_half):
                return "without"
    return None


def decode(data: bytes, name: str) -> str:
    utf16 = _utf16(data)
    if utf16:
        raise InputError(f"{name} is saved as UTF-16 text ({utf16} a byte-order mark), which we do not read. "
                         "Save it as UTF-8 (in Excel: 'CSV UTF-8'; in Notepad: Save as, Encoding UTF-8) and try again.")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks like a binary file, not text. Save the notes as .txt, .csv, .jsonl or .docx.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not UTF-8 text (byte {exc.start} cannot be read). Save it as UTF-8 (in Excel: "
            "'CSV UTF-8') and try again."
        ) from None
    nul = text.find("\x00")
    if nul >= 0:   # past the first 8 kB: text files hold none, and a NUL would be stored inside a note
        raise InputError(f"{name} holds a NUL character (character {nul + 1:,}), which text files do not; part of "
                         "it may be binary. Remove it, or save the notes again as plain UTF-8 text.")
    return text


def _too_long(text: str) -> str | None:
    if len(text) > MAX_CELL_CHARS:
        return (f"the note is {len(text):,} characters; a note may be at most {MAX_CELL_CHARS:,}. Split it into "
                "several notes.")
    return None


def _split_blocks(text: str, name: str, source_type: str) -> ReadResult:
    result = ReadResult(columns_used={"text": "whole file, notes separated by ---"})
    for i, block in enumerate(SEPARATOR.split(text)):
        if is_blank(block):
            continue
        if problem := _too_long(block.strip()):
            result.errors.append(f"{name} note {i + 1}: {problem}")
            continue
        result.notes.append(RawNote(block.strip(), source_type, where=f"{name} note {i + 1}",
                                    position=f"note {i + 1}"))
    if not result.notes and not result.errors:
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
        found = ", ".join(columns[:12]) + (f" and {len(columns) - 12:,} more" if len(columns) > 12 else "")
        if any(len(c) > 40 for c in columns):   # the first row is a note, not a header: its text is not echoed
            found = f"a first row of {len(columns):,} cells that looks like a note, not a header"
        raise InputError(f"{name} has no text column. Name the column holding the notes one of: "
                         f"{', '.join(TEXT_COLUMNS)}, in a first row of column names. Columns found: "
                         f"{found or 'none'}.")
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
            except RecursionError:
                raise InputError(f"{where}: the JSON is nested too deeply (arrays or objects inside each other "
                                 "hundreds of times). Give each line one flat object with a \"text\".") from None
            except ValueError:   # an integer of more than 4,300 digits
                raise InputError(f"{where}: the JSON holds a number too long to read. Give each line one object "
                                 "with a \"text\" string.") from None
            if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or is_blank(obj["text"]):
                raise InputError(f"{where}: each line needs a non-empty \"text\" string.")
            if problem := _too_long(obj["text"]):
                raise InputError(f"{where}: {problem}")
            result.notes.append(RawNote(
                obj["text"], check_source_type(obj.get("source_type"), source_type, where),
                parse_month(str(obj.get("date") or ""), where), (str(obj.get("area") or "").strip() or None),
                str(obj["id"]) if obj.get("id") is not None else None, where=where, position=f"line {line_no}",
            ))
        except InputError as exc:
            result.errors.append(exc.message)
    return result


def read_bytes(data: bytes, name: str, source_type: str = "case_note", max_bytes: int | None = None) -> ReadResult:
    name = display_name(name)
    if max_bytes is not None and len(data) > max_bytes:
        raise TooLargeError(f"{name} is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB. "
                            "Split it into smaller files.")
    source_type = check_source_type(source_type, "case_note", name)
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        from engine.docx_text import docx_text

        return _split_blocks(docx_text(data, name), name, source_type)
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
