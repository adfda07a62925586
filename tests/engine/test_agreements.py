"""The data-sharing agreement register and the consent check (engine/agreements.py), on a real store."""
from datetime import date

import pytest

from engine import agreements
from engine.core.errors import InputError

TODAY = date(2025, 10, 1)


def _add(store, ref="DSA-2025-014", org="Riverside", signed="2025-04-01", review="2026-04-01"):
    return agreements.add(store, org, ref, "Riverside; Lewisham Council", "Planning local services", signed, review,
                          "admin@example.org", today=TODAY)


@pytest.mark.parametrize("review, expected", [("2026-04-01", "in_force"), ("2025-10-31", "review_due"),
                                              ("2025-10-01", "review_due"), ("2025-09-30", "review_overdue")])
def test_when_the_review_date_nears_or_passes_then_the_status_says_so(review, expected):
    assert agreements.status(review, TODAY) == expected


def test_when_agreements_are_added_then_the_register_lists_them_per_organisation_soonest_review_first(store):
    a = _add(store)
    assert a["organisation"] == "Riverside" and a["status"] == "in_force" and a["days_to_review"] == 182
    _add(store, "DSA-2025-020", review="2025-10-15")
    _add(store, "NORTH-1", org="Northside")
    mine = agreements.register(store, store.ensure_org("Riverside"), today=TODAY)
    assert [r["reference"] for r in mine] == ["DSA-2025-020", "DSA-2025-014"]
    assert mine[0]["status_label"] == "Review due soon"
    assert len(agreements.register(store, today=TODAY)) == 3


@pytest.mark.parametrize("kwargs, where", [
    ({"ref": "dsa-2025-014"}, "reference"),                    # already in the register (case aside)
    ({"ref": "DSA-2025-099", "review": "2025-03-01"}, "review_on"),
    ({"ref": "DSA-2025-099", "signed": "1 April 2025"}, "signed_on"),
    ({"ref": "Call 07700 900456"}, "reference"),
    ({"ref": "x@example.org"}, "reference"),
    ({"ref": "DSA-2025-099", "org": "  "}, "organisation"),
])
def test_when_an_agreement_is_wrong_then_it_is_refused_with_a_fix_and_nothing_saved(store, kwargs, where):
    _add(store)
    with pytest.raises(InputError) as err:
        _add(store, **kwargs)
    assert err.value.where == where and err.value.fix
    assert len(store.agreements()) == 1


def test_when_a_reference_names_the_organisations_agreement_then_it_is_kept_as_the_register_spells_it(store):
    _add(store)
    got = agreements.check_consent(store, store.ensure_org("Riverside"), "consent", " dsa-2025-014 ")
    assert got["consent_reference"] == "DSA-2025-014" and got["agreement"]["purpose"] == "Planning local services"
    free = agreements.check_consent(store, store.ensure_org("Riverside"), "consent", "Consent form v3 (2024)")
    assert free["consent_reference"] == "Consent form v3 (2024)" and free["agreement"] is None
    assert agreements.check_consent(store, None, "consent", "")["consent_reference"] is None


@pytest.mark.parametrize("basis, reference, where, says", [
    ("consent", "DSA-2025-014", "consent_reference", "another organisation's"),
    ("not_recorded", "Consent form v3", "consent_basis", "not known"),
    ("made_up", None, "consent_basis", "not one of"),
    ("consent", "Spoke to Mrs Khan; she said yes!", "consent_reference", "letters, digits"),
])
def test_when_a_consent_record_cannot_be_right_then_it_is_refused(store, basis, reference, where, says):
    _add(store)
    with pytest.raises(InputError) as err:
        agreements.check_consent(store, store.ensure_org("Northside"), basis, reference)
    assert err.value.where == where and says in err.value.message and err.value.fix
