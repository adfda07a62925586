"""The facilitator's "what we're hearing" report as Markdown, HTML, Word (.docx) or PDF.

`blocks(summary)` turns an already-suppressed summary (engine.publish.summary.build_summary) into a short list of
headings, paragraphs, tables, charts (PNG), maps (PNG) and quotes; each renderer below writes those blocks in its
format, so the four exports always say the same thing. Charts are embedded as images: data URIs in Markdown and
HTML, pictures in Word and PDF. Maps (service/maps.py, from the published map data) are pictures with the
boundaries' attribution as caption in Word, PDF and HTML; Markdown names each map in one line, and a table beside
the maps gives their figures in every format.
"""
from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass, field, replace

from markupsafe import escape

from service import charts, maps

FORMATS = {"md": ("text/markdown; charset=utf-8", "md"), "html": ("text/html; charset=utf-8", "html"),
           "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
           "pdf": ("application/pdf", "pdf")}


@dataclass
class Block:
    kind: str                      # h1, h2, h3, p, list, table, image, map, quote
    text: str = ""
    items: list = field(default_factory=list)      # list items, or table rows
    headers: list = field(default_factory=list)
    png: bytes = b""
    cite: str = ""                 # a quote's place and month; a map's attribution


# Characters XML 1.0 forbids (C0 controls but tab, newline and return; lone surrogates; U+FFFE/U+FFFF): one in a
# quoted note made every Word export fail. Each is replaced by a space, in every format.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def plain(text) -> str:
    """Text safe in every format: characters XML cannot hold replaced by a space."""
    return _NOT_XML.sub(" ", str(text))


def _plain_block(b: Block) -> Block:
    items = [[plain(c) for c in row] if isinstance(row, (list, tuple)) else plain(row) for row in b.items]
    return replace(b, text=plain(b.text), cite=plain(b.cite), headers=[plain(h) for h in b.headers], items=items)


def _pct(x) -> str:
    return "" if x is None else f"{100 * x:.0f}%"


def _change(x) -> str:
    return "" if x is None else f"{100 * x:+.0f} points"


def _orgs(row: dict) -> str:
    """How many organisations raised a theme, in words ("raised by only one or two organisations" marks few)."""
    return row.get("organisations_label") or ""


def title(summary: dict) -> str:
    where = ", ".join(a["name"] or a["code"] for a in summary["areas"]) or "all areas"
    return f"What we're hearing: {summary['period_label']}, {where}"


def blocks(summary: dict) -> list[Block]:
    return [_plain_block(b) for b in _blocks(summary)]


