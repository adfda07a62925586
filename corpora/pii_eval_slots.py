"""The labelled test set's vocabulary and one note's cast: the PII types and their shares, which template slot
holds which type, the name lists, and `_Ctx`, which deals a note its people and fills each slot with a value
and its span. `T` is the template set in use (corpora.pii_eval_templates, or set b, c, d or e); `corpora.pii_eval`
writes the notes."""
from __future__ import annotations

import importlib
import random
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from corpora import people as _people


class _Templates:
    """The template module in use; `use(name)` switches every reader at once."""

    def __init__(self) -> None:
        self.module = importlib.import_module("corpora.pii_eval_templates")

    def use(self, name: str) -> None:
        self.module = importlib.import_module({"a": "corpora.pii_eval_templates",
                                               "b": "corpora.pii_eval_templates_b",
                                               "c": "corpora.pii_eval_templates_c",
                                               "d": "corpora.pii_eval_templates_d",
                                               "e": "corpora.pii_eval_templates_e",
                                               "f": "corpora.pii_eval_templates_f",
                                               "g": "corpora.pii_eval_templates_g"}[name])

    def __getattr__(self, name: str):
        return getattr(self.module, name)


T = _Templates()

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
                     "client_poss", "client_alt", "rel", "rel_mid", "rel_poss", "rel_caps", "my_rel", "my_rel_mid",
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
        if slot == "client_alt":  # set e's own name forms (initials, surname first, ...)
            return T.client_alt_name(self.rng, self.client)
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
                 "rel_anon": lambda: f"{his} {rng.choice(_FAMILY_ANON)}",
                 "language": lambda: rng.choice(T.LANGUAGES)}
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
        own = {k: getattr(T.module, f, None) for k, f in (("sort_code", "sort_code"), ("account", "account_number"),
                                                          ("passport", "passport_number"))}
        if own.get(name):  # a template set may type these its own way (set d)
            return [(own[name](rng), SLOT_TYPES[name], None)]
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
            "year": (lambda: str(rng.randrange(2012, 2024)), "DATE"),
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
