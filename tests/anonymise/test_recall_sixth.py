"""Sixth round of issue 14 (sets D and F tuned on, G held out): for each new rule, through the whole anonymiser,
the cases that must be hidden beside the cases that must stay readable."""
from datetime import date

import pytest

from anonymise.anonymiser import Anonymiser
from anonymise.recognisers import past_date
from anonymise.replace import past_decade
from engine.core.settings import Settings


@pytest.fixture(scope="module")
def anonymiser():
    return Anonymiser(Settings.from_env())


HIDE = [
    # a full date ten or more years back, no cue (PAST_DATE); DOB after "*" and with spaced separators
    ("Applicant 21st July 1986, single.", ["21st July 1986"]),
    ("applicant april 3rd 2003, single.", ["april 3rd 2003"]),
    ("Applicant 2006/03/02, single.", ["2006/03/02"]),
    ("Date of birth* 27-1-1955", ["27-1-1955"]),
    ("D.O.B.: 20 / 07 / 1966 Address: none", ["20 / 07 / 1966"]),
    # postcodes typed with two spaces; an outward code after a residence cue
    ("Patient: Postcode's N17  4WG I think.", ["N17  4WG"]),
    ("Lives in LE4 - borderline for the scheme.", ["LE4"]),
    # address cues: any word before "address", "Address line 1", "we're at", "sofa surfing at", "parcel for"
    ("We're at 129, Lupin Side now, the council moved us.", ["129, Lupin Side"]),
    ("Address line 1: 19 Woodhouse His NHS number is due.", ["19 Woodhouse"]),
    ("Tenancy address: 157 ROWANSIDE, Dudley.", ["157 ROWANSIDE"]),
    ("Delivery address (if different): Ground floor flat, 212 Clayfield, Leeds", ["Ground floor flat, 212 Clayfield"]),
    ("parcel for 28 derwent close - ring the bell twice.", ["28 derwent close"]),
    ("She has been sofa surfing at 19, Tennyson Bank.", ["19, Tennyson Bank"]),
    ("Address line 1: 1/212 wharf way", ["1/212 wharf way"]),
    # two address pieces with a comma between become one span
    ("We're at flat 76, 188 Summerseat now.", ["flat 76, 188 Summerseat"]),
    # names in lower case before what people do, after an introduction or greeting, as a speaker
    ("Client is on a starter tenancy. wei does not have a working phone.", ["wei"]),
    ("Payments are taking £60 a month. dougie huang asked for a female worker.", ["dougie huang"]),
    ("Arrears stand at £200. duke eze-forsyth would prefer texts.", ["duke eze-forsyth"]),
    ("Patient: I'm sharelle, I rang last week.", ["sharelle"]),
    ("zarghona: I was at A&E last Friday.", ["zarghona"]),
    ("Morning dazza, triage list attached.", ["dazza"]),
    ("Voucher valid for three visits. Lakshmi would like a befriender.", ["Lakshmi"]),
    # a name in no dictionary found in one casing is hidden in the others
    ("Voucher issued to Kayode at the hub. kayode does not have a phone.", ["Kayode", "kayode"]),
    # cued identifiers, fail closed
    ("BRP no. ZX1571443, leave to remain until 2027.", ["ZX1571443"]),
    ("Sort code 12–08–75 - she read it off the card.", ["12–08–75"]),
    ("Acc no: 58 45 12 93 for the grant.", ["58 45 12 93"]),
    ("MRN: K516478 on the wristband.", ["K516478"]),
    ("The police gave me a log number, CRI23740642.", ["CRI23740642"]),
    ("UAN ASB/24/04038, from the decision letter.", ["ASB/24/04038"]),
    ("NHS No.: 410/956/5243 on the letter.", ["410/956/5243"]),
]

