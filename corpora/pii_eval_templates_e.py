"""Template set E for the labelled anonymisation test set (`python -m corpora.pii_eval --templates e`).

A fifth set, written before the fifth round of tuning and apart from sets A-D, in registers none of them has:
a GP surgery's triage messages, a debt adviser's case log, a school family-support worker's notes, a
youth-offending / probation worker's contact log, a tenants' association WhatsApp export and an interpreter's
translated summary. Names come in more forms (initial and surname, surname first without a comma, a name and
an initial, nicknames, hyphenated and non-UK names, lower case); dates of birth in more wordings ("b.", "d.o.b",
"DOB-", words, ordinal days, two-digit years, an age with the date); street addresses with and without a street
word, house and farm names, rural addresses, PO boxes, "c/o", addresses split over lines, postcodes attached
or in lower case. Set E is a tuning set (the rules may be tuned on it); set D stays held out.
Same syntax, slots and value generators as set A (corpora.pii_eval_templates) unless defined here.
"""
from __future__ import annotations

import random

from corpora.pii_eval_templates import *  # noqa: F401,F403  (titles, organisations, number generators)
from corpora.pii_eval_templates import MONTHS, POSTCODE_DISTRICTS

EXTRA_FEMALE = {
    "uk": ["Kayleigh", "Shannon", "Chantelle", "Bethan", "Morag", "Ceri", "Aoife", "Roisin", "Tegan", "Jodie"],
    "south_asian": ["Farzana", "Tahmina", "Sabiha", "Harpreet", "Kiran", "Mehwish", "Shazia"],
    "polish": ["Magdalena", "Joanna", "Ewelina", "Dorota"],
    "nigerian": ["Adaeze", "Titilayo", "Bukola", "Ifeoma"],
    "somali": ["Ubah", "Filsan", "Hibo"],
    "caribbean": ["Sharelle", "Paulette", "Claudette"],
    "portuguese": ["Joana", "Mariana", "Ines", "Beatriz"],
    "filipino": ["Maricel", "Rowena", "Jocelyn", "Analyn"],
    "afghan": ["Zarghona", "Mursal", "Farishta"],
    "kurdish": ["Rojin", "Berfin", "Hevi"],
    "eritrean": ["Saba", "Senait", "Helen"],
    "lithuanian": ["Rasa", "Egle", "Ieva"],
}
EXTRA_MALE = {
    "uk": ["Brandon", "Jordan", "Kyle", "Dylan", "Gethin", "Iwan", "Fraser", "Cormac", "Ciaran", "Lewis"],
    "south_asian": ["Shahid", "Waqar", "Jaswinder", "Rohit", "Nadeem", "Zubair"],
    "polish": ["Krzysztof", "Wojciech", "Pawel"],
    "nigerian": ["Chukwuemeka", "Obinna", "Tunde", "Kelechi"],
    "somali": ["Yusuf", "Abdiwali", "Hassan"],
    "caribbean": ["Clive", "Desmond", "Lloyd"],
    "portuguese": ["Joao", "Tiago", "Rui", "Goncalo"],
    "filipino": ["Rodel", "Jomar", "Arnel"],
    "afghan": ["Wahid", "Naveed", "Sohail", "Ahmad"],
    "kurdish": ["Rebin", "Karwan", "Dilshad"],
    "eritrean": ["Tesfay", "Yonas", "Dawit", "Samuel"],
    "lithuanian": ["Mindaugas", "Tomas", "Darius"],
}
EXTRA_SURNAMES = {
    "uk": ["Atherton", "Blackwood", "Cartwright", "Gilchrist", "McAllister", "O'Donnell", "Pemberton",
           "Quigley", "Thwaite", "Ashworth", "Rigby", "Llewellyn"],
    "south_asian": ["Siddiqui", "Qureshi", "Sandhu", "Bhatti", "Chowdhury", "Akhtar"],
    "polish": ["Wojcik", "Kaminski", "Szymanska", "Dabrowski"],
    "nigerian": ["Nwosu", "Adebayo", "Ogunleye", "Chukwu"],
    "somali": ["Mohamud", "Egal", "Hirsi"],
    "caribbean": ["Bailey", "McKenzie", "Forbes"],
    "portuguese": ["Ferreira", "Pereira", "Carvalho", "Rodrigues", "Da Silva"],
    "filipino": ["Dela Cruz", "Reyes", "Bautista", "Santos"],
    "afghan": ["Popal", "Noori", "Karimi", "Ahmadzai"],
    "kurdish": ["Barzani", "Rasul", "Kaya"],
    "eritrean": ["Tesfamariam", "Gebremedhin", "Haile", "Berhane"],
    "lithuanian": ["Kazlauskas", "Petrauskas", "Jankauskiene"],
}
NICKNAMES = {"f": ["Kaz", "Bex", "Titi", "Jojo", "Roz", "Liv", "Cat"],
             "m": ["Baz", "Tez", "Jonty", "Del", "Dazza", "Big Mo", "Sully"]}
