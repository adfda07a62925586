"""What the API routers share, over HTTP with the real app: CSV answers never carry a live spreadsheet formula."""
import pytest

from engine.core.csv_cells import safe_cell


@pytest.mark.parametrize("value, written", [
    ("=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")"),
    ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("plain text", "plain text"), (-0.25, -0.25), (12, 12),
])
def test_when_a_cell_would_run_as_a_formula_then_it_is_written_as_text(value, written):
    assert safe_cell(value) == written


def test_when_notes_are_listed_as_csv_then_a_note_starting_with_a_formula_is_neutralised(token_client):
    c = token_client("contributor", "Riverside")
    note = "=HYPERLINK(\"http://evil.example\",\"Click\") the food bank ran out of parcels on Friday."
    assert c.post("/api/v1/notes", json={"text": note}).status_code == 200
    r = c.get("/api/v1/notes?format=csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "'=HYPERLINK(" in r.text
    assert ",=HYPERLINK(" not in r.text and ",\"=HYPERLINK(" not in r.text
