"""The fixed facts of the DPIA-lite (engine/publish/dpia.py): what the service never collects, what it does
collect, where nothing goes, and the risks with their mitigations. Plain English an officer can sign; each line
here is true of the code as it is (the tests named beside some of them check it)."""
from __future__ import annotations

PURPOSE = (
    "Community Insights lets local voluntary and community organisations share what they hear from the people they "
    "help (case notes, interviews and anecdotes) so that the council and its partners can see common themes by "
    "area, next to published statistics. Each note is anonymised on this machine before it is stored. Only "
    "counts, rounded and with small numbers hidden, and short quotes that pass the same checks leave the service."
)

COLLECTED = [
    "The anonymised text of each note: names, phone numbers, addresses and the other identifiers listed below "
    "are replaced by placeholders such as <PERSON_1> before the note is stored.",
    "The note's date as the contributor gives it (often only a month), and its month.",
    "The area of the note as an ONS ward or council code, worked out from a postcode district or place name; never "
    "the address itself.",
    "An age band (for example 25-34) when a date of birth or age is given; never the exact date of birth.",
    "The kind of note (case note, interview, anecdote) and the organisation that shared it.",
    "For people who sign in: their email address, role and organisation, and a scrypt hash of their password "
    "(never the password). API tokens are kept only as a hash.",
    "An audit file: who read which notes' text (note ids only), who published which summaries, failed sign-ins "
    "and refused requests (with the caller's network address), and a record of every erasure (no note text).",
]

NEVER_COLLECTED = [
    "The text as the contributor wrote it. It is anonymised in memory and only the anonymised text is written to "
    "the database. It is never written to a log, an error message or a backup.",
    "Names of the people a note is about, their phone numbers, email addresses, street addresses, full postcodes, "
    "dates of birth, NHS numbers, National Insurance numbers, passport numbers, bank and card details, vehicle "
    "registrations, case reference numbers, internet addresses and web addresses (all replaced before storing).",
    "Exact ages or full dates of birth (an age band only), and exact locations (a ward or council only).",
    "Any field asking for health, ethnicity, religion or other special-category data. Such details may appear in "
    "what people say; they are never asked for as data, and are only ever published as counts that pass suppression.",
    "Tracking or advertising cookies, analytics, or any information about the people a note is about beyond the "
    "note itself. The only cookies are the sign-in session and its form-protection token.",
]

WHERE_DATA_LIVES = [
    "One SQLite database file on the machine that runs the service: {db_path}.",
    "The audit file beside it: {audit_path}.",
    "Backups only where an administrator writes them (`insights backup --to FILE`); they are copies of the same "
    "file, with the same anonymised content, and should be kept on storage with the same protection.",
    "The language models (for finding names and for grouping notes into themes) are files installed on the same "
    "machine. The service makes no network calls at run time: the model libraries are switched to offline mode "
    "before they load.",
]
# The same, for a deployment whose database is a PostgreSQL server (INSIGHTS_DB=postgresql://...).
WHERE_DATA_LIVES_POSTGRESQL = [
    "One PostgreSQL database: {db_path}.",
    "The audit log in the same database, in its own schema (insights_audit).",
    "Backups only where an administrator makes them with PostgreSQL's tools (pg_dump); they hold the same anonymised "
    "content and the audit log, and should be kept on storage with the same protection. The server's write-ahead "
    "log and base backups keep erased rows until they are recycled.",
] + WHERE_DATA_LIVES[3:]

SUB_PROCESSORS = [
    "None. No note, count or account detail is sent to any other company or service. There is no cloud AI, no "
    "external analytics and no third-party hosting built in. Whoever hosts the machine is the only party with "
    "access to the files, and should be named in the organisation's own records.",
]

SHARING = [
    "Contributors see their own organisation's notes and how they were used.",
    "Analysts and facilitators see themes, counts by area and month, and short quotes; every count below the "
    "suppression threshold is hidden and every count shown is rounded.",
    "Facilitators download summaries (Word, PDF, Markdown, HTML) and digests: only suppressed, rounded counts and "
    "checked quotes. Each download is recorded in the audit file with how many of each organisation's notes "
    "counted in it.",
    "Contributors never read another organisation's notes. Analysts, facilitators and admins, to check themes, "
    "duplicates and held-back quotes, read anonymised notes and excerpts from every organisation; every such "
    "read is recorded in the audit file (note ids only). "
    "Nobody outside these roles reads any note text.",
]

# (risk, what we do about it, what is left)
RISKS = [
    ("An identifier is missed by the anonymiser and stored.",
     "Rules for UK identifiers with checksums, plus a name-finding model, run on every note; the contributor sees "
     "the anonymised preview and can hide more before sending; recall is measured (see above).",
     "Some identifiers may be missed, at the rate the measured recall shows. Contributors are told to check the "
     "preview."),
    ("Someone is recognised from a combination of details (a small place, an exact age, a rare event).",
     "Places are generalised to a ward or council; ages to bands; quotes with rare details are held back for an "
     "analyst; small counts are hidden.",
     "Low: a held-back quote needs a person's approval to be shown."),
    ("A small count lets someone work out who a note is about.",
     "Every count below the suppression threshold is hidden (a higher threshold for sensitive themes), and counts "
     "shown are rounded.",
     "Low."),
    ("Someone signs in who should not, or a role sees more than it should.",
     "Deny by default: every page and API route names the roles allowed, tested over every route; passwords "
     "hashed with scrypt; sign-in throttled; refusals recorded in the audit file.",
     "Low, depending on how accounts are given out and removed."),
    ("Notes are kept longer than needed.",
     "Each organisation has a retention period; notes past it are erased daily by the service, or by "
     "`insights retention apply`.",
     "Low, provided the service runs or the command is scheduled."),
    ("A person asks for their information to be removed.",
     "`insights erase` (or an admin in the API) removes a note or a whole submission with everything derived "
     "from it, and rewrites the file so no trace of its text remains; a record without text is kept.",
     "Copies in backups made before the erasure remain until those backups are deleted."),
    ("The database file is copied or stolen.",
     "It holds only anonymised text. The machine, its disk encryption and its backups are the host's to protect.",
     "Depends on the host's security; see 'Where the data lives'."),
]

SIGN_OFF = ["Name", "Role", "Signature", "Date"]