def _blocks(summary: dict) -> list[Block]:
    out = [Block("h1", title(summary))]
    orgs = summary["organisations"]
    out.append(Block("p", f"Based on {summary['notes']['notes_label']} anonymised notes shared by {orgs} "
                          f"organisation{'s' if orgs != 1 else ''}. Numbers are rounded and small numbers are hidden."))
    top = summary["top_themes"]
    labels = {r["id"]: r["label"] for r in top + summary["rising_themes"]}
    out.append(Block("h2", "Top themes"))
    if top:
        out.append(Block("image", "Notes per theme", png=charts.bars([r["label"] for r in top],
                                                                      [r["notes"] for r in top], "Notes per theme")))
        if summary["previous_period"]:
            out.append(Block("table", headers=["Theme", "Notes", "Share of notes", "Change since the period before",
                                               "Organisations"],
                             items=[[r["label"], r["notes_label"], _pct(r["share"]), _change(r["change"]),
                                     _orgs(r)] for r in top]))
        else:
            out.append(Block("table", headers=["Theme", "Notes", "Share of notes", "Organisations"],
                             items=[[r["label"], r["notes_label"], _pct(r["share"]), _orgs(r)] for r in top]))
        series = {r["label"]: [(t["period"], t["notes"]) for t in r.get("trend", [])] for r in top[:3]}
        if charts.has_points(series):
            out.append(Block("image", "Notes per quarter, top three themes",
                             png=charts.trend(series, "Notes per quarter, top three themes")))
    else:
        out.append(Block("p", "No theme has enough notes here to show safely. Try a longer period or more areas."))
    out.append(Block("h2", "Rising themes"))
    if summary["rising_themes"]:
        out.append(Block("list", items=[f"{r['label']}: {_pct(r['share'])} of notes, {_change(r['change'])}"
                                         for r in summary["rising_themes"]]))
    else:
        out.append(Block("p", "No theme's share of notes clearly grew, among those we can show."))
    out += _map_blocks(summary.get("maps"))
    out += _warning_blocks(summary.get("early_warnings"))
    out.append(Block("h2", "New themes we may be hearing"))
    if summary["emergent"]:
        out.append(Block("list", items=[f"{e['label']} ({e['notes']} notes; words that stand out: "
                                         f"{', '.join(e['keywords'][:5])})" for e in summary["emergent"]]))
    else:
        out.append(Block("p", "Nothing new stands out yet among notes that fit none of the themes."))
    cells = summary["stories_and_numbers"]
    out.append(Block("h2", "Stories next to numbers"))
    if cells:
        points = [{**c, "theme_label": labels.get(c["theme"], c["theme"])} for c in cells
                  if c["story_share"] is not None and c["indicator_percentile"] is not None]
        if points:
            out.append(Block("image", "Stories against numbers by area",
                             png=charts.stories_vs_numbers(points, "Stories against numbers by area")))
        out.append(Block("table", headers=["Area", "ONS code", "Theme", "Share of notes", "Indicator",
                                           "Rank (percentile)", "What it suggests"],
                         items=[[c["area_name"] or c["area_code"], c["area_code"], labels.get(c["theme"], c["theme"]),
                                 _pct(c["story_share"]), c["indicator"], _pct(c["indicator_percentile"]),
                                 c["divergence"] or "stories and numbers agree"] for c in cells]))
        out.append(Block("p", summary["attention_method"]))
    else:
        out.append(Block("p", "No area has both enough notes and a linked indicator to compare here."))
    out.append(Block("h2", "What people said"))
    for r in top:
        out.append(Block("h3", r["label"]))
        if r.get("quotes"):
            out.extend(Block("quote", q["text"], cite=f"{q['area_name'] or q['area_code']}, {q['month']}")
                       for q in r["quotes"])
        else:
            out.append(Block("p", "Not enough notes in any one area to quote safely."))
    out += _response_blocks(summary.get("responses", []))
    out.append(Block("h2", "Things to bear in mind"))
    out.append(Block("list", items=summary["caveats"]))
    out.append(Block("h2", "Sources"))
    out.append(Block("list", items=[f"Notes: anonymised case notes, interviews and anecdotes from {orgs} "
                                     "local organisations, shared through Community Insights."]
                     + [f"{s['label']}: {s['source']} (licence: {s['licence']})" for s in summary["sources"]]))
    return out


def _map_blocks(found: dict | None) -> list[Block]:
    """Maps of the top themes (engine/publish/maps.py's published data, drawn by service/maps.py) and a table of
    what each shows; or the one line saying why there is none."""
    if found is None:
        return []
    out = [Block("h2", "Where: maps of the top themes")]
    if not found["maps"]:
        return out + [Block("p", found["note"])]
    rows = []
    for m in found["maps"]:
        out.append(Block("map", maps.title(m), png=maps.to_png(m), cite=f"Boundaries: {maps.attribution(m)}"))
        shown = [a for a in m["areas"] if a["share"] is not None]
        top = max(shown, key=lambda a: (a["share"], a["name"]), default=None)
        rows.append([m["theme_label"], "wards of " + (m["within_name"] or m["within"]) if m["level"] == "ward"
                     else "councils", str(len(shown)), f"{top['name']} ({_pct(top['share'])})" if top else "",
                     str(sum(a["suppressed"] for a in m["areas"])), str(sum(a["no_notes"] for a in m["areas"]))])
    hidden = found["maps"][0]["hidden_label"]
    out.append(Block("table", headers=["Theme", "Areas mapped", "Areas with a share shown", "Highest share",
                                       f"Areas hidden ({hidden} notes)", "Areas with no notes"], items=rows))
    out.append(Block("p", "Darker blue means a bigger share of the area's notes; hatched areas have too few notes "
                          "to show, white ones none. The figures are the theme map's own (GET "
                          "/api/v1/themes/{theme_id}/map), suppressed and rounded the same way."))
    return out


def _warning_blocks(warnings: dict | None) -> list[Block]:
    """Early warning: themes whose latest month rose beyond what was projected for it, with the next months; and
    new emergent themes that grew fast (by label and keywords)."""
    from engine.publish.emergent_growth import line

    if warnings is None:
        return []
    out = [Block("h2", "Early warning")]
    if not warnings["alerts"]:
        return out + [Block("p", "No theme rose beyond what we expected, and no new theme grew fast, in the latest "
                                 "month."), Block("p", warnings["method"])]
    items = []
    for a in warnings["alerts"]:
        if a.get("kind") == "emergent_growth":
            items.append(line(a))
            continue
        where = f" in {a['area_name'] or a['area_code']}" if a["area_code"] else ""
        c = a["checked"]
        ahead = "; ".join(f"{f['period']} {f['share_pct']:.0f}% ({f['lower_pct']:.0f}-{f['upper_pct']:.0f}%)"
                          for f in a["forecast"])
        items.append(f"{a['label']}{where}: {c['share_pct']:.0f}% of notes in {c['period']}, above the "
                     f"{c['upper_pct']:.0f}% at most we expected. Projected: {ahead}.")
    return out + [Block("list", items=items), Block("p", warnings["method"])]


