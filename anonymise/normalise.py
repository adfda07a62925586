"""Normalise a note before analysis, keeping a map back to the original characters.

Text typed on phones or pasted from web pages, PDFs and e-mail hides identifiers from pattern rules:
"NHS no 943 476 5919" with non-breaking spaces, "Ma<zero-width space>ry Jones", full-width digits
"０７７００ ９００１２３", "mary.jones at gmail dot com", "07700 9OO 123", an "а" from the Cyrillic alphabet
inside "mаry@gmail.com", "0 7 7 0 0 9 0 0 1 2 3", "oh seven seven double oh nine ...". `normalise(text)`
returns the analysis text and, for every one of its characters, the range of original characters it
came from. Steps, in order:

  1. characters  invisible characters (format characters: zero-width spaces and joiners, soft hyphens,
                 bidi marks, embeddings, overrides and isolates, the byte-order mark, the combining
                 grapheme joiner, variation selectors) are dropped; every other Unicode space
                 (no-break, narrow, figure, ideographic, ...) becomes " "; each base character with its
                 combining marks is NFKC-normalised ("０" -> "0", "ﬁ" -> "fi", "e" + acute -> "é").
  2. look-alikes a Cyrillic or Greek letter that looks Latin, inside a word that also has Latin letters,
                 becomes the Latin letter ("mаry" -> "mary"); whole Cyrillic or Greek words are untouched.
  3. e-mail      "name at domain dot com", "name (at) domain [dot] co [dot] uk", "mary dot jones at ...":
                 the spelled separators become "@" and "." when the address ends in a known top-level
                 domain.
  4. digits      inside a run of digit groups (6 or more real digits in all), a group that has a digit
                 and letters O/o (for 0) or I/l/| (for 1) gets the digits ("9OO" -> "900"); seven or more
                 single digits separated by spaces are joined ("0 7 7 0 0 ..." -> "07700..."); seven or
                 more digits spelled in words ("oh seven seven double oh ...") become digits.
  5. spoken      years, ordinal days and house numbers said in words ("nineteen seventy eight", "the third of
                 may", "number fourteen ash grove") become digits, and codes said letter by letter ("l s six
                 four a b") one run of capitals and digits ("LS64AB") (anonymise/spoken_numbers.py).

The map: `starts[i]`, `ends[i]` are the original range of analysis character i; a span (a, b) of the
analysis text maps to (starts[a], ends[b - 1]), which covers every original character in between,
including dropped invisible ones. `to_original` checks the map and raises `MappingError` when it cannot
map a span (the anonymiser then rejects the note: fail closed). Errors never contain text.

Casing is not changed here: `anonymise.truecase` does that on the result, one character for one.

The anonymiser analyses the normalised text but replaces in the ORIGINAL: the anonymised text is the note as
written (no-break spaces, invisible characters and all) with each identifier's whole original range replaced
by its placeholder, and every offset it reports (`Redaction.orig_start/orig_end`, the CLI's `entities`)
refers to the original input.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


class MappingError(ValueError):
    """A span of the analysis text could not be mapped back to the original (the message has no text)."""


# ---- the map --------------------------------------------------------------------------------------
@dataclass
class Normalised:
    text: str                     # the analysis text
    starts: list[int] | None      # per analysis character: first original index (None: identity)
    ends: list[int] | None        # per analysis character: original end, exclusive
    original_length: int

    @property
    def identity(self) -> bool:
        return self.starts is None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original range of analysis span (start, end); MappingError if it cannot be mapped."""
        n = len(self.text)
        if not (0 <= start < end <= n):
            raise MappingError(f"span {start}-{end} is outside the analysis text (length {n})")
        if self.starts is None:
            if n != self.original_length:
                raise MappingError("identity map over texts of different lengths")
            return start, end
        a, b = self.starts[start], self.ends[end - 1]
        if not (0 <= a < b <= self.original_length):
            raise MappingError(f"span {start}-{end} maps outside the original text")
        return a, b


def identity(text: str) -> Normalised:
    return Normalised(text, None, None, len(text))


class _Builder:
    """Accumulates output pieces, each mapped to a range of the input of one step."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []

    def add(self, out: str, start: int, end: int) -> None:
        if out:
            self.parts.append(out)
            self.starts.extend([start] * len(out))
            self.ends.extend([end] * len(out))

    def copy(self, text: str, start: int, end: int) -> None:
        if end > start:
            self.parts.append(text[start:end])
            self.starts.extend(range(start, end))
            self.ends.extend(range(start + 1, end + 1))

    def text(self) -> str:
        return "".join(self.parts)


def _compose(prev: Normalised, text: str, starts: list[int], ends: list[int]) -> Normalised:
    """A step's output (mapped to prev.text) as a map to the original."""
    if prev.starts is None:
        return Normalised(text, starts, ends, prev.original_length)
    return Normalised(text, [prev.starts[s] for s in starts], [prev.ends[e - 1] for e in ends],
                      prev.original_length)


