"""Template set C for the labelled anonymisation test set (`python -m corpora.pii_eval --templates c`).

A third set, written after set A and apart from set B, in the wording UK caseworkers use in their own notes:
clipped cues ("DOB confirmed as ...", "d.o.b", "a/c no", "pp number", "passport no."), names typed in lower
case in many places of a sentence, short and non-UK first names (Mo, Jo, Ali, Oluwaseun, Thi, ...), and
streets with unusual street words or none ("Queensway", "The Crescent", "Wynd", "Gate", "Rise").
Set C is a tuning set like A (the rules may be tuned on it); set B stays held out.
Same syntax, slots and number generators as set A (corpora.pii_eval_templates); the names, streets,
date-of-birth cues and every sentence are this module's own.
"""
from __future__ import annotations

import random

from corpora.pii_eval_templates import *  # noqa: F401,F403  (titles, places, number generators)
from corpora.pii_eval_templates import MONTHS

EXTRA_FEMALE = {
    "uk": ["Jo", "Bex", "Nia", "Ffion", "Eilidh", "Niamh", "Siobhan", "Demi", "Keeley", "Leanne"],
    "south_asian": ["Aisha", "Priya", "Simran", "Anjali", "Gurpreet", "Nazia", "Rubina", "Shabana"],
    "polish": ["Agnieszka", "Zofia", "Kasia", "Marta", "Beata"],
    "romanian": ["Elena", "Oana", "Irina", "Corina"],
    "nigerian": ["Oluwaseun", "Ngozi", "Chioma", "Folake", "Amaka", "Funmilayo", "Yetunde"],
    "somali": ["Hodan", "Fadumo", "Ayan", "Nimco", "Sagal"],
    "caribbean": ["Keisha", "Shanice", "Tanisha", "Marcia", "Sonia"],
    "vietnamese": ["Thi", "Linh", "Thu", "Hoa", "Ngoc"],
    "chinese": ["Xin", "Jing", "Qian", "Hui"],
    "ukrainian": ["Oksana", "Iryna", "Olena", "Tetiana"],
}
EXTRA_MALE = {
    "uk": ["Mo", "Ty", "Rhys", "Owain", "Ewan", "Finlay", "Hamish", "Callum", "Kieran", "Declan"],
    "south_asian": ["Ali", "Imran", "Tariq", "Arjun", "Ravi", "Sanjay", "Gurdeep", "Hamza"],
    "polish": ["Tomasz", "Piotr", "Lukasz", "Jakub", "Marek"],
    "romanian": ["Bogdan", "Catalin", "Razvan", "Sorin"],
    "nigerian": ["Oluwaseun", "Femi", "Segun", "Chidi", "Babatunde", "Ikenna"],
    "somali": ["Abdi", "Mahad", "Liban", "Abdirahman", "Guled"],
    "caribbean": ["Delroy", "Winston", "Marlon", "Leroy", "Errol"],
    "vietnamese": ["Minh", "Duc", "Tuan", "Quang", "Hieu"],
    "chinese": ["Jun", "Kai", "Bo", "Lei"],
    "ukrainian": ["Dmytro", "Oleksandr", "Taras", "Bohdan"],
}
EXTRA_SURNAMES = {
    "uk": ["Pritchard", "Naylor", "Hardcastle", "Gallagher", "Doherty", "Nairn", "Lockhart", "Bevan"],
    "south_asian": ["Hussain", "Begum", "Chaudhry", "Mistry", "Dhillon", "Rahman", "Kaur"],
    "polish": ["Nowak", "Kowalczyk", "Zielinski", "Lewandowska", "Wozniak"],
    "romanian": ["Popa", "Rusu", "Ciobanu", "Moldovan"],
    "nigerian": ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Oladipo"],
    "somali": ["Warsame", "Abdullahi", "Farah", "Jama", "Osman"],
    "caribbean": ["Grant", "Thompson", "Campbell", "Samuels", "Clarke"],
    "vietnamese": ["Nguyen", "Tran", "Pham", "Hoang", "Vu"],
    "chinese": ["Zhou", "Wu", "Li", "Xu"],
    "ukrainian": ["Shevchenko", "Kovalenko", "Bondarenko", "Melnyk"],
}
NICKNAMES = {"f": ["Jo", "Bex", "Lou", "Sam", "Vicky", "Nic", "Mel"],
             "m": ["Mo", "Ali", "Jonno", "Si", "Dom", "Kev", "Gaz"]}
TRICKY_FIRST = {"f": ["Ivy", "Precious", "Patience", "Blessing", "Summer", "Amber", "Holly", "Rose"],
                "m": ["Will", "Bill", "Rich", "Jack", "Lucky", "Miles", "Rocky"]}
