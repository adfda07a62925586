"""The PERSON-name recogniser on its own: what it must flag, what it must leave readable, and its scores
(its speed is measured in bench/anonymise_bench.py, never asserted here). Tables are (text, the exact substrings expected as PERSON spans, in order)."""
from __future__ import annotations

import pytest

from engine.core.offline import ensure_offline

ensure_offline()

from presidio_analyzer import EntityRecognizer  # noqa: E402

from anonymise.name_lists import fold, lexicon, tokenise, transliterate  # noqa: E402
from anonymise.recognisers import names  # noqa: E402


def scores(rec, text: str) -> list[float]:
    return [r.score for r in rec.analyze(text, entities=["PERSON"], nlp_artifacts=None)]


FIRST_NAMES_ALONE = [
    ("Spoke to Callum today about his rent arrears.", ["Callum"]),
    ("Aisha said the bailiffs came on Tuesday.", ["Aisha"]),
    ("Wojciech is worried about his sanction.", ["Wojciech"]),
    ("Spoke to Oleksandr and Dmytro after the session.", ["Oleksandr", "Dmytro"]),
    ("Ngozi and Chukwuemeka attended together.", ["Ngozi", "Chukwuemeka"]),
    ("Łukasz called to rearrange.", ["Łukasz"]),
    ("Mohammed's brother came with him.", ["Mohammed"]),
    ("Called Hodan to arrange an interpreter.", ["Hodan"]),
    ("Grace Jones visited the office.", ["Grace Jones"]),
    ("Sarah Jenkins phoned twice; Oleksandr Petrenko needs a NI number.", ["Sarah Jenkins", "Oleksandr Petrenko"]),
    ("Hodan Warsame and Nasrin Akhter attended.", ["Hodan Warsame", "Nasrin Akhter"]),
    ("I hope Grace is ok after the hearing.", ["Grace"]),
    ("Grace said she is fine.", ["Grace"]),
    ("J. Smith called about the boiler.", ["J. Smith"]),
    # after a line-start label: a speech verb, a surname or a bare field value keeps a common-word name
    ("Q: Will said he would come.", ["Will"]), ("Name: Will Smith\n", ["Will Smith"]),
    ("Next of kin: Grace\nTel: 0161", ["Grace"]), ("her son: Will", ["Will"]),
    ("Worker: Callum said he was fine", ["Callum"]), ("Worker: noreen attended today", ["noreen"]),
    # a month that is a first name, with a known surname; "SURNAME, First" on a form; Chinese names
    ("Saw June Demir at the drop-in.", ["June Demir"]), ("Name: June Al-Amin\nTel: 0161", ["June Al-Amin"]),
    ("May Khan attended.", ["May Khan"]), ("Name: SAMUELS, Chantelle\n", ["SAMUELS, Chantelle"]),
    ("One of our regulars, Hao, came in.", ["Hao"]), ("spoke to beata wójcik re: her claim", ["beata wójcik"]),
]

TITLES = [
    ("Met Mrs Khan at the food bank.", ["Mrs Khan"]),
    ("Mr O'Neill called back about the form.", ["Mr O'Neill"]),
    ("Letter from Dr. Patel supports the claim.", ["Dr. Patel"]),
    ("Ms Nowak-Smith attended.", ["Ms Nowak-Smith"]),
    ("Miss J Bloggs has been referred.", ["Miss J Bloggs"]),
    ("spoke to mr patel on the phone", ["mr patel"]),
    ("MRS BEGUM ATTENDED", ["MRS BEGUM"]),
    ("Mr and Mrs Smith attended.", ["Mrs Smith"]),
    ("Ref from Cllr Jones about the case.", ["Cllr Jones"]),
    ("Mrs Watson-O'Neil sent a letter.", ["Mrs Watson-O'Neil"]),
]

