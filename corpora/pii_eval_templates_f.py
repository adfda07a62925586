"""Template set F for the labelled anonymisation test set (`python -m corpora.pii_eval --templates f`).

Written in the sixth round by a writer who never read the anonymiser's rules; a tuning set (set G is held out).
Registers: a refugee / asylum caseworker, a hospital discharge coordinator's handover, a carers' centre log,
residents' Outlook emails to a council anti-social-behaviour team (From:/Sent:/To: headers, signatures), a peer-
support group facilitator and a volunteer driver scheme's booking sheet. New forms: "Surname, Forename", middle
names, initials ("A.L. Khan", "Khan A", "AK"), quoted nicknames; floors, rooms, hotel rooms, "2F1" flats, "Gdns",
the street before the number; postcodes hyphenated, half lower case or over a line break; "0044" and "+44 (0)"
phones; NHS numbers with dots or slashes; hyphenated NI numbers; "03-MAR-1990", "born in <city> on"; IBANs, en-dash
sort codes; Home Office refs, UANs, hospital numbers (MRN: CASE_REFERENCE); Northern Irish and suffix plates;
foreign passports and BRPs. A BRP goes in the `passport` slot (the only identity-document slot): UK_PASSPORT.
Same syntax and slots as set A (corpora.pii_eval_templates); money and ordinary dates are A's.
"""
from __future__ import annotations

import random
import re

from corpora import pii_eval_templates as _a
from corpora.pii_eval_templates import *  # noqa: F401,F403  (money, ordinary dates)
from corpora.pii_eval_templates import MONTHS

EXTRA_FEMALE = {
    "uk": ["Leigh-Ann", "Jo-Anne", "Mhairi", "Sorcha", "Ffion", "Lynsey", "Sian", "Nicola"],
    "south_asian": ["Tasleem", "Rizwana", "Navdeep", "Shamima", "Kulwinder"], "syrian": ["Rasha", "Ghalia", "Dalia",
    "Ruba", "Hiba"], "afghan": ["Marzia", "Freshta", "Mahbooba", "Shukria", "Zahra"], "sudanese": ["Awadia", "Hawa",
    "Suad", "Nafisa", "Ikhlas"], "eritrean": ["Lidya", "Feven", "Rahwa", "Winta", "Yordanos"], "iranian": ["Nazanin",
    "Shirin", "Parisa", "Mahsa", "Setareh"], "albanian": ["Arta", "Blerta", "Elona", "Drita", "Vjosa"], "ukrainian":
    ["Yuliia", "Halyna", "Nataliia", "Svitlana"], "nigerian": ["Omolara", "Bisola", "Chiamaka"], "caribbean":
    ["Jenelle", "Sharmaine", "Donna-Marie"]}
EXTRA_MALE = {
    "uk": ["Rory", "Alasdair", "Tomos", "Lyndon", "Rhodri", "Lewis-James"], "south_asian": ["Abdul-Karim",
    "Muhammad Usman", "Zeeshan", "Harvinder"], "afghan": ["Mirwais", "Hamidullah", "Ezatullah", "Farhad",
    "Abdul Wahid"], "syrian": ["Ma'moun", "Mazen", "Ghassan", "Yamen", "Anas"], "sudanese": ["Musab", "Abdelrahman",
    "Elfatih", "Mutasim"], "eritrean": ["Filmon", "Biniam", "Merhawi", "Kidane", "Ermias"], "iranian": ["Reza", "Arash",
    "Behnam", "Mehdi", "Kaveh"], "albanian": ["Arben", "Besnik", "Ilir", "Gezim", "Dritan"], "ukrainian": ["Serhii",
    "Andrii", "Mykola", "Vasyl"], "nigerian": ["Oluwatobi", "Ikechukwu", "Babajide"], "caribbean": ["Neville", "Linton",
    "Horace"]}
EXTRA_SURNAMES = {
    "uk": ["O'Sullivan", "Fitzpatrick", "McCrory", "Halliwell", "Entwistle", "Ogden-Smith", "McAteer"], "south_asian":
    ["Ul-Haq", "Nawaz", "Bhogal", "Kaur-Sandhu", "Qazi"], "afghan": ["Stanikzai", "Haidari", "Rahimi", "Sultani",
    "Mohammadi"], "syrian": ["Al-Khatib", "Al Hamwi", "Kabbani", "Al-Masri", "Shami"], "sudanese": ["Babiker", "Elamin",
    "El-Tayeb", "Abakar"], "eritrean": ["Tesfaye", "Gebreyesus", "Woldemichael", "Habte"], "iranian": ["Hosseini",
    "Rezaei", "Moradi", "Jafari"], "albanian": ["Hoxha", "Krasniqi", "Berisha", "Gashi"], "ukrainian": ["Tkachenko",
    "Hrytsenko", "Savchuk", "Boiko"], "nigerian": ["Oyelaran", "Akinola", "Ezeh"], "caribbean": ["McFarlane",
    "Brathwaite", "Williams-Ennis", "Beckford"]}
