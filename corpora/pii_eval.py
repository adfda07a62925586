"""A seeded, deterministic, labelled UK anonymisation test set: synthetic VCS case notes, transcripts,
anecdotes, messages and referral forms with exact character offsets for every piece of PII.

    from corpora.pii_eval import generate_pii_eval_set, write_pii_eval_set
    records = generate_pii_eval_set(n=600, seed=7)
    python -m corpora.pii_eval OUT.jsonl [--n N] [--seed S]

Each record is {"id", "text", "spans", "keep"}:
  spans  PII that must be hidden: {"type", "start", "end"} with text[start:end] the value (Python indices).
  keep   text that must stay readable (ORGANISATION, SERVICE, PLACE, DATE, AGE, MONEY), to measure
         over-redaction. Common words that are also names (Will, May, Hope, Grace, Mark, Bill, ...) appear
         as ordinary words; they carry no label, so redacting them counts as a false positive.
Label conventions (as in corpora.demo and anonymise/recognisers/names.py): a title is inside a PERSON
span ("Mrs Khan"); relationship words are not ("her son " is outside); a possessive 's is not ("Amira"
of "Amira's"); cue words are not ("DOB ", "NHS no. ", "sort code ", "case ref "); an address span is
the house or flat number and street only, the town (a PLACE keep) and postcode (its own span) are apart.

About 30% of notes have no PII; the rest have 1-6 spans. PII types are dealt to notes from a pool with
fixed shares (TYPE_SHARES), so the per-type totals do not depend on luck. Every value is synthetic:
NHS numbers pass mod 11 but are random; NI numbers use allowed prefixes; phone numbers come from
Ofcom's drama ranges; names come from corpora.people plus corpora.pii_eval_templates, never Faker.
`problems(record)` checks one record (offsets, overlaps, and no unlabelled name or 6+ digit run).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

from corpora.pii_eval_checks import problems, summary
from corpora.pii_eval_slots import (
    _PARSE,
    _REPEATABLE,
    ADDR,
    BANK,
    DEFAULT_N,
    DEFAULT_SEED,
    DOB,
    MAIL,
    MAX_WORDS,
    MIN_WORDS,
    NHS,
    NINO,
    NO_PII_SHARE,
    PASS,
    PC,
    REF,
    SLOT_TYPES,
    SPANS_PER_NOTE,
    STYLES,
    TEL,
    TYPE_SHARES,
    VRM,
    P,
    Seg,
    T,
    _Ctx,
    _name_lists,
    name_words,  # noqa: F401  (the set's vocabulary, re-exported for its readers)
)

# ---- rendering -----------------------------------------------------------------------------------

def _base(slot: str) -> str:
    return slot[0].lower() + slot[1:]


@lru_cache(maxsize=None)
def _parse(template: str) -> tuple:
    parts, pos = [], 0
    for m in _PARSE.finditer(template):
        if m.start() > pos:
            parts.append(("lit", template[pos:m.start()]))
        parts.append(("slot", m.group(1)) if m.group(1) else ("keep", m.group(2), m.group(3)))
        pos = m.end()
    if pos < len(template):
        parts.append(("lit", template[pos:]))
    return tuple(parts)


def _need(template: str) -> Counter:
    return Counter(SLOT_TYPES[_base(p[1])] for p in _parse(template) if p[0] == "slot" and _base(p[1]) in SLOT_TYPES)


def _cap(segs: list[Seg]) -> list[Seg]:
    """Capitalise the first letter unless the text starts with a name (names keep their case)."""
    for i, (text, pii, keep) in enumerate(segs):
        if text:
            if pii is None:
                segs[i] = (text[0].upper() + text[1:], pii, keep)
            break
    return segs


def _render(ctx: _Ctx, template: str) -> list[Seg]:
    out: list[Seg] = []
    for part in _parse(template.lstrip("^")):
        if part[0] == "lit":
            out.append((part[1], None, None))
        elif part[0] == "keep":
            out.append((part[1], None, part[2]))
        else:
            segs = ctx.slot(_base(part[1]))
            out += _cap(segs) if part[1][0].isupper() else segs
    return out


def _words(segs: list[Seg]) -> int:
    return len("".join(s[0] for s in segs).split())


def _join(parts: list[list[Seg]], sep: str) -> list[Seg]:
    out: list[Seg] = []
    for i, part in enumerate(parts):
        out += ([(sep, None, None)] if i else []) + part
    return out


@lru_cache(maxsize=None)
def _pools(register: str) -> dict[str, list[tuple[str, Counter]]]:
    pools: dict[str, list[tuple[str, Counter]]] = {}
    for t in (T.PII_3P if register == "3p" else T.PII_1P):
        need = _need(t)
        for kind in need:
            pools.setdefault(kind, []).append((t, need))
    return pools


def _pii_sentences(ctx: _Ctx, register: str, tokens: Counter) -> list[tuple[bool, list[Seg]]]:
    """Sentences whose PII spans use up exactly the note's `tokens` (entity type -> count)."""
    rng, out = ctx.rng, []
    while sum(tokens.values()) > 0:
        kinds = sorted(k for k in tokens if tokens[k] > 0)
        primary = rng.choices(kinds, weights=[tokens[k] for k in kinds])[0]
        fits = [(t, need) for t, need in _pools(register)[primary] if all(tokens[k] >= v for k, v in need.items())]
        t, need = rng.choice([f for f in fits if f[0] not in ctx.templates] or fits)
        ctx.templates.add(t)
        tokens.subtract(need)
        out.append((t.startswith("^"), _render(ctx, t)))
    return out


