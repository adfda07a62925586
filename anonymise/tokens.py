"""Words as the name rules see them: `tokenise(text)` gives each word's offsets, its lower-case and ASCII-folded
forms and its shape (title, upper, lower); `fold` and `transliterate` give the forms looked up in the lexicon."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# ---- Tokens ----------------------------------------------------------------------------------------
_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


@dataclass(slots=True)
class Tok:
    start: int
    end: int        # excludes a possessive 's
    text: str
    low: str        # lower-case, curly apostrophes straightened, possessive removed
    key: str        # `low` ASCII-folded ("siobhán" -> "siobhan"): the form looked up in the lexicon
    shape: str      # "title" | "upper" | "lower" | "other"


def _shape(word: str) -> str:
    if word.islower():
        return "lower"
    if word.isupper():
        return "upper" if len(word) >= 2 else "title"
    return "title" if word[0].isupper() else "other"


def tokenise(text: str) -> list[Tok]:
    toks = []
    append = toks.append
    for m in _TOKEN.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        low = word.lower()
        if "'" in low or "’" in low:
            low = low.replace("’", "'")
            if len(low) > 3 and low.endswith("'s"):  # possessive: "Callum's" -> "Callum"
                word, low, end = word[:-2], low[:-2], end - 2
        append(Tok(start, end, word, low, low if low.isascii() else fold(low), _shape(word)))
    return toks


_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
                          "Æ": "AE", "ı": "i", "œ": "oe", "þ": "th", "ð": "d", "ə": "e", "Ə": "E", "’": "'"})
_CYR = dict(zip("абвгдезийклмнопрстуфхцчшщъыьэюяёєіїґ",
                "a b v g d e z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya yo ye i yi g".split()))
_CYR.update({"ј": "j", "љ": "lj", "њ": "nj", "ќ": "kj", "ѓ": "gj", "ѕ": "dz", "џ": "dzh"})  # Macedonian
_CYR_UK = {"г": "h", "и": "y", "е": "e", "й": "y"}
_CYR_BG = {"щ": "sht", "ъ": "a", "й": "y"}


def fold(word: str) -> str:
    """Lower-case ASCII form: accents stripped, special letters mapped ("Łukasz" -> "lukasz")."""
    word = word.translate(_SPECIAL)
    word = unicodedata.normalize("NFKD", word)
    return "".join(c for c in word if not unicodedata.combining(c)).lower()


def transliterate(word: str, locale: str) -> str:
    """Plain Cyrillic-to-Latin ("Олександр" -> "oleksandr"); good enough for name look-ups."""
    table = dict(_CYR)
    table.update(_CYR_UK if locale == "uk_UA" else _CYR_BG if locale == "bg_BG" else {})
    out = []
    for char in word.lower():
        latin = table.get(char, char)
        out.append("" if latin == "-" else latin)
    return "".join(out)


