"""PERSON names that spaCy's small model misses: first names alone, titles, relationship words,
lower-case and ALL-CAPS names. Runs on raw text with its own regex tokens; needs no NLP artefacts.

Rules (score; the pipeline threshold is about 0.4):
  title    "Mrs Khan", "Dr. Patel", "Miss J Bloggs", "mr o'neill": the span INCLUDES the title   (0.85)
  context  a relationship, naming or greeting word, then a name-like word: "her son callum", "my
           neighbour Tomasz", "daughter (Amira)", "husband, Dev,", "a man called Jaz", "Name: jo bloggs",
           "Dear Grace"; lists ("her children Callum, Aisha and Jack"); "Jaz (partner)"  (0.85; lower 0.75)
  full     a known first name + surname: "Aisha Nowak-Smith", "JOHN SMITH"  (0.85; unknown surname 0.75)
  initial  "J. Bloggs", "K Patel" (the surname must be known)                                     (0.7)
  alone    a known first name: mid-sentence (0.65), starting a sentence or an utterance after a line-start
           label ("Worker: Will you ...": `name_rules.utterance_start`) (0.6), ALL CAPS (0.6), lower case
           (0.55 UK-common names; 0.5 other names of 5+ letters that are no English word). A name that is
           also a common word ("Grace", "Will", "Mark") needs a capital mid-sentence away from "the/in/on"
           (0.5), a speech verb after it at a sentence start ("Grace said", 0.55), or a known surname (0.8).
  cue      a word in NO name list after a contact phrase ("Home visit to Siobhán", "Thank you, aled"), before
           a report verb ("Guled explained") or as a speaker label ("Amira:"): see `anonymise.name_rules`.
  list     lists "Morrison, Rogers and Torres", "What's your last name? Boyle", "said Maslin", "Esat
           Jeknić": see `anonymise.name_rules_lists`.
Never taken: stop words, days and months, a word before a street or organisation word ("Victoria
Street", "Hope House") or after a house number or "St". Spans lying inside an allow-listed phrase
("Citizens Advice", "Lewisham") are dropped: the allow list wins. Overlapping spans are merged.
`anonymise.name_lists` says how "known name" and "common word" are decided.
"""
from __future__ import annotations

import re
from typing import Iterable, Optional

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

from anonymise.entities import PERSON
from anonymise.name_lists import NameLexicon, Tok, fold, lexicon, tokenise
from anonymise.name_rules import (
    BLOCKERS,
    CONTRACTED,
    CUE_TRIGGERS,
    GREETINGS,
    LOWER_SUFFIXES,
    LOWER_TITLES,
    NAMING,
    NON_NAME,
    PARTICLES,
    PERSON_NOUNS,
    POSSESSIVES,
    SHORT_GIVEN,
    SPEECH_VERBS,
    SUFFIXES,
    SURNAME_SUFFIXES,
    TITLES,
    TITLES_ALSO_WORDS,
    CueRules,
    is_rel,
    slot_gap_ok,
)
from anonymise.name_rules_lists import ListRules
from anonymise.name_shapes import TextShapes


