"""Variant copies of labelled notes: names in other casings, and text as it arrives by copy and paste.

    records = add_variants(generate_pii_eval_set(600, 7), ["lower", "nbsp"], seed=7)
    python -m corpora.pii_eval OUT.jsonl --seed 7 --variants all

Each variant copy keeps the labels (offsets moved where characters are inserted) and has the id
"<id>~<variant>"; a note the variant would not change is not copied. `insights eval anonymisation` scores
every variant as its own rows (`anonymise.evaluate_variants`).

  lower      every PERSON span in lower case ("jamie brown")
  caps       every PERSON span in capitals ("JAMIE BROWN")
  caps_note  the whole note in capitals
  nbsp       every space of the note a no-break space (U+00A0), as pasted from a web page
  zw         a zero-width space (U+200B) inside every identifier ("Ma<ZWSP>ry", "07700<ZWSP>900123")
  fullwidth  every digit of every identifier full-width ("０７７００ ９００１２３")
  atdot      e-mail addresses spelled out: "mary.jones at gmail dot com"
"""
from __future__ import annotations

import random

VARIANTS = ("lower", "caps", "caps_note", "nbsp", "zw", "fullwidth", "atdot")
_FULLWIDTH = {ord(str(d)): chr(0xFF10 + d) for d in range(10)}


def _edit(record: dict, edits: list[tuple[int, int, str]], variant: str) -> dict | None:
    """A copy of `record` with text[start:end] replaced per edit (sorted, disjoint), labels moved."""
    if not edits:
        return None
    text = record["text"]
    parts, pos = [], 0
    for start, end, new in sorted(edits):
        parts.append(text[pos:start])
        parts.append(new)
        pos = end
    parts.append(text[pos:])
    # edits replace whole labels, one character by one, or insert strictly inside a label
    deltas = [(start, end, len(new) - (end - start)) for start, end, new in edits]

    def move(offset: int, is_end: bool) -> int:
        return offset + sum(d for start, end, d in deltas if (end <= offset if end > start else start < offset))

    def moved(items: list[dict]) -> list[dict]:
        return [{**it, "start": move(it["start"], False), "end": move(it["end"], True)} for it in items]

    return {"id": f"{record['id']}~{variant}", "text": "".join(parts), "spans": moved(record["spans"]),
            "keep": moved(record["keep"])}


def variant(record: dict, name: str, rng: random.Random) -> dict | None:
    """The `name` variant of one record, or None when it would not change it."""
    text, spans = record["text"], record["spans"]
    edits: list[tuple[int, int, str]] = []
    if name in ("lower", "caps"):
        for s in spans:
            if s["type"] == "PERSON":
                value = text[s["start"]:s["end"]]
                new = value.lower() if name == "lower" else value.upper()
                if new != value and len(new) == len(value):
                    edits.append((s["start"], s["end"], new))
    elif name == "caps_note":
        new = text.upper()
        if new != text and len(new) == len(text):
            edits.append((0, len(text), new))
    elif name == "nbsp":
        edits = [(i, i + 1, "\u00a0") for i, c in enumerate(text) if c == " "]
    elif name == "zw":
        for s in spans:
            if s["end"] - s["start"] >= 2:
                at = rng.randrange(s["start"] + 1, s["end"])
                edits.append((at, at, "\u200b"))
    elif name == "fullwidth":
        for s in spans:
            value = text[s["start"]:s["end"]]
            new = value.translate(_FULLWIDTH)
            if new != value:
                edits.append((s["start"], s["end"], new))
    elif name == "atdot":
        for s in spans:
            if s["type"] == "EMAIL_ADDRESS":
                value = text[s["start"]:s["end"]]
                local, _, domain = value.partition("@")
                edits.append((s["start"], s["end"], f"{local} at {domain.replace('.', ' dot ')}"))
    else:
        raise ValueError(f"unknown variant {name!r}; use one of {', '.join(VARIANTS)}")
    if name in ("lower", "caps", "fullwidth", "caps_note") and not edits:
        return None
    return _edit(record, edits, name)


def add_variants(records: list[dict], names: list[str], seed: int) -> list[dict]:
    """`records` followed by their variant copies, variant by variant."""
    rng = random.Random(seed * 7919 + 1)
    out = list(records)
    for name in names:
        for r in records:
            v = variant(r, name, rng)
            if v is not None:
                out.append(v)
    return out
