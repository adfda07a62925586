"""Broken and hostile files sent to POST /api/v1/notes/upload over HTTP (issue 16 item 7), one row per file in
a table, for every format engine/readers.py reads (.txt, .csv, .jsonl, .docx): each is refused with a 4xx whose
message says what to fix, never a 5xx, never the file's raw text in the error, and the notes already stored are
all still there. A few go through `insights ingest` too. Run as the real app over a real SQLite database."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from engine.store import NewNote, Store

SECRET = "Amira Khan"            # in the hostile files' text: must never come back in an error
GOOD = f"We visited {SECRET} at home; no heating since March.".encode()


def _docx(document: bytes | None = b"<w:document/>", extra: dict | None = None,
          method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        if document is not None:
            z.writestr("word/document.xml", document)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX = _docx(f'<w:document {W}><w:body><w:p><w:r><w:t>{GOOD.decode()}</w:t></w:r></w:p></w:body></w:document>'
             .encode())
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + bytes(200)
BOMB = _docx(b"<w:document/>", {"word/media/pad.xml": b"0" * (30 * 2 ** 20)})   # 30 MB in about 30 kB
BIG_LINE = b"x" * (5 * 2 ** 20)

# (case id, file name, bytes, expected status, a word the message must hold)
CASES = [
    ("empty csv", "notes.csv", b"", 400, "text column"),
    ("empty txt", "notes.txt", b"", 400, "no text"),
    ("empty jsonl", "notes.jsonl", b"", 400, "no notes"),
    ("empty docx", "notes.docx", b"", 400, "Word document"),
    ("only a csv header", "notes.csv", b"text,date,area\n", 400, "no notes"),
    ("only a csv header, no newline", "notes.csv", b"text", 400, "no notes"),
    ("blank lines only", "notes.txt", b"\n\n  \n\t\n", 400, "no text"),
    ("a png renamed .csv", "notes.csv", PNG, 400, "binary"),
    ("a png renamed .docx", "notes.docx", PNG, 400, "Word document"),
    ("a docx renamed .txt", "notes.txt", DOCX, 400, "binary"),
    ("a docx renamed .csv", "notes.csv", DOCX, 400, "binary"),
    ("a csv renamed .docx", "notes.docx", b"text\n" + GOOD + b"\n", 400, "Word document"),
    ("latin-1 csv", "notes.csv", "text\nCafé: £40 a week, ".encode("latin-1") + GOOD, 400, "UTF-8"),
    ("utf-16 with a BOM", "notes.txt", GOOD.decode().encode("utf-16"), 400, "UTF-16"),
    ("utf-16-le without a BOM", "notes.csv", ("text\n" + GOOD.decode()).encode("utf-16-le"), 400, "UTF-16"),
    ("utf-16-be without a BOM", "notes.txt", GOOD.decode().encode("utf-16-be"), 400, "UTF-16"),
    ("invalid utf-8 bytes", "notes.txt", GOOD + b" \xc3\x28 \xff", 400, "UTF-8"),
    ("a NUL byte at the start", "notes.txt", b"\x00" + GOOD, 400, "binary"),
    ("a NUL byte after 8 kB", "notes.txt", GOOD + b" " * 9000 + b"\x00" + GOOD, 400, "NUL"),
    ("a NUL byte in a csv cell after 8 kB", "notes.csv", b"text\n" + (GOOD + b"\n") * 200 + b"a\x00b\n", 400,
     "NUL"),
    ("a 5 MB single-line txt", "notes.txt", BIG_LINE, 400, "characters"),
    ("a 5 MB single-line csv", "notes.csv", b"text\n" + BIG_LINE, 400, "characters"),
    ("a 5 MB single-line jsonl", "notes.jsonl", b'{"text": "' + BIG_LINE + b'"}', 400, "characters"),
    ("a 5 MB csv header", "notes.csv", BIG_LINE + b"\n" + GOOD, 400, "characters"),
    ("100,000 columns and no text column", "notes.csv",
     ",".join(f"c{i}" for i in range(100_000)).encode() + b"\n" + b"1," * 99_999 + b"1\n", 400, "text column"),
    ("a headerless csv starting with a note", "notes.csv", GOOD + b", SE13\n" + GOOD + b", SE14\n", 400,
     "text column"),
    ("deeply nested json", "notes.jsonl", b"[" * 200_000 + b"]" * 200_000 + b"\n", 400, "nested"),
    ("deeply nested json object", "notes.jsonl", b'{"text": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_001 + b"\n",
     400, "nested"),
    ("jsonl lines that are an array, a number, null, a string", "notes.jsonl",
     b'[1, 2]\n42\nnull\n"' + GOOD + b'"\ntrue\n', 400, "line 4"),
    ("jsonl text that is not a string", "notes.jsonl", b'{"text": ["' + GOOD + b'"]}\n{"text": 3}\n', 400,
     "text"),
    ("jsonl with a huge number", "notes.jsonl", b'{"text": 1' + b"0" * 5000 + b"}\n", 400, "text"),
    ("jsonl with text in the date", "notes.jsonl", b'{"text": "ok", "date": "' + SECRET.encode() + b'"}\n', 400,
     "date"),
    ("csv with text in the date column", "notes.csv", b"text,date\nok," + SECRET.encode() + b"\n", 400, "date"),
    ("csv with text in the source type column", "notes.csv", b"text,type\nok," + SECRET.encode() + b"\n", 400,
     "source type"),
    ("a docx zip bomb", "notes.docx", BOMB, 413, "zip bomb"),
    ("a docx without document.xml", "notes.docx", _docx(None), 400, "Word document"),
    ("a docx with broken xml", "notes.docx", _docx(b"<w:document><w:body><w:p>" + GOOD), 400, "Word document"),
    ("a truncated docx", "notes.docx", DOCX[: len(DOCX) // 2], 400, "Word document"),
    ("a docx with its end cut off", "notes.docx", DOCX[:-30], 400, "Word document"),
    ("a docx with an entity", "notes.docx", _docx(b'<!DOCTYPE d [<!ENTITY e "x">]><w:document/>'), 400,
     "entities"),
    ("a docx stored as bzip2, with an empty body", "notes.docx",
     _docx(f"<w:document {W}><w:body/></w:document>".encode(), method=zipfile.ZIP_BZIP2), 400, "no text"),
    ("a csv with a stray quote mid-cell", "notes.csv", b'text,date\nab"c,2025-13-40\n', 400, "date"),
    ("a csv whose rows have more cells than the header", "notes.csv", b"text\na,b,c\n", 400, "more cells"),
    ("no extension", "notes", GOOD, 415, "cannot be read"),
    ("an exe", "notes.exe", b"MZ" + bytes(100), 415, "cannot be read"),
    ("a pdf", "notes.pdf", b"%PDF-1.4\n" + GOOD, 415, "cannot be read"),
    ("a path-traversal file name", "../../x.csv", b"text\n\n", 400, "x.csv"),
    ("a windows path-traversal file name", "..\\..\\x.csv", b"text\n\n", 400, "x.csv"),
    ("a unicode file name", "notes – ñ 😀 ملاحظات.csv", b"text\n\n", 400, "ملاحظات.csv"),
    ("a file name with a newline", "a\r\nSet-Cookie: x.csv", b"", 400, "text column"),
]


def _seed(settings) -> int:
    store = Store(settings.db_path)
    try:
        org = store.ensure_org("Riverside")
        store.add_submission(org, [NewNote(text=f"We gave <PERSON_1> a food parcel, visit {i}.", content_hash=f"h{i}",
                                           dedupe_key=f"k{i}", source_type="case_note", date="2025-03",
                                           month="2025-03", area_code=None, area_how="none", age_band=None,
                                           external_id=None, redactions=[]) for i in range(3)], "test", "consent")
        return len(store.all_note_texts())
    finally:
        store.close()


def _count(settings) -> tuple[int, int]:
    store = Store(settings.db_path)
    try:
        return len(store.all_note_texts()), len(store.jobs())
    finally:
        store.close()


@pytest.fixture
def contributor(token_client, settings):
    before = _seed(settings)
    assert before == 3
    return token_client("contributor", "Riverside")


@pytest.mark.parametrize("name, data, status, word", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_when_a_broken_or_hostile_file_is_uploaded_then_a_4xx_says_what_to_fix_and_nothing_is_lost(
        contributor, settings, name, data, status, word):
    r = contributor.post("/api/v1/notes/upload", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == status, r.text[:500]
    error = r.json()["error"]
    assert word in error["message"], error
    assert error["fix"], error
    assert SECRET not in r.text and "\x00" not in r.text and "../" not in r.text and "..\\" not in r.text
    assert "Set-Cookie" not in "".join(r.headers.keys())
    assert _count(settings) == (3, 0)          # the notes already stored are all there; no job was started


def test_when_a_file_is_over_the_upload_limit_then_413_and_nothing_is_lost(contributor, settings):
    data = b"text\n" + (GOOD + b"\n") * (settings.max_upload_bytes // len(GOOD) + 1)
    r = contributor.post("/api/v1/notes/upload", files={"file": ("notes.csv", data, "text/csv")})
    assert r.status_code == 413 and "at most 10 MB" in r.json()["error"]["message"] and r.json()["error"]["fix"]
    assert SECRET not in r.text and _count(settings) == (3, 0)


def test_when_good_rows_sit_beside_hostile_lines_then_202_and_each_bad_line_is_named_without_its_text(
        contributor):
    data = (b'{"text": "' + GOOD + b'"}\n' + b"[" * 200_000 + b"\n" + b'{"text": "' + BIG_LINE + b'"}\n'
            + b'[1]\n{"text": "ok", "date": "' + SECRET.encode() + b'"}\n')
    r = contributor.post("/api/v1/notes/upload", files={"file": ("notes.jsonl", data, "application/jsonl")})
    assert r.status_code == 202, r.text[:500]
    errors = r.json()["read_errors"]
    assert r.json()["notes"] == 1 and [e.split(":")[0] for e in errors] == [
        f"notes.jsonl line {n}" for n in (2, 3, 4, 5)]
    assert SECRET not in r.text
    from engine import jobs
    jobs.wait(r.json()["job_id"], timeout=300)


def test_when_a_csv_quote_is_never_closed_then_that_row_is_named_and_the_rows_after_it_still_read(contributor):
    data = b'text,date\n"' + GOOD + b",2025-03\nThe food bank shut early.,2025-03\n" + b"\n" * 5000
    r = contributor.post("/api/v1/notes/upload", files={"file": ("notes.csv", data, "text/csv")})
    assert r.status_code == 202, r.text[:500]
    assert r.json()["notes"] == 1 and r.json()["read_errors"][0].startswith("notes.csv row 2: a quote")
    assert SECRET not in r.text
    from engine import jobs
    jobs.wait(r.json()["job_id"], timeout=300)


CLI_CASES = [("notes.jsonl", b"[" * 200_000 + b"\n", "nested"),
             ("notes.txt", GOOD.decode().encode("utf-16"), "UTF-16"),
             ("notes.docx", BOMB, "zip bomb"), ("notes.csv", GOOD + b"\n", "text column")]


@pytest.mark.parametrize("name, data, word", CLI_CASES, ids=[c[0] + " " + c[2] for c in CLI_CASES])
def test_when_insights_ingest_reads_a_hostile_file_then_it_exits_with_a_clean_error(tmp_path, name, data, word):
    path = tmp_path / name
    path.write_bytes(data)
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run([sys.executable, "-c", "from service.cli.main import main; main()", "ingest", str(path), "--org", "Riverside",
                           "--db", str(tmp_path / "insights.db"), "--fast"], capture_output=True, text=True,
                          cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode != 0, done.stdout[-2000:]
    assert word in done.stderr + done.stdout and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert SECRET not in done.stderr + done.stdout
