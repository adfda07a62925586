""""You said, we did": what facilitators and admins did about a theme, shown to everyone signed in (contributors
included), on the theme pages and in every "what we're hearing" summary. Library code: the API, the pages and
the CLI call these functions.

    record(store, anonymiser, {"theme_id": "food_poverty", "said": ..., "did": ..., "owner": ...,
                               "status": "in_progress"}, who="user:f@example.org")
    update(store, anonymiser, 3, {"status": "done"}, who=...)      # history keeps the earlier values
    find(store, theme_id="food_poverty", area_code="E05000442", period="2025-Q3")
    responses_for_areas(store, ["E05000442"])                      # for the contributor's picture

Privacy. Responses are written by facilitators, not case notes, but everyone signed in reads them, so a name
must not slip in. Every free-text field (said, did, owner, reason) is run through the note anonymiser before
anything is stored: if it would hide anything (a person's name, a phone number, an address, ...), the response
is refused with PersonalDetailsError naming the field and the kind of detail, and nothing is saved. If the
anonymiser fails, the response is refused too (fail closed). The text itself is never put in a message or log.
"""
from __future__ import annotations

from engine.core.errors import InputError, PersonalDetailsError
from engine.core.periods import check_period, month_range, period_label
from engine.core.vocab import DEFAULT_RESPONSE_STATUS, RESPONSE_STATUSES

LIMITS = {"said": 2000, "did": 2000, "owner": 200, "reason": 1000}
FIELD_WORDS = {"theme_id": "The theme", "area_code": "The area", "period": "The period",
               "said": "\"You said\" (what was heard)", "did": "\"We did\" (what was done or decided)",
               "owner": "\"Who is responsible\"", "reason": "\"Why not\"", "status": "The status"}
FREE_TEXT = ("said", "did", "owner", "reason")
REQUIRED = ("theme_id", "said", "did", "owner", "status")
NOT_DOING = "not_doing"


