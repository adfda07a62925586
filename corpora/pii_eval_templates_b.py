"""A second, held-out set of sentence templates for the labelled anonymisation test set.

    python -m corpora.pii_eval OUT.jsonl --seed 11 --templates b

Written apart from corpora.pii_eval_templates and never used to tune the anonymiser: its figures are the
held-out ones. Same syntax, slots and value generators (names, numbers and dates come from the same
generators; only the sentences, openers, fillers, questions and headers differ), plus street shapes the
first set lacks: streets with no street word ("41 Queensway") after an address phrase or before a town.
"""
from __future__ import annotations

import random

from corpora.pii_eval_templates import *  # noqa: F401,F403  (names, places, value generators)
from corpora.pii_eval_templates import (
    BLOCK_NAMES,
    BLOCK_TYPES,
    STREET_NAMES,
    STREET_TYPES,
)

ONE_WORD_STREETS = ["Queensway", "Broadway", "Moorside", "Parkside", "Southgate", "Northfield", "Westwood",
                    "Eastbank", "Kingsway", "Fairfield", "Longcroft", "Highfield", "Redmoor", "Oakwood"]


def street_address(rng: random.Random) -> str:
    """Streets as in set A, plus one-word streets with no street suffix ("14 Queensway")."""
    n, k = rng.randrange(1, 180), rng.randrange(1, 40)
    street = f"{rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}"
    one = rng.choice(ONE_WORD_STREETS)
    shapes = [(40, f"{n} {street}"), (12, f"Flat {k}, {n} {street}"), (15, f"{n} {one}"),
              (6, f"Flat {k}, {n} {one}"), (8, f"{n}{rng.choice('ab')} {street}"),
              (8, f"Flat {k}, {rng.choice(BLOCK_NAMES)} {rng.choice(BLOCK_TYPES)}"), (5, f"{n}-{n + 4} {street}")]
    value = rng.choices([s for _, s in shapes], weights=[w for w, _ in shapes])[0]
    return value.lower() if rng.random() < 0.1 else value


PII_3P = [
    "^{client_full} turned up at the warm space on {day} with nothing but a carrier bag.",
    "^Outreach: caught up with {client_title} outside the library {date_rel}.",
    "^{client} was signposted to us by the [GP|SERVICE] after a fall.",
    "^Drop-in. {client_first} wanted help reading a letter from the [DWP|ORGANISATION].",
    "^Message left for {client_title}; will try again {date_next}.",
    "^Volunteer {worker} sat with {client_first} while {he} filled in the form.",
    "^{client_caps} REFERRED BY THE [HOUSING OFFICER|SERVICE].",
    "^went round to see {client_lower} but nobody answered.",
    "{client_first} is behind on {his} water bill and scared to open the post.",
    "{client_first} told {worker} that the landlord keeps turning up unannounced.",
    "We helped {client_title} apply for a [Household Support Fund|SERVICE] grant of {money}.",
    "{Rel} is now {his} main carer and is exhausted.",
    "{client_first} brought {rel_mid} along for moral support.",
    "{He} worries that {rel} is being bullied at school.",
    "{Rel_poss} benefits were stopped in {month}, so the whole house is short.",
    "Handed over to {worker}, who knows the family well.",
    "{gp} has written a supporting letter for the appeal.",
    "{client_first} cried when {he} heard the sanction had been lifted.",
    "{client_title} wants to complain about the repairs team at [the council|ORGANISATION].",
    "Apparently {rel} has moved back in, which {client_first} is not happy about.",
    "{client} said the pharmacy keeps getting {his} prescription wrong.",
    "A neighbour, {other}, has been checking on {him} most evenings.",
    "{client_first} and {rel} are sharing one bedroom at the moment.",
    "{client_poss} energy debt has reached {big_money}.",
    "{worker} to chase the [Discretionary Housing Payment|SERVICE] on {day}.",
    "{client_caps} AND {rel_caps} BOTH ATTENDED.",
    "rang {client_lower} back about the foodbank voucher.",
    # STREET_ADDRESS
    "{He} has been staying at {addr}, {place}, since the fire.",
    "Delivered a food parcel to {addr}.",
    "Current address: {addr}, {place}.",
    "{client_first} is moving to {addr} at the end of the month.",
    "The boiler at {addr} has been broken for a fortnight.",
    "{He} used to live at {addr}, {postcode}, before the split.",
    "Visited {addr} with the [housing officer|SERVICE].",
    "Correspondence address is {addr}, {place} {postcode}.",
    # UK_POSTCODE
    "{His} postcode is {postcode}, which is outside our patch.",
    "Home postcode {postcode}.",
    "Area covered: {district} and around.",
    "Taxi voucher issued for a journey to {postcode}.",
    # PHONE_NUMBER
    "Contact number for {him}: {phone}.",
    "{He} can only take calls on {mobile} after six.",
    "Tried {landline} twice with no joy.",
    "{Rel} can be reached on {phone} if {he} does not pick up.",
    "Phone {mobile} (text first).",
    # EMAIL_ADDRESS
    "{He} asked for the letter to go to {email}.",
    "Contact email {email}.",
    "Forwarded the booking confirmation to {email}.",
    # UK_NHS
    "Hospital discharge letter quotes NHS number {nhs}.",
    "NHS No: {nhs}.",
    "{He} read out {his} NHS number, {nhs}, from the prescription.",
    # UK_NINO
    "{His} NI number, {nino}, was on the payslip.",
    "National insurance no. {nino} confirmed.",
    "NI: {nino}.",
    # DATE_OF_BIRTH
    "{client_first} ({dob}) asked about the pension top-up.",
    "Date of birth confirmed as {dob_value}.",
    "{client_title}, {dob}, referred for a benefits check.",
    "{He} was {dob_born}, according to the form.",
    # BANK_ACCOUNT
    "Payment to go to sort code {sort_code}, account {account}.",
    "{He} read the account number out as {account}.",
    "Sort code {sort_code}, [Nationwide|ORGANISATION].",
    # CASE_REFERENCE
    "Reference {case_ref} on the [Citizens Advice|ORGANISATION] system.",
    "Crime ref {crime_ref} given by the police.",
    "Client number {client_no}.",
    # UK_VEHICLE_REGISTRATION
    "{His} {car}, registration {vrm}, was towed away.",
    "Vehicle reg {vrm} needs a new MOT.",
    # UK_PASSPORT
    "{He} has lost {his} passport ({passport}).",
    "Passport no {passport} photocopied for the file.",
]

