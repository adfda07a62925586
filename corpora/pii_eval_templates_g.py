"""Template set G, held out: written by a writer who never read the anonymiser's rules; never tune on it.

`python -m corpora.pii_eval OUT --templates g`. Registers no earlier set has: a street-outreach shift log, an advice
webchat (timed "Adviser:" / "Client:" turns, the client typing fast in lower case), a befriending call log, a SEND
parents' forum note, a pantry / warm space incident book, a voice note through speech-to-text and a letter of
support. Values in shapes of their own (numbers said as words, postcodes spelled out, hostel rooms, Glasgow and
Edinburgh flats, nicknames in quotes, "Mr and Mrs ...", Northern Irish plates). Syntax and labels as set A's.
"""
from __future__ import annotations

import random
import re

from corpora import pii_eval_templates as _a
from corpora.pii_eval_templates import *  # noqa: F401,F403  (months, days; the syntax is set A's)
from corpora.pii_eval_templates import MONTHS

EXTRA_FEMALE = {
    "uk": ["Oonagh", "Grainne", "Orla", "Tamsin", "Morwenna", "Lowri", "Seren", "Carly-Jo"],
    "south_asian": ["Tasleem", "Bushra", "Shamima", "Rupinder"], "polish": ["Grazyna", "Bozena", "Jolanta"],
    "nigerian": ["Yewande", "Omolara", "Tolulope"], "somali": ["Deeqa", "Fartun", "Sucaad"],
    "caribbean": ["Verna", "Hyacinth", "Merline"], "albanian": ["Arta", "Drita", "Valbona", "Blerina"],
    "nepali": ["Sushila", "Bimala", "Sarita", "Anju"], "sudanese": ["Amna", "Hawa", "Sawsan", "Ikhlas"],
    "zimbabwean": ["Tendai", "Rudo", "Chipo", "Nyasha"], "tamil": ["Tharshini", "Kavitha", "Nirmala", "Sangeetha"],
    "iranian": ["Shirin", "Parisa", "Mahsa", "Nasrin"], "hungarian": ["Erzsebet", "Zsofia", "Katalin", "Reka"],
}
EXTRA_MALE = {
    "uk": ["Cian", "Donal", "Fergal", "Lorcan", "Iestyn", "Jago", "Kai-Lee"],
    "south_asian": ["Naeem", "Sajid", "Kuldip", "Mohinder"], "polish": ["Zbigniew", "Slawomir", "Janusz"],
    "nigerian": ["Babajide", "Oluwatobi", "Nnamdi"], "somali": ["Abdikarim", "Mahamed", "Abshir"],
    "caribbean": ["Linton", "Neville", "Cleveland"], "albanian": ["Besnik", "Arben", "Driton", "Ilir"],
    "nepali": ["Bishnu", "Dipak", "Prakash", "Bhim"], "sudanese": ["Abubakar", "Elfatih", "Mujahid", "Hamid"],
    "zimbabwean": ["Tatenda", "Farai", "Tinashe", "Kudzai"], "tamil": ["Kajan", "Tharan", "Mathan", "Suthan"],
    "iranian": ["Reza", "Arash", "Behnam", "Farhad"], "hungarian": ["Laszlo", "Gabor", "Zoltan", "Istvan"],
}
EXTRA_SURNAMES = {
    "uk": ["Bowen-Jones", "Lloyd-Hughes", "Hart-Davies", "Vaughan-Thomas", "McCafferty", "O'Sullivan", "Tregear",
           "Penhaligon", "Ogilvie"],
    "south_asian": ["Rashid", "Bains", "Chaudhary", "Ullah"], "polish": ["Szczepanski", "Grabowska", "Pietrzak"],
    "nigerian": ["Adeleke", "Okoro", "Adeyemi-Cole"], "somali": ["Nur", "Dualeh", "Hashi"],
    "caribbean": ["Bartley", "Mensah-Bonsu", "Ellington"], "albanian": ["Hoxha", "Krasniqi", "Gashi", "Berisha"],
    "nepali": ["Gurung", "Thapa", "Tamang", "Limbu"], "sudanese": ["Elamin", "Babiker", "Elhassan", "Abdelrahman"],
    "zimbabwean": ["Moyo", "Ncube", "Sibanda", "Mpofu"], "tamil": ["Rajaratnam", "Sivalingam", "Thevarajah", "Kandiah"],
    "iranian": ["Hosseini", "Rezaei", "Mohammadi", "Jafari"], "hungarian": ["Nagy", "Horvath", "Szabo", "Kovacs"],
}
NICKNAMES = {"f": ["Babs", "Jen", "Lil", "Nell", "Bobbie", "Tina", "Kath"],
             "m": ["Kev", "Macca", "Robbo", "Jonno", "Deano", "Taz", "Fitzy"]}
