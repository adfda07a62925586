"""Statistical disclosure control: every published count and table passes through here.

Method (stated in every export, see `Policy.method()`):
- primary suppression: a count of notes below the threshold (default 10, higher for sensitive themes, never
  below 5) is withheld and shown as "fewer than 10";
- secondary suppression (tables): no row or column, totals included, is left with exactly one withheld cell,
  so no withheld count can be worked out from the totals; the next smallest count in that line is withheld too;
- rounding: every count that is shown, totals included, is rounded to the nearest 5 (never to 0). Totals are
  rounded from the true counts, not summed from rounded cells. Shares are shown only where their count is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine.core.settings import Settings

TOTAL = "__total__"


@dataclass(frozen=True)
class Policy:
    threshold: int
    sensitive_threshold: int
    rounding_base: int
    quote_risk_threshold: float = 2.0          # quote safety (engine/publish/quote_safety.py)
    quote_places_path: str | None = None
    # early warning for emergent themes (engine/publish/emergent_growth.py), from Settings (same defaults)
    growth_min_notes: int = 10
    growth_factor: float = 3.0
    growth_baseline_months: int = 6

    @classmethod
    def from_settings(cls, settings: Settings) -> "Policy":
        places = str(settings.quote_places_path) if settings.quote_places_path else None
        return cls(settings.suppression_threshold, settings.sensitive_suppression_threshold, settings.rounding_base,
                   settings.quote_risk_threshold, places, settings.emergent_growth_min_notes,
                   settings.emergent_growth_factor, settings.emergent_growth_baseline_months)

    def threshold_for(self, sensitive: bool) -> int:
        return self.sensitive_threshold if sensitive else self.threshold

    def method(self) -> str:
        return (
            f"Counts of notes below {self.threshold} ({self.sensitive_threshold} for sensitive themes) are not "
            f"shown (\"fewer than {self.threshold}\"). In tables, where a row or column would have only one hidden "
            "count, the next smallest count in it is hidden too, so no hidden count can be worked out from the "
            f"totals. Counts that are shown, totals included, are rounded to the nearest {self.rounding_base}. "
            "Shares and rates are shown only where their count is."
        )


def rounded(n: int, policy: Policy) -> int:
    base = policy.rounding_base
    return max(int((n + base / 2) // base * base), base)


def publish_count(n: int | None, policy: Policy, sensitive: bool = False) -> int | None:
    """The published form of a count: None when suppressed, else rounded (never rounded down to zero)."""
    if n is None or n < policy.threshold_for(sensitive):
        return None
    return rounded(n, policy)


def suppressed_label(policy: Policy, sensitive: bool = False) -> str:
    return f"fewer than {policy.threshold_for(sensitive)}"


def publish_share(count: int, total: int, policy: Policy, sensitive: bool = False) -> float | None:
    if publish_count(count, policy, sensitive) is None or not total:
        return None
    return round(count / total, 3)


@dataclass
class SuppressedTable:
    """A rows x columns table of counts after primary and secondary suppression.

    `cells[(row, col)]`, `row_totals[row]`, `col_totals[col]` and `grand_total` hold the published value
    (rounded) or None when withheld. `hidden` maps each withheld position to "primary" or "secondary"
    (for tests and audit only: exports show every withheld cell the same way, so the reason cannot be used).
    """
    rows: list
    cols: list
    cells: dict = field(default_factory=dict)
    row_totals: dict = field(default_factory=dict)
    col_totals: dict = field(default_factory=dict)
    grand_total: int | None = None
    hidden: dict = field(default_factory=dict)

    def is_hidden(self, row, col) -> bool:
        return (row, col) in self.hidden


def suppress_table(counts: dict, policy: Policy, sensitive_cols: set | frozenset = frozenset(),
                   rows: list | None = None, cols: list | None = None, protect: str = "both") -> SuppressedTable:
    """Apply primary and secondary suppression and rounding to a table of counts {(row, col): n}.

    Missing cells count as 0. Totals are the sums of the true counts (so they are consistent with the cells);
    they are treated as cells of the table: a row's total sits in the row, a column's total in the column,
    and the grand total closes both margins. A zero is below the threshold too, so it is withheld.

    protect: "both" (the default: every row and column is an additive line whose total is published), or
    "columns" when only the columns add up to a published total. The evidence table uses "columns": a note can
    join up to three themes, so an area's theme counts do not add up to any published figure, while each theme's
    total across areas is published.
    """
    if protect not in ("both", "columns"):
        raise ValueError("protect must be 'both' or 'columns'")
    rows = list(rows if rows is not None else dict.fromkeys(r for r, _ in counts))
    cols = list(cols if cols is not None else dict.fromkeys(c for _, c in counts))
    full = {(r, c): int(counts.get((r, c), 0) or 0) for r in rows for c in cols}
    for r in rows:
        full[(r, TOTAL)] = sum(full[(r, c)] for c in cols)
    for c in cols + [TOTAL]:
        full[(TOTAL, c)] = sum(full[(r, c)] for r in rows)
    all_rows, all_cols = rows + [TOTAL], cols + [TOTAL]
    sensitive_table = bool(sensitive_cols)

    def limit(pos) -> int:
        col = pos[1]
        # a total that includes a sensitive column is held to the sensitive threshold
        sensitive = col in sensitive_cols or (col == TOTAL and sensitive_table)
        return policy.threshold_for(sensitive)

    hidden = {pos: "primary" for pos, n in full.items() if n < limit(pos)}
    lines = [[(r, c) for r in all_rows] for c in all_cols]
    if protect == "both":
        lines += [[(r, c) for c in all_cols] for r in all_rows]
    changed = True
    while changed:
        changed = False
        for line in lines:
            withheld = [p for p in line if p in hidden]
            if len(withheld) != 1:
                continue
            candidates = [p for p in line if p not in hidden]
            if not candidates:  # a table with no rows (or columns): the lone total has nothing to hide behind
                continue
            # prefer inner cells over totals, then the smallest count (least information lost)
            pick = min(candidates, key=lambda p: (TOTAL in p, full[p], str(p)))
            hidden[pick] = "secondary"
            changed = True
    table = SuppressedTable(rows=rows, cols=cols, hidden={p: why for p, why in hidden.items()})
    for (r, c), n in full.items():
        value = None if (r, c) in hidden else rounded(n, policy)
        if r == TOTAL and c == TOTAL:
            table.grand_total = value
        elif r == TOTAL:
            table.col_totals[c] = value
        elif c == TOTAL:
            table.row_totals[r] = value
        else:
            table.cells[(r, c)] = value
    return table


FEW_ORGANISATIONS = 2
FEW_ORGANISATIONS_LABEL = "raised by only one or two organisations"


def publish_organisations(orgs: int, notes: int, policy: Policy, sensitive: bool = False) -> dict:
    """How many distinct organisations a count of notes came from, published only where that count of notes is.
    The number itself is a count like any other: withheld below the threshold and rounded (issue 15: 0 published
    counts below the threshold, organisations counts included). `few_organisations` marks a count raised by one
    or two organisations (a flag, not a number), so one big service cannot look like a whole borough.
    Withheld notes: all three are None."""
    if publish_count(notes, policy, sensitive) is None or not orgs:
        return {"organisations": None, "few_organisations": None, "organisations_label": None}
    few = orgs <= FEW_ORGANISATIONS
    shown = publish_count(orgs, policy, sensitive)
    label = (FEW_ORGANISATIONS_LABEL if few else f"raised by {shown} organisations" if shown is not None
             else f"raised by {suppressed_label(policy, sensitive).replace('fewer', 'more than two but fewer')} "
                  "organisations")
    return {"organisations": shown, "few_organisations": few, "organisations_label": label}
