"""The evidence pack: one zip a facilitator can hand to a meeting, a partner or a funder, for a period and areas.

Inside (every count already suppressed and rounded, the same figures as the summary and the evidence view):

    README.txt             what each file is, in plain words
    summary.docx/.pdf/.md  the "what we're hearing" summary (service/reports.py), charts embedded
    evidence.csv           the evidence table: one row per area and theme (engine/publish/evidence.py)
    quotes.csv             the quotes the summary shows, with their theme, area (ONS code) and month
    responses.csv          "you said, we did" for these areas and this period
    charts/NN-name.png     each chart in the summary as its own image
    maps/NN-name.png       each map in the summary (its top themes by area, hidden areas hatched) as its own image;
                           none when no boundaries are loaded (the summary says so)
    method.md              how notes were anonymised, counted, suppressed and compared; the caveats
    sources.md             where the notes and each council figure come from, with licences
    manifest.json          the filters, when and by what it was made, and each file's size and SHA-256

For a project (`project_id`), the summary is for the project's period and areas, and the pack adds project.md (its
question, members, leads and decision log), project-themes.csv (its own theme view, counted over its notes only),
project-quotes.csv and decisions.csv; memos (analysts' working notes) stay out.

CSV cells a spreadsheet would run as a formula are written with a leading ' (engine/core/csv_cells.py).
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zipfile
from datetime import datetime, timezone

from engine.core.csv_cells import safe_cell
from engine.publish import evidence as evidence_mod
from engine.publish.summary import build_summary
from engine.publish.suppression import Policy
from service import reports

MEDIA = "application/zip"
QUOTE_COLUMNS = ["theme_id", "theme", "text", "area_code", "area_name", "month"]
RESPONSE_COLUMNS = ["id", "theme_id", "theme_label", "area_code", "area_label", "period", "period_label", "said",
                    "did", "owner", "status", "status_label", "reason", "created_at", "updated_at"]
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)   # zip entries carry no clock time: the manifest says when it was made


def _csv(rows: list[dict], columns: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else safe_cell(reports.plain(row.get(k))) for k in columns})
    return out.getvalue().encode("utf-8")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "chart"


def evidence_rows(store, policy: Policy, summary: dict) -> list[dict]:
    """The evidence records at the summary's level, for its areas (a council's wards when wards are counted)."""
    rows = evidence_mod.build(store, policy, summary["level"], summary["period"])
    chosen = {a["code"] for a in summary["areas"]}
    if not chosen:
        return rows
    parents = {a["code"]: a.get("parent_code") for a in store.areas()}
    return [r for r in rows if r["area_code"] in chosen or parents.get(r["area_code"]) in chosen]


def quote_rows(summary: dict) -> list[dict]:
    """Each quote the summary shows, once, with its theme."""
    seen, out = set(), []
    for theme in summary["top_themes"] + summary["rising_themes"]:
        for q in theme.get("quotes") or []:
            key = (theme["id"], q["note_id"])
            if key not in seen:
                seen.add(key)
                out.append({"theme_id": theme["id"], "theme": theme["label"], **q})
    return out


def _method(summary: dict, policy: Policy) -> str:
    warn = (summary.get("early_warnings") or {}).get("method")
    lines = ["# How this pack was made", "",
             "## The notes",
             "Every note was anonymised the moment it arrived, before it was stored: names, addresses, postcodes, "
             "phone numbers, emails, dates of birth, NHS and National Insurance numbers and other identifiers are "
             "replaced by placeholders such as <PERSON_1>. The original text is never kept. Places are kept only as "
             "an area code (ward or council) and ages only as an age band.", "",
             "## Themes",
             "Each note joins up to three themes of the shared taxonomy in force, chosen by comparing the note's "
             "meaning (a sentence-embedding model run on this machine) with each theme's description, calibrated "
             "on the notes themselves. Analysts can correct assignments; corrections are kept.", "",
             "## Counting and small numbers", policy.method(), "",
             "## Stories next to numbers", summary["attention_method"], ""]
    if warn:
        lines += ["## Early warning", warn, ""]
    lines += ["## Quotes",
              "Quotes come only from areas whose count for the theme can be shown, are anonymised and shortened, "
              "and are held back when they carry details that could point to a person together "
              f"({summary['quotes_held_back']['held_back_label']}).", "",
              "## Spreadsheet safety",
              "In the CSV files, a cell that starts with =, +, -, @, a tab or a carriage return is written with a "
              "leading ' so that a spreadsheet shows it as text and never runs it as a formula.", "",
              "## Things to bear in mind"] + [f"- {c}" for c in summary["caveats"]]
    return "\n".join(lines) + "\n"


def _sources(summary: dict) -> str:
    orgs = summary["organisations"]
    lines = ["# Sources and licences", "",
             f"- Notes: anonymised case notes, interviews and anecdotes from {orgs} local organisation"
             f"{'s' if orgs != 1 else ''}, shared through Community Insights. Shared under each organisation's "
             "data-sharing agreement; not for re-publication below the area and month shown."]
    lines += [f"- {s['label']}: {s['source']} (licence: {s['licence']})" for s in summary["sources"]]
    lines += ["- Area names and codes: Office for National Statistics geography lookups (Open Government Licence "
              "v3.0). Source: Office for National Statistics licensed under the Open Government Licence v3.0.",
              "- Community Insights (open source) made this pack; no data left this machine to make it."]
    return "\n".join(lines) + "\n"


def _readme(summary: dict, policy: Policy, files: list[str]) -> str:
    what = {"summary.docx": "the \"what we're hearing\" summary, to open in Word",
            "summary.pdf": "the same summary as a PDF, to print or send",
            "summary.md": "the same summary as plain text (Markdown)",
            "evidence.csv": "one row per area and theme: notes, share, the linked council figure and whether they "
                            "agree (opens in Excel)",
            "quotes.csv": "the quotes in the summary, with their theme, area and month",
            "responses.csv": "\"you said, we did\": what was done about each theme here",
            "project.md": "the project: its question, the groups taking part and what was decided",
            "project-themes.csv": "the themes in the project's own notes (counted over those notes only)",
            "project-quotes.csv": "quotes from the project's notes, with their theme, area and month",
            "decisions.csv": "the project's decision log: who decided what, when and why",
            "method.md": "how the notes were anonymised, counted and compared, and what to bear in mind",
            "sources.md": "where the notes and figures come from, and their licences",
            "manifest.json": "what this pack holds, when it was made, and a checksum for each file"}
    lines = [reports.title(summary), "", "This evidence pack holds:"]
    lines += [f"  {name}: {what[name]}" for name in files if name in what]
    charts = [f for f in files if f.startswith("charts/")]
    if charts:
        lines.append(f"  charts/: the summary's {len(charts)} chart{'s' if len(charts) != 1 else ''} as PNG images")
    drawn = [f for f in files if f.startswith("maps/")]
    if drawn:
        lines.append(f"  maps/: the summary's {len(drawn)} map{'s' if len(drawn) != 1 else ''} of its top themes by "
                     "area as PNG images (hatched areas have too few notes to show)")
    elif summary.get("maps"):
        lines.append(f"  {summary['maps']['note']}")
    lines += ["", f"Numbers are rounded and counts below {policy.threshold} are hidden (\"fewer than "
                  f"{policy.threshold}\"). The notes were anonymised before they were stored: no quote names a "
                  "person."]
    return "\n".join(lines) + "\n"


PROJECT_THEME_COLUMNS = ["id", "label", "notes", "suppressed", "notes_label", "share", "organisations",
                         "few_organisations", "organisations_label"]


def _project_files(store, policy: Policy, project_id: int) -> tuple[dict[str, bytes], list[int]]:
    from engine import projects

    view = projects.view(store, policy, project_id)
    p = view["project"]
    lines = [f"# {p['name']}", "", f"**Question:** {p['question']}", "",
             f"- Where it stands: {projects.STATUSES[p['status']]}", f"- Period: {p['period'] or 'any time'}",
             f"- Areas: {', '.join(p['areas']) or 'every area'}",
             f"- Groups taking part: {', '.join(m['name'] for m in p['members'])}",
             f"- Leads: {'; '.join(p['leads']) or 'none named'}", f"- Notes shared for it: {view['notes_label']}", "",
             "## Decisions", ""]
    lines += [f"{i}. {reports.md(d['decision'])} Why: {reports.md(d['why'])} ({d['who']}, {d['at'][:10]})"
              for i, d in enumerate(view["decisions"], 1)] or ["Nothing has been decided yet."]
    quotes = [{"theme_id": t["id"], "theme": t["label"], **q} for t in view["themes"] for q in t["quotes"]]
    files = {"project.md": ("\n".join(lines) + "\n").encode("utf-8"),
             "project-themes.csv": _csv(view["themes"], PROJECT_THEME_COLUMNS),
             "project-quotes.csv": _csv(quotes, QUOTE_COLUMNS),
             "decisions.csv": _csv(view["decisions"], ["id", "at", "who", "decision", "why"])}
    return files, [q["note_id"] for q in quotes]


def build_pack(store, policy: Policy, period: str | None = None, areas: list[str] | None = None,
               level: str = "lad", made_by: str = "", now: datetime | None = None,
               project_id: int | None = None) -> tuple[bytes, dict, dict]:
    """(zip bytes, the summary it was made from, the manifest). The summary is the one the pack shows, for the
    caller's audit of quotes and publications; with a project, its quoted notes join the summary's
    (`summary["project_quote_ids"]`)."""
    extra: dict[str, bytes] = {}
    if project_id is not None:
        project = store.project(project_id)
        period, areas = period or project["period"], areas or project["areas"] or None
        extra, quoted = _project_files(store, policy, project_id)
    summary = build_summary(store, policy, period, areas, level)
    if project_id is not None:
        summary["project_quote_ids"], summary["project_id"] = quoted, project_id
    files: dict[str, bytes] = {}
    for fmt in ("docx", "pdf", "md"):
        files[f"summary.{fmt}"] = reports.render(summary, fmt)[0]
    files["evidence.csv"] = _csv(ev := evidence_rows(store, policy, summary),
                                 list(ev[0]) if ev else ["area_code", "area_name", "theme", "notes"])
    files["quotes.csv"] = _csv(quote_rows(summary), QUOTE_COLUMNS)
    files["responses.csv"] = _csv(summary["responses"], RESPONSE_COLUMNS)
    files.update(extra)
    drawn = reports.blocks(summary)
    images = [b for b in drawn if b.kind == "image"]
    for i, b in enumerate(images, 1):
        files[f"charts/{i:02d}-{_slug(b.text)}.png"] = b.png
    mapped = [b for b in drawn if b.kind == "map"]
    for i, b in enumerate(mapped, 1):
        files[f"maps/{i:02d}-{_slug(b.text)}.png"] = b.png
    files["method.md"] = _method(summary, policy).encode("utf-8")
    files["sources.md"] = _sources(summary).encode("utf-8")
    files["README.txt"] = _readme(summary, policy, [*files, "manifest.json"]).encode("utf-8")
    manifest = {
        "title": reports.title(summary),
        "made_at": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "made_by": made_by, "made_with": "Community Insights",
        "filters": {"period": summary["period"], "areas": [a["code"] for a in summary["areas"]],
                    "level": summary["level"], **({"project_id": project_id} if project_id is not None else {})},
        "taxonomy_version": store.latest_taxonomy_version(),
        "suppression": {"threshold": policy.threshold, "sensitive_threshold": policy.sensitive_threshold,
                        "rounding_base": policy.rounding_base},
        "counts": {"evidence_rows": len(ev), "quotes": len(quote_rows(summary)),
                   "responses": len(summary["responses"]), "charts": len(images),
                   "maps": len(mapped)},
        "files": [{"name": n, "bytes": len(c), "sha256": hashlib.sha256(c).hexdigest()} for n, c in files.items()],
    }
    files["manifest.json"] = json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, _FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), summary, manifest


def pack_name(summary: dict) -> str:
    """The pack's file name, the same from the API and the pages: evidence-pack[-project-N]-<period>.zip."""
    project = f"-project-{summary['project_id']}" if summary.get("project_id") is not None else ""
    return f"evidence-pack{project}-{summary['period'] or 'all-time'}.zip"


def quoted_ids(summary: dict) -> list[int]:
    """Every note quoted anywhere in a pack, for the audit of reads."""
    from engine.publish.summary import quoted_note_ids

    return sorted(set(quoted_note_ids(summary)) | set(summary.get("project_quote_ids", [])))