def _response_blocks(responses: list[dict]) -> list[Block]:
    """"You said, we did": each response recorded for these areas and this period (or for all areas, any time)."""
    out = [Block("h2", "You said, we did")]
    if not responses:
        return out + [Block("p", "No responses have been recorded for these areas and this period yet.")]
    for r in responses:
        out.append(Block("h3", f"{r['theme_label'] or r['theme_id']}: {r['area_label']}, {r['period_label']}"))
        out.append(Block("p", f"You said: {r['said']}"))
        out.append(Block("p", f"We did: {r['did']}"))
        status = r["status_label"] + (f" (why not: {r['reason']})" if r["status"] == "not_doing" else "")
        out.append(Block("p", f"Status: {status}. Who is responsible: {r['owner']}. Last updated "
                              f"{r['updated_at'][:10]}."))
    return out


# ---- renderers ------------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`\[\]|])")


def md(text, one_line: bool = True) -> str:
    """Text from notes, labels or names as Markdown that shows it as written: HTML escaped (a Markdown viewer
    would run a note's <script> or hide its <PERSON_1>), and the characters that make links, images, code or
    table cells escaped with a backslash. One line unless asked (a newline could start a heading)."""
    text = _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=False))
    return " ".join(text.split()) if one_line else text


def to_markdown(summary: dict) -> str:
    return markdown_of(blocks(summary))


def markdown_of(doc: list[Block]) -> str:
    """Blocks as Markdown (the summary's, or any other document's: service/dpia.py)."""
    lines = []
    for b in doc:
        if b.kind in ("h1", "h2", "h3"):
            lines += ["#" * int(b.kind[1]) + " " + md(b.text), ""]
        elif b.kind == "p":
            lines += [md(b.text), ""]
        elif b.kind == "list":
            lines += [f"- {md(item)}" for item in b.items] + [""]
        elif b.kind == "table":
            lines += ["| " + " | ".join(md(h) for h in b.headers) + " |", "|" + "---|" * len(b.headers)]
            lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in b.items] + [""]
        elif b.kind == "image":
            lines += [f"![{md(b.text)}]({charts.data_uri(b.png)})", ""]
        elif b.kind == "map":
            lines += [f"Map: {md(b.text)} (drawn in the Word and PDF versions; the table below gives its figures). "
                      f"{md(b.cite)}", ""]
        elif b.kind == "quote":
            quoted = [f"> {' '.join(line.split())}" if line.strip() else ">"
                      for line in md(b.text, one_line=False).splitlines()]
            lines += quoted + [">", f"> - {md(b.cite)}", ""]
    return "\n".join(lines)


HTML_STYLE = """body{font-family:Arial,Helvetica,sans-serif;color:#0b0c0c;max-width:900px;margin:2em auto;padding:0 1em;
line-height:1.4}table{border-collapse:collapse;width:100%;margin:1em 0}th,td{text-align:left;padding:6px;
border-bottom:1px solid #b1b4b6;vertical-align:top}blockquote{border-left:5px solid #1d70b8;background:#f3f2f1;
margin:1em 0;padding:.5em 1em}blockquote footer{color:#505a5f;font-size:.9em}img{max-width:100%}"""


def to_html(summary: dict, standalone: bool = True) -> str:
    return html_of(blocks(summary), title(summary), standalone)