TRICKY_FIRST = {"f": ["Merry", "Honey", "Poppy", "Star", "Pearl", "Ruby", "Faith"],
                "m": ["Rusty", "Sonny", "Ace", "Chip", "Duke", "Major", "Sterling"]}
BACKGROUND_WEIGHTS = {"uk": 34, "south_asian": 12, "polish": 6, "nigerian": 7, "somali": 5, "caribbean": 6,
                      "portuguese": 6, "filipino": 5, "afghan": 6, "kurdish": 4, "eritrean": 5, "lithuanian": 4}


def client_alt_name(rng: random.Random, who) -> str:
    """Name forms sets A-D do not use: initial and surname, surname first with no comma, a name and an
    initial, initials with a title, and the same in lower case or capitals (`who` is the corpus's person)."""
    first, last, title = who.first, who.last, who.title
    forms = [f"{first[0]}. {last}", f"{first[0]} {last}", f"{last} {first}", f"{last.upper()} {first}",
             f"{first} {last[0]}.", f"{title} {first[0]}.{last[0]}.", f"{last}, {first[0]}.",
             f"{first.lower()} {last.lower()}", f"{last.lower()}, {first.lower()}"]
    forms += [] if who.tricky else [first.upper()]
    return rng.choice(forms)


RURAL_HOUSES = ["Rose Cottage", "Hillside Farm", "Low Barn", "The Old Rectory", "Wren Cottage", "Beck House",
                "Orchard End", "Meadowbank", "The Granary", "Curlew Cottage", "High Ghyll", "Stonecroft"]
RURAL_LANES = ["Back Lane", "Moor Road", "Long Lane", "Church Bank", "Fell Side", "Mill Brow", "Carr Lane"]
E_STREET_NAMES = ["Albion", "Balmoral", "Carlton", "Dewsbury", "Fenwick", "Gladstone", "Hawksworth", "Ivanhoe",
                  "Kenilworth", "Lumley", "Marlborough", "Oxley", "Pennine", "Ravenscar", "Stanley", "Whitworth"]
E_STREET_TYPES = ["Road", "Street", "Terrace", "Avenue", "Grove", "Lane", "Place", "Close", "Crescent", "Drive"]
NO_WORD_STREETS = ["Westgate", "Northgate", "Kirkgate", "Marygate", "Briggate", "Sandygate", "Castlegate",
                   "Albion Buildings", "Eastfield", "Southfield", "Moorfield", "Whinmoor", "Seacroft", "Woodside"]


def street_address(rng: random.Random) -> str:
    """House and farm names, rural lanes, PO boxes, flats, streets with no street word, numbers with letters."""
    n, k = rng.randrange(1, 240), rng.randrange(1, 45)
    street = f"{rng.choice(E_STREET_NAMES)} {rng.choice(E_STREET_TYPES)}"
    bare = rng.choice(NO_WORD_STREETS)
    house, lane = rng.choice(RURAL_HOUSES), rng.choice(RURAL_LANES)
    shapes = [(22, f"{n} {street}"), (10, f"{n} {bare}"), (8, f"{house}, {lane}"), (5, house),
              (6, f"flat {k}, {n} {street}"), (5, f"Flat {rng.choice('ABCDEF')} {n} {bare}"),
              (4, f"{k}/{n} {street}"), (4, f"PO Box {rng.randrange(10, 999)}"), (5, f"{n}{rng.choice('ab')}, {bare}"),
              (4, f"Ground floor flat, {n} {street}"), (4, f"{n} {street.upper()}"),
              (4, f"{k} {house.split()[0]} Court"),
              (4, f"Room {k}, {n} {bare}"), (3, f"{rng.randrange(1, 9)} {lane.split()[0]} Cottages"),
              (4, f"{house}, {n} {lane}"), (4, f"No {n}, {street}")]
    value = rng.choices([s for _, s in shapes], weights=[w for w, _ in shapes])[0]
    return value.lower() if rng.random() < 0.15 else value


def postcode(rng: random.Random, district: str | None = None) -> str:
    """Postcodes as typed in messages: spaced, run together, in lower case."""
    district = district or rng.choice(POSTCODE_DISTRICTS)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    inward = f"{rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"
    value = rng.choices([f"{district} {inward}", f"{district}{inward}"], weights=[65, 35])[0]
    return value.lower() if rng.random() < 0.25 else value


_ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                  "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second", "twenty-third",
                  "twenty-fourth", "twenty-fifth", "twenty-sixth", "twenty-seventh", "twenty-eighth"]


def date_of_birth(rng: random.Random, style: str = "any", year: int | None = None) -> tuple[str, str]:
    """A (cue, value) pair; only the value is the DATE_OF_BIRTH span. Cues and shapes sets A-D lack."""
    y, m, d = year or rng.randrange(1935, 2009), rng.randrange(1, 13), rng.randrange(1, 29)
    suf = "th" if 4 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    month = MONTHS[m - 1]
    yy = f"{y % 100:02d}"
    words = [f"{d}{suf} {month.lower()} {y}", f"{_ORDINAL_WORDS[d - 1]} of {month} {y}", f"{d}{suf} {month} '{yy}",
             f"{month} {d}{suf} {y}", f"{d} {month[:3].upper()} {y}", f"{d}{suf} of {month.lower()} {yy}",
             f"{d} {month[:4] if month == 'September' else month[:3]}. {y}"]
    numeric = [f"{d}.{m}.{yy}", f"{d:02d}/{m:02d}/{yy}", f"{d}-{m}-{y}", f"{d:02d} {m:02d} {yy}",
               f"{d:02d}.{m:02d}.{y}", f"{y}/{m:02d}/{d:02d}", f"{d}/{m}/{y}", f"{d:02d}-{m:02d}-{yy}"]
    if style == "born" or (style == "any" and rng.random() < 0.25):
        return rng.choice(["born ", "b. ", "b.", "born on ", "born the ", "was born "]), rng.choice(words + numeric[:3])
    cue = rng.choice(["DOB- ", "dob ", "d.o.b ", "D.O.B ", "DoB: ", "date of birth ", "Date of Birth - ",
                      "birthday ", "dob:", "DOB ", "date-of-birth ", "(dob ", "d.o.b. is "])
    return cue, rng.choice(words + numeric)


def sort_code(rng: random.Random) -> str:
    a, b, c = (rng.randrange(100) for _ in range(3))
    return rng.choice([f"{a:02d}-{b:02d}-{c:02d}", f"{a:02d}{b:02d}{c:02d}", f"{a:02d} {b:02d} {c:02d}",
                       f"{a:02d}/{b:02d}/{c:02d}"])


def account_number(rng: random.Random) -> str:
    n = f"{rng.randrange(10_000_000, 100_000_000)}"
    return rng.choice([n, n, f"{n[:4]} {n[4:]}", f"{n[:4]}-{n[4:]}"])


def passport_number(rng: random.Random) -> str:
    n = f"{rng.randrange(100_000_000, 1_000_000_000)}"
    return rng.choice([n, n, f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:4]} {n[4:]}"])


PLACES = [
    "Halifax", "Huddersfield", "Dewsbury", "Keighley", "Wakefield", "Castleford", "Pontefract", "Batley",
    "Bolton", "Bury", "Stockport", "Wythenshawe", "Walsall", "Dudley", "Smethwick", "West Bromwich", "Coventry",
    "Nuneaton", "Mansfield", "Chesterfield", "Worksop", "Lincoln", "Boston", "Skegness", "King's Lynn",
    "Great Yarmouth", "Lowestoft", "Colchester", "Harlow", "Basildon", "Southend", "Margate", "Hastings",
    "Crawley", "Slough", "Reading", "Oxford", "Gloucester", "Torquay", "Truro", "Barnstaple", "Llanelli",
    "Neath", "Caerphilly", "Kilmarnock", "Greenock", "Falkirk", "Kirkcaldy", "Omagh", "Newry", "Alston",
    "Kirkby Stephen", "Sedbergh", "Hexham",
]

