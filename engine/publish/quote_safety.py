"""Quote safety: before a quote is shown anywhere (theme detail and quotes, the theme explorer, the "what we're
hearing" summary in every format, emergent-theme candidates), it is scored for rare combinations of details
(anonymise/quote_risk.py). At or above the policy's `quote_risk_threshold` (INSIGHTS_QUOTE_RISK_THRESHOLD) it is
held back: not shown until an analyst approves it as it is, or trims it (the trimmed text is anonymised again and
must score below the threshold).

    guard = QuoteGuard(store, policy)       # per view: the decisions in force, the detector
    text = guard.show(note_id, quote)        # the text to show (the quote or its trim), or None: held back
    guard.held                               # how many distinct quotes this view held back
    held_fields(guard.held, policy)          # {"held_back", "held_back_label"}, suppressed like any count

Reading paths never write. Held quotes are recorded for review by `scan` (notes added since the last scan, and
every emergent candidate's quotes), which the review list runs first (`review_list`), so a quote is held back from
the moment it is stored, whether or not anyone has looked at the list yet.

The held count is a count of quotes, not of people, but it says how many notes in a theme's visible cells carry
rare details, so it leaves the engine as every count does: below the suppression threshold it is "fewer than 10"
(0 included), above it rounded (engine/publish/suppression.py).
"""
from __future__ import annotations

import csv
import functools
import hashlib
import re
from collections.abc import Callable

from anonymise.quote_risk import QuoteRisk, QuoteRiskDetector
from engine.core.errors import InputError, SettingsError
from engine.publish.suppression import Policy, publish_count, suppressed_label

RULES_VERSION = "1"           # bump when anonymise/quote_risk.py changes what it finds: every note is scanned again
SMALL_PLACE_POPULATION = 5_000
THEME_QUOTE_WORDS = 60        # a theme quote is the first 60 words of its note (theme_views.QUOTE_WORDS)
EMERGENT_QUOTE_WORDS = 40
EDITORIAL = re.compile(r"\[[^\[\]]{0,60}\]|\.\.\.|…")
WORD = re.compile(r"<[^<>]{1,60}>|[\w'’]+")


def quote_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def excerpt(text: str, words: int = THEME_QUOTE_WORDS) -> str:
    """A quote as it is shown: the first `words` words of the text."""
    parts = text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


