"""Once a name is found in a note, hide it everywhere in that note, and hide the names listed with it.

Two rules, run after every recogniser, on the whole note:
- Same name again: a found PERSON's exact text, and each of its words that is not an everyday English
  word ("Hakuba", "Lantos"; not "Hill" or "White" alone), is hidden wherever else it appears in the note
  with the same capitalisation. A worker who writes a name twice should not have it hidden once.
- Names listed together: in "A, B and C" or "A and B", when one item is a found name, the other items that
  are one or two capitalised words are names too ("founders: Šušulić, Bowman and White").
- A word that acts as a person: a capitalised word that is in no English dictionary (or is a known name
  and no everyday word), followed by what
  people do in case notes ("Shovda lives on...", "Tomomi said", "Asya's kid").
- A name's other half: a word right next to a found PERSON (one space, same casing) that is a known first
  name or surname, or no English word at all, and never an everyday word, joins it: "[tommo] phillips",
  "mei [haddad]", "[ali] al-amin"; "told Sarah yesterday", "Amira and" stay.
- One name, not two (`bridge`, run after `propagate`): an initial beside a found name ("D. Berhane",
  "Brendan W."), a title with initials ("Miss D.W."), and found pieces with only a space between them
  ("BAUTISTA Tez") join into one span.
No rule touches allow-listed phrases (the caller passes `allowed`).
"""
from __future__ import annotations

import re
from typing import Callable

from anonymise.name_lists import NameLexicon, lexicon
from anonymise.name_rules import GREETINGS, LABELS, NON_NAME, TITLES, is_rel
from anonymise.replace import Finding

PERSON = "PERSON"
SCORE = 0.6
_CAP = r"[^\W\d_a-z][^\W\d_]*(?:['’\-][^\W\d_]+)*"          # a capitalised word
_ITEM = rf"{_CAP}(?: {_CAP})?"
_ANY_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"                               # one or two of them
_DOES = (r"would (?:like|prefer|rather|be|not|need|benefit)|does not|did not|doesn't|didn't|does|did|has not|hasn't"
         r"|has (?:a|no|been|had|got|asked|said|agreed|moved|lost|missed)|had (?:a|no|been|asked|said|moved)"
         r"|wants|needs|came|attended|arrived|spoke|explained|mentioned|reported|feels|felt|cannot|can't|won't"
         r"|isn't|wasn't|went|brought|collected|declined|refused|prefers|likes|lost|missed|needed|wanted|asked|said"
         r"|says|told|rang|phoned|texted|emailed|gave|drives|lives|is on|is in|and (?:her|his) children"
         r"|cares for|co-facilitated|facilitated|covered|helped|left early|dropped in|popped in"
         r"|is a (?:wheelchair|carer|single|widow|widower|young|full-time|part-time|mum|dad|student)")
_ACTS = re.compile(r"(?<![\w])([^\W\d_a-z][^\W\d_]*(?:-[^\W\d_]+)*)(?:'s|’s)? (?:is from|lives|lived|began|said|says|told|asked|rang|phoned|"
                   r"called|visited|works|worked|is very|was very|will be|had given|has been|kid|son|daughter|mum|"
                   r"dad|mother|father|wife|husband|partner|brother|sister|child|children|baby|carer|youngest|eldest|"
                   r"has agreed|" + _DOES + r"|"
                   r"and (?:her|his|their) (?:children|kids|son|daughter|partner))(?![\w])")
# A name typed in lower case at the start of a sentence or line, then what people do: "wei does not have a
# working phone", "dougie huang asked for a female worker", "duke eze-forsyth would prefer texts". The first word
# is a known first name that is no everyday word, or no English word at all; a second word may follow.
_LOW = r"[a-z][a-z]+(?:['’\-][a-z]+)*"
_ACTS_LOWER = re.compile(r"(?:^|(?<=[.!?\n]) |(?<=\n)|(?<=^- )|(?<=\n- )|(?<=: ))(" + _LOW + r")(?: (" + _LOW + r"))?"
                         r"(?: (?:" + _DOES + r")(?![\w])|['’]s [a-z])", re.M)