def html_of(doc: list[Block], doc_title: str, standalone: bool = True) -> str:
    parts = []
    for b in doc:
        if b.kind in ("h1", "h2", "h3"):
            parts.append(f"<{b.kind}>{escape(b.text)}</{b.kind}>")
        elif b.kind == "p":
            parts.append(f"<p>{escape(b.text)}</p>")
        elif b.kind == "list":
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "table":
            head = "".join(f'<th scope="col">{escape(h)}</th>' for h in b.headers)
            body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in b.items)
            parts.append(f'<table class="table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
        elif b.kind == "image":
            parts.append(f'<figure><img class="chart-img" src="{charts.data_uri(b.png)}" alt="{escape(b.text)}">'
                         "</figure>")
        elif b.kind == "map":
            parts.append(f'<figure class="map"><img class="chart-img" src="{charts.data_uri(b.png)}" '
                         f'alt="Map: {escape(b.text)}. The table below gives its figures.">'
                         f"<figcaption>{escape(b.cite)}</figcaption></figure>")
        elif b.kind == "quote":
            parts.append(f'<blockquote class="quote">{escape(b.text)}<footer>{escape(b.cite)}</footer></blockquote>')
    body = "\n".join(parts)
    if not standalone:
        return body
    return (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{escape(doc_title)}</title>'
            f"<style>{HTML_STYLE}</style></head><body>{body}</body></html>")


def to_docx(summary: dict) -> bytes:
    return docx_of(blocks(summary))


def docx_of(doc: list[Block]) -> bytes:
    import docx
    from docx.shared import Inches

    document = docx.Document()
    for b in doc:
        if b.kind in ("h1", "h2", "h3"):
            document.add_heading(b.text, level=int(b.kind[1]) - 1 if b.kind != "h1" else 0)
        elif b.kind == "p":
            document.add_paragraph(b.text)
        elif b.kind == "list":
            for item in b.items:
                document.add_paragraph(item, style="List Bullet")
        elif b.kind == "table":
            table = document.add_table(rows=1, cols=len(b.headers))
            table.style = "Light Grid Accent 1"
            for cell, h in zip(table.rows[0].cells, b.headers):
                cell.text = h
            for row in b.items:
                for cell, value in zip(table.add_row().cells, row):
                    cell.text = str(value)
        elif b.kind == "image":
            document.add_picture(io.BytesIO(b.png), width=Inches(6))
        elif b.kind == "map":
            document.add_picture(io.BytesIO(b.png), width=Inches(6))
            document.add_paragraph(f"Map: {b.text}. {b.cite}", style="Caption")
        elif b.kind == "quote":
            document.add_paragraph(b.text, style="Intense Quote")
            document.add_paragraph(b.cite)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(summary: dict) -> bytes:
    return pdf_of(blocks(summary), title(summary))


def pdf_of(doc: list[Block], doc_title: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    styles = getSampleStyleSheet()
    quote = ParagraphStyle("quote", parent=styles["BodyText"], leftIndent=12, borderPadding=6,
                           backColor=colors.HexColor("#f3f2f1"), spaceBefore=6)
    cell = ParagraphStyle("cell", parent=styles["BodyText"], fontSize=8, leading=10)
    names = {"h1": "Title", "h2": "Heading2", "h3": "Heading3", "p": "BodyText"}
    story = []
    width = A4[0] - 4 * cm
    for b in doc:
        if b.kind in names:
            story.append(Paragraph(str(escape(b.text)), styles[names[b.kind]]))
        elif b.kind == "list":
            story.extend(Paragraph("• " + str(escape(i)), styles["BodyText"]) for i in b.items)
        elif b.kind == "table":
            rows = [[Paragraph(f"<b>{escape(h)}</b>", cell) for h in b.headers]]
            rows += [[Paragraph(str(escape(c)), cell) for c in row] for row in b.items]
            table = Table(rows, colWidths=[width / len(b.headers)] * len(b.headers), repeatRows=1)
            table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.HexColor("#b1b4b6")),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [table, Spacer(1, 8)]
        elif b.kind in ("image", "map"):
            image = Image(io.BytesIO(b.png))
            scale = min(1.0, width / image.drawWidth)
            image.drawWidth, image.drawHeight = image.drawWidth * scale, image.drawHeight * scale
            story += [image, Spacer(1, 6)]
            if b.kind == "map":
                story += [Paragraph(str(escape(f"Map: {b.text}. {b.cite}")), cell), Spacer(1, 6)]
        elif b.kind == "quote":
            story += [Paragraph(str(escape(b.text)), quote), Paragraph(str(escape(b.cite)), styles["Italic"])]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=doc_title, author="Community Insights",
                      leftMargin=2 * cm, rightMargin=2 * cm).build(story)
    return buffer.getvalue()


def render(summary: dict, fmt: str) -> tuple[bytes, str, str]:
    """(content, media type, file name) for one of md, html, docx, pdf."""
    from engine.core.errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}.", where="format")
    content = {"md": lambda s: to_markdown(s).encode("utf-8"), "html": lambda s: to_html(s).encode("utf-8"),
               "docx": to_docx, "pdf": to_pdf}[fmt](summary)
    media, ext = FORMATS[fmt]
    name = f"what-we-are-hearing-{summary['period'] or 'all-time'}.{ext}"
    return content, media, name
