"""Charts as PNG images (matplotlib, drawn off-screen), for web pages and for reports (HTML data URIs, Word,
PDF). Each function takes already-suppressed values: a None is drawn as a gap and labelled, never as zero."""
from __future__ import annotations

import base64
import io
import re

BLUE, GREY, TEXT = "#1d70b8", "#b1b4b6", "#0b0c0c"
_CONTROL = re.compile("[\x00-\x1f\x7f]")


def label(text) -> str:
    """A label (theme, area) drawn as written: a `$` escaped (matplotlib reads `$...$` as mathematics, and a
    label such as "$\\frac$" failed the whole chart), control characters as spaces (no font has them)."""
    return _CONTROL.sub(" ", str(text)).replace("$", r"\$")


def _figure(width: float = 7.0, height: float = 3.2):
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110)
    ax = fig.add_subplot(1, 1, 1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(colors=TEXT, labelsize=9)
    return fig, ax


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def bars(labels: list[str], values: list[int | None], title: str, xlabel: str = "Notes (rounded)") -> bytes:
    """Horizontal bars, biggest at the top. A None (too few to show) is written as such, with no bar."""
    fig, ax = _figure(7.0, max(1.6, 0.45 * len(labels) + 0.9))
    positions = list(range(len(labels)))[::-1]
    ax.barh(positions, [v or 0 for v in values], color=BLUE)
    peak = max([v for v in values if v] or [1])
    for y, v in zip(positions, values):
        ax.text((v or 0) + peak * 0.01, y, str(v) if v is not None else "too few to show", va="center",
                fontsize=9, color=TEXT if v is not None else "#505a5f")
    ax.set_yticks(positions, [label(t) for t in labels])
    ax.set_xlim(0, peak * 1.25)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_title(label(title), fontsize=11, loc="left", color=TEXT)
    return _png(fig)


def has_points(series: dict[str, list[tuple[str, int | None]]]) -> bool:
    """Whether any period of any series can be shown (else draw no chart and say why)."""
    return any(v is not None for points in series.values() for _, v in points)


def trend(series: dict[str, list[tuple[str, int | None]]], title: str, ylabel: str = "Notes (rounded)") -> bytes:
    """Lines over months or quarters, one per theme; a period too small to show breaks the line."""
    fig, ax = _figure()
    buckets = sorted({b for points in series.values() for b, _ in points})
    index = {b: i for i, b in enumerate(buckets)}
    for name, points in series.items():
        xs = [index[b] for b, _ in points]
        ys = [float("nan") if v is None else v for _, v in points]
        ax.plot(xs, ys, marker="o", label=label(name), linewidth=2)
    ax.set_xticks(range(len(buckets)), buckets, rotation=45 if len(buckets) > 6 else 0, ha="right"
                  if len(buckets) > 6 else "center")
    ax.set_ylim(bottom=0, top=max([v for p in series.values() for _, v in p if v] or [5]) * 1.15)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.set_title(label(title), fontsize=11, loc="left", color=TEXT)
    if len(series) > 1:
        ax.legend(fontsize=8, frameon=False)
    return _png(fig)


def stories_vs_numbers(points: list[dict], title: str) -> bytes:
    """Each visible area x theme cell: story share (x) against the indicator's percentile (y)."""
    fig, ax = _figure(7.0, 3.8)
    themes = sorted({p["theme_label"] for p in points})
    for theme in themes:
        mine = [p for p in points if p["theme_label"] == theme]
        ax.scatter([100 * p["story_share"] for p in mine], [100 * p["indicator_percentile"] for p in mine],
                   label=label(theme), s=40)
        for p in mine if len(points) <= 12 else []:
            ax.annotate(label(p["area_name"] or p["area_code"]),
                        (100 * p["story_share"], 100 * p["indicator_percentile"]),
                        fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.axhline(50, color=GREY, linewidth=1)
    ax.set_xlabel("Share of the area's notes on the theme (%)", fontsize=9)
    ax.set_ylabel("Area's rank on the indicator (percentile)", fontsize=9)
    ax.set_ylim(-5, 105)
    ax.set_xlim(left=0)
    ax.set_title(label(title), fontsize=11, loc="left", color=TEXT)
    if themes:
        ax.legend(fontsize=8, frameon=False)
    return _png(fig)
