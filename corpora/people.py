"""Synthetic people and personal data for the demo corpus: names, addresses and identifiers.

Every generator takes a `random.Random` so output is fully determined by the caller's seed.
Identifiers are checksum-valid (NHS numbers pass mod 11, NI numbers use allowed prefixes) but are
random: any resemblance to a real person's identifier is chance. Phone numbers come from Ofcom's
ranges reserved for drama (07700 900xxx, 020 7946 0xxx, 01632 960xxx, 0113 496 0xxx, 0161 496 0xxx,
0191 498 0xxx). Note: libphonenumber treats the 07700 900 and 01632 960 ranges as invalid numbers.

First names avoid ordinary English words (no Will, May, Hope, Grace, Rose, Mark, Bill, ...) so that
a good anonymiser can in principle find every one of them.
"""
from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

# First names by background; "uk" covers English, Scottish, Irish and Welsh names.
FEMALE_FIRST = {
    "uk": ["Alison", "Bethan", "Bronwen", "Caitlin", "Catriona", "Ciara", "Deborah", "Deirdre", "Eilidh",
           "Eleanor", "Fiona", "Gwen", "Hannah", "Joanne", "Leanne", "Lorraine", "Megan", "Niamh", "Noreen",
           "Rhiannon", "Roisin", "Sinead", "Siobhan", "Tracey", "Margaret", "Elaine", "Gillian", "Doreen",
           "Maureen", "Shirley", "Kirsty", "Aoife", "Rebecca", "Lindsay", "Janice", "Siobhán"],
    "south_asian": ["Aisha", "Anjali", "Ayesha", "Farah", "Hafsa", "Maryam", "Nadia", "Priya", "Rahima", "Sadia",
                    "Samira", "Shabnam", "Sunita", "Yasmin", "Zainab", "Lakshmi", "Nasreen", "Mehwish"],
    "polish": ["Agnieszka", "Beata", "Karolina", "Kasia", "Magdalena", "Paulina", "Zofia", "Agata", "Małgorzata"],
    "nigerian": ["Abimbola", "Adaeze", "Chioma", "Folake", "Ifeoma", "Nkechi", "Oluwaseun", "Kemi", "Ngozi",
                 "Funmilayo"],
    "somali": ["Amina", "Hodan", "Ayaan", "Faadumo", "Hibo", "Ifrah", "Sahra", "Ubah"],
    "caribbean": ["Marcia", "Paulette", "Claudette", "Beverley", "Latoya", "Shanice", "Chantelle", "Tanisha",
                  "Imani", "Kerry-Ann", "Aaliyah"],
}
MALE_FIRST = {
    "uk": ["Callum", "Aled", "Barry", "Brendan", "Cathal", "Ciaran", "Connor", "Darren", "Declan", "Dylan",
           "Eoin", "Fraser", "Gareth", "Hamish", "Liam", "Malcolm", "Niall", "Oisin", "Padraig", "Rhys", "Ruaridh",
           "Seamus", "Shane", "Keith", "Derek", "Graham", "Nigel", "Kieran", "Alistair", "Gavin", "Stuart",
           "Duncan", "Euan", "Owain"],
    "south_asian": ["Ahmed", "Amir", "Arjun", "Faisal", "Gurpreet", "Hassan", "Ibrahim", "Imran", "Mohammed",
                    "Mustafa", "Rajesh", "Rohan", "Sanjay", "Tariq", "Zain", "Ravi"],
    "polish": ["Andrzej", "Bartosz", "Jakub", "Krzysztof", "Marek", "Piotr", "Tomasz", "Wojciech", "Łukasz"],
    "nigerian": ["Adebayo", "Chinedu", "Emeka", "Obinna", "Olumide", "Tunde", "Uchenna", "Chukwuma"],
    "somali": ["Abdirahman", "Abdi", "Mahad", "Yusuf", "Idris", "Guled", "Liban"],
    "caribbean": ["Delroy", "Errol", "Lloyd", "Winston", "Desmond", "Clive", "Trevor", "Tyrone", "Marlon",
                  "Dwayne", "Leon", "Kareem", "Jamal"],
}
SURNAMES = {
    "uk": ["O'Neill", "Anderson", "Armstrong", "Atkinson", "Bennett", "Bowman", "Brennan", "Byrne", "Campbell",
           "Collins", "Crawford", "Davies", "Doherty", "Duffy", "Evans", "Fitzgerald", "Gallagher", "Hughes",
           "Jenkins", "Jones", "Kelly", "Kennedy", "Llewellyn", "Lynch", "MacDonald", "McKenzie", "McLaughlin",
           "Matthews", "Morgan", "Murphy", "O'Brien", "O'Connor", "Parry", "Pearson", "Pritchard", "Quinn",
           "Reid", "Robertson", "Ryan", "Sutherland", "Thompson", "Walsh", "Watson", "Wilson", "Forsyth",
           "Cunningham", "Fletcher", "Hutchinson", "Dixon", "Nicholson", "Robson", "Harrison", "Simpson",
           "Elliott", "Metcalfe", "Thwaites", "Bainbridge", "Dobson", "Tweddle", "Nixon", "Griffiths", "Kavanagh",
           "Cameron", "Hamilton", "Jackson", "Richards", "Phillips", "Ní Bhriain"],
    "south_asian": ["Khan", "Patel", "Shah", "Singh", "Kaur", "Begum", "Hussain", "Iqbal", "Akhtar", "Chowdhury",
                    "Rahman", "Malik", "Gupta", "Sharma", "Dhillon", "Banerjee", "Mahmood", "Sheikh", "Rao"],
    "polish": ["Nowak", "Kowalski", "Kowalczyk", "Wójcik", "Kaminski", "Lewandowski", "Zielinski", "Szymanski",
               "Wozniak", "Wiśniewska"],
    "nigerian": ["Okafor", "Adeyemi", "Okonkwo", "Nwosu", "Ogunleye", "Bakare", "Olawale", "Eze", "Ekwueme",
                 "Obi", "Adewale"],
    "somali": ["Warsame", "Jama", "Mohamud", "Osman", "Egal", "Farah", "Abdullahi"],
    "caribbean": ["Clarke", "Francis", "Gordon", "Samuels", "Powell", "Bailey", "Mensah", "Osei", "Owusu",
                  "Henry", "Lindo", "Forbes"],
}

