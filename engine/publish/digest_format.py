"""A monthly digest (engine/publish/digest.py) as plain text, as a standalone HTML page, and as an email-ready
.eml: Python's email package, multipart/alternative with the plain text first and the HTML second, no recipient
filled in (To: undisclosed-recipients) and nothing sent. Every figure in it was suppressed before it got here."""
from __future__ import annotations

import html
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

SENDER = "Community Insights <digest@community-insights.invalid>"
STYLE = ("body{font-family:Arial,Helvetica,sans-serif;font-size:17px;line-height:1.4;color:#0b0c0c;max-width:760px;"
         "margin:0 auto;padding:0 16px}h1{font-size:30px}h2{font-size:24px;margin-top:28px}h3{font-size:20px}"
         "table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px;border-bottom:1px solid #b1b4b6;"
         "vertical-align:top}.hint{color:#505a5f;font-size:15px}.response{border-left:5px solid #1d70b8;"
         "padding:4px 14px;margin:14px 0;background:#f3f2f1}")


def _pct(x) -> str:
    return "" if x is None else f"{100 * x:.0f}%"


def _response_lines(r: dict) -> list[str]:
    status = r["status_label"] + (f" ({r['reason']})" if r["status"] == "not_doing" and r.get("reason") else "")
    return [f"{r['theme_label'] or r['theme_id']}: {r['area_label']}, {r['period_label']}",
            f"  You said: {r['said']}", f"  We did: {r['did']}", f"  Where it stands: {status}",
            f"  Who is responsible: {r['owner']}"]


def _rising_line(x: dict) -> str:
    change = (f", share {_pct(x['share_first'])} to {_pct(x['share_last'])}"
              if x["share_first"] is not None and x["share_last"] is not None else "")
    months = f" ({x['months'][0]} to {x['months'][-1]})" if x["months"] else ""
    return f"{x['theme_label']} in {x['area_name'] or x['area_code']}: rising{change}{months}"


def _warning_line(x: dict) -> str:
    if x.get("kind") == "emergent_growth":
        from engine.publish.emergent_growth import line

        return line(x)
    c = x["checked"]
    ahead = ", ".join(f"{f['period']} about {f['share_pct']:.0f}%" for f in x["forecast"])
    return (f"{x['label']} in {x['area_name'] or x['area_code']}: {c['share_pct']:.0f}% of notes in {c['period']}, "
            f"more than the {c['upper_pct']:.0f}% at most we expected; projected {ahead}")


NO_WARNING = ("None: no theme rose beyond what we expected from the months before, and no new theme grew fast.")


def _theme_line(t: dict) -> str:
    share = f", {_pct(t['share'])} of notes" if t["share"] is not None else ""
    few = "; raised by only one or two organisations" if t["few_organisations"] else ""
    return f"{t['label']}: {t['notes_label']} notes{share}; {t['organisations_label']} organisations{few}"


def to_text(d: dict) -> str:
    pic = d["picture"]
    out = [d["title"], f"For {d['organisation']}", "",
           "What every group's notes say about the areas your notes come from, this month. No group's notes or "
           "quotes are in it, yours included.", ""]
    out += ["RISING THEMES", *([f"- {_rising_line(x)}" for x in d["rising"]]
                              or ["- None we can show: a theme shows as rising only when this month's count can "
                                  "be shown and its share went up over the recent months."]), ""]
    out += ["EARLY WARNING", *([f"- {_warning_line(x)}" for x in d.get("warnings", [])] or [f"- {NO_WARNING}"]), ""]
    out.append("YOU SAID, WE DID: NEW THIS MONTH")
    out += [line for r in d["new_responses"] for line in _response_lines(r) + [""]] or ["- None recorded this month.", ""]
    if d["updated_responses"]:
        out.append("YOU SAID, WE DID: UPDATED THIS MONTH")
        out += [line for r in d["updated_responses"] for line in _response_lines(r) + [""]]
    out.append("YOUR AREAS THIS MONTH")
    for a in pic["areas"]:
        out += ["", f"{a['name'] or a['code']} ({a['level_label']}, {a['code']}): {a['notes_label']} notes from "
                    f"{a['organisations_label']} organisations"]
        out += [f"- {_theme_line(t)}" for t in a["themes"]] or ["- No theme has enough notes to show this month."]
        for t in a["themes"]:
            if t["agreement"] and t["agreement"] != "agree":
                out.append(f"  {t['label']}: {t['agreement_label']}")
        if a["hidden_themes_label"]:
            out.append(f"  {a['hidden_themes_label']}")
    if not pic["areas"]:
        out.append("- " + pic["caveats"][0])
    out += ["", "WHERE THE FIGURES COME FROM"]
    out += [f"- {s['label'] or s['indicator']}: {s['source'] or 'not recorded'} ({s['licence'] or 'not recorded'})"
            for s in pic["sources"]] or ["- No council figures are used here."]
    out += ["", "HOW WE COUNT", *[f"- {c}" for c in pic["caveats"]], "",
            "Sign in and open \"Your area's picture\" (/my/picture) to see more."]
    return "\n".join(out) + "\n"