# Everyday words as first names: only ever used with a surname, a title or a relationship word.
TRICKY_FIRST = {"f": ["Hazel", "Robin", "Daisy", "Heather", "Fern", "Iris", "Willow", "Clover"],
                "m": ["Robin", "Cliff", "Dale", "Glen", "Drew", "Hunter"]}
BACKGROUND_WEIGHTS = {"uk": 34, "south_asian": 11, "polish": 6, "nigerian": 7, "somali": 5, "caribbean": 7,
                      "albanian": 5, "nepali": 4, "sudanese": 4, "zimbabwean": 5, "tamil": 4, "iranian": 4,
                      "hungarian": 4}
REL_WORDS = {
    "f": ["daughter", "sister", "mum", "nan", "mam", "nana", "stepmum", "sister-in-law", "ex-wife", "missus",
          "other half", "flatmate", "lodger", "goddaughter", "key worker", "next-door neighbour", "eldest"],
    "m": ["son", "brother", "dad", "grandad", "stepdad", "grandson", "brother-in-law", "ex-husband", "fella",
          "hubby", "other half", "flatmate", "lodger", "godson", "key worker", "next-door neighbour", "youngest"],
}
TITLES = {"f": ["Mrs", "Mrs", "Ms", "Miss", "Mrs", "Cllr", "Dr", "Ms"], "m": ["Mr", "Mr", "Mr", "Rev", "Cllr", "Dr"]}

ORGANISATIONS = ["Shelter Cymru", "Independent Age", "Re-engage", "the Silver Line", "IPSEA", "FareShare", "Emmaus",
                 "Depaul UK", "Centrepoint", "the Big Issue", "Groundswell", "Scope", "Sense", "Family Fund",
                 "the National Autistic Society", "Warm Welcome", "Your Local Pantry", "Kirklees Council",
                 "Glasgow City Council", "Calderdale Council", "the DWP", "Money Advice Trust"]
REFER_TO = ["StreetLink", "Housing Options", "Shelter Cymru", "Independent Age", "the Silver Line", "IPSEA",
            "SENDIASS", "the pantry", "the warm space", "Emmaus", "Depaul UK", "Centrepoint", "Groundswell",
            "the SEN team", "the memory cafe", "Re-engage", "the day centre"]
SERVICE_NAMES = {"StreetLink", "Housing Options", "SENDIASS", "the pantry", "the warm space", "the SEN team",
                 "the memory cafe", "the day centre"}
PLACES = ["Scarborough", "Whitby", "Harrogate", "Selby", "Goole", "Consett", "Morecambe", "Accrington", "Chorley",
          "Southport", "St Helens", "Warrington", "Ellesmere Port", "Aberystwyth", "Merthyr Tydfil", "Port Talbot",
          "Pontypridd", "Coatbridge", "Inverness", "Stirling", "Leith", "Govan", "Larne", "Ballymena", "Telford",
          "Shrewsbury", "Worcester", "Thetford", "Bedford", "Milton Keynes", "Weston-super-Mare", "Bournemouth",
          "Portsmouth", "Folkestone", "Chatham", "Gravesend", "Huddersfield", "Todmorden", "Brighouse", "Keighley"]
POSTCODE_DISTRICTS = ["LS7", "BD8", "HX1", "WF13", "HD1", "M11", "OL8", "SK5", "L6", "CH41", "NE4", "SR5", "TS3",
                      "DN4", "S2", "NG3", "DE23", "CV6", "WS2", "BS13", "PL2", "CF11", "SA6", "LL57", "G51", "EH7",
                      "BT12", "E6", "N15", "SE15", "NW6", "YO12", "LA4", "PO1", "ME4", "ls7", "hx1"]
STREET_NAMES = ["Mafeking", "Ladysmith", "Balaclava", "Inkerman", "Alma", "Raglan", "Tanhouse", "Cinderhill",
                "Brunswick", "Lonsdale", "Mulberry", "Wellfield", "Ropery", "Cobden", "Prospect", "Providence",
                "Bethesda", "Sandbed", "Dalmarnock", "Craiglea", "Lindisfarne", "Gasworks", "Peel", "Beaconsfield"]
STREET_TYPES = ["Walk", "Row", "Parade", "Gardens", "Mews", "Rise", "Wynd", "Hill", "Way", "Court", "View",
                "Street", "Road", "Terrace", "Brow", "Fold", "Yard"]
THE_STREETS = ["the Crescent", "the Parade", "the Green", "the Walk", "the Square", "the Rise", "the Mews"]
HOSTELS = ["Bramwell House", "Cornerstone Lodge", "Harbour View Guest House", "Seaview B&B", "Kestrel Hotel",
           "Gatehouse Lodge", "Ashlar House", "Anchor B&B"]