RELATIONSHIPS = [
    ("Her son callum has been excluded.", ["callum"]),
    ("His partner Jaz is not on the tenancy.", ["Jaz"]),
    ("My neighbour Tomasz helps with shopping.", ["Tomasz"]),
    ("Came in with her daughter (Amira) who translated.", ["Amira"]),
    ("Her husband, Dev, works nights.", ["Dev"]),
    ("Her son Will is 6.", ["Will"]),
    ("Her daughter Summer is 3.", ["Summer"]),
    ("Her ex partner Lee turned up at the flat.", ["Lee"]),
    ("Her ex-husband Gary pays nothing.", ["Gary"]),
    ("Her step-son Tyler lives with them.", ["Tyler"]),
    ("Sister-in-law Priya translated.", ["Priya"]),
    ("Her brother Mo drives her to appointments.", ["Mo"]),
    ("Her children Callum, Aisha and Jack live with her.", ["Callum", "Aisha", "Jack"]),
    ("Jaz, her partner, came too.", ["Jaz"]),
    ("Bev (nan) was there.", ["Bev"]),
    ("Reviewed by Sam (caseworker).", ["Sam"]),
    ("She has a friend called Precious.", ["Precious"]),
    ("A man called Steve came to the door.", ["Steve"]),
    ("Client name: jo bloggs", ["jo bloggs"]),
    ("Name: Aisha Begum", ["Aisha Begum"]),
    ("Dear Grace, thank you for your letter.", ["Grace"]),
    ("Support worker Kaz will follow up.", ["Kaz"]),
]

# Names in no list, taken because the words around them make them a person (names.py + name_rules.py).
UNKNOWN_IN_CONTEXT = [
    # relationship words (and "eldest", "regulars"); capitalised unknown words are not "ale"+"d"
    ("My brother Aled lives round the corner.", ["Aled"]),
    ("Says her ex-partner Aled keeps turning up.", ["Aled"]),
    ("Our volunteer Dritan booked her in.", ["Dritan"]),
    ("His eldest Tatenda dropped out of college.", ["Tatenda"]),
    ("One of our regulars, Kudzai, came in.", ["Kudzai"]),
    ("She lost her partner BESNIK during lockdown.", ["BESNIK"]),
    ("Her son kaveh is 6.", ["kaveh"]),
    ("(Name: Aled, shared with permission.)", ["Aled"]),
    # contact phrases
    ("Home visit to Siobhán at 6 Maple Cottages.", ["Siobhán"]),
    ("Saw siobhán at the tech cafe on Tuesday.", ["siobhán"]),
    ("Phone call with Magdalena.", ["Magdalena"]),
    ("Phone call with CHIOMA ADEWALE. She has to deal with probate.", ["CHIOMA ADEWALE"]),
    ("Follow-up call to NYASHA MOYO re last week.", ["NYASHA MOYO"]),
    ("Tel call w/ BRONWEN.", ["BRONWEN"]),
    ("I've been supporting Tharshan for a few months now.", ["Tharshan"]),
    ("I met Nguyet at the bereavement cafe.", ["Nguyet"]),
    ("Saw Arjola Hoxha at the Tuesday session.", ["Arjola Hoxha"]),
    ("Spoke with Teodor and Ruxandra today.", ["Teodor", "Ruxandra"]),
    ("I've since heard from Rudo and things are better.", ["Rudo"]),
    ("Thank you, gwen. That's really helpful.", ["gwen"]),
    ("Interviewer: Thank you, aled, that's really helpful.", ["aled"]),
    # report verbs, ", dob", "from the team"
    ("Guled explained he walks to the bus stop.", ["Guled"]),
    ("ZOFIA came into the drop-in this morning.", ["ZOFIA"]),
    ("Drop-in. noreen attended with her brother.", ["noreen"]),
    ("Lakshmi explained she lost her job.", ["Lakshmi"]),
    ("Aled Thwaites rang the office, upset.", ["Aled Thwaites"]),
    ("Chipo, dob 7.8.1992, needs a new claim.", ["Chipo"]),
    ("Farai from the team referred her.", ["Farai"]),
    # a transcript speaker label
    ("Interviewer: How long have you lived here?\nTatenda: About ten years.", ["Tatenda"]),
    # a form's "Name: SURNAME, First"
    ("Name: MOYO, Tatenda\nDOB: 16-02-1975", ["MOYO, Tatenda"]),
]