NICKNAMES = {"f": ["Nat", "Yuli", "Shiri", "Naz"], "m": ["Az", "Tobi", "Ilo", "Sav"]}
# Everyday words as first names: the generator only uses them with a surname, a title or a relationship word.
TRICKY_FIRST = {"f": ["Heather", "Hazel", "Daisy", "Olive", "Autumn", "Robin", "Sky"],
                "m": ["Cliff", "Drew", "Rob", "Sunny", "Robin", "Pat", "Bob"]}
BACKGROUND_WEIGHTS = {"uk": 30, "south_asian": 10, "afghan": 8, "syrian": 7, "sudanese": 6, "eritrean": 6,
                      "iranian": 5, "albanian": 5, "ukrainian": 6, "nigerian": 6, "caribbean": 6, "somali": 5}
TITLES = {"f": ["Mrs", "Mrs", "Ms", "Miss", "Ms", "Dr", "Cllr", "Revd"], "m": ["Mr", "Mr", "Mr", "Mr", "Dr", "Cllr"]}
REL_WORDS = {"f": ["wife", "daughter", "mum", "sister", "fiancée", "stepmum", "flatmate", "sister-in-law", "twin",
                   "neighbour", "niece", "great-nan", "cousin", "ex-wife", "lodger"],
             "m": ["husband", "son", "dad", "brother", "fiancé", "stepdad", "flatmate", "brother-in-law", "twin",
                   "neighbour", "nephew", "grandad", "cousin", "ex-husband", "lodger"]}
MIDDLE_NAMES = {"f": ["Louise", "Marie", "Anne", "Elizabeth", "Nur", "Amal"],
                "m": ["James", "Paul", "Edward", "Ahmad", "Ali", "Tesfu"]}


def client_alt_name(rng: random.Random, who) -> str:
    """Name forms sets A-E lack: "Surname, Forename", a middle name or its initial, initials before the
    surname or after it, a quoted nickname, bare initials, lower-case forename and surname initial."""
    first, last, title = who.first, who.last, who.title
    middle = MIDDLE_NAMES[who.gender][sum(map(ord, first + last)) % len(MIDDLE_NAMES[who.gender])]
    forms = [f"{last}, {first}", f"{last}, {first}", f"{first} {middle} {last}", f"{first} {middle[0]}. {last}",
             f"{first[0]}.{middle[0]}. {last}", f"{first} {last.upper()}", f"{last}, {first} ({title})",
             f"{last.upper()}, {first} {middle}", f"{last} {first[0]}", f"{first[0]}{last[0]}"]
    if not who.tricky:
        forms += [f"{first.lower()} {last[0].lower()}", f"{first} {last[0]}"]
        if len(first) >= 6 and " " not in first and "-" not in first:
            forms.append(f"{first} '{first[:3]}' {last}")
    return rng.choice(forms)


PLACES = [
    "Stockton-on-Tees", "Dewsbury Moor", "Cheetham Hill", "Heckmondwike", "Levenshulme", "Hyson Green", "Small Heath",
    "Walthamstow", "Manningham", "Sunderland", "Harehills", "Govanhill", "Sighthill", "Page Hall", "Doncaster", "Stoke",
    "Rotherham", "Wakefield", "Blackburn", "Butetown", "Pitsmoor", "Belgrave", "East Ham", "Barnsley", "Coventry",
    "Plymouth", "Lozells", "Halifax", "Armley", "Splott", "Derby", "Hull",
]
POSTCODE_DISTRICTS = ["LS7", "LS12", "BD8", "HD1", "M16", "M13", "OL8", "G42", "G21", "CF11", "CF10", "S4", "DN1",
                      "HU5", "WF1", "SR4", "TS18", "BB1", "L4", "CV1", "NG7", "LE4", "B10", "B19", "E17", "E6",
                      "N15", "S65", "S70", "HX1", "ST4", "DE23", "PL1"]
BIRTH_CITIES = ["Kabul", "Herat", "Asmara", "Khartoum", "Aleppo", "Homs", "Tehran", "Erbil", "Tirana", "Kharkiv"]
LANGUAGES = ["Dari", "Pashto", "Tigrinya", "Sudanese Arabic", "Farsi", "Kurmanji", "Albanian", "Ukrainian"]
EMAIL_DOMAINS = ["gmail.com", "gmail.com", "hotmail.co.uk", "btopenworld.com", "ntlworld.com", "talktalk.net",
                 "me.com", "yahoo.com", "outlook.co.uk", "protonmail.com", "nhs.net", "mail.com"]
EMAIL_WORDS = ["smiley", "bluemoon", "cuppatea", "lilmiss", "yorkie", "toffees", "swansea1", "nanna", "tigerlily"]
CARS = ["silver Skoda Octavia", "white Dacia Sandero", "blue Kia Picanto", "red Honda Jazz", "grey Toyota Prius",
        "black Vauxhall Zafira", "maroon Nissan Note", "gold Hyundai i10", "green Citroen Berlingo with a ramp"]
