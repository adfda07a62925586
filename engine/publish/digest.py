"""The monthly digest per organisation: their area's picture for the month (engine/publish/picture.py), the themes
rising there (engine/publish/trends.py's test over the picture's recent months) and the "you said, we did"
responses new or changed in the month, written to a folder as an HTML file and the same as an email-ready .eml
(multipart/alternative: plain text and HTML). Nothing is sent.

    build_digest(store, policy, "Riverside Food Bank", "2025-09")
    write_digests(store, policy, Path("digests"), "2025-09", orgs=["Riverside Food Bank"])   # or orgs=None: all

Everything in a digest comes from the picture or from the responses, so every count in it has passed
engine.publish.suppression already, and no note text or quote of any organisation is in it.
"""
from __future__ import annotations

import re
from pathlib import Path

from engine.core.errors import InputError, NotFoundError
from engine.core.periods import check_period, month_range
from engine.publish.picture import PictureCache, picture
from engine.publish.responses import responses_for_areas
from engine.publish.suppression import Policy


def check_month(period: str | None) -> str:
    """A digest is monthly: the period must be one month (2025-09)."""
    if period is None or not str(period).strip():
        raise InputError("A digest needs the month it is for.", where="period", fix="Give --period like 2025-09.")
    try:
        month = check_period(period)
    except InputError:
        month = None
    if month is None or len(month) != 7 or "-Q" in month:
        raise InputError(f"A digest is for one month, not '{str(period)[:20]}'.", where="period",
                         fix="Give --period as a month, like 2025-09.")
    return month


def org_id_of(store, name: str) -> int:
    try:
        return store.org_id(name.strip())
    except NotFoundError:
        known = [o["name"] for o in store.organisations_with_notes()]
        listed = ", ".join(known[:8]) + (" ..." if len(known) > 8 else "")
        raise NotFoundError(f"No organisation called '{name.strip()[:100]}'.",
                            fix=("Give the name exactly as registered (capitals and spaces count)"
                                 + (f"; we have: {listed}" if known else "") + ". Or use --all for every one.")) \
            from None


def _in_month(stamp: str | None, month: str) -> bool:
    return bool(stamp) and stamp[:7] == month


def rising_themes(pic: dict) -> list[dict]:
    """Themes whose share rose over the picture's recent months (trends.py's test), in any of its areas."""
    out = []
    for a in pic["areas"]:
        for t in a["themes"]:
            r = t["rising"]
            if r.get("rising"):
                out.append({"area_code": a["code"], "area_name": a["name"], "theme_id": t["id"],
                            "theme_label": t["label"], "share_first": r.get("share_first"),
                            "share_last": r.get("share_last"), "p_value": r.get("p_value"),
                            "months": r.get("periods", []), "notes_label": t["notes_label"]})
    return sorted(out, key=lambda x: (x["p_value"] if x["p_value"] is not None else 1, x["theme_label"]))


def build_digest(store, policy: Policy, organisation: str, period: str, cache: PictureCache | None = None) -> dict:
    month = check_month(period)
    org_id = org_id_of(store, organisation)
    pic = picture(store, policy, org_id, month, cache=cache)
    codes = [a["code"] for a in pic["areas"]]
    every = responses_for_areas(store, codes) if codes else []
    new = [r for r in every if _in_month(r["created_at"], month)]
    changed = [r for r in every if r not in new and _in_month(r["updated_at"], month)]
    start, _ = month_range(month)
    return {"organisation": pic["organisation"], "period": month, "period_label": pic["period_label"],
            "title": f"What we're hearing where you work: {pic['period_label']}",
            "picture": pic, "rising": rising_themes(pic), "warnings": early_warnings(store, policy, pic, month),
            "new_responses": new, "updated_responses": changed, "month_start": start}


def early_warnings(store, policy: Policy, pic: dict, month: str) -> list[dict]:
    """Early warning (engine/publish/early_warning.py) for the picture's wards and councils, as of the month."""
    from engine.publish.early_warning import alerts

    names = {a["code"]: a["name"] for a in pic["areas"]}
    out = []
    for level in ("ward", "lad"):
        codes = [a["code"] for a in pic["areas"] if a["level"] == level]
        if codes:
            out += [{**a, "area_name": names.get(a["area_code"])} for a in alerts(store, policy, level, codes, month)]
    return out


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "organisation"


def write_digests(store, policy: Policy, out_dir: Path, period: str, orgs: list[str] | None = None,
                  principal: str = "cli") -> list[dict]:
    """Write `<organisation>-<month>.html` and `.eml` for each organisation named (None: every organisation with
    notes). Returns, per organisation, the two paths and their sizes in bytes. Checks every name and the month
    before writing anything. Each digest written is recorded as a publication (engine/publish/publications.py)."""
    from engine.publish.digest_format import to_eml, to_html
    from engine.publish.publications import digest_publication

    month = check_month(period)
    names = orgs if orgs is not None else [o["name"] for o in store.organisations_with_notes() if o["notes"]]
    for name in names:
        org_id_of(store, name)
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"Cannot make the folder {out_dir} ({exc.strerror}).", where="out",
                         fix="Give --out a folder you can write to.") from None
    cache = PictureCache(store, policy, month)
    written, used = [], set()
    for name in names:
        digest = build_digest(store, policy, name, month, cache)
        stem = slug(name)
        if stem in used:
            stem = f"{stem}-{org_id_of(store, name)}"
        used.add(stem)
        html_path, eml_path = out_dir / f"{stem}-{month}.html", out_dir / f"{stem}-{month}.eml"
        html_path.write_text(to_html(digest), encoding="utf-8")
        eml_path.write_bytes(to_eml(digest))
        store.record_publication(digest_publication(store, digest, principal))
        written.append({"organisation": name, "html": str(html_path), "eml": str(eml_path),
                        "html_bytes": html_path.stat().st_size, "eml_bytes": eml_path.stat().st_size,
                        "rising": len(digest["rising"]), "new_responses": len(digest["new_responses"])})
    return written