EMAIL_DOMAINS = ["gmail.com", "hotmail.co.uk", "yahoo.com", "ntlworld.com", "talktalk.net", "blueyonder.co.uk",
                 "btopenworld.com", "me.com", "mail.com", "gmx.co.uk", "live.com", "tiscali.co.uk", "proton.me"]
EMAIL_WORDS = ["nanna", "bluenose", "mackem", "toffee", "cuddles", "ladybird", "biker", "pixie", "happyhippo",
               "wolves", "glitter", "bigdave"]
CARS = ["white Vauxhall Combo", "battered Peugeot 206", "maroon Honda Jazz", "grey Ford Focus", "red Kia Picanto",
        "silver Skoda Octavia", "old camper van", "black Audi A3"]

# ---- spoken numbers ------------------------------------------------------------------------------
_UNITS = "zero one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORD = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
_WORDS = _UNITS + _TEENS + [t + (f" {u}" if u != "zero" else "") for t in _TENS for u in _UNITS]  # 0-99
_TWO = ["oh oh"] + [f"oh {u}" for u in _UNITS[1:]] + _WORDS[10:]  # two digits said aloud: "oh five", "seventy eight"
_ORDINALS = _ORD + [t + "th" for t in _TEENS[3:]] + ["twentieth"] + [f"twenty {o}" for o in _ORD[:8]]  # 1st-28th
_SUFFIX = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}


def _say(digits: str, doubles: bool = False) -> str:
    """Digits read out one by one ("oh seven seven"), a repeated digit as "double seven" if `doubles`."""
    said = " ".join("oh" if c == "0" else _UNITS[int(c)] for c in digits)
    return re.sub(r"\b(\w+) \1\b", r"double \1", said) if doubles else said


def _pick(rng: random.Random, shapes: list[tuple[float, str]]) -> str:
    return rng.choices([s for _, s in shapes], weights=[w for w, _ in shapes])[0]


# ---- values --------------------------------------------------------------------------------------

def phone(rng: random.Random, kind: str = "any") -> str:
    """Ofcom drama-range numbers with dots, dashes, "+44 0...", brackets, or read out."""
    n = f"{rng.randrange(1000):03d}"
    if kind == "mobile" or (kind == "any" and rng.random() < 0.6):
        d = f"07700900{n}"
        return _pick(rng, [(4, f"07700.900.{n}"), (4, f"0770 090 0{n}"), (2, f"077 0090 0{n}"), (3, f"+44-7700-900{n}"),
                           (3, f"+44 07700 900{n}"), (2, f"(07700) 900{n}"), (2, f"07700 900-{n}"), (2, _say(d)),
                           (3, f"{_say(d[:5], True)} {_say(d[5:8], True)} {_say(d[8:])}"), (2, f"07700 900{n}")])
    area, local = rng.choice(["0113 4960", "0114 4960", "0115 4960", "0116 4960", "0117 4960", "0118 4960", "0141 4960",
                              "0191 4980", "020 79460", "029 20180", "028 96496", "01632 960"]).split()
    local += n
    mid, tail = (local[:3], local[3:]) if len(local) in (6, 7) else (local[:4], local[4:])
    return _pick(rng, [(3, f"{area}-{mid}-{tail}"), (3, f"{area}.{mid}.{tail}"), (2, f"({area}){local}"),
                       (2, f"+44 (0){area[1:]} {mid} {tail}"), (2, f"{area}{local}"), (2, f"{area} {mid} {tail}"),
                       (2, f"{_say(area)} {_say(mid)} {_say(tail)}")])


def postcode(rng: random.Random, district: str | None = None) -> str:
    """Spaced, run together, half capitalised as a phone types it, or spelled out ("l s six four a b")."""
    district = (district or rng.choice(POSTCODE_DISTRICTS)).upper()
    inward = f"{rng.randrange(10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    spoken = " ".join(_UNITS[int(c)] if c.isdigit() else c.lower() for c in district + inward)
    return _pick(rng, [(5, f"{district} {inward}"), (2, f"{district}{inward}".lower()), (3, spoken),
                       (2, f"{district[0]}{district[1:].lower()} {inward.lower()}"),
                       (1, f"{district} {inward[0]} {inward[1:]}"), (1, f"{district}{inward}")])