KEEP = [
    # recent dates, month and year, years alone, two-digit years without a cue
    ("Seen on 12/03/2024 and again on 3 May 2019.", ["12/03/2024", "3 May 2019"]),
    ("Since 1998. Moved here in March 1998. Applicant 25 July '46.", ["1998", "March 1998", "25 July '46"]),
    # a log with a date is not a reference; "lives in" a place that is no postcode area
    ("Call log, 12/07/2023. Casework log, 2025-08-28.", ["12/07/2023", "2025-08-28"]),
    ("Lives in A1 flats on the estate.", ["A1"]),
    # everyday words the spaCy model calls people; towns; pronouns; form values before a word
    ("Guest: Passport's 668888013 I think.", ["Passport"]),
    ("The pantry in Birkenhead is a godsend. Pantry chat, Jarrow, 20/8/24.", ["Birkenhead", "Jarrow"]),
    ("Earl Grey tea requested, we had some in stock.", ["Earl Grey"]),
    ("My name's Emeka Nwosu and I'm a bit embarrassed.", ["I'm"]),
    ("Email address*: ming.lin@aol.com Crystal clear that the rent is first.", ["Crystal"]),
    ("Postcode (required): G41 7WN Star rating on the fridge is poor.", ["Star"]),
    # lower-case sentences that start with an everyday word or an acronym
    ("the client did not attend. heating does not work. landlord wants the flat back.", ["client", "heating", "landlord"]),
    ("dwp has been slow. mum came with her. I'm fine thanks. it's raining.", ["dwp", "mum", "fine", "raining"]),
    ("note: the client came. reception: phone her.", ["note", "reception"]),
    # street words after an address cue are never pronouns or form labels
    ("Email address: jo@example.org. Parcel for 3 People next week.", ["People"]),
]


def _hidden(anonymiser, text):
    out = anonymiser.anonymise(text, on=date(2026, 12, 1))
    covered = bytearray(len(text))
    for r in out.redactions:
        covered[r.orig_start:r.orig_end] = b"\x01" * (r.orig_end - r.orig_start)
    return covered


@pytest.mark.parametrize("text,values", HIDE)
def test_when_a_sixth_round_form_is_written_then_it_is_hidden(anonymiser, text, values):
    covered = _hidden(anonymiser, text)
    for value in values:
        start = text.index(value)
        assert all(covered[start:start + len(value)]), (value, anonymiser.anonymise(text).text)


@pytest.mark.parametrize("text,values", KEEP)
def test_when_a_lookalike_is_written_then_it_stays_readable(anonymiser, text, values):
    covered = _hidden(anonymiser, text)
    for value in values:
        start = text.index(value)
        assert not any(covered[start:start + len(value)]), (value, anonymiser.anonymise(text).text)


def test_when_an_old_date_is_hidden_then_only_its_decade_is_shown(anonymiser):
    out = anonymiser.anonymise("Applicant 21st July 1986, single.")
    assert out.text == "Applicant <DATE:1980s>, single."
    assert out.redactions[0].entity_type == "PAST_DATE"
    assert past_decade("2006/03/02") == "2000s" and past_decade("no year") is None


@pytest.mark.parametrize("value,today,kept", [
    ("13/05/1995", date(2026, 1, 1), True), ("13/05/2016", date(2026, 1, 1), True),
    ("13/05/2017", date(2026, 1, 1), False), ("13/05/1899", date(2026, 1, 1), False),
    ("31/31/1990", date(2026, 1, 1), False),
])
def test_when_a_full_date_is_checked_then_only_ten_or_more_years_back_counts(value, today, kept):
    rec = past_date.PastDateRecognizer(today=today)
    found = rec.analyze(f"Applicant {value}, single.", entities=["PAST_DATE"], nlp_artifacts=None)
    assert bool(found) is kept


@pytest.mark.parametrize("text,value", [
    ("She arrived in the UK on 3 June 2009 with her sons.", "3 June 2009"),
    ("Tenancy since 01/04/2010, no arrears until now.", "01/04/2010"),
    ("Married 12 June 1985, widowed last year.", "12 June 1985"),
    ("Letter dated 12 March 2014 from the council.", "12 March 2014"),
])
def test_when_an_old_date_is_an_events_date_then_it_stays_readable(anonymiser, text, value):
    covered = _hidden(anonymiser, text)
    start = text.index(value)
    assert not any(covered[start:start + len(value)])