BACKGROUND_WEIGHTS = {"uk": 32, "south_asian": 14, "polish": 7, "romanian": 5, "nigerian": 9, "somali": 7,
                      "caribbean": 8, "vietnamese": 5, "chinese": 4, "ukrainian": 5}

ONE_WORD_STREETS = ["Queensway", "Broadway", "Kingsgate", "Netherhall", "Highgate", "Eastway", "Greenside",
                    "Moorgate", "Westbourne", "Upperthorpe", "Northway", "Ashfield"]
THE_STREETS = ["The Crescent", "The Parade", "The Green", "The Close", "The Drive", "The Avenue", "The Circle",
               "The Square", "The Promenade", "The Grove"]
C_STREET_NAMES = ["Tanners", "Friars", "Chestnut", "Larch", "Beech", "Hawthorn", "Ropewalk", "Coldharbour",
                  "Wellington", "Nelson", "Buttercup", "Sycamore", "Primrose", "Foxhill", "Lidget", "Bankside"]
C_STREET_TYPES = ["Row", "Walk", "Mews", "Close", "Rise", "Wynd", "Gate", "Vale", "Hill", "Parade", "Way",
                  "Fold", "Chase", "Croft", "Brow", "Loan", "Green", "Court", "Yard", "Gardens", "Road", "Street"]


def street_address(rng: random.Random) -> str:
    """Streets with unusual street words, one-word streets and "The ..." streets."""
    n, k = rng.randrange(1, 220), rng.randrange(1, 60)
    street = f"{rng.choice(C_STREET_NAMES)} {rng.choice(C_STREET_TYPES)}"
    one, the = rng.choice(ONE_WORD_STREETS), rng.choice(THE_STREETS)
    shapes = [(30, f"{n} {street}"), (12, f"{n} {one}"), (10, f"{n} {the}"), (8, f"flat {k} {n} {street}"),
              (6, f"Flat {k}, {n} {one}"), (6, f"{n}{rng.choice('abcd')} {street}"), (5, f"Flat {k}/{n} {the}"),
              (5, f"Unit {k}, {n} {street}"), (4, f"{n} {street} East"), (4, f"No. {n} {street}"),
              (4, f"{n}, {street}")]
    value = rng.choices([s for _, s in shapes], weights=[w for w, _ in shapes])[0]
    return value.lower() if rng.random() < 0.15 else value


def date_of_birth(rng: random.Random, style: str = "any", year: int | None = None) -> tuple[str, str]:
    """A (cue, value) pair in caseworkers' wording; only the value is the DATE_OF_BIRTH span."""
    y, m, d = year or rng.randrange(1935, 2009), rng.randrange(1, 13), rng.randrange(1, 29)
    suf = "th" if 4 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    month = MONTHS[m - 1]
    words = [f"the {d}{suf} of {month} {y}", f"{d}{suf} {month[:3]} {y}", f"{d} {month.lower()} {y}",
             f"{d}{suf} of {month}, {y}", f"{month[:3]}. {d}, {y}", f"{d}-{month[:3]}-{y}"]
    numeric = [f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y % 100:02d}", f"{d:02d}.{m:02d}.{y % 100:02d}",
               f"{d:02d}{m:02d}{y}", f"{d} {m} {y}", f"{d:02d}/{m:02d}/{y}"]
    if style == "born" or (style == "any" and rng.random() < 0.25):
        return rng.choice(["born on ", "born on the ", "born ", "Born: "]), rng.choice(words[1:] + numeric[:1])
    cue = rng.choice(["DOB confirmed as ", "d.o.b ", "dob - ", "DOB= ", "d.o.b: ", "D.o.B ", "date of birth was ",
                      "DOB given as ", "birth date ", "dob is ", "date of birth confirmed: ", "DOB (checked) "])
    return cue, rng.choice(words + numeric)


PLACES = [
    "Walthamstow", "Barking", "Dagenham", "Ilford", "Tottenham", "Handsworth", "Sparkbrook", "Chapeltown",
    "Beeston", "Longsight", "Cheetham Hill", "Everton", "Anfield", "Byker", "Gateshead", "Stockton", "Hartlepool",
    "Barnsley", "Rotherham", "Doncaster", "Grimsby", "Scunthorpe", "Stoke", "Burnley", "Blackburn", "Preston",
    "Lancaster", "Barrow", "Whitehaven", "Maryport", "Dumfries", "Paisley", "Motherwell", "Merthyr", "Rhyl",
    "Bangor", "Derry", "Lisburn", "Ipswich", "Norwich", "Peterborough", "Northampton", "Swindon", "Exeter",
]