@functools.lru_cache(maxsize=4)
def small_places(path: str | None) -> frozenset[str]:
    """Names of places with fewer than SMALL_PLACE_POPULATION people, from a postcode-district table (doogal's
    layout: `Town/Area` lists a district's places, `Population` its people, `Post Town` its post town). A name's
    population is the sum over the districts that list it in either column (so a town spread over many districts
    is large); the allow-list's towns and cities are never small."""
    if not path:
        return frozenset()
    from anonymise.allow_list import PLACES

    try:
        with open(path, newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except OSError as exc:
        raise SettingsError(f"INSIGHTS_QUOTE_PLACES names {path}, which cannot be read ({exc.strerror}). Give the "
                            "path of a postcode-district CSV, or unset it.") from None
    if rows and not {"Town/Area", "Population"} <= set(rows[0]):
        raise SettingsError(f"{path} has no Town/Area and Population columns. INSIGHTS_QUOTE_PLACES needs a "
                            "postcode-district CSV with those columns.")
    people: dict[str, int] = {}
    towns = {p.lower() for p in PLACES}
    for r in rows:
        try:
            n = int(float(r["Population"]))
        except (TypeError, ValueError):
            continue
        names = {" ".join(x.split()) for x in ((r["Town/Area"] or "") + "," + (r.get("Post Town") or "")).split(",")}
        for name in names:
            if name and not name.islower():
                people[name] = people.get(name, 0) + n
    return frozenset(n for n, p in people.items() if p < SMALL_PLACE_POPULATION and n.lower() not in towns)


@functools.lru_cache(maxsize=4)
def detector(places_path: str | None) -> QuoteRiskDetector:
    return QuoteRiskDetector(small_places(places_path))


@functools.lru_cache(maxsize=65_536)
def risk(text: str, places_path: str | None = None) -> QuoteRisk:
    """The risk of one quote under the policy's small places (cached per process: quotes are read again and
    again, and the text fixes the answer)."""
    return detector(places_path).score(text)


def rules_key(policy: Policy) -> str:
    """What the scan's watermark is kept under: a change of rules, threshold or places scans every note again."""
    return f"v{RULES_VERSION}:t{policy.quote_risk_threshold}:p{policy.quote_places_path or ''}"


class QuoteGuard:
    """One view's check: which quotes may be shown, and how many were held back.

    The strictest rule applies to sensitive themes (a theme's `sensitive` flag in the taxonomy): a note with any
    sensitive theme in force is never quoted, under that theme or any other it is also in, and no analyst's
    approval changes that. Such a quote is not "held back" (it is not waiting for review), so it is not counted."""

    def __init__(self, store, policy: Policy, decisions: dict | None = None,
                 unquotable: frozenset[int] | None = None):
        self.policy = policy
        self.decisions = store.quote_decisions() if decisions is None else decisions
        self.unquotable = frozenset(store.sensitive_note_ids()) if unquotable is None else unquotable
        self.held_keys: set[tuple] = set()     # (note id, quote hash) of each quote held back

    def show(self, note_id: int | None, text: str) -> str | None:
        """The text to show for this quote of this note: itself, its analyst's trim, or None (held back, or a
        note in a sensitive theme: never quoted)."""
        if note_id in self.unquotable:
            return None
        if risk(text, self.policy.quote_places_path).score < self.policy.quote_risk_threshold:
            return text
        decided = self.decisions.get((note_id, quote_hash(text)))
        if decided is None:
            self.held_keys.add((note_id, quote_hash(text)))
            return None
        return decided["trimmed_text"] if decided["status"] == "trimmed" else text

    @property
    def held(self) -> int:
        return len(self.held_keys)

    def fresh(self) -> "QuoteGuard":
        """A guard with the same decisions and its own count (one per theme of a summary)."""
        return QuoteGuard(None, self.policy, self.decisions, self.unquotable)


def held_fields(n: int, policy: Policy) -> dict:
    """The held-back count as it may be published: `held_back` (rounded, or None below the threshold) and a
    sentence for people ("15 quotes are held back for review.", "Fewer than 10 quotes are held back ...")."""
    published = publish_count(n, policy)
    count = str(published) if published is not None else suppressed_label(policy).capitalize()
    return {"held_back": published,
            "held_back_label": f"{count} quotes are held back for review: they hold details that together could "
                               "point at someone."}


# ---- recording and review ------------------------------------------------------------------------------------
def _candidates(store) -> list[dict]:
    """Every emergent candidate's quotes, with the note each came from when it is known one by one."""
    out = []
    for c in store.emergent():
        ids = c["quote_note_ids"] if len(c["quote_note_ids"]) == len(c["quotes"]) else [None] * len(c["quotes"])
        out += [{"note_id": i, "text": excerpt(q, EMERGENT_QUOTE_WORDS), "source": "emergent"}
                for q, i in zip(c["quotes"], ids)]
    return out


def _hold(policy: Policy, note_id, text: str, source: str) -> dict | None:
    found = risk(text, policy.quote_places_path)
    if found.score < policy.quote_risk_threshold:
        return None
    return {"note_id": note_id, "quote_hash": quote_hash(text), "source": source, "quote_text": text,
            "score": found.score, "reasons": [r.as_dict() for r in found.reasons]}


def scan(store, policy: Policy) -> int:
    """Record as held every risky quote not yet recorded: theme quotes of the notes added since the last scan
    under these rules, and every emergent candidate's quotes. Returns how many were new."""
    key = rules_key(policy)
    mark, added = store.quote_scan_mark(key), 0
    while True:
        rows = store.notes_after(mark)
        if not rows:
            break
        holds = [_hold(policy, r["id"], excerpt(r["text"], THEME_QUOTE_WORDS), "theme") for r in rows]
        added += store.add_quote_holds([h for h in holds if h])
        mark = rows[-1]["id"]
        store.set_quote_scan_mark(key, mark)
    holds = [_hold(policy, c["note_id"], c["text"], c["source"]) for c in _candidates(store)]
    return added + store.add_quote_holds([h for h in holds if h])


def review_list(store, policy: Policy, status: str | None = "held") -> list[dict]:
    """The quotes held back under the rules in force (after a scan), highest score first, with their reasons."""
    scan(store, policy)
    return [_public(h) for h in store.quote_holds(status, min_score=policy.quote_risk_threshold)]


def _public(h: dict) -> dict:
    return {k: h[k] for k in ("id", "note_id", "source", "quote_text", "score", "reasons", "status", "found_at",
                              "decided_by", "decided_at", "trimmed_text")}


def approve(store, hold_id: int, who: str) -> dict:
    """Show the quote as it is, from now on."""
    return _public(store.decide_quote_hold(hold_id, "approved", who))


def trim(store, policy: Policy, hold_id: int, text: str, who: str, anonymise: Callable[[str], str]) -> dict:
    """Show a shorter version instead. `text` is anonymised first (`anonymise`: text -> anonymised text; raw text
    is never stored); it may use only the quote's own words, plus editorial words in [square brackets] and "...",
    and must score below the threshold."""
    hold = store.quote_hold(hold_id)
    text = " ".join((text or "").split())
    if not text:
        raise InputError("The trimmed quote is empty.", where="text",
                         fix="Send the quote with the identifying words taken out, or approve it as it is.")
    if len(text) > len(hold["quote_text"]) + 200:
        raise InputError("The trimmed quote is longer than the quote.", where="text",
                         fix="Trim means taking words out: send a shorter version of the quote.")
    own = {w.lower() for w in WORD.findall(hold["quote_text"])}
    added = [w for w in WORD.findall(EDITORIAL.sub(" ", text)) if w.lower() not in own]
    if added:
        raise InputError(f"The trimmed quote has words that are not in the quote: {', '.join(added[:5])}.",
                         where="text", fix="Use only the quote's own words; put any word of your own in [square "
                                           "brackets], e.g. [a village].")
    safe = anonymise(text)
    left = risk(safe, policy.quote_places_path)
    if left.score >= policy.quote_risk_threshold:
        raise InputError("The trimmed quote still holds details that together could point at someone: "
                         + "; ".join(f"{r.kind.replace('_', ' ')} \"{r.words}\"" for r in left.reasons) + ".",
                         where="text", fix="Take out one of these, or put it in general words in [square brackets] "
                                           "(e.g. [a village]); or approve the quote as it is if it is safe.")
    return _public(store.decide_quote_hold(hold_id, "trimmed", who, trimmed_text=safe))