# After a word that takes a person ("claim for Yuliia", "post goes c/o Mahbooba", "cc ilo", "including rahwa",
# "Dear Az", "Morning FARHAD", "The facilitator, Hamidullah, is"): one or two words that are no English words
# (or known first names that are no everyday words), in any casing. Never after "in", "at", "to" or "from",
# where towns and neighbourhoods stand.
_TAKES = (r"(?:for|with|c/o|cc|including|named|called|dear|hi|hiya|hello|morning|afternoon|evening|thanks|cheers"
          r"|regards|wishes|best|sincerely|faithfully|re:|subject:"
          r"|(?:the|our|their|her|his)[ \t]+(?:facilitator|interpreter|volunteer|carer|caseworker|worker|client"
          r"|patient|tenant|resident|driver|member|befriender|mentor),?)")
_WORD = r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
_TAKEN = re.compile(rf"(?i:\b{_TAKES}),?[ \t]+({_WORD})(?:[ \t]({_WORD}))?(?=[\s,.;:!?)']|$)")
_SPEAKER = re.compile(r"^[ \t]*([A-Z][a-z]{1,15}):[ \t]", re.M)
_COMMA_NAME = re.compile(rf", ({_WORD})(?=[\s,.;:!?)]|$)")
_LISTED = re.compile(r",? (?:and|&) |, [^\W\d_]")
_SPEAKER_LOWER = re.compile(r"^(?:- )?(" + _LOW + r")(?: (" + _LOW + r"))?(?=: )", re.M)
# A first name and a surname in lower case as a form field's value: "Casework appt: andrii tkachenko, asylum ..."
_FIELD_LOWER = re.compile(r"(?<=: )(" + _LOW + r") (" + _LOW + r")(?=[,.;)\n]|$| \()")
# Initials and a surname in lower case: "p.a. hosseini", "c.a. o'sullivan"
_LOWER_INITIALS_NAME = re.compile(r"(?<![\w.])(?:[a-z]\.){2,3} ?(" + _LOW + r")(?![\w])")
# The same judgement after words that introduce or greet someone: "I'm sharelle", "my name's r patel", "it's
# rodel here", "Thanks, liv", "Morning dazza,"; and as a speaker at the start of a line ("zarghona: I was ...").
_INTRO_LOWER = re.compile(r"(?i:\b(?:i['’]m|i am|my name['’]s|my name is|name['’]s|it['’]s|this is|thanks|thank you"
                          r"|cheers|morning|afternoon|evening|hi|hello|hiya|dear),? )(" + _LOW + r")(?: (" + _LOW
                          + r"))?(?=[\s,.!?;:)]|$)")
_LIST = re.compile(rf"(?<![\w])({_ITEM})((?:, {_ITEM})*),? (?:and|&) ({_ITEM})(?![\w])")


def _covered(spans: list[Finding], start: int, end: int) -> bool:
    return any(f.start <= start and end <= f.end for f in spans)


def _overlaps(spans: list[Finding], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in spans)


_NEXT = re.compile(r" ([^\W\d_]+(?:['’\-][^\W\d_]+)*?)(?=['’]s\b|[^\w'’\-]|$)")   # "farishta [khan]'s"
_PREV = re.compile(r"(?<![\w'’\-])([^\W\d_]+(?:['’\-][^\W\d_]+)*),? $")  # "rao, [jaswinder]"
_FIELD_START = re.compile(r"(?:^|\n|:|(?:^|\s)[-•] |[.!?;] |\b(?:with|for|carer|client|pt|patient|c/o|name is"
                          r"|name's))[ \t]*$", re.I)
_PARTICLE = re.compile(r"(?:al|el|abu|bin|ben|ibn)-[a-z]{2,}$")


def _shape(word: str) -> str:
    return "upper" if word.isupper() and len(word) > 1 else "lower" if word.islower() else \
        "title" if word[:1].isupper() and word[1:].islower() else "other"


