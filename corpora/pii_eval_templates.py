"""Word lists, value generators and sentence templates for the labelled anonymisation test set
(corpora.pii_eval). Value generators take a `random.Random`, so output is fixed by the caller's seed.

Template syntax
    {slot}          filled by corpora.pii_eval; PII slots (see pii_eval_slots.SLOT_TYPES) become labelled spans.
                    A capitalised slot name ({He}, {Rel}) capitalises the first letter unless it is a name.
    [text|TYPE]     literal text that must stay readable: a KEEP span (ORGANISATION, SERVICE, PLACE, DATE,
                    AGE, MONEY).
    leading ^       the sentence can open a note.
Templates never contain a literal person name: every name comes from a slot. The common words that are
also first names (Will, May, June, Hope, Grace, Rose, Mark, Bill, Sandy, Frank) appear here on purpose as
ordinary words.

Names are independent of Faker (our recogniser's source). They extend corpora.people's lists with more
heritages; first names here avoid ordinary English words, except TRICKY_FIRST, which the generator only
uses with a surname, a title or a relationship word.
"""
from __future__ import annotations

import random

from corpora import people as _people

EXTRA_FEMALE = {
    "uk": ["Cerys", "Morag", "Saoirse", "Aisling", "Mairead", "Lily-Mae", "Kayleigh", "Shannon"],
    "south_asian": ["Harpreet", "Jaswinder", "Nusrat", "Parveen", "Shazia", "Rukhsana"],
    "polish": ["Dorota", "Ewa", "Justyna", "Katarzyna"],
    "romanian": ["Ioana", "Andreea", "Mihaela", "Roxana", "Florentina", "Alina", "Georgiana"],
    "ghanaian": ["Abena", "Akosua", "Efua", "Adwoa", "Afua", "Yaa"],
    "chinese": ["Mei", "Ling", "Xin", "Yan", "Xiaoling", "Huiying"],
    "arabic": ["Fatima", "Layla", "Huda", "Rania", "Noor", "Samar", "Yasmeen"],
    "turkish": ["Elif", "Zeynep", "Ayse", "Emine"],
    "eritrean": ["Senait", "Selam", "Saba", "Mebrat"],
}
EXTRA_MALE = {
    "uk": ["Dafydd", "Iain", "Tadhg", "Ruairi", "Lachlan", "Jamie-Lee", "Kyle", "Craig"],
    "south_asian": ["Abdul", "Shahid", "Bilal", "Harjit", "Sukhdev", "Pradeep"],
    "polish": ["Grzegorz", "Pawel", "Dawid", "Michal"],
    "romanian": ["Andrei", "Mihai", "Bogdan", "Ionut", "Florin", "Cosmin", "Vasile"],
    "ghanaian": ["Kwame", "Kofi", "Kwabena", "Yaw", "Kojo", "Kwaku"],
    "chinese": ["Wei", "Hao", "Jian", "Ming", "Zhiwei", "Zihan"],
    "arabic": ["Omar", "Khalid", "Yousef", "Karim", "Walid", "Tareq"],
    "turkish": ["Emre", "Mehmet", "Murat", "Serkan"],
    "eritrean": ["Tesfay", "Haile", "Yonas", "Dawit"],
}
EXTRA_SURNAMES = {
    "uk": ["D'Arcy", "MacLeod", "Fairbairn", "Pryce", "Rees-Jones", "McGowan", "Ferguson", "Whitelaw"],
    "south_asian": ["D'Souza", "Choudhury", "Siddiqui", "Bhatti", "Ahmed", "Sandhu"],
    "polish": ["Wisniewski", "Kaczmarek", "Mazur", "Krawczyk"],
    "romanian": ["Popescu", "Ionescu", "Dumitru", "Stoica", "Constantinescu", "Munteanu", "Lungu"],
    "ghanaian": ["Asante", "Boateng", "Appiah", "Agyeman", "Ofori", "Acheampong", "Owusu", "Mensah"],
    "chinese": ["Chen", "Wang", "Zhang", "Liu", "Huang", "Wong", "Cheung", "Lam"],
    "arabic": ["Haddad", "Nasser", "Saleh", "Mansour", "Al-Sayed", "El-Masri", "Al-Amin"],
    "turkish": ["Yilmaz", "Demir", "Kaya", "Ozturk"],
    "eritrean": ["Tesfamariam", "Ghebremedhin", "Berhane", "Tekle"],
}
# Nicknames and diminutives used as someone's everyday first name.
NICKNAMES = {"f": ["Bev", "Kaz", "Tash", "Shaz", "Kez", "Mags", "Jaz", "Steph", "Nic"],
             "m": ["Mo", "Gaz", "Baz", "Del", "Jas", "Tommo", "Mikey", "Dev"]}
# First names that are ordinary words: only ever used with a surname, a title or a relationship word.
TRICKY_FIRST = {"f": ["Grace", "Hope", "Rose", "May", "June", "Joy", "Faith", "Dawn", "Sandy"],
                "m": ["Will", "Mark", "Bill", "Frank", "Sandy", "Guy", "Jack"]}
