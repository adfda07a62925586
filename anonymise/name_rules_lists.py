"""Wider name sources for `anonymise.name_lists`, and the list, pair and answer rules of the name recogniser.

Sources (read from Faker's person providers, as data, not through the generator)
    * every first-name attribute of a locale (`first_names*`, `first_romanized_names*`) and every surname
      attribute (`last_names*`, `male_last_names`, `last_romanized_names`, ...): many locales keep their
      surnames only in gendered lists (Polish, Russian, Czech, Bulgarian...);
    * derived forms Faker leaves out: Polish feminine surnames ("Borkowski" -> "Borkowska"), Icelandic
      patronymics ("Ásgeirs" -> "Ásgeirsson", "Ásgeirsdóttir"), the "ye-" spelling of Cyrillic initial "е"
      ("Ефремова" -> "yefremova" as well as "efremova");
    * `WIDE_LOCALES`: Latin-script (or transliterable) locales that widen the lists but are not UK-core.
Surname shape: `surname_shaped` says a word in no list ends like a Slavic, Baltic, Nordic, Caucasian,
Turkish or Greek surname ("-ović", "-enko", "-shvili", "-sdóttir", "-oğlu", "-opoulos"); it is only
used together with another person signal (a list of names, a known first name, a verb after).

Rules (mixed into `NameRecogniser`; scores as in `anonymise.recognisers.names`)
  list     capitalised words in a list "A, B and C" / "A and B": when at least two are known (uncommon)
           names or surname-shaped, and none is an everyday word, every item is taken
           ("founders: Morrison, Rogers and Torres", "Usamov and Bowers were ...")   (0.6)
           lower case: "adam, christopher, kristina, chad and caleb": two UK-common first names make
           every item that is a first name or not an English word a name   (0.55)
  answer   the answer to a name question: "What's your last name? Boyle", "Her maiden name is Key"  (0.7)
  said     inverted speech: "... ," said Maslin", "says Aho"   (0.65)
  surname  mid-sentence, a listed or surname-shaped word that is no English word and no first name, with
           no capitalised word next to it: "Unlike the Sokolov novel", "than early Živković?"   (0.5)
  named    "She named him Luís"   (0.75)
  pair     an unknown capitalised word then a known uncommon surname, or two words at least one of which
           is surname-shaped: "Gyala Antall", "Esat Jeknić"  (0.6)
"""
from __future__ import annotations

import importlib
import re
from typing import Optional

from spacy.lang.en.stop_words import STOP_WORDS

from anonymise.name_rules import PARTICLES, SUFFIXES
from anonymise.tokens import Tok

# Locales that only widen `first` / `surnames` (never UK-core, never taken alone in lower case).
WIDE_LOCALES = ("de_AT", "de_CH", "es_AR", "es_CL", "es_CO", "fr_BE", "fr_CA", "fr_CH", "nl_BE", "id_ID",
                "en_TH", "mk_MK", "ja_JP", "zh_CN", "zh_TW", "vi_VN", "sk_SK", "lv_LV", "sl_SI")
_FIRST_PREFIXES = ("first_names", "first_romanized_names")
_LAST_MARKERS = ("last_names", "last_romanized_names")
_SKIP = ("kana", "pairs", "language")