def _apply(prev: Normalised, edits: list[tuple[int, int, str]]) -> Normalised:
    """Replace prev.text[start:end] by each edit's string (edits sorted, not overlapping); the replacement's
    characters all map to the replaced range."""
    if not edits:
        return prev
    src, b, pos = prev.text, _Builder(), 0
    for start, end, out in edits:
        if start < pos:
            raise MappingError("overlapping normalisation edits")
        b.copy(src, pos, start)
        if out and len(out) == end - start:    # one for one: each character keeps its own origin
            for k, ch in enumerate(out):
                b.add(ch, start + k, start + k + 1)
        else:
            b.add(out, start, end)
        pos = end
    b.copy(src, pos, len(src))
    return _compose(prev, b.text(), b.starts, b.ends)


# ---- 1. characters --------------------------------------------------------------------------------
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u3164\uffa0") | frozenset(map(chr, range(0xFE00, 0xFE10)))
_KEEP_CONTROLS = frozenset("\t\n\r")
_PLAIN = re.compile(r"[\t\n\r\x20-\x7e]*\Z")
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")


def _invisible(ch: str) -> bool:
    return unicodedata.category(ch) == "Cf" or ch in _INVISIBLE_EXTRA or "\U000e0000" <= ch <= "\U000e007f"


def _characters(text: str) -> Normalised:
    prev = identity(text)
    if _PLAIN.match(text):
        return prev
    b, i, n = _Builder(), 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isascii() and (i + 1 == n or text[i + 1].isascii()):
            run = _ASCII_RUN.match(text, i)          # copy a run of plain characters at once (all but its last
            j = run.end() - 1 if run.end() < n else n   # one, which a combining mark may follow)
            if j > i:
                b.copy(text, i, j)
                i = j
                continue
            b.add(ch, i, i + 1)
            i += 1
            continue
        if _invisible(ch):
            i += 1
            continue
        if ch not in _KEEP_CONTROLS and (unicodedata.category(ch) == "Zs" or ch in "\u2028\u2029\x85"):
            b.add("\n" if ch in "\u2028\u2029\x85" else " ", i, i + 1)
            i += 1
            continue
        j = i + 1                    # the base character and its combining marks (invisibles inside skipped)
        while j < n and (unicodedata.category(text[j])[0] == "M" and text[j] not in _INVISIBLE_EXTRA):
            j += 1
        b.add(unicodedata.normalize("NFKC", text[i:j]), i, j)
        i = j
    return _compose(prev, b.text(), b.starts, b.ends)


# ---- 2. look-alike letters ------------------------------------------------------------------------
CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j",
    "ѕ": "s", "һ": "h", "ԁ": "d", "ӏ": "l", "ԛ": "q", "ԝ": "w", "ё": "e", "ї": "i", "к": "k", "м": "m",
    "н": "h", "т": "t", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "Х": "X", "І": "I", "Ј": "J", "Ѕ": "S", "Ү": "Y", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W",
    # Greek
    "α": "a", "ο": "o", "ν": "v", "ι": "i", "κ": "k", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
_WORDS = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[A-Za-z]")


def _lookalikes(prev: Normalised) -> Normalised:
    text = prev.text
    if text.isascii():
        return prev
    edits = []
    for m in _WORDS.finditer(text):
        word = m.group()
        if word.isascii() or not _LATIN.search(word) or not any(c in CONFUSABLES for c in word):
            continue
        fixed = "".join(CONFUSABLES.get(c, c) for c in word)
        if not fixed.isascii():      # a real mixed-script word (a transliterated name): leave it
            continue
        edits.append((m.start(), m.end(), fixed))
    return _apply(prev, edits)


# ---- 3. spelled e-mail addresses ------------------------------------------------------------------
TLDS = ("com|org|net|uk|co|gov|nhs|ac|edu|io|me|info|biz|eu|ie|de|fr|pl|ro|in|us|ca|au|nz|scot|wales|cymru"
        "|london|online|email|live|app|tv")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9_%+'\-]*[A-Za-z0-9_])?"
_AT = r"(?:[ \t]*[(\[{<][ \t]*at[ \t]*[)\]}>][ \t]*|[ \t]+at[ \t]+|[ \t]*@[ \t]*)"
_DOT = r"(?:[ \t]*[(\[{<][ \t]*dot[ \t]*[)\]}>][ \t]*|[ \t]+dot[ \t]+|\.)"
_SPELLED = re.compile(
    rf"(?i)(?<![\w.@%+\-])(?P<local>{_LABEL}(?:{_DOT}{_LABEL}){{0,3}}){_AT}"
    rf"(?P<domain>{_LABEL}(?:{_DOT}{_LABEL}){{0,3}}{_DOT}(?:{TLDS}))(?![\w@]|\.\w)")
_SEP = re.compile(rf"(?i){_AT}|{_DOT}")
_NOT_LOCAL = frozenset("""me him her them us you it is was be email emailed mail e-mail address write wrote
    shop shopping meet met online home work contact contacted order ordered book booked account details
    find found look looking available""".split())


