"""Digests for every organisation of a small real store: written as HTML and .eml, the .eml parsed back with the
email package (multipart/alternative, plain text then HTML), their content, no suppressed count, clear errors."""
from __future__ import annotations

import email
import re
from email import policy as email_policy

import pytest

import engine.store.responses as responses_store
from engine.core.errors import InputError, NotFoundError
from engine.publish.digest import build_digest, write_digests
from engine.publish.suppression import Policy
from engine.store import Store
from tests.engine.publish.picture_data import MARKERS, fill, respond

POLICY = Policy(threshold=10, sensitive_threshold=20, rounding_base=5)


@pytest.fixture
def filled(tmp_path, monkeypatch):
    store = fill(Store(tmp_path / "insights.db"))
    monkeypatch.setattr(responses_store, "_now", lambda: "2025-09-15T10:00:00+00:00")
    respond(store, "food_poverty", "E06000001", "Families in Northtown skip meals.")
    monkeypatch.setattr(responses_store, "_now", lambda: "2025-06-01T10:00:00+00:00")
    respond(store, "debt_money", "E05000001", "An older response from June.")
    yield store
    store.close()


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\b(\d+) (?:notes|organisations)\b", text)]


def test_when_digests_written_for_all_then_each_eml_parses_back_with_text_and_html(filled, tmp_path):
    written = write_digests(filled, POLICY, tmp_path / "out", "2025-09")
    assert sorted(w["organisation"] for w in written) == sorted(MARKERS)
    for w in written:
        msg = email.message_from_bytes(open(w["eml"], "rb").read(), policy=email_policy.default)
        assert msg.get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
        assert msg["X-Insights-Organisation"] == w["organisation"] and "September 2025" in msg["Subject"]
        text = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        assert html == open(w["html"], encoding="utf-8").read()
        for body in (text, html):
            assert not any(marker in body for marker in MARKERS.values())
            assert all(n >= POLICY.threshold for n in _numbers(body)), _numbers(body)
        assert w["html_bytes"] > 1000 and w["eml_bytes"] > w["html_bytes"]


def test_when_a_response_is_new_in_the_month_then_the_digest_of_its_area_shows_it(filled):
    d = build_digest(filled, POLICY, "Riverside Food Bank", "2025-09")
    assert [r["said"] for r in d["new_responses"]] == ["Families in Northtown skip meals."]
    from engine.publish.digest_format import to_text
    text = to_text(d)
    assert "Families in Northtown skip meals." in text and "An older response from June." not in text
    assert "North Ward (ward, E05000001)" in text and "Northtown (council area, E06000001)" in text
    south = build_digest(filled, POLICY, "South Help", "2025-09")
    assert south["new_responses"] == []


def test_when_organisation_unknown_then_a_not_found_error_naming_the_known_ones(filled, tmp_path):
    with pytest.raises(NotFoundError) as err:
        write_digests(filled, POLICY, tmp_path / "out", "2025-09", ["Nobody Here"])
    assert "Nobody Here" in err.value.message and "Mill Advice" in err.value.fix
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("period", ["2025-13", "2025-Q3", "2025", "", "next month"])
def test_when_period_is_not_one_month_then_a_clear_input_error(filled, tmp_path, period):
    with pytest.raises(InputError) as err:
        write_digests(filled, POLICY, tmp_path / "out", period)
    assert err.value.where == "period" and "2025-09" in err.value.fix