PII_1P = [
    "I'm {client_full}, most people call me by my first name.",
    "{My_rel} does the forms for me, I can't read them.",
    "It's just me and {my_rel} in the flat now.",
    "{My_rel_poss} dad doesn't pay anything.",
    "{gp} was the only one who listened.",
    "Ask {worker}, they sorted it last time.",
    "{other} next door lends me her phone sometimes.",
    "I've been at {addr} for six years.",
    "We're at {addr}, {place}, the one with the blue door.",
    "Post goes to {addr}, {postcode}.",
    "The postcode's {postcode}.",
    "My mobile is {mobile}, it's pay as you go.",
    "Best to ring {phone}.",
    "Email me on {email}, that's easiest.",
    "My NHS number is {nhs}.",
    "National insurance, that's {nino}.",
    "I was {dob_born}.",
    "My birthday's {dob_value}, if you need it.",
    "The sort code is {sort_code}, account {account}.",
    "Account number's {account}, I think.", "Sort code, hang on, {sort_code}.",
    "The crime number was {crime_ref}.",
    "They gave me a reference, {case_ref}.",
    "My car's a {car}, {vrm}.",
    "Passport number? It's {passport}.",
    "I've got {my_rel_mid} who keeps an eye on me.",
]

OPENERS_3P = [
    "Drop-in session, {date}.", "Phone call {date_rel}.", "Visit to the warm space on {day}.",
    "Walk-in at the [food bank|SERVICE] in {place}.", "Referral from [the council|ORGANISATION] on {date}.",
    "Quick update after {day}'s session.",
]
FILLERS_3P = [
    "The electricity meter had run out.", "No heating since {month}.",
    "Signposted to [StepChange|ORGANISATION] for the debts.", "The [food bank|SERVICE] voucher was issued.",
    "Rent has gone up by {small_money} a week.", "Benefits check booked for {date_next}.",
    "The children are getting free school meals now.", "Discussed budgeting and a [Healthy Start|SERVICE] card.",
    "The flat has black mould in the back bedroom.", "Referred to [Mind|ORGANISATION] for counselling.",
    "Owes {big_money} to the catalogue and two payday lenders.", "Was sanctioned in {month} for a missed appointment.",
    "Bus fare to the jobcentre is {small_money} a day.", "Used the warm space on {day} and {day}.",
    "Lives in {place} and knows nobody locally.", "Grant of {money} agreed by the panel.",
]
CLOSERS_3P = ["To review next month.", "Closed - no further action.", "Follow-up call on {date_next}.",
              "Passed to the duty worker.", "Outcome: signposted to {refer}."]
FILLERS_1P = [
    "I just want somewhere warm for the kids.", "The rent takes nearly everything.",
    "I've not been sleeping, honestly.", "The [jobcentre|SERVICE] keeps moving my appointments.",
    "I owe {big_money}, I can't see a way out.", "We came over from {place2} in {month}.",
    "I skip dinner most nights.", "[Shelter|ORGANISATION] said to keep every letter.",
    "The bus into {place} is {small_money} now.", "I work nights at the depot.",
    "My mum's {old_age} and needs me.", "I went to [A&E|SERVICE] {date_rel} with my back.",
]
QUESTIONS = [
    "How are things at home?", "Who do you turn to?", "What's the hardest part?", "How are you sleeping?",
    "Where are you living now?", "Is anyone helping with the money?", "What would make a difference?",
    "When did it start?", "Are you eating properly?", "Can I take a few details?",
]
INTERVIEWER_LABELS = ["Staff", "Volunteer", "V", "Int"]
RESIDENT_LABELS = ["Caller", "Service user", "SU", "Guest"]
TRANSCRIPT_HEADERS = ["Notes from the {place} listening event, {date}", "Call transcript, {date}",
                      "Conversation at the warm space, {day}"]
FORM_HEADERS = ["CLIENT DETAILS ({org})", "Referral - {org}, {date}", "Registration form, {place}"]
FORM_REASONS = ["Why referred:", "Needs:", "Summary:"]