def street_address(rng: random.Random) -> str:
    """Number and street only: hostel and B&B rooms, Glasgow and Edinburgh flats, numbers said in words."""
    n, k, small = rng.randrange(1, 160), rng.randrange(1, 30), rng.randrange(1, 40)
    street = f"{rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"
    hostel, the, a, b = rng.choice(HOSTELS), rng.choice(THE_STREETS), rng.randrange(0, 4), rng.randrange(1, 4)
    value = _pick(rng, [
        (20, f"{n} {street}"), (6, f"{n}{rng.choice('bcd')} {street}"), (4, f"{n}{rng.choice('AB')} {street}"),
        (6, f"Room {k}, {hostel}"), (3, f"{hostel}, room {k}"), (2, f"rm {k} {hostel}"),
        (4, f"{n} {street}, Flat {a}/{b}"), (3, f"Flat {a}/{b} {n} {street}"),
        (3, f"{rng.randrange(1, 5)}F{rng.randrange(1, 4)}, {n} {street}"), (4, f"number {small} on {the}"),
        (3, f"number {small} {street}"), (3, f"{street}, number {small}"), (3, f"no.{n} {street}"),
        (5, f"{_WORDS[small]} {street.lower()}"), (3, f"Basement flat, {n} {street}"),
        (2, f"Plot {k}, {rng.choice(STREET_NAMES)} Park Homes"), (2, f"{n} {street.upper()}")])
    return value.lower() if rng.random() < 0.1 else value


def nhs_number(rng: random.Random) -> str:
    d = re.sub(r"\D", "", _a.nhs_number(rng))  # set A's digits (a valid check digit), written new ways
    g = (d[:3], d[3:6], d[6:])
    return _pick(rng, [(5, " ".join(g)), (2, ".".join(g)), (2, " ".join(_say(x) for x in g)), (1, "/".join(g)),
                       (1, f"{d[:3]} {d[3:6]} {d[6:8]} {d[8:]}"), (1, f"{d[:5]} {d[5:]}"), (1, d)])


def nino(rng: random.Random) -> str:
    v = re.sub(r"\s", "", _a.nino(rng)).upper()  # set A's allowed prefixes, written new ways
    a, b, d, s = v[0], v[1], v[2:8], v[8]
    return _pick(rng, [(3, f"{a}{b} {d[:2]} {d[2:4]} {d[4:]} {s}"), (2, f"{a}{b}-{d[:2]}-{d[2:4]}-{d[4:]}-{s}"),
                       (2, f"{a}{b} {d[:2]} {d[2:4]} {d[4:]}{s}"), (2, f"{a}{b}{d} {s}"),
                       (2, f"{a.lower()} {b.lower()} {_say(d)} {s.lower()}"), (1, f"{a}{b.lower()}{d}{s.lower()}"),
                       (1, f"{a}{b} {d[:3]} {d[3:]} {s}")])


def vehicle_registration(rng: random.Random) -> str:
    """Current plates with a dash or spelled out, Northern Irish plates and old suffix plates."""
    letters = "ABCDEFGHJKLMNOPRSTUVWXY"
    age = rng.choice([f"{y:02d}" for y in range(2, 26)] + [str(y) for y in range(51, 75)])
    area = rng.choice("ABCDEFGHKLMNOPRSVWY") + rng.choice(letters)
    tail = "".join(rng.choice(letters) for _ in range(3))
    ni = rng.choice(letters) + rng.choice(["IA", "IB", "IJ", "KZ", "LZ", "MZ", "NZ", "OI", "RZ", "SZ", "XI"])
    said = f"{area[0].lower()} {area[1].lower()} {_TWO[int(age)]} {' '.join(tail.lower())}"
    suffix = f"{tail} {rng.randrange(1, 999)}{rng.choice('ABCDEFGHJKLMNPRSTVWXY')}"  # 1963-1983 plates
    return _pick(rng, [(4, f"{area}{age} {tail}"), (2, f"{area}{age}-{tail}"), (2, said),
                       (2, f"{ni} {rng.randrange(1, 9999)}"), (2, suffix)])


def sort_code(rng: random.Random) -> str:
    p = [rng.randrange(100) for _ in range(3)]
    a, b, c = (f"{x:02d}" for x in p)
    return _pick(rng, [(3, f"{a}-{b}-{c}"), (2, f"{a}\u2013{b}\u2013{c}"), (2, f"{a} - {b} - {c}"),
                       (2, " ".join(_TWO[x] for x in p)), (1, _say(a + b + c)), (1, f"{a}{b}{c}")])


def account_number(rng: random.Random) -> str:
    d = f"{rng.randrange(0, 100_000_000):08d}"
    return _pick(rng, [(4, d), (2, f"{d[:2]} {d[2:4]} {d[4:6]} {d[6:]}"), (2, _say(d)), (1, f"{d[:4]}.{d[4:]}")])


def passport_number(rng: random.Random) -> str:
    d = f"{rng.randrange(100_000_000, 1_000_000_000)}"
    return _pick(rng, [(4, d), (2, f"{d[:3]}-{d[3:6]}-{d[6:]}"), (2, f"{d[:5]} {d[5:]}"),
                       (1, " ".join(_say(x) for x in (d[:3], d[3:6], d[6:])))])


