"""Template set E (corpora/pii_eval_templates_e.py), the fifth round's tuning set: it generates valid labelled
notes in its own registers, with its own name, date-of-birth and address forms, and shares no sentence with
sets A, B or C."""
from __future__ import annotations

import random
import re

from corpora import pii_eval, pii_eval_templates, pii_eval_templates_b, pii_eval_templates_c, pii_eval_templates_e
from corpora.pii_eval_checks import problems

_SENTENCE_LISTS = ("PII_3P", "PII_1P", "OPENERS_3P", "FILLERS_3P", "CLOSERS_3P", "FILLERS_1P", "QUESTIONS")


def _sentences(module) -> set[str]:
    return {s.lstrip("^") for name in _SENTENCE_LISTS for s in getattr(module, name)}


def test_when_set_e_is_chosen_then_notes_are_valid_and_use_its_own_registers():
    pii_eval.use_templates("e")
    try:
        records = pii_eval.generate_pii_eval_set(n=150, seed=19)
    finally:
        pii_eval.use_templates("a")
    assert all(problems(r) == [] for r in records)
    texts = " ".join(r["text"] for r in records).lower()
    assert "triage" in texts and "interpret" in texts
    values = [r["text"][s["start"]:s["end"]] for r in records for s in r["spans"]]
    assert any("\n" in r["text"] and "Address given:" in r["text"] for r in records) or values


def test_set_e_shares_no_sentence_with_sets_a_b_or_c():
    e = _sentences(pii_eval_templates_e)
    for other in (pii_eval_templates, pii_eval_templates_b, pii_eval_templates_c):
        assert e & _sentences(other) == set()


def test_set_e_forms_include_house_names_po_boxes_b_dot_births_and_initials():
    rng = random.Random(5)
    streets = {pii_eval_templates_e.street_address(rng) for _ in range(400)}
    assert any(s.lower().startswith("po box") for s in streets)
    assert any(s in pii_eval_templates_e.RURAL_HOUSES for s in streets)
    assert any(not re.search(r"\d", s) for s in streets)
    cues = {pii_eval_templates_e.date_of_birth(rng, "born")[0] for _ in range(200)}
    assert {"b. ", "b."} <= cues

    class Who:
        first, last, title, tricky = "Yonas", "Haile", "Mr", False

    forms = {pii_eval_templates_e.client_alt_name(rng, Who) for _ in range(200)}
    assert {"Y. Haile", "Haile Yonas", "Mr Y.H."} <= forms
