"""Over HTTP: near-duplicate pairs (GET /api/v1/near-duplicates, the /near-duplicates page), organisations counts
on the theme list, detail and evidence, and "how our notes were used" (GET /api/v1/my/usage, /my/usage). A
contributor of one organisation never sees another's notes or pairs; no published count is below the threshold,
over random filters, organisations counts included.

The store is built once for the module through the real pipeline (80 demo notes shared by Alpha Advice, the same 80
by Riverside, and one note Riverside pasted twice) and copied for each test."""
import random
import shutil
import sqlite3

import pytest

from engine.core.settings import Settings
from engine.demo import load_areas
from engine.readers import RawNote
from engine.store import Store

PASTED = ("The boiler in the flat broke in November and the landlord has not fixed it; the family is using the oven "
          "to keep warm and the youngest has a chest infection. We chased the landlord and referred them on.")


@pytest.fixture(scope="module")
def built(tmp_path_factory, anonymiser, embedder):
    from corpora.demo import generate_demo_corpus
    from engine.pipeline import Pipeline

    corpus = generate_demo_corpus(n_notes=200)
    path = tmp_path_factory.mktemp("dups") / "insights.db"
    store = Store(path)
    pipeline = Pipeline(Settings(db_path=path), store, anonymiser=anonymiser, embedder=embedder)
    load_areas(store, corpus.areas)
    wards = [a["code"] for a in corpus.areas if a["level"] == "ward"]
    notes = corpus.notes[:80]

    def file(prefix):
        return [RawNote(x["text"], x["source_type"], x["date"][:7], x["area_code"], f"{prefix}{x['id']}",
                        where=x["id"]) for x in notes]
    pipeline.ingest(file("a"), "Alpha Advice")
    pipeline.ingest(file("r") + [RawNote(PASTED, "case_note", "2025-03", wards[0], "p1", where="p1"),
                                 RawNote(PASTED, "case_note", "2025-03", wards[0], "p2", where="p2")], "Riverside")
    ids = {name: sorted(r["id"] for r in store.q("SELECT n.id FROM notes n JOIN organisations o ON o.id = n.org_id"
                                                   " WHERE o.name = ?", [name])) for name in ("Alpha Advice", "Riverside")}
    store.close()
    return path, ids


@pytest.fixture
def settings(tmp_path) -> Settings:
    """The lowest threshold allowed (5), so filtered views of this small store publish some counts to check."""
    return Settings(db_path=tmp_path / "insights.db", password_scrypt_n=2 ** 12, suppression_threshold=5)


@pytest.fixture(autouse=True)
def seeded(built, settings):
    path, _ = built
    source = sqlite3.connect(path)
    target = sqlite3.connect(settings.db_path)
    source.backup(target)
    source.close()
    target.close()


@pytest.fixture
def ids(built):
    return built[1]


def test_when_a_contributor_lists_pairs_then_only_pairs_inside_their_own_organisation(token_client, ids):
    riverside = token_client("contributor", "Riverside").get("/api/v1/near-duplicates?limit=100").json()["pairs"]
    assert len(riverside) == 1
    [pair] = riverside
    assert pair["same_organisation"] and pair["note"]["organisation"] == pair["twin"]["organisation"] == "Riverside"
    assert {pair["note"]["note_id"], pair["twin"]["note_id"]} <= set(ids["Riverside"])
    alpha = token_client("contributor", "Alpha Advice").get("/api/v1/near-duplicates?limit=100")
    assert alpha.status_code == 200 and alpha.json()["pairs"] == []     # its notes are in cross pairs only
    everyone = token_client("analyst", None).get("/api/v1/near-duplicates?limit=100").json()["pairs"]
    assert len(everyone) == 81
    assert sum(not p["same_organisation"] for p in everyone) == 80
    assert all(p["twin"]["organisation"] == "Alpha Advice" for p in everyone if not p["same_organisation"])


def test_when_pairs_are_paged_then_each_comes_once(token_client):
    c = token_client("analyst", None)
    seen, cursor = [], None
    while True:
        body = c.get("/api/v1/near-duplicates", params={"limit": 7, **({"cursor": cursor} if cursor else {})}).json()
        seen += [p["id"] for p in body["pairs"]]
        if not (cursor := body["next_cursor"]):
            break
    assert len(seen) == len(set(seen)) == 81