# Background weights: London borough (diverse) and rural Cumbrian district.
BACKGROUND_WEIGHTS = {
    "urban": {"uk": 40, "south_asian": 14, "polish": 8, "nigerian": 14, "somali": 8, "caribbean": 16},
    "rural": {"uk": 84, "south_asian": 4, "polish": 7, "nigerian": 2, "somali": 1, "caribbean": 2},
}


def all_first_names() -> list[str]:
    return sorted({n for group in (FEMALE_FIRST, MALE_FIRST) for names in group.values() for n in names})


def all_surnames() -> list[str]:
    return sorted({n for names in SURNAMES.values() for n in names})


@dataclass
class Person:
    first: str
    last: str
    gender: str  # "f" or "m"

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    def title(self, rng: random.Random) -> str:
        if self.gender == "m":
            return rng.choice(["Mr", "Mr", "Mr", "Dr"])
        return rng.choice(["Mrs", "Mrs", "Ms", "Miss", "Ms"])


def make_person(rng: random.Random, kind: str = "urban", gender: str | None = None,
                surname: str | None = None) -> Person:
    weights = BACKGROUND_WEIGHTS[kind]
    groups = list(weights)
    background = rng.choices(groups, weights=[weights[g] for g in groups])[0]
    if gender not in ("f", "m"):
        gender = "f" if rng.random() < 0.6 else "m"
    firsts = FEMALE_FIRST if gender == "f" else MALE_FIRST
    first = rng.choice(firsts[background])
    last = surname or rng.choice(SURNAMES[background if rng.random() < 0.85 else rng.choice(groups)])
    return Person(first, last, gender)


def _ascii(s: str) -> str:
    s = s.replace("ł", "l").replace("Ł", "L")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if c.isascii() and (c.isalnum()))


# ---- identifiers ---------------------------------------------------------------------------------

def nhs_check_digit(first9: str) -> int | None:
    """The NHS number mod-11 check digit for nine digits, or None when no valid number exists."""
    total = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1)))
    check = 11 - total % 11
    if check == 11:
        return 0
    return None if check == 10 else check


def is_valid_nhs(number: str) -> bool:
    digits = "".join(c for c in number if c.isdigit())
    return len(digits) == 10 and nhs_check_digit(digits[:9]) == int(digits[9])


def nhs_number(rng: random.Random) -> str:
    while True:
        first9 = str(rng.choice([4, 6, 7])) + "".join(str(rng.randrange(10)) for _ in range(8))
        check = nhs_check_digit(first9)
        if check is not None:
            break
    d = first9 + str(check)
    style = rng.random()
    if style < 0.7:
        return f"{d[:3]} {d[3:6]} {d[6:]}"
    if style < 0.9:
        return d
    return f"{d[:3]}-{d[3:6]}-{d[6:]}"


