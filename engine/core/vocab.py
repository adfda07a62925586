"""The engine's fixed vocabularies, written once: every reader, route, page and command takes them from here.

Each maps the stored value to the plain words a VCS worker sees on the pages.
"""
from __future__ import annotations

# The kind of note (stored as notes.source_type).
SOURCE_TYPES = {
    "case_note": "Case note",
    "transcript": "Interview transcript",
    "anecdote": "Something I heard",
}
DEFAULT_SOURCE_TYPE = "case_note"

# The lawful basis under which an organisation shares its notes (stored as submissions.consent_basis).
CONSENT_BASES = {
    "consent": "The person agreed to their story being shared",
    "legitimate_interests": "Shared under our organisation's legitimate interests",
    "public_task": "Shared as part of a public task (councils)",
    "not_recorded": "I don't know",
}
DEFAULT_CONSENT_BASIS = "legitimate_interests"

# Where a "you said, we did" response stands (stored as responses.status). "not_doing" needs a reason.
RESPONSE_STATUSES = {
    "open": "Open",
    "in_progress": "In progress",
    "done": "Done",
    "not_doing": "Not doing",
}
DEFAULT_RESPONSE_STATUS = "open"
