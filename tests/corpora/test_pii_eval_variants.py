"""corpora/pii_eval_variants.py and the held-out template set b: labels stay on their values."""
import unicodedata

import pytest

from corpora import pii_eval
from corpora.pii_eval_variants import VARIANTS, add_variants


def _plain(value: str) -> str:
    return unicodedata.normalize("NFKC", value.replace("\u200b", "")).replace(" at ", "@").replace(" dot ", ".").lower()


@pytest.fixture(scope="module")
def records():
    base = pii_eval.generate_pii_eval_set(40, 5)
    return base, add_variants(base, list(VARIANTS), 5)


@pytest.mark.parametrize("variant", VARIANTS)
def test_when_a_variant_is_made_then_every_label_still_covers_its_value(records, variant):
    base, out = records
    by_id = {r["id"]: r for r in base}
    copies = [r for r in out if r["id"].endswith("~" + variant)]
    assert copies
    for r in copies:
        orig = by_id[r["id"].split("~")[0]]
        for a, b in zip(orig["spans"] + orig["keep"], r["spans"] + r["keep"]):
            assert _plain(r["text"][b["start"]:b["end"]]) == orig["text"][a["start"]:a["end"]].lower()


def test_when_template_set_b_is_chosen_then_notes_differ_and_pass_the_checks():
    try:
        pii_eval.use_templates("b")
        b = pii_eval.generate_pii_eval_set(60, 11)   # raises on any labelling problem
    finally:
        pii_eval.use_templates("a")
    a = pii_eval.generate_pii_eval_set(60, 11)
    assert [r["text"] for r in a] != [r["text"] for r in b]