_NINO_BAD_FIRST = set("DFIQUV")
_NINO_BAD_SECOND = set("DFIQUVO")
_NINO_BAD_PREFIX = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def nino(rng: random.Random) -> str:
    while True:
        a, b = rng.choice(_LETTERS), rng.choice(_LETTERS)
        if a not in _NINO_BAD_FIRST and b not in _NINO_BAD_SECOND and a + b not in _NINO_BAD_PREFIX:
            break
    digits = "".join(str(rng.randrange(10)) for _ in range(6))
    suffix = rng.choice("ABCD")
    style = rng.random()
    if style < 0.45:
        return f"{a}{b} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}"
    if style < 0.9:
        return f"{a}{b}{digits}{suffix}"
    return f"{a}{b} {digits} {suffix}"


def phone(rng: random.Random, urban: bool) -> str:
    kind = rng.random()
    if kind < 0.6:  # mobile
        n = f"{rng.randrange(1000):03d}"
        return rng.choice([f"07700 900{n}", f"07700 900{n}", f"07700900{n}", f"+44 7700 900{n}",
                           f"+447700900{n}", f"07700-900-{n}", f"+44 (0)7700 900{n}"])
    n = f"{rng.randrange(1000):03d}"
    if urban and kind < 0.9:
        return rng.choice([f"(020) 7946 0{n}", f"020 7946 0{n}", f"0207 946 0{n}", f"+44 20 7946 0{n}"])
    return rng.choice([f"01632 960{n}", f"(01632) 960{n}", f"01632 960 {n}", f"0113 496 0{n}", f"0191 498 0{n}",
                       f"(0161) 496 0{n}"])


_DOMAINS = ["gmail.com", "hotmail.co.uk", "outlook.com", "yahoo.co.uk", "btinternet.com", "icloud.com",
            "live.co.uk", "gmail.com"]


def email(rng: random.Random, person: Person) -> str:
    f, l = _ascii(person.first).lower(), _ascii(person.last).lower()
    yy = rng.randrange(50, 100) if rng.random() < 0.5 else rng.randrange(1, 30)
    local = rng.choice([f"{f}.{l}", f"{f}{l}{yy}", f"{f[0]}.{l}", f"{l}{f[0]}", f"{f}_{l}{yy}",
                        f"{f}.{l}{yy}", f"{f}{yy}"])
    return f"{local}@{rng.choice(_DOMAINS)}"


_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def postcode(rng: random.Random, district: str) -> str:
    inward = f"{rng.randrange(10)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    style = rng.random()
    if style < 0.85:
        return f"{district} {inward}"
    if style < 0.95:
        return f"{district}{inward}"
    return f"{district} {inward}".lower()


_STREETS = ["Elm", "Mill", "Station", "Victoria", "Albert", "Queens", "Kings", "Beech", "Rowan", "Hawthorn",
            "Chestnut", "Maple", "Willow", "Ash", "Oak", "Cedar", "Brook", "Meadow", "Orchard", "Castle",
            "Bridge", "Market", "Fell", "Beacon", "Wordsworth", "Tennyson", "Nelson", "Wellington", "Prospect",
            "Springfield", "Highfield", "Ravensworth", "Sandford", "Laburnum", "Lilac", "Poplar", "Sycamore",
            "Carleton", "Fairfield", "Thornbury", "Westbourne", "Riverview"]
_STREET_TYPES = ["Road", "Street", "Lane", "Terrace", "Close", "Avenue", "Crescent", "Grove", "Gardens", "Way",
                 "Drive", "Place", "Court", "Row", "Walk", "Mews"]
_BLOCKS = ["Tennyson House", "Ravensworth House", "Brookmill Court", "Heathside Tower", "Milton Court",
           "Sandford House", "Oakwood Point", "Thornbury Court"]


