"""Template set F (corpora/pii_eval_templates_f.py), the sixth round's tuning set: it generates valid labelled
notes in its own registers, shares no sentence with sets A-E, and its new value forms really occur."""
from __future__ import annotations

import random
import re

from corpora import (
    people,
    pii_eval,
    pii_eval_templates,
    pii_eval_templates_b,
    pii_eval_templates_c,
    pii_eval_templates_d,
    pii_eval_templates_e,
)
from corpora import pii_eval_templates_f as F
from corpora.pii_eval_checks import problems

_SENTENCE_LISTS = ("PII_3P", "PII_1P", "OPENERS_3P", "FILLERS_3P", "CLOSERS_3P", "FILLERS_1P", "QUESTIONS")


def _sentences(module) -> set[str]:
    return {s.lstrip("^") for name in _SENTENCE_LISTS for s in getattr(module, name)}


def test_when_set_f_is_chosen_then_notes_are_valid_and_use_its_own_registers():
    pii_eval.use_templates("f")
    try:
        records = pii_eval.generate_pii_eval_set(n=200, seed=23)
    finally:
        pii_eval.use_templates("a")
    assert all(problems(r) == [] for r in records)
    texts = " ".join(r["text"] for r in records)
    for register_word in ("MRN", "From: ", "carer", "Driver", "BRP", "Group session"):
        assert register_word in texts
    spans = [(s["type"], r["text"][s["start"]:s["end"]]) for r in records for s in r["spans"]]
    assert {t for t, _ in spans} == set(pii_eval.TYPE_SHARES)
    people_names = [v for t, v in spans if t == "PERSON"]
    assert any(re.fullmatch(r"[^\W\d]+(?:[ '-][^\W\d]+)*, [^\W\d]+(?: [^\W\d]+)*", v) for v in people_names)
    assert any(t == "UK_POSTCODE" and "\n" in v for t, v in spans)


def test_set_f_shares_no_sentence_with_sets_a_to_e():
    f = _sentences(F)
    for other in (pii_eval_templates, pii_eval_templates_b, pii_eval_templates_c, pii_eval_templates_d,
                  pii_eval_templates_e):
        assert f & _sentences(other) == set()


def test_set_f_address_postcode_and_phone_forms_occur():
    rng = random.Random(29)
    streets = [F.street_address(rng) for _ in range(600)]
    assert any(re.match(r"(?i)\d(st|nd|rd|th) floor, \d+ ", s) for s in streets)
    assert any(re.match(r"(?i)rm \d+, ", s) for s in streets)
    assert any(s.lower().endswith(tuple(h.lower() for h in F.HOTELS)) for s in streets)
    assert any(re.match(r"(?i)flat \dF\d, ", s) for s in streets)
    assert any(re.fullmatch(r"(?i)[a-z ]+, \d+", s) for s in streets)  # the street before the number
    assert any(re.search(r"\b(Gdns|Pde|Rd|Sq)\b", s) for s in streets)
    postcodes = [F.postcode(rng) for _ in range(400)]
    assert any("\n" in p for p in postcodes) and any("-" in p for p in postcodes)
    assert any(re.fullmatch(r"[a-z]+\d+ \d[A-Z]{2}", p) for p in postcodes)  # outward part in lower case
    phones = [F.phone(rng) for _ in range(400)]
    assert any(p.startswith("0044") for p in phones) and any(p.startswith("+44 (0)") for p in phones)
    national = [re.sub(r"\D", "", re.sub(r"^(\+44|0044) ?(\(0\))? ?", "0", p)) for p in phones]
    assert all(n.startswith("0") and len(n) == 11 for n in national)


def test_set_f_identifier_forms_occur_and_stay_valid():
    rng = random.Random(31)
    nhs = [F.nhs_number(rng) for _ in range(300)]
    assert all(people.is_valid_nhs(n) for n in nhs)
    assert any("." in n for n in nhs) and any("/" in n for n in nhs)
    ninos = [F.nino(rng) for _ in range(300)]
    assert any(re.fullmatch(r"[A-Z]{2}-\d\d-\d\d-\d\d-[A-D]", n) for n in ninos)
    dobs = [F.date_of_birth(rng, "any", 1990) for _ in range(400)]
    assert any(cue.startswith("born in ") and cue.endswith(" on ") for cue, _ in dobs)
    assert any(re.fullmatch(r"\d\d-[A-Z]{3}-1990", v) for _, v in dobs)
    assert not any(v.startswith(tuple(F.MONTHS)) for _, v in dobs)  # never month first
    accounts = [F.account_number(rng) for _ in range(300)]
    ibans = [a.replace(" ", "") for a in accounts if a.startswith("GB")]
    assert ibans and all(int("".join(str(int(c, 36)) for c in i[4:] + i[:4])) % 97 == 1 for i in ibans)
    assert any("\u2013" in F.sort_code(rng) for _ in range(200))
    passports = [F.passport_number(rng) for _ in range(300)]
    assert any(re.fullmatch(r"(ZU|ZR|RF|ZX|RT)\d{7}", p) for p in passports)
    plates = [F.vehicle_registration(rng) for _ in range(300)]
    assert any(re.fullmatch(r"[A-Z](IA|IG|IJ|IL|EZ|FZ|KZ|UI|OI|XI) \d{3,4}", p) for p in plates)
    assert any(re.fullmatch(r"[A-Z]{3} \d{1,3}[A-Z]", p) for p in plates)
    refs = [F.case_reference(rng, "case_ref") for _ in range(200)]
    assert any(re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{4}", r) for r in refs)
    assert any(re.fullmatch(r"[A-Z]{3}\d{7}|RR8\d{7}", F.case_reference(rng, "client_no")) for _ in range(100))


def test_set_f_name_forms_include_surname_first_middle_names_initials_and_nicknames():
    rng = random.Random(37)

    class Who:
        first, last, title, gender, tricky = "Mirwais", "Rahimi", "Mr", "m", False

    middle = F.MIDDLE_NAMES["m"][sum(map(ord, "MirwaisRahimi")) % len(F.MIDDLE_NAMES["m"])]
    forms = {F.client_alt_name(rng, Who) for _ in range(400)}
    assert {"Rahimi, Mirwais", f"Mirwais {middle} Rahimi", f"M.{middle[0]}. Rahimi", "Rahimi M", "MR",
            "mirwais r", "Mirwais 'Mir' Rahimi", "Rahimi, Mirwais (Mr)"} <= forms

    class Tricky:
        first, last, title, gender, tricky = "Hazel", "Hoxha", "Ms", "f", True

    tricky_forms = {F.client_alt_name(rng, Tricky) for _ in range(400)}
    assert all("Hoxha" in f or "HOXHA" in f or f == "HH" for f in tricky_forms)
