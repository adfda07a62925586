"""A seeded, deterministic, labelled UK anonymisation test set: synthetic VCS case notes, transcripts,
anecdotes, messages and referral forms with exact character offsets for every piece of PII.

    from corpora.pii_eval import generate_pii_eval_set, write_pii_eval_set
    records = generate_pii_eval_set(n=600, seed=7)
    python -m corpora.pii_eval OUT.jsonl [--n N] [--seed S]

Each record is {"id", "text", "spans", "keep"}:
  spans  PII that must be hidden: {"type", "start", "end"} with text[start:end] the value (Python indices).
  keep   text that must stay readable (ORGANISATION, SERVICE, PLACE, DATE, AGE, MONEY), to measure
         over-redaction. Common words that are also names (Will, May, Hope, Grace, Mark, Bill, ...) appear
         as ordinary words; they carry no label, so redacting them counts as a false positive.
Label conventions (as in corpora.demo and anonymise/recognisers/names.py): a title is inside a PERSON
span ("Mrs Khan"); relationship words are not ("her son " is outside); a possessive 's is not ("Amira"
of "Amira's"); cue words are not ("DOB ", "NHS no. ", "sort code ", "case ref "); an address span is
the house or flat number and street only, the town (a PLACE keep) and postcode (its own span) are apart.

About 30% of notes have no PII; the rest have 1-6 spans. PII types are dealt to notes from a pool with
fixed shares (TYPE_SHARES), so the per-type totals do not depend on luck. Every value is synthetic:
NHS numbers pass mod 11 but are random; NI numbers use allowed prefixes; phone numbers come from
Ofcom's drama ranges; names come from corpora.people plus corpora.pii_eval_templates, never Faker.
`problems(record)` checks one record (offsets, overlaps, and no unlabelled name or 6+ digit run).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from corpora import people as _people
from corpora import pii_eval_templates as T

DEFAULT_N, DEFAULT_SEED = 600, 7
MIN_WORDS, MAX_WORDS = 15, 250
NO_PII_SHARE = 0.3
KEEP_TYPES = ("ORGANISATION", "SERVICE", "PLACE", "DATE", "AGE", "MONEY")
P, ADDR, PC, TEL, MAIL, NHS, NINO, DOB, BANK, REF, VRM, PASS = (
    "PERSON", "STREET_ADDRESS", "UK_POSTCODE", "PHONE_NUMBER", "EMAIL_ADDRESS", "UK_NHS", "UK_NINO",
    "DATE_OF_BIRTH", "BANK_ACCOUNT", "CASE_REFERENCE", "UK_VEHICLE_REGISTRATION", "UK_PASSPORT")
TYPE_SHARES = {P: 48, ADDR: 12, PC: 8.5, TEL: 8.5, MAIL: 5.2, NHS: 4.8, NINO: 4.8, DOB: 5.2, BANK: 2.3,
               REF: 3, VRM: 1.9, PASS: 1.9}
SPANS_PER_NOTE = {1: 10, 2: 13, 3: 16, 4: 19, 5: 20, 6: 22}
STYLES = {"case_note": 38, "anecdote": 14, "transcript": 20, "form": 14, "message": 14}
_REPEATABLE = {P, ADDR, TEL}
SLOT_TYPES = {
    **dict.fromkeys(["client", "client_first", "client_full", "client_title", "client_lower", "client_caps",
                     "client_poss", "rel", "rel_mid", "rel_poss", "rel_caps", "my_rel", "my_rel_mid",
                     "my_rel_poss", "worker", "gp", "other"], P),
    "addr": ADDR, "postcode": PC, "district": PC, "phone": TEL, "mobile": TEL, "landline": TEL, "email": MAIL,
    "nhs": NHS, "nino": NINO, "dob": DOB, "dob_value": DOB, "dob_born": DOB, "sort_code": BANK, "account": BANK,
    "case_ref": REF, "crime_ref": REF, "client_no": REF, "vrm": VRM, "passport": PASS,
}
Seg = tuple  # (text, PII type or None, KEEP type or None)


# ---- names ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _name_lists() -> tuple[dict, dict, dict]:
    def merge(a: dict, b: dict) -> dict:
        return {bg: list(a.get(bg, [])) + list(b.get(bg, [])) for bg in T.BACKGROUND_WEIGHTS}
    return (merge(_people.FEMALE_FIRST, T.EXTRA_FEMALE), merge(_people.MALE_FIRST, T.EXTRA_MALE),
            merge(_people.SURNAMES, T.EXTRA_SURNAMES))


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """Every word of every name the generator can use (lower case), except the common-word TRICKY_FIRST."""
    female, male, surnames = _name_lists()
    names = [n for group in (female, male, surnames) for ns in group.values() for n in ns]
    names += [n for ns in T.NICKNAMES.values() for n in ns]
    return frozenset(w.lower() for n in names for w in _WORD.findall(n))


@dataclass
class _Who:
    first: str
    last: str
    gender: str
    title: str
    tricky: bool = False


def _ascii(s: str) -> str:
    s = s.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if c.isascii() and c.isalnum())


# ---- one note's people and slots -----------------------------------------------------------------

_PARSE = re.compile(r"\{(\w+)\}|\[([^\]|]+)\|([A-Z]+)\]")
_FAMILY_ANON = ["son", "daughter", "sister", "brother", "mum", "dad", "partner", "neighbour", "nan"]


class _Ctx:
    """The people of one note, so repeated mentions stay consistent, and the filler of every slot."""

    def __init__(self, rng: random.Random):
        self.rng, self.used, self.templates = rng, set(), set()
        self.client = self.new()
        self.age = rng.randrange(18, 93)
        self.rels: list[tuple[_Who, str]] = []
        self.staff: dict[str, _Who] = {}
        self.place = rng.choice(T.PLACES)

    def new(self, gender: str | None = None, surname: str | None = None) -> _Who:
        rng = self.rng
        female, male, surnames = _name_lists()
        gender = gender or ("f" if rng.random() < 0.6 else "m")
        while True:
            bg = rng.choices(list(T.BACKGROUND_WEIGHTS), weights=list(T.BACKGROUND_WEIGHTS.values()))[0]
            r, is_tricky = rng.random(), False
            if r < 0.04:
                first, is_tricky = rng.choice(T.TRICKY_FIRST[gender]), True
            elif r < 0.11:
                first = rng.choice(T.NICKNAMES[gender])
            else:
                first = rng.choice((female if gender == "f" else male)[bg])
            last = surname or rng.choice(surnames[bg if rng.random() < 0.85 else rng.choice(list(surnames))])
            if not surname and rng.random() < 0.05:
                other = rng.choice(surnames[rng.choice(list(surnames))])
                if "-" not in last + other and " " not in last + other and other != last:
                    last = f"{last}-{other}"
            if first not in self.used:
                self.used.add(first)
                title = rng.choice(T.TITLES[gender]) if rng.random() < 0.97 else "Mx"
                return _Who(first, last, gender, title, is_tricky)

    def name(self, who: _Who, base: str, case: str = "as") -> str:
        rng = self.rng
        if who.tricky and base == "first":
            base = "full"
        if base == "title":
            title, r = who.title, rng.random()
            text = (f"{title} {who.last}" if r < 0.72 else f"{title} {who.first} {who.last}" if r < 0.88
                    else f"{title} {who.first[0]}{rng.choice(['.', ''])} {who.last}")
        elif base == "surname_first":
            text = f"{who.last.upper()}, {who.first}"
        else:
            text = who.first if base == "first" else f"{who.first} {who.last}"
        return text.lower() if case == "lower" else text.upper() if case == "upper" else text

    def _pick_name(self, who: _Who, forms: list[tuple[str, str, float]]) -> str:
        base, case, _ = self.rng.choices(forms, weights=[w for *_, w in forms])[0]
        return self.name(who, base, case)

    def client_name(self, slot: str) -> str:
        forms = {
            "client": [("first", "as", 30), ("full", "as", 22), ("title", "as", 24), ("first", "lower", 5),
                       ("full", "lower", 3), ("full", "upper", 5), ("first", "upper", 3)],
            "client_first": [("first", "as", 1)], "client_full": [("full", "as", 85), ("full", "upper", 8),
                                                                   ("full", "lower", 7)],
            "client_title": [("title", "as", 88), ("title", "lower", 6), ("title", "upper", 6)],
            "client_lower": [("first", "lower", 6), ("full", "lower", 4)],
            "client_caps": [("full", "upper", 6), ("first", "upper", 2.5), ("title", "upper", 1.5)],
            "client_poss": [("first", "as", 55), ("title", "as", 30), ("full", "as", 15)],
        }[slot]
        return self._pick_name(self.client, forms)

    def relative(self, poss: str, mode: str) -> list[Seg]:
        rng = self.rng
        if self.rels and rng.random() < 0.45:
            who, word = rng.choice(self.rels)
        else:
            gender = rng.choice("fm")
            word = rng.choice(T.REL_WORDS[gender])
            family = word in ("son", "daughter", "sister", "brother", "mum", "dad", "nan", "grandad", "grandson",
                              "granddaughter", "eldest", "youngest", "niece", "nephew")
            who = self.new(gender, self.client.last if family and rng.random() < 0.6 else None)
            self.rels.append((who, word))
        if mode == "caps":
            name = self._pick_name(who, [("first", "upper", 3), ("full", "upper", 1)])
        elif word in ("neighbour", "landlord", "landlady") and rng.random() < 0.5:
            name = self.name(who, "title")
        else:
            name = self._pick_name(who, [("first", "as", 75), ("full", "as", 15), ("first", "lower", 6),
                                         ("first", "upper", 4)])
        prefix = f"{poss} {word}".upper() if mode == "caps" else f"{poss} {word}"
        r = rng.random()
        if mode == "mid" and r < 0.4:
            return [(prefix + ", ", None, None), (name, P, None), (",", None, None)]
        if mode in ("plain", "mid") and r > 0.9:
            return [(prefix + " (", None, None), (name, P, None), (")", None, None)]
        return [(prefix + " ", None, None), (name, P, None)] + ([("'s", None, None)] if mode == "poss" else [])

    def staff_name(self, role: str) -> str:
        rng = self.rng
        if role == "other" or role not in self.staff:
            self.staff[role] = self.new("f" if role == "other" else None)
        who = self.staff[role]
        if role == "gp":
            doc = rng.choice(["Dr", "Dr", "Dr.", "dr", "DR"])
            text = f"{doc} {who.last}" if rng.random() < 0.8 else f"{doc} {who.first} {who.last}"
            return text.lower() if doc == "dr" else text.upper() if doc == "DR" else text
        if role == "other":
            return self._pick_name(who, [("first", "as", 6), ("full", "as", 3), ("title", "as", 2)])
        return self._pick_name(who, [("first", "as", 60), ("full", "as", 15), ("first", "lower", 15),
                                     ("first", "upper", 5), ("title", "as", 5)])

    def email(self) -> str:
        rng = self.rng
        who = self.client if rng.random() < 0.8 or not self.rels else rng.choice(self.rels)[0]
        f, l = _ascii(who.first).lower(), _ascii(who.last).lower()
        yy, word = rng.choice([rng.randrange(50, 100), rng.randrange(1, 30)]), rng.choice(T.EMAIL_WORDS)
        local = rng.choice([f"{f}.{l}", f"{f}{l}{yy}", f"{f[0]}.{l}", f"{l}{f[0]}", f"{f}_{l}{yy}", f"{f}.{l}{yy}",
                            f"{f}{yy}", f"{word}{yy}", f"{word}_{f}", f"{f}.{l}"])
        if rng.random() < 0.08:
            local = ".".join(p.capitalize() for p in local.split("."))
        return f"{local}@{rng.choice(T.EMAIL_DOMAINS)}"

    def slot(self, name: str) -> list[Seg]:
        rng, c = self.rng, self.client
        he, his, him = ("she", "her", "her") if c.gender == "f" else ("he", "his", "him")
        plain = {"he": lambda: he, "his": lambda: his, "him": lambda: him, "car": lambda: rng.choice(T.CARS),
                 "someone": lambda: rng.choice(["young mum", "woman", "lady"] if c.gender == "f"
                                               else ["young dad", "man", "lad"]),
                 "person_noun": lambda: "lady" if c.gender == "f" else "man",
                 "rel_anon": lambda: f"{his} {rng.choice(_FAMILY_ANON)}"}
        if name in plain:
            return [(plain[name](), None, None)]
        if name.startswith("client") and SLOT_TYPES.get(name) == P:
            segs = [(self.client_name(name), P, None)]
            return segs + [("'s", None, None)] if name == "client_poss" else segs
        if name.startswith(("rel", "my_rel")):
            poss = "my" if name.startswith("my") else his
            mode = name.rsplit("_", 1)[-1] if name.endswith(("_mid", "_poss", "_caps")) else "plain"
            return self.relative(poss, mode)
        if name in ("worker", "gp", "other"):
            return [(self.staff_name(name), P, None)]
        if name in ("dob", "dob_born"):
            cue, value = T.date_of_birth(rng, "born" if name == "dob_born" else "any", 2024 - self.age)
            return [(cue, None, None), (value, DOB, None)]
        values = {
            "addr": lambda: T.street_address(rng), "postcode": lambda: T.postcode(rng),
            "district": lambda: rng.choice(T.POSTCODE_DISTRICTS), "phone": lambda: T.phone(rng),
            "mobile": lambda: T.phone(rng, "mobile"), "landline": lambda: T.phone(rng, "landline"), "email": self.email,
            "nhs": lambda: T.nhs_number(rng), "nino": lambda: T.nino(rng),
            "dob_value": lambda: T.date_of_birth(rng, "any", 2024 - self.age)[1],
            "sort_code": lambda: rng.choice(["{:02d}-{:02d}-{:02d}"] * 7 + ["{:02d} {:02d} {:02d}"] * 2 +
                                            ["{:02d}{:02d}{:02d}"]).format(*(rng.randrange(100) for _ in range(3))),
            "account": lambda: f"{rng.randrange(10_000_000, 100_000_000)}", "vrm": lambda: T.vehicle_registration(rng),
            "passport": lambda: f"{rng.randrange(100_000_000, 1_000_000_000)}",
            "case_ref": lambda: T.case_reference(rng, "case_ref"),
            "crime_ref": lambda: T.case_reference(rng, "crime_ref"),
            "client_no": lambda: T.case_reference(rng, "client_no"),
        }
        if name in values:
            return [(values[name](), SLOT_TYPES[name], None)]
        return self.keep(name)

    def keep(self, name: str) -> list[Seg]:
        rng = self.rng
        if name in ("place", "place2"):
            value = self.place if name == "place" else rng.choice([p for p in T.PLACES if p != self.place])
            return [(value, None, "PLACE")]
        if name == "refer":
            value = rng.choice(T.REFER_TO)
            return [(value, None, "SERVICE" if value in T.SERVICE_NAMES else "ORGANISATION")]
        if name == "org":
            return [(rng.choice(T.ORGANISATIONS), None, "ORGANISATION")]
        age, n_kid, n_old = self.age, rng.randrange(2, 18), rng.randrange(60, 96)
        values = {
            "date": (lambda: T.date_value(rng), "DATE"),
            "month": (lambda: rng.choice(T.MONTHS + ["May", "June"] * 2), "DATE"),
            "day": (lambda: rng.choice(T.DAYS), "DATE"), "money": (lambda: T.money(rng), "MONEY"),
            "small_money": (lambda: T.money(rng, "small"), "MONEY"),
            "big_money": (lambda: T.money(rng, "big"), "MONEY"),
            "date_rel": (lambda: rng.choice(["last Tuesday", "yesterday", "last week", "this morning", "last month",
                                             "two weeks ago", "last Friday", "on Monday", "in May", "last June"]),
                         "DATE"),
            "date_next": (lambda: rng.choice(["next Friday", "tomorrow", "next week", "on Thursday", "in June",
                                              "at the end of May", "next month"]), "DATE"),
            "age": (lambda: rng.choice([f"aged {age}", f"{age} years old", f"age {age}"]), "AGE"),
            "kid_age": (lambda: rng.choice([f"aged {n_kid}", f"{n_kid} years old"]), "AGE"),
            "age_bare": (lambda: str(age), "AGE"), "kid_age_bare": (lambda: str(n_kid), "AGE"),
            "old_age": (lambda: rng.choice([str(n_old), f"{n_old} now"]), "AGE"),
        }
        make, kind = values[name]
        value = make()
        for lead in ("on ", "in ", "at the end of "):  # the preposition is not part of the date
            if value.startswith(lead):
                return [(lead, None, None), (value[len(lead):], None, kind)]
        if value.endswith(" now"):
            return [(value[:-4], None, kind), (" now", None, None)]
        return [(value, None, kind)]


# ---- rendering -----------------------------------------------------------------------------------

def _base(slot: str) -> str:
    return slot[0].lower() + slot[1:]


@lru_cache(maxsize=None)
def _parse(template: str) -> tuple:
    parts, pos = [], 0
    for m in _PARSE.finditer(template):
        if m.start() > pos:
            parts.append(("lit", template[pos:m.start()]))
        parts.append(("slot", m.group(1)) if m.group(1) else ("keep", m.group(2), m.group(3)))
        pos = m.end()
    if pos < len(template):
        parts.append(("lit", template[pos:]))
    return tuple(parts)


def _need(template: str) -> Counter:
    return Counter(SLOT_TYPES[_base(p[1])] for p in _parse(template) if p[0] == "slot" and _base(p[1]) in SLOT_TYPES)


def _cap(segs: list[Seg]) -> list[Seg]:
    """Capitalise the first letter unless the text starts with a name (names keep their case)."""
    for i, (text, pii, keep) in enumerate(segs):
        if text:
            if pii is None:
                segs[i] = (text[0].upper() + text[1:], pii, keep)
            break
    return segs


def _render(ctx: _Ctx, template: str) -> list[Seg]:
    out: list[Seg] = []
    for part in _parse(template.lstrip("^")):
        if part[0] == "lit":
            out.append((part[1], None, None))
        elif part[0] == "keep":
            out.append((part[1], None, part[2]))
        else:
            segs = ctx.slot(_base(part[1]))
            out += _cap(segs) if part[1][0].isupper() else segs
    return out


def _words(segs: list[Seg]) -> int:
    return len("".join(s[0] for s in segs).split())


def _join(parts: list[list[Seg]], sep: str) -> list[Seg]:
    out: list[Seg] = []
    for i, part in enumerate(parts):
        out += ([(sep, None, None)] if i else []) + part
    return out


@lru_cache(maxsize=None)
def _pools(register: str) -> dict[str, list[tuple[str, Counter]]]:
    pools: dict[str, list[tuple[str, Counter]]] = {}
    for t in (T.PII_3P if register == "3p" else T.PII_1P):
        need = _need(t)
        for kind in need:
            pools.setdefault(kind, []).append((t, need))
    return pools


def _pii_sentences(ctx: _Ctx, register: str, tokens: Counter) -> list[tuple[bool, list[Seg]]]:
    """Sentences whose PII spans use up exactly the note's `tokens` (entity type -> count)."""
    rng, out = ctx.rng, []
    while sum(tokens.values()) > 0:
        kinds = sorted(k for k in tokens if tokens[k] > 0)
        primary = rng.choices(kinds, weights=[tokens[k] for k in kinds])[0]
        fits = [(t, need) for t, need in _pools(register)[primary] if all(tokens[k] >= v for k, v in need.items())]
        t, need = rng.choice([f for f in fits if f[0] not in ctx.templates] or fits)
        ctx.templates.add(t)
        tokens.subtract(need)
        out.append((t.startswith("^"), _render(ctx, t)))
    return out