def street_address(rng: random.Random, urban: bool) -> str:
    street = f"{rng.choice(_STREETS)} {rng.choice(_STREET_TYPES)}"
    n = rng.randrange(1, 180)
    style = rng.random()
    if style < 0.45:
        return f"{n} {street}"
    if style < 0.6:
        return f"{n}{rng.choice('ab')} {street}"
    if style < 0.8:
        return f"Flat {rng.randrange(1, 40)}, {n} {street}"
    if urban:
        return f"Flat {rng.randrange(1, 120)}, {rng.choice(_BLOCKS)}"
    return f"{rng.randrange(1, 12)} {rng.choice(_STREETS)} Cottages"


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def date_of_birth(rng: random.Random, min_age: int = 17, max_age: int = 92) -> list[tuple[str, str | None]]:
    """A cue plus a date of birth, as segments; only the date itself is the DATE_OF_BIRTH span."""
    year = 2025 - rng.randrange(min_age, max_age)
    month, day = rng.randrange(1, 13), rng.randrange(1, 29)
    style = rng.random()
    if style < 0.35:
        cue, value = rng.choice(["DOB ", "DOB: ", "DoB ", "D.O.B. "]), f"{day:02d}/{month:02d}/{year}"
    elif style < 0.55:
        cue, value = rng.choice(["born ", "born on "]), f"{day} {_MONTHS[month - 1]} {year}"
    elif style < 0.75:
        cue, value = rng.choice(["d.o.b. ", "dob "]), f"{day}.{month}.{year}"
    elif style < 0.9:
        cue, value = rng.choice(["date of birth ", "date of birth: "]), f"{day:02d}/{month:02d}/{year}"
    else:
        cue, value = "DOB ", f"{day:02d}/{month:02d}/{year % 100:02d}"
    return [(cue, None), (value, "DATE_OF_BIRTH")]


def case_reference(rng: random.Random, year: int) -> list[tuple[str, str | None]]:
    """A cue plus a case reference; only the reference itself is the CASE_REFERENCE span."""
    style = rng.random()
    if style < 0.35:
        cue, value = rng.choice(["case ref ", "Case ref: ", "ref "]), f"CN-{year}-{rng.randrange(1, 9999):04d}"
    elif style < 0.55:
        cue, value = rng.choice(["our ref ", "ref: "]), f"CI/{year}/{rng.randrange(1, 99999):05d}"
    elif style < 0.7:
        cue, value = "client no. ", f"{rng.randrange(1, 999999):06d}"
    elif style < 0.85:
        cue, value = rng.choice(["council ref ", "housing ref "]), f"HSG-{rng.randrange(100000, 999999)}"
    else:
        prefix = rng.choice(["VCS", "CAB", "ADV"])
        cue, value = rng.choice(["Case ID ", "case no. "]), f"{prefix}{rng.randrange(10000, 99999)}"
    return [(cue, None), (value, "CASE_REFERENCE")]


# ---- the people of one note ------------------------------------------------------------------------

Seg = tuple[str, "str | None"]  # a piece of text and its PII entity type (None for plain text)

ROLES = {  # template slot -> (role, grammatical person of the possessive: 1 = "my", 3 = "her"/"his")
    "rel": ("family", 3), "my_rel": ("family", 1), "rel_child": ("child", 3), "my_child": ("child", 1),
    "lost_rel": ("lost", 3), "my_lost": ("lost", 1), "partner": ("partner", 3), "ex": ("partner", 3),
    "neighbour": ("neighbour", 3),
}
_ROLE_WORDS = {
    "family": {"f": ["daughter", "sister", "niece"], "m": ["son", "brother", "nephew"]},
    "child": {"f": ["daughter", "eldest", "youngest", "stepdaughter"], "m": ["son", "eldest", "youngest", "stepson"]},
    "lost": {"f": ["wife", "mum", "sister", "daughter", "partner"],
             "m": ["husband", "dad", "brother", "son", "partner"]},
    # {partner} and {ex} are one person per note (used in domestic abuse notes): current or former.
    "partner": {"f": ["partner", "wife", "girlfriend", "ex", "ex-partner", "ex-wife"],
                "m": ["partner", "husband", "boyfriend", "ex", "ex-partner", "ex-husband"]},
    "neighbour": {"f": ["neighbour"], "m": ["neighbour"]},
}
IDENTIFIER_SLOTS = ("phone", "email", "address", "postcode", "nhs", "nino", "dob", "ref")
CAST_SLOTS = ("name", "full", "first", "worker", "gp", *ROLES, *IDENTIFIER_SLOTS)