# ---- sentences that carry PII --------------------------------------------------------------------
PII_3P = [
    "^Tel call w/ {client_lower}, {he} is behind on the gas again.",
    "^{client_full} - {date} - walk-in, needs a [food bank|SERVICE] voucher and a gas top-up.",
    "^Rang {client_lower} at 10am, no reply, tried again at 2.",
    "^Met with {client_title} at the [Citizens Advice|ORGANISATION] office in {place}.",
    "^{client_first} popped in to say {he} has been sanctioned again.",
    "^Contact with {client_lower} today re housing.",
    "^f2f with {client_full}, brought {his} letters in a carrier bag.",
    "^Outreach visit: {client_title}, {age}, lives alone.",
    "^{client_caps} - URGENT - NO ELECTRIC SINCE {day}.",
    "^Visited {client_lower} and {rel} at home {date_rel}.",
    "^Follow up w/ {client_first} re the [PIP|SERVICE] appeal.",
    "{client_lower} says the landlord has not fixed the boiler.",
    "{client_lower} is really struggling with the stairs now.",
    "Told {client_lower} we can help with the form on {day}.",
    "Have asked {client_lower} to bring {his} tenancy agreement.",
    "According to {client_lower}, the bailiffs have been twice.",
    "Worker {worker} and {client_lower} went through the budget together.",
    "{client_first}, {age_bare}, was referred by {rel}.",
    "{client_lower} ({age_bare}) came with {rel}.",
    "{client_first} reports that {rel} has moved back in.",
    "Safeguarding concern raised by {worker} about {client_title}.",
    "{client_first} confirmed {he} is happy for us to speak to {rel}.",
    "{Rel} (next of kin) is aware.",
    "Present: {client_first}, {rel}, {worker}.",
    "{client_full} and {his} carer both attended.",
    "{client_title} stated that {rel_mid} handles the post.",
    "Advised {client_first} to contact {refer}.",
    "Case passed to {worker} while I am on leave.",
    "{client_first} explained {he} has not eaten since {day}.",
    "Spoke with {gp} re the fit note for {client_lower}.",
    "{other} (volunteer) drove {client_lower} to the appointment.",
    "{client_lower} has agreed to a budgeting session with {worker}.",
    "Note from {worker}: {client_lower} did not turn up {date_rel}.",
    "{client_poss} son was at the session with {him}.",
    "{client_first} mentioned {rel_poss} hours were cut in {month}.",
    "{client_caps} SIGNED THE CONSENT FORM.",
    "{worker} took the call from {rel_mid} at 4pm.",
    # STREET_ADDRESS
    "Address: {addr}, {place}.",
    "Currently residing at {addr}.",
    "{He} lives at {addr} {postcode}.",
    "Address confirmed as {addr}, {place}.",
    "Moved from {addr} to a hostel in {place}.",
    "Home visit done at {addr}.",
    "{client_first} is staying at {addr}, {place}, with {rel}.",
    "Parcel left with the neighbour at {addr}.",
    "Repairs outstanding at {addr} since {month}.",
    "Lives {addr}, {place}, ground floor.",
    "c/o {rel} at {addr}.",
    "Correspondence address {addr}, {postcode}.",
    # UK_POSTCODE
    "PC {postcode}.",
    "{His} post code is {postcode}.",
    "Lives in {postcode}, near the park.",
    "Outside our area ({district}), signposted to {refer}.",
    # PHONE_NUMBER / EMAIL_ADDRESS
    "mob {mobile}.",
    "Contact no: {phone}.",
    "tel {phone}, best after school run.",
    "Best contact {mobile} (text only).",
    "Email confirmed as {email}.",
    "Sent the form to {email} today.",
    "e-mail: {email}.",
    # identifiers
    "NHS no. {nhs} confirmed with the surgery.",
    "NI no {nino} (checked).",
    "National Insurance number {nino} given.",
    "DOB confirmed as {dob_value}.",
    "{client_first}, {dob}.",
    "{client_full}, {dob_born}.",
    "{He} was {dob_born}, so {he} is {age_bare}.",
    "ID checked, {dob}.",
    "Sort code {sort_code} acc {account}.",
    "Bank: sort code {sort_code}, a/c no {account}.",
    "a/c no. {account}, s/c {sort_code}.",
    "Account no {account} with the credit union.",
    "acc number {account} (Nationwide).",
    "Passport no. {passport} seen.",
    "pp number {passport}, expires next year.",
    "Passport: {passport} (UK).",
    "{He} showed us {his} passport, number {passport}.",
    "Our ref {case_ref}.",
    "Crime ref {crime_ref} from the police.",
    "Reg {vrm}, parked outside the flat.",
]

