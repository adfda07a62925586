"""Choropleth maps drawn from engine/publish/maps.py's already-suppressed data: four shades of blue for the share of
notes (each class labelled with its range in the legend, so colour is never the only cue), hidden areas hatched and
labelled "fewer than N", areas with no notes white, and the boundaries' attribution below.

- `to_svg(data)`: for pages; every area has a <title> with its name and value, the map a title and description.
  Pages put a table beside it as the text alternative.
- `to_png(data)`: the same map rasterised with matplotlib (service/charts.py's figure), for Word, PDF and the
  evidence pack; reports put the attribution as its caption and a table as its text alternative."""
from __future__ import annotations

import io
import math

from markupsafe import escape

SHADES = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"]
WIDTH, LEGEND_H = 640, 150


def _rings(geometry: dict):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for poly in polys:
        yield from poly


def classes(shares: list[float]) -> list[tuple[float, float]]:
    """Up to four classes (lowest, highest share in it) holding about as many distinct shares each."""
    values = sorted(set(round(s, 3) for s in shares))
    k = min(len(SHADES), len(values))
    chunks = [values[(i * len(values)) // k:((i + 1) * len(values)) // k] for i in range(k)]
    return [(c[0], c[-1]) for c in chunks]


def _class_of(share: float, bins: list[tuple[float, float]]) -> int:
    for i, (_, high) in enumerate(bins):
        if share <= high:
            return i
    return len(bins) - 1


def title(data: dict) -> str:
    where = data["within_name"] or ("every council" if data["level"] == "lad" else "every ward")
    return f"{data['theme_label']}: share of notes by {'ward' if data['level'] == 'ward' else 'council'}, {where}"


def _legend(data: dict, bins: list[tuple[float, float]]) -> list[tuple[str, str]]:
    """(shade, or "hatch" / "none", label) for each legend entry, in order."""
    out = [(SHADES[i], f"{100 * lo:.0f}% to {100 * hi:.0f}% of notes" if f"{100 * lo:.0f}" != f"{100 * hi:.0f}"
            else f"{100 * lo:.0f}% of notes") for i, (lo, hi) in enumerate(bins)]
    return out + [("hatch", f"{data['hidden_label']} notes: hidden"), ("none", "no notes")]


def attribution(data: dict) -> str:
    return " ".join(data["attribution"])


def to_png(data: dict) -> bytes:
    """The map as a PNG: polygons shaded by class, hidden areas hatched, a legend naming each class's range, and
    the boundaries' attribution along the bottom."""
    import textwrap

    from matplotlib.patches import Patch, Polygon

    from service import charts

    points = [p for a in data["areas"] for ring in _rings(a["geometry"]) for p in ring]
    ys = [p[1] for p in points]
    k = math.cos(math.radians((min(ys) + max(ys)) / 2))
    bins = classes([a["share"] for a in data["areas"] if a["share"] is not None])
    fig, ax = charts._figure(7.0, 6.0)
    for a in data["areas"]:
        if a["share"] is not None:
            style = {"facecolor": SHADES[_class_of(a["share"], bins)]}
        elif a["suppressed"]:
            style = {"facecolor": "#f3f2f1", "hatch": "////"}
        else:
            style = {"facecolor": "#ffffff"}
        for ring in _rings(a["geometry"]):
            ax.add_patch(Polygon(ring, closed=True, edgecolor="#505a5f", linewidth=0.6, **style))
    ax.autoscale_view()
    ax.set_aspect(1 / max(k, 1e-6))
    ax.set_axis_off()
    handles = [Patch(facecolor={"hatch": "#f3f2f1", "none": "#ffffff"}.get(fill, fill), edgecolor="#505a5f",
                     hatch="////" if fill == "hatch" else None, label=charts.label(text))
               for fill, text in _legend(data, bins)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=2, fontsize=8, frameon=False)
    ax.set_title(charts.label(title(data)), fontsize=11, loc="left", color=charts.TEXT)
    fig.text(0.01, 0.01, "\n".join(charts.label(t) for t in textwrap.wrap(attribution(data), 110)), fontsize=6,
             color="#505a5f", va="bottom")
    fig.subplots_adjust(left=0.02, right=0.98, top=0.93, bottom=0.2)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def to_svg(data: dict, map_id: str = "map") -> str:
    points = [p for a in data["areas"] for ring in _rings(a["geometry"]) for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    k = math.cos(math.radians((min(ys) + max(ys)) / 2))
    w, h = max(1e-9, (max(xs) - min(xs)) * k), max(1e-9, max(ys) - min(ys))
    scale = (WIDTH - 20) / w
    height = min(700, h * scale)
    scale = min(scale, 680 / h)

    def xy(p):
        return f"{10 + (p[0] - min(xs)) * k * scale:.1f},{10 + (max(ys) - p[1]) * scale:.1f}"

    bins = classes([a["share"] for a in data["areas"] if a["share"] is not None])
    parts = []
    for a in data["areas"]:
        d = " ".join("M" + " L".join(xy(p) for p in ring) + " Z" for ring in _rings(a["geometry"]))
        if a["share"] is not None:
            fill, value = SHADES[_class_of(a["share"], bins)], f"{100 * a['share']:.0f}% of notes"
        elif a["suppressed"]:
            fill, value = f"url(#{map_id}-hatch)", f"{data['hidden_label']} notes (hidden)"
        else:
            fill, value = "#ffffff", "no notes"
        parts.append(f'<path d="{d}" fill="{fill}" stroke="#505a5f" stroke-width="0.8" data-code="{escape(a["code"])}">'
                     f"<title>{escape(a['name'])} ({escape(a['code'])}): {escape(value)}</title></path>")
    top = 20 + height
    legend = [({"hatch": f"url(#{map_id}-hatch)", "none": "#ffffff"}.get(fill, fill), text)
              for fill, text in _legend(data, bins)]
    rows = []
    for i, (fill, text) in enumerate(legend):
        col, row = i % 2, i // 2
        x, y = 10 + col * 310, top + 10 + row * 26
        rows.append(f'<rect x="{x}" y="{y}" width="22" height="16" fill="{fill}" stroke="#505a5f"/>'
                    f'<text x="{x + 30}" y="{y + 13}" font-size="13">{escape(text)}</text>')
    lines, line = [], ""
    for word in attribution(data).split():
        if len(line) + len(word) > 110:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    total_h = top + LEGEND_H
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{map_id}-title {map_id}-desc" '
            f'viewBox="0 0 {WIDTH} {total_h:.0f}" width="100%" font-family="Arial, sans-serif" fill="#0b0c0c">'
            f'<title id="{map_id}-title">{escape(title(data))}</title>'
            f'<desc id="{map_id}-desc">Darker blue means a bigger share of notes; hatched areas have too few notes '
            f"to show. The table beside the map gives every area's figure.</desc>"
            f'<defs><pattern id="{map_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f3f2f1"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="#505a5f" stroke-width="2"/></pattern></defs>'
            + "".join(parts) + "".join(rows)
            + f'<text x="10" y="{total_h - 40:.0f}" font-size="10" fill="#505a5f">'
            + "".join(f'<tspan x="10" dy="{12 if i else 0}">{escape(t)}</tspan>' for i, t in enumerate(lines))
            + "</text></svg>")
