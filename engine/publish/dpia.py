"""The DPIA-lite and data-sharing summary (issue 16 item 5), built from the live configuration and the last
measured figures, for an information-governance officer to read and sign.

    build_dpia(store, settings, roles)   the document: {"title", "generated_at", "facts", "blocks"}

`blocks` is a list of {"kind": h1|h2|h3|p|list|table, "text", "items", "headers"}; service/dpia.py renders it as
Markdown, HTML, Word or PDF. Sources: the settings object (suppression, rounding, retention, quote safety), the
store (counts of organisations, notes, accounts per role, each organisation's retention period, the latest saved
`insights eval anonymisation` run) and the audit file (how many erasures it records). Never any note text.

`roles` comes from the caller (the service knows who may do what; the engine does not import it): a list of
{"role", "can"} in plain words.
"""
from __future__ import annotations

from datetime import datetime, timezone

from anonymise.entities import EXPLAIN
from engine import eval_runs, retention
from engine.publish import dpia_facts as facts
from engine.store.db import safe_target

TITLE = "DPIA-lite and data-sharing summary: Community Insights"
EVAL_COMMAND = "insights eval anonymisation --dataset FILE --db {db}"


def _b(kind: str, text: str = "", items=None, headers=None) -> dict:
    return {"kind": kind, "text": text, "items": list(items or []), "headers": list(headers or [])}


def _pct(x) -> str:
    return "not measured" if x is None else f"{100 * x:.1f}%"


def _type_name(t: str) -> str:
    explain = EXPLAIN.get(t)
    return f"{explain[0].upper()}{explain[1:]} ({t})" if explain else t


def gather(store, settings, now: datetime | None = None) -> dict:
    """The live facts the document quotes (counts, settings, last eval run): no note text."""
    counts = store.governance_counts()
    periods = retention.periods(store, settings)
    return {
        "generated_at": (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="seconds"),
        "db_path": safe_target(settings.db_path), "audit_path": safe_target(settings.audit_db_path),
        "suppression_threshold": settings.suppression_threshold,
        "sensitive_suppression_threshold": settings.sensitive_suppression_threshold,
        "rounding_base": settings.rounding_base, "quote_risk_threshold": settings.quote_risk_threshold,
        "anonymise_ner": settings.anonymise_ner, "retention_months": settings.retention_months,
        "retention": periods, "erasures": len(store.audit_log().erasures()),
        "last_eval": eval_runs.last_anonymisation_run(store), **counts,
    }


def build_dpia(store, settings, roles: list[dict], now: datetime | None = None) -> dict:
    f = gather(store, settings, now)
    out = [_b("h1", TITLE),
           _b("p", f"Generated on {f['generated_at'][:10]} at {f['generated_at'][11:16]} UTC from the live settings "
                   f"and the database at {f['db_path']}. Every figure below is as it stood at that moment; generate "
                   "it again (`insights dpia`, or the admin page /admin/dpia) after a change."),
           _b("h2", "At a glance"),
           _b("table", headers=["Question", "Answer"], items=_glance(f)),
           _b("h2", "What the service is for"), _b("p", facts.PURPOSE),
           _b("h2", "What is collected"), _b("list", items=facts.COLLECTED),
           _b("h2", "What is never collected"), _b("list", items=facts.NEVER_COLLECTED)]
    out += _anonymisation(f)
    out += [_b("h2", "Suppression rules"), _b("list", items=_suppression(f)),
            _b("h2", "Roles and who can see what"),
            _b("table", headers=["Role", "What they can see and do", "Accounts", "Active API tokens"],
               items=[[r["role"], r["can"], str(f["users_by_role"].get(r["role"], 0)),
                       str(f["tokens_by_role"].get(r["role"], 0))] for r in roles]),
            _b("h2", "Data sharing"), _b("list", items=facts.SHARING)]
    out += _retention(f)
    out += [_b("h2", "Erasure"),
            _b("p", "An administrator can erase one note or a whole submission, with everything worked out from it "
                    "(themes, quotes, search entries), using `insights erase --submission ID` or `insights erase "
                    "--note ID`, or the admin API. The database file is then rewritten so no trace of the text "
                    "remains in it. The audit file keeps a record of who erased what, when and why, without any note "
                    f"text. Erasures recorded so far: {f['erasures']}."),
            _b("h2", "Where the data lives"),
            _b("list", items=[line.format(**f) for line in (facts.WHERE_DATA_LIVES_POSTGRESQL if "://" in f["db_path"]
                                                            else facts.WHERE_DATA_LIVES)]),
            _b("h2", "Sub-processors"), _b("list", items=facts.SUB_PROCESSORS),
            _b("h2", "Risks and mitigations"),
            _b("table", headers=["Risk", "What we do about it", "What is left"], items=[list(r) for r in facts.RISKS]),
            _b("h2", "Sign-off"),
            _b("p", "I have read this summary and the measured figures it quotes, and I accept the remaining risks "
                    "for the purpose described."),
            _b("table", items=[[label, ""] for label in facts.SIGN_OFF],
               headers=["Sign-off", "To be filled in by the data protection or information-governance officer"])]
    return {"title": TITLE, "generated_at": f["generated_at"], "facts": _public_facts(f), "blocks": out}