def provider_name_lists(locale: str) -> tuple[list[str], list[str], list[str]]:
    """(first names, surnames, other surnames) of a Faker locale: every data attribute of its person
    provider; "other" are those outside its plain `last_names` (gendered lists, derived feminine and
    patronymic forms: module docstring). Data only: properties and methods are skipped."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    seen: dict[str, object] = {}
    for klass in provider.__mro__:  # the most derived definition wins
        for attr, value in klass.__dict__.items():
            seen.setdefault(attr, value)
    first: list[str] = []
    last: list[str] = []
    other: list[str] = []
    for attr, value in seen.items():
        if not isinstance(value, (tuple, list, dict, set, frozenset)) or any(s in attr for s in _SKIP):
            continue
        names = [str(v) for v in (value.keys() if isinstance(value, dict) else value)]
        if attr.startswith(_FIRST_PREFIXES):
            first.extend(names)
        elif any(m in attr for m in _LAST_MARKERS):
            (last if attr == "last_names" else other).extend(
                _patronymics(names) if attr == "last_names_without_suffix" else names)
    other.extend(_polish_feminine(last + other) if locale == "pl_PL" else [])
    if locale in ("ru_RU", "uk_UA", "bg_BG", "mk_MK"):
        first.extend(_ye_forms(first))
        other.extend(_ye_forms(last + other))
    return first, last, other


def _polish_feminine(names: list[str]) -> list[str]:
    return [n[:-1] + "a" for n in names if n.endswith(("ski", "cki", "dzki"))]


def _patronymics(stems: list[str]) -> list[str]:
    """Icelandic: the genitive stem plus "son" or "dóttir" ("Ásgeirs" -> "Ásgeirsson", "Ásgeirsdóttir")."""
    return [stem + suffix for stem in stems for suffix in ("son", "dóttir")]


def _ye_forms(names: list[str]) -> list[str]:
    """Cyrillic initial "Е" is often written "Ye": "Ефремова" -> "Йефремова" transliterates to "yefremova"."""
    return ["Й" + n[1:].lower() if n[:1] == "Е" else n for n in names if n[:1] in ("Е", "е")]


# ---- Surname shape --------------------------------------------------------------------------------------
_SURNAME_END = re.compile(
    r"(?:ovi[cćč]|evi[cćč]|i[cć]|ovich|evich|ovych|enko|chuk|czuk|czyk|shvili|dze|yan|sson|s?d[oó]ttir|o[gğ]lu|"
    r"opoulos|akis|idis|escu|eanu|ov|ova|ev|eva|sky|ska|ski|cki|cka|dzki|ský|ská|ová|auskas|iene|ienė|aitė|ytė)\Z")
_FOREIGN_LETTERS = frozenset("čćžšłőűøåäöüñğşıđěřůňťďľĺŕąęśźżėįųūăâîșțæœßþð")


def surname_shaped(key: str, low: str) -> bool:
    """A word in no name list that ends like a foreign surname (module docstring), or carries a letter
    English never uses ("Jeknić", "Gelencsér" does not: é is too common). `key` is ASCII-folded."""
    if len(key) < 5:
        return False
    if any(c in _FOREIGN_LETTERS for c in low):
        return True
    m = _SURNAME_END.search(low)
    return bool(m) and len(low) - len(m.group()) >= 3


# ---- Rules -------------------------------------------------------------------------------------------
_NAME_KINDS = frozenset("last first maiden sur full middle given family nick birth".split())
_LIST_BEFORE = frozenset("in at to from into near across between around via the".split())  # places, firms
_PLACE_BEFORE = frozenset("in at to from into near via towards toward outside around".split())
_NAMED = frozenset("named called nicknamed".split())
_SPEECH = frozenset("said says asked added replied explained wrote writes".split())
_QUOTE_END = re.compile(r"[,!?.…]?[\"”'’]\s*\Z|[,!?]\s*\Z")


class ListRules:
    """The list, answer, said and pair rules; mixed into `NameRecogniser` (which supplies `lex`, `_known`,
    `_blocked`, `_unknown_ok`, `_allowed_word`, `_extend`, `_embedded`, `_suffix_after`, `_address_like`)."""

    def _list_rules(self, text: str, toks: list[Tok], found: list) -> None:
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            if tok.low == "name" and i + 1 < n:
                self._answer_rule(text, toks, i, found)
            elif tok.low in _SPEECH and tok.shape == "lower" and i + 1 < n:
                self._said_rule(text, toks, i, found)
            if tok.shape == "title" and i:
                self._surname_rule(text, toks, i, found)
            if tok.shape == "title" and i + 1 < n:
                self._pair_rule(text, toks, i, found)
            elif tok.low in _NAMED and i + 2 < n and toks[i + 1].low in ("him", "her", "them"):
                self._named_rule(text, toks, i, found)
            end = self._list_rule(text, toks, i, found) if tok.shape != "other" else None
            i = end + 1 if end is not None else i + 1

    # ---- word classes ---------------------------------------------------------------------------
    def _strong(self, tok: Tok) -> bool:
        """A known name that is not a common word, or a surname-shaped word."""
        lex = self.lex
        if tok.key in lex.common or self._blocked(tok) or self._allowed_word(tok):
            return False
        return self._known(tok.low) or (tok.shape != "lower" and not lex.plain_word(tok.key)
                                        and surname_shaped(tok.key, tok.low))

    def _name_like(self, tok: Tok) -> bool:
        return self._strong(tok) or self._unknown_ok(tok)

    # ---- rules ----------------------------------------------------------------------------------
    def _list_items(self, text: str, toks: list[Tok], i: int) -> list[tuple[int, int]]:
        """Items (first, last token) of a list "A, B and C" / "A & B" starting at token i; [] unless an
        "and" or "&" joins its last item."""
        items: list[tuple[int, int]] = []
        shape, k, n, final = toks[i].shape, i, len(toks), False
        while True:
            last = k
            if shape != "lower" and k + 1 < n and toks[k + 1].shape == shape and toks[k + 1].low != "and" \
                    and text[toks[k].end:toks[k + 1].start] == " ":
                last = k + 1  # a two-word item: "Maciej Borkowski"
            items.append((k, last))
            if final:
                return items
            if last + 1 >= n:
                return []
            gap, nxt = text[toks[last].end:toks[last + 1].start], toks[last + 1]
            if nxt.low == "and" and gap in (" ", ", ") and last + 2 < n and text[nxt.end:toks[last + 2].start] == " ":
                k, final = last + 2, True
            elif gap in (" & ", ", & ", ", "):
                k, final = last + 1, "&" in gap
            else:
                return []
            if toks[k].shape != shape or len(items) > 8:
                return []

    def _list_rule(self, text: str, toks: list[Tok], i: int, found: list) -> Optional[int]:
        """"Morrison, Rogers and Torres", "Usamov and Bowers", "adam, kristina, chad and caleb"."""
        tok, lex = toks[i], self.lex
        if i and (toks[i - 1].low in _LIST_BEFORE or toks[i - 1].shape == tok.shape
                  and text[toks[i - 1].end:tok.start] in (" ", ", ")):
            return None  # "in Leeds, York and Hull"; not the middle of a list or a name
        items = self._list_items(text, toks, i)
        if len(items) < 2:
            return None
        words = [toks[k] for a, b in items for k in range(a, b + 1)]
        if any(self._embedded(text, t) or t.key in SUFFIXES for t in words) \
                or self._suffix_after(text, toks, items[-1][1]):
            return None
        if tok.shape == "lower":
            if len(items) < 3 or sum(t.key in lex.lower_first for t in words) < 2 or not all(
                    t.key in lex.first or self._unknown_ok(t) for t in words):
                return None
            score = 0.55
        else:
            if not all(self._name_like(t) for t in words) or not any(self._strong(t) for t in words):
                return None
            score = 0.6
        for a, b in items:
            found.append((toks[a].start, toks[b].end, score, "list"))
        return items[-1][1]

    def _answer_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"What's your last name? Boyle", "Her maiden name is Key": the answer to a name question."""
        if not i or toks[i - 1].low not in _NAME_KINDS and toks[i - 1].low not in ("your", "her", "his", "my",
                                                                                     "their"):
            return
        gap = text[toks[i].end:toks[i + 1].start]
        j = i + 1
        if toks[j].low in ("is", "was") and gap == " " and j + 1 < len(toks):
            j, gap = j + 1, text[toks[j].end:toks[j + 1].start]
        elif gap.strip() != "?":
            return
        ans = toks[j]
        if gap.strip() not in ("", "?", ":") or ans.shape not in ("title", "upper") or self._blocked(ans) \
                or ans.key in STOP_WORDS or self._embedded(text, ans):
            return
        last, _ = self._extend(text, toks, j)
        found.append((ans.start, toks[last].end, 0.7, "answer"))

    def _said_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"... ," said Maslin": a name straight after an inverted speech verb."""
        tok, nxt = toks[i], toks[i + 1]
        if text[tok.end:nxt.start] != " " or nxt.shape not in ("title", "upper") \
                or not _QUOTE_END.search(text, max(0, tok.start - 4), tok.start):
            return
        if not (self._name_like(nxt) or nxt.key in self.lex.first and not self._blocked(nxt)) \
                or self._embedded(text, nxt):
            return
        last, _ = self._extend(text, toks, i + 1)
        found.append((nxt.start, toks[last].end, 0.65, "said"))

    def _pair_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"Gyala Antall", "Esat Jeknić": an unknown capitalised word then a known or surname-shaped one."""
        tok, lex = toks[i], self.lex
        j = i + 1
        while j < len(toks) and j - i <= 2 and (len(toks[j].low) == 1 and toks[j].text.isupper()
                                                 or toks[j].low in PARTICLES and toks[j].shape == "lower"):
            j += 1  # "Ravil G Yefimov", "Willemine ten Pas"
        if j >= len(toks) or any(text[toks[k].end:toks[k + 1].start] not in (" ", ". ") for k in range(i, j)):
            return
        sur, initial = toks[j], j > i + 1 and len(toks[j - 1].low) == 1
        if sur.shape != "title" or self._blocked(tok) or not (self._unknown_ok(tok) or tok.key in lex.first):
            return
        strong = self._strong(sur) and (sur.key in lex.surnames or not self._known(sur.low))
        # a common-word first name ("Parker") wants a surname no list knows as a first name; "Csanád P Gere":
        # two unknown words around a middle initial
        ok = strong and (tok.key not in lex.common or sur.key not in lex.first) \
            or initial and self._unknown_ok(tok) and self._unknown_ok(sur)
        if not ok or any(self._embedded(text, t) for t in (tok, sur)) or self._address_like(text, toks, i) \
                or self._suffix_after(text, toks, j) or sur.key in SUFFIXES:
            return
        found.append((tok.start, sur.end, 0.6, "pair"))

    def _named_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"She named him Luís", "they called her Mags": the name after "named him/her"."""
        gap, name = text[toks[i + 1].end:toks[i + 2].start], toks[i + 2]
        if gap.strip(" \"'“") or name.shape not in ("title", "upper") or self._blocked(name) \
                or name.key in STOP_WORDS or self._embedded(text, name) or self._allowed_word(name):
            return
        last, _ = self._extend(text, toks, i + 2)
        found.append((name.start, toks[last].end, 0.75, "named"))

    def _surname_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"Unlike the Sokolov novel", "than early Živković?": mid-sentence, a surname that is no English word
        and no first name, from a list or surname-shaped, not next to another capitalised word (a firm, a place)."""
        tok, prev, lex = toks[i], toks[i - 1], self.lex
        if len(tok.key) < 4 or prev.low in _PLACE_BEFORE or tok.key in lex.first or tok.key in lex.common or lex.in_dictionary(tok.key) or self._blocked(tok) \
                or self._allowed_word(tok) or not (tok.key in lex.surnames or surname_shaped(tok.key, tok.low)):
            return
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if prev.shape != "lower" and text[prev.end:tok.start] == " " or nxt is not None and nxt.shape != "lower" \
                and text[tok.end:nxt.start] == " " or text[prev.end:tok.start].strip(" \"'“(-") \
                or self._embedded(text, tok) or self._address_like(text, toks, i) or self._suffix_after(text, toks, i):
            return
        found.append((tok.start, tok.end, 0.5, "surname"))