ORGANISATIONS = ["Refugee Council", "Migrant Help", "British Red Cross", "Refugee Action", "Carers Trust", "Mind",
                 "Rethink Mental Illness", "Hearing Voices Network", "Royal Voluntary Service", "Kirklees Council",
                 "Bradford Council", "West Yorkshire Police", "the Home Office", "Freedom from Torture"]
REFER_TO = ["Migrant Help", "Refugee Action", "British Red Cross", "Carers Trust", "Mind", "Age UK",
            "Doctors of the World", "the crisis team", "the Recovery College", "Talking Therapies", "mediation",
            "Environmental Health", "patient transport", "the district nurses"]
SERVICE_NAMES = {"the crisis team", "the Recovery College", "Talking Therapies", "mediation", "Environmental Health",
                 "patient transport", "the district nurses"}

F_STREET_NAMES = ["Harrow", "Tanyard", "Cobden", "Bessemer", "Ropemaker", "Kestrel", "Sorrel", "Cinderhill", "Malt",
                  "Whitebeam", "Copperas", "Lime Kiln", "Bridgewater", "Old Mill", "Plover", "Sandpiper", "Tivoli",
                  "Brunswick", "Cloth Hall", "Ferry"]
F_STREET_TYPES = ["Mews", "Rise", "Walk", "Parade", "Row", "Gardens", "Chase", "Garth", "View", "Way", "Court",
                  "Square", "Hill", "Green", "Yard", "Wharf", "Road", "Street", "Avenue"]
_SHORT = {"Road": "Rd", "Street": "St", "Gardens": "Gdns", "Square": "Sq", "Court": "Ct", "Parade": "Pde",
          "Avenue": "Ave"}
F_BLOCKS = ["Harrow", "Cobden", "Bessemer", "Wharfside", "Plover", "Tivoli", "Saltings", "Ropewalk"]
HOTELS = ["Millgate Hotel", "Westfield Court Hotel", "Parkside Inn", "Tivoli Hotel", "Airport Lodge"]


def _pick(rng: random.Random, weighted: list[tuple[float, str]]) -> str:
    return rng.choices([v for _, v in weighted], weights=[w for w, _ in weighted])[0]


def street_address(rng: random.Random) -> str:
    """Floors, rooms (hotel rooms too), Edinburgh "2F1" flats, abbreviated street words, the street first."""
    n, k, word = rng.randrange(1, 200), rng.randrange(1, 40), rng.choice(F_STREET_TYPES)
    street = f"{rng.choice(F_STREET_NAMES)} {_SHORT.get(word, word) if rng.random() < 0.25 else word}"
    block = f"{rng.choice(F_BLOCKS)} {rng.choice(['Court', 'House', 'Point', 'Heights', 'Lodge'])}"
    floor = rng.choice(["ground", "1st", "2nd", "3rd", "4th", "5th"])
    value = _pick(rng, [(22, f"{n} {street}"), (5, f"{n}{rng.choice('abc')} {street}"), (4, f"{n}-{n + 2} {street}"),
                        (6, f"Flat {k}, {block}"), (5, f"{floor} floor, {n} {street}"), (3, f"Studio {k}, {block}"),
                        (3, f"{floor.capitalize()} Floor Flat, {n} {street}"), (4, f"rm {k}, {n} {street}"),
                        (4, f"Rm {rng.randrange(1, 4)}{rng.randrange(10, 40)}, {rng.choice(HOTELS)}"),
                        (3, f"Flat {rng.randrange(1, 5)}F{rng.randrange(1, 4)}, {n} {street}"),
                        (3, f"Basement flat, {n} {street}"), (2, f"Top flat, {n} {street}"), (4, f"{street}, {n}"),
                        (2, f"{street} {n}"), (4, f"Flat {k}, {block}, {n} {street}"), (2, f"Rear of {n} {street}"),
                        (2, f"Annexe, {n} {street}"), (3, f"Bedsit {k}, {n} {street}"), (2, f"No.{n} {street}")])
    r = rng.random()
    return value.lower() if r < 0.1 else value.upper() if r < 0.15 else value


def postcode(rng: random.Random, district: str | None = None) -> str:
    """Spaced, run together, hyphenated, half in lower case, or broken over a line as pasted from an email."""
    d, letters = district or rng.choice(POSTCODE_DISTRICTS), "ABDEFGHJLNPQRSTUWXYZ"
    i = f"{rng.randrange(10)}{rng.choice(letters)}{rng.choice(letters)}"
    value = _pick(rng, [(55, f"{d} {i}"), (16, f"{d}{i}"), (6, f"{d}\n{i}"), (4, f"{d}-{i}"), (5, f"{d.lower()} {i}"),
                        (5, f"{d} {i.lower()}")])
    return value.lower() if rng.random() < 0.1 else value


