"""A small stored collection for the review-queue tests (API and browser): notes about food, housing and debt
in one ward (enough to show) and three in another ward (too few: never shown), themed by the real pipeline. The fixtures
`template`, `settings` and `filled` give each test a copy of it (import them into the test module)."""
import pytest

from engine.core.settings import Settings
from engine.demo import load_areas
from engine.store import NewNote, Store

BIG_WARD, SMALL_WARD = "E05000451", "E05000447"
AREAS = [{"code": "E09000023", "name": "Lewisham", "level": "lad", "parent_code": None},
         {"code": BIG_WARD, "name": "Rushey Green", "level": "ward", "parent_code": "E09000023"},
         {"code": SMALL_WARD, "name": "Lee Green", "level": "ward", "parent_code": "E09000023"}]
WHO = ["She", "He", "The mum", "The dad", "Our client", "The tenant"]
FOOD = ["has been skipping meals so the children can eat", "needed a food bank voucher this week",
        "cannot afford the weekly shop and the cupboards are empty", "got a food parcel from the pantry"]
HOUSING = ["was served an eviction notice by the landlord", "lives in a flat with damp and black mould",
           "is sofa surfing after losing the tenancy", "is in temporary accommodation with three children"]
DEBT = ["is behind on council tax and the bailiffs keep calling", "has rent arrears and a payday loan to repay",
        "cannot pay the energy bill and the meter is on emergency credit", "owes money on three credit cards"]


def texts() -> list[str]:
    return [f"{who} {what}." for group in (FOOD, HOUSING, DEBT) for what in group for who in WHO[:4]]


def fill(settings, embedder) -> dict[str, list[int]]:
    """Store and theme the collection; returns the note ids per ward."""
    from engine.pipeline import Pipeline

    store = Store(settings.db_path)
    try:
        load_areas(store, AREAS)
        org = store.ensure_org("Riverside")
        ids = {}
        for ward, batch in ((BIG_WARD, texts()), (SMALL_WARD, [f"{WHO[5]} {FOOD[0]}.", f"{WHO[5]} {HOUSING[0]}.",
                                                               f"{WHO[5]} {DEBT[0]}."])):
            notes = [NewNote(t, f"h-{ward}-{i}", f"d-{ward}-{i}", "case_note", "2025-03", "2025-03", ward, "code",
                             None, None, []) for i, t in enumerate(batch)]
            ids[ward] = store.add_submission(org, notes, "test", "consent")["note_ids"]
        Pipeline(settings, store, embedder=embedder).assign_pending()
        return ids
    finally:
        store.close()


LEARN_AFTER = 3   # corrected notes before the pipeline learns, in these tests


def _settings(path):
    return Settings(db_path=path, password_scrypt_n=2 ** 12, suppression_threshold=5,
                    sensitive_suppression_threshold=5, learn_after_corrections=LEARN_AFTER)


@pytest.fixture(scope="module")
def template(tmp_path_factory, embedder):
    """The collection stored and themed once (by the real pipeline); each test starts from a copy of the file."""
    path = tmp_path_factory.mktemp("queue") / "template.db"
    return path, fill(_settings(path), embedder)


@pytest.fixture
def settings(tmp_path, template):
    import shutil

    for suffix in ("", "-wal"):     # the write-ahead log too, should one be left
        source = template[0].with_name(template[0].name + suffix)
        if source.exists():
            shutil.copyfile(source, tmp_path / f"insights.db{suffix}")
    return _settings(tmp_path / "insights.db")


@pytest.fixture
def filled(app, template):
    return template[1]
