"""Template set C (corpora/pii_eval_templates_c.py): it generates valid labelled notes, and it shares no
sentence with set A or with the held-out set B (it was written apart from both)."""
from __future__ import annotations

from corpora import pii_eval, pii_eval_templates, pii_eval_templates_b, pii_eval_templates_c
from corpora.pii_eval_checks import problems

_SENTENCE_LISTS = ("PII_3P", "PII_1P", "OPENERS_3P", "FILLERS_3P", "CLOSERS_3P", "FILLERS_1P", "QUESTIONS")


def _sentences(module) -> set[str]:
    return {s.lstrip("^") for name in _SENTENCE_LISTS for s in getattr(module, name)}


def test_when_set_c_is_chosen_then_notes_are_valid_and_use_its_templates():
    pii_eval.use_templates("c")
    try:
        records = pii_eval.generate_pii_eval_set(n=80, seed=13)
    finally:
        pii_eval.use_templates("a")
    assert all(problems(r) == [] for r in records)
    texts = " ".join(r["text"] for r in records)
    assert "DOB confirmed as" in texts or "d.o.b" in texts
    assert any(s["type"] == "PERSON" for r in records for s in r["spans"])


def test_set_c_shares_no_sentence_with_set_a_or_the_held_out_set_b():
    c = _sentences(pii_eval_templates_c)
    assert c & _sentences(pii_eval_templates_b) == set()
    assert c & _sentences(pii_eval_templates) == set()
