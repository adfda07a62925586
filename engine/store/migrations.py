"""Numbered schema migrations. The schema only changes through these functions, applied in order.

Each is recorded in `_migrations`; `apply(db)` runs the ones not yet applied. They use a table API with
sqlite-utils' names (engine/store/db.py implements it once on SQLAlchemy Core, for SQLite and PostgreSQL), so
one list of migrations makes the same schema on both.
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


@migration
def m004_theme_lifecycle(db):
    """Taxonomy versions get an order of activation (the current one is the latest activated); each note says
    which taxonomy version made its assignments in force; people's corrections; emergent review fields."""
    db["taxonomy_versions"].add_column("activated_seq", int)
    db["taxonomy_versions"].add_column("parent_version", int)
    db["taxonomy_versions"].add_column("change", str)
    versions = [row["id"] for row in db["taxonomy_versions"].rows]
    if versions:
        db["taxonomy_versions"].update(max(versions), {"activated_seq": 1})
    db["notes"].add_column("taxonomy_version", int)
    latest: dict = {}
    for row in db["assignments"].rows:
        latest[row["note_id"]] = max(latest.get(row["note_id"], 0), row["taxonomy_version"])
    for note_id, version in latest.items():
        db["notes"].update(note_id, {"taxonomy_version": version})
    db["notes"].create_index(["taxonomy_version"])
    db["corrections"].create(
        {"id": int, "note_id": int, "theme_id": str, "verdict": str, "who": str, "created_at": str,
         "taxonomy_version": int},
        pk="id", foreign_keys=[("note_id", "notes", "id")],
    )
    db["corrections"].create_index(["note_id"])
    for column in ("theme_id", "merged_into", "reviewed_by", "reviewed_at"):
        db["emergent_themes"].add_column(column, int if column == "merged_into" else str)


@migration
def m005_areas_indicators_more(db):
    """Areas know the LSOA/MSOA/LAD/UTLA/region they sit in; links carry an order and a reason."""
    for column in ("msoa_code", "lad_code", "utla_code", "region_code", "source"):
        db["areas"].add_column(column, str)
    db["areas"].create_index(["level"])
    db["area_aliases"].create_index(["area_code"])
    db["observations"].create_index(["area_code"])
    db["theme_indicator_links"].add_column("priority", int)
    db["theme_indicator_links"].add_column("why", str)


@migration
def m006_access(db):
    """Users, API tokens, browser sessions and the audit log of note-text reads. Secrets are stored hashed."""
    db["users"].create(
        {"id": int, "email": str, "org_id": int, "role": str, "password_hash": str, "created_at": str},
        pk="id", foreign_keys=[("org_id", "organisations", "id")],
    )
    db["users"].create_index(["email"], unique=True)
    db["api_tokens"].create(
        {"id": int, "token_hash": str, "name": str, "role": str, "org_id": int, "created_at": str,
         "revoked_at": str},
        pk="id", foreign_keys=[("org_id", "organisations", "id")],
    )
    db["api_tokens"].create_index(["token_hash"], unique=True)
    db["sessions"].create(
        {"id_hash": str, "user_id": int, "created_at": str, "expires_at": str},
        pk="id_hash", foreign_keys=[("user_id", "users", "id")],
    )
    db["audit_log"].create(
        {"id": int, "at": str, "principal": str, "org_id": int, "route": str, "note_ids_json": str}, pk="id"
    )


@migration
def m007_jobs(db):
    """Background jobs (big uploads, refits): status and progress for the page's progress bar. No note text."""
    db["jobs"].create(
        {"id": str, "kind": str, "status": str, "done": int, "total": int, "message": str, "result_json": str,
         "owner": str, "org_id": int, "created_at": str, "updated_at": str},
        pk="id",
    )
    db["jobs"].create_index(["created_at"])


@migration
def m008_audit_log_own_file(db):
    """The audit log of note-text reads moves to its own file beside the database (`<stem>-audit.db`, see
    engine/store/audit.py: writing it must not change the main database's data_version, which empties the
    view cache). Rows already here are copied across with their ids (a re-run adds nothing twice), then the
    table here is dropped. An in-memory database with rows keeps them here: there is no file to put beside it."""
    from engine.core.errors import StoreError
    from engine.core.settings import audit_path_for
    from engine.store.audit import AuditLog

    if "audit_log" not in db.table_names():
        return
    rows = list(db["audit_log"].rows)
    main_file = _main_file(db) if db.dialect == "sqlite" else db.target
    if rows:
        if not main_file:
            return
        audit = AuditLog(audit_path_for(main_file))
        try:
            audit.write(rows)
            copied = {r["id"] for r in audit.rows()}
        finally:
            audit.close()
        if not {r["id"] for r in rows} <= copied:
            raise StoreError(f"Could not copy every audit row to {audit_path_for(main_file)}; nothing was dropped.",
                             fix="Check that the folder of the database is writable, then open the database again.")
    db["audit_log"].drop()


