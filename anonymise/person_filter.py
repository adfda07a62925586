"""Drop spaCy PERSON finds that are everyday words used as words.

spaCy's small model tags a capitalised word at the start of a sentence, line, bullet or utterance as a
person when the word is also a name: "Bill from British Gas came to £480.", "Will follow up next week.",
"- Mark the file as urgent.", "Worker: Will you be okay?", "Frank talk with the landlord",
"Volunteer story: ...", "Cheers,". `filter_persons` removes such a find when ALL of these hold:

  word      it is one word (the span may carry punctuation) and an everyday English word: a common word or
            a name that is one ("Bill", "Will", "Grace": `NameLexicon.common`), an exact dictionary lemma in
            no name list ("Volunteer", "Landline"), a form or transcript label, a sign-off or a word that is
            never a name alone ("Tel", "Postcode", "Cheers", "Email", days and months; these even before
            "'s"). A span with no letters at all ("16/04/2024") and "I" or "I'm" are never names either; a
            dictionary word that no name list holds ("Passport", "Catchment", "Arrears") is dropped
            anywhere, with or without "'s" after it, unless a title or relationship word stands before it.
  position  it starts a sentence, line, bullet or the text after a "Label:" colon, or it is lower case
            ("frank talk with the landlord"); labels and never-alone words are dropped anywhere.
  no cue    none of: a possessive after it ("Bill's"; not "Summer's worse", where 's is "is"); a title, relationship, naming or greeting word
            before it ("Dr. Frank", "her son Will", "Dear Grace"); and, for a known first name, a speech or
            report verb after it ("Grace said"), a known surname after it ("Grace Okafor"), another name
            after "and" ("Park and Mann"), or nothing else on its line ("Next of kin: Grace", a sign-off
            "Thanks,\\nGrace").
  ours      the project's own name recogniser (`anonymise.recognisers.names`), run on the same text, finds
            no name overlapping it. Its context rules ("Spoke to Grace", "Grace:" as a speaker) still
            decide; this filter only removes spaCy's sentence-position guesses.

Multi-word spans ("Bill Smith"), mid-sentence capitals ("I hope Grace is ok") and words that are not
everyday words ("Callum", "Mags") are left to spaCy. Other recognisers' results are never touched.
"""
from __future__ import annotations

import re

from anonymise.entities import PERSON
from anonymise.name_lists import NameLexicon, Tok, lexicon, tokenise
from anonymise.name_shapes import after_field_value
from anonymise.name_rules import (
    GREETINGS,
    LABELS,
    NAMING,
    NON_NAME,
    REPORT_VERBS,
    SPEECH_VERBS,
    THANKS,
    TITLES,
    is_rel,
)

SPACY_RECOGNISER = "SpacyRecognizer"
NAME_RECOGNISER = "UkNameRecogniser"
NEVER_ALONE = NON_NAME | LABELS | THANKS | frozenset("postcode landline mobile telephone".split())
VERBS_AFTER = SPEECH_VERBS | REPORT_VERBS
_BREAKS = ".!?\n•*–—:;"
# After "'s" these make it "is" or "has", not a possessive: "Summer's worse", "Ivy's growing", "Will's been".
IS_AFTER = re.compile(r"[ \t]+(?:\w+ing|worse|better|not|been|got|gone|over|here|there|back|a|an|the|so|too|very"
                      r"|really|just|always|never|still|all|coming|going|done|fine|ok|okay|bad|good|hard|late"
                      r"|early)\b", re.IGNORECASE)
_OPENERS = " \t\"'“‘([{-"


def is_spacy_person(result) -> bool:
    meta = result.recognition_metadata or {}
    return result.entity_type == PERSON and meta.get("recognizer_name") == SPACY_RECOGNISER


