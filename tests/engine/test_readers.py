import io
import time

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


# ---- hostile files (security review, issue 20) ------------------------------------------------------------
@pytest.fixture(scope="module")
def bomb() -> bytes:
    from corpora.docx_bombs import zip_bomb

    data = zip_bomb(100)
    assert len(data) < 1_000_000
    return data


def test_when_docx_is_a_zip_bomb_then_refused_from_its_declared_size_at_once(bomb):
    started = time.monotonic()
    with pytest.raises(TooLargeError, match="unpacks to 95 MB; a .docx may unpack to at most 50 MB") as caught:
        read_bytes(bomb, "notes.docx")
    assert time.monotonic() - started < 1.0
    assert caught.value.status == 413 and "smaller documents" in caught.value.message


def test_when_docx_is_compressed_as_tightly_as_a_bomb_then_refused():
    from corpora.docx_bombs import document, docx_of

    data = docx_of(document(20_000_000))      # under the size limit, but compressed ~300 times over
    started = time.monotonic()
    with pytest.raises(TooLargeError, match="compressed .* times over"):
        read_bytes(data, "notes.docx")
    assert time.monotonic() - started < 1.0


def test_when_a_docx_zip_lies_about_its_sizes_then_it_is_refused_without_inflating_it(bomb):
    from corpora.docx_bombs import with_false_sizes

    started = time.monotonic()
    with pytest.raises(InputError, match="could not be opened as a Word document"):
        read_bytes(with_false_sizes(bomb), "notes.docx")
    assert time.monotonic() - started < 1.0


def test_when_docx_holds_an_xml_entity_declaration_then_refused():
    from corpora.docx_bombs import docx_of

    laughs = (b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
              b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
              b'<w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>')
    with pytest.raises(InputError, match="declares XML entities"):
        read_bytes(docx_of(laughs), "notes.docx")


def test_when_docx_has_runs_tabs_breaks_and_tables_then_paragraphs_read_as_word_shows_them():
    import docx

    doc = docx.Document()
    p = doc.add_paragraph("Hello ")
    p.add_run("world\tand a tab")
    p.add_run().add_break()
    p.add_run("after a break")
    doc.add_paragraph("---")
    doc.add_table(rows=1, cols=1).rows[0].cells[0].text = "in a table"
    doc.add_paragraph("Second note.")
    buffer = io.BytesIO()
    doc.save(buffer)
    result = read_bytes(buffer.getvalue(), "notes.docx")
    assert [n.text for n in result.notes] == ["Hello world\tand a tab\nafter a break", "Second note."]


def test_when_a_csv_cell_is_longer_than_the_old_csv_limit_but_within_a_note_then_it_is_read():
    long_note = "She has no food. " * 9000                     # 153,000 characters: over csv's 131,072
    result = read_bytes(f'text\n"{long_note}"\nshort one\n'.encode(), "x.csv")
    assert [len(n.text) for n in result.notes] == [len(long_note.strip()), 9] and result.errors == []


def test_when_a_csv_cell_is_longer_than_a_note_may_be_then_that_row_is_refused_by_number():
    result = read_bytes(("text\nfirst\n" + "a" * 200_001 + "\nlast\n").encode(), "x.csv")
    assert [n.text for n in result.notes] == ["first", "last"]
    assert result.errors == ["x.csv row 3: a cell is longer than 200,000 characters; split the note into several "
                             "notes."]


def test_when_a_csv_quote_is_never_closed_then_the_row_is_reported_and_the_rest_still_read():
    data = b'text,date\nok one,2025-01-01\n"broken start,2025-01-02\nnext row,2025-01-03\nlast row,2025-01-04\n'
    result = read_bytes(data, "x.csv")
    assert [n.text for n in result.notes] == ["ok one", "next row", "last row"]
    assert len(result.errors) == 1 and result.errors[0].startswith("x.csv row 3: a quote")
    assert "never closed" in result.errors[0]


def test_when_a_csv_cell_spans_lines_in_closed_quotes_then_it_is_one_note():
    result = read_bytes(b'text\n"line one\nline two"\n"last\nnote"\n', "x.csv")
    assert [n.text for n in result.notes] == ["line one\nline two", "last\nnote"] and result.errors == []


@pytest.mark.parametrize("data, name", [(b"text\n\xe2\x80\x8b\xe2\x80\x8b\nreal note\n", "x.csv"),
                                        (b'{"text": "\\u200b\\u2060"}\n{"text": "real note"}\n', "x.jsonl"),
                                        ("\u200b\u200b\n---\nreal note".encode(), "x.txt")])
def test_when_a_note_is_only_zero_width_characters_then_it_is_empty(data, name):
    result = read_bytes(data, name)
    assert [n.text for n in result.notes] == ["real note"]
    assert len(result.errors) == (0 if name.endswith(".txt") else 1)


def test_when_a_file_is_exactly_the_limit_then_it_is_read_and_one_byte_more_refused():
    exactly = b"x" * 100
    assert len(read_bytes(exactly, "x.txt", max_bytes=100).notes) == 1
    with pytest.raises(TooLargeError):
        read_bytes(exactly + b"x", "x.txt", max_bytes=100)


def test_when_a_txt_is_mostly_blank_lines_then_it_is_split_in_linear_time():
    started = time.monotonic()
    result = read_bytes(b"A note.\n---\nAnother note.\n" + b"\n" * 100_000, "x.txt")   # was about a minute
    assert [n.text for n in result.notes] == ["A note.", "Another note."]
    assert time.monotonic() - started < 1.0


def test_when_the_note_limit_changes_then_the_csv_cell_limit_follows_it():
    from anonymise.anonymiser import MAX_NOTE_CHARS
    from engine.readers import MAX_CELL_CHARS

    assert MAX_CELL_CHARS == MAX_NOTE_CHARS