# Ordinary words in the same slots: left alone.
NOT_NAMES_IN_CONTEXT = [
    "Home visit to Penrith.",
    "Phone call with Citizens Advice.",
    "Saw GP today.",
    "Thank you, everyone.",
    "Thank you for the referral; thanks again.",
    "Tuesday explained nothing.",
    "Staff explained the process and the Council said no.",
    "Healthy Start said yes.",
    "Spoke to housing about the repair; spoke with the landlord.",
    "Met with Shelter and Mind.",
    "Saw improvement in her mood.",
    "Call to DWP about the sanction. Call w/ UC helpline.",
    "Interviewer: Can you tell me about yourself?\nResident: Born and bred here.",
    "Tel: 0113 496 0000\nOutcome: referred on.",
    "Client DoB 04/11/1957.",
    "Her partner isnt working and my son aswell.",
    "Her partner died in the summer.",
    "Her son attended the session. Client reports the heating is broken.",
    "Drop-in. Attended with her brother.",
    "Spoke to Reception at the surgery. Call with Adult Social Care.",
    "CLIENT ATTENDED THE SESSION. PHONE CALL WITH HOUSING OFFICER.",
    "Her daughter has ADHD. The Met Police attended.",
    "Text from landlord about rent. Message from school about attendance.",
    "Heard from Lewisham Homes today.",
    "NI AB 12 34 56 D. Chase on Monday if no reply. Logged under Case ref: CN-2024-4449.",
    "Client D.O.B. 17/11/1970. Will call back on Tuesday.",
    "Eviction explained to her.",
    "INT: What would help most?\nRES: A bit of peace.\nQ: Anything else?",
]

CASES = [
    ("spoke to callum and aisha about the move", ["callum", "aisha"]),
    ("aisha khan and callum smith came in", ["aisha khan", "callum smith"]),
    ("JOHN SMITH called re housing benefit.", ["JOHN SMITH"]),
    ("CALLUM DID NOT ATTEND.", ["CALLUM"]),
]

NOT_NAMES = [
    "Will you help me fill in the form?",
    "The hearing is in May.",
    "She owes money to the Bank of England.",
    "She is staying at Hope House for now.",
    "There is a grace period of 14 days.",
    "Grace period ends Friday.",
    "Referred to Citizens Advice and Age UK.",
    "Gave a food bank voucher; the foodbank is run by the Trussell Trust.",
    "Universal Credit payment is late again.",
    "Referred to Mind for counselling and Refuge for safety planning.",
    "Lewisham Council have not replied.",
    "She lives on Victoria Street near the station.",
    "Lives at 12 Victoria Road, Lewisham.",
    "The Victoria line was shut.",
    "Went to Guy's Hospital and St Thomas' Hospital.",
    "He lives in St Helens now.",
    "Mum said she cannot cope with the bills.",
    "spoke with Mum and Dad",
    "GP has signed her off work.",
    "Jobcentre Plus appointment moved to Friday.",
    "Her son is 6 and attends the local primary.",
    "Her son will be 6 in May.",
    "her son, who is 6, is autistic",
    "Her partner works away a lot.",
    "Her son's school rang.",
    "Mark the file as urgent.",
    "Bill is overdue by two months.",
    "Hope she gets the grant.",
    "Jack was upset.",
    "The jack for the car was stolen.",
    "Summer holidays are hard.",
    "The guy from the council came round.",
    "Chase up the council about the repair.",
    "Dawn visits are not possible.",
    "She has an amber warning on the file.",
    "She has MS and diabetes.",
    "I will miss the appointment.",
    "Dr appointment on Monday.",
    "Spoke to the Imam at the mosque.",
    "Hunter Street office is closed; call the Butler Road office.",
    "Mason Court tenants have complained.",
    "Young people are struggling the most.",
    "Referred to StepChange, National Debtline and Christians Against Poverty.",
    "The Salvation Army, Barnardo's, Macmillan and the Red Cross helped.",
    "Women's Aid found a refuge space in Manchester.",
    "He moved from Herefordshire to Lewisham in June.",
    "DWP have suspended her ESA; PIP review is due.",
    "She was in A&E on Saturday.",
    "Social services and the housing association were told.",
    "Email callum.smith@example.org for the forms.",
    "PLEASE CALL BACK ASAP RE HOUSING",
    "Needs a Polish interpreter; German and Danish speakers available.",
    "She was called by the council.",
    "Long Covid has stopped her working.",
    "Dr I've ever had.",
    # a line-start label then a sentence: the word after it starts the sentence, not a name slot
    "Worker: Will you be okay if I call back?", "Client: Mark my words, it'll go up again.",
    "R: Bill after bill, it never stops.", "Participant 2: Will they cut my money again?",
    "Support needed: Bill from British Gas came to £480.", "Notes: Grace period of 28 days agreed.",
    # a month with no surname, or in a date
    "Seen on 3 June Patel.", "since May Smith has", "June 2024 review", "Moved in June.",
]