BACKGROUND_WEIGHTS = {"uk": 34, "south_asian": 14, "polish": 7, "romanian": 5, "nigerian": 8, "ghanaian": 5,
                      "somali": 6, "caribbean": 8, "chinese": 5, "arabic": 5, "turkish": 2, "eritrean": 2}

REL_WORDS = {
    "f": ["daughter", "sister", "mum", "nan", "niece", "granddaughter", "aunt", "cousin", "wife", "partner",
          "girlfriend", "ex", "ex-partner", "neighbour", "friend", "carer", "landlady", "stepdaughter", "eldest",
          "youngest", "mother-in-law"],
    "m": ["son", "brother", "dad", "grandad", "nephew", "grandson", "uncle", "cousin", "husband", "partner",
          "boyfriend", "ex", "ex-partner", "neighbour", "friend", "carer", "landlord", "stepson", "eldest",
          "youngest", "father-in-law"],
}
TITLES = {"f": ["Mrs", "Mrs", "Ms", "Miss", "Dr", "Mrs.", "Ms."], "m": ["Mr", "Mr", "Mr", "Dr", "Dr.", "Mr."]}

ORGANISATIONS = [
    "Citizens Advice", "Age UK", "Refuge", "Shelter", "Mind", "Samaritans", "StepChange", "Trussell Trust",
    "Lewisham Council", "Leeds City Council", "Manchester City Council", "Westmorland and Furness Council",
    "the council", "DWP", "Women's Aid", "Salvation Army", "Macmillan", "Barnardo's", "Crisis", "Turn2us",
    "National Debtline", "Victim Support", "Home-Start", "Cruse", "Carers UK", "MoneyHelper",
    "Christians Against Poverty", "St Mungo's", "Marie Curie", "the housing association", "Peabody",
    "British Red Cross", "Mencap", "the Law Centre",
]
REFER_TO = ["Citizens Advice", "Age UK", "Refuge", "Shelter", "Mind", "StepChange", "Women's Aid", "Turn2us",
            "National Debtline", "Victim Support", "Home-Start", "Cruse", "Carers UK", "Christians Against Poverty",
            "St Mungo's", "the Law Centre", "the food bank", "the jobcentre", "social services", "Talking Therapies"]
SERVICE_NAMES = {"the food bank", "the jobcentre", "social services", "Talking Therapies"}
PLACES = [
    "Lewisham", "Penrith", "Manchester", "Leeds", "Catford", "Deptford", "Carlisle", "Kendal", "Bradford",
    "Glasgow", "Cardiff", "Swansea", "Belfast", "Birmingham", "Liverpool", "Newcastle", "Sheffield", "Bristol",
    "Croydon", "Peckham", "Luton", "Leicester", "Appleby", "Keswick", "Workington", "Salford", "Rochdale",
    "Oldham", "Wigan", "Hull", "Wolverhampton", "Derby", "Nottingham", "Plymouth", "Sunderland", "Middlesbrough",
    "Blackpool", "Dundee", "Aberdeen", "Edinburgh", "Wrexham", "Newport", "Tower Hamlets", "Hackney", "Brixton",
    "Moss Side", "Harehills", "Toxteth", "Sydenham", "New Cross",
]
POSTCODE_DISTRICTS = [
    "SE13", "SE6", "SE4", "SE8", "SE14", "M14", "M8", "M40", "LS6", "LS9", "LS11", "CA11", "CA16", "CA10", "B23",
    "B10", "G41", "G31", "CF24", "BT7", "NE6", "L8", "BS5", "EC1A", "W1D", "N17", "E15", "SW9", "NW10", "S4",
    "LE5", "NG7", "BD3", "OL11", "PR1", "HU3", "ST4", "WV10", "SA1", "EH11", "AB24", "DD3", "PL4", "WN5", "E1W",
]
STREET_NAMES = [
    "Elm", "Mill", "Station", "Church", "Park", "Victoria", "Albert", "Manor", "Grange", "Orchard", "Holly",
    "Laurel", "Heather", "Bramble", "Kingfisher", "Heron", "Lark", "Swallow", "Coronation", "Jubilee", "Railway",
    "Canal", "Chapel", "School", "Moor", "Fell", "Dale", "Brookside", "Greenway", "Hillside", "Ashgrove",
    "Glebe", "St John's", "St Mary's", "Priory", "Abbey", "Foundry", "Tannery", "Weavers", "Colliery",
    "Quarry", "Dumbarton", "Ladybarn", "Rusholme", "Harefield", "Bellingham", "Eastgate", "Sefton",
]
STREET_TYPES = ["Road", "Street", "Lane", "Avenue", "Close", "Crescent", "Terrace", "Way", "Drive", "Grove",
                "Gardens", "Place", "Walk", "Rise", "View", "Mews", "Row", "Square", "Parade"]
BLOCK_NAMES = ["Kingfisher", "Heron", "Coronation", "Jubilee", "Beacon", "Millstone", "Riverside", "Foxglove",
               "Ashdown", "Windermere", "Ullswater", "Thames View"]