_LAND = [(c, "496") for c in ("0113", "0114", "0115", "0116", "0117", "0118", "0121", "0131", "0141", "0151", "0161")]


def phone(rng: random.Random, kind: str = "any") -> str:
    """Ofcom drama ranges written with 0044, +44 (0), brackets round the code, dots and odd groupings."""
    n = f"{rng.randrange(1000):03d}"
    if kind == "mobile" or (kind == "any" and rng.random() < 0.5):
        return rng.choice([f"0044 7700 900{n}", f"0044 (0)7700 900 {n}", f"+44 (0) 7700 900{n}", f"(07700) 900{n}",
                           f"0770 090 0{n}", f"07700-900{n}", f"07700.900.{n}", f"+44(0)7700-900-{n}",
                           f"07700 900{n}", f"07700900{n}"])
    (a, mid), r = rng.choice(_LAND + [("0191", "498")]), rng.random()
    if r < 0.2:
        return rng.choice([f"+44 (0)20 7946 0{n}", f"(020) 7946-0{n}", f"020 79460{n}", f"0044 20 7946 0{n}"])
    if r < 0.85:
        return rng.choice([f"+44 (0){a[1:]} {mid} 0{n}", f"0044 {a[1:]} {mid} 0{n}", f"({a}) {mid}-0{n}",
                           f"{a}-{mid}-0{n}", f"{a} {mid}0{n}", f"{a} {mid} 0{n}", f"({a}){mid}0{n}"])
    return rng.choice([f"(01632) 960-{n}", f"01632-960{n}", f"+44 (0)1632 960{n}", f"028 9649 6{n}"])


def nhs_number(rng: random.Random) -> str:
    """Set A's valid numbers, written with dots, slashes, double spaces or one group run together."""
    d = re.sub(r"\D", "", _a.nhs_number(rng))
    a, b, c = d[:3], d[3:6], d[6:]
    return _pick(rng, [(40, f"{a} {b} {c}"), (22, d), (10, f"{a}.{b}.{c}"), (8, f"{a}  {b}  {c}"), (10, f"{a} {b}{c}"),
                       (10, f"{a}/{b}/{c}")])


def nino(rng: random.Random) -> str:
    """Set A's valid NI numbers, written with hyphens or the suffix letter run on."""
    v = re.sub(r"\W", "", _a.nino(rng)).upper()
    p, d, s, pairs = v[:2], v[2:8], v[8], f"{v[2:4]} {v[4:6]} {v[6:8]}"
    value = _pick(rng, [(30, f"{p} {pairs} {s}"), (20, v), (10, f"{p}-{pairs.replace(' ', '-')}-{s}"),
                        (10, f"{p} {d}{s}"), (8, f"{p}{pairs}{s}"), (8, f"{p} {pairs}{s}")])
    return value.lower() if rng.random() < 0.15 else value


def date_of_birth(rng: random.Random, style: str = "any", year: int | None = None) -> tuple[str, str]:
    """A (cue, value) pair; only the value is the DATE_OF_BIRTH span. Day before month, always."""
    y, m, d = year or rng.randrange(1935, 2009), rng.randrange(1, 13), rng.randrange(1, 29)
    suf = "th" if 4 <= d <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    month, mon, yy = MONTHS[m - 1], MONTHS[m - 1][:3], f"{y % 100:02d}"
    words = [f"{d:02d}-{mon}-{y}", f"{d:02d}-{mon.upper()}-{y}", f"{d}{suf} {month}, {y}", f"{d:02d}{mon.upper()}{y}",
             f"{d} {month.upper()} {y}", f"{d}{suf} {mon} {y}"]
    numeric = [f"{d:02d}.{m:02d}.{yy}", f"{d}/{m}/{yy}", f"{d:02d} / {m:02d} / {yy}", f"{d:02d}/{m:02d}/{y}",
               f"{d:02d}{m:02d}{y}"]
    if style == "born" or (style == "any" and rng.random() < 0.3):
        r = rng.random()
        if r < 0.45:
            return f"born in {rng.choice(BIRTH_CITIES)} on ", rng.choice(words + numeric[3:])
        if r < 0.65:
            return "born on the ", f"{d}{suf} of {month} {y}"
        return rng.choice(["born ", "born on "]), rng.choice(words + numeric)
    cue = rng.choice(["D.o.B: ", "DOB -> ", "dob=", "DOB | ", "Date of Birth: ", "d.o.b: ", "DOB:", "Dob ", "b/d ",
                      "DOB (dd/mm/yy) "])
    return cue, f"{d:02d}/{m:02d}/{yy}" if cue.startswith("DOB (") else rng.choice(words + numeric)


def sort_code(rng: random.Random) -> str:
    a, b, c = (f"{rng.randrange(100):02d}" for _ in range(3))
    return _pick(rng, [(40, f"{a}-{b}-{c}"), (15, f"{a}\u2013{b}\u2013{c}"), (10, f"{a} - {b} - {c}"),
                       (15, f"{a}{b}{c}"), (10, f"{a} {b} {c}"), (5, f"{a}-{b}{c}")])


