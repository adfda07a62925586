"""The store's one clock: UTC timestamps as ISO text, to the second."""
from __future__ import annotations

from datetime import datetime, timezone


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
