"""CSV cells safe to open in a spreadsheet. A text cell starting with =, +, -, @, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula (CSV injection: a note saying "=HYPERLINK(...)"
becomes a live link). As OWASP advises, such a cell is written with a single quote in front, which the
spreadsheet shows as text. Numbers are written as they are (a negative number is not a formula)."""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value to write in a CSV cell: text that a spreadsheet would run as a formula gets a leading '."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: dict) -> dict:
    return {k: safe_cell(v) for k, v in row.items()}
