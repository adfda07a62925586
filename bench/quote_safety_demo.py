"""Quote safety on a database (the demo one: `insights demo --no-serve --db DB`): of the quotes the pages would
show, how many are held back and why, under the shipped settings (and, with --places, with small places from a
postcode-district table). Read-only: it scores the quotes the views would pick, without recording holds.

    python -m bench.quote_safety_demo --db /tmp/demo.db [--places ../shared/data/areas/lookups/postcode_districts.csv]

Counted per theme: the quote pool (notes of the theme in cells suppression leaves visible: what theme pages,
the quotes route and summaries choose from), the quotes held back in it, and of the 5 quotes the theme page
shows without quote safety, how many it now holds back; then the emergent candidates' quotes; then the reasons
by kind over every held quote (distinct notes). The anchor beside it: the same count with no quote safety is 0.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import replace

from engine.core.settings import Settings
from engine.publish import quote_safety
from engine.publish import theme_views as views
from engine.publish.suppression import Policy, publish_count
from engine.store import Store


def measure(store: Store, policy: Policy) -> dict:
    guard = quote_safety.QuoteGuard(store, policy)
    kinds: Counter = Counter()
    held_notes: set = set()
    pool_total = first5_total = first5_held = 0
    per_theme = {}
    for t in store.themes():
        _, visible = views._visible_areas(store, policy, t["id"], t["sensitive"])
        pool = [r for r in store.theme_notes_for_quotes(t["id"]) if r["area_code"] in visible]
        before = views.representative_quotes(store, t["id"], visible, 5, _NoGuard())
        held = [r for r in pool if guard.show(r["id"], quote_safety.excerpt(r["text"])) is None]
        shown_before_held = [q for q in before if guard.show(q["note_id"], q["text"]) is None]
        for r in held:
            if r["id"] not in held_notes:
                held_notes.add(r["id"])
                kinds.update(quote_safety.risk(quote_safety.excerpt(r["text"]), policy.quote_places_path).kinds())
        pool_total += len(pool)
        first5_total += len(before)
        first5_held += len(shown_before_held)
        per_theme[t["id"]] = {"pool": len(pool), "held": len(held), "first5": len(before),
                              "first5_held": len(shown_before_held)}
    emergent = [(i, quote_safety.excerpt(q, quote_safety.EMERGENT_QUOTE_WORDS)) for c in store.emergent()
                if publish_count(c["size"], policy) is not None
                for i, q in zip(c["quote_note_ids"] if len(c["quote_note_ids"]) == len(c["quotes"])
                                else [None] * len(c["quotes"]), c["quotes"])]
    emergent_held = [text for i, text in emergent if guard.show(i, text) is None]
    every = [quote_safety.risk(quote_safety.excerpt(text), policy.quote_places_path)
             for text in store.all_note_texts()]
    return {"threshold": policy.quote_risk_threshold, "places": policy.quote_places_path,
            "notes": len(every), "notes_held_if_quoted": sum(r.score >= policy.quote_risk_threshold for r in every),
            "quote_pool": pool_total, "quote_pool_held_notes": len(held_notes),
            "theme_page_quotes_before": first5_total, "theme_page_quotes_now_held": first5_held,
            "emergent_quotes": len(emergent), "emergent_held": len(emergent_held),
            "held_reasons_by_kind": dict(kinds.most_common()),
            "score_distribution": dict(sorted(Counter(r.score for r in every).items())),
            "per_theme": per_theme}


class _NoGuard:
    """What the views chose before quote safety: every quote shown."""
    held = 0

    def show(self, note_id, text):
        return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--places", default=None, help="postcode-district CSV for small places")
    args = parser.parse_args()
    settings = Settings.from_env(db_path=args.db)
    policy = Policy.from_settings(settings)
    if args.places:
        policy = replace(policy, quote_places_path=args.places)
    store = Store(settings.db_path)
    try:
        print(json.dumps(measure(store, policy), indent=1))
    finally:
        store.close()


if __name__ == "__main__":
    main()