def account_number(rng: random.Random) -> str:
    """Eight digits, in pairs or 3+5, or a GB IBAN (valid check digits) in groups of four or run together."""
    acct, r = f"{rng.randrange(10_000_000, 100_000_000)}", rng.random()
    if r < 0.15:
        bban = rng.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + f"{rng.randrange(100000, 999999)}" + acct
        iban = f"GB{98 - int(''.join(str(int(c, 36)) for c in bban + 'GB00')) % 97:02d}{bban}"
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4)) if rng.random() < 0.7 else iban
    pairs = " ".join(acct[i:i + 2] for i in range(0, 8, 2))
    return acct if r < 0.75 else pairs if r < 0.9 else f"{acct[:3]} {acct[3:]}"


def passport_number(rng: random.Random) -> str:
    """UK passports, other countries' passports (a letter and digits) and BRPs (two letters, seven digits)."""
    L, d7 = "ABCDEFGHJKLMNPRSTUVWXYZ", rng.randrange(1_000_000, 9_999_999)
    value = _pick(rng, [(30, f"{rng.randrange(100_000_000, 1_000_000_000)}"), (15, f"P{rng.randrange(10**7, 10**8)}"),
                        (10, f"{rng.choice(L)}{d7}"), (35, f"{rng.choice(['ZU', 'ZR', 'RF', 'ZX', 'RT'])}{d7}"),
                        (10, f"{rng.choice(L)}{rng.choice(L)}{d7 // 10}")])
    return value.lower() if rng.random() < 0.1 else value


def vehicle_registration(rng: random.Random) -> str:
    """Current plates, Northern Irish plates ("KEZ 4821") and pre-1983 suffix plates ("ABC 123D")."""
    L, r = "ABCDEFGHJKLMNOPRSTUVWXY", rng.random()
    age = rng.choice([f"{y:02d}" for y in range(2, 26)] + [str(y) for y in range(51, 75)])
    three = "".join(rng.choice(L) for _ in range(3))
    ni = rng.choice(["IA", "IG", "IJ", "IL", "EZ", "FZ", "KZ", "UI", "OI", "XI"])
    value = (f"{rng.choice('ABCDEFGHKLMNOPRSVWY')}{rng.choice(L)}{age} {three}" if r < 0.6 else
             f"{three[0]}{ni} {rng.randrange(100, 9999)}" if r < 0.8 else
             f"{three} {rng.randrange(1, 999)}{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}")
    r = rng.random()
    return value.replace(" ", "") if r < 0.12 else value.lower() if r < 0.22 else value


def case_reference(rng: random.Random, kind: str) -> str:
    """case_ref: Home Office references, UANs, ASB case numbers; client_no: hospital numbers (MRN) and member
    numbers; crime_ref: police log and crime numbers."""
    y, d7, r = rng.choice([2023, 2024, 2025]), rng.randrange(1_000_000, 9_999_999), rng.randrange
    if kind == "client_no":
        return rng.choice([f"{rng.choice(['RXF', 'RR8', 'RAE', 'RWY', 'RCF'])}{d7}", f"{rng.choice('DJKMS')}{d7 // 10}",
                           f"{d7}{rng.choice('ABCDEFHJK')}", f"H{r(10, 99)} {r(100000, 999999)}",
                           f"CRN{r(10000, 99999)}"])
    if kind == "crime_ref":
        force = rng.choice(["WYP", "GMP", "SYP", "NTP"])
        return rng.choice([f"{force}-{y}{r(1, 13):02d}{r(1, 29):02d}-{r(1, 9999):04d}",
                           f"CRI{y % 100}{r(100000, 999999)}", f"PR/{y % 100}/{r(10000, 99999)}"])
    ho = f"{rng.choice('BDHKMSTW')}{d7}"
    return rng.choice([ho, "-".join(f"{r(1000, 9999)}" for _ in range(4)), f"ASB/{y % 100}/{r(1, 99999):05d}",
                       f"ASB-{y}-{r(100, 9999)}", f"{ho}/{r(1, 5)}"])


