"""Checks on the labelled test set: per-type totals, and `problems(record)` for one record (offsets, overlaps,
and no unlabelled name or 6+ digit run)."""
from __future__ import annotations

import re
from collections import Counter

from corpora.pii_eval_slots import _WORD, KEEP_TYPES, TYPE_SHARES, name_words


def summary(records: list[dict]) -> dict[str, Counter]:
    return {"spans": Counter(s["type"] for r in records for s in r["spans"]),
            "keep": Counter(k["type"] for r in records for k in r["keep"])}


def problems(record: dict) -> list[str]:
    """What is wrong with one record: bad keys or offsets, overlaps, edge spaces, unlabelled names or numbers."""
    out, text = [], record.get("text", "")
    if set(record) != {"id", "text", "spans", "keep"}:
        out.append(f"keys {sorted(record)}")
    items = ([(s, set(TYPE_SHARES)) for s in record.get("spans", [])]
             + [(k, set(KEEP_TYPES)) for k in record.get("keep", [])])
    for item, allowed in items:
        s, e = item["start"], item["end"]
        if item["type"] not in allowed or not (0 <= s < e <= len(text)) or text[s:e] != text[s:e].strip():
            out.append(f"bad label {item} {text[s:e]!r}")
    ordered = sorted((i["start"], i["end"]) for i, _ in items)
    out += [f"overlap at {b[0]}" for a, b in zip(ordered, ordered[1:]) if b[0] < a[1]]
    spans = [(s["start"], s["end"]) for s in record.get("spans", [])]

    def inside(s: int, e: int, ranges: list) -> bool:
        return any(a <= s and e <= b for a, b in ranges)

    names = name_words()
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        if word.lower().endswith("'s"):
            word, end = word[:-2], end - 2
        if word.lower() in names and not inside(m.start(), end, spans):
            out.append(f"unlabelled name {word!r}")
    for m in re.finditer(r"\d(?:[ -]?\d){5,}", text):
        if not inside(m.start(), m.end(), ordered):
            out.append(f"unlabelled number {m.group()!r}")
    return out
