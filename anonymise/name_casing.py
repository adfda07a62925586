"""Names the recognisers leave behind when a note's casing is unusual, or a first name is an everyday word.

Run on the analysis text (after `anonymise.normalise` and `anonymise.truecase`), with every finding so far,
before `anonymise.name_propagation`. Four rules add PERSON findings:

  surname    a surname right after a found first name, in the same casing or lower case, is hidden with it:
             "her grandson jamie brown" (the name rules hid "jamie"), "JAMIE BROWN", "Jamie Brown". A common
             word counts only if it is a common surname ("brown", "white", "green", `SURNAME_WORDS`); never a
             stop word, a speech or report verb, or a word before a street suffix.
  lower pair two lower-case words, a known first name (even an everyday one: "jack", "lily") then a known
             surname safe in lower case ("campbell", "mensah"): "jack campbell is organising a petition".
  any case   a found name is the same name in every casing: "Lily Mensah ... LILY MENSAH ... lily mensah";
             single words only when they are no English word ("Mensah", not "Lily").
  in context a capitalised first name that is an everyday word ("Ivy", "Precious", "Rose"), followed by what
             people do in case notes: "Ivy has rent arrears", "Precious came to the jobcentre", "Dawn said".
             "ivy on the wall", "precious little money", "Bill came to £480" stay.
Allow-listed phrases are never touched (the caller passes `allowed`).
"""
from __future__ import annotations

import re
from typing import Callable

from anonymise.name_lists import NameLexicon, lexicon, tokenise
from anonymise.name_rules import NON_NAME, REPORT_VERBS, SPEECH_VERBS, SUFFIXES, TITLES
from anonymise.replace import Finding

PERSON = "PERSON"
SCORE = 0.6
# Surnames that are everyday words, hidden only right after a found first name.
SURNAME_WORDS = frozenset("""brown white green black grey gray young king hill wood hall wright walker baker cook
    turner cooper carter parker hunter mason butler fisher taylor miller smith ward price bell rose lamb fox bird
    rice page banks marsh stone lord bishop knight castle wells ford gold moss reed lake bush rivers waters summers
    winter cross field fields lane street house little long short small rich hope love day noble golden sharp
    mills marshall archer bowman chambers gardner glover hart hawkins head hood bond berry church""".split())
_STOP = frozenset(NON_NAME | SPEECH_VERBS | REPORT_VERBS | TITLES)
_ACTS = re.compile(
    r" (?:has (?:rent|arrears|debts?|a |an |no |two |three |four |got |lost |missed |asked |moved |applied |had |"
    r"children|kids|been (?:evicted|referred|sanctioned|struggling|unwell|ill|in hospital|told|offered))"
    r"|is (?:worried|upset|struggling|behind|waiting|living|staying|pregnant|homeless|unwell|disabled|aged|"
    r"\d{1,3}(?![\d.,%:]| ?(?:miles?|mins?|minutes?|hours?|hrs?|weeks?|days?|months?|pounds?|quid|percent|pm|am"
    r"|km|kg|p)\b)|now |still |on |due |in (?:arrears|debt|hospital|temporary)|a (?:single|carer|mum|dad|widow))"
    r"|was (?:worried|upset|evicted|referred|seen|sanctioned|struggling|very|in tears|distressed)"
    r"|came (?:in\b|into|along|back|to (?:the|our|see|us|a)\b)"
    r"|(?:said|says|told|explained|lives|lived|rang|phoned|attended|visited|feels|felt|asked|wants|wanted|needs"
    r"|needed|arrived|cried|applied|missed|agreed|signed|brought|works|worked|mentioned|confirmed|disclosed"
    r"|turned up|dropped in|popped in|called (?:in|us|back))\b)")


def _overlaps(spans: list[Finding], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in spans)


def _covered(spans: list[Finding], start: int, end: int) -> bool:
    return any(f.start <= start and end <= f.end for f in spans)


def _shape(word: str) -> str:
    return "lower" if word.islower() else "upper" if word.isupper() and len(word) > 1 else "title"


