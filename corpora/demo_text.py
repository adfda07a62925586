"""How a demo note's words are put together: prose case notes and anecdotes, interview transcripts with turns,
the themes' phrases and the planted identifiers (whose spans are kept for the tests). `corpora.demo` decides
what each note is about; this module writes it."""
from __future__ import annotations

import random
import re
from datetime import date

from corpora import areas as _areas
from corpora import phrases as P
from corpora.people import CAST_SLOTS, Cast, Person, Seg

MIN_WORDS, MAX_WORDS = 20, 400   # words per demo note

# ---- text composition ----------------------------------------------------------------------------

_SLOT = re.compile(r"\{(\w+)\}")
_PII_ONLY = {"name", "full", "first", "address", "postcode", "phone", "email", "nhs", "nino", "dob", "ref"}
_PRONOUNS = {"he": ("he", "she", "I"), "his": ("his", "her", "my"), "him": ("him", "her", "me")}
_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]


def _cap(segs: list[Seg]) -> list[Seg]:
    """Capitalise the first letter of a sentence unless it starts with a PII value (kept verbatim)."""
    for i, (s, t) in enumerate(segs):
        if s:
            if t is None:
                segs[i] = (s[0].upper() + s[1:], None)
            break
    return segs


def _some(rng: random.Random, items: list[str], lo: int, hi: int) -> list[str]:
    return rng.sample(items, min(len(items), rng.randint(lo, hi)))


def _n_words(segs: list[Seg]) -> int:
    return len("".join(s for s, _ in segs).split())


class _Writer:
    """Fills templates for one note, keeping its people and identifiers consistent."""

    def __init__(self, rng: random.Random, source: str, themes: list[str], ward: dict, when: date,
                 person: Person, pii: bool):
        self.rng, self.source, self.themes, self.ward, self.when = rng, source, themes, ward, when
        self.person, self.pii, self.first_person = person, pii, False
        self.local = _areas.LOCAL[ward["lad"]]
        self.queues: dict[int, list[str]] = {}
        self.cast = Cast(rng, person, urban=ward["urban"], districts=ward["postcode_districts"], year=when.year,
                         case_note=source == "case_note", pii=pii, young="youth_education_employment" in themes)
        # Each note draws a handful of a theme's sentences, so notes on the same theme don't all overlap.
        self.facts = {t: _some(rng, P.THEMES[t]["facts"], 5, 8) for t in themes}
        self.voice = {t: _some(rng, P.THEMES[t]["voice"], 5, 7) for t in themes}
        self.general = _some(rng, P.GENERAL["facts"], 5, 9)
        self.general_voice = _some(rng, P.GENERAL["voice"], 5, 9)
        venues = P.THEMES[themes[0]]["venues"] if themes and rng.random() < 0.6 else P.GENERIC_VENUES
        self.venue = rng.choice(venues)
        self.desc = rng.choice(P.DESCRIPTORS[person.gender])

    def ok(self, template: str) -> bool:
        return self.pii or not any(m.group(1).lower() in _PII_ONLY for m in _SLOT.finditer(template))

    def pick(self, templates: list[str]) -> str:
        return self.rng.choice([t for t in templates if self.ok(t)])

    def cycle(self, templates: list[str]) -> str:
        """The next of `templates` in a per-note shuffled order, so frames don't repeat back to back."""
        queue = self.queues.setdefault(id(templates), [])
        if not queue:
            queue += self.rng.sample([t for t in templates if self.ok(t)], len([t for t in templates if self.ok(t)]))
        return queue.pop()

    def sentence(self, template: str, **extra: str) -> list[Seg]:
        return _cap(self.render(template, extra))

    def render(self, template: str, extra: dict[str, str] | None = None) -> list[Seg]:
        out: list[Seg] = []
        pos = 0
        for m in _SLOT.finditer(template):
            out.append((template[pos:m.start()], None))
            name = m.group(1)
            low = name[0].lower() + name[1:]
            segs = self.render(extra[low], extra) if extra and low in extra else self.slot(low)
            out += _cap(list(segs)) if name[0].isupper() else segs
            pos = m.end()
        out.append((template[pos:], None))
        return [s for s in out if s[0]]

    def next_fact(self, theme: str | None) -> str:
        pool = self.facts.get(theme) if theme else self.general
        if pool:
            return pool.pop()
        return self.rng.choice(P.THEMES[theme]["facts"] if theme else P.GENERAL["facts"])

    def slot(self, name: str) -> list[Seg]:
        p = self.person
        if name in _PRONOUNS:
            forms = _PRONOUNS[name]
            return [(forms[2] if self.first_person else forms[0 if p.gender == "m" else 1], None)]
        if name in CAST_SLOTS:
            return self.cast.slot(name, self.first_person)
        if name == "area_name":
            return [(self.ward["name"], None)]
        if name == "month_year":
            return [(f"{_MONTH_NAMES[self.when.month - 1]} {self.when.year}", None)]
        if name in ("venue", "desc"):
            return [(getattr(self, name), None)]
        options = self.local.get(name) or P.FILLERS.get(name)
        if options is None:
            raise KeyError(f"unknown template slot {{{name}}}")
        value = self.rng.choice(options)
        return self.render(value) if "{" in value else [(value, None)]


