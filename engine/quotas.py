"""How many notes an organisation may send: at most max_notes_per_upload in one file (413 beyond) and
max_notes_per_org_per_day in a day, UTC (429 beyond, with Retry-After until midnight). Checked where uploads
are accepted, after the file is read and before its job starts, so a refused upload stores nothing."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from engine.core.errors import RateLimitedError, TooLargeError
from engine.core.settings import Settings


def seconds_to_midnight(now: datetime | None = None) -> int:
    now = now or datetime.now(timezone.utc)
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((midnight - now).total_seconds()))


def check_upload(db_path, settings: Settings, org_id: int, incoming: int, name: str) -> None:
    """Refuse `incoming` notes from `name` for the organisation if they are over either quota."""
    from engine.store import Store

    per_upload = settings.max_notes_per_upload
    if incoming > per_upload:
        raise TooLargeError(f"{name} holds {incoming:,} notes; one upload may hold at most {per_upload:,}.",
                            where="file", fix=f"Split the file into files of {per_upload:,} notes or fewer and "
                                              "upload them one at a time.")
    store = Store(db_path)
    try:
        today = store.org_notes_today(org_id)
    finally:
        store.close()
    per_day = settings.max_notes_per_org_per_day
    if today + incoming > per_day:
        left = max(0, per_day - today)
        raise RateLimitedError(
            f"Your organisation has sent {today:,} notes today; {incoming:,} more would pass the limit of "
            f"{per_day:,} a day ({left:,} left today).", where="file", retry_after=seconds_to_midnight(),
            fix=f"Send at most {left:,} notes today, or the rest after midnight (UTC); if your organisation needs "
                "more, ask whoever runs the service to raise INSIGHTS_MAX_NOTES_PER_ORG_PER_DAY.")
