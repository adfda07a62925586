"""Property-based tests of the whole API against its own OpenAPI schema (schemathesis): 100 generated
requests per operation, sent with an admin's token to a small real database. No 5xx, and every answer
matches the schema (status codes, content types, headers, bodies); invalid requests are refused with a 4xx."""
import time

import pytest
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import positive_data_acceptance

from engine.demo import load_areas
from engine.store import NewNote, Store
from service.app import create_app


def _seed(db_path) -> None:
    store = Store(db_path)
    load_areas(store, [{"code": "E09000023", "name": "Lewisham", "level": "lad"},
                       {"code": "E05000442", "name": "Downham", "level": "ward", "parent_code": "E09000023",
                        "postcode_districts": ["SE12"]}])
    store.upsert_indicator({"id": "claimant_rate", "label": "Claimant rate", "unit": "percent",
                            "polarity": "higher_is_worse", "source": "DWP", "licence": "OGL v3.0"})
    store.add_observations([{"indicator_id": "claimant_rate", "area_code": "E05000442", "period": f"2025-0{m}",
                             "value": 4.0 + m} for m in range(1, 4)])
    org = store.ensure_org("Riverside")
    store.add_submission(org, [NewNote(text=f"We gave <PERSON_1> a food parcel, visit {i}.", content_hash=f"h{i}",
                                       dedupe_key=f"k{i}", source_type="case_note", date="2025-03", month="2025-03",
                                       area_code="E05000442", area_how="code", age_band=None, external_id=None,
                                       redactions=[{"entity_type": "PERSON", "placeholder": "<PERSON_1>",
                                                    "start": 8, "end": 18}]) for i in range(12)],
                         "test", "consent")
    store.replace_emergent("run", [{"label": f"bus / route {i}", "keywords": ["bus", "route"], "size": 23,
                                    "note_ids": [1, 2], "quotes": ["The 12 bus was cut."]} for i in range(3)])
    store.close()


@pytest.fixture
def api_schema(settings, anonymiser):
    """The app over a small seeded database. Themes use the fast (static, distilled) embedder: hundreds of
    notes are stored here, and what is tested is the HTTP contract, not the embedder."""
    from themes.fast_embedder import FastEmbedder

    _seed(settings.db_path)
    app = create_app(settings.with_overrides(rate_limit_per_minute=100_000))
    app.state.models._anonymiser = anonymiser
    app.state.models._embedder = FastEmbedder()
    from service.auth import create_token

    store = Store(settings.db_path)
    _, token = create_token(store, "admin", "Riverside", "schemathesis")
    store.close()
    app.state.test_token = token
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_when_api_gets_generated_requests_then_no_5xx_and_answers_match_the_schema(api_schema):
    """Each operation in turn (schemathesis's own pytest loader does not work with pytest 9 yet, so the
    operations are driven through hypothesis directly)."""
    token = api_schema.app.state.test_token
    failures, operations = {}, 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=100, deadline=None, database=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
        def run(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, timeout=120, excluded_checks=[
                positive_data_acceptance])  # a schema-valid but meaningless value (a made-up cursor) is a 400

        started = time.monotonic()
        try:
            run()
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collected, reported below
            inner = getattr(exc, "exceptions", None) or [exc.__cause__ or exc.__context__]
            failures[operation.label] = f"{exc}"[:800] + " | " + " | ".join(repr(e)[:1500] for e in inner)
        print(f"{operation.label}: {time.monotonic() - started:.1f}s")
    assert operations >= 18
    assert not failures, "\n\n".join(f"{label}:\n{msg}" for label, msg in failures.items())