class NameRecogniser(ListRules, CueRules, TextShapes, EntityRecognizer):
    """Rule-and-lexicon recogniser for PERSON; complements spaCy's NER. See the module docstring."""

    def __init__(self, allow_list: Iterable[str] = (), lex: Optional[NameLexicon] = None) -> None:
        self.lex = lex or lexicon()
        self._allow: dict[str, list[tuple[str, ...]]] = {}
        for words in filter(None, (tuple(t.low for t in tokenise(phrase)) for phrase in allow_list)):
            self._allow.setdefault(words[0], []).append(words)
        for options in self._allow.values():
            options.sort(key=len, reverse=True)
        self._triggers = frozenset(TITLES | NAMING | GREETINGS | self.lex.lower_first | set(  # lower-case starts
            "name names known goes go call calls called".split()) | {n for n in self.lex.first if len(n) > 4})
        self._cues = CUE_TRIGGERS
        super().__init__(supported_entities=[PERSON], name="UkNameRecogniser", supported_language="en", version="1.0.0")

    def load(self) -> None:  # lexicon is built in __init__ (cached per process)
        return None
    # ---- word classes -------------------------------------------------------------------------
    def _known(self, low: str) -> bool:
        lex = self.lex
        if low in lex.first or low in lex.surnames:
            return True
        if not low.isascii() and (fold(low) in lex.first or fold(low) in lex.surnames):  # "siobhán"
            return True
        parts = re.split(r"[-']", low)
        return len(parts) > 1 and any(len(p) > 2 and (p in lex.first or p in lex.surnames) for p in parts)

    def _wordy(self, low: str) -> bool:
        """An ordinary English word: a stop/common word or a dictionary lemma (every part, if hyphenated)."""
        parts = [p for p in low.split("-") if p]
        return all(p in self.lex.common or self.lex.in_dictionary(p) for p in parts)

    def _blocked(self, tok: Tok) -> bool:
        low = tok.low
        if "'" in low and low.split("'")[0] in CONTRACTED:  # "I've", "you're"
            return True
        return low in NON_NAME or low in TITLES or low in BLOCKERS or is_rel(low)

    def _context_score(self, tok: Tok, naming: bool = False) -> Optional[float]:
        """Score for a word in a name slot (after a relationship word), or None if not name-like. After a naming
        word ("name is", "called") a lower-case word that is not an English word counts."""
        low = tok.low
        if self._blocked(tok) or len(low) < 2:
            return None
        if tok.shape == "title":  # a common word only if it is a first name ("her son Will", not "Good")
            known = self._known(low) and (low not in self.lex.common or low in self.lex.first)
            return 0.85 if known or self._unknown_ok(tok) else None
        if tok.shape == "upper":
            return 0.85 if self._known(low) and low not in self.lex.common or self._unknown_ok(tok) else None
        if tok.shape == "lower" and low not in self.lex.common and (
                tok.key in self.lex.first or naming and (self._known(low) or not self._wordy(tok.key))):
            return 0.75
        # "her ex-partner aled", "her son mo"
        return 0.7 if tok.shape == "lower" and (self._unknown_ok(tok) or tok.key in SHORT_GIVEN) else None

    def _surname_score(self, tok: Tok, anchor: str, strict: bool = False) -> Optional[float]:
        """Score for `tok` continuing a name whose first word had shape `anchor`; `strict` (the first
        word is a common word: "Long Covid", "West Bridgford") wants a known, uncommon surname."""
        low, lex = tok.low, self.lex
        if strict:
            return 0.85 if self._known(low) and low not in lex.common and tok.shape == anchor else None
        if self._blocked(tok) or low in SUFFIXES or len(low) < 2 or tok.shape == "lower" and low in SURNAME_SUFFIXES:
            return None
        if anchor == "lower":
            if tok.shape != "lower":  # "callum desrosiers": a lower-case word that is no English word, 0.6
                return None
            if tok.key in lex.lower_surnames or tok.key in lex.lower_first or self._parts_known(tok.key, 2):
                return 0.7  # also "xu", "jackson-chen", "sheikh-constantinescu"
            return 0.6 if self._unknown_ok(tok) else None
        if tok.shape != anchor:
            return None
        if self._known(low) and (tok.shape == "title" or low not in lex.common):
            return 0.85
        if tok.shape == "upper" and self._unknown_ok(tok):
            return 0.7  # "CHIOMA ADEWALE"
        if tok.shape != "title" or self._allowed_word(tok):
            return None
        # an unknown capitalised word: a surname unless it is an everyday word ("Callum Said")
        return 0.75 if not self._wordy(low) else 0.7 if not any(lex.everyday(p) for p in low.split("-")) else None

    def _suffix_after(self, text: str, toks: list[Tok], k: int) -> bool:
        """Token k is followed by a street/organisation word: "Victoria Street", "Hope House"."""
        if k + 1 >= len(toks) or self._gap(text, toks[k], toks[k + 1]) not in (" ", "'s ", "’s ", "' "):
            return False
        nxt = toks[k + 1]
        return nxt.low in SUFFIXES and (nxt.shape != "lower" or nxt.low in LOWER_SUFFIXES)

    def _extend(self, text: str, toks: list[Tok], i: int, strict: bool = False, naming: bool = False,
                limit: int = 3) -> tuple[int, float]:
        """Index of the last token of a name starting at token i, and the best continuation score."""
        last, best, anchor, k = i, 0.0, toks[i].shape, i + 1
        while k < len(toks) and k - i <= limit + 1:
            gap = self._gap(text, toks[k - 1], toks[k])
            if not (gap in (" ", "  ") or gap == ". " and len(toks[k - 1].low) == 1):
                break
            tok = toks[k]
            if len(tok.low) == 1 and (tok.text.isupper() or anchor == "lower" and tok.low != "a") \
                    or anchor != "lower" and tok.low in PARTICLES and tok.shape == "lower":
                k += 1  # a middle initial or "van", "de", "bin": kept only if a surname follows
                continue
            score = self._surname_score(tok, anchor, strict)
            if score is None and naming and tok.shape == "lower" and not self._blocked(tok) \
                    and tok.low not in self.lex.common and not self._wordy(tok.low):
                score = 0.75  # "Name: jo bloggs"
            if score is None or self._embedded(text, tok):
                break
            if score < 0.75 and k + 1 < len(toks) and toks[k + 1].shape != "lower" \
                    and self._gap(text, tok, toks[k + 1]) == " ":
                break  # a dictionary word followed by more capitals: "Hillary Healthcare Manager"
            last, best, k = k, max(best, score), k + 1
        return last, best

    # ---- analysis -----------------------------------------------------------------------------
    def analyze(self, text: str, entities: list[str] | None = None, nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and PERSON not in entities or not text:
            return []
        toks = tokenise(text)
        found: list[tuple[int, int, float, str]] = []
        triggers = self._triggers
        for i, tok in enumerate(toks):
            if tok.low in self._cues:
                self._cue_rules(text, toks, i, found)
            elif tok.shape != "lower" and text.startswith(":", tok.end):
                self._speaker_rule(text, toks, i, found)
            if tok.shape == "lower" and tok.low not in triggers and not is_rel(tok.low):
                continue  # most words: nothing can start here
            self._title_rule(text, toks, i, found) or self._context_rule(text, toks, i, found)
            self._initial_rule(text, toks, i, found)
            self._first_name_rule(text, toks, i, found)
        self._list_rules(text, toks, found)  # lists, name answers, "said X", "Gyala Antall"
        return self._results(toks, found)

    def _lower_initial(self, text: str, toks: list[Tok], j: int, title: str) -> bool:
        """A one-letter lower-case token after a lower-case title is an initial; "a" and "i" only with a full
        stop after them or a name-like word next ("dr a. kowalczyk", "mrs a rees-jones"; not "mrs a lot")."""
        if toks[j].low not in "ai":
            return True
        if text[toks[j].end:toks[j].end + 1] == ".":
            return True
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        return nxt is not None and nxt.shape == "lower" and title != "miss" and not self._plain_name_parts(nxt.key)

    def _plain_name_parts(self, key: str) -> bool:
        """Every part of `key` (split at - and ') is exactly an English word (a lemma, a common word or a plural)."""
        parts = [p for p in re.split(r"[-']", key) if p]
        return all(p in self.lex.common or self.lex.plain_word(p) for p in parts)

    def _title_rule(self, text: str, toks: list[Tok], i: int, found: list) -> bool:
        """"Mrs Khan", "Dr. Patel", "Miss J Bloggs", "MR SMITH": the span includes the title."""
        tok, lex, n = toks[i], self.lex, len(toks)
        if tok.low not in TITLES or i + 1 >= n or self._embedded(text, tok):
            return False
        gap = self._gap(text, tok, toks[i + 1])
        if gap.strip() not in ("", ".") or "\n" in gap:
            return False
        j = i + 1
        low_initials = tok.shape == "lower" and tok.low in LOWER_TITLES | {"miss"}  # "mr k. haddad"
        while j + 1 < n and len(toks[j].low) == 1 \
                and (toks[j].text.isupper() or low_initials and self._lower_initial(text, toks, j, tok.low)) \
                and self._gap(text, toks[j], toks[j + 1]).strip() in ("", "."):
            j += 1  # initials: "Miss J Bloggs", "Mr J. P. Smith", "mrs. a rees-jones", "dr a. kowalczyk"
        head = toks[j]
        if tok.low == "dr" and i and toks[i - 1].shape == "title" and text[tok.end:tok.end + 1] != "." \
                and not self._gap(text, toks[i - 1], tok).strip() \
                and not self._sentence_start(text, toks, i - 1) and toks[i - 1].low not in self.lex.common:
            return False  # "Cheriton Dr Reuquen": a street (Drive)
        lower_ok = head.low in lex.lower_first or head.low in lex.lower_surnames
        if self._blocked(head) or self._embedded(text, head) or len(head.low) < 2 and j == i + 1:
            return False
        if tok.shape == "upper" and head.shape != "upper":  # "MS" = multiple sclerosis
            return False
        if tok.low == "miss" and tok.shape == "lower" and not lower_ok and head.shape == "lower":
            lower_ok = j > i + 1 or self._lower_title_head("miss", head)  # "miss j mclaughlin", "miss agyeman"
        if tok.shape == "lower" and tok.low in TITLES_ALSO_WORDS and not lower_ok:  # "miss the bus"
            return False
        if low_initials and head.shape == "lower" and not lower_ok:
            lower_ok = self._lower_title_head(tok.low, head)  # "mrs li", "dr. vu", "mr k. haddad"
            if not lower_ok and j > i + 1:  # a title and initials: the word after is the surname ("dr. g. macleod")
                lower_ok = head.key not in lex.common and head.key not in NON_NAME and not is_rel(head.key)
        if head.shape not in ("title", "upper") and not lower_ok:
            return False
        last, _ = self._extend(text, toks, j)
        found.append((tok.start, toks[last].end, 0.85, "title"))
        return True

    def _context_rule(self, text: str, toks: list[Tok], i: int, found: list) -> bool:
        """A name in the slot after a relationship/naming word, and lists of them; "Jaz (partner)"."""
        j, naming = self._context_slot(text, toks, i)
        hit = False
        while j is not None and j < len(toks):
            score = self._context_score(toks[j], naming)
            if score is None or self._embedded(text, toks[j]):
                break
            last, ext = self._extend(text, toks, j, naming=naming)
            if self._suffix_after(text, toks, last) or self._address_like(text, toks, j):
                break
            found.append((toks[j].start, toks[last].end, max(score, ext), "context"))
            hit = True
            j = self._list_next(text, toks, last)
        if is_rel(toks[i].low) and toks[i].shape != "upper":
            back = self._backward_slot(text, toks, i)
            if back is not None and toks[back].shape in ("title", "upper") and self._context_score(toks[back]) \
                    and not self._embedded(text, toks[back]):
                found.append((toks[back].start, toks[back].end, 0.85, "context"))
                hit = True
        return hit

    def _initial_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """"J. Bloggs", "K Patel": an initial and a known surname that is not a common word."""
        tok, lex = toks[i], self.lex
        if len(tok.low) != 1 or not tok.text.isupper() or i + 1 >= len(toks) or self._embedded(text, tok):
            return
        nxt, gap = toks[i + 1], self._gap(text, tok, toks[i + 1])
        if (gap == ". " or gap == " " and tok.low not in "ai") and nxt.shape == "title" \
                and nxt.low in lex.surnames and nxt.low not in lex.common and not self._suffix_after(text, toks, i + 1):
            found.append((tok.start, nxt.end, 0.7, "initial"))

    def _first_name_rule(self, text: str, toks: list[Tok], i: int, found: list) -> None:
        """A known first name on its own, extended to a full name when a surname follows."""
        score = self._alone_score(text, toks, i)
        if score is None:
            return
        last, ext = self._extend(text, toks, i, strict=toks[i].low in self.lex.common)
        if self._suffix_after(text, toks, last):
            return
        if last > i:
            score = max(score, ext - (0.05 if toks[i].low in self.lex.common else 0.0))
        if score >= 0.45:
            found.append((toks[i].start, toks[last].end, score, "first name"))

    def _context_slot(self, text: str, toks: list[Tok], i: int) -> tuple[Optional[int], bool]:
        """If token i is a relationship/naming word: the index of the token in its name slot, and
        whether the context is a naming one ("name is", "called", "known as"), strong enough for any word."""
        tok, n = toks[i], len(toks)
        low, nxt = tok.low, toks[i + 1].low if i + 1 < n else ""
        if not nxt or tok.shape == "upper":
            return None, False
        if low in ("name", "names"):
            if ":" in self._gap(text, tok, toks[i + 1]):
                return i + 1, True
            return (i + 2, True) if nxt in ("is", "was") and i + 2 < n else (None, False)
        if (low, nxt) in (("known", "as"), ("goes", "by"), ("go", "by")) or \
                low in ("call", "calls") and nxt in ("me", "him", "her", "them"):
            return (i + 2, True) if i + 2 < n else (None, False)
        if low == "called" and not (i and (toks[i - 1].low in PERSON_NOUNS or is_rel(toks[i - 1].low))):
            return None, False
        if low not in NAMING and low not in GREETINGS and not is_rel(low):
            return None, False
        if not slot_gap_ok(text, toks, i):  # "her son, Dev"; not "Worker: Will you"
            return None, False
        j = i + 1
        if is_rel(nxt) and j + 1 < n and self._gap(text, toks[j], toks[j + 1]).strip(" ,(:") == "":
            j += 1  # "her ex partner Dave"
        return j, low in NAMING

    def _backward_slot(self, text: str, toks: list[Tok], i: int) -> Optional[int]:
        """"Jaz (partner)" or "Jaz, her partner": the token before the relationship word."""
        j = i - 1
        owned = j >= 0 and toks[j].low in POSSESSIVES
        j -= owned
        if j < 0:
            return None
        gap = self._gap(text, toks[j], toks[j + 1]).strip()
        return j if gap == "(" or owned and gap in (",", "-", "–") else None

    def _list_next(self, text: str, toks: list[Tok], last: int) -> Optional[int]:
        """"Callum, Aisha and Jack": the next name in a list after token `last`, if any."""
        k = last + 1
        if k >= len(toks):
            return None
        gap = self._gap(text, toks[last], toks[k]).strip()
        if gap in (",", "") and toks[k].low == "and" or gap == "&":
            k, gap = k + (toks[k].low == "and"), ","
        if gap != "," or k >= len(toks) or "\n" in self._gap(text, toks[k - 1], toks[k]):
            return None
        return k

    def _alone_score(self, text: str, toks: list[Tok], i: int) -> Optional[float]:
        """Score for a known first name by itself; 0.0 = only as part of a full name; None = never."""
        tok, lex = toks[i], self.lex
        low = tok.low if tok.low in lex.first else tok.key
        if "-" in low and all(p in lex.first for p in low.split("-")):
            low = low.split("-")[0]  # "Kerry-Ann", "Mary-Jane": judged by the first part
        if low not in lex.first or len(low) < 3 or self._blocked(tok) or self._embedded(text, tok):
            return None
        if self._address_like(text, toks, i):
            return None
        if tok.shape == "lower":  # "lempi": a listed name that is no English word
            return 0.55 if low in lex.lower_first else 0.5 if len(low) > 4 and not self._wordy(low) else None
        if tok.shape == "upper":
            return 0.6 if low in lex.lower_first else 0.0
        if tok.shape != "title":
            return None
        start = self._sentence_start(text, toks, i)
        if low not in lex.common:
            if low not in lex.lower_first and (low in lex.surnames or lex.in_dictionary(low)) \
                    or i and toks[i - 1].low == "the":
                return 0.0  # "Davis", "Santos", "Mad", "the Victoria" alone: a firm, a place or a word
            return 0.6 if start else 0.65
        # a name that is also a common word: needs a capital mid-sentence, not after "the/in/on" or
        # another capitalised word ("Hope Street Project", "Summer Fair" are caught by suffixes/allow list)
        if start:
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            speaks = nxt is not None and nxt.low in SPEECH_VERBS and self._gap(text, tok, nxt) == " "
            return 0.55 if speaks and nxt.shape == "lower" else 0.0
        if i and toks[i - 1].low in BLOCKERS:
            return 0.0
        if i and toks[i - 1].shape == "title" and self._gap(text, toks[i - 1], tok) == " ":
            return 0.0
        return 0.5

    def _results(self, toks: list[Tok], found: list[tuple[int, int, float, str]]) -> list[RecognizerResult]:
        allowed = self._allowed_spans(toks) if self._allow and found else []
        kept = sorted(f for f in found if not any(a <= f[0] and f[1] <= b for a, b in allowed))
        merged: list[list] = []
        for start, end, score, rule in kept:
            if merged and start < merged[-1][1]:
                prev = merged[-1]
                prev[1] = max(prev[1], end)
                if score > prev[2]:
                    prev[2], prev[3] = score, rule
            else:
                merged.append([start, end, score, rule])
        meta = {RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}
        return [RecognizerResult(PERSON, start, end, round(score, 2), AnalysisExplanation(
            self.name, round(score, 2), textual_explanation=f"name rule: {rule}"), dict(meta))
            for start, end, score, rule in merged]


def create(allow_list: Iterable[str] = (), include_defaults: bool = True) -> NameRecogniser:
    """The PERSON recogniser. `allow_list` phrases (case-insensitive, whole words) are never flagged;
    the built-in `DEFAULT_ALLOW_LIST` (services, days, months, places) is added unless told not to."""
    from anonymise.allow_list import DEFAULT_ALLOW_LIST

    phrases = list(allow_list) + (DEFAULT_ALLOW_LIST if include_defaults else [])
    return NameRecogniser(allow_list=list(dict.fromkeys(phrases)))