@pytest.mark.parametrize("text, expected", FIRST_NAMES_ALONE)
def test_when_known_first_name_then_flagged(rec, text, expected, spans):
    assert spans(rec, text) == expected


@pytest.mark.parametrize("text, expected", TITLES)
def test_when_title_and_name_then_span_includes_title(rec, text, expected, spans):
    assert spans(rec, text) == expected


@pytest.mark.parametrize("text, expected", RELATIONSHIPS)
def test_when_relationship_or_naming_word_then_next_name_flagged(rec, text, expected, spans):
    assert spans(rec, text) == expected


@pytest.mark.parametrize("text, expected", UNKNOWN_IN_CONTEXT)
def test_when_unknown_name_in_strong_person_context_then_flagged(rec, text, expected, spans):
    assert spans(rec, text) == expected


@pytest.mark.parametrize("text", NOT_NAMES_IN_CONTEXT)
def test_when_ordinary_word_in_person_context_then_not_flagged(rec, text, spans):
    assert spans(rec, text) == []


@pytest.mark.parametrize("text, expected", CASES)
def test_when_lower_or_upper_case_name_then_flagged(rec, text, expected, spans):
    assert spans(rec, text) == expected


@pytest.mark.parametrize("text", NOT_NAMES)
def test_when_common_word_service_or_place_then_not_flagged(rec, text, spans):
    assert spans(rec, text) == []


@pytest.mark.parametrize("text, low, high", [
    ("Met Mrs Khan today.", 0.85, 0.85),
    ("His partner Jaz came.", 0.85, 0.85),
    ("Sarah Jenkins phoned.", 0.85, 0.85),
    ("Spoke to Callum today.", 0.6, 0.7),
    ("Callum rang.", 0.6, 0.7),
    ("spoke to callum today", 0.5, 0.6),
    ("Spoke to Grace today.", 0.45, 0.6),
])
def test_when_name_found_then_score_in_band(rec, text, low, high):
    found = scores(rec, text)
    assert len(found) == 1 and low <= found[0] <= high


def test_when_allow_list_given_then_it_wins(rec, spans):
    text = "Her partner Jaz came to Callum House with Aisha."
    assert spans(rec, text) == ["Jaz", "Aisha"]
    custom = names.create(allow_list=["Jaz", "aisha"])
    assert spans(custom, text) == []


def test_when_place_is_allow_listed_then_a_titled_name_still_flagged(rec, spans):
    assert spans(rec, "Moved to Preston; Mrs Preston came with her.") == ["Mrs Preston"]


def test_when_defaults_switched_off_then_only_given_phrases_apply(spans):
    bare = names.create(allow_list=[], include_defaults=False)
    assert spans(bare, "Moved to Preston last year.") == ["Preston"]


def test_when_other_entities_requested_then_nothing(rec):
    assert rec.analyze("Spoke to Callum.", entities=["PHONE_NUMBER"], nlp_artifacts=None) == []
    assert rec.analyze("", entities=["PERSON"], nlp_artifacts=None) == []


def test_when_created_then_a_presidio_recogniser_for_person(rec):
    assert isinstance(rec, EntityRecognizer)
    assert rec.supported_entities == ["PERSON"]
    result = rec.analyze("Met Mrs Khan.", entities=["PERSON"], nlp_artifacts=None)[0]
    assert result.entity_type == "PERSON"
    assert result.recognition_metadata["recognizer_name"] == rec.name
    assert "title" in result.analysis_explanation.textual_explanation


