"""How much of a note the anonymiser hid. A long note of capitalised words can come back as one <PERSON_1>:
safe, but the worker should be told that most of what they wrote will not be kept, rather than have it stored
silently."""
from __future__ import annotations

MOSTLY_HIDDEN_SHARE = 0.5      # more than half of the original characters hidden
MOSTLY_HIDDEN_MIN_CHARS = 200  # short notes ("Jane Smith called") are not worth a warning

MOSTLY_HIDDEN_REASON = ("Most of this note ({percent}% of what was written) was hidden as personal details, so "
                        "little of it will be kept. Check the anonymised text; if words were hidden by mistake, "
                        "write them in plain sentences or mark them as fine to keep.")


def hidden_share(text: str, redactions: list[dict], original_spans: list | None) -> tuple[int, int]:
    """(characters hidden in the original, characters of the original in all), from the anonymised text, the
    placeholders put in it and the original offsets they replaced."""
    hidden = sum(end - start for start, end in (original_spans or []))
    placeholders = sum(r["end"] - r["start"] for r in redactions)
    kept = max(0, len(text) - placeholders)
    return hidden, hidden + kept


def mostly_hidden_warning(text: str, redactions: list[dict], original_spans: list | None) -> dict | None:
    """A warning (start, end, text, reason; no words to hide, so text is empty) when most of the note was hidden."""
    hidden, total = hidden_share(text, redactions, original_spans)
    if total < MOSTLY_HIDDEN_MIN_CHARS or hidden <= MOSTLY_HIDDEN_SHARE * total:
        return None
    return {"start": 0, "end": 0, "text": "", "reason": MOSTLY_HIDDEN_REASON.format(percent=round(100 * hidden / total))}
