"""The DPIA-lite as a file: the document engine/publish/dpia.py builds, rendered by the summary's own renderers
(service/reports.py) as Markdown, HTML, Word or PDF. The roles table comes from service/auth.py's role groups,
so what the document says each role may do follows the groups the routes are guarded with."""
from __future__ import annotations

from engine.publish.dpia import build_dpia
from engine.store.access import ROLES
from service import reports
from service.auth import ADMIN, ANALYST, CONTRIBUTOR, FACILITATOR

FORMATS = {k: reports.FORMATS[k] for k in ("md", "html", "docx", "pdf")}

# What each role group lets in, in plain words (service/auth.py names the groups; every route requires one).
_GROUPS = [
    (CONTRIBUTOR, "share notes (anonymised first, with a preview) and read their own organisation's notes and how "
                  "they were used"),
    (ANALYST, "see themes, counts by area and month, evidence beside council statistics, and short checked quotes; "
              "check suggested themes, duplicates and held-back quotes, which means reading anonymised notes from "
              "every organisation (each read is recorded in the audit file)"),
    (FACILITATOR, "download summaries and digests (suppressed, rounded counts and checked quotes) and record "
                  "responses"),
    (ADMIN, "manage accounts, try theme changes, erase notes and submissions of their own organisation, and read "
            "this document"),
]


def roles_table() -> list[dict]:
    """[{role, can}] for every role, from the groups each belongs to."""
    return [{"role": role, "can": "; ".join(what for group, what in _GROUPS if role in group).capitalize() + "."}
            for role in ROLES]


def document(store, settings) -> dict:
    return build_dpia(store, settings, roles_table())


def _quoted(value):
    """Commands in `backticks` shown in plain quotes: an officer's Word or PDF file has no code font."""
    if isinstance(value, list):
        return [_quoted(v) for v in value]
    return value.replace("`", '"')


def blocks(doc: dict) -> list[reports.Block]:
    return [reports._plain_block(reports.Block(b["kind"], _quoted(b["text"]), items=_quoted(b["items"]),
                                               headers=b["headers"])) for b in doc["blocks"]]


def render(doc: dict, fmt: str) -> tuple[bytes, str, str]:
    """(content, media type, file name) for md, html, docx or pdf."""
    from engine.core.errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}.", where="format")
    parts = blocks(doc)
    content = {"md": lambda: reports.markdown_of(parts).encode("utf-8"),
               "html": lambda: reports.html_of(parts, doc["title"]).encode("utf-8"),
               "docx": lambda: reports.docx_of(parts), "pdf": lambda: reports.pdf_of(parts, doc["title"])}[fmt]()
    media, ext = FORMATS[fmt]
    return content, media, f"dpia-lite-{doc['generated_at'][:10]}.{ext}"
