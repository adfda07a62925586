"""The text `insights taxonomy try` prints: `engine.taxonomy_try.try_taxonomy`'s report, for a person."""
from __future__ import annotations


def _change(theme: dict) -> str:
    if theme["now"] is None:
        return "new theme"
    return f"now {theme['now']}: +{theme['gained']} gained, -{theme['lost']} lost"


def _notes(title: str, rows: list[dict]) -> list[str]:
    if not rows:
        return [f"  {title}: none"]
    out = [f"  {title}:"]
    for r in rows:
        why = f" ({r['why']})" if r.get("why") else ""
        out.append(f"    note {r['note_id']:<6} score {r['score']:6.2f}{why}")
        out.append(f"        {r['excerpt']}")
    return out


def render(report: dict) -> str:
    lines = [f"Tried on {report['notes']} stored notes with the {report['method']} scorer (a note takes a theme "
             f"at score {report['line']:.2f} or more). Raw counts, not suppressed. Nothing was saved."]
    if not report["themes"]:
        lines.append("No theme in the file is new or changed against the taxonomy in force; use --theme ID to "
                     "see one anyway.")
    for t in report["themes"]:
        lines += ["", f"{t['id']} - {t['label']} [{t['status']}]",
                  f"  would take {t['takes']} notes ({_change(t)})"]
        lines += _notes("notes it would take", t["examples"])
        lines += _notes("near-misses (not taken)", t["near_misses"])
        words = ", ".join(f"{w['word']} ({w['notes']})" for w in t["words"]) or "none found"
        lines.append(f"  its own words found in the notes it takes (notes): {words}")
        terms = ", ".join(f"{w['term']} ({w['z']:.1f})" for w in t["terms"]) or "none"
        lines.append(f"  words that set its notes apart (log-odds z): {terms}")
    if report["others_moved"]:
        moved = ", ".join(f"{k} +{v['gained']}/-{v['lost']}" for k, v in report["others_moved"].items())
        lines += ["", f"Other themes whose notes change: {moved}"]
    if report["retired"]:
        lines.append(f"Themes in force that the file leaves out: {', '.join(report['retired'])}")
    if report["unassigned_now"] is not None:
        lines.append(f"Notes with no theme: {report['unassigned']} (now {report['unassigned_now']})")
    return "\n".join(lines)
