"""Template set G, held out: written by a writer who never read the anonymiser's rules; never tune on it.

Tests for corpora/pii_eval_templates_g.py: it generates valid labelled notes in its own registers, shares no
sentence with sets A-E, and its new value shapes (spoken numbers, hostel rooms, Northern Irish plates, ...) occur."""
from __future__ import annotations

import random
import re

from corpora import (
    pii_eval,
    pii_eval_templates,
    pii_eval_templates_b,
    pii_eval_templates_c,
    pii_eval_templates_d,
    pii_eval_templates_e,
)
from corpora import pii_eval_templates_g as G
from corpora.pii_eval_checks import problems

_SENTENCE_LISTS = ("PII_3P", "PII_1P", "OPENERS_3P", "FILLERS_3P", "CLOSERS_3P", "FILLERS_1P", "QUESTIONS")
_SPOKEN = re.compile(r"^(?:[a-z]+ )+[a-z]+$")  # lower-case words only, no digits


def _sentences(module) -> set[str]:
    return {s.lstrip("^") for name in _SENTENCE_LISTS for s in getattr(module, name)}


def _generate(n: int, seed: int) -> list[dict]:
    pii_eval.use_templates("g")
    try:
        return pii_eval.generate_pii_eval_set(n=n, seed=seed)
    finally:
        pii_eval.use_templates("a")


def test_when_set_g_is_chosen_then_notes_are_valid_and_use_its_own_registers():
    records = _generate(300, 29)
    assert all(problems(r) == [] for r in records)
    texts = " ".join(r["text"] for r in records)
    assert "Client:" in texts and "To whom it may concern" in texts and "voice note" in texts
    kinds = {s["type"] for r in records for s in r["spans"]}
    assert kinds == set(pii_eval.TYPE_SHARES)


def test_when_set_g_is_generated_then_spoken_values_carry_their_labels():
    records = _generate(300, 31)
    spoken = {s["type"] for r in records for s in r["spans"] if _SPOKEN.match(r["text"][s["start"]:s["end"]])
              and s["type"] != "PERSON"}
    assert {"PHONE_NUMBER", "UK_POSTCODE", "STREET_ADDRESS"} <= spoken


def test_set_g_shares_no_sentence_with_sets_a_to_e():
    g = _sentences(G)
    for other in (pii_eval_templates, pii_eval_templates_b, pii_eval_templates_c, pii_eval_templates_d,
                  pii_eval_templates_e):
        assert g & _sentences(other) == set()


def test_set_g_value_forms_include_spoken_numbers_hostels_and_new_plates():
    rng = random.Random(7)
    phones = {G.phone(rng) for _ in range(400)}
    assert any(p.startswith("oh seven seven") or p.startswith("oh double seven") for p in phones)
    assert any(re.fullmatch(r"07700\.900\.\d{3}", p) for p in phones) and any(p.startswith("+44 0") for p in phones)
    postcodes = {G.postcode(rng, "LS6") for _ in range(200)}
    assert any(p.startswith("l s six ") for p in postcodes) and any(p.startswith("Ls6 ") for p in postcodes)
    streets = {G.street_address(rng) for _ in range(600)}
    assert any(re.fullmatch(r"Room \d+, .+", s) and s.split(", ", 1)[1] in G.HOSTELS for s in streets)
    assert any(s.startswith("number ") and " on the " in s for s in streets)
    assert any(re.match(r"\dF\d, ", s) for s in streets) and any(re.search(r", Flat \d/\d$", s) for s in streets)
    nhs = {G.nhs_number(rng) for _ in range(300)}
    assert all(len(re.sub(r"\D", "", n)) in (0, 10) for n in nhs) and any(_SPOKEN.match(n) for n in nhs)
    plates = {G.vehicle_registration(rng) for _ in range(300)}
    assert any(re.fullmatch(r"[A-Z](?:IA|IB|IJ|KZ|LZ|MZ|NZ|OI|RZ|SZ|XI) \d{1,4}", p) for p in plates)
    births = {G.date_of_birth(rng, "born", 1978) for _ in range(300)}
    assert any(cue == "born on the " and value.endswith("nineteen seventy eight") for cue, value in births)
    sorts = {G.sort_code(rng) for _ in range(200)}
    assert any("\u2013" in s for s in sorts)

    class Who:
        first, last, title, gender, tricky = "Besnik", "Hoxha", "Mr", "m", False

    names = {G.client_alt_name(rng, Who) for _ in range(300)}
    assert {"Mr and Mrs Hoxha", "Mr Besnik", "Hoxha (Besnik)"} <= names
    assert any(re.fullmatch(r"Besnik '\w+' Hoxha", n) for n in names)
