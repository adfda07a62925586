"""Hostile .docx files for the readers' tests, built in memory: a valid minimal Word document whose main part
is ~100 MB of repeated paragraphs compressing to well under 1 MB (a zip bomb), and the same with the zip's
declared sizes rewritten to lie. Nothing here is written to disk.

    zip_bomb(unpacked_mb=100)   -> bytes of a .docx that unpacks to `unpacked_mb` MB
    with_false_sizes(data)      -> the same zip, claiming its main part is 1,000 bytes
"""
from __future__ import annotations

import io
import struct
import zipfile

MAIN = "word/document.xml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')
HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
TAIL = "<w:sectPr/></w:body></w:document>"
PARAGRAPH = "<w:p><w:r><w:t>Spoke to the family about the food bank again today.</w:t></w:r></w:p>"


def document(unpacked_bytes: int) -> bytes:
    return (HEAD + PARAGRAPH * max(1, unpacked_bytes // len(PARAGRAPH)) + TAIL).encode()


def docx_of(main_part: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr(MAIN, main_part, compresslevel=9)
    return out.getvalue()


def zip_bomb(unpacked_mb: int = 100) -> bytes:
    return docx_of(document(unpacked_mb * 1_000_000))


def with_false_sizes(data: bytes, claimed: int = 1000) -> bytes:
    """`data` with the main part's uncompressed size, in its local header and the central directory, set to
    `claimed`: the archive looks small and its compression ratio harmless."""
    out = bytearray(data)
    header = zipfile.ZipFile(io.BytesIO(data)).getinfo(MAIN).header_offset
    out[header + 22:header + 26] = struct.pack("<I", claimed)
    i = out.find(b"PK\x01\x02")
    while i != -1:
        name_len = struct.unpack("<H", out[i + 28:i + 30])[0]
        if out[i + 46:i + 46 + name_len] == MAIN.encode():
            out[i + 24:i + 28] = struct.pack("<I", claimed)
        i = out.find(b"PK\x01\x02", i + 4)
    return bytes(out)