def _join_halves(text: str, out: list[Finding], people: list[Finding], allowed, lex: NameLexicon) -> list[Finding]:
    def name_half(word: str) -> bool:
        low = word.lower()
        if len(low) < 2 or lex.everyday(low) or low in lex.common or low in GREETINGS or low in TITLES \
                or low in NON_NAME or is_rel(low) or re.search(r"['’](?:m|s|re|ve|ll|d|t)$", low):
            return False   # "Hiya Kez", "I'm Yusuf", "HIS COUSIN SHAZ", "Mrs"
        return low in lex.first or low in lex.surnames or bool(_PARTICLE.match(low)) or (
            len(low) >= 3 and not lex.in_dictionary(low) and not lex.plain_word(low))

    for f in people:
        found = text[f.start:f.end]
        words = found.split()
        if not words:
            continue
        m = _NEXT.match(text, f.end)
        if m and (_shape(m.group(1)) == _shape(words[-1]) or _shape(m.group(1)) == "upper" and len(m.group(1)) > 3
                  and _shape(words[-1]) == "title") and name_half(m.group(1)) \
                and not _overlaps(out, m.start(1), m.end(1)) and not allowed(m.start(1), m.end(1)):
            out.append(Finding(PERSON, m.start(1), m.end(1), SCORE))
        m = _PREV.search(text, max(0, f.start - 40), f.start)
        if m and "," in m.group() and (len(words) > 1 or _shape(words[0]) != "lower") and not (
                len(words) == 1 and _FIELD_START.search(text, max(0, m.start(1) - 20), m.start(1))):
            m = None        # a comma joins only a lower-case surname first ("rao, jaswinder"), or a surname
            #                 that starts a line or a field ("- Akinola, Rhoda left early", "Name: Obi, Emeka")
        if m and (_shape(m.group(1)) == _shape(words[0]) or (     # "LYNCH [Dylan]": a surname in capitals first
                _shape(m.group(1)) == "upper" and m.group(1).lower() in lex.surnames)) and name_half(m.group(1)) \
                and not _overlaps(out, m.start(1), m.end(1)) and not allowed(m.start(1), m.end(1)):
            out.append(Finding(PERSON, m.start(1), m.end(1), SCORE))
    return out


_INITIAL_AFTER = re.compile(r",? [A-Z]\.(?![\w])(?! ?[A-Z][a-z])"     # "Brendan W.", not "Patel, S. Smith"
                            r"| [A-HJ-Z](?= [a-z]|[,;:!?)\]]|$)")          # "Carer Amira J dropped in", "Egal Y,"
_INITIAL_BEFORE = re.compile(r"(?<![\w.'’/])(?:(?:[A-Z]\.){1,3} ?|[A-HJ-Z] |[A-Z]{2} (?=[A-Z][a-z]))$")  # "D. Berhane",
#                                                            "P.A. Hosseini", "M Popal" (not "I"), "PA Hosseini"
_LOWER_INITIAL_AFTER = re.compile(r",? [a-z]\.(?![\w])"               # "naveed k.", "quinn, c."
                                  r"|(?<=[a-z]{3}) [b-hj-z](?= [a-z]|[,.;:!?)\]]|$)")  # "hamidullah h at", not "a", "i"
_LOWER_INITIAL_BEFORE = re.compile(r"(?<![\w.'’/])(?:[a-z]\.|[b-hj-z]) $")  # "s. forbes", "r bautista" (not "a", "i")
_TITLE_INITIALS = re.compile(r"(?<![\w])(?:Mr|Mrs|Ms|Mx|Miss|Dr)\.? (?:[A-Z]\.[ ]?){1,3}(?![\w])")  # "Miss D.W."


