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
  elsewhere         nothing changes: the name rules read capitalised names in mixed text themselves
                    ("Client KAYLEIGH O'CONNOR seen", "Name: EGAL, Sahra"), and `anonymise.name_casing` adds
                    the surname after a found first name ("BERNARD WHITE said ...").

Only characters whose lower or upper case is one character are changed ("İ" and "ß" are left alone), so
offsets are unchanged and the map of `anonymise.normalise` applies as it is.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from anonymise.name_rules import CONTACT_WORDS, is_rel
from anonymise.normalise import Normalised

_SENTENCE_END = re.compile(r"[.!?]+(?=\s)")
_BEFORE_STOP = re.compile(r"(?:\b[A-Za-z]|\b(?i:mr|mrs|ms|dr|miss|mx|st))\Z")
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_SUFFIXES = frozenset("""road rd street st lane ln close cl terrace avenue ave drive dr way crescent grove gardens
    place court walk mews row hill square parade view rise green vale park gate wharf yard quay boulevard
    croft fold chase meadow meadows brow embankment broadway heights villas cottages mansions point tower
    towers lodge house""".split())
_KEEP_UPPER = frozenset("""nhs gp dwp pip uc esa jsa hmrc ni nino dob uk cab ae cv id tv pc ok asap re tel
    mob ref dv asb dla pc atos cpn ot sw hb ctr ctb mp mr mrs ms dr""".split())
_TITLES = frozenset("mr mrs ms miss mx dr".split())


def _lower(word: str) -> str:
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


def _title(word: str) -> str:
    """"ZEBEDEE" -> "Zebedee", "O'CONNOR" -> "O'Connor", "JAMIE-LEE" -> "Jamie-Lee", "OWUSU'S" -> "Owusu's"."""
    out = []
    for k, part in enumerate(re.split(r"(['’\-])", word)):
        low = _lower(part)
        if k % 2 or not part or k and len(part) == 1 and low == "s" or k and low in ("t", "ll", "ve", "re", "d", "m"):
            out.append(low if k % 2 == 0 else part)
            continue
        first = part[0]
        out.append((first if len(first.upper()) != 1 else first.upper()) + low[1:])
    return "".join(out)


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
    for seg in _segments(text):
        s = text[seg[0]:seg[1]]
        toks = list(_TOKEN.finditer(s))
        new = _recase_segment(s, toks, lex)
        if new != s and len(new) == len(s):
            chars[seg[0]:seg[1]] = list(new)
            changed = True
    if not changed:
        return n
    return Normalised("".join(chars), n.starts, n.ends, n.original_length)