def _target_words(rng: random.Random, source: str) -> int:
    bands = {"case_note": [(0.22, 20, 40), (0.75, 40, 110), (0.94, 110, 220), (1.0, 220, 340)],
             "anecdote": [(0.45, 30, 90), (0.88, 90, 200), (1.0, 200, 320)],
             "transcript": [(0.4, 60, 160), (0.82, 160, 300), (1.0, 300, 395)]}[source]
    r = rng.random()
    for cut, lo, hi in bands:
        if r <= cut:
            return rng.randint(lo, hi)
    return 100


def _compose(rng: random.Random, source: str, themes: list[str], ward: dict, when: date, person: Person,
             pii: bool) -> tuple[str, list[dict]]:
    w = _Writer(rng, source, themes, ward, when, person, pii)
    target = _target_words(rng, source)
    if source == "transcript":
        sep, parts = "\n", _transcript(w, target)
    else:
        sep, parts = " ", _prose(w, target, source == "case_note")
    if pii and not any(t for part in parts for _, t in part):
        parts.append(w.sentence(rng.choice(P.FALLBACK_NAMES[source])))
    text, spans, pos = [], [], 0
    for i, part in enumerate(parts):
        if i:
            text.append(sep)
            pos += len(sep)
        for s, t in part:
            if t:
                spans.append({"type": t, "start": pos, "end": pos + len(s), "value": s})
            text.append(s)
            pos += len(s)
    return "".join(text), spans


_RESERVE = 8  # words kept free for a fallback name line


def _fill(parts: list[list[Seg]], at: int, target: int, reserved: int, make) -> None:
    """Insert sentences from `make()` at index `at` until the note reaches `target` words (or runs dry),
    never letting parts plus `reserved` words pass MAX_WORDS."""
    words = sum(_n_words(p) for p in parts)
    while words + reserved < max(target, MIN_WORDS):
        extra = make()
        if not extra:
            break
        n = sum(_n_words(p) for p in extra)
        if words + n + reserved + _RESERVE > MAX_WORDS:
            break
        parts[at:at] = extra
        at += len(extra)
        words += n


