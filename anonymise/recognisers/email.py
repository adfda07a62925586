"""Email addresses: "jo.bloggs@example.org", "name.surname+tag@sub.domain.co.uk", any case.

Our own regex rather than Presidio's `EmailRecognizer`, whose validation calls tldextract (a
public-suffix list that it would otherwise fetch from the network). Any alphabetic top-level
domain of two letters or more is accepted, so new and local domains are not missed, and a
mistyped address ("jo..bloggs@example.org") is still caught: it still identifies someone.
"""
from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_LOCAL = r"[A-Z0-9](?:[A-Z0-9._%+'\-]*[A-Z0-9_%+\-])?"
_LABEL = r"[A-Z0-9](?:[A-Z0-9\-]{0,61}[A-Z0-9])?"


class EmailRecognizer(PatternRecognizer):
    PATTERNS = [
        Pattern(
            "Email address",
            r"(?<![\w.%+'\-@])" + _LOCAL + r"@(?:" + _LABEL + r"\.)+[A-Z]{2,24}\b(?![.\-]?\w)",
            0.9,
        ),
    ]

    CONTEXT = ["email", "e-mail", "mail", "contact", "address"]

    def __init__(self, supported_language: str = "en", name: str | None = None):
        super().__init__(
            supported_entity="EMAIL_ADDRESS", patterns=self.PATTERNS, context=self.CONTEXT,
            supported_language=supported_language, name=name,
        )


def create(**options) -> EmailRecognizer:
    return EmailRecognizer(**options)
