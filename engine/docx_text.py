"""The text of a .docx (a zip of XML parts), for engine/readers.py. Its declared sizes and compression ratio
are checked before anything is inflated, and the main document part is read as a stream (never more than
MAX_DOCX_UNPACKED_BYTES inflated, whatever the zip claims), so a small file that unpacks to gigabytes (a zip
bomb) is refused at once."""
from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterator

from engine.core.errors import InputError, TooLargeError

# .docx (a zip): limits checked before and while inflating. Word's own files compress 3-20 times; repeated
# XML compresses a thousand times, which is what a zip bomb is.
MAX_DOCX_UNPACKED_BYTES = 50 * 1024 * 1024   # all parts together, as declared; and the document part, as inflated
MAX_DOCX_RATIO = 100                         # for any part over 1 MB unpacked
MAX_DOCX_PARTS = 1000
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"


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


def docx_text(data: bytes, name: str) -> str:
    """The text of a .docx's body, paragraphs joined by new lines."""
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
    return text