BLOCK_TYPES = ["Court", "House", "Point", "Heights", "Lodge", "Mansions", "Tower"]
HOUSE_NAMES = ["The Old Forge", "Fell View", "The Bothy", "Brook Cottage", "Ivy Cottage", "Top Farm Cottage"]
EMAIL_DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com",
                 "live.co.uk", "aol.com", "sky.com", "virginmedia.com", "googlemail.com", "hotmail.com"]
EMAIL_WORDS = ["sunflower", "mummy", "lfc", "bluebird", "angel", "princess", "gooner", "busybee", "dragon",
               "starlight", "kitkat", "tiger", "baker", "rainbow"]
CARS = ["silver Corsa", "black Golf", "blue Fiesta", "red Micra", "white Transit van", "grey Astra",
        "green Berlingo", "old Yaris", "black Qashqai"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# ---- values --------------------------------------------------------------------------------------

def nhs_number(rng: random.Random) -> str:
    while True:
        first9 = str(rng.choice([4, 6, 7])) + "".join(str(rng.randrange(10)) for _ in range(8))
        check = _people.nhs_check_digit(first9)
        if check is not None:
            break
    d = first9 + str(check)
    return rng.choices([f"{d[:3]} {d[3:6]} {d[6:]}", d, f"{d[:3]}-{d[3:6]}-{d[6:]}"], weights=[6, 2.5, 1.5])[0]


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def nino(rng: random.Random) -> str:
    while True:
        a, b = rng.choice(_LETTERS), rng.choice(_LETTERS)
        if a not in "DFIQUV" and b not in "DFIQUVO" and a + b not in {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}:
            break
    d, s = "".join(str(rng.randrange(10)) for _ in range(6)), rng.choice("ABCD")
    value = rng.choices([f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {s}", f"{a}{b}{d}{s}", f"{a}{b} {d} {s}"],
                        weights=[4, 4, 1.5])[0]
    return value.lower() if rng.random() < 0.12 else value


def phone(rng: random.Random, kind: str = "any") -> str:
    n = f"{rng.randrange(1000):03d}"
    if kind == "mobile" or (kind == "any" and rng.random() < 0.55):
        return rng.choice([f"07700 900{n}", f"07700 900{n}", f"07700900{n}", f"+44 7700 900{n}",
                           f"+44 (0)7700 900{n}", f"07700-900-{n}", f"07700 900 {n}", f"+447700900{n}"])
    r = rng.random()
    if r < 0.3:
        return rng.choice([f"(020) 7946 0{n}", f"020 7946 0{n}", f"0207 946 0{n}", f"+44 20 7946 0{n}"])
    if r < 0.8:
        a, mid = rng.choice([("0161", "496"), ("0113", "496"), ("0114", "496"), ("0117", "496"), ("0121", "496"),
                             ("0131", "496"), ("0141", "496"), ("0151", "496"), ("0191", "498")])
        return rng.choice([f"{a} {mid} 0{n}", f"({a}) {mid} 0{n}", f"{a} {mid}0{n}", f"+44 {a[1:]} {mid} 0{n}"])
    return rng.choice([f"01632 960{n}", f"(01632) 960 {n}", f"0808 157 0{n}", f"029 2018 0{n}",
                       f"028 9649 6{n}"])


def postcode(rng: random.Random, district: str | None = None) -> str:
    district = district or rng.choice(POSTCODE_DISTRICTS)
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    inward = f"{rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"
    value = rng.choices([f"{district} {inward}", f"{district}{inward}"], weights=[85, 15])[0]
    return value.lower() if rng.random() < 0.12 else value


def street_address(rng: random.Random) -> str:
    street = "High Street" if rng.random() < 0.07 else f"{rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"
    n, k = rng.randrange(1, 180), rng.randrange(1, 40)
    block = f"{rng.choice(BLOCK_NAMES)} {rng.choice(BLOCK_TYPES)}"
    shapes = [
        (34, f"{n} {street}"), (14, f"Flat {k}, {n} {street}"), (10, f"{n}{rng.choice('abc')} {street}"),
        (6, f"{n}-{n + 2} {street}"), (8, f"Apartment {k}, {block}"), (6, f"Flat {k}, {block}"),
        (4, f"Flat {rng.randrange(0, 4)}/{rng.randrange(1, 3)}, {n} {street}"),
        (4, f"Flat {rng.choice('ABCD')}, {n} {street}"), (3, f"Room {k}, {n} {street}"),
        (3, f"{rng.choice(HOUSE_NAMES)}, {street}"), (4, f"{rng.randrange(1, 12)} {rng.choice(STREET_NAMES)} Cottages"),
        (4, f"{k} {block}"),
    ]
    value = rng.choices([s for _, s in shapes], weights=[w for w, _ in shapes])[0]
    return value.lower() if rng.random() < 0.12 else value


def vehicle_registration(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    if rng.random() < 0.85:
        age = rng.choice([f"{y:02d}" for y in range(2, 26)] + [str(y) for y in range(51, 75)])
        area = rng.choice("ABCDEFGHKLMNOPRSVWY") + rng.choice(letters)
        value = f"{area}{age} {''.join(rng.choice(letters) for _ in range(3))}"
    else:
        prefix = f"{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}{rng.randrange(1, 999)}"
        value = f"{prefix} {''.join(rng.choice(letters) for _ in range(3))}"
    r = rng.random()
    return value.replace(" ", "") if r < 0.1 else (value.lower() if r < 0.18 else value)


def date_of_birth(rng: random.Random, style: str = "any", year: int | None = None) -> tuple[str, str]:
    """A (cue, value) pair; only the value is the DATE_OF_BIRTH span. style: any, value, born."""
    y, m, d = year or rng.randrange(1935, 2009), rng.randrange(1, 13), rng.randrange(1, 29)
    suf = "th" if 4 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    month = MONTHS[m - 1]
    long_forms = [f"{d} {month} {y}", f"{d}{suf} {month} {y}", f"{d} {month[:3]} {y}", f"{month} {d}, {y}"]
    numeric = [f"{d:02d}/{m:02d}/{y}", f"{d}/{m}/{y}", f"{d}.{m}.{y}", f"{d:02d}-{m:02d}-{y}",
               f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y % 100:02d}"]
    if style == "born" or (style == "any" and rng.random() < 0.3):
        return rng.choice(["born ", "born on "]), rng.choice(long_forms + numeric[:2])
    if rng.random() < 0.25:
        return rng.choice(["DOB ", "date of birth "]), rng.choice(long_forms)
    return rng.choice(["DOB ", "DOB: ", "d.o.b. ", "D.O.B. ", "DoB ", "date of birth: ", "dob "]), rng.choice(numeric)


def case_reference(rng: random.Random, kind: str) -> str:
    y = rng.choice([2023, 2024, 2025])
    if kind == "crime_ref":
        return rng.choice([f"{rng.randrange(1, 99):02d}/{rng.randrange(100000, 999999)}/{y % 100}",
                           f"{rng.randrange(1000000, 9999999)}/{y % 100}", f"CAD{rng.randrange(1000, 9999)}-{y % 100}"])
    if kind == "client_no":
        return rng.choice([f"{rng.randrange(100000, 999999)}", f"C{rng.randrange(100000, 999999)}"])
    return rng.choice([f"CN-{y}-{rng.randrange(1, 9999):04d}", f"CI/{y}/{rng.randrange(1, 99999):05d}",
                       f"HSG-{rng.randrange(100000, 999999)}", f"VCS{rng.randrange(10000, 99999)}",
                       f"ADV-{y % 100}-{rng.randrange(1, 9999):04d}"])


def date_value(rng: random.Random) -> str:
    """An ordinary date (2023-2025), not a birth date."""
    y, m, d = rng.choice([2023, 2024, 2025]), rng.randrange(1, 13), rng.randrange(1, 29)
    suf = "th" if 4 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return rng.choice([f"{d:02d}/{m:02d}/{y}", f"{d:02d}/{m:02d}/{y}", f"{d} {MONTHS[m - 1]}",
                       f"{d}{suf} {MONTHS[m - 1]} {y}", f"{y}-{m:02d}-{d:02d}", f"{d}/{m}/{y % 100}"])


def money(rng: random.Random, size: str = "medium") -> str:
    """A sum of money: small (a week's top-up), medium (a bill or grant) or big (arrears, debts)."""
    if size == "small":
        if rng.random() < 0.2:
            return f"£{rng.randrange(2, 20)}.{rng.choice(['50', '99', '20', '75'])}"
        return f"£{rng.choice([5, 10, 12, 15, 20, 25, 30, 35, 40, 45, 50, 60])}"
    if size == "big":
        return f"£{rng.randrange(10, 150) * 100 + rng.choice([0, 0, 50, rng.randrange(100)]):,}"
    return f"£{rng.choice([60, 75, 80, 95, 120, 150, 180, 200, 240, 250, 300, 350, 420, 480, 600, 750, 900])}"


# ---- sentences that carry PII --------------------------------------------------------------------
# Third person: case notes, volunteers' anecdotes, messages, the "reason" part of a referral form.
PII_3P = [
    "^{client_full} came into the [food bank|SERVICE] on {date} asking for a voucher.",
    "^Home visit to {client_title} {date_rel}.",
    "^Phoned {client_title} twice, no answer. Left a voicemail.",
    "^Saw {client_first} at the drop-in on {day}.",
    "^{client} dropped in to the hub, upset about a letter from the [DWP|ORGANISATION].",
    "^spoke to {client_lower} re: the [Universal Credit|SERVICE] claim.",
    "^Call from {client_title}, who was distressed about the [PIP|SERVICE] decision.",
    "^Client {client_caps} seen re: rent arrears.",
    "^{client_caps} DID NOT ATTEND THE APPOINTMENT ON {date}.",
    "^I met {client_first} at the [food bank|SERVICE] {date_rel}.",
    "^One of our regulars, {client_first}, came in looking really tired.",
    "^Quick one about {client_title}: {he} needs a call back.",
    "{client_first} said {he} has been skipping meals so the kids can eat.",
    "Gave {client_first} a [food bank|SERVICE] voucher and the [Samaritans|ORGANISATION] number.",
    "{client_poss} [Universal Credit|SERVICE] was cut after a sanction in {month}.",
    "{Rel} rang the office worried about {him}.",
    "{He} lives with {rel} in a two-bed flat in {place}.",
    "{client_first} came in with {rel_mid} who helped translate.",
    "{He} is worried about {rel}, who is {kid_age_bare} and struggling at school.",
    "{Rel_poss} school has been in touch about attendance.",
    "Discussed the case with {worker}, who will ring {him} on {day}.",
    "Our volunteer {worker} went with {him} to the [jobcentre|SERVICE].",
    "Letter from {gp} confirms the diagnosis.",
    "{He} saw {gp} at the surgery {date_rel} about {his} chest.",
    "{client_first} mentioned that {rel} has been checking in on {him} most days.",
    "Will ring {client_first} back on {day} with an update.",
    "May need to chase {gp} for the fit note.",
    "{client_title} asked whether [Age UK|ORGANISATION] could help with the [Attendance Allowance|SERVICE] form.",
    "{client_full} ({age}) was referred by the [GP|SERVICE].",
    "{client} told me {he} hasn't been out of the house since {month}.",
    "A lady called {other} from church has been bringing {him} meals.",
    "{He} gets on well with {rel}, who visits every {day}.",
    "{client_first} was in tears about the bailiff letter, so I stayed with {him} for an hour.",
    "{client_first} and {rel} both came to the [Citizens Advice|ORGANISATION] session.",
    "{client_first} says {rel} keeps {his} bank card and gives {him} {small_money} a week.",
    "Spoke to {client_lower} on the phone, {he} sounded low.",
    "{client_first} is {age_bare} and lives alone in {place}.",
    "Checked in with {client_first}: {he} has topped up the meter and has food for the week.",
    "{other} from the [housing association|ORGANISATION] says the repair is booked for {date}.",
    "{client_title} is housebound, so {rel} does the shopping.",
    "{Client_first} rang back. {He} has found the tenancy agreement.",
    "{client_caps} ATTENDED WITH {rel_caps}.",
    "{He} is frightened of {rel_mid} and doesn't want the police involved.",
    "Hope {client_first} gets the grant, {he} deserves a break.",
    "{client_poss} gas bill is now {money} in arrears.",
    "{worker} will see {client_title} at the [Refuge|ORGANISATION] outreach session.",
    "{client_first} asked if {rel} could come to the group too.",
    "Met {client_full} and {rel} at [Jobcentre Plus|SERVICE] in {place}.",
    "{Rel} has been staying over since {client_first} came out of hospital.",
    "Texted {client_lower} to say the parcel is ready.",
    # STREET_ADDRESS
    "{He} lives at {addr}, {place}.",
    "^Home visit to {addr}, {place}.",
    "Parcel dropped off at {addr}.",
    "{He} has moved to {addr} since we last saw {him}.",
    "New address: {addr}, {place} {postcode}.",
    "{He} is in temporary accommodation at {addr}, {place}.",
    "The damp at {addr} is getting worse and the [housing association|ORGANISATION] has not been out.",
    "{client_title} of {addr} rang about the [Council Tax|SERVICE] letter.",
    "Bailiffs came to {addr} on {date}.",
    "{His} old address was {addr}, {postcode}.",
    "{client_first} now lives at {addr} with {rel}.",
    "lives at {addr}, {place}, with two cats.",
    "Food parcel delivered to {addr}, {postcode}, on {day}.",
    "{He} is sofa surfing at {rel_poss} place on {addr}.",
    # UK_POSTCODE
    "Postcode {postcode}.",
    "{He} gave {his} postcode as {postcode}.",
    "Lives in {place}, postcode {district}.",
    "Out of area: {his} postcode is {postcode}, so referred to the local [Citizens Advice|ORGANISATION].",
    "{He} lives in the {district} postcode area, near the hospital.",
    "Taxi booked to {postcode} for {day}.",
    # PHONE_NUMBER
    "{He} can be reached on {phone}.",
    "Best number for {him} is {phone}, after 3pm.",
    "Mobile {mobile}.",
    "Call back on {phone}.",
    "{Rel} left a number for emergencies: {phone}.",
    "New number is {mobile}; the old one was cut off.",
    "{He} asked us to ring {landline} rather than the mobile.",
    "Landline {landline}, no answer three times.",
    "Texted {him} on {mobile} to confirm the appointment.",
    "Will you call {client_first} on {phone} before {day}?",
    # EMAIL_ADDRESS
    "Email: {email}.",
    "{He} would prefer contact by email, {email}.",
    "Sent the [PIP|SERVICE] form to {email}.",
    "{client_poss} email is {email}.",
    "Copy of the letter emailed to {email} on {date}.",
    # UK_NHS
    "NHS no. {nhs}.",
    "{His} NHS number is {nhs}.",
    "Referral to the memory clinic sent with NHS number {nhs}.",
    "{gp} confirmed NHS no {nhs}.",
    "NHS number: {nhs} (checked with the surgery).",
    # UK_NINO
    "NI no. {nino}.",
    "National Insurance number {nino}.",
    "{He} gave {his} NI number as {nino} for the [Universal Credit|SERVICE] claim.",
    "NINO: {nino}.",
    "Checked {his} national insurance number ({nino}) with the [DWP|ORGANISATION].",
    # DATE_OF_BIRTH
    "{client_full}, {dob}, came in with {rel}.",
    "{client_title} ({dob}) was seen at the [jobcentre|SERVICE].",
    "{He} confirmed {his} date of birth as {dob_value}.",
    "Details checked: {dob}.",
    "{client_first} ({dob}) lives alone.",
    "Pension age query, {dob}.",
    "The passport gives {his} date of birth as {dob_value}.",
    # BANK_ACCOUNT
    "{He} banks with [Barclays|ORGANISATION], sort code {sort_code}, account number {account}.",
    "Grant to be paid to sort code {sort_code}, account number {account}.",
    "Account number {account} for the [Household Support Fund|SERVICE] payment.",
    "Sort code {sort_code} (the [Monzo|ORGANISATION] account).",
    "{He} gave the wrong sort code, {sort_code}, so the payment bounced.",
    # CASE_REFERENCE
    "Case ref {case_ref}.",
    "Our ref: {case_ref}.",
    "The police gave {him} a crime reference, {crime_ref}.",
    "Client no. {client_no}.",
    "Please quote case ref {case_ref} in all letters.",
    "Crime reference number {crime_ref} for the break-in.",
    # UK_VEHICLE_REGISTRATION
    "{He} has been sleeping in {his} car, a {car}, reg {vrm}.",
    "{Rel} drives a {car} ({vrm}) and has been parking outside {his} flat.",
    "Parking fine for vehicle {vrm} from [the council|ORGANISATION].",
    "The van, reg {vrm}, was clamped on {date}.",
    "{He} needs the car ({vrm}) for work, so the [Motability|SERVICE] renewal matters.",
    # UK_PASSPORT
    "Passport number {passport}.",
    "{He} has a passport, number {passport}, but it runs out in {month}.",
    "Copy of passport no. {passport} taken for the ID check.",
    "ID seen: passport {passport}.",
]

# First person: a resident's answers in an interview transcript.
PII_1P = [
    "My name's {client_full}, I'm {age_bare}.",
    "{My_rel} helps with the shopping when they can.",
    "I live with {my_rel} and the dog.",
    "{My_rel} doesn't know I'm here.",
    "I rang {gp} and they said there was nothing they could do.",
    "There's a lady at church, {other}, she's been really good to me.",
    "{My_rel_poss} school keeps ringing me.",
    "{worker} at the [food bank|SERVICE] sorted me out with a voucher.",
    "Me and {my_rel} were sleeping on a mate's sofa for a month.",
    "{other} from [the council|ORGANISATION] came round and had a look.",
    "Ask for {worker}, they know my case.",
    "I've got {my_rel_mid} who pops in, but they work all hours.",
    "Everyone calls me {client_first}, always have.",
    "{My_rel} is {kid_age_bare} and doesn't understand why we moved.",
    # STREET_ADDRESS / UK_POSTCODE
    "I'm at {addr} now, in {place}.",
    "I live at {addr}, it's a ground floor flat.",
    "We were at {addr} before the eviction.",
    "The address is {addr}, {postcode}.",
    "My postcode is {postcode}.",
    "It's {district}, the postcode, if that helps.",
    "We moved to {postcode}, near my mum.",
    # PHONE_NUMBER / EMAIL_ADDRESS
    "My number's {phone}.",
    "Ring me on {mobile}, not the landline.",
    "You can text me on {mobile}.",
    "My email is {email}.",
    "Send it to {email}, I check it on my phone.",
    # identifiers
    "My NHS number's {nhs}, I've got it written down.",
    "My national insurance is {nino}.",
    "NI number, hang on, {nino}.",
    "I was {dob_born}, so I'm {age_bare} now.",
    "My date of birth is {dob_value}.",
    "My sort code's {sort_code} and the account number is {account}.",
    "The account number is {account}, it's a basic account.", "Sort code's {sort_code}, I think.",
    "The police gave me a crime reference, {crime_ref}.",
    "My case number at [Citizens Advice|ORGANISATION] is {case_ref}.",
    "I'm sleeping in the car, it's a {car}, reg {vrm}.",
    "My passport number is {passport}, but it's expired.",
]

# ---- sentences without PII (they carry KEEP spans) -------------------------------------------------
OPENERS_3P = [
    "Client seen at the drop-in on {date}.", "Telephone call from a client {date_rel}.",
    "Home visit {date_rel}.", "Client came to the [food bank|SERVICE] on {date}.",
    "Walk-in at the [Citizens Advice|ORGANISATION] outreach session in {place}.",
    "A {someone} came into the [food bank|SERVICE] {date_rel}.",
    "An older {person_noun} came to the warm space on {day}.",
    "Follow-up call, {date}.", "Referral received from the [GP|SERVICE] on {date}.",
]
FILLERS_3P = [
    "Referred to {refer} on {date}.", "Debt appointment booked with [Citizens Advice|ORGANISATION] for {date}.",
    "{He} has been on [Universal Credit|SERVICE] since {month}.",
    "{His} [PIP|SERVICE] was stopped after the reassessment in {month}.",
    "Rent arrears now stand at {big_money}.", "{He} is {age_bare} and lives alone.",
    "Issued a [food bank|SERVICE] voucher.", "Gave {him} the [Samaritans|ORGANISATION] leaflet.",
    "Signposted to [StepChange|ORGANISATION] and [National Debtline|ORGANISATION].",
    "{His} youngest, {kid_age}, has just started at a new school.",
    "{He} was seen at [A&E|SERVICE] in {place} {date_rel}.",
    "[The council|ORGANISATION] has not replied to the repair request.",
    "Will follow up next week.", "Will ring back on {day}.", "Hope to see {him} at the coffee morning on {day}.",
    "Will ask [the council|ORGANISATION] about a [Discretionary Housing Payment|SERVICE] {date_next}.",
    "May be eligible for [Pension Credit|SERVICE], so booked a benefits check.",
    "The [housing association|ORGANISATION] gave a grace period of two weeks.",
    "There is hope the appeal will go through in {month}.", "Mark the file as urgent.",
    "{He} will bring the gas bill next time.", "Bill from [British Gas|ORGANISATION] came to {money}.",
    "Frank conversation about the arrears, and {he} agreed to a budget plan.",
    "The rent rose by {small_money} a week in {month}.", "The allotment soil is sandy and needs compost.",
    "{He} starts the course in {month}.", "Grace period on the loan ends {date_next}.",
    "Next review booked for {date}.", "{He} owes {big_money} on a catalogue account.",
    "{Rel_anon} came along for support.", "{He} is {age} and caring for {rel_anon}.",
    "Discussed a referral to {refer}; {he} is thinking about it.",
    "{He} has an appointment at the [jobcentre|SERVICE] on {day}.",
    "The [Household Support Fund|SERVICE] grant of {money} was approved {date_rel}.",
    "{He} says the [DWP|ORGANISATION] lost {his} paperwork twice.",
    "{He} has been waiting since {month} for a [Talking Therapies|SERVICE] assessment.",
    "Applied to [Turn2us|ORGANISATION] for a grant of {money} towards a cooker.",
    "The [GP|SERVICE] has signed {him} off work until {date}.",
    "Energy debt of {big_money} with [Octopus|ORGANISATION]; asked about the [Warm Home Discount|SERVICE].",
    "{He} moved to {place} from {place2} {date_rel}.",
    "[Shelter|ORGANISATION] are helping with the section 21 notice.",
    "{He} was given a [Blue Badge|SERVICE] form to take home.",
    "{He} said {he} will pop in again on {day}.", "Tea and a chat; {he} seemed brighter than last time.",
    "No further action for now.", "{His} mum is {old_age} and lives in {place2}.",
    "Food parcel and {small_money} of top-up vouchers given.",
    "[Mind|ORGANISATION] have a peer support group on {day} evenings.",
    "[Refuge|ORGANISATION] helpline details given discreetly.",
    "{He} attended the [Trussell Trust|ORGANISATION] session in {place} on {date}.",
    "{His} [Child Benefit|SERVICE] has not been paid since {month}.",
    "Council tax summons added {money} in court costs.",
    "{He} needs {small_money} for the electric key before {date_next}.", "Arrears are {big_money} and rising.",
    "{He} was told at the [jobcentre|SERVICE] that the sanction lasts until {date}.",
    "Will call {him} {date_next} to check the form went in.", "Will chase [the council|ORGANISATION] about the repair.",
    "May have to apply for a [Discretionary Housing Payment|SERVICE] if the shortfall continues.",
    "Bill for the water is {money}, paid in instalments.", "Bill payments are on direct debit now, nothing to chase.",
    "Frank talk with the landlord about the deposit.", "Hope is that the tribunal will overturn the decision.",
    "Grace period of 28 days agreed with the water company.", "Mark on the bedroom ceiling is spreading; photos taken.",
    "Rose early to queue at the [food bank|SERVICE] before it opened.", "Prices rose again this month.",
    "[June|DATE] is when the tenancy ends.", "The landlord wants to jack up the rent again.",
    "Faith groups in {place} run a free lunch on {day}.", "{He} was up at dawn to catch the bus to the hospital.",
    "No joy from the [DWP|ORGANISATION] yet.", "{He} collects {his} prescription from [Boots|ORGANISATION] in {place}.",
    "Phoned [StepChange|ORGANISATION] together and set up a debt management plan.",
    "{His} [Pension Credit|SERVICE] claim went in on {date}.",
    "[Age UK|ORGANISATION] are sending a befriender from {date_next}.",
    "[Victim Support|ORGANISATION] have been in touch since {date_rel}.",
    "{He} lost {his} job at the warehouse in {month}.",
    "The [NHS 111|SERVICE] call led to an ambulance {date_rel}.", "{He} gets [Attendance Allowance|SERVICE] now.",
    "Uniform grant of {money} from [Lewisham Council|ORGANISATION].",
    "[Christians Against Poverty|ORGANISATION] visit booked for {date}.",
    "Sandy patch by the river is where {he} sits most afternoons.",
    "{He} is waiting for a [CAMHS|SERVICE] appointment for {rel_anon}.",
]
CLOSERS_3P = [
    "Next steps: benefits check and a [food bank|SERVICE] referral.", "Will review in two weeks.",
    "Case closed for now.", "Action: call back on {day}.", "Follow-up booked for {date_next}.",
    "Outcome: referred to {refer}.",
]
FILLERS_1P = [
    "I've been on [Universal Credit|SERVICE] since {month} and it's never enough.",
    "The [food bank|SERVICE] in {place} has been a lifeline.", "I owe about {big_money} on the catalogue.",
    "My eldest is {kid_age_bare} now, a good lad.", "I went to [A&E|SERVICE] {date_rel} with my chest.",
    "[Citizens Advice|ORGANISATION] helped me fill in the [PIP|SERVICE] form.",
    "I rang the [jobcentre|SERVICE] and waited forty minutes.",
    "There's no hope of getting a council flat round here.",
    "My nan always said where there's a will there's a way.",
    "The rent went up by {small_money} a week in {month}, just like that.",
    "I'm {age_bare}, I shouldn't be this tired.",
    "We've been in {place} since {month}.", "I haven't had the heating on since {month}.",
    "The [GP|SERVICE] just upped my tablets.", "[Mind|ORGANISATION] were brilliant, honestly.",
    "I'd rather go without than ask my family again.", "I got a letter from [the council|ORGANISATION] {date_rel}.",
    "The bill was {money} and I just cried.", "I mark the days off on the calendar till payday.",
    "The kids were off for half term and that's {small_money} a week I haven't got.",
    "I've been waiting since {month} for a decision from the [DWP|ORGANISATION].",
    "They gave me a grace period but it ends {date_next}.", "I'll be honest with you, it's been hard.",
    "My mum's {old_age}, she can't help like she used to.", "I was at the [food bank|SERVICE] on {day}.",
    "I get {small_money} a week after the deductions.", "I phoned [Samaritans|ORGANISATION] once, in the night.",
    "[Shelter|ORGANISATION] told me the eviction notice wasn't valid.",
    "We moved up from {place2} in {month}.",
    "Will they cut my money again, do you think?", "May as well be talking to a brick wall with that landlord.",
    "I live in hope, don't I?", "To be frank, I didn't think anyone would help.", "Bill after bill, it never stops.",
    "Mark my words, it'll go up again.", "I had a grace period of a month and then nothing.",
    "Prices rose again and the money didn't.", "I was up at dawn, worrying.", "No joy with [the council|ORGANISATION].",
    "My mum's in {place2}, it's two buses.", "The [Salvation Army|ORGANISATION] gave us a hamper at Christmas.",
    "I did a shift at the warehouse on {day} and it messed up my [Universal Credit|SERVICE].",
    "[Age UK|ORGANISATION] sent someone round, she was lovely.", "We had no electric for three days in {month}.",
    "The [housing association|ORGANISATION] said they'd come {date_next}, they never do.",
]
QUESTIONS = [
    "How have you been managing?", "Can you tell me a bit about yourself?",
    "Will you tell me a bit more about that?", "Who helped you?", "May I ask how old you are?",
    "And when was that?", "What happened then?", "How did you hear about us?", "What would help most right now?",
    "Is it okay if I write that down?", "Will you be okay if I call back next week?",
    "Do you feel safe at home?", "How are the kids doing?", "What about money, how are you fixed?",
    "Will you be warm enough this winter?", "May I ask what you get a week?", "Is there any hope things improve?",
]
INTERVIEWER_LABELS = ["Interviewer", "INT", "Q", "I", "Facilitator", "Worker"]
RESIDENT_LABELS = ["Resident", "R", "A", "P3", "Participant 2", "Client", "Respondent"]
TRANSCRIPT_HEADERS = [
    "Interview, {place} community centre, {date}", "Transcript: listening session, {date}",
    "Audio notes, warm space, {day}", "Focus group extract, {place}, {date}",
]
FORM_HEADERS = ["REFERRAL FORM - {org}", "Intake form ({org}, {place})", "Self-referral, {date}",
                "Referral to the [food bank|SERVICE], {date}", "Client details - {org}"]
FORM_REASONS = ["Reason for referral:", "Notes:", "Presenting issue:", "Support needed:"]