def _fill(ctx: _Ctx, sentences: list[list[Seg]], pool: list[str], target: int, words: int, keep_first: int) -> int:
    """Insert filler sentences (no PII) at random places after the first `keep_first` until `target` words."""
    rng = ctx.rng
    for t in rng.sample(pool, len(pool)):
        if words >= target:
            break
        segs = _render(ctx, t)
        if words + _words(segs) <= MAX_WORDS:
            sentences.insert(rng.randint(min(keep_first, len(sentences)), len(sentences)), segs)
            words += _words(segs)
    return words


# ---- note styles ---------------------------------------------------------------------------------

def _prose(ctx: _Ctx, tokens: Counter, target: int, words: int = 0) -> list[list[Seg]]:
    rng = ctx.rng
    pii = _pii_sentences(ctx, "3p", tokens)
    rng.shuffle(pii)
    openers, rest = [s for o, s in pii if o], [s for o, s in pii if not o]
    sentences = (openers[:1] or [_render(ctx, rng.choice(T.OPENERS_3P))]) + openers[1:] + rest
    sentences[1:] = rng.sample(sentences[1:], len(sentences) - 1)
    words = _fill(ctx, sentences, T.FILLERS_3P, target, words + sum(map(_words, sentences)), 1)
    closer = _render(ctx, rng.choice(T.CLOSERS_3P))
    if rng.random() < 0.3 and words + _words(closer) <= MAX_WORDS:
        sentences.append(closer)
    return sentences


