"""Bank details: sort codes ("sort code 12-34-56", "s/c 12 34 56") and account numbers
("account number 12345678", "acc no. 31926819", "a/c 1234 5678"), only after a bank word.

Six- and eight-digit numbers are everywhere in case notes (dates, amounts, references), so the
context check is part of each pattern: `<bank word> <filler> \\K <number>`, the filler being
punctuation and "no", "number", "is", "'s", "details" only ("bank holiday on 12-05-24" does not match).
An account number straight after a sort code needs no word of its own ("s/c 12-34-56 12345678").
A bank's name counts as a bank word before a grouped sort code ("Barclays 20-00-00, 12345678").
After an account word the number fails closed: six to ten digits ("acc no 123456789", a building society
roll number), not only the eight of a UK account. The filler also takes "confirmed", "given", "as",
"provided", "ending" and a short bracket ("a/c (joint) 12345678"). Between an account word and its number
up to three short words may stand ("read the account number out as 12345678", "account number? It's
12345678", "account no. is now 1234 5678"), still within the sentence (no full stop, no line break).
Sort codes are also typed with dots or as "2045 61" ("sort 20.45.61" after a sort word), or with slashes
after a sort-code word ("Sort-code: 78/25/01"; never after a bank's name, where it reads as a date); an account
number also as "8668-1472" after an account word (never a span of years, "2023-2024").
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_FILLER = (r"(?:[^\S\n]|[:=#.,()\-–/]|['’]s\b|\b(?:no|nos|num|nr|number|is|was|details|of|and|confirmed|given|as"
           r"|provided|checked|ending|reads|read)\b|\([^\d()\n]{1,20}\)){1,10}")
_SORT_CODE_WORD = r"\b(?i:sort[^\S\n]?-?code|sort(?=[^\S\n]*[:\-]?[^\S\n]*\d\d[-.\s]?\d\d[-.\s]?\d\d(?!\d))|s/c|s\.c\.?|sc(?=[^\S\n]*[:\-]?[^\S\n]*\d\d[-.\s]\d\d[-.\s]\d\d))"
_BANK_WORD = (r"\b(?i:bank|banking|barclays|lloyds|hsbc|natwest|santander|nationwide|halifax|monzo|starling|tsb"
              r"|co-?op(?:erative)?[^\S\n]+bank|virgin[^\S\n]+money|first[^\S\n]+direct|rbs|metro[^\S\n]+bank"
              r"|clydesdale|credit[^\S\n]+union|post[^\S\n]+office[^\S\n]+account)")
_ACCOUNT_WORD = r"\b(?i:(?:bank[^\S\n]+)?(?:account|acc|acct|acc't|a/c|a\.c\.|ac(?=[^\S\n]*(?:no|num|number)\b)))"
_SORT_CODE = r"(?<!\d)\d{2}(?P<sep>[-.]|[^\S\n])\d{2}(?P=sep)\d{2}(?![-.]?\d)"
_SORT_CODE_BARE = r"(?<!\d)(?:\d{6}|\d{4}[^\S\n]\d{2})(?![-.]?\d)"
# Up to three short words between an account word and its number ("out as", "? It's", "is now").
# Never an amount word: "account balance 12345678" stays.
_MONEY_WORD = (r"(?:balances?|totals?|overdrawn|overdraft|owes?|owed|owing|paid|pays?|payments?|arrears|debts?"
               r"|credit|limit|fees?|charges?|costs?|worth|sum|amount|rent"
               r"|ref|refs|reference|case|crime|claim|nhs|ni|tel|phone|mob|mobile|passport|client|voucher|policy)\b")
_GAP = r"(?:(?!" + _MONEY_WORD + r")[A-Za-z][A-Za-z'’]{0,7}[?:,]?(?:[^\S\n]|[:=#,()\-–])+){0,3}"
_ACCOUNT = r"(?<!\d)(?:\d{4}[^\S\n]?\d{4}|\d{7})(?![-.]?\d)"
_ACCOUNT_CUED = (r"(?<!\d)(?:\d{4}[^\S\n]\d{4}|(?!(?:19|20)\d\d[-–](?:19|20)\d\d)\d{4}[-–]\d{4}"
                 r"|\d{3}[^\S\n]\d{3}[^\S\n]\d{2,4}|\d{6,10})(?![-./]?\d)")   # "8668-1472", never "2023-2024"
_SORT_CODE_SLASH = r"(?<!\d)\d{2}/\d{2}/\d{2}(?![-./]?\d)"     # "78/25/01": only after a sort-code word


class BankAccountRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern(
            "Sort code after 'sort code'",
            _SORT_CODE_WORD + _FILLER + r"\K(?:" + _SORT_CODE + "|" + _SORT_CODE_BARE + "|" + _SORT_CODE_SLASH + ")",
            0.85,
        ),
        Pattern("Sort code after 'bank'", _BANK_WORD + _FILLER + r"\K" + _SORT_CODE, 0.75),
        Pattern("Account number after 'account' (6-10 digits: fail closed)",
                _ACCOUNT_WORD + _FILLER + r"\K" + _ACCOUNT_CUED, 0.85),
        Pattern("Account number a few words after 'account' (fail closed)",
                _ACCOUNT_WORD + r"(?:" + _FILLER + r"|[?])+" + _GAP + r"\K" + _ACCOUNT_CUED, 0.8),
        Pattern(
            "Account number after a sort code",
            r"(?:" + _SORT_CODE_WORD + "|" + _BANK_WORD + ")" + _FILLER + _SORT_CODE
            + r"(?:[^\S\n]|[,;/:.\-]|\b(?:and|account|acc|acct|a/c|no|num|number)\b){1,8}\K" + _ACCOUNT,
            0.85,
        ),
    ]

    CONTEXT = ["sort code", "account number", "account", "bank", "a/c", "s/c"]

    def __init__(self, supported_language: str = "en", name: str | None = None):
        super().__init__(
            supported_entity="BANK_ACCOUNT", patterns=self.PATTERNS, context=self.CONTEXT,
            supported_language=supported_language, name=name,
        )


def create(**options) -> BankAccountRecognizer:
    return BankAccountRecognizer(**options)
