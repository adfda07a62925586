"""Template set D (corpora/pii_eval_templates_d.py), held out in rounds four and five: it generates valid labelled notes,
types its numbers its own way, and shares no sentence with sets A, B or C."""
from __future__ import annotations

import re

from corpora import pii_eval, pii_eval_templates, pii_eval_templates_b, pii_eval_templates_c, pii_eval_templates_d
from corpora.pii_eval_checks import problems

_SENTENCE_LISTS = ("PII_3P", "PII_1P", "OPENERS_3P", "FILLERS_3P", "CLOSERS_3P", "FILLERS_1P", "QUESTIONS")


def _sentences(module) -> set[str]:
    return {s.lstrip("^") for name in _SENTENCE_LISTS for s in getattr(module, name)}


def test_when_set_d_is_chosen_then_notes_are_valid_and_use_its_own_templates_and_number_formats():
    pii_eval.use_templates("d")
    try:
        records = pii_eval.generate_pii_eval_set(n=150, seed=17)
    finally:
        pii_eval.use_templates("a")
    assert all(problems(r) == [] for r in records)
    texts = " ".join(r["text"] for r in records)
    assert "link worker" in texts.lower() or "pantry" in texts.lower()
    values = {s["type"]: [] for r in records for s in r["spans"]}
    for r in records:
        for s in r["spans"]:
            values[s["type"]].append(r["text"][s["start"]:s["end"]])
    banks = values.get("BANK_ACCOUNT", [])
    assert banks and all(re.fullmatch(r"[\d .-]+", v) for v in banks)


def test_set_d_shares_no_sentence_with_sets_a_b_or_c():
    d = _sentences(pii_eval_templates_d)
    for other in (pii_eval_templates, pii_eval_templates_b, pii_eval_templates_c):
        assert d & _sentences(other) == set()


def test_set_d_number_formats_include_the_ways_people_type_them():
    import random

    rng = random.Random(3)
    sorts = {pii_eval_templates_d.sort_code(rng) for _ in range(200)}
    assert any("." in s for s in sorts) and any(re.fullmatch(r"\d{6}", s) for s in sorts)
    passports = {pii_eval_templates_d.passport_number(rng) for _ in range(200)}
    assert any(" " in p for p in passports) and all(len(p.replace(" ", "")) == 9 for p in passports)
    postcodes = {pii_eval_templates_d.postcode(rng) for _ in range(200)}
    assert any(p.islower() for p in postcodes) and any(" " not in p for p in postcodes)