def _case_note(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    sentences = _prose(ctx, tokens, target)
    if ctx.rng.random() < 0.2:
        return [("- ", None, None)] + _join(sentences, "\n- ")
    return _join(sentences, " ")


def _anecdote(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    lead = _render(ctx, ctx.rng.choice(["", "", "Volunteer story: ", "From the {day} session: "]))
    return lead + _join(_prose(ctx, tokens, target, _words(lead)), " ")


def _message(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    rng = ctx.rng
    head: list[Seg] = [(rng.choice(["Hi all,", "Hi team,", "Morning all,"]), None, None)]
    tail: list[Seg] = [(rng.choice(["Thanks", "Cheers", "Speak soon"]), None, None)]
    if tokens[P] >= 1 and rng.random() < 0.8:
        tokens[P] -= 1
        head = [(rng.choice(["Hi ", "Hiya ", "Morning ", "Dear "]), None, None), (ctx.staff_name("to"), P, None),
                (",", None, None)]
    if tokens[P] >= 1 and rng.random() < 0.5:
        tokens[P] -= 1
        tail = [(rng.choice(["Thanks,\n", "Cheers,\n", "Many thanks\n", "Thanks, "]), None, None),
                (ctx.staff_name("from"), P, None)]
    body = _prose(ctx, tokens, target, _words(head) + _words(tail))
    return head + [("\n", None, None)] + _join(body, " ") + [("\n", None, None)] + tail


def _transcript(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    rng = ctx.rng
    turns, label = rng.randint(2, 5), None
    if tokens[P] >= 2 and rng.random() < 0.7:
        turns = min(turns, tokens[P])
        tokens[P] -= turns
        base, case = rng.choices([("first", "as"), ("full", "as"), ("first", "upper"), ("title", "as"),
                                  ("first", "lower")], weights=[60, 15, 10, 10, 5])[0]
        label = ctx.name(ctx.client, base, case)
    header = _render(ctx, rng.choice(T.TRANSCRIPT_HEADERS)) if rng.random() < 0.6 else []
    asker, answerer = rng.choice(T.INTERVIEWER_LABELS), rng.choice(T.RESIDENT_LABELS)
    questions = rng.sample(T.QUESTIONS, len(T.QUESTIONS))
    answers: list[list[list[Seg]]] = [[] for _ in range(turns)]
    for _, s in _pii_sentences(ctx, "1p", tokens):
        answers[rng.randrange(turns)].append(s)
    fillers = rng.sample(T.FILLERS_1P, len(T.FILLERS_1P))
    for a in answers:
        if not a and fillers:
            a.append(_render(ctx, fillers.pop()))
    per_turn = 8 + len((label or answerer).split())  # both speaker labels and a question
    words = _words(header) + sum(_words(s) for a in answers for s in a) + per_turn * turns
    while fillers and words < target:
        segs = _render(ctx, fillers.pop())
        if words + _words(segs) + per_turn > MAX_WORDS:
            continue
        if label is None and min(map(len, answers)) >= 2 and len(answers) < len(questions):
            answers.append([])
            words += per_turn
        pick = rng.choice([a for a in answers if len(a) == min(map(len, answers))])
        pick.insert(rng.randint(0, len(pick)), segs)
        words += _words(segs)
    lines = [header] if header else []
    for q, a in zip(questions, answers):
        lines.append([(f"{asker}: {q}", None, None)])
        who = [(label, P, None)] if label else [(answerer, None, None)]
        lines.append(who + [(": ", None, None)] + _join(a, " "))
    return _join(lines, "\n")


_FIELDS = [("Name", P), ("DOB", DOB), ("Address", ADDR), ("Postcode", PC), ("Previous address", ADDR),
           ("Tel", TEL), ("Mobile", TEL), ("Email", MAIL), ("NHS no", NHS), ("NI no", NINO), ("GP", P),
           ("Next of kin", P), ("Referred by", P), ("Case ref", REF), ("Sort code", BANK), ("Account no", BANK),
           ("Vehicle reg", VRM), ("Passport no", PASS)]
_FIELD_LABELS = {"DOB": ["DOB", "Date of birth", "D.O.B."], "NHS no": ["NHS no", "NHS number", "NHS No."],
                 "NI no": ["NI no", "NI number", "NINO"], "Case ref": ["Case ref", "Our ref", "Client no"],
                 "Tel": ["Tel", "Phone", "Contact number"]}


def _field(ctx: _Ctx, label: str) -> tuple[str, list[Seg]]:
    rng = ctx.rng
    shown = rng.choice(_FIELD_LABELS.get(label, [label]))
    if label == "Name":
        forms = [("full", "as", 40), ("full", "upper", 25), ("surname_first", "as", 15), ("title", "as", 20)]
        return shown, [(ctx._pick_name(ctx.client, forms), P, None)]
    if label == "Next of kin":
        gender = rng.choice("fm")
        who = ctx.new(gender, ctx.client.last if rng.random() < 0.6 else None)
        return shown, [(ctx.name(who, "full"), P, None), (f" ({rng.choice(T.REL_WORDS[gender])})", None, None)]
    if label == "Referred by":
        return shown, [(ctx.name(ctx.new(), "full"), P, None), (", ", None, None)] + ctx.keep("org")
    if label == "Address" and rng.random() < 0.6:
        return shown, ctx.slot("addr") + [(", ", None, None)] + ctx.keep("place")
    slot = {"DOB": "dob_value", "Address": "addr", "Previous address": "addr", "Postcode": "postcode", "Tel": "phone",
            "Mobile": "mobile", "Email": "email", "NHS no": "nhs", "NI no": "nino", "GP": "gp",
            "Sort code": "sort_code",
            "Account no": "account", "Vehicle reg": "vrm", "Passport no": "passport",
            "Case ref": {"Client no": "client_no"}.get(shown, "case_ref")}[label]
    return shown, ctx.slot(slot)


def _form(ctx: _Ctx, tokens: Counter, target: int) -> list[Seg]:
    rng = ctx.rng
    lines = [_render(ctx, rng.choice(T.FORM_HEADERS))]
    if sum(tokens.values()) == 0:
        lines += [_render(ctx, t) for t in ("Referral date: {date}", "Area: {place}", "Age: {age_bare}")]
    elif tokens[P] == 0:
        lines.append([("Name: withheld (self-referral)", None, None)])
    for label, kind in _FIELDS:
        if tokens[kind] > 0:
            tokens[kind] -= 1
            shown, value = _field(ctx, label)
            lines.append([(f"{shown}: ", None, None)] + value)
    words = sum(map(_words, lines))
    sentences = [s for _, s in _pii_sentences(ctx, "3p", tokens)]
    _fill(ctx, sentences, T.FILLERS_3P, max(target, words + 5), words + sum(map(_words, sentences)), 0)
    lines.append([(rng.choice(T.FORM_REASONS) + " ", None, None)] + _join(sentences, " "))
    return _join(lines, "\n")


_BUILDERS = {"case_note": _case_note, "anecdote": _anecdote, "transcript": _transcript, "form": _form,
             "message": _message}
_LENGTHS = {"case_note": (8, 200, 40), "anecdote": (30, 250, 110), "transcript": (40, 250, 120),
            "form": (15, 120, 40), "message": (8, 150, 35)}


def _note(rng: random.Random, note_id: str, style: str, tokens: Counter) -> dict:
    ctx = _Ctx(rng)
    lo, hi, mode = _LENGTHS[style]
    segs = _BUILDERS[style](ctx, tokens, max(MIN_WORDS, int(rng.triangular(lo, hi, mode))))
    if style in ("case_note", "message") and rng.random() < 0.06:
        lowered = [(t.lower(), p, k) for t, p, k in segs]
        if all(len(a[0]) == len(b[0]) for a, b in zip(lowered, segs)):
            segs = lowered
    text, spans, keep, pos = [], [], [], 0
    for value, pii, kept in segs:
        if pii or kept:
            (spans if pii else keep).append({"type": pii or kept, "start": pos, "end": pos + len(value)})
        text.append(value)
        pos += len(value)
    return {"id": note_id, "text": "".join(text), "spans": spans, "keep": keep}


# ---- the set -------------------------------------------------------------------------------------

def _plan(rng: random.Random, n: int) -> list[Counter]:
    """PII types per note: 30% none, else 1-6 spans dealt from a pool with TYPE_SHARES of the total."""
    sizes = list(SPANS_PER_NOTE)
    ks = [0] * round(n * NO_PII_SHARE)
    ks += rng.choices(sizes, weights=[SPANS_PER_NOTE[k] for k in sizes], k=n - len(ks))
    rng.shuffle(ks)
    total, share = sum(ks), sum(TYPE_SHARES.values())
    counts = {t: int(total * w / share) for t, w in TYPE_SHARES.items()}
    counts[P] += total - sum(counts.values())
    pool = [t for t, c in counts.items() for _ in range(c)]
    rng.shuffle(pool)
    plans = []
    for k in ks:
        got: Counter = Counter()
        for _ in range(k):  # prefer a type the note does not have yet (two NHS numbers in a note is odd)
            i = next((i for i, t in enumerate(pool[:60]) if t in _REPEATABLE or not got[t]), 0)
            got[pool.pop(i)] += 1
        plans.append(got)
    return plans


def generate_pii_eval_set(n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[dict]:
    """`n` labelled notes; the same (n, seed) always gives the same records."""
    if n < 1:
        raise ValueError("n must be at least 1")
    rng = random.Random(seed)
    plans = _plan(rng, n)
    styles = rng.choices(list(STYLES), weights=list(STYLES.values()), k=n)
    records = []
    for i, (tokens, style) in enumerate(zip(plans, styles), start=1):
        if style == "form" and sum(tokens.values()) == 1:
            style = "case_note"
        record = _note(random.Random(seed * 1_000_003 + i), f"uk-{i:04d}", style, tokens)
        bad = problems(record)
        if bad:
            raise RuntimeError(f"generator bug in {record['id']}: {bad[:3]}")
        records.append(record)
    return records


def write_pii_eval_set(path: str | Path, n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> list[dict]:
    """Write the set as JSONL (one record a line, keys id, text, spans, keep) and return the records."""
    records = generate_pii_eval_set(n, seed)
    with open(path, "w", encoding="utf-8") as out:
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return records


# ---- variants and template sets (corpora/pii_eval_variants.py) -------------------------------------
def use_templates(name: str) -> None:
    """Generate from template set "a" (corpora.pii_eval_templates, the default) or "b" ... "g"
    (corpora.pii_eval_templates_<name>; each module's docstring says what it holds). Held out: b and g (g and f
    were written by writers who never read the rules); tuned on: a, c, d (held out for two rounds first), e, f."""
    T.use(name)
    for cached in (_name_lists, name_words, _pools, _parse):
        cached.cache_clear()


def main(argv: list[str] | None = None) -> int:
    from corpora.pii_eval_variants import VARIANTS, add_variants

    parser = argparse.ArgumentParser(prog="python -m corpora.pii_eval",
                                     description="Write the labelled UK anonymisation test set as JSONL.")
    parser.add_argument("out", type=Path, help="output .jsonl file")
    parser.add_argument("--n", type=int, default=DEFAULT_N, help=f"number of notes (default {DEFAULT_N})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--templates", choices=["a", "b", "c", "d", "e", "f", "g"], default="a",
                        help="template set: a (default), c, d, e, f (tuned on) or b, g (held out): "
                             "corpora/pii_eval_templates_<set>.py")
    parser.add_argument("--variants", default="",
                        help=f"also write variant copies, comma-separated or 'all': {', '.join(VARIANTS)}. "
                             "A copy's id is '<id>~<variant>'; `insights eval anonymisation` reports each "
                             "variant as its own rows.")
    args = parser.parse_args(argv)
    use_templates(args.templates)
    if args.variants:
        wanted = list(VARIANTS) if args.variants == "all" else [v.strip() for v in args.variants.split(",") if v.strip()]
        unknown = [v for v in wanted if v not in VARIANTS]
        if unknown:
            parser.error(f"unknown variant(s) {', '.join(unknown)}; use {', '.join(VARIANTS)} or all")
        records = add_variants(generate_pii_eval_set(args.n, args.seed), wanted, args.seed)
        with open(args.out, "w", encoding="utf-8") as out:
            for r in records:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
    else:
        records = write_pii_eval_set(args.out, args.n, args.seed)
    counts = summary(records)
    print(f"Wrote {len(records)} notes to {args.out}", file=sys.stderr)
    for part in ("spans", "keep"):
        print(f"  {part}: " + ", ".join(f"{t} {c}" for t, c in counts[part].most_common()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
