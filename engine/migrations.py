"""Numbered schema migrations. The schema only changes through these functions, applied in order.

Each is recorded in `_migrations`; `apply(db)` runs the ones not yet applied. They use the sqlite-utils
table API, so the store module stays the only place that writes SQL text.
"""
from __future__ import annotations

from datetime import datetime, timezone

MIGRATIONS: list = []


def migration(fn):
    MIGRATIONS.append(fn)
    return fn


@migration
def m001_core(db):
    db["organisations"].create({"id": int, "name": str, "kind": str, "created_at": str}, pk="id")
    db["organisations"].create_index(["name"], unique=True)
    db["submissions"].create(
        {"id": str, "org_id": int, "channel": str, "consent_basis": str, "created_at": str, "note_count": int},
        pk="id", foreign_keys=[("org_id", "organisations", "id")],
    )
    db["notes"].create(
        {
            "id": int, "submission_id": str, "org_id": int, "external_id": str, "source_type": str,
            "date": str, "month": str, "area_code": str, "area_how": str, "age_band": str,
            "text": str, "content_hash": str, "dedupe_key": str, "word_count": int, "created_at": str,
        },
        pk="id",
        foreign_keys=[("submission_id", "submissions", "id"), ("org_id", "organisations", "id")],
    )
    db["notes"].create_index(["org_id", "dedupe_key"], unique=True)
    db["notes"].create_index(["area_code", "month"])
    db["redactions"].create(
        {"note_id": int, "entity_type": str, "placeholder": str, "start": int, "end": int},
        foreign_keys=[("note_id", "notes", "id")],
    )
    db["redactions"].create_index(["note_id"])


@migration
def m002_themes(db):
    db["taxonomy_versions"].create(
        {"id": int, "label": str, "content_hash": str, "themes_json": str, "created_at": str}, pk="id"
    )
    db["taxonomy_versions"].create_index(["content_hash"], unique=True)
    db["themes"].create(
        {
            "id": str, "label": str, "description": str, "examples_json": str, "parent": str,
            "sensitive": int, "status": str, "origin": str,
        },
        pk="id",
    )
    db["assignments"].create(
        {"note_id": int, "theme_id": str, "score": float, "method": str, "taxonomy_version": int},
        pk=("note_id", "theme_id", "taxonomy_version"),
        foreign_keys=[("note_id", "notes", "id"), ("taxonomy_version", "taxonomy_versions", "id")],
    )
    db["assignments"].create_index(["theme_id"])
    db["embeddings"].create(
        {"content_hash": str, "embedder_id": str, "dim": int, "vector": bytes}, pk=("content_hash", "embedder_id")
    )
    db["emergent_themes"].create(
        {
            "id": int, "run_id": str, "label": str, "keywords_json": str, "size": int,
            "note_ids_json": str, "quotes_json": str, "status": str, "created_at": str,
        },
        pk="id",
    )


@migration
def m003_areas_indicators(db):
    db["areas"].create(
        {"code": str, "name": str, "level": str, "parent_code": str, "vintage": str}, pk="code"
    )
    db["area_aliases"].create(
        {"alias": str, "kind": str, "area_code": str}, pk=("alias", "kind", "area_code")
    )
    db["indicators"].create(
        {
            "id": str, "label": str, "unit": str, "polarity": str, "source": str, "licence": str,
            "description": str,
        },
        pk="id",
    )
    db["observations"].create(
        {
            "indicator_id": str, "area_code": str, "period": str, "value": float,
            "numerator": float, "denominator": float,
        },
        pk=("indicator_id", "area_code", "period"),
    )
    db["theme_indicator_links"].create(
        {"theme_id": str, "indicator_id": str, "polarity": str}, pk=("theme_id", "indicator_id")
    )


def apply(db) -> list[str]:
    if "_migrations" not in db.table_names():
        db["_migrations"].create({"name": str, "applied_at": str}, pk="name")
    done = {row["name"] for row in db["_migrations"].rows}
    applied = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        with db.conn:
            fn(db)
            db["_migrations"].insert(
                {"name": fn.__name__, "applied_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
            )
        applied.append(fn.__name__)
    return applied