def bridge(text: str, findings: list[Finding], allowed: Callable[[int, int], bool],
           lex: NameLexicon | None = None) -> list[Finding]:
    """One name, not two: a found PERSON's initial ("D. Berhane", "Brendan W."), a title with initials only
    ("Ms M.A."), and two found PERSON pieces with only a space between ("BAUTISTA Tez"), or a comma after a
    surname typed in capitals or lower case ("bailey, helen"), become one span, so no character of the name
    (the space between its halves included) is left readable. Run after `propagate`."""
    lex = lex or lexicon()
    out = list(findings)
    for m in _TITLE_INITIALS.finditer(text):
        if not _overlaps(out, m.start(), m.end()) and not allowed(m.start(), m.end()):
            out.append(Finding(PERSON, m.start(), m.end() - (text[m.end() - 1] == " "), SCORE))
    people = sorted((f for f in out if f.entity_type == PERSON), key=lambda f: (f.start, f.end))
    for f in people:
        name = text[f.start:f.end]
        lower = name.islower()              # a name in lower case takes lower-case initials
        m = (_LOWER_INITIAL_AFTER if lower else _INITIAL_AFTER).match(text, f.end)
        if m and not allowed(f.start, m.end()):
            out.append(Finding(PERSON, f.start, m.end(), SCORE))
        m = (_LOWER_INITIAL_BEFORE if lower else _INITIAL_BEFORE).search(text, max(0, f.start - 8), f.start)
        if m and (lower or name[:1].isupper()) and name.split()[0].rstrip(".").lower() not in TITLES \
                and not allowed(m.start(), f.end):
            out.append(Finding(PERSON, m.start(), f.end, SCORE))
    for a, b in zip(people, people[1:]):
        gap, left = text[a.end:b.start], text[a.start:a.end]
        listed = re.match(r",? (?:and|&) |, [^\W\d_]+(?:[,.;:!?]| and | & |$)", text[b.end:b.end + 30]) or re.search(
            r"[^\W\d_], $", text[max(0, a.start - 30):a.start])        # "jo, ali and dom", "jo, ali, dom"
        right = text[b.start:b.end]
        single = " " not in left and " " not in right and not listed     # "My full name is Haidari, Zahra"
        surname_first = gap == ", " and single and bool(_FIELD_START.search(text, max(0, a.start - 20), a.start)) \
            or gap == ", " and " " not in left and not listed and (
            _shape(left) in ("upper", "lower") and " " not in right
            or _shape(left) in ("title", "other") and (right.split()[0].lower() in lex.first
                                                       or _unknown(right.split()[0].lower(), lex))
            and (left.lower() in lex.surnames or not lex.plain_word(left.lower()))
            and bool(_FIELD_START.search(text, max(0, a.start - 20), a.start)))   # "- Akinola, Rhoda"
        nickname = re.fullmatch(r" ['‘\"“][^\W\d_]{2,12}['’\"”] ", gap)               # "Rhoda 'Rho' Akinola"
        if gap == " " or surname_first or nickname:
            out.append(Finding(PERSON, a.start, b.end, SCORE))
    for f in [f for f in out if f.entity_type == PERSON]:    # "Obi, Emeka (Mrs)": a title in brackets after
        m = _TITLE_AFTER.match(text, f.end)
        if m and not allowed(f.start, m.end()):
            out.append(Finding(PERSON, f.start, m.end(), SCORE))
    for m in [*_INITIALS_NAME.finditer(text), *_LOWER_INITIALS_NAME.finditer(text)]:   # "P.A. Hosseini"
        word = m.group(1).lower()
        if (word in lex.surnames or word in lex.first or _unknown(word, lex)) and not lex.everyday(word) \
                and not _covered(out, m.start(), m.end()) and not allowed(m.start(), m.end()):
            out.append(Finding(PERSON, m.start(), m.end(), SCORE))
    out = _from_header(text, out, allowed, lex)
    return out


_TITLE_AFTER = re.compile(r" ?\((?:Mr|Mrs|Ms|Mx|Miss|Dr|Revd|Rev|Cllr|Prof)\.?\)")
_INITIALS_NAME = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,3} ?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)(?![\w])")


# The sender in a pasted e-mail header: "From: BECKFORD, Linton <l.b@x.com>", "From: R.E. Kaur Sent: ...".
_FROM = re.compile(r"(?im)^[ \t]*(?:[-•*][ \t]*)?(?:[A-Za-z ]{0,20}:[ \t]*)?from:[ \t]*"
                   r"([^\W\d_][^\n<@:]{1,58}?)[ \t]*(?=<[^>\n]*@|[ \t]sent:|$)")