def _glance(f: dict) -> list[list[str]]:
    run = f["last_eval"]
    check = (f"{run['ran_at'][:10]}, on {run['dataset_name']} ({run['records']} notes): overall recall "
             f"{_pct(run['report']['overall']['recall'])}" if run else "None recorded yet (see 'How anonymisation "
             "works')")
    return [["Organisations sharing notes", str(f["organisations"])],
            ["Notes held (anonymised)", str(f["notes"])],
            ["Oldest note stored", (f["oldest_note_stored"] or "none yet")[:10]],
            ["Smallest count ever shown", f"{f['suppression_threshold']} (smaller counts are hidden)"],
            ["Default retention", f"{f['retention_months']} months after a note is stored"],
            ["Erasures recorded", str(f["erasures"])],
            ["Last anonymisation check", check],
            ["Sub-processors", "None"],
            ["Network use at run time", "None"]]


def _anonymisation(f: dict) -> list[dict]:
    ner = ("reads only the sentences the rules could not explain" if f["anonymise_ner"] == "gated"
           else "reads every sentence")
    out = [_b("h2", "How anonymisation works"),
           _b("p", "Each note is anonymised on this machine, in memory, before it is stored. Pattern rules find UK "
                   "identifiers (postcodes, phone numbers, NHS and National Insurance numbers, with their check "
                   f"digits where they have them), and a name-finding language model {ner}. Each identifier found "
                   "is replaced by a placeholder: people become <PERSON_1>, <PERSON_2> and so on; a postcode keeps "
                   "only its district; a date of birth becomes an age band; a small place (an estate, a block, a "
                   "lone street) becomes its ward or council. The person sharing the note sees the anonymised "
                   "version first and can hide anything else before sending it."),
           _b("h3", "Measured recall per identifier type")]
    run = f["last_eval"]
    if run is None:
        return out + [_b("p", "No anonymisation check has been recorded for this database, so this document cannot "
                              "say how often identifiers are caught. Before signing, ask the administrator to run "
                              f"`{EVAL_COMMAND.format(db=f['db_path'])}` with a labelled test set (for example one "
                              "made by `python -m corpora.pii_eval`), then generate this document again.")]
    report = run["report"]
    rows = [[_type_name(t), str(s["gold"]), _pct(s["recall"]), _pct(s["precision"])]
            for t, s in sorted(report["types"].items()) if s["gold"]]
    o = report["overall"]
    rows.append(["All identifiers", str(o["gold"]), _pct(o["recall"]), _pct(o["precision"])])
    return out + [
        _b("p", f"Last measured on {run['ran_at'][:10]} against the test set {run['dataset_name']} "
                f"({run['records']} labelled notes; file {run['dataset_path']}), with version {run['code_version']} "
                "of the software. Recall is the share of identifiers that were fully hidden; precision is the share "
                "of what was hidden that really was an identifier."),
        _b("table", headers=["Identifier type", "Identifiers in the test set", "Fully hidden (recall)",
                             "Precision"], items=rows),
        _b("p", "A recall below 100% means some identifiers of that type can be missed and stored. The figures are "
                "from a test set, not from the notes held; real notes may differ.")]


def _suppression(f: dict) -> list[str]:
    return [f"Any count below {f['suppression_threshold']} notes is hidden in every page, report, digest and API "
            "answer; it never leaves the engine.",
            f"Themes marked sensitive need at least {f['sensitive_suppression_threshold']} notes to be shown.",
            f"Every count shown is rounded to a multiple of {f['rounding_base']}.",
            "Quotes are shown only from areas and months whose counts pass these rules.",
            f"A quote with rare details scoring {f['quote_risk_threshold']:g} or more (for example a small place "
            "and an exact age together) is held back until an analyst approves or trims it."]


def _retention(f: dict) -> list[dict]:
    rows = [[p["org"], str(p["months"]), "its own period" if p["own"] else "the default"] for p in f["retention"]]
    out = [_b("h2", "Retention"),
           _b("p", f"A note is kept for {f['retention_months']} months after it was stored, unless its organisation "
                   "has chosen its own period. The service erases notes past their period every day; "
                   "`insights retention apply` does the same by hand, `insights retention show` lists the periods "
                   "and `insights retention set` changes one.")]
    if rows:
        out.append(_b("table", headers=["Organisation", "Months kept", "Set by"], items=rows))
    else:
        out.append(_b("p", "No organisation has shared notes yet."))
    return out


def _public_facts(f: dict) -> dict:
    """The figures quoted, for the API and tests (no note text; the eval report's figures only)."""
    run = f["last_eval"]
    return {k: v for k, v in f.items() if k != "last_eval"} | {
        "last_eval": None if run is None else {k: run[k] for k in ("ran_at", "dataset_name", "records",
                                                                   "code_version")}}