# ---- checking what is given -------------------------------------------------------------------------------
def _text(field: str, value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{FIELD_WORDS[field]} must be text.", where=field)
    text = " ".join(value.split()) if field == "owner" else value.strip()
    if len(text) > LIMITS[field]:
        raise InputError(f"{FIELD_WORDS[field]} has {len(text):,} characters; it may have at most "
                         f"{LIMITS[field]:,}.", where=field, fix="Shorten it, then save again.")
    return text or None


def _clean(store, field: str, value):
    """One field in its stored form (None for an empty optional field); an InputError for a bad value."""
    if field not in FIELD_WORDS:
        raise _unknown(field)
    if field in FREE_TEXT:
        return _text(field, value)
    if value is None or not str(value).strip():
        return None
    if field == "theme_id":
        theme_id = str(value).strip()
        if theme_id not in {t["id"] for t in store.themes()}:
            raise InputError(f"There is no theme '{theme_id[:100]}' in the taxonomy in force.", where="theme_id",
                             fix="Choose a theme id from GET /api/v1/themes (or `insights taxonomy show`).")
        return theme_id
    if field == "area_code":
        code = str(value).strip().upper()
        if not store.area(code):
            raise InputError(f"We do not know the area code '{code[:20]}'.", where="area_code",
                             fix="Give an ONS code from GET /api/v1/areas, or leave the area out for everywhere.")
        return code
    if field == "period":
        return check_period(value)
    if field == "status":
        if value not in RESPONSE_STATUSES:
            raise InputError(f"The status '{str(value)[:30]}' is not one we use.", where="status",
                             fix=f"Choose one of: {', '.join(RESPONSE_STATUSES)}.")
        return value
    raise _unknown(field)   # every field is handled above; kept so a new field cannot pass unchecked


def _unknown(field: str) -> InputError:
    return InputError(f"'{str(field)[:40]}' is not a field of a response.", where=str(field)[:40],
                      fix=f"Send only: {', '.join(FIELD_WORDS)}.")


def _check_whole(response: dict) -> None:
    for field in REQUIRED:
        if not response.get(field):
            raise InputError(f"{FIELD_WORDS[field]} is needed.", where=field,
                             fix="Fill it in (it cannot be empty), then save again.")
    if response["status"] == NOT_DOING and not response.get("reason"):
        raise InputError("A response marked \"not doing\" needs a reason.", where="reason",
                         fix="Say in \"Why not\" why it is not being done, so the groups who raised it know.")


def check_no_personal_details(anonymiser, fields: dict) -> None:
    """Refuse (PersonalDetailsError) free text the anonymiser would change; an anonymiser failure refuses too.
    `anonymiser` is anything with the note anonymiser's `anonymise_many(texts)`."""
    from anonymise.entities import EXPLAIN

    names = [f for f in FREE_TEXT if fields.get(f)]
    if not names:
        return
    results = anonymiser.anonymise_many([fields[f] for f in names])
    problems = []
    for field, result in zip(names, results):
        if isinstance(result, Exception):
            raise result
        kinds = sorted({EXPLAIN.get(r.entity_type, "a personal detail") for r in result.redactions})
        if kinds:
            problems.append((field, kinds))
    if problems:
        said = "; ".join(f"{FIELD_WORDS[f]} seems to contain {' and '.join(kinds)}" for f, kinds in problems)
        raise PersonalDetailsError(
            f"{said}. Responses are read by everyone signed in, including every group's contributors, so this "
            "text names a person or gives their details: remove it. For who is responsible, name a team or role.",
            where=problems[0][0])


# ---- writing ---------------------------------------------------------------------------------------------
def record(store, anonymiser, fields: dict, who: str) -> dict:
    """Check and store a new response; returns it with its history."""
    unknown = sorted(set(fields) - set(FIELD_WORDS))
    if unknown:
        raise _unknown(unknown[0])
    response = {f: _clean(store, f, fields.get(f)) for f in FIELD_WORDS}
    response["status"] = response["status"] or DEFAULT_RESPONSE_STATUS
    _check_whole(response)
    check_no_personal_details(anonymiser, response)
    return get(store, store.add_response(response, who))


def update(store, anonymiser, response_id: int, changes: dict, who: str) -> dict:
    """Change some fields (a field given as None or empty is cleared, if it may be); the history keeps what each
    changed field held before. Returns the response with its history."""
    current = store.response(response_id)
    # a theme retired since the response was recorded may stay; changing to another needs one in force
    cleaned = {f: current[f] if f == "theme_id" and str(v).strip() == current[f] else _clean(store, f, v)
               for f, v in changes.items()}
    _check_whole({**current, **cleaned})
    changed = {f: v for f, v in cleaned.items() if current[f] != v}
    check_no_personal_details(anonymiser, {f: v for f, v in changed.items() if f in FREE_TEXT})
    store.update_response(response_id, changed, who)
    return get(store, response_id)


# ---- reading ---------------------------------------------------------------------------------------------
def _shown(row: dict) -> dict:
    return {**row, "status_label": RESPONSE_STATUSES.get(row["status"], row["status"]),
            "period_label": period_label(row["period"]) if row["period"] else "any time",
            "area_label": (row.get("area_name") or row["area_code"]) if row["area_code"] else "all areas"}


def _form_order(item) -> int:
    return list(FIELD_WORDS).index(item[0]) if item[0] in FIELD_WORDS else len(FIELD_WORDS)


def get(store, response_id: int) -> dict:
    """One response with its history, oldest first: {at, who, action, changes: [{field, before, after}]}."""
    history = [{**c, "changes": [{"field": f, "before": before, "after": after}
                                 for f, (before, after) in sorted(c["changes"].items(), key=_form_order)]}
               for c in store.response_changes(response_id)]
    return {**_shown(store.response(response_id)), "history": history}


def _overlaps(a: str | None, b: str | None) -> bool:
    (a0, a1), (b0, b1) = month_range(a), month_range(b)
    return a0 <= b1 and b0 <= a1


def _near(store, area_codes) -> set[str]:
    """The areas a response may name to be about `area_codes`: each area, the areas inside it (its wards, a
    ward's LSOAs) and the areas it sits in (its council)."""
    chosen = {c.strip().upper() for c in area_codes if c and c.strip()}
    out = set(chosen)
    for a in store.areas():
        above = {a.get(k) for k in ("parent_code", "msoa_code", "lad_code", "utla_code", "region_code")} - {None}
        if above & chosen:
            out.add(a["code"])
        if a["code"] in chosen:
            out |= above
    return out


def find(store, theme_id: str | None = None, area_code: str | None = None, period: str | None = None,
         status: str | None = None, general: bool = False) -> list[dict]:
    """Responses, newest change first. `area_code`: those about that area (the area, one inside it, or the
    council it is in); `period`: those whose period overlaps it. With `general`, responses for all areas or any
    time are kept too (the theme pages and summaries show them); without, only those naming an area or period
    match those filters."""
    if status is not None:
        _clean(store, "status", status)
    period = check_period(period)
    return responses_for_areas(store, [area_code] if area_code else None, period, theme_id, status, general)


def responses_for_areas(store, area_codes: list[str] | None, period: str | None = None,
                        theme_id: str | None = None, status: str | None = None, general: bool = True) -> list[dict]:
    """Responses about any of `area_codes` (None: every area), newest change first; responses for all areas
    (and any time) are included unless `general` is False. For the contributor's picture: pass the areas their
    organisation's notes come from. Nothing here is a count of notes, so nothing needs suppression."""
    period = check_period(period)
    near = _near(store, area_codes) if area_codes is not None else None
    out = []
    for row in store.responses(theme_id, status):
        if near is not None and not (row["area_code"] in near if row["area_code"] else general):
            continue
        if period and not (_overlaps(row["period"], period) if row["period"] else general):
            continue
        out.append(_shown(row))
    return out