def test_when_an_analyst_says_not_a_duplicate_then_the_note_counts_again(token_client, settings):
    analyst = token_client("analyst", None)
    pair = analyst.get("/api/v1/near-duplicates?limit=1").json()["pairs"][0]
    store = Store(settings.db_path)
    try:
        before = store.theme_note_counts()
        assert token_client("contributor", "Riverside").post(
            f"/api/v1/near-duplicates/{pair['id']}/review", json={"status": "not_duplicate"}).status_code == 403
        r = analyst.post(f"/api/v1/near-duplicates/{pair['id']}/review", json={"status": "not_duplicate"})
        assert r.status_code == 200 and r.json()["status"] == "not_duplicate" and r.json()["reviewed_by"]
        after = store.theme_note_counts()
    finally:
        store.close()
    assert sum(after.values()) > sum(before.values())
    listed = analyst.get("/api/v1/near-duplicates?status=not_duplicate").json()["pairs"]
    assert [p["id"] for p in listed] == [pair["id"]]
    assert analyst.post("/api/v1/near-duplicates/999999/review", json={"status": "flagged"}).status_code == 404
    assert analyst.post(f"/api/v1/near-duplicates/{pair['id']}/review", json={"status": "maybe"}).status_code == 422


def test_when_an_analyst_uses_the_page_then_pairs_show_and_can_be_marked(signed_in_client):
    from tests.service.conftest import csrf

    c = signed_in_client("analyst", None)
    page = c.get("/near-duplicates")
    assert page.status_code == 200 and "shared by two organisations" in page.text and "Not a duplicate" in page.text
    pair_id = c.get("/api/v1/near-duplicates?limit=1").json()["pairs"][0]["id"]
    r = c.post(f"/near-duplicates/{pair_id}/review", data={"status": "not_duplicate", "csrf_token": csrf(c)},
               follow_redirects=False)
    assert r.status_code == 303
    assert "both notes count" in c.get(r.headers["location"]).text


def test_when_themes_are_listed_then_each_published_count_says_how_many_organisations(token_client, settings):
    c = token_client("analyst", None)
    themes = c.get("/api/v1/themes?limit=100").json()["themes"]
    shown = [t for t in themes if t["notes"] is not None]
    assert shown, "the test needs a published count"
    # Riverside's 30 notes repeat Alpha's, so they are counted once: each theme is raised by Alpha alone,
    # except where Riverside's pasted note (its first copy) joins in
    assert all(t["organisations"] is None and t["few_organisations"] is True for t in shown)   # 1 or 2: withheld, marked
    assert all(t["organisations_label"] == "raised by only one or two organisations" for t in shown)
    assert all(t["organisations"] is None and t["few_organisations"] is None for t in themes if t["notes"] is None)
    detail = c.get(f"/api/v1/themes/{shown[0]['id']}").json()
    assert detail["organisations"] == shown[0]["organisations"] and detail["few_organisations"] is True
    csv = c.get("/api/v1/themes?format=csv").text.splitlines()
    assert csv[0].endswith(",organisations,few_organisations")
    page = token_client("analyst", None).get("/api/v1/evidence?format=csv").text.splitlines()[0]
    assert "organisations" in page.split(",") and "few_organisations" in page.split(",")


def test_over_random_filters_no_published_count_is_below_the_threshold(token_client, settings):
    c = token_client("analyst", None)
    policy_threshold, base = settings.suppression_threshold, settings.rounding_base
    store = Store(settings.db_path)
    try:
        areas = [a["code"] for a in store.areas()][:12]
        sensitive = {t["id"] for t in store.themes() if t["sensitive"]}
        rng = random.Random(15)
        checked = 0
        for i in range(40):
            filters = {} if i == 0 else {k: v for k, v in {
                "period": rng.choice([None, "2025", "2025-Q1", "2025-Q2", "2025-Q3", "2025-03", "2024"]),
                "area": rng.choice([None, None] + areas),
                "source_type": rng.choice([None, "case_note", "transcript", "anecdote"]),
                "organisation": rng.choice([None, "Alpha Advice", "Riverside"]),
            }.items() if v is not None}
            body = c.get("/api/v1/themes", params={**filters, "limit": 100}).json()
            from engine.core.periods import month_range
            start, end = month_range(filters.get("period"))
            raw = store.theme_note_counts_where(**{k: v for k, v in {
                "month_from": start, "month_to": end, "area_code": filters.get("area"),
                "source_type": filters.get("source_type"),
                "org_id": store.org_id(filters["organisation"]) if "organisation" in filters else None}.items()
                if v is not None})
            for t in body["themes"]:
                limit = settings.sensitive_suppression_threshold if t["id"] in sensitive else policy_threshold
                if t["notes"] is None:
                    assert raw.get(t["id"], 0) < limit and t["organisations"] is None, (filters, t)
                    continue
                checked += 1
                assert t["notes"] >= limit and t["notes"] % base == 0 and raw[t["id"]] >= limit, (filters, t)
                assert t["few_organisations"] is not None and (t["organisations"] is None or t["organisations"] >= limit)
        for level in ("ward", "lad"):
            for period in (None, "2025", "2025-Q3"):
                records = c.get("/api/v1/evidence", params={"level": level, **({"period": period} if period else {})}
                                ).json()["records"]
                for r in records:
                    if r["notes"] is None:
                        assert r["organisations"] is None and r["few_organisations"] is None
                    else:
                        assert r["notes"] >= policy_threshold
                        assert r["organisations"] is None or r["organisations"] >= policy_threshold
                        checked += 1
        assert checked > 10
    finally:
        store.close()


