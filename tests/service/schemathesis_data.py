"""The small seeded database and the schemathesis schema over the real app that the stateless and stateful
property-based runs share (tests/service/test_schemathesis.py, test_schemathesis_stateful.py)."""
from __future__ import annotations

from engine.demo import load_areas
from engine.store import NewNote, Store


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


def api_schema_for(settings, anonymiser):
    """The app over a small seeded database. Themes use the fast (static, distilled) embedder: hundreds of
    notes are stored here, and what is tested is the HTTP contract, not the embedder."""
    import schemathesis

    from service.app import create_app
    from service.auth import create_token
    from themes.fast_embedder import FastEmbedder

    _seed(settings.db_path)
    app = create_app(settings.with_overrides(rate_limit_per_minute=100_000))
    app.state.models._anonymiser = anonymiser
    app.state.models._embedder = FastEmbedder()
    store = Store(settings.db_path)
    _, token = create_token(store, "admin", "Riverside", "schemathesis")
    store.close()
    app.state.test_token = token
    return schemathesis.openapi.from_asgi("/openapi.json", app)
