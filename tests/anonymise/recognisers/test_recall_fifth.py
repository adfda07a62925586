"""Fifth round of issue 14 (set E, corpora/pii_eval_templates_e.py): for each rule, the cases that must be hidden
beside the cases that must stay readable (street_address, street_cued, date_of_birth, cued_identifiers,
bank_account, vehicle_registration, chat_sender)."""
import pytest

from anonymise.recognisers import (
    bank_account,
    chat_sender,
    cued_identifiers,
    date_of_birth,
    street_address,
    street_cued,
    vehicle_registration,
)

STREET, CUED = street_address.create(), street_cued.create()
DOB, CUED_ID = date_of_birth.create(), cued_identifiers.create()
BANK, CHAT = bank_account.create(), chat_sender.create()
VRM = vehicle_registration.create()

HIDE = [
    # a flat's number and the house's ("7/130"), "No 12,", "Flat B 63", ground-floor flats, "Buildings"
    (STREET, "Bail address confirmed as 6/23 Ivanhoe Place.", ["6/23 Ivanhoe Place"]),
    (STREET, "Currently at 22/35 carlton avenue.", ["22/35 carlton avenue"]),
    (STREET, "Send it to No 181, Balmoral Avenue, Torquay.", ["No 181, Balmoral Avenue"]),
    (STREET, "currently at ground floor flat, 184 ravenscar terrace.", ["ground floor flat, 184 ravenscar terrace"]),
    (STREET, "She stays at Room 11, 72 Albion Buildings during the week.", ["Room 11, 72 Albion Buildings"]),
    (STREET, "Approved premises: 30 balmoral terrace, greenock.", ["30 balmoral terrace"]),
    # PO boxes in any case, streets in capitals inside an ordinary note
    (STREET, "Correspondence address: po box 509, Kilmarnock.", ["po box 509"]),
    (STREET, "Bail address confirmed as 193 IVANHOE ROAD. Healthy Start explained.", ["193 IVANHOE ROAD"]),
    # a house name before a numbered or rural street
    (STREET, "Next home visit at High Ghyll, 91 Moor Road.", ["High Ghyll, 91 Moor Road"]),
    (STREET, "Address: curlew cottage, 207 carr lane, Kirkby Stephen", ["curlew cottage, 207 carr lane"]),
    (STREET, "Correspondence address: Hillside Farm, Church Bank, Omagh.", ["Hillside Farm, Church Bank"]),
    # street_cued: a flat before the number, house names after an address cue, one-word streets
    (CUED, "approved premises: flat f 108 moorfield, great yarmouth.", ["flat f 108 moorfield"]),
    (CUED, "Address given:\nLow Barn\nBury", ["Low Barn"]),
    (CUED, "I live at Stonecroft now, it's nearer the school.", ["Stonecroft"]),
    (CUED, "Send it to Curlew Cottage, Crawley.", ["Curlew Cottage"]),
    (CUED, "He is on a curfew at Orchard End from 7pm.", ["Orchard End"]),
    (CUED, "We're at Hillside Farm, e15 1dl.", ["Hillside Farm"]),
    (CUED, "Correspondence address: The Granary, Coventry.", ["The Granary"]),
    (CUED, "Approved premises: Meadowbank, Moor Road, Batley.", ["Meadowbank, Moor Road"]),
    (CUED, "Address given:\n62a, Northgate\nCrawley", ["62a, Northgate"]),
    (CUED, "Address: Curlew cottage, Lowestoft", ["Curlew cottage"]),          # a note in capitals, truecased
    (STREET, "Previous address: Beck house, 130 back lane, Leeds", ["Beck house, 130 back lane"]),
    (CUED, "Mr Egal is on a curfew at 129 Kirkgate from 7pm.", ["129 Kirkgate"]),
    # dates of birth: "b.", a question mark, "given to the office"
    (DOB, "Me, I was b. 20th december 1968, in the village.", ["20th december 1968"]),
    (DOB, "Tariq was b.3-11-1947, in the old hospital.", ["3-11-1947"]),
    (DOB, "Oluwaseun Olawale b. 11 FEB 1955.", ["11 FEB 1955"]),
    (DOB, "My date of birth? 10.4.51.", ["10.4.51"]),
    (DOB, "Child's d.o.b given to the office, 3rd April '92.", ["3rd April '92"]),
    (CUED_ID, "Child's d.o.b given to the office, fourteenth of October 1945.", ["fourteenth of October 1945"]),
    # bank details: slashes after a sort-code word, an account typed as two hyphenated fours
    (BANK, "Sort-code: 78/25/01 (Halifax).", ["78/25/01"]),
    (BANK, "Payments come out of acc. 8668-1472 on the 1st.", ["8668-1472"]),
    # a plate a few words after a vehicle word and a colon
    (VRM, "Vehicle on the licence conditions: pk62 vjh.", ["pk62 vjh"]),
    # chat exports: the sender between the stamp and the colon
    (CHAT, "[7/1/24, 19:02] Sabiha: lift in block C is broken again", ["Sabiha"]),
    (CHAT, "07/01/2024, 19:02 - Kev Tenant Rep: meeting moved", ["Kev Tenant Rep"]),
    (CHAT, "[12/03/2024, 08:15:02] liv: on my way", ["liv"]),
    (CHAT, "[2023-08-16, 12:11] mrs i malik: my new number", ["mrs i malik"]),
    (CHAT, "- [25 November, 17:30] roz kaya-berhane: letters", ["roz kaya-berhane"]),
]
STAY = [
    (STREET, "14 elm road"),
    (STREET, "on 12 sessions road safety was covered"),
    (STREET, "a meeting at the Town Hall today"),
    (CUED, "a meeting at Ashdown House today."),
    (CUED, "a meeting at Ashdown house today."),
    (CUED, "staying at the Salvation Army."),
    (CUED, "lives at home with mum"),
    (CUED, "staying at her mum's house."),
    (CUED, "we met at the Old Mill."),
    (CUED, "can go to 3 sessions from Monday"),
    (CUED, "Address: Leeds, then Bradford"),
    (CUED, "Family moved to Burnley in May."),
    (CUED, "Outreach in Everton, 24/12/2025."),
    (DOB, "DOB unknown, appointment 12/03/2024"),
    (DOB, "Plan B. 12 sessions, then review 12/03/2024"),
    (DOB, "Her birthday? Not sure. Seen 12/05/2024"),
    (BANK, "accounts for 2023-2024 are done"),
    (BANK, "Halifax 12/03/24 letter"),
    (BANK, "The account 2023-2024 was closed."),
    (VRM, "Car park: free after 6pm"),
    (CHAT, "Meeting on 12/03/2024, 10:30 - Housing: bring letters"),
    (CHAT, "[12/03/2024] Notes: lift broken"),
    (CHAT, "[7/1/24, 19:02] You: deleted this message"),
    (CHAT, "Seen at 19:02 by the duty team: fine"),
]


def _found(recogniser, text):
    results = recogniser.analyze(text, entities=recogniser.supported_entities, nlp_artifacts=None)
    spans = sorted({(r.start, r.end) for r in results if r.score >= 0.5})
    return [text[a:b] for a, b in spans if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)]


@pytest.mark.parametrize("recogniser,text,expected", HIDE)
def test_when_an_identifier_is_written_the_set_e_ways_then_it_is_found(recogniser, text, expected):
    assert _found(recogniser, text) == expected


@pytest.mark.parametrize("recogniser,text", STAY)
def test_when_text_only_looks_like_those_ways_then_it_stays_readable(recogniser, text):
    assert _found(recogniser, text) == []
