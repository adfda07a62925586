"""Community insights projects (issue 17 item 1): a council and local groups agree a timeboxed question, gather
stories for it, interpret them together and decide.

A project has a question, a period, areas, member organisations, lead people, a status and a decision log (who
decided what, when, why). Contributors of a member organisation tag their own notes to it (`insights ingest
--project`, `POST /api/v1/notes` and uploads with `project_id`, or `POST /api/v1/projects/{id}/notes`); analysts see
the project's own theme view (counted over its notes only, suppressed as everywhere) with quotes from cells whose
count is shown, and write memos on its themes and quotes. Only members (and staff roles) see a project at all.
"""
from __future__ import annotations

from collections import defaultdict

from engine.core.errors import ForbiddenError, InputError, NotFoundError, PersonalDetailsError
from engine.core.periods import check_period
from engine.publish.quote_safety import QuoteGuard, excerpt, held_fields
from engine.publish.suppression import Policy, publish_count, publish_organisations, publish_share, suppressed_label

STATUSES = {"open": "Open: gathering notes", "interpreting": "Interpreting together", "decided": "Decided",
            "closed": "Closed"}
LIMITS = {"name": 120, "question": 500, "decision": 2000, "why": 2000, "memo": 2000, "lead": 120}


def _text(field: str, value, required: bool = True) -> str | None:
    text = " ".join(str(value or "").split())
    if not text:
        if required:
            raise InputError(f"The project's {field} is empty.", where=field, fix=f"Write the {field} in plain words.")
        return None
    if len(text) > LIMITS[field]:
        raise InputError(f"The {field} is {len(text)} characters; at most {LIMITS[field]}.", where=field,
                         fix=f"Shorten the {field}.")
    return text


def create(store, name: str, question: str, period: str | None, areas: list[str], organisations: list[str],
           leads: list[str], who: str) -> dict:
    """Store a new project; every organisation must exist and every area code be known."""
    fields = {"name": _text("name", name), "question": _text("question", question), "period": check_period(period),
              "leads": [_text("lead", lead) for lead in leads if str(lead).strip()], "status": "open"}
    codes = [a.strip() for a in areas if a.strip()]
    unknown = [c for c in codes if store.area(c) is None]
    if unknown:
        raise InputError(f"Unknown area code {unknown[0][:20]}.", where="areas",
                         fix="Give ONS codes of wards or councils the database holds (GET /api/v1/areas).")
    fields["areas"] = codes
    if not organisations:
        raise InputError("A project needs at least one member organisation.", where="organisations",
                         fix="Name the organisations taking part, exactly as registered.")
    org_ids = []
    for org in organisations:
        try:
            org_ids.append(store.org_id(org.strip()))
        except NotFoundError:
            raise InputError(f"No organisation called '{org.strip()[:100]}'.", where="organisations",
                             fix="Give each name exactly as registered (capitals and spaces count).") from None
    return store.project(store.add_project(fields, org_ids, who))


def set_status(store, project_id: int, status: str) -> dict:
    if status not in STATUSES:
        raise InputError(f"Unknown project status '{str(status)[:30]}'.", where="status",
                         fix=f"Use one of: {', '.join(STATUSES)}.")
    store.project(project_id)
    store.set_project_status(project_id, status)
    return store.project(project_id)


def visible(store, project_id: int, org_id: int | None, staff: bool) -> dict:
    """The project, for staff roles or a member organisation's contributor; anyone else gets a 404 (a project a
    group is not part of is not theirs to know of)."""
    project = store.project(project_id)
    if not staff and org_id not in {m["id"] for m in project["members"]}:
        raise NotFoundError(f"No project with id {project_id}.",
                            fix="GET /api/v1/projects lists the projects your organisation takes part in.")
    return project


def listed(store, org_id: int | None, staff: bool) -> list[dict]:
    return [p for p in store.projects() if staff or org_id in {m["id"] for m in p["members"]}]


def check_member(store, project_id: int, org_name: str, option: str = "--project") -> None:
    """Refuse (before anything is stored) tagging an organisation's notes to a project it is not a member of.
    `option`: what the caller names the project by (the CLI's --project, the API's project_id), for the fix."""
    project = store.project(project_id)
    where = option.lstrip("-")
    if project["status"] == "closed":
        raise InputError("This project is closed; no more notes can be tagged to it.", where=where,
                         fix=f"Ask the project's lead to reopen it, or leave out {option}.")
    if org_name.strip() not in {m["name"] for m in project["members"]}:
        raise ForbiddenError(f"'{org_name.strip()[:100]}' is not a member of project {project_id}.",
                             fix=f"Ask the project's lead to add the organisation, or leave out {option}.")


def open_for(store, org_id: int | None) -> list[dict]:
    """The open projects (gathering notes) organisation `org_id` is a member of, oldest first: what a contributor
    may tag new notes to when sharing them (the share and upload pages' "Project" choice)."""
    if org_id is None:
        return []
    return [p for p in store.projects() if p["status"] == "open" and org_id in {m["id"] for m in p["members"]}]


def check_sharer(store, project_id: int, org_id: int, org_name: str) -> dict:
    """Refuse, before anything is stored, a contributor sharing new notes into a project: a project their
    organisation is not a member of answers as if it did not exist (404, as `visible`), a closed one 400
    (`check_member`). Returns the project."""
    try:
        project = visible(store, project_id, org_id, staff=False)
    except NotFoundError:
        raise NotFoundError(f"Your organisation takes part in no project with id {project_id}.", where="project_id",
                            fix="Choose one of the projects GET /api/v1/projects lists, or leave out project_id."
                            ) from None
    check_member(store, project_id, org_name, "project_id")
    return project