def _segments(text: str) -> list[tuple[int, int]]:
    """Lines in capitals as a whole; otherwise the line's sentences (a title's full stop does not end one)."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        if not re.search(r"[A-Z]{2}", line.group()):
            continue
        if _upperish(line.group()):
            out.append(line.span())
            continue
        pos, spans = line.start(), []
        for m in _SENTENCE_END.finditer(text, line.start(), line.end()):
            if _BEFORE_STOP.search(text, line.start(), m.start()):
                continue                         # "Mr. Smith", "J. Smith"
            spans.append((pos, m.end()))
            pos = m.end()
        if pos < line.end():
            spans.append((pos, line.end()))
        out += [sp for sp in spans if _upperish(text[sp[0]:sp[1]])]
    return out


def _is_name(low: str, lex) -> bool:
    parts = [p for p in re.split(r"['’\-]", low) if p]
    return low in lex.first or low in lex.surnames or len(parts) > 1 and all(
        p in lex.first or p in lex.surnames for p in parts if len(p) > 1)


def _joined(s: str, toks, i: int) -> bool:
    """Tokens i and i + 1 are one space apart."""
    return s[toks[i].end():toks[i + 1].start()] == " "


def _strong_name(low: str, lex) -> bool:
    """A known name that is no everyday word: enough to make its neighbour a name too."""
    return _is_name(low, lex) and low not in lex.common and (not lex.in_dictionary(low) or low in lex.lower_first)


def _recase_segment(s: str, toks, lex) -> str:
    out = list(s)
    words = [t.group() for t in toks]
    lows = [w.lower() for w in words]
    n = len(words)
    decided: list[str | None] = [None] * n
    for i, (w, low) in enumerate(zip(words, lows)):
        if any(c.isdigit() for c in w) or not any(c.isalpha() for c in w) or len(w) == 1:
            decided[i] = w                         # "SW1A", "AB123456C", initials ("DR A SHARMA")
            continue
        if s[toks[i].end():toks[i].end() + 1] == "," and re.search(r"(?i)\bname:[ \t]*\Z", s[:toks[i].start()]):
            decided[i] = w                         # "NAME: EGAL, SAHRA": a form's surname first, as written
            continue
        if low in _SUFFIXES and i:
            k = i                                  # "14 ELM ROAD": the words back to a house number
            while k > 0 and i - k < 3 and words[k - 1].isalpha() and lows[k - 1] not in STOP_WORDS:
                k -= 1
            if k < i and k > 0 and re.fullmatch(r"\d{1,4}[A-Za-z]?", words[k - 1]) \
                    and s[max(0, toks[k - 1].start() - 1):toks[k - 1].start()] not in ("£", "$", "€"):
                for j in range(k, i + 1):
                    decided[j] = _title(words[j])
            continue
    for i, (w, low) in enumerate(zip(words, lows)):
        if decided[i] is not None:
            continue
        name = _is_name(low, lex)
        parts = [p for p in re.split(r"['’\-]", low) if p]
        everyday = low in lex.common or lex.in_dictionary(low) or len(parts) > 1 and all(
            p in lex.common or lex.in_dictionary(p) for p in parts)
        prev = lows[i - 1] if i and _joined(s, toks, i - 1) else ""
        pair = (i + 1 < n and _joined(s, toks, i) and low in lex.first and low not in STOP_WORDS
                and lows[i + 1] in lex.surnames and lows[i + 1] not in lex.common)
        after_pair = (prev in lex.first and prev not in STOP_WORDS and low in lex.surnames and low not in lex.common)
        beside_name = any(0 <= j < n and _strong_name(lows[j], lex) and _joined(s, toks, min(i, j))
                          for j in (i - 1, i + 1))
        if low in _TITLES:
            decided[i] = _title(w)
        elif low in _KEEP_UPPER:
            decided[i] = w
        elif name and (not everyday or low in lex.lower_first) or pair or after_pair:
            decided[i] = _title(w)                 # "ZEBEDEE", "GRACE HAMILTON"
        elif prev.rstrip(".") in _TITLES and low not in STOP_WORDS or name and prev in CONTACT_WORDS:
            decided[i] = _title(w)                 # "DR NASSER", "SAW HAO"
        elif name and (beside_name or low not in STOP_WORDS and i and (is_rel(lows[i - 1]) or lows[i - 1] in _TITLES)):
            decided[i] = _title(w)                 # "JACK CAMPBELL", "BERNARD WHITE", "DAUGHTER GRACE"
        elif not everyday and len(low) >= 5:
            decided[i] = _title(w)
        elif not everyday and len(low) <= 4:
            decided[i] = w                         # an acronym
        else:
            decided[i] = _lower(w)
    # the first word of each sentence gets its capital
    for i, w in enumerate(words):
        before = s[:toks[i].start()].rstrip(" \t\"'“‘(-•*")
        starts = not before or before[-1] in ".!?:\n" and not _BEFORE_STOP.search(before[:-1])
        if starts and any(c.isalpha() for c in w) and decided[i] == _lower(w):
            decided[i] = _title(w)
    for t, new in zip(toks, decided):
        if len(new) == len(t.group()):
            out[t.start():t.end()] = list(new)
    return "".join(out)