class Cast:
    """The client, relatives, staff and identifiers of one note, so repeated mentions stay consistent.

    `slot(name)` returns text segments; only PII values carry an entity type. With `pii` False, people
    appear unnamed ("her son", "the GP") and identifier slots must not be used.
    """

    def __init__(self, rng: random.Random, client: Person, *, urban: bool, districts: list[str], year: int,
                 case_note: bool, pii: bool, young: bool):
        self.rng, self.client, self.urban, self.districts, self.year = rng, client, urban, districts, year
        self.case_note, self.pii, self.young = case_note, pii, young
        self.kind = "urban" if urban else "rural"
        self.people: dict[str, tuple[Person, str, bool]] = {}
        self.ids: dict[str, list[Seg]] = {}

    def slot(self, name: str, first_person: bool = False) -> list[Seg]:
        if name in ("name", "full", "first"):
            return self._client(name)
        if name in ROLES:
            role, person_no = ROLES[name]
            return self._relative(role, 1 if first_person else person_no)
        if name in ("worker", "gp"):
            return self._staff(name)
        if name not in self.ids:
            self.ids[name] = self._identifier(name)
        return self.ids[name]

    def name_segs(self, who: Person, form: str) -> list[Seg]:
        if form == "title":
            return [(f"{who.title(self.rng)} {who.last}", "PERSON")]  # the title is part of the span
        value = {"first": who.first, "full": who.full, "lower": who.first.lower(), "caps_first": who.first.upper(),
                 "caps_full": who.full.upper()}[form]
        return [(value, "PERSON")]

    def _client(self, slot: str) -> list[Seg]:
        case = self.case_note
        if slot == "full":
            forms, weights = ["full", "caps_full"], [8, 2 if case else 0]
        elif slot == "first":
            forms, weights = ["first", "lower", "caps_first"], [5, 3 if case else 1, 2 if case else 0]
        elif case:
            forms, weights = ["first", "full", "title", "lower", "caps_first", "caps_full"], [30, 25, 25, 7, 5, 8]
        else:
            forms, weights = ["first", "full", "title"], [60, 20, 20]
        return self.name_segs(self.client, self.rng.choices(forms, weights=weights)[0])

    def _relative(self, role: str, person_no: int) -> list[Seg]:
        rng, client = self.rng, self.client
        if role not in self.people:
            opposite = "m" if client.gender == "f" else "f"
            gender = opposite if role == "partner" and rng.random() < 0.9 else rng.choice("fm")
            same_name = role in ("family", "child", "lost") and rng.random() < 0.7
            who = make_person(rng, self.kind, gender, surname=client.last if same_name else None)
            words = _ROLE_WORDS[role][gender]
            if gender == client.gender and role in ("lost", "partner"):
                words = [x for x in words if x not in ("husband", "wife")]
            self.people[role] = (who, rng.choice(words), self.pii and rng.random() < 0.8)
        who, word, named = self.people[role]
        poss = "my" if person_no == 1 else ("his" if client.gender == "m" else "her")
        segs: list[Seg] = [(f"{poss} {word}", None)]
        if named:
            if role == "neighbour" and rng.random() < 0.6:
                form = "title"
            else:
                form = rng.choices(["first", "full", "caps_first"], weights=[8, 2, 1 if self.case_note else 0])[0]
            if word.startswith("ex") and form == "first" and rng.random() < 0.5:
                return segs + [(", ", None)] + self.name_segs(who, form) + [(",", None)]
            segs += [(" ", None)] + self.name_segs(who, form)
        return segs

    def _staff(self, role: str) -> list[Seg]:
        rng = self.rng
        if role not in self.people:
            self.people[role] = (make_person(rng, self.kind), "", self.pii and rng.random() < 0.7)
        who, _, named = self.people[role]
        if role == "gp":
            return [(f"Dr {who.last}", "PERSON")] if named else [("the GP", None)]
        if not named:
            return [(rng.choice(["a volunteer", "my colleague", "our support worker"]), None)]
        lead = rng.choice(["our volunteer ", "my colleague ", ""])
        return [(lead, None), (who.first, "PERSON")] + ([] if lead else [(" from the team", None)])

    def _identifier(self, name: str) -> list[Seg]:
        rng, urban = self.rng, self.urban
        if name == "phone":
            return [(phone(rng, urban), "PHONE_NUMBER")]
        if name == "email":
            return [(email(rng, self.client), "EMAIL_ADDRESS")]
        if name == "address":
            return [(street_address(rng, urban), "STREET_ADDRESS")]
        if name == "postcode":
            return [(postcode(rng, rng.choice(self.districts)), "UK_POSTCODE")]
        if name == "nhs":
            return [(nhs_number(rng), "UK_NHS")]
        if name == "nino":
            return [(nino(rng), "UK_NINO")]
        if name == "dob":
            return date_of_birth(rng, 16 if self.young else 19, 26 if self.young else 92)
        if name == "ref":
            return case_reference(rng, self.year)
        raise KeyError(name)