# ---- sentences that carry PII --------------------------------------------------------------------
PII_3P = [
    # refugee / asylum resettlement caseworker
    "^Initial assessment with {client_alt} at the [Refugee Council|ORGANISATION] drop-in, {language} interpreter.",
    "{client_first} says {he} was {dob_born}, but the [Home Office|ORGANISATION] has another date.",
    "[Migrant Help|ORGANISATION] need {his} mob: {mobile}, as the old SIM stopped working.",
    "{client_first} came to the UK with {rel} and is waiting for a substantive interview.",
    "NINO letter arrived: {nino}, so the [Universal Credit|SERVICE] claim can go in.",
    "{client_alt} (known as {client_first}) is on [Section 95|SERVICE] support.",
    "HO ref: {case_ref} (on the [Home Office|ORGANISATION] letter of {date}).",
    "Post for {client_first} goes c/o {other} until the move-on is sorted.", "Letters c/o {other}, {addr}, {postcode}.",
    "{He} shares a room at {addr} with three other men and cannot sleep.", "UAN {case_ref}, from the decision letter.",
    "{client_alt}: GP registration done with {gp}, NHS no. to follow.",
    "^Casework appt: {client_full}, asylum claim lodged {date_rel}.",
    "{client_alt} was moved out of {addr} with two days' notice.", "BRP no. {passport}, leave to remain until {date}.",
    "{His} BRP ({passport}) was posted to the old hotel, {addr}.",
    "Move-on grant to be paid to s/c {sort_code}, a/c {account}.",
    "Age dispute: {client_alt} gives {his} DOB as {dob_value}.", "^Dear {client_title}, thanks for coming in on {day}.",
    "IBAN for the [Red Cross|ORGANISATION] grant: {account}.",
    "National passport {passport} is held by the [Home Office|ORGANISATION].",
    "Dispersal address from [Mears|ORGANISATION]: {addr}.",
    # hospital discharge coordinator
    "^Handover: {client_alt}, Ward 27, MRN {client_no}, medically fit for discharge {date_next}.", "MRN: {client_no}",
    "{client_first} wants to go to {rel_poss} house at {addr} for the first week.", "Hosp no {client_no} / NHS {nhs}.",
    "Pt {client_alt} ({age_bare}y) {dob}, for [reablement|SERVICE] on discharge.", "NOK: {rel}, tel no {phone}.",
    "Key safe at {addr}; the code is with the [district nurses|SERVICE].", "NHS No.: {nhs}",
    "NOK is {rel_mid} who wants a call before transport is booked.", "Discharge summary to {gp}, cc {client_lower}.",
    "{client_alt}, {dob}, lives alone, stairs to the front door.", "Discharge address is {addr}, not the one on file.",
    "Transport booked to {addr}, {postcode}; {rel} will be in.", "^Discharge planning for {client_title}, bay 4 bed 2.",
    "Ward clerk has {his} landline as {landline}, out of date.", "NHS {nhs} - confirmed against the wristband.",
    # carers' centre support log
    "{client_title} asked us to email {email} rather than post letters, as {rel} opens them.", "Acc no: {account}",
    "{client_first} cares for {rel_mid} and hasn't had a night off since {month}.",
    "[Carer's Assessment|SERVICE] booked at home, {addr}, for {day} morning.",
    "Respite grant of {money} to go to sort code {sort_code}, acc {account}.",
    "^Support log: call with {client_title}, carer for {rel} (dementia).", "Email for the carers' newsletter: {email}",
    "{client_poss} landline is {landline}, mobile {mobile}.", "Young carer: {client_first}, {dob}, looks after {rel}.",
    "[Carer's Allowance|SERVICE] claim started: NI {nino}.", "Sort code {sort_code} - {he} read it off the card.",
    "^Carer {client_alt} dropped in, tearful.", "Carers' emergency card no. {client_no}.",
    # residents' emails to the anti-social behaviour team, pasted from Outlook
    "^From: {client_alt} <{email}>\nSent: {day} {date}, 22:14\nTo: ASB Team\nSubject: Noise from upstairs AGAIN\n",
    "^From: {client_alt}\nSent: {date}, 07:52\nTo: Anti-Social Behaviour\nSubject: RE: case update\n", "^Hi {worker},",
    "^-----Original Message-----\nFrom: {client_full} <{email}>\nSubject: parking and shouting\n",
    "The car is a {car}, registration {vrm}, and it's parked across my drive most days.",
    "I have logged it on the [noise app|SERVICE] and rang the police, log {crime_ref}.",
    "The man at {addr} has been revving a {car}, reg {vrm}, outside my window at 2am.",
    "I can be contacted on {mobile} after 5pm, or the landline {landline}.",
    "My ASB case number is {case_ref}, I've had no update since {month}.",
    "^Dear {worker}, I'm writing again about the people at {addr}.", "I live at {addr}; the music starts at 11pm.",
    "Their visitors park a van ({vrm}) on the grass verge.", "Police ref {crime_ref} - they said to contact you.",
    "Kind regards,\n{client_full}\nPractice Manager, [Holme Lane Surgery|ORGANISATION]\n"
    "{worker}\nASB Case Officer\n[Bradford Council|ORGANISATION]\nTel: {landline} ext. 4471",
    "The postcode here is {postcode}, for the [Environmental Health|SERVICE] visit.",
    "Regards\n{client_alt}\nSenior Care Assistant\nmob: {mobile}", "{client_full} | Warehouse Team Leader | {mobile}",
    "Thanks\n{client_first}\n{addr}\n{postcode}", "Tel: {landline} ext. 214 | Mob: {mobile}",
    "Best wishes,\n{client_full}\n{email}", "{other} at {addr} will back me up.",
    # mental-health peer-support group facilitator
    "^Group session, {day}: seven attended, including {client_lower} for the first time.",
    "{client_first} asked us not to text {mobile} any more, as {rel} reads {his} phone.",
    "{client_first} shared about {his} week; {rel} has been a big support.", "Address for the crisis card: {addr}.",
    "Check-in: {client_lower} said {he} was 'hanging on by a thread'.",
    "Safety plan shared with {gp} with {client_poss} consent.", "^Peer support check-in with {client_alt}, {date}.",
    "{client_alt} left early, so rang {him} on {phone} at 8.", "{worker} co-facilitated; {other} covered the tea.",
    "{client_lower} mentioned {gp} has upped the sertraline.", "Buddy system: {client_first} paired with {other}.",
    # volunteer driver scheme booking sheet
    "Passenger's postcode ({district}) is outside our area, so passed to [patient transport|SERVICE].",
    "Pick-up: {addr}, {postcode}. Drop: [Royal Infirmary|ORGANISATION] outpatients.", "Member no. {client_no}, {dob}.",
    "^Booking: {client_title}, pick up {addr} 09:15, return after clinic.", "Passenger tel {phone}, ring on arrival.",
    "{client_first} is a wheelchair user; {rel} travels as escort.", "Lives in {district} - borderline for the scheme.",
    "^Driver sheet {day}: {worker} has three runs.", "Pick up from {addr} - blue door, ring twice.",
    "Return journey to {postcode}, est. 40 mins.", "Mileage claim for {worker}: {small_money}.",
    "Driver {worker}, {car}, reg {vrm}.", "{client_lower} rang from {phone}.", "tel no {landline} (wife answers)",
    "Vehicle: {vrm} (ramp fitted).", "Tel: {landline} ext. 3305",
    # identifiers on their own
    "{His} DOB on the booking sheet was wrong; corrected to {dob_value}.", "Old passport {passport} expired in {year}.",
    "Checked identity ({dob}) before reading out the letter.", "{He} read out {his} NI, {nino}, from an old payslip.",
    "{His} NHS number ({nhs}) is written on the red bag.", "{He} forwarded the photos from {email} at midnight.",
    "Reply to {email}, please, not the work address.", "NI no. on the [PIP|SERVICE] letter: {nino}.",
    "Passport seen ({passport}), copy on file.", "ID checked - {dob} - matches the BRP.", "Carer's own details: {dob}.",
    "Hospital passport says NHS {nhs}.",
]