def date_of_birth(rng: random.Random, style: str = "any", year: int | None = None) -> tuple[str, str]:
    """A (cue, value) pair; only the value is the DATE_OF_BIRTH span. Days and years in words, Excel dates."""
    y, m, d = year or rng.randrange(1935, 2009), rng.randrange(1, 13), rng.randrange(1, 29)
    month, yy = MONTHS[m - 1], y % 100
    said_year = f"{_WORDS[y // 100]} {_TWO[yy]}" if y < 2000 else "two thousand" + (f" and {_UNITS[yy]}" if yy else "")
    day = _ORDINALS[d - 1]
    spoken = [f"{day} of {month.lower()} {said_year}", f"{day} of the {_ORD[m - 1]} {_TWO[yy]}",
              f"{day} of {month.lower()} {_TWO[yy]}"]
    sd, sm = _SUFFIX.get(d, "th"), _SUFFIX.get(m, "th")
    written = [f"{d}-{m}-{yy:02d}", f"{d:02d}-{month[:3]}-{yy:02d}", f"{d:02d}/{month[:3]}/{y}", f"{d} {month}, {y}",
               f"{d}{sd} {month} {yy:02d}", f"{d}{sd} of the {m}{sm} {yy:02d}"]
    if style == "born" or (style == "any" and rng.random() < 0.3):
        r = rng.random()
        if r < 0.3:
            return "born on the ", rng.choice(spoken)
        if r < 0.4:
            return "born in ", f"{month} {y}"
        return rng.choice(["born ", "b: ", "born on "]), rng.choice(written)
    if rng.random() < 0.25:
        return rng.choice(["date of birth the ", "birthday's the ", "d o b "]), rng.choice(spoken)
    cue = rng.choice(["Birthdate: ", "D.O.B.: ", "d o b ", "bday ", "DOB on ID: ", "Date of birth (dd/mm/yy) - ",
                      "dob... "])
    return cue, rng.choice(written)


def case_reference(rng: random.Random, kind: str) -> str:
    y, r = rng.choice([2023, 2024, 2025]), rng.randrange
    if kind == "crime_ref":  # a police log number is "log 1234 of 12/03/24"
        return _pick(rng, [(3, f"{r(100, 9999)} of {r(1, 29):02d}/{r(1, 13):02d}/{y % 100}"),
                           (2, f"{rng.choice(['WYP', 'GMP', 'NP', 'MPS', 'PSNI'])}/{y % 100}/{r(10000, 99999)}"),
                           (1, f"{r(10, 99)}{y % 100}{r(10000, 99999)}")])
    if kind == "client_no":
        return _pick(rng, [(2, f"M{r(1, 9999):04d}"), (2, f"G-{r(1000, 9999)}"), (1, f"#{r(10000, 99999)}")])
    return _pick(rng, [(2, f"OUT/{y % 100}/{r(1, 9999):04d}"), (2, f"WC{r(1_000_000, 9_999_999)}"),
                       (1, f"BEF-{r(1, 9999):04d}"), (2, f"EHC/{y}/{r(1, 99999):05d}"), (1, f"INC {y}-{r(1, 999):03d}"),
                       (2, f"HPO-{y % 100}{r(1000, 9999)}")])


def date_value(rng: random.Random) -> str:
    """An ordinary date (2023-2025), as logs and letters write them."""
    y, m, d = rng.choice([2023, 2024, 2025]), rng.randrange(1, 13), rng.randrange(1, 29)
    mon = MONTHS[m - 1]
    return rng.choice([f"{d}/{m}", f"{d:02d}.{m:02d}.{y % 100}", f"{d} {mon[:3]}", f"{d}-{mon[:3]}-{y}",
                       f"{d} {mon} {y}", f"{d:02d}/{m:02d}/{y}"])


def client_alt_name(rng: random.Random, who) -> str:
    """Nickname and surname, a nickname in quotes or brackets, "Mr and Mrs", title and first name, a middle name."""
    first, last, title = who.first, who.last, who.title
    nick = rng.choice([x for x in NICKNAMES[who.gender] if x != first])
    middle = rng.choice([x for x in (EXTRA_FEMALE if who.gender == "f" else EXTRA_MALE)["uk"] if x != first])
    return rng.choice([f"{nick} {last}", f"{first} '{nick}' {last}", f"{first} ({nick}) {last}", f"Mr and Mrs {last}",
                       f"{title} {first}", f"{last} ({first})", f"{first} {middle} {last}",
                       f"{nick.lower()} {last.lower()}"])


