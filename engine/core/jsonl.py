"""JSONL files, line by line: the one reader behind `insights anonymise`, `themes assign` and `--examples`."""
from __future__ import annotations

import json
from typing import Iterator


def jsonl_lines(path) -> Iterator[tuple[int, object, str | None]]:
    """(line number, parsed value, None) for each non-blank line of a JSONL file, or (line number, None,
    what is wrong) for a line that is not valid JSON. Callers check the shape they need."""
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield line_no, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield line_no, None, f"not valid JSON ({exc.msg})"