PII_1P = [
    "{My_rel_poss} memory is going, some days are worse than others.", "My NHS number, the nurse wrote it here: {nhs}.",
    "The passport from home, number {passport}, the agent kept it.", "They put us in {addr}, one room for four people.",
    "Account number {account}, it's a [Monzo|ORGANISATION] one.", "My reference is {case_ref}, they always ask for it.",
    "My full name is {client_alt}, it's on the card like that.", "My birthday is {dob_value}, but they wrote it wrong.",
    "Call me {client_first}, nobody uses my full name.", "They gave me a national insurance number, {nino}.",
    "The number on my hospital band is {client_no}.", "The noisy ones are at {addr}, everyone knows.",
    "I was {dob_born}, that's what the papers say.", "The police gave me a log number, {crime_ref}.",
    "I'm in {addr} now, the [Home Office|ORGANISATION] moved me.", "{gp} put me on the waiting list in {month}.",
    "It's {addr}, off the main road, {postcode}.", "My old number was {phone}, don't use that.",
    "Text me on {mobile}, I can't always talk.", "{My_rel} looks after me on the bad days.",
    "I drive my husband in the {car}, {vrm}.", "The facilitator, {worker}, is lovely.", "My BRP number is {passport}.",
    "I care for {my_rel_mid} full time.", "The postcode, it's {postcode}.", "Postcode? {postcode}, I think.",
    "My sort code is {sort_code}.", "Ring the house, {landline}.", "You can email me, {email}.",
]