def _word_kind(tok: Tok, lex: NameLexicon) -> str | None:
    """"never" (a label or sign-off: never a name alone), "word" (an everyday word) or None."""
    key = tok.key
    if key in NEVER_ALONE and key not in lex.first:
        return "never"
    if key in lex.common or key in lex.dictionary and key not in lex.first and key not in lex.surnames:
        return "word"
    return None


def _starts_sentence(text: str, pos: int) -> bool:
    """The word at `pos` begins the text, a sentence, a line, a bullet or the text after a colon."""
    j = pos - 1
    while j >= 0 and text[j] in _OPENERS:
        j -= 1
    if j < 0:
        return True
    if text[j] not in _BREAKS:
        return after_field_value(text, pos)   # a form flattened onto one line: "...@aol.com Crystal clear"
    if text[j] == ".":  # "Dr. Frank", "J. Will" are not sentence starts
        base = max(0, j - 12)
        before = tokenise(text[base:j])
        if before and base + before[-1].end == j and (before[-1].low in TITLES or len(before[-1].low) == 1):
            return False
    return True


def _cue_before(text: str, tok: Tok) -> bool:
    """A title, relationship, naming or greeting word just before the word ("Dr. Frank", "her son Will")."""
    base = max(0, tok.start - 40)
    prev = tokenise(text[base:tok.start])
    if prev:
        gap, low = text[base + prev[-1].end:tok.start].strip(" "), prev[-1].low
        if gap in ("", ",", "(") and (low in TITLES or low in NAMING or low in GREETINGS or is_rel(low)) \
                or gap == "." and low in TITLES:
            return True
    return False


def _has_cue(text: str, tok: Tok, lex: NameLexicon) -> bool:
    """Something around the word that makes it a person (see the module docstring)."""
    after = text[tok.end:]
    if after[:2] in ("'s", "’s") and not IS_AFTER.match(after, 2):
        return True  # "Bill's car"; not "Summer's worse", "Will's not ...": there 's is "is"
    if _cue_before(text, tok):
        return True
    if tok.key not in lex.first:  # "Volunteer", "parcel": no name to save
        return False
    nxt = tokenise(after[:40])
    if nxt and after[:nxt[0].start] == " ":
        word = nxt[0]
        if word.shape == "lower" and word.low in VERBS_AFTER:
            return True
        if word.shape == tok.shape and word.key in lex.surnames and word.key not in lex.common:
            return True
        other = nxt[1] if len(nxt) > 1 and word.low == "and" and after[word.end:nxt[1].start] == " " else None
        if other is not None and other.shape == tok.shape and (
                other.key in lex.first or other.key in lex.surnames or not lex.in_dictionary(other.key)):
            return True  # "Park and Mann were ...", "Dale and White"
    return not after.split("\n", 1)[0].strip(" \t.,;:!?)")


def everyday_use(text: str, start: int, end: int, lex: NameLexicon | None = None) -> bool:
    """text[start:end], found by spaCy as a person, reads as an everyday word (before asking our recogniser)."""
    span = text[start:end]
    if not any(c.isalpha() for c in span):
        return True
    toks = tokenise(span)
    if len(toks) != 1:
        return False
    lex = lex or lexicon()
    tok = toks[0]
    tok = Tok(tok.start + start, tok.end + start, tok.text, tok.low, tok.key, tok.shape)
    kind = _word_kind(tok, lex)
    if kind == "never" or tok.low in NON_NAME:  # a label or never-alone word, cue or not: "Email's jo@..."
        return True
    if kind == "word" and tok.key not in lex.first and tok.key not in lex.surnames and not _cue_before(text, tok):
        return True         # a dictionary word no name list knows, anywhere: "Passport's 668...", "Catchment"
    if kind is None or _has_cue(text, tok, lex):
        return False
    return tok.shape == "lower" or _starts_sentence(text, tok.start)


