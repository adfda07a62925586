import numpy as np
import pytest

from themes import emergent
from themes.emergent import cluster_size, discover, diverse_quotes, readable_label

BUS = ["The {n} bus was cut so she cannot get to her hospital appointment.",
       "No bus on Sundays now and the taxi to the surgery costs twenty pounds.",
       "The village bus route {n} was withdrawn and he has no car to reach the clinic.",
       "Community transport minibus only runs on Tuesdays so she misses appointments.",
       "Since the timetable changed the last bus leaves at five and she is stuck in town."]
CHAT = ["We had a cup of tea and talked for a while.", "She laughed about it but you could tell.",
        "It was a busy session but I made time.", "He said it was nice to be listened to.",
        "We talked about the weather and the football."]
# Talk about the service itself, in themed and unthemed notes alike (the demo's "centre / friday / volunteers")
LOGISTICS = ["{he} asked whether the centre is open on Friday over the bank holiday.",
             "{he} thinks the Friday session at the centre works better than the Tuesday one.",
             "{he} brought in cakes for the volunteers at the centre on Friday.",
             "{he} wants to help the volunteers on reception at the centre.",
             "{he} asked the volunteers about the centre's new opening times on Friday."]
THEMED = ["She is skipping meals so the children can eat.", "The landlord has not fixed the black mould.",
          "He is behind on the rent and the bailiffs wrote again.", "She feels low and cannot sleep at night.",
          "The gas meter ran out and the flat is freezing."]


def test_when_cluster_size_scaled_then_it_grows_with_the_corpus():
    assert cluster_size(100) == 8 and cluster_size(10_000) == 200 and cluster_size(2_500) == 100


def test_when_quotes_chosen_then_they_are_central_and_not_duplicates():
    v = np.array([[1, 0], [0.99, 0.14], [0.98, 0.2], [0.7, 0.71]], dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    picked = diverse_quotes(v, k=2)
    assert picked[0] in (0, 1, 2) and picked[1] == 3   # central first, then the one least like it


def test_when_unassigned_notes_share_a_new_topic_then_it_is_proposed_and_chatter_is_not(embedder):
    passages = [t.format(n=40 + i) for i in range(12) for t in BUS] + [t for _ in range(12) for t in CHAT]
    owners = list(range(len(passages)))
    vectors = embedder.embed_batch(passages)
    assigned = [t for _ in range(30) for t in CHAT] + ["She is skipping meals to feed the children."] * 10
    background = embedder.embed_batch(assigned)
    candidates = discover(owners, passages, vectors, background, seed=42, embedder=embedder,
                          background_passages=assigned)
    assert candidates, "the bus cluster should be proposed"
    words = set(candidates[0]["keywords"])
    assert words & {"bus", "appointment", "appointments", "route", "transport", "taxi"}
    assert all(not (set(c["keywords"]) & {"tea", "laughed", "weather"}) for c in candidates)
    quotes = candidates[0]["quotes"]
    assert 2 <= len(quotes) <= 3 and len(set(quotes)) == len(quotes)   # varied: never the same passage twice


def test_when_same_input_twice_then_same_candidates(embedder):
    passages = [t.format(n=40 + i) for i in range(12) for t in BUS] + [t for _ in range(12) for t in CHAT]
    vectors = embedder.embed_batch(passages)
    background = embedder.embed_batch(CHAT * 20)
    a, b = (discover(list(range(len(passages))), passages, vectors, background, seed=42, embedder=embedder,
                     background_passages=CHAT * 20) for _ in range(2))
    assert [(c["label"], c["note_ids"]) for c in a] == [(c["label"], c["note_ids"]) for c in b]


def test_when_unassigned_passages_form_no_clusters_then_nothing_is_proposed_and_nothing_fails(embedder):
    """HDBSCAN calls one tight blob all outliers, which gives c-TF-IDF a single document (min_df=2 cannot
    hold): found in the benchmark, where fast mode left few notes unassigned. Vectors: one tight blob."""
    rng = np.random.default_rng(0)
    passages = [BUS[i % 5].format(n=40 + i) for i in range(40)]
    base = rng.normal(size=32)
    vectors = (base + 0.01 * rng.normal(size=(40, 32))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    background = rng.normal(size=(50, 32)).astype(np.float32)
    background /= np.linalg.norm(background, axis=1, keepdims=True)
    candidates = discover(list(range(len(passages))), passages, vectors, background, seed=42, embedder=embedder,
                          background_passages=["We met at the library."] * 50)
    assert candidates == []


def test_when_labels_are_made_then_they_are_short_phrases_without_repeats():
    assert readable_label(["bus route", "buses", "hospital appointment", "taxi"]) == "Bus route and taxi"
    assert readable_label(["listening", "thanks listening"]) == "Listening"
    assert readable_label(["very long candidate phrase here", "bus"]) == "Bus"


def test_when_candidates_are_proposed_then_labels_are_short_readable_phrases(embedder):
    passages = [t.format(n=40 + i).replace("she", "<PERSON_1>").replace("he ", "<PERSON_2> ") for i in range(12)
                for t in BUS] + [t for _ in range(12) for t in CHAT]
    vectors = embedder.embed_batch(passages)
    assigned = [t for _ in range(30) for t in CHAT]
    candidates = discover(list(range(len(passages))), passages, vectors, embedder.embed_batch(assigned), seed=42,
                          embedder=embedder, background_passages=assigned)
    assert candidates
    for c in candidates:
        assert 1 <= len(c["label"].split()) <= 4 and c["label"][0].isupper(), c["label"]
        assert "<" not in c["label"] and "person" not in c["label"].lower(), c["label"]
        assert c["keywords"] and c["terms"] and c["label"].split()[0].lower() in " ".join(c["terms"])


@pytest.fixture(scope="module")
def chatter_corpus(embedder):
    """Unassigned: bus notes and talk about the centre; assigned: themed notes that also talk about the centre,
    in the same passage as their theme (as the demo's notes do)."""
    people = ["She", "He", "Her son", "His neighbour", "The client", "Her mum"]
    chat = [t.format(he=p) for p in people for t in LOGISTICS] * 2
    passages = [t.format(n=40 + i) for i in range(12) for t in BUS] + chat
    assigned = [f"{THEMED[i % 5]} {t.format(he=p)}" for i, p in enumerate(people * 2) for t in LOGISTICS] + \
        [t for _ in range(6) for t in THEMED]
    return passages, embedder.embed_batch(passages), assigned, embedder.embed_batch(assigned)


def _propose(corpus, embedder):
    passages, vectors, assigned, background = corpus
    return discover(list(range(len(passages))), passages, vectors, background, seed=42, embedder=embedder,
                    background_passages=assigned)


def _about_the_centre(candidate) -> bool:
    return bool(set(candidate["keywords"][:3]) & {"centre", "friday", "volunteers", "session"})


def test_when_chatter_about_the_centre_fills_themed_notes_too_then_only_the_real_theme_is_proposed(
        chatter_corpus, embedder):
    candidates = _propose(chatter_corpus, embedder)
    assert any(set(c["keywords"]) & {"bus", "route", "transport", "taxi", "appointment"} for c in candidates)
    assert not any(_about_the_centre(c) for c in candidates), [c["keywords"] for c in candidates]


def test_when_the_word_test_is_off_then_the_chatter_cluster_would_be_proposed(chatter_corpus, embedder,
                                                                              monkeypatch):
    """The chatter cluster passes the passage test; the word test is what keeps it out."""
    monkeypatch.setattr(emergent, "WORD_ENRICHMENT", 0.0)
    assert any(_about_the_centre(c) for c in _propose(chatter_corpus, embedder))