# ---- sentences that carry PII --------------------------------------------------------------------
PII_3P = [
    # GP surgery triage messages
    "^Triage msg from {client_full}: sore chest since {day}, asking for a call back.",
    "^eConsult received from {client_alt}, query about repeat meds.",
    "^Pt {client_alt} rang reception re [sick note|SERVICE], passed to duty doctor.",
    "^Duty dr please call {client_lower} back, {he} is anxious about the results.",
    "{client_title} asked for a home visit as {he} cannot manage the stairs.",
    "Reception: {client_first} asked if {rel} can collect the prescription.",
    "Triage outcome for {client_alt}: routine appointment with {gp}.",
    "Pt ID confirmed with {dob} and first line of address.",
    "Identity checked - {client_full} {dob}.",
    "Repeat request, {client_alt} {dob}, sent to the pharmacy.",
    "Pt says {he} now lives at {addr}, please update the record.",
    "Change of address for {client_alt}: {addr}, {place}, {postcode}.",
    "Mobile updated to {mobile} at the patient's request.",
    "NHS {nhs} - record merged with the old one.",
    # debt adviser's case log
    "^Case log: {client_alt} - priority debts first (rent, council tax).",
    "^Debt advice appt, {client_full}, {date}, 45 mins.",
    "{client_first} has a [Debt Relief Order|SERVICE] in mind, fees {small_money}.",
    "[Breathing Space|SERVICE] applied for {client_alt} {date_rel}.",
    "Creditor list checked with {client_lower}, total owed {big_money}.",
    "{client_title} is paying {small_money} a month to the bailiffs.",
    "{client_first} confirmed income and outgoings; {he} is {money} short each month.",
    "Bank details for the [hardship fund|SERVICE]: s/code {sort_code} acct {account}.",
    "Grant to be paid into sort code {sort_code}, account number {account}.",
    "acct no {account} is the joint account with {rel}.",
    "Payments come out of acc. {account} on the 1st.",
    "Sort-code: {sort_code} (Halifax).",
    "Client's DOB: {dob_value} (needed for the [DRO|SERVICE]).",
    "NI {nino} used on the [Universal Credit|SERVICE] journal.",
    "NINO - {nino}.",
    "Letters to go to {client_first} c/o {rel}, {addr}.",
    "Correspondence address: {addr}, {place}.",
    # school family-support worker
    "^FSW note: met {client_title} at the school gate.",
    "^Family support, {date}: {client_first} and {his} children are sleeping at {rel_poss} flat.",
    "{client_first}'s youngest started at the nursery {date_rel}.",
    "{Rel} collects the children on {day}s.",
    "Spoke to the [SENCO|SERVICE] about {client_lower}'s eldest.",
    "{client_alt} has agreed to an [Early Help|SERVICE] assessment.",
    "The school has {client_first}'s address as {addr} but the family moved in {month}.",
    "Mum ({client_full}) asked about [free school meals|SERVICE].",
    "Child's d.o.b given to the office, {dob_value}.",
    "Pupil {client_alt}, {dob}, year 6.",
    # youth offending / probation worker
    "^YOT contact: {client_alt} attended with {rel}.",
    "^Probation supervision, {client_full}, {date}.",
    "{client_first} reports to {worker} every {day}.",
    "{client_title} is on a curfew at {addr} from 7pm.",
    "Approved premises: {addr}, {place}.",
    "Bail address confirmed as {addr}.",
    "{client_lower} was stopped driving a {car}, reg {vrm}.",
    "Vehicle on the licence conditions: {vrm}.",
    "PNC checked for {client_alt}, {dob}.",
    "Police ref {crime_ref} for the incident {date_rel}.",
    "YOT ref {case_ref}.",
    "{worker} to do the next home visit at {addr}.",
    # tenants' association WhatsApp export
    "^[{date}, 19:02] {other}: lift in block C is broken again, anyone reported it?",
    "^[{date}, 08:15] {worker}: meeting moved to {day}, same place.",
    "[{date}, 21:40] {other}: {client_first} at {addr} says the damp is back",
    "[{date}, 12:11] {other}: my new number is {mobile}",
    "[{date}, 17:30] {other}: letters for the petition can go to {addr}",
    "{other}: can someone check on {client_lower} in the end flat?",
    "{other} said {client_first} from {addr} has no heating.",
    "Post code for the meeting hall is {postcode}.",
    "msg from {other}: {client_first} {email} wants to join the committee",
    # interpreter's translated summary
    "^Interpreter summary ({language}): {client_full} described the journey to the UK.",
    "^Interpreted session, {language}, for {client_alt}.",
    "The interpreter, {worker}, read back {client_title}'s statement.",
    "{client_first} said {his} husband's name is {other}.",
    "{client_alt} gave {his} date of birth as {dob_value}.",
    "{client_first} was {dob_born}, according to {his} documents.",
    "Passport {passport} was kept by the agent.",
    "{He} showed a passport, no. {passport}, issued in {year}.",
    "Home Office ref {case_ref} on the letter.",
    "{client_first} lives with {rel} at {addr}, {place}.",
    "Address given:\n{addr}\n{place}\n{postcode}",
    "{client_first}'s address is {addr} {postcode}",
    "Currently at {addr}.",
    "{He} stays at {addr} during the week.",
    "Emailed {email} with the summary.",
    "Tel no given as {phone}.",
    "Phoned {landline}, no answer.",
]

