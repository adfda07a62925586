"""Template set D for the labelled anonymisation test set (`python -m corpora.pii_eval --templates d`).

A fourth set, written before the rules were tuned on sets A, B and C and held out for rounds four and five; from
the sixth round a tuning set (sets F and G, written by writers who never read the rules, took over: G is held out).
Its voice differs from the other three: housing officers' emails, food bank referral and voucher notes,
text pasted from web forms ("Full name*:", "Postcode (required)"), and GP social prescribers' notes. Its
number formats are its own too: sort codes and account numbers written as people type them ("20.45.61",
"2045 61", "1234 5678"), 9-digit passports in groups, postcodes without a space or with two, vehicle
registrations in lower case or without a space, dates of birth in words and in short numeric forms.
Same syntax and slots as set A (corpora.pii_eval_templates); names and NHS / NI / phone generators are A's.
"""
from __future__ import annotations

import random

from corpora.pii_eval_templates import *  # noqa: F401,F403  (names, places, number generators)
from corpora.pii_eval_templates import MONTHS, POSTCODE_DISTRICTS

EXTRA_FEMALE = {
    "uk": ["Kerry", "Tracey", "Shelley", "Gemma", "Lorraine", "Carys", "Morag", "Kirsty", "Danielle", "Stacey"],
    "south_asian": ["Farzana", "Rukhsana", "Sabina", "Harpreet", "Mehreen", "Nasreen", "Shazia"],
    "polish": ["Magdalena", "Joanna", "Ewelina", "Dorota", "Karolina"],
    "romanian": ["Andreea", "Roxana", "Mihaela", "Loredana"],
    "nigerian": ["Abimbola", "Temitope", "Nneka", "Ifeoma", "Adaeze"],
    "somali": ["Hibo", "Ubah", "Khadra", "Idil"],
    "caribbean": ["Paulette", "Claudette", "Beverley", "Janelle"],
    "chinese": ["Mei", "Yan", "Ling", "Fang"],
}
EXTRA_MALE = {
    "uk": ["Wayne", "Darren", "Craig", "Lee", "Shaun", "Gareth", "Alun", "Fraser", "Dougie", "Stuart"],
    "south_asian": ["Asif", "Shahid", "Jaswinder", "Naveed", "Rizwan", "Zubair"],
    "polish": ["Krzysztof", "Grzegorz", "Pawel", "Rafal"],
    "romanian": ["Ionut", "Florin", "Adrian", "Mihai"],
    "nigerian": ["Olumide", "Chukwuemeka", "Tunde", "Kayode"],
    "somali": ["Abdullahi", "Yusuf", "Bashir", "Faisal"],
    "caribbean": ["Clive", "Desmond", "Lloyd", "Trevor"],
    "chinese": ["Wei", "Hao", "Ming", "Tao"],
}
EXTRA_SURNAMES = {
    "uk": ["Higginbottom", "Ramsbottom", "Featherstone", "McAllister", "Dunbar", "Pryce", "Llewellyn", "Orr"],
    "south_asian": ["Siddiqui", "Qureshi", "Bains", "Sandhu", "Malik", "Iqbal"],
    "polish": ["Wojcik", "Kaminski", "Mazur", "Krawczyk"],
    "romanian": ["Stan", "Dumitru", "Munteanu", "Lazar"],
    "nigerian": ["Ogunleye", "Nwosu", "Afolabi", "Chukwu"],
    "somali": ["Mohamud", "Hersi", "Dirie", "Aden"],
    "caribbean": ["Bailey", "Francis", "Gayle", "McKenzie"],
    "chinese": ["Chen", "Huang", "Lin", "Zhang"],
}
NICKNAMES = {"f": ["Trace", "Shell", "Kel", "Gem", "Dani", "Lozza"], "m": ["Wayno", "Daz", "Stu", "Big Al", "Dougie"]}
# Everyday words as first names: only ever used with a surname, a title or a relationship word.
TRICKY_FIRST = {"f": ["Star", "Destiny", "Honey", "Crystal", "Scarlett", "Ruby", "Poppy"],
                "m": ["Buddy", "Rusty", "Earl", "Duke", "Chance", "Sonny"]}