def _e(text) -> str:
    return html.escape("" if text is None else str(text))


def _response_html(r: dict) -> str:
    status = r["status_label"] + (f": {r['reason']}" if r["status"] == "not_doing" and r.get("reason") else "")
    return (f'<div class="response"><h3>{_e(r["theme_label"] or r["theme_id"])}: {_e(r["area_label"])}, '
            f'{_e(r["period_label"])}</h3><p><strong>You said:</strong> {_e(r["said"])}</p>'
            f'<p><strong>We did:</strong> {_e(r["did"])}</p><p><strong>Where it stands:</strong> {_e(status)}. '
            f'<strong>Who is responsible:</strong> {_e(r["owner"])}</p></div>')


def to_html(d: dict) -> str:
    pic = d["picture"]
    parts = [f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>{_e(d["title"])}</title>'
             f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head><body>',
             f'<h1>{_e(d["title"])}</h1><p>For {_e(d["organisation"])}. What every group\'s notes say about the areas '
             "your notes come from, this month. No group's notes or quotes are in it, yours included.</p>",
             '<h2 id="rising">Rising themes</h2>']
    parts.append("<ul>" + "".join(f"<li>{_e(_rising_line(x))}</li>" for x in d["rising"]) + "</ul>" if d["rising"]
                 else "<p>None we can show: a theme shows as rising only when this month's count can be shown and its "
                      "share went up over the recent months.</p>")
    parts.append('<h2 id="early-warning">Early warning</h2>')
    parts.append("<ul>" + "".join(f"<li>{_e(_warning_line(x))}</li>" for x in d["warnings"]) + "</ul>"
                 if d.get("warnings") else f"<p>{_e(NO_WARNING)}</p>")
    parts.append('<h2 id="new-responses">You said, we did: new this month</h2>')
    parts.append("".join(_response_html(r) for r in d["new_responses"]) or "<p>None recorded this month.</p>")
    if d["updated_responses"]:
        parts.append('<h2 id="updated-responses">You said, we did: updated this month</h2>')
        parts.append("".join(_response_html(r) for r in d["updated_responses"]))
    parts.append('<h2 id="areas">Your areas this month</h2>')
    for a in pic["areas"]:
        parts.append(f'<h3>{_e(a["name"] or a["code"])} <span class="hint">({_e(a["level_label"])}, {_e(a["code"])})'
                     f'</span></h3><p>{_e(a["notes_label"])} notes from {_e(a["organisations_label"])} organisations.</p>')
        if a["themes"]:
            rows = "".join(
                f'<tr><th scope="row">{_e(t["label"])}</th><td>{_e(t["notes_label"])}</td><td>{_e(_pct(t["share"]))}</td>'
                f'<td>{_e(t["organisations_label"])}{" (only one or two)" if t["few_organisations"] else ""}</td>'
                f'<td>{_e(t["agreement_label"] or "")}</td></tr>' for t in a["themes"])
            parts.append('<table><thead><tr><th scope="col">Theme</th><th scope="col">Notes</th><th scope="col">Share'
                         '</th><th scope="col">Organisations</th><th scope="col">Stories and figures</th></tr></thead>'
                         f"<tbody>{rows}</tbody></table>")
        else:
            parts.append("<p>No theme has enough notes to show this month.</p>")
        if a["hidden_themes_label"]:
            parts.append(f'<p class="hint">{_e(a["hidden_themes_label"])}</p>')
    if not pic["areas"]:
        parts.append(f"<p>{_e(pic['caveats'][0])}</p>")
    parts.append('<h2 id="sources">Where the figures come from</h2>')
    parts.append("<ul>" + "".join(f"<li>{_e(s['label'] or s['indicator'])}: {_e(s['source'] or 'not recorded')} "
                                  f"({_e(s['licence'] or 'not recorded')})</li>" for s in pic["sources"]) + "</ul>"
                 if pic["sources"] else "<p>No council figures are used here.</p>")
    parts.append('<h2 id="method">How we count</h2><ul class="hint">'
                 + "".join(f"<li>{_e(c)}</li>" for c in pic["caveats"]) + "</ul>")
    parts.append("<p>Sign in and open \u201cYour area's picture\u201d (/my/picture) to see more.</p></body></html>")
    return "\n".join(parts) + "\n"


def to_eml(d: dict) -> bytes:
    """The digest as an email: plain text and HTML alternatives, ready to send from any mail program."""
    msg = EmailMessage()
    org = " ".join(str(d["organisation"]).split())   # one line: a header cannot hold a line break
    msg["Subject"] = f"{d['title']} ({org})"
    msg["From"] = SENDER
    msg["To"] = "undisclosed-recipients:;"
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="community-insights.invalid")
    msg["X-Insights-Organisation"] = org
    msg["X-Insights-Period"] = d["period"]
    msg.set_content(to_text(d))
    msg.add_alternative(to_html(d), subtype="html")
    return msg.as_bytes()