def test_when_same_text_twice_then_same_result(rec):
    text = "Her son callum and Mrs Khan met Aisha Begum."
    first = [(r.start, r.end, r.score) for r in rec.analyze(text, ["PERSON"], None)]
    assert first == [(r.start, r.end, r.score) for r in rec.analyze(text, ["PERSON"], None)]


@pytest.mark.parametrize("word, kind", [
    ("callum", "lower_first"), ("aisha", "lower_first"), ("wojciech", "lower_first"), ("lucy", "lower_first"),
    ("will", "common"), ("grace", "common"), ("mark", "common"), ("baker", "common"),
    ("khan", "surnames"), ("nowak", "surnames"), ("o'neill", "surnames"),
])
def test_when_lexicon_built_then_words_land_in_the_right_set(word, kind):
    assert word in getattr(lexicon(), kind)


@pytest.mark.parametrize("word, kind", [
    ("aled", "lower_first"), ("siobhan", "lower_first"), ("guled", "lower_first"), ("chukwuma", "lower_first"),
    ("zofia", "core_first"), ("mehwish", "lower_first"), ("delroy", "lower_first"), ("amira", "first"),
    ("xiaoling", "lower_first"), ("minh", "lower_first"), ("mei", "first"), ("cheung", "surnames"),
])
def test_when_community_supplement_loaded_then_names_known(word, kind):
    assert word in getattr(lexicon(), kind)


@pytest.mark.parametrize("word, plain", [
    ("aled", False), ("hamed", False), ("rashed", False), ("families", True), ("says", True), ("house", True),
])
def test_when_capitalised_then_only_exact_lemmas_count_as_words(word, plain):
    assert lexicon().plain_word(word) is plain


@pytest.mark.parametrize("word, inflected", [("aled", False), ("died", True), ("queued", True), ("loads", True)])
def test_when_lower_case_then_simple_inflections_count_as_words(word, inflected):
    assert lexicon().in_dictionary(word) is inflected


@pytest.mark.parametrize("word", ["comfort", "nail", "sad", "council", "captain", "infant", "jack", "grace"])
def test_when_name_is_an_english_word_then_not_flagged_alone_in_lower_case(word):
    assert word not in lexicon().lower_first


@pytest.mark.parametrize("raw, locale, expected", [
    ("Олександр", "uk_UA", "oleksandr"), ("Дмитро", "uk_UA", "dmytro"), ("Дмитрий", "ru_RU", "dmitriy"),
])
def test_when_cyrillic_name_then_transliterated(raw, locale, expected):
    assert transliterate(raw, locale) == expected


@pytest.mark.parametrize("raw, expected", [("Łukasz", "lukasz"), ("Wójcik", "wojcik"), ("Zsófia", "zsofia")])
def test_when_accented_name_then_folded_to_ascii(raw, expected):
    assert fold(raw) == expected


def test_when_possessive_then_token_excludes_apostrophe_s():
    tok = tokenise("Callum's mum")[0]
    assert (tok.text, tok.low, tok.end) == ("Callum", "callum", 6)


@pytest.mark.parametrize("text, key, shape", [
    ("Siobhán", "siobhan", "title"), ("ŁUKASZ", "lukasz", "upper"), ("zofia", "zofia", "lower"),
])
def test_when_accented_word_then_one_token_with_folded_key(text, key, shape):
    [tok] = tokenise(text)
    assert (tok.text, tok.key, tok.shape) == (text, key, shape)


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from("Mrs Mr Dr her son callum Jaz , ( ) called name : is Grace St Victoria Street the and "
                          "& Khan J . - ex partner Dear known as 12 \n Łukasz O'Neill's".split() + [" ", "  "])


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=14).map(" ".join)))
def test_when_any_text_then_spans_in_bounds_and_scores_over_threshold(text):
    rec = names.create()
    for result in rec.analyze(text, ["PERSON"], None):
        assert 0 <= result.start < result.end <= len(text)
        assert 0.45 <= result.score <= 1.0
