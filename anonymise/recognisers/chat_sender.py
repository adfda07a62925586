"""Senders in a pasted WhatsApp (or similar) chat export: the name between a message's time stamp and its colon.

    [07/01/2024, 19:02] Sabiha: lift is broken again         (iOS export; seconds optional)
    07/01/2024, 19:02 - Kev Tenant Rep: meeting moved         (Android export)
    [2023-08-16, 12:11] mrs i malik: ...                       (other stamps: ISO dates, "25 November, 17:30")

A chat export puts its sender in that slot and nothing else, so one to four words there (any casing: "liv",
"BIG MO", "Kaz (block C)") are a PERSON, at the start of a line or of the text only. A slot holding a phone
number is left to the phone recogniser; "You" and "Me" are not names. Dates and times elsewhere, and a
bracketed date with no time, are never read as a stamp.                                          (0.8)
"""
from __future__ import annotations

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult

_DAY = (r"(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?[ \t]+(?i:jan|feb|mar|apr|may|jun|jul|aug"
        r"|sep|oct|nov|dec)[a-z]*\.?(?:[ \t]+\d{4})?)")      # 07/01/2024, 2023-08-16, 25 November
_DATE = _DAY + r",?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?"
_WORDS = r"(?!(?i:you|me)[ \t]*:)[^\W\d_][\w'’.\-]*(?:[ \t]+[^\W\d_][\w'’.\-]*){0,3}"
_SENDER = regex.compile(r"(?m)^[ \t\-•*]*(?:\[" + _DATE + r"\]|" + _DATE + r"[ \t]+[-–])[ \t]+\K" + _WORDS
                        + r"(?=[ \t]*:)")


class ChatSenderRecognizer(LocalRecognizer):
    def __init__(self, supported_language: str = "en", name: str | None = "ChatSenderRecognizer"):
        super().__init__(supported_entities=["PERSON"], supported_language=supported_language, name=name)

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        if entities and "PERSON" not in entities:
            return []
        return [RecognizerResult(
            entity_type="PERSON", start=m.start(), end=m.end(), score=0.8,
            analysis_explanation=AnalysisExplanation(
                recognizer=self.name, original_score=0.8, textual_explanation="sender in a chat export"),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name,
                                  RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id})
            for m in _SENDER.finditer(text)]


def create(**options) -> ChatSenderRecognizer:
    return ChatSenderRecognizer(**options)