def _fill(ctx: _Ctx, sentences: list[list[Seg]], pool: list[str], target: int, words: int, keep_first: int) -> int:
    """Insert filler sentences (no PII) at random places after the first `keep_first` until `target` words."""
    rng = ctx.rng
    for t in rng.sample(pool, len(pool)):
        if words >= target:
            break
        segs = _render(ctx, t)
        if words + _words(segs) <= MAX_WORDS:
            sentences.insert(rng.randint(min(keep_first, len(sentences)), len(sentences)), segs)
            words += _words(segs)
    return words


# ---- note styles ---------------------------------------------------------------------------------

def _prose(ctx: _Ctx, tokens: Counter, target: int, words: int = 0) -> list[list[Seg]]:
    rng = ctx.rng
    pii = _pii_sentences(ctx, "3p", tokens)
    rng.shuffle(pii)
    openers, rest = [s for o, s in pii if o], [s for o, s in pii if not o]
    sentences = (openers[:1] or [_render(ctx, rng.choice(T.OPENERS_3P))]) + openers[1:] + rest
    sentences[1:] = rng.sample(sentences[1:], len(sentences) - 1)
    words = _fill(ctx, sentences, T.FILLERS_3P, target, words + sum(map(_words, sentences)), 1)
    closer = _render(ctx, rng.choice(T.CLOSERS_3P))
    if rng.random() < 0.3 and words + _words(closer) <= MAX_WORDS:
        sentences.append(closer)
    return sentences