BACKGROUND_WEIGHTS = {"uk": 36, "south_asian": 14, "polish": 8, "romanian": 6, "nigerian": 10, "somali": 8,
                      "caribbean": 10, "chinese": 8}

PLACES = [
    "Wakefield", "Huddersfield", "Halifax", "Dewsbury", "Batley", "Castleford", "Pontefract", "Mansfield",
    "Worksop", "Chesterfield", "Bolsover", "Ashington", "Blyth", "Jarrow", "Seaham", "Redcar", "Thornaby",
    "Darlington", "Bishop Auckland", "Wallsend", "Kirkby", "Bootle", "Birkenhead", "Widnes", "Runcorn", "Crewe",
    "Nuneaton", "Tamworth", "Walsall", "Dudley", "Kidderminster", "Hereford", "Gloucester", "Yeovil", "Taunton",
    "Barnstaple", "Truro", "Camborne", "Margate", "Hastings", "Clacton", "Harlow", "Kilmarnock", "Greenock",
    "Ebbw Vale", "Llanelli", "Omagh", "Newry",
]
ONE_WORD_STREETS = ["Meadowbank", "Larkhill", "Whinmoor", "Carrowgate", "Stonecroft", "Beechwood", "Ravensknowle",
                    "Thornhill", "Woodhouse", "Summerseat", "Applegarth", "Clayfield", "Netherfield", "Rowanside"]
D_STREET_NAMES = ["Larkspur", "Tennyson", "Gladstone", "Pennine", "Cromwell", "Coniston", "Derwent", "Lupin",
                  "Poplar", "Willow", "Saxon", "Bracken", "Fieldhead", "Ingram", "Pit", "Wharf"]
D_STREET_TYPES = ["Road", "Street", "Avenue", "Close", "Drive", "Grove", "Terrace", "Lane", "Way", "Crescent",
                  "Court", "Place", "Bank", "Side", "Garth", "End", "Approach", "Meadow"]
D_BLOCKS = ["Tennyson House", "Pennine Court", "Coniston Tower", "Saxon Heights", "Derwent Point", "Larch Lodge"]


def street_address(rng: random.Random) -> str:
    """Streets as people type them in forms and emails: one-word streets, "No 4", a comma after the number."""
    n, k = rng.randrange(1, 250), rng.randrange(1, 80)
    street = f"{rng.choice(D_STREET_NAMES)} {rng.choice(D_STREET_TYPES)}"
    one = rng.choice(ONE_WORD_STREETS)
    shapes = [(28, f"{n} {street}"), (14, f"{n} {one}"), (8, f"{n}, {street}"), (7, f"flat {k}, {n} {one}"),
              (7, f"Flat {k} {rng.choice(D_BLOCKS)}"), (6, f"{n} {one} {rng.choice(['Road', 'Lane', 'Close'])}"),
              (6, f"No {n} {street}"), (6, f"{k}/{n} {street}"), (5, f"{n}{rng.choice('ab')} {one}"),
              (5, f"Apt {k}, {n} {street}"), (4, f"{n} - {n + 6} {street}"), (4, f"Ground floor flat, {n} {one}")]
    value = rng.choices([s for _, s in shapes], weights=[w for w, _ in shapes])[0]
    r = rng.random()
    return value.lower() if r < 0.14 else value.upper() if r < 0.2 else value


def postcode(rng: random.Random, district: str | None = None) -> str:
    """Postcodes as typed into a web form: no space, two spaces, lower case."""
    district = district or rng.choice(POSTCODE_DISTRICTS)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    inward = f"{rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"
    value = rng.choices([f"{district} {inward}", f"{district}{inward}", f"{district}  {inward}"],
                        weights=[60, 30, 10])[0]
    return value.lower() if rng.random() < 0.25 else value