# ---- sentences that carry PII --------------------------------------------------------------------
PII_3P = [
    # street outreach shift log
    "^{client_first} bedded down behind the bus station at 23:10, sleeping bag and rucksack, no tent.",
    "^Found {client_full} in a shop doorway on the precinct at 00:40, new to us, added to [CHAIN|SERVICE].",
    "{client_first} - known to the team, turned down the [SWEP|SERVICE] bed again tonight.",
    "Welfare check on {client_lower} at 01:15, asleep, left a hot drink and the [StreetLink|SERVICE] card.",
    "{client_title} says {he} was evicted from {addr} {date_rel} after the landlord sold up.",
    "Bed found for {client_first} at {addr} through [No Second Night Out|SERVICE].",
    "Verified rough sleeping: {client_alt}, [CHAIN|SERVICE] ID {client_no}.",
    "[StreetLink|SERVICE] alert {case_ref} closed, nobody at the location given.",
    "{He} has a working phone again, {mobile}, charged up at the day centre.",
    "Handed over to {worker} at the end of the shift, 02:00.",
    "{Rel} came to the soup run asking if anyone had seen {him}.",
    "Car still on the retail park, {vrm}, windows steamed up, nobody answered.",
    "Old passport ({passport}) went missing when {his} tent was slashed.",
    "NI number from the card in {his} wallet: {nino}.",
    "{He} told us {he} was {dob_born}, which makes {him} {age_bare}.",
    "{client_caps} - NFA - last seen by {worker} on {day}.", "Last settled address given as {addr}.",
    "Welfare check at {addr}, curtains shut, card through the door.",
    # advice webchat transcript
    "^[09:14] Chat started. You are talking to {worker}.",
    "[09:15] Client: hi its {client_lower} i rang last wk about the bailifs", "[09:16] Client: postcode is {postcode}",
    "[09:18] Client: {addr} its the flat above the chippy", "[09:21] Client: my numbr is {mobile} incase this cuts out",
    "[09:22] Client: email {email} but i never check it tbh", "[09:25] Client: ni number {nino} i think",
    "[09:27] Client: d.o.b {dob_value}", "[09:31] Client: the letter says ref {case_ref} at the top in bold",
    "[09:40] Adviser: I've booked you a call back with {other} on {day}.", "[09:44] Client: thank u {worker} ur a star",
    "[09:46] Client: {my_rel} can do the call if im at work",
    "[09:47] Client: sort code {sort_code} acount {account} for the grant",
    "[09:52] Client: nhs number is {nhs} if the doctors need it",
    # befriending service phone-call log
    "^Weekly call to {client_title}, about twenty-five minutes.",
    "^Befriending call: {client_first} answered on the second ring and was chatty.",
    "{client_title} talked about the allotment and {his} late partner.",
    "{client_first} has a new landline, {landline}, since the switch to digital.",
    "Rang {landline} three times, no answer, so asked {rel} to pop round.",
    "{client_title} wanted me to write down {his} NHS number, {nhs}, in case of a fall.",
    "NHS number read out from the repeat slip: {nhs}.", "{worker} covered the call this week as {other} is away.",
    "Birthday on our list as {dob_value}, card to go out.",
    "{client_poss} daughter-in-law, {other}, now does the big shop.",
    "{client_title} still lives at {addr}, {place}, in the bungalow {he} bought in {year}.",
    "Number to use from now on is {phone}, the old one is disconnected.",
    # SEND parents' forum meeting note
    "^SEND parents' forum, {place} library, {date}. Chair: {worker}.", "Apologies received from {client_alt}.",
    "{client_full} raised the delay to {his} son's [EHCP|SERVICE] annual review.",
    "{client_first} and {rel} both spoke about school transport being cut.",
    "Action: {worker} to contact [SENDIASS|SERVICE] and copy in {client_first}.",
    "{client_title} asked that the minutes leave out {his} child's diagnosis.",
    "Contact for next term's meetings: {email}.", "Families came from {district} and further out.",
    "{client_first} offered to host the coffee morning at {addr}.",
    "{Rel_poss} tribunal is listed for {date} at the [First-tier Tribunal|ORGANISATION].",
    "Welcome to new members {client_alt} and {other}.", "Minutes taken by {worker}; corrections to {email} by {day}.",
    # community pantry / warm space incident book
    "^{client_first} slipped by the tea urn at 11:20; first aid given by {worker}.",
    "Member {client_no} ({client_first}) disputed the points on the pantry card.",
    "Membership number {client_no} suspended for a month after shouting at volunteers.",
    "{client_title} left a bag behind; rang {mobile} and it was collected at 3.",
    "Ambulance called for {client_full}, {dob}, who came over faint in the queue.",
    "{client_first} says {rel} has been taking {his} bank card.", "Witness to the incident: {other}.",
    "Dog tied up at the door by {client_lower}; asked to move it further along.",
    "A {car}, {vrm}, blocked the [FareShare|ORGANISATION] van for an hour.",
    "Incident ref {case_ref} passed to the police by the coordinator.", "Police attended, log {crime_ref}.",
    # support worker's voice note through speech-to-text
    "^voice note {day} visited {client_lower} at {addr} {he}s doing a bit better",
    "^transcribed memo right so i saw {client_lower} this morning",
    "{his} postcode is {postcode} need to double check that", "mobile is {mobile} yeah thats the one",
    "email is {email} all one word", "nhs number {nhs} off the hospital letter",
    "national insurance {nino} ive put it on the form as well", "date of birth {dob_value} so {he} is {age_bare}",
    "sort code {sort_code} account {account} for the hardship grant",
    "account number is {account} its a basic bank account", "reference {case_ref} on the council letter",
    "the car is a {car} reg {vrm} parked on the drive", "passport number {passport} ran out last year",
    "{rel} was there as well and did most of the talking", "need to ring {gp} at the surgery about the fit note",
    "{he} lives at {addr} now not the old place", "{his} sort code is {sort_code} i think",
    "landline is {landline} but {he} never picks up", "parcel to go to {addr} on {day} after two",
    "postcode {postcode} so thats out of our area",
    # typed letter of support
    "^To whom it may concern,\nRe: {client_full}, {addr}, {place}",
    "^To whom it may concern,\nRe: {client_alt} (date of birth {dob_value})",
    "^Re: housing application {case_ref} for {client_title}", "^RE: {client_caps}",
    "I am writing in support of {client_title}, whom I have known through [the warm space|SERVICE] since {month}.",
    "{client_title} has volunteered with us since {year} and is reliable and kind.",
    "I can confirm that {client_full} has lived at {addr} since {year}.",
    "{client_full} and {rel} are joint tenants at {addr}.",
    "Please contact me on {landline} or at {email} if you need anything further.",
    "Yours faithfully,\n{worker}\nProject Worker, [Northfield Community Hub|ORGANISATION]",
    "Yours sincerely,\n\n{worker}\nBefriending Coordinator\n{email}", "Signed: {worker} (Support Worker), {date}.",
    "{His} National Insurance number is {nino}, should you need to check {his} claim.", "Tel: {phone} | Email: {email}",
    "Passport: {passport} (copy enclosed)", "Please quote {his} NHS number, {nhs}, on any reply.",
    "Postcode for the visit: {postcode}.", "Bank details for the grant: {account}.",
]