def _prose(w: _Writer, target: int, case: bool) -> list[list[Seg]]:
    rng, themes = w.rng, w.themes
    frames, actions = (P.CASE_FRAMES, P.CASE_ACTIONS) if case else (P.ANEC_FRAMES, P.ANEC_ACTIONS)
    first_theme = themes[0] if themes else None
    openers = P.CASE_OPENERS if case else P.ANEC_OPENERS
    if w.pii and rng.random() < 0.5:
        openers = [t for t in openers if "{name}" in t.lower()]
    opener = w.pick(openers)
    head = [w.sentence(opener, fact=w.next_fact(first_theme))] if target > 28 or not case else []
    per_theme = 1 if target < 50 else (2 if target < 130 else 3)
    body = [w.sentence(w.cycle(frames), fact=w.next_fact(t)) for t in (themes or [None]) for _ in range(per_theme)]
    acts = [w.sentence(w.cycle(actions), action=rng.choice(P.THEMES[t]["actions"])) for t in themes
            if rng.random() < 0.8]
    admin = []
    if case and w.pii:
        n_admin = rng.choices([0, 1, 2, 3], weights=[3, 4, 3, 1 if target > 60 else 0])[0]
        admin = [w.sentence(t) for t in rng.sample(P.CASE_ADMIN, n_admin)]
    closers = P.CASE_CLOSERS if case else P.ANEC_CLOSERS
    tail = [w.sentence(rng.choice(closers))] if rng.random() < 0.6 else []
    parts = head + body
    context = rng.sample(P.CASE_CONTEXT if case else P.ANEC_CONTEXT, len(P.CASE_CONTEXT if case else P.ANEC_CONTEXT))

    def more() -> list[list[Seg]]:
        theme = rng.choice(themes) if themes else None
        has_fact = bool(w.facts.get(theme) if theme else w.general)
        if has_fact and (rng.random() < 0.65 or not context):
            return [w.sentence(w.cycle(frames), fact=w.next_fact(theme))]
        return [w.sentence(context.pop())] if context else []

    _fill(parts, len(parts), target, sum(_n_words(p) for p in acts + admin + tail), more)
    return parts + acts + admin + tail


def _turn(w: _Writer, speaker: str, template: str, **extra: str) -> list[Seg]:
    return [(speaker + ": ", None)] + w.sentence(template, **extra)


def _transcript(w: _Writer, target: int) -> list[list[Seg]]:
    rng, themes = w.rng, w.themes
    lines: list[list[Seg]] = []
    if rng.random() < 0.5:
        lines.append(w.sentence(w.pick(P.TRANSCRIPT_HEADERS)))
    lines.append(_turn(w, "Interviewer", rng.choice(P.INTRO_QUESTIONS)))
    lines.append(_turn(w, "Resident", w.pick(P.INTRO_ANSWERS)))
    questions = {t: rng.sample(P.THEMES[t]["questions"], len(P.THEMES[t]["questions"])) for t in themes}

    def answer(theme: str | None) -> list[Seg] | None:
        pool = w.voice.get(theme) if theme else None
        if theme and not pool:
            return None
        line = pool.pop() if pool else (w.general_voice.pop() if w.general_voice else rng.choice(P.GENERAL["voice"]))
        marker = rng.choice(P.MARKERS)
        if marker.endswith(", ") and line[0].isupper() and not line.startswith(("I ", "I'")):
            line = line[0].lower() + line[1:]
        return _turn(w, "Resident", marker + line)

    for t in themes or [None]:
        q = questions[t].pop() if t else rng.choice(P.GENERAL["questions"])
        lines += [_turn(w, "Interviewer", q), answer(t) or _turn(w, "Resident", "It's hard to say.")]
        if t and rng.random() < 0.6:
            w.first_person = True
            help_line = _turn(w, "Resident", "{helper} {action}.", helper=w.pick(P.HELPERS),
                              action=rng.choice(P.THEMES[t]["actions"]))
            w.first_person = False
            lines += [_turn(w, "Interviewer", rng.choice(P.FOLLOW_UPS)), help_line]
    closing = [c for c in P.CLOSING if w.ok(c[0] + c[1])]
    q, a = rng.choice(closing)
    tail = [_turn(w, "Interviewer", q), _turn(w, "Resident", a)]

    def more() -> list[list[Seg]]:
        options = [t for t in themes if w.voice[t]]
        if options:
            t = rng.choice(options)
            prompt = questions[t].pop() if questions[t] and rng.random() < 0.5 else rng.choice(P.MORE_PROMPTS)
            return [_turn(w, "Interviewer", prompt), answer(t)]
        if w.general_voice:
            return [_turn(w, "Interviewer", rng.choice(P.GENERAL["questions"])), answer(None)]
        return []

    _fill(lines, len(lines), target, sum(_n_words(p) for p in tail), more)
    return lines + tail