def extra_names(text: str, findings: list, allowed: Callable[[int, int], bool],
                lex: NameLexicon | None = None) -> list:
    """`findings` plus the PERSON findings of the four rules (module docstring)."""
    lex = lex or lexicon()
    out = list(findings)
    toks = tokenise(text)
    people = [f for f in out if f.entity_type == PERSON]

    def add(a: int, b: int) -> None:
        if not allowed(a, b):
            out.append(Finding(PERSON, a, b, SCORE))

    def before_suffix(k: int) -> bool:
        return k + 1 < len(toks) and text[toks[k].end:toks[k + 1].start] == " " and toks[k + 1].low in SUFFIXES

    # surname after a found first name
    for f in people:
        inside = [t for t in toks if f.start <= t.start and t.end <= f.end]
        if not inside or inside[-1].key not in lex.first:
            continue
        k = toks.index(inside[-1]) + 1
        if k >= len(toks) or text[inside[-1].end:toks[k].start] != " ":
            continue
        nxt, shape = toks[k], _shape(inside[-1].text)
        if nxt.shape != shape and nxt.shape != "lower" or nxt.low in _STOP or before_suffix(k) \
                or nxt.key not in lex.surnames or len(nxt.low) < 3:
            continue
        if (nxt.key in lex.common or lex.in_dictionary(nxt.key)) and nxt.key not in SURNAME_WORDS \
                and nxt.key not in lex.lower_surnames:
            continue
        if not _overlaps(out, nxt.start, nxt.end):
            add(f.start, nxt.end)
    # lower-case pair
    for i in range(len(toks) - 1):
        a, b = toks[i], toks[i + 1]
        if a.shape != "lower" or b.shape != "lower" or text[a.end:b.start] != " ":
            continue
        if a.key not in lex.first or a.low in _STOP or len(a.low) < 3 or a.low in lex.dictionary and a.key not in lex.core_first:
            continue
        if b.low in _STOP or len(b.low) < 3 or not (b.key in lex.lower_surnames or b.key in lex.surnames
                                                    and not lex.in_dictionary(b.key) and b.key not in lex.common):
            continue
        if before_suffix(i + 1) or text[max(0, a.start - 2):a.start].strip()[-1:].isdigit():
            continue
        if text[b.end:b.end + 1] in ("@", ".") and text[b.end + 1:b.end + 2].isalnum() or text[a.start - 1:a.start] in ("@", ".", "/"):
            continue
        if not _covered(out, a.start, b.end) and not any(
                f.entity_type != PERSON and f.start < b.end and a.start < f.end for f in out):
            add(a.start, b.end)
    # a capitalised everyday first name doing what people do
    for i, t in enumerate(toks):
        if t.shape != "title" or t.key not in lex.first or t.key not in lex.common or t.low in _STOP or len(t.low) < 3:
            continue
        if not _ACTS.match(text, t.end) or _overlaps(out, t.start, t.end):
            continue
        if i and toks[i - 1].low in ("the", "a", "an", "this", "that", "my", "your", "our", "no") \
                and text[toks[i - 1].end:t.start] == " ":
            continue                 # "the Rose has", "no Joy came"
        add(t.start, t.end)
    # the same name in any casing
    people = [f for f in out if f.entity_type == PERSON]
    targets: set[str] = set()
    for f in people:
        name = text[f.start:f.end].strip()
        words = re.findall(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", name)
        if len(words) >= 2:
            targets.add(name.lower())
        for w in words:
            low = w.lower()
            if len(low) >= 4 and low not in lex.common and not lex.in_dictionary(low) and not lex.plain_word(low) \
                    and low not in TITLES:
                targets.add(low)
    for target in targets:
        for m in re.finditer(rf"(?<![\w]){re.escape(target)}(?![\w])", text, flags=re.IGNORECASE):
            if not _overlaps(out, m.start(), m.end()):
                add(m.start(), m.end())
    return out