def name_recogniser(analyzer):
    """The project's name recogniser in a Presidio analyzer's registry; an error if it is missing."""
    for rec in analyzer.registry.recognizers:
        if rec.name == NAME_RECOGNISER:
            return rec
    raise LookupError(f"The analyzer has no {NAME_RECOGNISER}; the PERSON filter needs it.")


def _not_name_part(word: str, lex: NameLexicon, formy: bool) -> bool:
    """An edge word of a spaCy PERSON span that is no part of the name: an address or number, a label, a
    lower-case word, or (in a span holding an address or number, as a flattened form does) an everyday word."""
    low = word.lower().strip(".,;:<>()[]'\"")
    if not low or "@" in word or any(c.isdigit() for c in word) or low in NEVER_ALONE and low not in lex.first:
        return True
    plain = lex.in_dictionary(low) and low not in lex.first and low not in lex.surnames and low not in TITLES
    return plain and (word.islower() or formy)


def trim_persons(text: str, results: list, lex: NameLexicon) -> list:
    """spaCy's PERSON spans of several words, cut back to their name words: an e-mail address, a number or an
    everyday word at either end goes ("Email kaurr@hotmail.co.uk Sent" -> nothing; "Call Amira Khan" ->
    "Amira Khan"); a span left with no word is dropped."""
    out = []
    for r in results:
        if not is_spacy_person(r) or " " not in text[r.start:r.end].strip():
            out.append(r)
            continue
        spans = [(m.start() + r.start, m.end() + r.start) for m in re.finditer(r"\S+", text[r.start:r.end])]
        formy = any("@" in text[a:b] or any(c.isdigit() for c in text[a:b]) for a, b in spans)
        while spans and _not_name_part(text[spans[0][0]:spans[0][1]], lex, formy):
            spans.pop(0)
        while spans and _not_name_part(text[spans[-1][0]:spans[-1][1]], lex, formy):
            spans.pop()
        if spans and not any("@" in text[a:b] for a, b in spans):
            r.start, r.end = spans[0][0], spans[-1][1]
            out.append(r)
    return out


# Where a place stands: "We came to Pitsmoor in June", "born in Erbil", "moved to Small Heath", "Area: Manningham".
_LOCATIVE = re.compile(r"(?i)(?:\b(?:came|come|coming|moved|move|moving|went|go|going|relocated|returned|back|rehoused"
                       r"|dispersed|sent|travelled|fled)[ \t]+(?:here[ \t]+)?to|\b(?:live|lives|living|lived|based|born"
                       r"|raised|grew[ \t]+up|stay|stays|staying|settled)[ \t]+(?:here[ \t]+)?in|\bin|\bnear|\baround"
                       r"|\b(?:area|ward|town|location|borough|district|neighbourhood|locality)[ \t]*:|\()[ \t]*$")


def at_a_place(text: str, start: int, end: int, lex: NameLexicon) -> bool:
    """A spaCy PERSON right after a word that places something ("came to", "born in", "Area:") whose words are
    no known first name: a neighbourhood or town the built-in lists do not hold ("Pitsmoor", "Hyson Green")."""
    if not _LOCATIVE.search(text, max(0, start - 30), start):
        return False
    words = [t for t in tokenise(text[start:end])]
    return bool(words) and words[0].key not in lex.first and words[0].shape == "title"


def filter_persons(text: str, results: list, analyzer) -> list:
    """`results` without spaCy PERSON finds that are everyday words used as words, or places (module docstring)."""
    lex = lexicon()
    results = trim_persons(text, results, lex)
    results = [r for r in results if not (is_spacy_person(r) and at_a_place(text, r.start, r.end, lex))]
    suspects = [r for r in results if is_spacy_person(r) and everyday_use(text, r.start, r.end, lex)]
    if not suspects:
        return results
    ours = name_recogniser(analyzer).analyze(text, entities=[PERSON], nlp_artifacts=None)
    drop = {id(r) for r in suspects if not any(o.start < r.end and r.start < o.end for o in ours)}
    return [r for r in results if id(r) not in drop]