def tag(store, project_id: int, note_ids: list[int], org_id: int | None, who: str) -> int:
    """Tag notes to a project. A contributor's organisation must be a member, and may tag only its own notes."""
    project = store.project(project_id)
    members = {m["id"] for m in project["members"]}
    if project["status"] == "closed":
        raise InputError("This project is closed; no more notes can be tagged to it.", where="project_id",
                         fix="Ask the project's lead to reopen it, or tag the notes to an open project.")
    owners = store.notes_owned(note_ids)
    missing = [n for n in note_ids if n not in owners]
    if missing:
        raise NotFoundError(f"No note with id {missing[0]}.", fix="Tag notes your organisation has shared.")
    for note_id, owner in owners.items():
        if owner not in members:
            raise ForbiddenError("A note's organisation is not a member of this project.",
                                 fix="Ask the project's lead to add your organisation, or choose another project.")
        if org_id is not None and owner != org_id:
            raise NotFoundError(f"No note with id {note_id}.", fix="Tag notes your organisation has shared.")
    return store.tag_notes(project_id, note_ids, who)


def tag_submission(store, project_id: int, submission_id: str, who: str) -> int:
    rows = store.submission_note_ids(submission_id)
    return tag(store, project_id, [r["id"] for r in rows], None, who) if rows else 0


def view(store, policy: Policy, project_id: int, quotes: int = 3, staff: bool = True) -> dict:
    """The project's own theme view: per theme its notes (suppressed and rounded), share of the project's notes,
    organisations (withheld like any count), and quotes from ward cells whose project count is shown. Nothing
    below the threshold leaves. Quotes and memos are for staff roles: `staff=False` (a member's contributor)
    gets neither, and no quote is looked for."""
    project = store.project(project_id)
    rows = store.project_theme_rows(project_id)
    notes = {r["note_id"] for r in rows}
    by_theme: dict[str, set] = defaultdict(set)
    orgs: dict[str, set] = defaultdict(set)
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for r in rows:
        if r["theme_id"]:
            by_theme[r["theme_id"]].add(r["note_id"])
            orgs[r["theme_id"]].add(r["org_id"])
            cells[(r["theme_id"], r["area_code"])] += 1
    guard = QuoteGuard(store, policy)
    themes = []
    for t in store.themes():
        n = len(by_theme.get(t["id"], ()))
        published = publish_count(n, policy, t["sensitive"])
        row = {"id": t["id"], "label": t["label"], "notes": published, "suppressed": published is None,
               "notes_label": str(published) if published is not None else suppressed_label(policy, t["sensitive"]),
               "share": publish_share(n, len(notes), policy, t["sensitive"]),
               **publish_organisations(len(orgs.get(t["id"], ())), n, policy, t["sensitive"]), "quotes": []}
        if staff and published is not None and not t["sensitive"]:
            shown = {a for (tid, a), k in cells.items() if tid == t["id"] and a and publish_count(k, policy) is not None}
            for c in store.project_quote_candidates(project_id, t["id"]):
                if len(row["quotes"]) >= quotes:
                    break
                if c["area_code"] in shown and (text := guard.show(c["id"], excerpt(c["text"]))):
                    row["quotes"].append({"text": text, "area_code": c["area_code"], "month": c["month"],
                                          "note_id": c["id"]})
        themes.append(row)
    themes.sort(key=lambda r: (r["notes"] is None, -(r["notes"] or 0), r["label"]))
    total = publish_count(len(notes), policy)
    return {"project": project, "notes": total,
            "notes_label": str(total) if total is not None else suppressed_label(policy),
            "themes": themes, "method": policy.method(), **held_fields(guard.held, policy),
            "decisions": store.decisions(project_id), "memos": store.memos(project_id) if staff else []}


def _no_personal_details(anonymiser, fields: dict) -> None:
    """Refuse free text the note anonymiser would change (a decision log and memos are read by every member)."""
    if anonymiser is None:
        return
    from anonymise.entities import EXPLAIN

    names = [f for f, v in fields.items() if v]
    for field, result in zip(names, anonymiser.anonymise_many([fields[f] for f in names])):
        if isinstance(result, Exception):
            raise result
        kinds = sorted({EXPLAIN.get(r.entity_type, "a personal detail") for r in result.redactions})
        if kinds:
            raise PersonalDetailsError(f"The {field} seems to contain {' and '.join(kinds)}. Everyone in the project "
                                       "reads it: remove the personal details (name a team or role).", where=field)


def decide(store, project_id: int, decision: str, why: str, who: str, anonymiser=None) -> dict:
    store.project(project_id)
    fields = {"decision": _text("decision", decision), "why": _text("why", why)}
    _no_personal_details(anonymiser, fields)
    decision_id = store.add_decision(project_id, fields["decision"], fields["why"], who)
    return next(d for d in store.decisions(project_id) if d["id"] == decision_id)


def memo(store, project_id: int, text: str, who: str, theme_id: str | None = None, note_id: int | None = None,
         anonymiser=None) -> dict:
    """A memo on one of the project's themes, or on a quote (a note tagged to the project)."""
    store.project(project_id)
    if (theme_id is None) == (note_id is None):
        raise InputError("A memo is about one theme or one quote.", where="theme_id",
                         fix="Give theme_id, or note_id for a quote, not both and not neither.")
    if theme_id is not None:
        store.theme(theme_id)
    elif note_id not in {r["note_id"] for r in store.project_theme_rows(project_id)}:
        raise NotFoundError(f"No note {note_id} in this project.", fix="Write memos on quotes the project shows.")
    text = _text("memo", text)
    _no_personal_details(anonymiser, {"memo": text})
    memo_id = store.add_memo(project_id, theme_id, note_id, text, who)
    return next(m for m in store.memos(project_id) if m["id"] == memo_id)