def vehicle_registration(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    age = rng.choice([f"{y:02d}" for y in range(2, 26)] + [str(y) for y in range(51, 75)])
    area = rng.choice("ABCDEFGHKLMNOPRSVWY") + rng.choice(letters)
    tail = "".join(rng.choice(letters) for _ in range(3))
    value = rng.choices([f"{area}{age} {tail}", f"{area}{age}{tail}", f"{area} {age} {tail}"], weights=[5, 4, 1])[0]
    return value.lower() if rng.random() < 0.3 else value


def sort_code(rng: random.Random) -> str:
    a, b, c = (rng.randrange(100) for _ in range(3))
    return rng.choice([f"{a:02d}-{b:02d}-{c:02d}", f"{a:02d}{b:02d}{c:02d}", f"{a:02d} {b:02d} {c:02d}",
                       f"{a:02d}.{b:02d}.{c:02d}", f"{a:02d}{b:02d} {c:02d}"])


def account_number(rng: random.Random) -> str:
    d = f"{rng.randrange(10_000_000, 100_000_000)}"
    return rng.choices([d, f"{d[:4]} {d[4:]}", f"{d[:2]} {d[2:5]} {d[5:]}"], weights=[6, 3, 1])[0]


def passport_number(rng: random.Random) -> str:
    d = f"{rng.randrange(100_000_000, 1_000_000_000)}"
    return rng.choices([d, f"{d[:3]} {d[3:6]} {d[6:]}", f"{d[:4]} {d[4:]}"], weights=[6, 2, 1])[0]


def date_of_birth(rng: random.Random, style: str = "any", year: int | None = None) -> tuple[str, str]:
    """A (cue, value) pair in forms' and emails' wording; only the value is the DATE_OF_BIRTH span."""
    y, m, d = year or rng.randrange(1935, 2009), rng.randrange(1, 13), rng.randrange(1, 29)
    suf = "th" if 4 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    month = MONTHS[m - 1]
    words = [f"{month} {d}{suf} {y}", f"{d}{suf} {month} {y}", f"{d} {month[:3]}. {y}", f"{d}{suf} of {month.lower()} {y}",
             f"{month[:3]} {d} {y}", f"{d} {month} '{y % 100:02d}"]
    numeric = [f"{d:02d}/{m:02d}/{y}", f"{d}-{m}-{y}", f"{d:02d}/{m:02d}/{y % 100:02d}", f"{d}.{m}.{y % 100:02d}",
               f"{d:02d} / {m:02d} / {y}", f"{y}/{m:02d}/{d:02d}"]
    if style == "born" or (style == "any" and rng.random() < 0.25):
        return rng.choice(["born ", "born on ", "b. ", "DOB/born "]), rng.choice(words + numeric[:2])
    cue = rng.choice(["Date of Birth (dd/mm/yyyy): ", "Date of birth* ", "DoB - ", "d/o/b ", "D.O.B:- ",
                      "birthday ", "date of birth is ", "dob:", "Date Of Birth ", "DOB (as on ID) "])
    return cue, rng.choice(words + numeric)


# ---- sentences that carry PII --------------------------------------------------------------------
PII_3P = [
    "^Dear colleague, I am writing about my tenant {client_full}.",
    "^Re: {client_title} - rent account and repairs.",
    "^Referral received via the website for {client_full}.",
    "^Social prescribing link worker contact with {client_title} {date_rel}.",
    "^Voucher issued to {client_first} at the {place} distribution point.",
    "^FW: referral - {client_caps}",
    "^Hi, just flagging {client_lower} who came to the pantry {date_rel}.",
    "^Initial conversation with {client} by phone, 40 minutes.",
    "^Food bank voucher no. 3 this year for {client_title}.",
    "{client_first} has been on the housing register since {month}.",
    "I have visited {client_title} and the damp in the bedroom is severe.",
    "{client_first} tells me {he} is choosing between heating and eating.",
    "Please could you call {client_title} to book the assessment.",
    "{client_lower} does not have a working phone at present.",
    "The tenancy is in the joint names of {client_full} and {rel}.",
    "{client_first} would like a befriender, ideally someone who likes gardening.",
    "{client_title} has asked that we speak to {rel} instead of {him}.",
    "Link worker {worker} has agreed goals with {client_first}.",
    "Voucher collected by {rel} on {his} behalf.",
    "{client_first} was visibly anxious and asked to sit near the door.",
    "{gp} referred {client_first} to social prescribing for isolation.",
    "{gp} is happy for us to share the summary with {client_lower}.",
    "{client_poss} children are {kid_age_bare} and under, all at home.",
    "{client_title} agreed to a home visit by {worker} on {day}.",
    "Please update the file: {client_first} no longer lives with {rel}.",
    "{Rel} collected the parcel because {client_first} is unwell.",
    "{client_caps} WAS SEEN AT THE PANTRY AND GIVEN A HYGIENE PACK.",
    "{worker} spoke to {other} at the school about uniform help.",
    "{client_full} would prefer texts to calls.",
    "{client_lower} asked for a female worker if possible.",
    "{client_first} is carer for {rel_mid} and gets no break.",
    "Kind regards, {worker}",
    "Thanks, {worker} (Housing Officer)",
    # STREET_ADDRESS
    "The property at {addr} has a leak from the flat above.",
    "Tenancy address: {addr}, {place}.",
    "Please deliver to {addr} after 3pm.",
    "Delivery address (if different): {addr}, {postcode}",
    "{He} moved into {addr} on a starter tenancy.",
    "Inspection carried out at {addr}, {place} {postcode}.",
    "Parcel for {addr} - ring the bell twice.",
    "{client_first} has been sofa surfing at {addr}.",
    "Address line 1: {addr}",
    # UK_POSTCODE
    "Postcode (required): {postcode}",
    "Household postcode {postcode} is inside the catchment.",
    "{He} wrote {his} postcode down as {postcode}.",
    "Catchment check - {district} - ok.",
    # PHONE / EMAIL
    "Best number: {mobile}",
    "Telephone (day): {phone}",
    "{He} can be reached on {landline} most mornings.",
    "Email address*: {email}",
    "Reply sent to {email} with the voucher code.",
    # identifiers
    "NHS Number (if known): {nhs}",
    "{His} NHS number is {nhs} per the GP letter.",
    "National Insurance Number: {nino}",
    "{He} quoted {his} NI as {nino}.",
    "{client_first}, {dob}, lives alone.",
    "Applicant {dob_value}, single.",
    "{client_title} was {dob_born} and has lived here all {his} life.",
    "{dob}",
    "Rent refund to sort code {sort_code}, account number {account}.",
    "Bank details: s/c {sort_code} acct {account}.",
    "Acct no. {account}, sort {sort_code}.",
    "Account number: {account}",
    "{He} gave us {his} bank account ({account}) for the grant.",
    "Passport number {passport} used as ID.",
    "ID seen: passport, no. {passport}.",
    "{He} has a passport - {passport} - but no driving licence.",
    "Housing ref {case_ref}.",
    "Police incident number {crime_ref}.",
    "Voucher ref {client_no}.",
    "{His} car reg is {vrm} and it is parked on the drive.",
    "Blue badge vehicle: {vrm}.",
]

PII_1P = [
    "My name's {client_full} and I'm a bit embarrassed to be here.",
    "It's {client_lower}, I rang last week.",
    "{My_rel} said I should come.",
    "The link worker, {worker}, set this up.",
    "I've been staying with {my_rel} since the flood.",
    "{gp} said it would do me good to get out.",
    "I only see {other} at church.",
    "{My_rel_mid} is the one who does the forms.",
    "We're at {addr} now, the council moved us.",
    "I live at {addr}, {postcode}, top floor.",
    "Postcode's {postcode} I think.",
    "Ring me on {mobile} but not before ten.",
    "My email's {email}.",
    "My NHS number? It's {nhs}.",
    "NI is {nino}.",
    "I was {dob_born} so I'm not a spring chicken.",
    "Birthday's {dob_value}.",
    "My sort code is {sort_code} and account number {account}.",
    "Account's {account}, it's with Halifax.",
    "Passport's {passport}.",
    "The housing gave me a number, {case_ref}.",
    "The police number was {crime_ref}.",
    "I've still got the {car}, reg {vrm}.",
]

# ---- sentences without PII (they carry KEEP spans) -------------------------------------------------
OPENERS_3P = [
    "Pantry session, {date}.", "Email received {date_rel}.", "Web referral, {date}.",
    "Distribution at {place}, {day}.", "Link worker notes, {date}.", "Repairs inspection, {date_rel}.",
]
FILLERS_3P = [
    "Honey and tinned fruit were very welcome.",
    "Star rating on the fridge is poor, so a new one has been requested.",
    "Ruby wedding cake donated to the pantry.",
    "Crystal clear that the rent must be paid first.",
    "Poppy appeal tin on the counter.",
    "Please find attached the damp survey.",
    "Voucher valid for three visits.",
    "Three day emergency parcel plus toiletries.",
    "No cooking facilities, so a kettle box was given.",
    "Referred to {refer} for energy advice.",
    "Arrears stand at {big_money}.",
    "A payment of {small_money} was agreed.",
    "[Universal Credit|SERVICE] advance repayments are taking {small_money} a month.",
    "Next distribution is {date_next}.",
    "The [Household Support Fund|SERVICE] paid {money} towards energy.",
    "[Citizens Advice|ORGANISATION] will check entitlement.",
    "Walking group meets on {day} in {place2}.",
    "Will review at the next panel in {month}.",
    "Dietary needs: halal, no pork.",
    "Chance of a move this year is low.",
    "Earl Grey tea requested, we had some in stock.",
    "Any questions, please do get in touch.",
    "The [warm space|SERVICE] in {place} is open until 4.",
    "Moved into the area in {month}.",
]
CLOSERS_3P = ["Many thanks.", "Kind regards.", "Voucher closed.", "Goals to review in six weeks.",
              "Next contact {date_next}.", "Passed to {refer}."]
FILLERS_1P = [
    "I've never used a food bank before.", "The pantry in {place} is a godsend.", "I get {small_money} a week for food.",
    "We owe {big_money} on the gas.", "I had a fall {date_rel}.", "Can I take some nappies as well?",
    "It's the loneliness more than anything.", "My rent's gone up {small_money}.",
    "I moved up here in {month}.", "I'm {age_bare}, I shouldn't be struggling like this.",
    "[Age UK|ORGANISATION] said they'd visit.", "Honestly, I'm fine, it's just a bad patch.",
]
QUESTIONS = [
    "What's brought you in today?", "Who lives with you?", "How are you managing for food?",
    "Is the heating on at home?", "Do you see many people in the week?", "What matters most to you right now?",
    "Is there anything we've missed?", "Who told you about the pantry?", "Is it okay if I jot a few things down?",
    "Would a home visit help?",
]
INTERVIEWER_LABELS = ["Link worker", "LW", "Volunteer", "Officer"]
RESIDENT_LABELS = ["Tenant", "Guest", "Patient", "Caller"]
TRANSCRIPT_HEADERS = ["Call log, {date}", "Pantry chat, {place}, {date}", "Social prescribing, {day}"]
FORM_HEADERS = ["ONLINE REFERRAL - {org}", "Food bank voucher ({org}), {date}", "Web form submission, {place}"]
FORM_REASONS = ["Why are you asking for help?", "Additional information:", "Referrer's comments:"]