PII_1P = [
    "I'm {client_first}, {age_bare}, and I've not been here before.",
    "Call me {client_lower}, everyone does.",
    "{My_rel} helps me with the forms.",
    "My worker's {worker}, {he} is brilliant.",
    "Me and {my_rel} share a room at the hostel.",
    "I told {gp} but nothing changed.",
    "{other} next door checks on me.",
    "It was {my_rel_mid} who said to come here.",
    "I live at {addr}, the one with the green door.",
    "My address is {addr}, {postcode}.",
    "Post code's {postcode}.",
    "My mobile's {mobile}.",
    "Email me at {email}.",
    "NHS number is {nhs}.",
    "My NI is {nino}.",
    "Me? I was {dob_born}, in the old hospital.",
    "My d.o.b is {dob_value}.",
    "Sort code {sort_code}, account {account}.",
    "The a/c number is {account}.",
    "My passport no. is {passport}.",
    "The reference they gave me was {case_ref}.",
    "Police crime number is {crime_ref}.",
    "I'm sleeping in my {car}, the reg is {vrm}.",
    "My pp number's {passport}, it's in the drawer.",
]

# ---- sentences without PII (they carry KEEP spans) -------------------------------------------------
OPENERS_3P = [
    "Drop-in, {date}.", "Tel call {date_rel}.", "Walk-in at the hub on {day}.",
    "Outreach in {place}, {date}.", "Warm space session, {day}.", "Referral in from the [GP|SERVICE] {date_rel}.",
]
FILLERS_3P = [
    "Ivy on the wall outside is causing damp, landlord aware.",
    "There is precious little money left after the rent.",
    "Will chase the [DWP|ORGANISATION] on {day}.",
    "May need a [Discretionary Housing Payment|SERVICE] application.",
    "Bill for {money} from the water company.",
    "Rose bushes in the front garden are overgrown, not a priority.",
    "Summer holidays are the hardest for food.",
    "Holly wreath donated for the hub.",
    "Patience is wearing thin with the letting agent.",
    "Lucky the boiler is still working.",
    "Referred to {refer} for debt advice.",
    "Rent arrears now {big_money}.",
    "Paid {small_money} towards the water bill.",
    "[Universal Credit|SERVICE] payment due {date_next}.",
    "Appointment at the [jobcentre|SERVICE] on {date}.",
    "Gave a [food bank|SERVICE] voucher.", "Council tax reduction form done.",
    "Electric key topped up with {small_money}.",
    "Blessing in disguise that the repair was done before winter.",
    "Amber warning for snow so the session was cut short.",
    "Miles from the nearest [food bank|SERVICE], so a parcel was sent.",
    "Will review in {month}.",
    "[Age UK|ORGANISATION] to do a benefits check.",
    "Still waiting on the [PIP|SERVICE] assessment.",
    "Family moved to {place} in {month}.",
    "The warm space in {place2} is open on {day}.",
]
CLOSERS_3P = ["Action: ring back {date_next}.", "NFA.", "Review {date_next}.", "Closed.",
              "Outcome - passed on to {refer}.", "To discuss at supervision."]
FILLERS_1P = [
    "It's been hard since {month}, really hard.", "I go to the [food bank|SERVICE] in {place} on {day}.",
    "The electric is {small_money} a week now.", "I owe {big_money} on the credit card.",
    "I went to [A&E|SERVICE] {date_rel}.", "Will I get the money back?", "May I sit down?",
    "There's precious little left at the end of the week.", "Ivy's growing right through the window frame.",
    "[Shelter|ORGANISATION] said they'd ring me back.", "My rent went up {small_money} in {month}.",
    "I'm {age_bare} and I've never had to ask before.", "Summer's worse, the kids are home.",
]
QUESTIONS = [
    "How are you getting on?", "Who's at home with you?", "What happened next?", "When did that start?",
    "Is there anything else?", "How much is left after the rent?", "Are you eating okay?",
    "Have you spoken to anyone else?", "What would make the biggest difference for you?", "Is it alright if I note that?",
]
INTERVIEWER_LABELS = ["Adviser", "Caseworker", "CW", "ADV"]
RESIDENT_LABELS = ["Customer", "Visitor", "Person", "Member"]
TRANSCRIPT_HEADERS = ["Phone notes, {date}", "Drop-in conversation, {place}, {date}", "Session notes, {day}"]
FORM_HEADERS = ["CASE SUMMARY - {org}", "Triage ({org}), {date}", "New client, {place}"]
FORM_REASONS = ["Presenting need:", "Summary of need:", "What help is wanted:"]