@migration
def m009_emergent_quote_note_ids(db):
    """Emergent candidates keep the note each quote came from, so that reading their quotes can be audited."""
    if "quote_note_ids_json" not in db["emergent_themes"].columns_dict:
        db["emergent_themes"].add_column("quote_note_ids_json", str)


@migration
def m010_token_expiry(db):
    """API tokens may expire (demo tokens do): a token past its expires_at answers 401. NULL never expires."""
    if "expires_at" not in db["api_tokens"].columns_dict:
        db["api_tokens"].add_column("expires_at", str)


@migration
def m011_theme_calibrations(db):
    """The zero-shot scorer's fitted calibration (themes/calibrated.py), per taxonomy version and embedder, as
    JSON; each assignment records the fingerprint of the state that made it (NULL: no calibrated state)."""
    db["theme_calibrations"].create(
        {"id": int, "taxonomy_version": int, "embedder_id": str, "notes": int, "fingerprint": str,
         "state_json": str, "fitted_at": str},
        pk="id", foreign_keys=[("taxonomy_version", "taxonomy_versions", "id")],
    )
    db["theme_calibrations"].create_index(["taxonomy_version", "embedder_id"])
    if "calibration" not in db["assignments"].columns_dict:
        db["assignments"].add_column("calibration", str)


@migration
def m012_quote_holds(db):
    """Quotes held back by the quote-safety check (engine/publish/quote_safety.py), one row per note x quote
    (sha256 of the anonymised quote as it would be shown): its score and reasons, held / approved / trimmed, who
    decided and when, and a trimmed replacement (anonymised before it is stored). `quote_hold_scans` records how
    far the scan of notes has gone under each rule set, so a scan only reads notes added since."""
    db["quote_holds"].create(
        {"id": int, "note_id": int, "quote_hash": str, "source": str, "quote_text": str, "score": float,
         "reasons_json": str, "status": str, "found_at": str, "decided_by": str, "decided_at": str,
         "trimmed_text": str},
        pk="id", foreign_keys=[("note_id", "notes", "id")],
    )
    db["quote_holds"].create_index(["note_id", "quote_hash"], unique=True)
    db["quote_holds"].create_index(["status"])
    db["quote_hold_scans"].create({"rules": str, "last_note_id": int, "scanned_at": str}, pk="rules")


@migration
def m013_responses(db):
    """"You said, we did": a facilitator's response to a theme (optionally an area and a period), and every
    change to it (who changed which fields, from what to what, when), so an update never loses earlier wording."""
    db["responses"].create(
        {"id": int, "theme_id": str, "area_code": str, "period": str, "said": str, "did": str, "owner": str,
         "status": str, "reason": str, "created_at": str, "created_by": str, "updated_at": str, "updated_by": str},
        pk="id",
    )
    db["responses"].create_index(["theme_id"])
    db["responses"].create_index(["area_code"])
    db["response_changes"].create(
        {"id": int, "response_id": int, "at": str, "who": str, "action": str, "changes_json": str},
        pk="id", foreign_keys=[("response_id", "responses", "id")],
    )
    db["response_changes"].create_index(["response_id"])


@migration
def m015_near_duplicates(db):
    """Near-duplicate notes (the same story told by two groups, or pasted twice): a later note (`note_id`) and its
    earlier twin (`twin_id`), found at ingest by embedding cosine plus a word-shingle check of the anonymised texts
    (engine/near_duplicates.py). A pair 'flagged' keeps the later note out of published counts; an analyst can mark
    it 'not_duplicate', and then both count. One row per later note."""
    db["near_duplicates"].create(
        {"id": int, "note_id": int, "twin_id": int, "cosine": float, "text_similarity": float, "status": str,
         "found_at": str, "reviewed_by": str, "reviewed_at": str},
        pk="id", foreign_keys=[("note_id", "notes", "id"), ("twin_id", "notes", "id")],
    )
    db["near_duplicates"].create_index(["note_id"], unique=True)
    db["near_duplicates"].create_index(["twin_id"])
    db["near_duplicates"].create_index(["status"])


@migration
def m016_erasure_retention(db):
    """Erasure and retention (issue 16): an organisation may keep its notes for its own number of months (NULL:
    the deployment's INSIGHTS_RETENTION_MONTHS); notes are found by the time they were stored (index); a job
    records the process that runs it, so a restart can tell a job of a dead process from one still running."""
    if "retention_months" not in db["organisations"].columns_dict:
        db["organisations"].add_column("retention_months", int)
    db["notes"].create_index(["created_at"], if_not_exists=True)
    for column in ("pid", "host", "retry_of"):
        if column not in db["jobs"].columns_dict:
            db["jobs"].add_column(column, int if column == "pid" else str)


