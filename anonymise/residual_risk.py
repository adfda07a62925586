"""Residual risk: words left in an ANONYMISED note that might still identify someone, each with a reason in
plain words, so the worker can hide them before sending.

`find_risks(text)` reads only the anonymised text (placeholders such as `<PERSON_1>`, `<HIDDEN>`,
`<POSTCODE:SE13>` or `<AGE:75+>` are never flagged, and never looked inside) and returns `Risk`s with offsets
in that text. Rules, each kept narrow so that ordinary words, services, towns and dates are not flagged:

* a capitalised word we do not know (not an English word, not allow-listed) next to a person cue: a title
  ("Mrs Zebedee"), a naming word ("a lad called Zeb"), a relationship word ("her son Tymek", "my neighbour"),
  a verb of saying or contact ("told Zeb", "Zeb said"), or a hidden name ("<PERSON_1> Okorafor");
* a house, flat or door number that was not hidden ("Flat 3", "lives at number 14", "No. 27");
* specific details: an exact age of 80 or more ("aged 93"), a named school ("Larkspur Primary School"), a
  named employer or school after "works at", "goes to", "attends" ("works at Brindle Joinery"), and "the only
  ... in/on ..." ("the only Eritrean family on the estate").

"Known" words come from the name lexicon's English dictionary and common words (anonymise/name_lists.py),
the allow-list (anonymise/allow_list.py, plus a deployment's own phrases and area names, passed in), and the
cue-word lists of anonymise/name_rules.py. Nothing here loads a model; the lexicon is built once per process.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from anonymise.name_rules import (
    CONTRACTED,
    NAMING,
    NON_NAME,
    POSSESSIVES,
    SPEECH_VERBS,
    TITLES,
    is_rel,
)
from anonymise.tokens import Tok, tokenise

# Every placeholder replace.py writes: <PERSON_1>, <HIDDEN>, <STREET_ADDRESS>, <POSTCODE:SE13>, <AGE:75+>.
PLACEHOLDER = re.compile(r"<[A-Z][A-Z_]*(?:_\d+)?(?:[: ][^<>\n]{0,60})?>")
# Before a name: verbs of contact or saying ("told Zeb", "asked Zeb").
BEFORE_VERBS = frozenset("told asked rang phoned texted emailed messaged met thanked visited called".split())
# After a name: verbs of saying ("Zeb said").
AFTER_VERBS = SPEECH_VERBS - {"called", "lives", "attended"}
CONTRACTION_ENDS = frozenset("ve re ll d m t s".split())
HOUSE_NUMBER = re.compile(
    r"\b(?:(?:flat|apartment|apt|room|unit|maisonette|door|house|block)\s+(?:no\.?\s*)?"
    r"|(?:(?<=lives at )|(?<=living at )|(?<=staying at )|(?<=moved to )|(?<=at ))number\s+"
    r"|no\.\s*|No\s+(?=\d))"
    r"\d{1,4}[a-z]?\b"
    r"|(?<=\blives at )\d{1,4}[a-z]?\b|(?<=\bliving at )\d{1,4}[a-z]?\b|(?<=\bstaying at )\d{1,4}[a-z]?\b",
    re.IGNORECASE)
NOT_A_HOUSE = re.compile(r"\s*(?:bus|route|days?|weeks?|months?|years?|hours?|minutes?|times?|people|children|"
                         r"kids|pounds|quid|%|percent|pm|am)\b", re.IGNORECASE)
EXACT_AGE = re.compile(r"\b(?:aged?\s+|age of\s+)(\d{2,3})\b|\b(\d{2,3})[- ](?:years?|yrs?)[- ]old\b", re.IGNORECASE)
OLD_AGE = 80
_CAP = r"(?:St\.?\s|Saint\s)?[A-Z][\w'’\-]*(?:\s+(?:of\s+|the\s+|and\s+|&\s+)?[A-Z][\w'’\-]*)*"
SCHOOL = re.compile(rf"\b{_CAP}\s+(?:Primary|Infants?|Junior|Secondary|High|Grammar|Nursery|Academy|College|School|"
                    r"Sixth Form)(?:\s+(?:School|Academy|College))?\b")
PLACE_OF = re.compile(r"\b(?:works?|working|worked|job|employed|volunteers?|volunteering|goes|going|went|attends?|"
                      r"attending|pupil|student|studies|studying|school|placement|apprenticeship)"
                      r"\s+(?:at|for|to|by|in)\s+(?:the\s+)?(" + _CAP + ")")
ONLY = re.compile(r"\bthe only\s+(?:[\w\-]+\s+){1,4}?(?:in|on|at|of)\s+(?:the|our|this|their|her|his)\s+[\w\-]+",
                  re.IGNORECASE)

REASONS = {
    "title": 'This looks like a name: it comes after "{cue}".',
    "naming": 'This looks like a name: it comes after "{cue}".',
    "relation": 'This looks like the name of someone close to them: it comes after "{cue}".',
    "before_verb": 'This looks like a name: it comes after "{cue}".',
    "after_verb": 'This looks like a name: it comes just before "{cue}".',
    "placeholder": "This looks like part of a name we hid next to it (a surname or nickname).",
    "house": "A house or flat number can help someone find where this person lives.",
    "age": "An exact age of {age} is rare: with the area, it could point to one person. A range (such as "
           "\"over 80\") is safer.",
    "school": "Naming a school can point to a child or family.",
    "employer": "Naming where someone works or studies can help identify them.",
    "only": "Saying someone is \"the only\" one in a place can identify them.",
}


@dataclass(frozen=True)
class Risk:
    start: int      # offsets in the anonymised text
    end: int
    text: str
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)


class ResidualRisk:
    """The detector: build once (it compiles the allow-list), call `find(text)` per note."""

    def __init__(self, allow_list: Iterable[str] | None = None, lex=None) -> None:
        from anonymise.allow_list import DEFAULT_ALLOW_LIST
        from anonymise.name_lists import lexicon

        self.lex = lex or lexicon()
        self._allow: dict[str, list[tuple[str, ...]]] = {}
        for phrase in list(DEFAULT_ALLOW_LIST) + list(allow_list or ()):
            words = tuple(t.low for t in tokenise(phrase))
            if words:
                self._allow.setdefault(words[0], []).append(words)

    # ---- word classes ---------------------------------------------------------------------------
    def _allowed_at(self, toks: list[Tok], i: int) -> int:
        """How many tokens from i on are an allow-listed phrase (0 if none), or inside one that started before."""
        for j in range(max(0, i - 4), i + 1):
            for words in self._allow.get(toks[j].low, ()):
                n = len(words)
                if j + n > i and tuple(t.low for t in toks[j:j + n]) == words:
                    return j + n - i
        return 0

    def _unknown(self, tok: Tok) -> bool:
        """A capitalised word that is not an English word, cue word, month or day."""
        low = tok.low
        if tok.shape != "title" or len(low) < 2:
            return False
        if low in NON_NAME or low in TITLES or low in POSSESSIVES or is_rel(low):
            return False
        head, _, tail = low.partition("'")
        if tail in CONTRACTION_ENDS and (head in CONTRACTED or self.lex.plain_word(head)):   # "I've", "Mum'll"
            return False
        parts = [p for p in re.split(r"[-']", tok.key) if p]
        return not all(self.lex.plain_word(p) or p in self.lex.common for p in parts)

    def _name_like(self, tok: Tok) -> bool:
        """After a strong cue (a title, "called"), a known first name or surname also counts ("Mrs Rose")."""
        if self._unknown(tok):
            return True
        return (tok.shape == "title" and tok.low not in NON_NAME and tok.low not in self.lex.common
                and (tok.key in self.lex.first or tok.key in self.lex.surnames))

    # ---- rules ----------------------------------------------------------------------------------
    def find(self, text: str) -> list[Risk]:
        holes = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
        masked = PLACEHOLDER.sub(lambda m: "\x00" * (m.end() - m.start()), text)
        found: list[tuple[int, int, str]] = []
        found += self._names(masked)
        found += self._houses(masked)
        found += self._ages(masked)
        found += self._places(masked)
        found += [(m.start(), m.end(), REASONS["only"]) for m in ONLY.finditer(masked)]
        out: list[Risk] = []
        for start, end, reason in sorted(found, key=lambda f: (f[0], -f[1])):
            if any(a < end and start < b for a, b in holes):
                continue
            if out and start < out[-1].end:      # overlapping: keep the first, longest
                continue
            out.append(Risk(start, end, text[start:end], reason))
        return out

    def _names(self, masked: str) -> list[tuple[int, int, str]]:
        toks = tokenise(masked)
        out = []
        i = 0
        while i < len(toks):
            tok = toks[i]
            if self._allowed_at(toks, i):
                i += 1
                continue
            why = self._cue(masked, toks, i)
            if why is None:
                i += 1
                continue
            j = i
            while j + 1 < len(toks) and self._gap(masked, toks[j], toks[j + 1]) == " " \
                    and self._unknown(toks[j + 1]) and not self._allowed_at(toks, j + 1):
                j += 1
            out.append((tok.start, toks[j].end, why))
            i = j + 1
        return out

    @staticmethod
    def _gap(text: str, a: Tok, b: Tok) -> str:
        return text[a.end:b.start]

    def _cue(self, text: str, toks: list[Tok], i: int) -> str | None:
        tok = toks[i]
        if tok.shape != "title":
            return None
        if text[max(0, tok.start - 2):tok.start] == "\x00 " and self._unknown(tok):   # "<PERSON_1> Okorafor"
            return REASONS["placeholder"]
        prev = toks[i - 1] if i else None
        tight = prev is not None and re.fullmatch(r" |, | \(|: |\. ", text[prev.end:tok.start]) is not None
        if prev is not None and tight:
            low = prev.low.rstrip(".")
            if low in TITLES and self._name_like(tok) and text[prev.end:tok.start] in (" ", ". "):
                return REASONS["title"].format(cue=prev.text)
            if low in NAMING and self._name_like(tok):
                return REASONS["naming"].format(cue=prev.text)
            if is_rel(prev.low) and self._unknown(tok):
                two = toks[i - 2] if i >= 2 else None
                cue = f"{two.text} {prev.text}" if two is not None and two.low in POSSESSIVES else prev.text
                return REASONS["relation"].format(cue=cue)
            if prev.low in BEFORE_VERBS and text[prev.end:tok.start] == " " and self._unknown(tok):
                return REASONS["before_verb"].format(cue=prev.text)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and nxt.low in AFTER_VERBS and text[tok.end:nxt.start] in (" ", ", ") \
                and self._unknown(tok):
            return REASONS["after_verb"].format(cue=nxt.text)
        return None

    def _houses(self, masked: str) -> list[tuple[int, int, str]]:
        out = []
        for m in HOUSE_NUMBER.finditer(masked):
            if NOT_A_HOUSE.match(masked, m.end()):
                continue
            out.append((m.start(), m.end(), REASONS["house"]))
        return out

    def _ages(self, masked: str) -> list[tuple[int, int, str]]:
        out = []
        for m in EXACT_AGE.finditer(masked):
            age = int(m.group(1) or m.group(2))
            if OLD_AGE <= age <= 120:
                out.append((m.start(), m.end(), REASONS["age"].format(age=age)))
        return out

    def _places(self, masked: str) -> list[tuple[int, int, str]]:
        out = []
        for m in SCHOOL.finditer(masked):
            if not self._all_allowed(m.group(0)):
                out.append((m.start(), m.end(), REASONS["school"]))
        for m in PLACE_OF.finditer(masked):
            name = m.group(1)
            if SCHOOL.fullmatch(name) or self._all_allowed(name) or not self._specific(name):
                continue
            out.append((m.start(1), m.end(1), REASONS["employer"]))
        return out

    def _all_allowed(self, phrase: str) -> bool:
        """Every word of `phrase` is inside an allow-listed phrase ("Citizens Advice", "Lewisham")."""
        toks = tokenise(phrase)
        return bool(toks) and all(self._allowed_at(toks, i) for i in range(len(toks)))

    def _specific(self, phrase: str) -> bool:
        """A named place, not a common word in capitals at a sentence start ("works at Home")."""
        toks = [t for t in tokenise(phrase) if t.low not in ("of", "the", "and", "st", "saint")]
        return len(toks) >= 2 or any(self._unknown(t) for t in toks)


@functools.cache
def default_detector() -> ResidualRisk:
    """The detector with the built-in allow-list only; built on first use, cached per process."""
    return ResidualRisk()


def find_risks(text: str, detector: ResidualRisk | None = None) -> list[dict]:
    """The risks in an anonymised text as dicts {start, end, text, reason} (the built-in allow-list unless
    a detector built with a deployment's own phrases is passed)."""
    return [r.as_dict() for r in (detector or default_detector()).find(text)]
