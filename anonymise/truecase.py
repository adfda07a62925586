"""Re-case text written in capitals, one character for one, so the name rules and spaCy see names.

A note, line or sentence in capitals ("CLIENT: ZEBEDEE QUILLFEATHER ATTENDED ...") hides its names: every
word looks like an acronym. `truecase(normalised)` returns the same map with a re-cased analysis text:

  capital segments  a line or sentence with at least three words and 85% or more of its letters in
                    capitals is re-cased word by word: known first names and surnames that are not
                    everyday words, and words in no dictionary of 5+ letters, become Title case
                    ("Zebedee"); a street suffix and the words before it after a house number become Title
                    case ("14 Elm Road"); short unknown words stay in capitals (acronyms: "DWP", "CAMHS" is
                    allow-listed); words with digits are untouched ("SW1A", "AB123456C"); every other word
                    is lower-cased; the first word of a sentence gets its capital back.
  capital names     elsewhere, a word in capitals that is a known first name or surname ("BERNARD WHITE said
                    ...") becomes Title case, unless it is an everyday word with no known name next to it
                    ("the WHITE van", "I was SO angry").

Only characters whose lower or upper case is one character are changed ("İ" and "ß" are left alone), so
offsets are unchanged and the map of `anonymise.normalise` applies as it is.
"""
from __future__ import annotations

import re

from anonymise.name_rules import is_rel
from anonymise.normalise import Normalised

_SEGMENT = re.compile(r"[^\n.!?]+[.!?]*")
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SUFFIXES = frozenset("""road rd street st lane ln close cl terrace avenue ave drive dr way crescent grove gardens
    place court walk mews row hill square parade view rise green vale park gate wharf yard quay boulevard
    croft fold chase meadow meadows brow embankment broadway heights villas cottages mansions point tower
    towers lodge house""".split())
_KEEP_UPPER = frozenset("""nhs gp dwp pip uc esa jsa hmrc ni nino dob uk cab ae cv id tv pc ok asap re tel
    mob ref no dv asb dla pc atos cpn ot sw hb ctr ctb mp mr mrs ms dr""".split())
_TITLES = frozenset("mr mrs ms miss mx dr".split())


def _lower(word: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


def _title(word: str) -> str:
    low = _lower(word)
    first = word[0]
    return (first if len(first.upper()) != 1 else first.upper()) + low[1:]


def _upperish(segment: str) -> bool:
    letters = [c for c in segment if c.isalpha()]
    cased = [c for c in letters if c.isupper() or c.islower()]
    words = [w for w in _TOKEN.findall(segment) if any(c.isalpha() for c in w) and len(w) > 1]
    return len(words) >= 3 and bool(cased) and sum(c.isupper() for c in cased) >= 0.85 * len(cased)


def truecase(n: Normalised, lex=None) -> Normalised:
    """`n` with capital segments and capital names re-cased (module docstring). Same length, same map."""
    text = n.text
    if not re.search(r"[A-Z]{2}", text):
        return n
    if lex is None:
        from anonymise.name_lists import lexicon
        lex = lexicon()
    chars = list(text)
    changed = False
    for seg in _SEGMENT.finditer(text):
        s = seg.group()
        if not re.search(r"[A-Z]{2}", s):
            continue
        toks = list(_TOKEN.finditer(s))
        if _upperish(s):
            new = _recase_segment(s, toks, lex)
        else:
            new = _recase_names(s, toks, lex)
        if new is not None and new != s and len(new) == len(s):
            chars[seg.start():seg.end()] = list(new)
            changed = True
    if not changed:
        return n
    return Normalised("".join(chars), n.starts, n.ends, n.original_length)


def _is_name(low: str, lex) -> bool:
    return low in lex.first or low in lex.surnames


def _recase_segment(s: str, toks, lex) -> str:
    out = list(s)
    words = [t.group() for t in toks]
    lows = [w.lower() for w in words]
    n = len(words)
    decided: list[str | None] = [None] * n
    for i, (w, low) in enumerate(zip(words, lows)):
        if any(c.isdigit() for c in w) or not any(c.isalpha() for c in w):
            decided[i] = w
            continue
        if low in _SUFFIXES and i and any(c.isdigit() for c in " ".join(words[max(0, i - 4):i])):
            k = i
            while k > 0 and not any(c.isdigit() for c in words[k - 1]) and k > i - 3:
                k -= 1
            if k > 0 and any(c.isdigit() for c in words[k - 1]):
                for j in range(k, i + 1):
                    decided[j] = _title(words[j])
            continue
    for i, (w, low) in enumerate(zip(words, lows)):
        if decided[i] is not None:
            continue
        name = _is_name(low, lex)
        everyday = low in lex.common or lex.in_dictionary(low)
        beside_name = any(0 <= j < n and _is_name(lows[j], lex) and lows[j] not in lex.common
                          for j in (i - 1, i + 1))
        if low in _TITLES:
            decided[i] = _title(w)
        elif low in _KEEP_UPPER:
            decided[i] = w
        elif name and (not everyday or low in lex.lower_first or low in lex.lower_surnames):
            decided[i] = _title(w)
        elif name and (beside_name or i and (is_rel(lows[i - 1]) or lows[i - 1] in _TITLES)):
            decided[i] = _title(w)                 # "JACK CAMPBELL", "BERNARD WHITE", "DAUGHTER GRACE"
        elif not everyday and len(low) >= 5:
            decided[i] = _title(w)
        elif not everyday and len(low) <= 4:
            decided[i] = w                         # an acronym
        else:
            decided[i] = _lower(w)
    # the first word of the segment (and after a colon at the start) gets its capital
    first = next((i for i, w in enumerate(words) if any(c.isalpha() for c in w)), None)
    if first is not None and decided[first] == _lower(words[first]):
        decided[first] = _title(words[first])
    for t, new in zip(toks, decided):
        if len(new) == len(t.group()):
            out[t.start():t.end()] = list(new)
    return "".join(out)


def _recase_names(s: str, toks, lex) -> str | None:
    out, changed = list(s), False
    words = [t.group() for t in toks]
    lows = [w.lower() for w in words]
    for i, (t, w, low) in enumerate(zip(toks, words, lows)):
        if not (w.isupper() and len(w) >= 3 and w.isalpha()) or low in _KEEP_UPPER or not _is_name(low, lex):
            continue
        nbrs = [j for j in (i - 1, i + 1) if 0 <= j < len(words) and words[j].isupper() and len(words[j]) >= 2]
        strong = low not in lex.common and (low in lex.lower_first or low in lex.lower_surnames
                                            or not lex.in_dictionary(low))
        paired = any(_is_name(lows[j], lex) and lows[j] not in lex.common for j in nbrs)
        if strong or paired:
            new = _title(w)
            if len(new) == len(w):
                out[t.start():t.end()] = list(new)
                changed = True
    return "".join(out) if changed else None
