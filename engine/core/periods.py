"""Periods, parsed in one place: a month (2025-03), a quarter (2025-Q3) or a year (2025); nothing means all time.

Only ASCII digits count: a full-width "２０２５" is refused with the same clear error as any other bad period.
"""
from __future__ import annotations

import calendar
import re

from engine.core.errors import InputError

PERIOD_RE = re.compile(r"^([0-9]{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")
PERIOD_PATTERN = PERIOD_RE.pattern
PERIOD_HELP = "Use a month like 2025-03, a quarter like 2025-Q3, or a year like 2025."


def check_period(period: str | None) -> str | None:
    """The period in its one written form ('2025-q3' -> '2025-Q3'), or None for all time; an InputError otherwise."""
    if period is None or not str(period).strip():
        return None
    text = str(period).strip().upper()
    if not PERIOD_RE.match(text):
        raise InputError(f"The period '{str(period)[:20]}' is not understood: give a month (2025-03), a quarter "
                         "(2025-Q3) or a year (2025).", where="period", fix=PERIOD_HELP)
    return text


def month_range(period: str | None) -> tuple[str | None, str | None]:
    """'2025-03' -> (2025-03, 2025-03); '2025-Q3' -> (2025-07, 2025-09); '2025' -> (2025-01, 2025-12)."""
    period = check_period(period)
    if period is None:
        return None, None
    year, month, quarter = PERIOD_RE.match(period).groups()
    if month:
        return f"{year}-{month}", f"{year}-{month}"
    if quarter:
        q = int(quarter)
        return f"{year}-{3 * q - 2:02d}", f"{year}-{3 * q:02d}"
    return f"{year}-01", f"{year}-12"


def in_period(month: str | None, period: str | None) -> bool:
    start, end = month_range(period)
    return start is None or (month is not None and start <= month <= end)


def period_end(period: str | None) -> str:
    """The last month a period covers, as YYYY-MM ('2025-Q3' -> '2025-09', '2024' -> '2024-12'); all time: 9999-12."""
    return month_range(period)[1] or "9999-12"


def previous_period(period: str | None) -> str | None:
    period = check_period(period)
    if not period:
        return None
    if "-Q" in period:
        year, q = int(period[:4]), int(period[-1])
        return f"{year - 1}-Q4" if q == 1 else f"{year}-Q{q - 1}"
    if len(period) == 7:
        year, month = int(period[:4]), int(period[5:7])
        return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
    return str(int(period) - 1)


def quarter_of(month: str) -> str:
    return f"{month[:4]}-Q{(int(month[5:7]) - 1) // 3 + 1}"


def period_label(period: str | None) -> str:
    """Plain words: '2025-Q3' -> 'July to September 2025'."""
    period = check_period(period)
    if not period:
        return "all time"
    if "-Q" in period:
        q = int(period[-1])
        return f"{calendar.month_name[3 * q - 2]} to {calendar.month_name[3 * q]} {period[:4]}"
    if len(period) == 7:
        return f"{calendar.month_name[int(period[5:7])]} {period[:4]}"
    return period