PII_1P = [
    "its {client_lower} btw", "hi my name is {client_full} i got this number off a leaflet at the library",
    "{my_rel} told me to message u lot", "me and {my_rel} are in one room at the b&b",
    "{my_rel_poss} school keeps fining us for days off", "the lady from the council {other} never rang me back",
    "i spoke to {worker} before they were really nice", "{gp} says its anxiety but i dunno",
    "Oh, {my_rel} came round on Sunday, bless them.", "I'm {client_title}, I've been on your list a while now.",
    "{My_rel_mid} rings most nights, so I'm not too lonely.", "i live at {addr} {place}",
    "were at {addr} till the end of the month then god knows", "I'm still at {addr}, love, same as ever.",
    "postcode {postcode}", "its {postcode} sorry i put the wrong one before", "my mobs {mobile}",
    "ring me on {phone} after 3 wen the kids are in bed", "The number here is {landline}, if you've lost it.",
    "email is {email} x", "can u email it {email} my printer is broke", "nhs no {nhs} its on the app",
    "My son wrote my NHS number on the calendar, {nhs}.", "ni is {nino}", "National insurance, let me see, {nino}.",
    "dob {dob_value}", "i was {dob_born} so im {age_bare} now", "sort code {sort_code} acc no {account}",
    "acc number is {account}", "sort code is {sort_code} its [santander|ORGANISATION]", "my ref is {case_ref}",
    "the police gave me {crime_ref} for it", "the number on my pantry card is {client_no}",
    "its a {car} reg {vrm} im sleeping in it", "i think the reg is {vrm} but dont quote me",
    "passport no {passport} but its out of date", "I was at {addr} for forty years before the bungalow.",
]