@migration
def m017_consent_agreements(db):
    """Consent and lawful basis (issue 16): each organisation's data-sharing agreements (parties, purpose, when
    signed, when due for review, a reference), and on each submission the agreement or consent text that covers it
    (`consent_reference`) and who recorded that (`recorded_by`)."""
    db["agreements"].create(
        {"id": int, "org_id": int, "reference": str, "parties": str, "purpose": str, "signed_on": str,
         "review_on": str, "created_at": str, "created_by": str},
        pk="id", foreign_keys=[("org_id", "organisations", "id")], if_not_exists=True,
    )
    db["agreements"].create_index(["reference"], unique=True, if_not_exists=True)
    db["agreements"].create_index(["org_id"], if_not_exists=True)
    for column in ("consent_reference", "recorded_by"):
        if column not in db["submissions"].columns_dict:
            db["submissions"].add_column(column, str)


@migration
def m018_eval_runs(db):
    """Measured figures (issue 16 item 5): each saved `insights eval anonymisation` run, so the DPIA-lite can quote
    the last recall per identifier type with its date and data set. Figures only, never a span of text."""
    db["eval_runs"].create(
        {"id": int, "kind": str, "ran_at": str, "dataset_name": str, "dataset_path": str, "records": int,
         "code_version": str, "report_json": str},
        pk="id",
    )
    db["eval_runs"].create_index(["kind", "ran_at"])


@migration
def m020_projects(db):
    """Community insights projects (issue 17): a question, a period, areas, member organisations, lead people, a
    status; the notes tagged to it; its decision log; memos on its themes and quotes (a memo on a quote names the
    note, so erasing the note erases the memo)."""
    db["projects"].create({"id": int, "name": str, "question": str, "period": str, "areas_json": str,
                           "leads_json": str, "status": str, "created_at": str, "created_by": str,
                           "updated_at": str}, pk="id", if_not_exists=True)
    db["project_members"].create({"project_id": int, "org_id": int}, pk=("project_id", "org_id"),
                                 foreign_keys=[("project_id", "projects", "id"), ("org_id", "organisations", "id")],
                                 if_not_exists=True)
    db["project_notes"].create({"project_id": int, "note_id": int, "tagged_at": str, "tagged_by": str},
                               pk=("project_id", "note_id"),
                               foreign_keys=[("project_id", "projects", "id"), ("note_id", "notes", "id")],
                               if_not_exists=True)
    db["project_decisions"].create({"id": int, "project_id": int, "at": str, "who": str, "decision": str,
                                    "why": str}, pk="id", foreign_keys=[("project_id", "projects", "id")],
                                   if_not_exists=True)
    db["memos"].create({"id": int, "project_id": int, "theme_id": str, "note_id": int, "text": str, "at": str,
                        "who": str}, pk="id", foreign_keys=[("project_id", "projects", "id"),
                                                            ("note_id", "notes", "id")], if_not_exists=True)


@migration
def m021_boundaries(db):
    """Area boundaries for maps (issue 17): an outline per ONS code, and the source to credit on every map."""
    db["boundaries"].create({"code": str, "level": str, "name": str, "parent_code": str, "geometry_json": str,
                             "source": str}, pk="code", if_not_exists=True)
    db["boundaries"].create_index(["parent_code"], if_not_exists=True)


def _main_file(db) -> str:
    """The main database's file name ('' for an in-memory database)."""
    for _, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return file or ""
    return ""


_UP_TO_DATE: set[str] = set()   # PostgreSQL URLs this process has seen fully migrated (migrations only go forward)


def apply(db) -> list[str]:
    """Apply the migrations not yet applied. SQLite keeps the count applied in its `user_version` header field,
    so opening an up-to-date database (every request does) costs one header read; for PostgreSQL this process
    remembers the URLs it has seen up to date. PostgreSQL also gets its change counter (`_changes`, see
    engine/store/db.py) before anything else."""
    sqlite = db.dialect == "sqlite"
    if sqlite and db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS):
        return []
    if not sqlite:
        if str(db.target) in _UP_TO_DATE:
            db.count_changes = True
            return []
        db.execute("CREATE TABLE IF NOT EXISTS _changes (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)")
        db.execute("INSERT INTO _changes (id, n) VALUES (1, 0) ON CONFLICT (id) DO NOTHING")
        db.count_changes = True
    if "_migrations" not in db.table_names():
        db["_migrations"].create({"name": str, "applied_at": str}, pk="name", if_not_exists=True)
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
    if {row["name"] for row in db["_migrations"].rows} >= {fn.__name__ for fn in MIGRATIONS}:
        if sqlite:
            db.execute(f"PRAGMA user_version = {len(MIGRATIONS)}")
        else:
            _UP_TO_DATE.add(str(db.target))
    return applied
