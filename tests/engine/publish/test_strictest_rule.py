"""The strictest rule for sensitive themes in emergent themes, on a real store: a candidate whose quotes cannot
be matched one by one to their notes (proposed before m009 kept `quote_note_ids`) shows no quote when any of its
notes is in a sensitive theme; one whose quotes are matched drops only the sensitive notes' quotes."""
from engine.core.settings import Settings
from engine.publish.suppression import Policy
from engine.publish.theme_views import emergent_list
from engine.store import NewNote
from themes.taxonomy import load_builtin
from themes.taxonomy_io import load_into

POLICY = Policy.from_settings(Settings())


def _notes(store, tag: str, n: int, theme: str, version: int) -> list[int]:
    org = store.ensure_org("Org")
    notes = [NewNote(f"{tag} {i}: the rent went up again and the landlord will not fix the damp.", f"h{tag}{i}",
                     f"d{tag}{i}", "case_note", "2025-03", "2025-03", None, "none", None, None, [])
             for i in range(n)]
    ids = store.add_submission(org, notes, "test", "consent")["note_ids"]
    store.put_note_assignments(ids, [{"note_id": i, "theme_id": theme, "score": 0.6, "method": "zero-shot",
                                      "taxonomy_version": version} for i in ids], version)
    return ids


def test_when_emergent_quotes_are_not_matched_to_notes_and_one_note_is_sensitive_then_none_are_shown(store):
    version = load_into(store, load_builtin())
    ordinary = _notes(store, "ORD", 12, "housing_homelessness", version)
    sensitive = _notes(store, "DV", 1, "domestic_abuse", version)
    store.replace_emergent("run1", [
        {"label": "damp", "keywords": ["damp"], "size": 13, "note_ids": ordinary + sensitive,
         "quotes": ["the landlord will not fix the damp", "the rent went up again"], "quote_note_ids": None},
        {"label": "rent", "keywords": ["rent"], "size": 12, "note_ids": ordinary,
         "quotes": ["the rent went up again"], "quote_note_ids": None},
        {"label": "matched", "keywords": ["fix"], "size": 13, "note_ids": ordinary + sensitive,
         "quotes": ["ordinary quote", "sensitive quote"], "quote_note_ids": [ordinary[0], sensitive[0]]},
    ])
    shown = {c["label"]: c["quotes"] for c in emergent_list(store, POLICY)}
    assert shown["damp"] == []                            # cannot tell which note: nothing quoted
    assert shown["rent"] == ["the rent went up again"]    # no sensitive note: quoted as before
    assert shown["matched"] == ["ordinary quote"]         # matched: only the sensitive note's quote dropped