# ---- sentences without PII (they carry KEEP spans) -------------------------------------------------
OPENERS_3P = [
    "Outreach shift, {date}, 22:00 to 02:00, two workers out.", "Befriending calls, {day}.",
    "Warm space incident book, {date}.", "SEND parents' forum notes, {date}.", "Webchat export, {date}.",
    "voice note transcribed {date_rel}", "Letter of support drafted on {date}.", "Pantry session, {place}, {day}.",
]
FILLERS_3P = [
    "[SWEP|SERVICE] is on tonight as it is forecast below zero.",
    "Handed out six sleeping bags and a box of [FareShare|ORGANISATION] sandwiches.",
    "Ground was rocky where the old tents were, so the camp has moved onto the grass.",
    "A robin keeps hopping into the pantry doorway for crumbs.", "Willow weaving at the warm space on {day} was full.",
    "Hazel and holly cuttings from the allotment for the wreath table.",
    "Daisy chains on the field with the younger brothers and sisters during the forum.",
    "The cliff path is shut, so the walking group went round the park instead.",
    "Heather is out on the moor; the befriending group trip is booked for {date}.",
    "Drew up a rota for the [Warm Welcome|ORGANISATION] sessions in {month}.", "Will raise it again at the next forum.",
    "May need a second volunteer on the Thursday pantry.", "Hope the [EHCP|SERVICE] draft arrives before the deadline.",
    "Grace period of a fortnight from [Yorkshire Water|ORGANISATION].",
    "Rose bushes by the hall entrance cut back to make room for the ramp.",
    "Mark the fan heater as faulty and keep it out of use.", "Bill for the hall hire is {money} a term.",
    "Sandy floor by the door again; mopped at 3.", "Frank discussion at the forum about exclusions.",
    "Jack for the minibus was missing from the boot.", "Dawn outreach starts at 06:00 from {month}.",
    "Pantry shop cost {small_money} for ten items this week.",
    "Top-up vouchers of {money} given through the [Fuel Bank|SERVICE].",
    "[Housing Options|SERVICE] now take referrals by phone only.", "Signposted on to {refer} with a leaflet.",
    "Referral made to {refer} {date_rel}.", "[SENDIASS|SERVICE] can attend the review if asked.",
    "Parents agreed the [Local Offer|SERVICE] page is out of date.", "[DLA|SERVICE] renewal forms are due in {month}.",
    "[Carer's Allowance|SERVICE] stopped when {he} started the part-time job.",
    "[Independent Age|ORGANISATION] sent the large print leaflet.",
    "The [Silver Line|ORGANISATION] number is on the fridge.", "{He} is {age_bare}, lives alone, no family nearby.",
    "Tea, toast and a warm seat until closing.", "Two tables were full by 10:30.",
    "Started a council tax reduction form with {him}.", "Next forum {date_next}.", "Ring again {date_next}.",
    "{He} mentioned {his} mum, {old_age}, lives in {place2}.",
    "[Emmaus|ORGANISATION] have a room coming up in {place2}.", "Arrears with the housing association now {big_money}.",
    "The [Big Issue|ORGANISATION] pitch outside the station was empty.", "Faith groups run the soup kitchen on {day}s.",
    "Joy at the forum when [Calderdale Council|ORGANISATION] backed down on transport.",
    "Fern and spider plants donated for the windowsills.", "Irises planted in the memorial bed by the hall.",
]
CLOSERS_3P = ["End of shift, all workers home safe.", "Next call same time next week.",
              "Book signed by the duty coordinator.", "Minutes to be agreed at the next meeting.", "end of memo",
              "Letter printed on headed paper and posted {date_next}.", "No further incidents."]
FILLERS_1P = [
    "sorry typing fast on my phone", "its been a nightmare tbh",
    "they stoped my [universal credit|SERVICE] in {month} and i dont no why",
    "i owe like {big_money} on the catalogue and [klarna|ORGANISATION]", "im on the bus so this might cut out",
    "the [food bank|SERVICE] is only open {day}", "will they take the telly", "i cant afford to top up the electric",
    "my landlord wants me out by {date}", "the heating hasnt worked since {month}", "ive got {small_money} till payday",
    "the council said to try [citizens advice|ORGANISATION]", "hope ur having a better day than me lol",
    "Oh, the robin's back on the bird table.", "I don't get out much since the hip.",
    "The warm space on {day} is the highlight of my week.", "My granddaughter drew me a picture for the fridge.",
    "Dad used to bring heather back from the moors.", "Will you ring again next week, love?",
    "To be frank with you, the days are long.", "The gas bill came to {money}, I nearly fell over.",
    "I'll be {age_bare} and I still can't work that computer.", "We had rocky road at the lunch club, lovely.",
    "[Pension Credit|SERVICE] came through in {month}, thank goodness.",
]
QUESTIONS = [
    "Hi, you're through to the webchat. What can I help with today?", "Can I take a few details to find your record?",
    "Are you still there?", "Is it okay if I share this with a colleague?", "How has your week been?",
    "Have you managed to get out at all?", "Did the letter come in the end?", "What's the best way to get hold of you?",
    "Can you read me what the letter says?", "Is anyone else in the house with you?",
    "Would a call back tomorrow suit?", "Shall I ring at the same time next week?",
]
INTERVIEWER_LABELS = ["Adviser", "Webchat adviser", "Befriender", "Volunteer caller", "Outreach"]
RESIDENT_LABELS = ["Client", "Client (chat)", "Caller", "Parent", "Guest"]
TRANSCRIPT_HEADERS = ["Webchat transcript, {date} (exported)", "Befriending call, {day} afternoon",
                      "Chat log - {org}", "Call notes typed up, {date}"]
FORM_HEADERS = ["INCIDENT RECORD - warm space, {place}", "Outreach contact sheet ({org})", "SEND forum sign-up, {date}",
                "Pantry membership form - {place}"]
FORM_REASONS = ["What happened:", "Details of contact:", "Notes from the caller:", "Anything else we should know?"]