PII_1P = [
    "My name's {client_alt}, I rang yesterday.",
    "I'm {client_first}, {rel} brought me here.",
    "It's {client_lower} here, from the end flat.",
    "You can ask {my_rel}, {he} knows everything.",
    "{My_rel} drives me to the surgery.",
    "The doctor, {gp}, said to come back in a week.",
    "My worker {worker} sorted the forms.",
    "I live at {addr} now, it's nearer the school.",
    "We're at {addr}, {postcode}.",
    "Send it to {addr}, {place}.",
    "It's {postcode}, the new estate.",
    "My number is {mobile}.",
    "Email's {email}.",
    "My date of birth? {dob_value}.",
    "Me, I was {dob_born}, in the village.",
    "My NHS number, it's {nhs}.",
    "National insurance is {nino}.",
    "The sort code is {sort_code} and the account {account}.",
    "My passport number, {passport}.",
    "The account is {account}, with the post office.",
    "The car's a {car}, {vrm}.",
    "The letter says {case_ref} at the top.",
]

# ---- sentences without PII (they carry KEEP spans) -------------------------------------------------
OPENERS_3P = [
    "Triage list, {date}.", "Case log entry, {date}.", "FSW visit, {day}.", "YOT contact {date_rel}.",
    "Export of the residents' chat, {month}.", "Interpreted appointment, {date}.",
]
FILLERS_3P = [
    "Poppy appeal tin left at reception.",
    "Ruby wedding party at the community centre next door, so parking was hard.",
    "Pearl barley and lentils in the [food bank|SERVICE] parcel.",
    "Honey and lemon advised, safety-net explained.",
    "Major repairs due on the block in {month}.",
    "Star chart for the children's bedtime.",
    "Sterling work by the volunteers at the [warm hub|SERVICE].",
    "Council tax arrears {big_money}, liability order granted.",
    "Energy debt {money}, applied to the [British Gas Energy Trust|ORGANISATION].",
    "[Household Support Fund|SERVICE] award of {money} agreed.",
    "Signposted to {refer}.",
    "Next appointment {date_next}.",
    "Reviewed on {date}.",
    "Meeting at the library in {place} on {day}.",
    "Bus fare {small_money} reimbursed.",
    "Rent is {money} a month, [Housing Benefit|SERVICE] covers most of it.",
    "[CAMHS|SERVICE] waiting list is about a year.",
    "The [Magistrates' Court|ORGANISATION] date is {date}.",
    "[Healthy Start|SERVICE] vouchers explained.",
    "[Warm Home Discount|SERVICE] of {money} expected in {month}.",
    "School attendance 84% this term.",
    "Lift out of order since {date_rel}.",
    "The [Home Office|ORGANISATION] letter was sent on {date}.",
    "[Migrant Help|ORGANISATION] number given.",
    "The [Job Centre Plus|SERVICE] in {place2} has moved.",
    "{Day} sessions are in {place} now.",
]
CLOSERS_3P = ["Plan: review in two weeks.", "Safety-net advice given.", "Closed to FSW.", "Next contact {date_next}.",
              "No further action.", "Passed to the duty team."]
FILLERS_1P = [
    "We moved to {place} when I was small.", "The rent is {money} now.", "I've got {small_money} until {day}.",
    "The baby's not sleeping.", "I go to the [food bank|SERVICE] at the church.",
    "I owe the council {big_money}, maybe more.", "My English is not good, sorry.",
    "I was at [A&E|SERVICE] {date_rel}.", "Honey, it's been a nightmare.", "Major problem is the damp.",
    "It started in {month}.",
]
QUESTIONS = [
    "Can you tell me what happened?", "Who lives with you now?", "Is anyone helping you?",
    "How are the children doing?", "What do you need most right now?", "Do you want me to write that down?",
    "When did you last see the doctor?", "Can I check a few details?",
]
INTERVIEWER_LABELS = ["Receptionist", "FSW", "YOT worker", "Adviser (via interpreter)", "Debt adviser"]
RESIDENT_LABELS = ["Patient", "Parent", "Young person", "Tenant", "Client (interpreted)"]
TRANSCRIPT_HEADERS = ["Triage call, {date}", "Interpreted call, {date}", "Family support conversation, {day}"]
FORM_HEADERS = ["GP TRIAGE FORM", "Debt advice case log ({org})", "Early Help referral, {place}",
                "YOT referral - {date}"]
FORM_REASONS = ["Reason for contact:", "Presenting problem:", "Concerns:", "Summary (translated):"]
LANGUAGES = ["Pashto", "Dari", "Tigrinya", "Kurdish Sorani", "Portuguese", "Tagalog", "Arabic", "Polish"]