def _from_header(text: str, out: list[Finding], allowed, lex: NameLexicon) -> list[Finding]:
    """The sender's name in a "From:" header line, when one of its words is a known first name or surname
    or no English word (so "From: Riverside Food Bank" stays)."""
    for m in _FROM.finditer(text):
        a, b = m.span(1)
        words = [w.lower() for w in re.findall(_ANY_WORD, m.group(1))]
        if not words or allowed(a, b) or any(lex.plain_word(w) and w not in lex.first and w not in lex.surnames
                                             and len(w) > 2 for w in words):
            continue
        if any(w in lex.first or w in lex.surnames or _unknown(w, lex) for w in words):
            out = [f for f in out if not (f.entity_type == PERSON and a <= f.start and f.end <= b)]
            out.append(Finding(PERSON, a, b, SCORE))
    return out


def _unknown(word: str, lex: NameLexicon) -> bool:
    """In no dictionary, no common word, with a vowel (so not "dwp", "gp", "hmrc" typed in lower case) and no
    contraction ("we've", "there's")."""
    return len(word) >= 3 and word not in NON_NAME and bool(re.search(r"[aeiouy]", word)) \
        and not re.search(r"['’](?:s|ve|re|ll|d|m|t)$", word) \
        and not lex.in_dictionary(word) and not lex.plain_word(word)


def _lower_name(word: str, lex: NameLexicon) -> bool:
    """A lower-case word alone before a verb that can be a name: a known first name that is no everyday
    word ("wei", "kayode"), or a word in no dictionary at all."""
    return word in lex.first and len(word) >= 3 and word not in NON_NAME and not lex.everyday(word) \
        or _unknown(word, lex)


def _taken_name(word: str, lex: NameLexicon, surname: bool = False) -> bool:
    """A word after a person-taking word that is a name: no English word at all, or a known first name (or, for
    the second word, a surname) that is no everyday word; never a title, an initialism or a label."""
    low = word.lower()
    if len(low) < 2 or low in NON_NAME or low in TITLES or low in GREETINGS or is_rel(low) or lex.everyday(low):
        return False
    if word.isupper() and len(word) <= 3:
        return False                      # "for UC", "with DWP", "cc CAB"
    if low in lex.first or surname and low in lex.surnames:
        return not word.islower() or not lex.in_dictionary(low)     # "cheers mate" is a word
    return _unknown(low, lex) or len(low) == 2 and word[:1].isupper() and word[1:].islower() and low not in lex.dictionary


def _lower_pair(first: str, second: str, lex: NameLexicon) -> bool:
    """Two lower-case words before a verb that can be a first name and a surname: "dougie huang", "duke
    eze-forsyth" (a first name that is also a word, with a surname that is not)."""
    if first in NON_NAME or lex.everyday(first) and first not in lex.first:
        return False
    surname = second in lex.surnames and not lex.everyday(second) or _unknown(second, lex) or "-" in second and all(
        p in lex.surnames or _unknown(p, lex) for p in second.split("-"))
    return surname and (first in lex.first or _unknown(first, lex))


