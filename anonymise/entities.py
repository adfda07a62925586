"""The entity types our anonymiser emits, and their plain-English explanations for the web page.

Placeholders in anonymised text are `<TYPE>` or, for people, `<PERSON_1>`, `<PERSON_2>`, ...; postcodes,
dates of birth, older full dates and small places keep a generalised value: `<POSTCODE:SE6>`, `<AGE:25-34>`,
`<DATE:1980s>`,
`<PLACE:a housing estate in Riverside ward>`.
"""
PERSON = "PERSON"
STREET_ADDRESS = "STREET_ADDRESS"
UK_POSTCODE = "UK_POSTCODE"
PHONE_NUMBER = "PHONE_NUMBER"
EMAIL_ADDRESS = "EMAIL_ADDRESS"
UK_NHS = "UK_NHS"
UK_NINO = "UK_NINO"
DATE_OF_BIRTH = "DATE_OF_BIRTH"
PAST_DATE = "PAST_DATE"                # a full date ten or more years back, no cue (recognisers/past_date.py)
BANK_ACCOUNT = "BANK_ACCOUNT"          # sort codes and account numbers
CASE_REFERENCE = "CASE_REFERENCE"      # case, client and reference numbers
UK_VEHICLE_REGISTRATION = "UK_VEHICLE_REGISTRATION"
UK_PASSPORT = "UK_PASSPORT"
CREDIT_CARD = "CREDIT_CARD"
IBAN_CODE = "IBAN_CODE"
IP_ADDRESS = "IP_ADDRESS"
URL = "URL"
MANUAL = "MANUAL"                      # something the worker asked us to hide
SMALL_PLACE = "SMALL_PLACE"            # an estate, block, lone street or hamlet: its kind and area (small_places.py)

ALL = [
    PERSON, STREET_ADDRESS, UK_POSTCODE, PHONE_NUMBER, EMAIL_ADDRESS, UK_NHS, UK_NINO, DATE_OF_BIRTH, PAST_DATE,
    BANK_ACCOUNT, CASE_REFERENCE, UK_VEHICLE_REGISTRATION, UK_PASSPORT, CREDIT_CARD, IBAN_CODE, IP_ADDRESS,
    URL, MANUAL, SMALL_PLACE,
]

EXPLAIN = {
    PERSON: "a person's name",
    STREET_ADDRESS: "a street address",
    UK_POSTCODE: "a postcode (kept only as its district, e.g. M14)",
    PHONE_NUMBER: "a phone number",
    EMAIL_ADDRESS: "an email address",
    UK_NHS: "an NHS number",
    UK_NINO: "a National Insurance number",
    DATE_OF_BIRTH: "a date of birth (kept only as an age band)",
    PAST_DATE: "a full date ten or more years ago, often a date of birth (kept only as its decade)",
    BANK_ACCOUNT: "a bank sort code or account number",
    CASE_REFERENCE: "a case or reference number",
    UK_VEHICLE_REGISTRATION: "a vehicle registration",
    UK_PASSPORT: "a passport number",
    CREDIT_CARD: "a card number",
    IBAN_CODE: "a bank account number (IBAN)",
    IP_ADDRESS: "an internet address",
    URL: "a web address",
    MANUAL: "something you asked us to hide",
    SMALL_PLACE: "a place small enough to point at someone (an estate, a block of flats, a street or a hamlet), "
                 "named by its ward or council instead",
}