# ---- sentences without PII (they carry KEEP spans) -------------------------------------------------
OPENERS_3P = [
    "Outreach at the [Refugee Council|ORGANISATION] hub in {place}, {date}.", "Volunteer driver bookings for {date}.",
    "Email pasted in from the ASB inbox, {date}.", "Peer support group notes, {day} evening.", "Casework log, {date}.",
    "Carers' centre support log, {date}.", "Discharge handover, {day} am.",
]
FILLERS_3P = [  # with everyday words that are also first names (Cliff, Daisy, Drew, Will, May, Hope, Mark, ...)
    "Travel warrant for the interview costs {money}; [British Red Cross|ORGANISATION] may help.",
    "Move-on period ends {date_next}; [Refugee Action|ORGANISATION] are helping with housing.",
    "[Mind|ORGANISATION] leaflets and the [Samaritans|ORGANISATION] card left on the table.",
    "[Carer's Allowance|SERVICE] is [£81.90|MONEY] a week and it barely touches the sides.",
    "[Environmental Health|SERVICE] will install noise monitoring kit for a fortnight.",
    "[Section 95|SERVICE] payments are [£49.18|MONEY] a week per person, on the card.",
    "Substantive interview at the [Home Office|ORGANISATION] in {place2} on {date}.", "Clear sky, so the ramp was icy.",
    "[Carers Trust|ORGANISATION] grant of {money} approved for a washing machine.",
    "The [Community Trigger|SERVICE] threshold is three complaints in six months.",
    "Journey is 14 miles each way; the passenger pays {small_money} towards fuel.",
    "Cliff edge when [asylum support|SERVICE] stops 28 days after the decision.", "Booking taken by phone {date_rel}.",
    "Hope to get {him} onto the [Recovery College|SERVICE] course in {month}.", "Costs a few bob for a taxi otherwise.",
    "[Kirklees Council|ORGANISATION] confirmed the housing duty on {date}.", "A robin was singing by the garden bench.",
    "[Doctors of the World|ORGANISATION] helped with the GP registration.", "Sunny afternoon, so we met in the garden.",
    "[Patient transport|SERVICE] declined the journey, so we stepped in.", "{His} mum is {old_age} and in a care home.",
    "Discharge delayed: waiting for a package of care since {date_rel}.", "Incident diary sheets posted out on {date}.",
    "Will need a [pharmacy|SERVICE] delivery for the blister packs.", "May qualify for [Attendance Allowance|SERVICE].",
    "{He} is {age_bare} and still drives to the shops on good days.", "[District nurses|SERVICE] to visit {date_next}.",
    "A pat on the back for the new drivers, who covered every run.", "Real joy in the room when the news came through.",
    "[Mediation|SERVICE] offered; the other party has not replied.", "Carers' cafe on {day} at the library in {place}.",
    "[The crisis team|SERVICE] number reshared in the group chat.", "Bill for two weeks' respite came to {money}.",
    "Heather and gorse on the walk up the hill; all enjoyed it.", "Daisy chain of referrals, and nobody owns the case.",
    "Ground rules read out: confidentiality, phones on silent.", "Some guy from the garage rang about the minibus MOT.",
    "Grace period of 14 days agreed by the housing provider.", "Frank discussion with the ward sister about the delay.",
    "Autumn timetable for the group goes out in {month}.", "Faith groups in {place} offer a hot meal on {day}s.",
    "Drew up a plan with the [reablement|SERVICE] team.", "The hazel hedge by the car park has been cut back.",
    "Rose bushes at the centre were planted in {month}.", "TTO meds in the [discharge lounge|SERVICE] by 2pm.",
    "Arrears of {big_money} from before the move.", "Noise logged at 78 decibels at 1:40am.",
    "Mark the booking as a wheelchair job.", "Olive oil, rice and tea in the pack.",
]
CLOSERS_3P = ["Sent from my iPhone", "Sent from Outlook for Android", "Action: chase the ward on {day}.",
              "Next group session {date_next}.", "Booking confirmed with the driver.", "Log closed for today."]
FILLERS_1P = [
    "The bill for the taxi was {money}, I can't do that every week.", "The ward said {day}, then they said not yet.",
    "[Carers UK|ORGANISATION] told me about the allowance.", "I'm {age_bare} and I never thought I'd be a carer.",
    "In my country I was a teacher, here I wait.", "The music goes on till four in the morning.",
    "The hotel food makes the children sick.", "I get {small_money} a week on the card.", "Will they send me back?",
    "I drew the curtains and stayed in bed.", "My English is getting better, slowly.", "We came to {place} in {month}.",
    "The group is the only place I talk.", "My hope is that I can work again.", "May I bring my friend next time?",
    "I've had no break since {month}.", "It's a cliff edge, the 28 days.", "Frankly, I'm exhausted.",
]
QUESTIONS = ["How has your week been?", "Who else is at home with you?", "What would make the biggest difference?",
             "Is it alright if I write this down?", "How are you sleeping at the moment?", "Any break from caring?",
             "Has anyone from the council been back?", "When did they say you can go home?",
             "How did you get here today?", "Do you feel safe where you're staying?"]
INTERVIEWER_LABELS = ["Caseworker", "CW", "Facilitator", "Coordinator", "Carer support worker", "Booker"]
RESIDENT_LABELS = ["Client (via interpreter)", "Member", "Carer", "Patient", "Passenger", "Complainant"]
TRANSCRIPT_HEADERS = ["Interpreted casework call, {date}", "Peer group round, {day}", "Carers' line, {date}"]
FORM_HEADERS = ["VOLUNTEER DRIVER BOOKING SHEET - {date}", "Hospital discharge handover, {date}",
                "Carers' centre registration ({place})", "ASB complaint form (online), {date}",
                "Asylum support intake ({place})", "Peer support group sign-up, {day}"]
FORM_REASONS = ["Journey notes:", "Handover notes:", "Caring situation:", "Details of incident(s):", "Notes:"]
