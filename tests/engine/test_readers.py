import io

import pytest

from engine.core.errors import InputError, TooLargeError, UnsupportedFileError
from engine.readers import read_bytes


def test_when_txt_has_separators_then_each_block_is_a_note():
    result = read_bytes(b"first note\n---\nsecond note\n\n---\n\n", "notes.txt")
    assert [n.text for n in result.notes] == ["first note", "second note"]


def test_when_csv_has_known_columns_then_they_are_used_and_reported():
    data = b"Note,Date,Ward,Type\nNeeds food,2025-03-14,E05000001,anecdote\nLonely,03/2025,,\n"
    result = read_bytes(data, "x.csv")
    assert result.columns_used == {"text": "Note", "date": "Date", "area": "Ward", "source_type": "Type"}
    assert result.notes[0].month == "2025-03" and result.notes[0].area == "E05000001"
    assert result.notes[0].source_type == "anecdote"
    assert result.errors == ["x.csv row 3: date '03/2025' is not a date. Use YYYY-MM-DD, YYYY-MM or DD/MM/YYYY."]


def test_when_csv_rows_are_malformed_then_each_is_reported_and_others_kept():
    data = b"text,date\nok one,2025-01-01\n,2025-01-02\ntoo,many,cells\nok two,\n"
    result = read_bytes(data, "x.csv")
    assert [n.text for n in result.notes] == ["ok one", "ok two"]
    assert any("row 3" in e and "empty" in e for e in result.errors)
    assert any("row 4" in e and "more cells" in e for e in result.errors)


def test_when_csv_has_no_text_column_then_error_lists_accepted_names():
    with pytest.raises(InputError, match="no text column"):
        read_bytes(b"a,b\n1,2\n", "x.csv")


def test_when_jsonl_has_bad_lines_then_they_are_reported_by_number():
    data = b'{"id": 1, "text": "fine"}\nnot json\n{"id": 3}\n{"text": "also fine", "source_type": "transcript"}\n'
    result = read_bytes(data, "x.jsonl")
    assert [n.text for n in result.notes] == ["fine", "also fine"]
    assert [e.split(":")[0] for e in result.errors] == ["x.jsonl line 2", "x.jsonl line 3"]


def test_when_docx_then_paragraphs_are_read():
    import docx

    doc = docx.Document()
    doc.add_paragraph("First note about food.")
    doc.add_paragraph("---")
    doc.add_paragraph("Second note.")
    buffer = io.BytesIO()
    doc.save(buffer)
    result = read_bytes(buffer.getvalue(), "notes.docx")
    assert [n.text for n in result.notes] == ["First note about food.", "Second note."]


@pytest.mark.parametrize("data, name, error, match", [
    (b"\x00\x01\x02binary", "x.txt", InputError, "binary"),
    ("caf\u00e9".encode("latin-1"), "x.txt", InputError, "not UTF-8"),
    (b"", "x.txt", InputError, "no text"),
    (b"hello", "x.pdf", UnsupportedFileError, "cannot be read"),
    (b"not a zip", "x.docx", InputError, "could not be opened"),
])
def test_when_file_is_bad_then_error_says_what_to_fix(data, name, error, match):
    with pytest.raises(error, match=match):
        read_bytes(data, name)


def test_when_file_too_large_then_refused():
    with pytest.raises(TooLargeError, match="limit"):
        read_bytes(b"x" * 101, "x.txt", max_bytes=100)