def _case_note(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    sentences = _prose(ctx, tokens, target)
    if ctx.rng.random() < 0.2:
        return [("- ", None, None)] + _join(sentences, "\n- ")
    return _join(sentences, " ")


def _anecdote(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    lead = _render(ctx, ctx.rng.choice(["", "", "Volunteer story: ", "From the {day} session: "]))
    return lead + _join(_prose(ctx, tokens, target, _words(lead)), " ")


def _message(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    rng = ctx.rng
    head: list[Seg] = [(rng.choice(["Hi all,", "Hi team,", "Morning all,"]), None, None)]
    tail: list[Seg] = [(rng.choice(["Thanks", "Cheers", "Speak soon"]), None, None)]
    if tokens[P] >= 1 and rng.random() < 0.8:
        tokens[P] -= 1
        head = [(rng.choice(["Hi ", "Hiya ", "Morning ", "Dear "]), None, None), (ctx.staff_name("to"), P, None),
                (",", None, None)]
    if tokens[P] >= 1 and rng.random() < 0.5:
        tokens[P] -= 1
        tail = [(rng.choice(["Thanks,\n", "Cheers,\n", "Many thanks\n", "Thanks, "]), None, None),
                (ctx.staff_name("from"), P, None)]
    body = _prose(ctx, tokens, target, _words(head) + _words(tail))
    return head + [("\n", None, None)] + _join(body, " ") + [("\n", None, None)] + tail


def _transcript(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    rng = ctx.rng
    turns, label = rng.randint(2, 5), None
    if tokens[P] >= 2 and rng.random() < 0.7:
        turns = min(turns, tokens[P])
        tokens[P] -= turns
        base, case = rng.choices([("first", "as"), ("full", "as"), ("first", "upper"), ("title", "as"),
                                  ("first", "lower")], weights=[60, 15, 10, 10, 5])[0]
        label = ctx.name(ctx.client, base, case)
    header = _render(ctx, rng.choice(T.TRANSCRIPT_HEADERS)) if rng.random() < 0.6 else []
    asker, answerer = rng.choice(T.INTERVIEWER_LABELS), rng.choice(T.RESIDENT_LABELS)
    questions = rng.sample(T.QUESTIONS, len(T.QUESTIONS))
    answers: list[list[list[Seg]]] = [[] for _ in range(turns)]
    for _, s in _pii_sentences(ctx, "1p", tokens):
        answers[rng.randrange(turns)].append(s)
    fillers = rng.sample(T.FILLERS_1P, len(T.FILLERS_1P))
    for a in answers:
        if not a and fillers:
            a.append(_render(ctx, fillers.pop()))
    per_turn = 8 + len((label or answerer).split())  # both speaker labels and a question
    words = _words(header) + sum(_words(s) for a in answers for s in a) + per_turn * turns
    while fillers and words < target:
        segs = _render(ctx, fillers.pop())
        if words + _words(segs) + per_turn > MAX_WORDS:
            continue
        if label is None and min(map(len, answers)) >= 2 and len(answers) < len(questions):
            answers.append([])
            words += per_turn
        pick = rng.choice([a for a in answers if len(a) == min(map(len, answers))])
        pick.insert(rng.randint(0, len(pick)), segs)
        words += _words(segs)
    lines = [header] if header else []
    for q, a in zip(questions, answers):
        lines.append([(f"{asker}: {q}", None, None)])
        who = [(label, P, None)] if label else [(answerer, None, None)]
        lines.append(who + [(": ", None, None)] + _join(a, " "))
    return _join(lines, "\n")


_FIELDS = [("Name", P), ("DOB", DOB), ("Address", ADDR), ("Postcode", PC), ("Previous address", ADDR),
           ("Tel", TEL), ("Mobile", TEL), ("Email", MAIL), ("NHS no", NHS), ("NI no", NINO), ("GP", P),
           ("Next of kin", P), ("Referred by", P), ("Case ref", REF), ("Sort code", BANK), ("Account no", BANK),
           ("Vehicle reg", VRM), ("Passport no", PASS)]
_FIELD_LABELS = {"DOB": ["DOB", "Date of birth", "D.O.B."], "NHS no": ["NHS no", "NHS number", "NHS No."],
                 "NI no": ["NI no", "NI number", "NINO"], "Case ref": ["Case ref", "Our ref", "Client no"],
                 "Tel": ["Tel", "Phone", "Contact number"]}


def _field(ctx: _Ctx, label: str) -> tuple[str, list[Seg]]:
    rng = ctx.rng
    shown = rng.choice(_FIELD_LABELS.get(label, [label]))
    if label == "Name":
        forms = [("full", "as", 40), ("full", "upper", 25), ("surname_first", "as", 15), ("title", "as", 20)]
        return shown, [(ctx._pick_name(ctx.client, forms), P, None)]
    if label == "Next of kin":
        gender = rng.choice("fm")
        who = ctx.new(gender, ctx.client.last if rng.random() < 0.6 else None)
        return shown, [(ctx.name(who, "full"), P, None), (f" ({rng.choice(T.REL_WORDS[gender])})", None, None)]
    if label == "Referred by":
        return shown, [(ctx.name(ctx.new(), "full"), P, None), (", ", None, None)] + ctx.keep("org")
    if label == "Address" and rng.random() < 0.6:
        return shown, ctx.slot("addr") + [(", ", None, None)] + ctx.keep("place")
    slot = {"DOB": "dob_value", "Address": "addr", "Previous address": "addr", "Postcode": "postcode", "Tel": "phone",
            "Mobile": "mobile", "Email": "email", "NHS no": "nhs", "NI no": "nino", "GP": "gp",
            "Sort code": "sort_code",
            "Account no": "account", "Vehicle reg": "vrm", "Passport no": "passport",
            "Case ref": {"Client no": "client_no"}.get(shown, "case_ref")}[label]
    return shown, ctx.slot(slot)


def _form(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    rng = ctx.rng
    lines = [_render(ctx, rng.choice(T.FORM_HEADERS))]
    if sum(tokens.values()) == 0:
        lines += [_render(ctx, t) for t in ("Referral date: {date}", "Area: {place}", "Age: {age_bare}")]
    elif tokens[P] == 0:
        lines.append([("Name: withheld (self-referral)", None, None)])
    for label, kind in _FIELDS:
        if tokens[kind] > 0:
            tokens[kind] -= 1
            shown, value = _field(ctx, label)
            lines.append([(f"{shown}: ", None, None)] + value)
    words = sum(map(_words, lines))
    sentences = [s for _, s in _pii_sentences(ctx, "3p", tokens)]
    _fill(ctx, sentences, T.FILLERS_3P, max(target, words + 5), words + sum(map(_words, sentences)), 0)
    lines.append([(rng.choice(T.FORM_REASONS) + " ", None, None)] + _join(sentences, " "))
    return _join(lines, "\n")


_BUILDERS = {"case_note": _case_note, "anecdote": _anecdote, "transcript": _transcript, "form": _form,
             "message": _message}
_LENGTHS = {"case_note": (8, 200, 40), "anecdote": (30, 250, 110), "transcript": (40, 250, 120),
            "form": (15, 120, 40), "message": (8, 150, 35)}


def _note(rng: random.Random, note_id: str, style: str, tokens: Counter) -> dict:
    ctx = _Ctx(rng)
    lo, hi, mode = _LENGTHS[style]
    segs = _BUILDERS[style](ctx, tokens, max(MIN_WORDS, int(rng.triangular(lo, hi, mode))))
    if style in ("case_note", "message") and rng.random() < 0.06:
        lowered = [(t.lower(), p, k) for t, p, k in segs]
        if all(len(a[0]) == len(b[0]) for a, b in zip(lowered, segs)):
            segs = lowered
    text, spans, keep, pos = [], [], [], 0
    for value, pii, kept in segs:
        if pii or kept:
            (spans if pii else keep).append({"type": pii or kept, "start": pos, "end": pos + len(value)})
        text.append(value)
        pos += len(value)
    return {"id": note_id, "text": "".join(text), "spans": spans, "keep": keep}


# ---- the set -------------------------------------------------------------------------------------

def _plan(rng: random.Random, n: int) -> list[Counter]:
    """PII types per note: 30% none, else 1-6 spans dealt from a pool with TYPE_SHARES of the total."""
    sizes = list(SPANS_PER_NOTE)
    ks = [0] * round(n * NO_PII_SHARE)
    ks += rng.choices(sizes, weights=[SPANS_PER_NOTE[k] for k in sizes], k=n - len(ks))
    rng.shuffle(ks)
    total, share = sum(ks), sum(TYPE_SHARES.values())
    counts = {t: int(total * w / share) for t, w in TYPE_SHARES.items()}
    counts[P] += total - sum(counts.values())
    pool = [t for t, c in counts.items() for _ in range(c)]
    rng.shuffle(pool)
    plans = []
    for k in ks:
        got: Counter = Counter()
        for _ in range(k):  # prefer a type the note does not have yet (two NHS numbers in a note is odd)
            i = next((i for i, t in enumerate(pool[:60]) if t in _REPEATABLE or not got[t]), 0)
            got[pool.pop(i)] += 1
        plans.append(got)
    return plans


def generate_pii_eval_set(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[dict]:
    """`n` labelled notes; the same (n, seed) always gives the same records."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(seed)
    plans = _plan(rng, n)
    styles = rng.choices(list(STYLES), weights=list(STYLES.values()), k=n)
    records = []
    for i, (tokens, style) in enumerate(zip(plans, styles), start=1):
        if style == "form" and sum(tokens.values()) == 1:
            style = "case_note"
        record = _note(random.Random(seed * 1_000_003 + i), f"uk-{i:04d}", style, tokens)
        bad = problems(record)
        if bad:
            raise RuntimeError(f"generator bug in {record['id']}: {bad[:3]}")
        records.append(record)
    return records


def write_pii_eval_set(path: str | Path, n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[dict]:
    """Write the set as JSONL (one record a line, keys id, text, spans, keep) and return the records."""
    records = generate_pii_eval_set(n, seed)
    with open(path, "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


def summary(records: list[dict]) -> dict[str, Counter]:
    return {"spans": Counter(s["type"] for r in records for s in r["spans"]),
            "keep": Counter(k["type"] for r in records for k in r["keep"])}


def problems(record: dict) -> list[str]:
    """What is wrong with one record: bad keys or offsets, overlaps, edge spaces, unlabelled names or numbers."""
    out, text = [], record.get("text", "")
    if set(record) != {"id", "text", "spans", "keep"}:
        out.append(f"keys {sorted(record)}")
    items = ([(s, set(TYPE_SHARES)) for s in record.get("spans", [])]
             + [(k, set(KEEP_TYPES)) for k in record.get("keep", [])])
    for item, allowed in items:
        s, e = item["start"], item["end"]
        if item["type"] not in allowed or not (0 <= s < e <= len(text)) or text[s:e] != text[s:e].strip():
            out.append(f"bad label {item} {text[s:e]!r}")
    ordered = sorted((i["start"], i["end"]) for i, _ in items)
    out += [f"overlap at {b[0]}" for a, b in zip(ordered, ordered[1:]) if b[0] < a[1]]
    spans = [(s["start"], s["end"]) for s in record.get("spans", [])]

    def inside(s: int, e: int, ranges: list) -> bool:
        return any(a <= s and e <= b for a, b in ranges)

    names = name_words()
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        if word.lower().endswith("'s"):
            word, end = word[:-2], end - 2
        if word.lower() in names and not inside(m.start(), end, spans):
            out.append(f"unlabelled name {word!r}")
    for m in re.finditer(r"\d(?:[ -]?\d){5,}", text):
        if not inside(m.start(), m.end(), ordered):
            out.append(f"unlabelled number {m.group()!r}")
    return out


# ---- variants and template sets (corpora/pii_eval_variants.py) -------------------------------------
def use_templates(name: str) -> None:
    """Generate from template set "a" (corpora.pii_eval_templates, the default) or "b"
    (corpora.pii_eval_templates_b: written apart, never tuned on)."""
    global T
    import importlib

    T = importlib.import_module({"a": "corpora.pii_eval_templates", "b": "corpora.pii_eval_templates_b"}[name])
    for cached in (_name_lists, name_words, _pools, _parse):
        cached.cache_clear()


def main(argv: list[str] | None = None) -> int:
    from corpora.pii_eval_variants import VARIANTS, add_variants

    parser = argparse.ArgumentParser(prog="python -m corpora.pii_eval",
                                     description="Write the labelled UK anonymisation test set as JSONL.")
    parser.add_argument("out", type=Path, help="output .jsonl file")
    parser.add_argument("--n", type=int, default=DEFAULT_N, help=f"number of notes (default {DEFAULT_N})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--templates", choices=["a", "b"], default="a",
                        help="template set: a (default) or b (held out: corpora/pii_eval_templates_b.py)")
    parser.add_argument("--variants", default="",
                        help=f"also write variant copies, comma-separated or 'all': {', '.join(VARIANTS)}. "
                             "A copy's id is '<id>~<variant>'; `insights eval anonymisation` reports each "
                             "variant as its own rows.")
    args = parser.parse_args(argv)
    use_templates(args.templates)
    if args.variants:
        wanted = list(VARIANTS) if args.variants == "all" else [v.strip() for v in args.variants.split(",") if v.strip()]
        unknown = [v for v in wanted if v not in VARIANTS]
        if unknown:
            parser.error(f"unknown variant(s) {', '.join(unknown)}; use {', '.join(VARIANTS)} or all")
        records = add_variants(generate_pii_eval_set(args.n, args.seed), wanted, args.seed)
        with open(args.out, "w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        records = write_pii_eval_set(args.out, args.n, args.seed)
    counts = summary(records)
    print(f"Wrote {len(records)} notes to {args.out}", file=sys.stderr)
    for part in ("spans", "keep"):
        print(f"  {part}: " + ", ".join(f"{t} {c}" for t, c in counts[part].most_common()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