MORE_HIDE = [
    ("Their visitors park a van (UEZ 8080) on the grass verge.", "UEZ 8080"),
    ("Vauxhall Zafira, registration AIJ 5888, parked across my drive.", "AIJ 5888"),
    ("The postcode, it's HU5-1SY.", "HU5-1SY"),
    ("Yes, the nurse wrote it here: 492/531/3568.", "492/531/3568"),
    ("The number on my hospital band is RAE4808440.", "RAE4808440"),
    ("IBAN for the Red Cross grant: 54145155.", "54145155"),
    ("ID checked - born in Homs on 18MAR1965 - matches the BRP.", "18MAR1965"),
    ("Mileage claim for Yuliia: £30.", "Yuliia"),
    ("Post goes c/o Mahbooba until the move-on is sorted.", "Mahbooba"),
    ("- Akinola, Rhoda left early, so rang her.", "Akinola, Rhoda"),
    ("Peer support check-in with P.A. Hosseini, 2023-08-03.", "P.A. Hosseini"),
    ("From: BECKFORD, Linton <l.beckford@example.org> Sent: 2 November", "BECKFORD, Linton"),
    ("Casework appt: andrii tkachenko, asylum claim lodged.", "andrii tkachenko"),
    ("Pick up from Plover Walk, 30 - blue door, ring twice.", "Plover Walk, 30"),
    ("She shares a room at Annexe, 4 Harrow Court with three other women.", "Annexe, 4 Harrow Court"),
    ("Their home is number fourteen ash grove, by the school.", "fourteen ash grove"),
]
MORE_KEEP = [
    ("The car park at NHS 111 today; the van from DPD 2020 came.", "NHS 111"),
    ("We came to Pitsmoor in June. The car was in for 3 days.", "Pitsmoor"),
    ("Booking taken by phone last June. Journey is 14 miles each way.", "Journey"),
    ("Hi all, cheers mate. Help with UC and ESA; waiting for Mears to fix it.", "mate"),
    ("Referred to the hub for reablement after discharge.", "reablement"),
    ("The meeting is at Room 101 in the Town Hall.", "Room 101"),
    ("Email kaurr@example.org Sent: Wednesday", "Sent"),
]


@pytest.mark.parametrize("text,value", MORE_HIDE)
def test_when_a_form_from_set_f_is_written_then_it_is_hidden(anonymiser, text, value):
    covered = _hidden(anonymiser, text)
    start = text.index(value)
    assert all(covered[start:start + len(value)]), anonymiser.anonymise(text).text


@pytest.mark.parametrize("text,value", MORE_KEEP)
def test_when_a_lookalike_from_set_f_is_written_then_it_stays_readable(anonymiser, text, value):
    covered = _hidden(anonymiser, text)
    start = text.index(value)
    assert not any(covered[start:start + len(value)]), anonymiser.anonymise(text).text


def test_when_a_speaker_who_is_no_role_speaks_twice_then_the_label_is_hidden(anonymiser):
    text = "Caseworker: How are you?\nHorace: In my country I was a teacher.\nCaseworker: And now?\nHorace: Yes."
    assert anonymiser.anonymise(text).text.count("Horace") == 0
    roles = "Volunteer: hi\nCaller: hello\nVolunteer: ok\nCaller: bye\nMum: hi\nDad: no\nMum: yes"
    assert anonymiser.anonymise(roles).text == roles


def test_when_a_code_is_said_letter_by_letter_then_it_is_hidden(anonymiser):
    out = anonymiser.anonymise("her postcode is l s six four a b and her ni number is q q one two three four five six c")
    assert "six four" not in out.text and "one two three" not in out.text