def propagate(text: str, findings: list[Finding], allowed: Callable[[int, int], bool],
              lex: NameLexicon | None = None) -> list[Finding]:
    """`findings` plus PERSON spans for repeats of found names and their list-mates."""
    lex = lex or lexicon()
    out = list(findings)
    for m in _ACTS.finditer(text):
        a, b = m.span(1)
        word = m.group(1).lower()
        unknown = not lex.in_dictionary(word) and not lex.plain_word(word)
        known_name = (word in lex.first or word in lex.surnames) and not lex.everyday(word)
        acronym = m.group(1).isupper() and len(word) <= 4         # "CBT helped", "ESA was stopped"
        if len(word) >= 3 and (unknown or known_name) and not acronym and not _overlaps(out, a, b) \
                and not allowed(a, b):
            out.append(Finding(PERSON, a, b, SCORE))
    for m in [*_ACTS_LOWER.finditer(text), *_INTRO_LOWER.finditer(text), *_SPEAKER_LOWER.finditer(text),
              *(f for f in _FIELD_LOWER.finditer(text) if _lower_pair(f.group(1), f.group(2), lex))]:
        first, second = m.group(1), m.group(2)
        a, b = m.span(1)
        if second is not None and _lower_pair(first, second, lex):
            b = m.end(2)
        elif second is not None or not _lower_name(first, lex):
            continue
        if not _overlaps(out, a, b) and not allowed(a, b):
            out.append(Finding(PERSON, a, b, SCORE))
    for m in _TAKEN.finditer(text):
        first, second = m.group(1), m.group(2)
        if not _taken_name(first, lex) or first.islower() and first.lower() not in lex.first and \
                m.group().split()[0].lower().rstrip(",") in ("for", "with"):
            continue        # a lower-case word no list knows after "for"/"with" is jargon: "for reablement"
        a, b = m.span(1)
        if second is not None and (second[:1].isupper() == first[:1].isupper()) and _taken_name(second, lex, True):
            b = m.end(2)
        after = _COMMA_NAME.match(text, b)          # "with Rahimi, Hamidullah at the drop-in"
        if after and after.group(1)[:1].isupper() and _taken_name(after.group(1), lex) and not _LISTED.match(
                text, after.end()):
            b = after.end(1)
        if not _overlaps(out, a, b) and not allowed(a, b):
            out.append(Finding(PERSON, a, b, SCORE))
    speakers: dict[str, list[re.Match]] = {}
    for m in _SPEAKER.finditer(text):       # a speaker who is no role: "Horace: In my country ..." twice or more
        speakers.setdefault(m.group(1), []).append(m)
    for word, found in speakers.items():
        low = word.lower()
        if len(found) >= 2 and low not in LABELS and low not in NON_NAME and not lex.everyday(low) \
                and not is_rel(low) and (low in lex.first or not lex.plain_word(low) or low not in lex.common):
            for m in found:
                if not _overlaps(out, *m.span(1)) and not allowed(*m.span(1)):
                    out.append(Finding(PERSON, m.start(1), m.end(1), SCORE))
    people = [f for f in out if f.entity_type == PERSON]
    if not people:
        return out
    out = _join_halves(text, out, people, allowed, lex)
    people = [f for f in out if f.entity_type == PERSON]
    seen: set[str] = set()
    for f in people:
        name = text[f.start:f.end]
        words = [w for w in re.findall(_ANY_WORD, name) if len(w) >= 3 and not lex.plain_word(w.lower())
                 and (w[:1].isupper() or _unknown(w, lex) or w in lex.first and not lex.everyday(w))]
        whole = name.strip()
        if len(whole.split()) == 1 and lex.plain_word(whole.lower()):
            whole = ""                  # "Will" the son is hidden; "Will you be okay" is not
        for target in {whole, *words} - seen:
            seen.add(target)
            if len(target) < 3:
                continue
            # a word that is no English word is the same name in any casing ("kayode" ... "Kayode")
            flags = re.IGNORECASE if target in words else 0
            for m in re.finditer(rf"(?<![\w]){re.escape(target)}(?![\w])", text, flags):
                if not _overlaps(out, m.start(), m.end()) and not allowed(m.start(), m.end()):
                    out.append(Finding(PERSON, m.start(), m.end(), SCORE))
    for m in _LIST.finditer(text):
        items = [(m.start(1), m.end(1))]
        pos = m.start(2)
        for part in m.group(2).split(", ")[1:]:
            start = text.index(part, pos)
            items.append((start, start + len(part)))
            pos = start + len(part)
        items.append((m.start(3), m.end(3)))
        if not any(_covered(people, a, b) for a, b in items):
            continue
        for a, b in items:
            word = text[a:b]
            if _overlaps(out, a, b) or allowed(a, b) or word.lower().replace("’", "'") in NON_NAME or all(
                    lex.everyday(w.lower()) and w.lower() not in lex.first and w.lower() not in lex.surnames
                    for w in word.split()):
                continue
            out.append(Finding(PERSON, a, b, SCORE))
    return out
