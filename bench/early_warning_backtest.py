"""Backtest of early warning (engine/publish/early_warning.py) on a database: the demo's, whose debt_money share
is planted to rise linearly from 7.5% to 21% over 18 months (corpora/demo.py) while the other themes carry no
planted rise.

At every month t from the seventh on, each method sees only the months up to t and says whether to warn at t:
- shipped: the early-warning alert (t's share above the 90% interval the level of the months before t predicts);
- alternative (not shipped): the same check against a damped-trend model;
- anchor, "rising": the product's Cochran-Armitage rising flag (engine/publish/trends.py) over months up to t;
- anchor, control chart: t's share above the mean + 2 standard deviations of the six months before.
Reported per method: the months it warned for debt_money, how many months before the planted debt chance reached
twice its first month's it first warned (the lead; negative = after), and the false alarms: warnings on the
other themes, out of all their checks. Themes as the database assigned them (the shipped path), overall level.

    python -m bench.early_warning_backtest --db /tmp/demo.db [--out bench/results/early_warning_backtest]
"""
from __future__ import annotations

import argparse
import json
import statistics
from datetime import date
from pathlib import Path

from engine.publish.early_warning import MIN_MONTHS, _series, project
from engine.publish.trends import trend_p
from engine.store import Store

RISING = "debt_money"


def control_chart(points) -> bool:
    prior = [k / n for _, k, n in points[-7:-1] if n]
    m, k, n = points[-1]
    if len(prior) < 6 or not n:
        return False
    return k / n > statistics.mean(prior) + 2 * statistics.pstdev(prior)


def methods(points) -> dict[str, bool]:
    p = trend_p([(k, n) for _, k, n in points])
    return {"shipped: ETS alert (level)": bool(project(points, horizon=0)["alert"]),
            "alternative: ETS alert (damped trend)": bool(project(points, horizon=0, check_trend=True)["alert"]),
            "anchor: rising flag": p < 0.05,
            "anchor: control chart": control_chart(points)}


def event_month(months: list[str]) -> str:
    """The first month whose planted debt chance (mid-month) is twice the first month's."""
    from corpora.demo import debt_probability

    def chance(m):
        y, mo = (int(x) for x in m.split("-"))
        return debt_probability(date(y, mo, 15))
    base = chance(months[0])
    return next(m for m in months if chance(m) >= 2 * base)


def backtest(store: Store) -> dict:
    themes = [t["id"] for t in store.themes()]
    warned: dict[str, dict[str, list[str]]] = {}
    checks = 0
    months: list[str] = []
    for theme in themes:
        points = _series(store, theme, None)[None]
        months = [m for m, _, _ in points]
        warned[theme] = {}
        for t in range(MIN_MONTHS + 1, len(points)):
            for name, hit in methods(points[:t + 1]).items():
                warned[theme].setdefault(name, [])
                if hit:
                    warned[theme][name].append(points[t][0])
        checks = len(points) - MIN_MONTHS - 1
    event = event_month(months)
    names = list(next(iter(warned.values())))
    rows = []
    for name in names:
        debt = warned[RISING][name]
        first = debt[0] if debt else None
        lead = (months.index(event) - months.index(first)) if first else None
        false = sum(len(warned[t][name]) for t in themes if t != RISING)
        rows.append({"method": name, "debt_warned": debt, "first_warning": first, "lead_months": lead,
                     "false_alarms": false, "flat_checks": checks * (len(themes) - 1)})
    return {"months": months, "checked_from": months[MIN_MONTHS + 1], "event_month": event, "rows": rows,
            "by_theme": warned}


def to_markdown(result: dict, db: str) -> str:
    lines = [f"# Early warning backtest ({db})", "",
             f"Months {result['months'][0]} to {result['months'][-1]}; each month checked from "
             f"{result['checked_from']} on, with only the months up to it. The planted debt chance reaches twice its "
             f"first month's in {result['event_month']} (lead = months before that of the first warning).", "",
             "| method | debt_money warned in | first | lead (months) | false alarms on the other themes |",
             "|---|---|---|---:|---:|"]
    for r in result["rows"]:
        lines.append(f"| {r['method']} | {', '.join(r['debt_warned']) or 'never'} | {r['first_warning'] or '-'} | "
                     f"{r['lead_months'] if r['lead_months'] is not None else '-'} | "
                     f"{r['false_alarms']} of {r['flat_checks']} |")
    lines += ["", "Reproduce: `python -m bench.early_warning_backtest --db DB` on a database from "
              "`insights demo --no-serve --db DB`."]
    return "\n".join(lines) + "\n"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default="bench/results/early_warning_backtest")
    args = parser.parse_args(argv)
    store = Store(args.db)
    try:
        result = backtest(store)
    finally:
        store.close()
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out + ".json").write_text(json.dumps(result, indent=1))
    md = to_markdown(result, Path(args.db).name)
    Path(args.out + ".md").write_text(md)
    print(md)


if __name__ == "__main__":
    main()