def test_how_our_notes_were_used_shows_only_our_own_notes_and_suppressed_counts(token_client, app, ids, settings):
    analyst = token_client("analyst", None)
    shown = [t for t in analyst.get("/api/v1/themes?limit=100").json()["themes"] if t["notes"] is not None]
    for t in shown:
        analyst.get(f"/api/v1/themes/{t['id']}")            # quotes shown (and audited)
    app.state.audit_writer.flush()
    for org, other in (("Riverside", "Alpha Advice"), ("Alpha Advice", "Riverside")):
        c = token_client("contributor", org)
        usage = c.get("/api/v1/my/usage").json()
        assert usage["organisation"] == org
        quoted = {q["note_id"] for q in usage["quotes"]}
        assert quoted <= set(ids[org]) and not quoted & set(ids[other])
        text = c.get("/api/v1/my/usage").text
        for note_id in ids[other]:
            assert f'"note_id":{note_id},' not in text.replace(" ", "")
        for t in usage["themes"]:
            assert t["notes"] is None or t["notes"] >= settings.suppression_threshold
        for cell in usage["evidence_cells"]:
            assert cell["cell_notes"] >= settings.suppression_threshold
            assert cell["your_notes"] is None or cell["your_notes"] >= settings.suppression_threshold
        page = c.get("/my/usage")
        assert page.status_code == 200 and "How our notes were used" in page.text
    alpha = token_client("contributor", "Alpha Advice").get("/api/v1/my/usage").json()
    # Alpha's notes are the counted copies: they are quoted on theme pages and count in published cells
    assert alpha["quotes"] and alpha["shown_in"] and all(s["kind"] == "theme" for s in alpha["shown_in"])
    assert alpha["themes"] and alpha["counted_once_label"] == "none"
    riverside = token_client("contributor", "Riverside").get("/api/v1/my/usage").json()
    assert riverside["counted_once"] == 80
    assert token_client("analyst", None).get("/api/v1/my/usage").status_code == 403


def test_when_a_summary_is_shown_and_downloaded_then_each_organisation_sees_it_counted_its_notes(token_client,
                                                                                                   settings):
    from engine.publish.suppression import Policy, publish_count

    facilitator = token_client("facilitator", None)
    assert facilitator.get("/api/v1/reports/summary", params={"format": "md"}).status_code == 200
    assert facilitator.get("/summary", params={"period": ""}).status_code == 200
    assert facilitator.get("/summary/download", params={"format": "md", "period": ""}).status_code == 200
    facilitator.app.state.audit_writer.flush()
    store = Store(settings.db_path)
    try:
        counted = {r["name"]: r["n"] for r in store.q(
            "SELECT o.name, COUNT(*) AS n FROM notes n JOIN organisations o ON o.id = n.org_id WHERE n.area_code IS"
            " NOT NULL AND n.month IS NOT NULL AND n.id NOT IN (SELECT note_id FROM near_duplicates WHERE status ="
            " 'flagged') GROUP BY o.name")}
    finally:
        store.close()
    policy = Policy.from_settings(settings)
    for org in ("Alpha Advice", "Riverside"):
        usage = token_client("contributor", org).get("/api/v1/my/usage").json()
        published = usage["published_in"]
        assert {(p["kind"], p["times"]) for p in published} == {("report", 2), ("summary", 1)}, published
        for p in published:
            assert p["period"] is None and p["areas"] == [] and p["period_label"]
            assert p["your_notes"] == publish_count(counted.get(org, 0), policy)
            for t in p["themes"]:
                assert t["your_notes"] is None or t["your_notes"] >= settings.suppression_threshold
    alpha = token_client("contributor", "Alpha Advice").get("/api/v1/my/usage").json()["published_in"]
    assert alpha[0]["your_notes"] >= 70 and any(t["your_notes"] for t in alpha[0]["themes"])
    page = token_client("contributor", "Alpha Advice").get("/my/usage")
    assert "Summaries, reports and digests your notes counted in" in page.text and "usage-published" in page.text
