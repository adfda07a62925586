"""Where a token sits in the text, for the name rules (anonymise/recognisers/names.py): the gap between two tokens,
the start of a sentence or an utterance, inside an e-mail address or code, straight after a house number."""
from __future__ import annotations

from anonymise.name_lists import Tok
from anonymise.name_rules import PLACE_PREFIXES, TITLES, utterance_start

_BREAK = ".!?\n•*–—"  # characters that end a sentence / start a bullet


def after_field_value(text: str, pos: int) -> bool:
    """The word at `pos` follows a form value on the same line, with only spaces between: a word holding "@" or
    a digit ("...@aol.com Crystal clear that", "Postcode: G41 7WN Star rating"). A form flattened onto one line
    starts its next field there, so a word at `pos` reads as at a sentence start."""
    j = pos
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == pos or j == 0:
        return False
    before = text[max(0, j - 60):j].split()
    return bool(before) and ("@" in before[-1] or any(c.isdigit() for c in before[-1]))


class TextShapes:
    @staticmethod
    def _gap(text: str, a: Tok, b: Tok) -> str:
        return text[a.end:b.start]

    @staticmethod
    def _sentence_start(text: str, toks: list[Tok], i: int) -> bool:
        j = toks[i].start - 1
        while j >= 0 and text[j] in " \t\"'“‘([{-":
            j -= 1
        if j < 0 or text[j] in _BREAK:
            if j >= 0 and text[j] == "." and i > 0 and toks[i - 1].end == j and (
                    toks[i - 1].low in TITLES or len(toks[i - 1].low) == 1
                    and not text[max(0, toks[i - 1].start - 3):toks[i - 1].start].rstrip(" ")[-1:].isalnum()):
                return False  # "Dr. Patel", "J. Smith" (not "NI AB 12 34 56 D. Chase ...")
            return True
        return utterance_start(text, toks, i) or after_field_value(text, toks[i].start)  # "Worker: Will you"

    @staticmethod
    def _embedded(text: str, tok: Tok) -> bool:
        """Part of an e-mail address, URL, handle, file name or code."""
        before = text[tok.start - 1] if tok.start else " "
        after = text[tok.end] if tok.end < len(text) else " "
        if before in "@#_/\\" or after in "@_/\\" or after.isdigit() or before.isdigit():
            return True
        if before == "." and tok.start > 1 and text[tok.start - 2].isalnum():
            return True
        return after == "." and tok.end + 1 < len(text) and text[tok.end + 1].isalnum()

    @staticmethod
    def _address_like(text: str, toks: list[Tok], i: int) -> bool:
        """Token i comes straight after a house number or a street prefix: "12 Victoria", "St Helens"."""
        before = text[max(0, toks[i].start - 8):toks[i].start].rstrip(" ")
        return bool(before) and before[-1].isdigit() or i > 0 and toks[i - 1].low in PLACE_PREFIXES