def _emails(prev: Normalised) -> Normalised:
    text = prev.text
    low = text.lower()
    if " at " not in low and "(at)" not in low and "[at]" not in low and " @ " not in text:
        return prev
    edits = []
    for m in _SPELLED.finditer(text):
        whole = m.group()
        if "@" in whole and not re.search(r"(?i)[ \t]dot[ \t]|[(\[{<][ \t]*dot|[ \t]@|@[ \t]", whole):
            continue                 # an ordinary address
        if m.group("local").lower() in _NOT_LOCAL:
            continue
        for sep in _SEP.finditer(text, m.start(), m.end()):
            s = sep.group()
            if s == ".":
                continue
            edits.append((sep.start(), sep.end(), "@" if "at" in s.lower() or "@" in s else "."))
    return _apply(prev, edits)


# ---- 4. digits ------------------------------------------------------------------------------------
_DIGITISH = "0-9OoIl|"
_GROUP_RUN = re.compile(rf"(?<![\w|])[{_DIGITISH}]+(?:[ \-][{_DIGITISH}]+)*(?![\w|])")
_GROUP = re.compile(rf"[{_DIGITISH}]+")
_TO_DIGIT = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
_SPACED = re.compile(r"(?<![\w.,])\d(?:[ ]{1,2}\d){6,}(?![\w]|[.,]\d)")
_NUMBER_WORDS = {"zero": "0", "oh": "0", "o": "0", "nought": "0", "nil": "0", "one": "1", "two": "2",
                 "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_REPEAT = {"double": 2, "triple": 3, "treble": 3}
_NUMBER_WORD = re.compile(r"(?i)\b(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|double"
                          r"|triple|treble)\b")


def _digit_lookalikes(prev: Normalised) -> Normalised:
    text = prev.text
    edits = []
    for m in _GROUP_RUN.finditer(text):
        run = m.group()
        groups = list(_GROUP.finditer(run))
        real = sum(c.isdigit() for c in run)
        if real < 6 or all(g.group().isdigit() for g in groups):
            continue
        for g in groups:
            word = g.group()
            if not word.isdigit() and any(c.isdigit() for c in word):
                start = m.start() + g.start()
                edits.append((start, start + len(word), word.translate(_TO_DIGIT)))
    return _apply(prev, edits)


def _spaced_digits(prev: Normalised) -> Normalised:
    edits = []
    for m in _SPACED.finditer(prev.text):
        for sp in re.finditer(r"[ ]+", m.group()):
            edits.append((m.start() + sp.start(), m.start() + sp.end(), ""))
    return _apply(prev, edits)


def _spelled_digits(prev: Normalised) -> Normalised:
    text = prev.text
    low = text.lower()
    if not any(w in low for w in ("seven", "double", "zero", "nine", "eight", "four", "five", "six", "three")):
        return prev
    words = list(_NUMBER_WORD.finditer(text))
    edits, i = [], 0
    while i < len(words):
        j, run = i, [words[i]]
        while j + 1 < len(words) and re.fullmatch(r"[ \t]*[,\-]?[ \t]*", text[words[j].end():words[j + 1].start()]) \
                and text[words[j].end():words[j + 1].start()] != "":
            j += 1
            run.append(words[j])
        i = j + 1
        digits, pieces, repeat = 0, [], 1
        for w in run:
            low_w = w.group().lower()
            if low_w in _REPEAT:
                repeat = _REPEAT[low_w]
                pieces.append((w, ""))
                continue
            pieces.append((w, _NUMBER_WORDS[low_w] * repeat))
            digits += repeat
            repeat = 1
        if repeat != 1 or digits < 7 or run[0].group().lower() == "o":
            continue
        start, end = run[0].start(), run[-1].end()
        # one edit for the whole run; every digit maps to the run (the words and spaces between them)
        edits.append((start, end, "".join(d for _, d in pieces)))
    return _apply(prev, edits)


def _spoken_numbers(prev: Normalised) -> Normalised:
    """Years, ordinal days and house numbers said in words (anonymise/spoken_numbers.py)."""
    from anonymise.spoken_numbers import spoken_code_edits, spoken_number_edits

    coded = _apply(prev, spoken_code_edits(prev.text))
    return _apply(coded, spoken_number_edits(coded.text))


# ---- all ------------------------------------------------------------------------------------------
def normalise(text: str) -> Normalised:
    """The analysis text for `text` and its map back (module docstring)."""
    n = _characters(text)
    n = _lookalikes(n)
    n = _emails(n)
    n = _digit_lookalikes(n)
    n = _spaced_digits(n)
    n = _spelled_digits(n)
    n = _spoken_numbers(n)
    check(n)
    return n


def check(n: Normalised) -> None:
    """The map is complete and monotonic; MappingError otherwise."""
    if n.starts is None:
        if len(n.text) != n.original_length:
            raise MappingError("identity map over texts of different lengths")
        return
    if not (len(n.starts) == len(n.ends) == len(n.text)):
        raise MappingError("the map does not cover the analysis text")
    last = 0
    for a, b in zip(n.starts, n.ends):
        if not (0 <= a < b <= n.original_length):
            raise MappingError("the map points outside the original text")
        if a < last:
            raise MappingError("the map goes backwards")
        last = a
