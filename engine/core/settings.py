"""The one settings object. Environment variables are read here and nowhere else.

Build it with `Settings.from_env()` (the CLI and the web app do this once) and pass it explicitly.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from engine.core.errors import SettingsError

MIN_SUPPRESSION_THRESHOLD = 5
ASSIGN_SCORERS = ("calibrated", "similarity")
# The embedders a deployment can choose (themes/embedders.py makes them): MiniLM on ONNX Runtime (int8), the same
# MiniLM on PyTorch (the reference the ONNX one is checked against), and the static model distilled from it.
EMBEDDER_NAMES = ("accurate", "accurate-torch", "fast")


def db_target(raw: str) -> Path | str:
    """INSIGHTS_DB / --db as given: a postgresql:// URL stays text, anything else is a SQLite file path."""
    return raw if "://" in raw else Path(raw)


def audit_path_for(db_path: Path | str) -> Path | str:
    """Where the audit log of note-text reads lives: its own SQLite file beside the database
    (data/insights.db -> data/insights-audit.db), so writing it never changes the main database (see
    engine/store/audit.py). The one place this path is worked out; an in-memory database has an in-memory log,
    and a PostgreSQL database keeps it in its own schema of the same database (so the URL is returned)."""
    if str(db_path) == ":memory:":
        return ":memory:"
    if "://" in str(db_path):
        return str(db_path)
    path = Path(db_path)
    return path.with_name(f"{path.stem}-audit.db")


def setting(default, env: str | None = None, doc: str = ""):
    """A field of Settings: its default, the environment variable that sets it, and one line for the README."""
    return field(default=default, metadata={"env": env, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """Every knob, with the environment variable that sets it. The README's settings table is generated from
    these fields (`python -m engine.core.settings`), and a test checks that the two agree."""

    db_path: Path | str = setting(Path("data/insights.db"), "INSIGHTS_DB",
                                  "Path of the SQLite database file (default data/insights.db), or a PostgreSQL "
                                  "URL: postgresql://user@host/dbname (see the README's PostgreSQL section).")
    # Statistical disclosure control: counts below this never leave the engine.
    suppression_threshold: int = setting(10, "INSIGHTS_SUPPRESSION_THRESHOLD",
                                         "Counts below this are hidden in every output (default 10, never below 5).")
    sensitive_suppression_threshold: int = setting(20, "INSIGHTS_SENSITIVE_SUPPRESSION_THRESHOLD",
                                                   "Threshold for sensitive themes (default 20).")
    rounding_base: int = setting(5, "INSIGHTS_ROUNDING_BASE",
                                 "Published counts are rounded to a multiple of this (default 5).")
    # Theme assignment. The shipped zero-shot scorer is "calibrated" (themes/calibrated.py): it standardises each
    # theme's scores against the corpus's own notes, with no labels and no threshold to set. "similarity" is the
    # legacy raw-cosine rule (themes/assign.py), kept as an explicit option; only it reads the four thresholds below
    # (calibrated on the demo corpus: macro-F1 0.725 accurate at 0.36 / 0.06, 0.516 fast at 0.56 / 0.10).
    assign_scorer: str = setting("calibrated", "INSIGHTS_ASSIGN_SCORER",
                                 "Zero-shot theme scorer: calibrated (default: calibrates itself on the notes "
                                 "stored, no labels) or similarity (the legacy fixed-threshold rule).")
    assign_threshold: float = setting(0.36, "INSIGHTS_ASSIGN_THRESHOLD",
                                      "Legacy scorer only (INSIGHTS_ASSIGN_SCORER=similarity): similarity a note "
                                      "needs to join a theme (default 0.36).")
    assign_margin: float = setting(0.06, "INSIGHTS_ASSIGN_MARGIN",
                                   "Legacy scorer only: a second theme must score within this of the note's best "
                                   "theme (default 0.06).")
    # The fast embedder's similarities run higher (median best score 0.66 against 0.45), so the legacy rule has
    # its own threshold and margin for it.
    fast_assign_threshold: float = setting(0.56, "INSIGHTS_FAST_ASSIGN_THRESHOLD",
                                           "Legacy scorer only: the same threshold for the fast embedder, whose "
                                           "scores run higher (default 0.56).")
    fast_assign_margin: float = setting(0.10, "INSIGHTS_FAST_ASSIGN_MARGIN",
                                        "Legacy scorer only: the same margin for the fast embedder (default 0.10).")
    max_themes_per_note: int = setting(3)
    # Embedder for notes (EMBEDDER_NAMES); each one's vectors carry its own id and never mix.
    embedder: str = setting("accurate", "INSIGHTS_EMBEDDER",
                            "accurate (MiniLM on ONNX Runtime; default), accurate-torch (the same MiniLM on "
                            "PyTorch, the reference) or fast (a static model distilled from it, for bulk work).")
    learn_after_corrections: int = setting(20, "INSIGHTS_LEARN_AFTER_CORRECTIONS",
                                           "Notes corrected by people before new notes are assigned by a model "
                                           "learned from those corrections (default 20).")
    # Anonymisation.
    anonymise_timeout_seconds: float = setting(30.0, "INSIGHTS_ANONYMISE_TIMEOUT",
                                               "Seconds the anonymiser may spend on one batch (in worker processes: "
                                               "on one task of up to 8 notes, then the worker is killed) before the "
                                               "notes are rejected (default 30).")
    anonymise_batch_size: int = setting(32)
    anonymise_ner: str = setting("gated", "INSIGHTS_ANONYMISE_NER",
                                 "'gated' (default: spaCy's NER reads only sentences with a capitalised word the "
                                 "rules left unexplained) or 'full' (NER reads every sentence; about a third of the "
                                 "speed).")
    anonymise_processes: int = setting(0, "INSIGHTS_ANONYMISE_PROCESSES",
                                       "Worker processes for bulk anonymisation: 0 (default) uses up to 4 cores, "
                                       "1 keeps it in one process.")
    service_anonymise_workers: int = setting(2, "INSIGHTS_SERVICE_ANONYMISE_WORKERS",
                                             "Worker processes that anonymise the web service's notes, forked with "
                                             "the analyzer loaded; an organisation holding all but one of them waits "
                                             "while another has work, and one past INSIGHTS_ANONYMISE_TIMEOUT is "
                                             "killed and replaced (default 2).")
    max_request_chars: int = setting(200_000, "INSIGHTS_MAX_REQUEST_CHARS",
                                     "Most characters of note text one API request or page may send to be "
                                     "anonymised (413 beyond it; default 200,000). Files go through uploads.")
    allow_list_path: Path | None = setting(None, "INSIGHTS_ALLOW_LIST",
                                           "A text file of service and organisation names to keep readable, one "
                                           "per line.")
    # Quote safety (engine/publish/quote_safety.py): a quote whose rare details score this much or more is held
    # back until an analyst approves or trims it. Scores: a small place 1.5, an exact age 1.0 (an age band 0.5), a
    # rare event 1.0, a one-per-place job 1.0, a named service 1.0, each kind once (anonymise/quote_risk.py).
    quote_risk_threshold: float = setting(2.0, "INSIGHTS_QUOTE_RISK_THRESHOLD",
                                          "A quote scoring this or more on rare details (small place 1.5, exact age "
                                          "1, age band 0.5, rare event 1, rare job 1, named service 1) is held back "
                                          "for an analyst (default 2.0: two details together; at most 5.5).")
    # Early warning for emergent themes (engine/publish/emergent_growth.py): a proposed candidate alerts when its
    # notes in the latest month are at least this many (never fewer than the suppression threshold) and at least
    # the factor times its monthly average over the months before (months with none count as 0). At 10 and 3, a
    # candidate arriving at a steady rate alerts by chance in under 0.25% of months (Poisson: rate 3.3 a month,
    # 10 or more), while a new one with 10 notes in its first month always does.
    emergent_growth_min_notes: int = setting(10, "INSIGHTS_EMERGENT_GROWTH_MIN_NOTES",
                                             "An emergent theme alerts when it has at least this many notes in the "
                                             "latest month (default 10; the suppression threshold when higher).")
    emergent_growth_factor: float = setting(3.0, "INSIGHTS_EMERGENT_GROWTH_FACTOR",
                                            "... and at least this many times its monthly average over the months "
                                            "before (default 3.0; more than 1).")
    emergent_growth_baseline_months: int = setting(6, "INSIGHTS_EMERGENT_GROWTH_BASELINE_MONTHS",
                                                   "How many months before the latest make that average (default "
                                                   "6; 1 to 36; a month without notes counts as 0).")
    quote_places_path: Path | None = setting(None, "INSIGHTS_QUOTE_PLACES",
                                             "A postcode-district CSV (columns Town/Area, Population, Post Town) "
                                             "whose places with fewer than 5,000 people count as small places in "
                                             "quotes.")
    # Near-duplicate notes (engine/near_duplicates.py): a new note is the twin of an earlier one when both the
    # cosine of their stored vectors and the word-shingle overlap of their anonymised texts reach these (tuned on
    # the demo corpus: see README "Many voices, counted once"); it is then counted once.
    near_duplicate_cosine: float = setting(0.94, "INSIGHTS_NEAR_DUPLICATE_COSINE",
                                           "Cosine of two notes' vectors at or above which they may be near-"
                                           "duplicates (default 0.94).")
    near_duplicate_text: float = setting(0.5, "INSIGHTS_NEAR_DUPLICATE_TEXT",
                                         "Share of 3-word shingles two notes' anonymised texts must have in common "
                                         "(Jaccard) to be near-duplicates as well (default 0.5).")
    near_duplicate_window: int = setting(20_000, "INSIGHTS_NEAR_DUPLICATE_WINDOW",
                                         "How many of the latest stored notes a new note is compared with for "
                                         "near-duplicates (default 20,000).")
    # Uploads.
    max_upload_bytes: int = setting(10 * 1024 * 1024, "INSIGHTS_MAX_UPLOAD_BYTES",
                                    "Largest file a contributor may upload, in bytes (default 10 MB).")
    max_body_bytes: int = setting(2 * 1024 * 1024, "INSIGHTS_MAX_BODY_BYTES",
                                  "Largest JSON request body the API accepts, in bytes (default 2 MB).")
    max_notes_per_upload: int = setting(5_000, "INSIGHTS_MAX_NOTES_PER_UPLOAD",
                                        "Most notes one uploaded file may hold (default 5,000; 413 beyond).")
    max_notes_per_org_per_day: int = setting(20_000, "INSIGHTS_MAX_NOTES_PER_ORG_PER_DAY",
                                             "Most notes one organisation may upload in a day, UTC (default 20,000; "
                                             "429 beyond).")
    # Access: requests per minute for one token or signed-in session (429 beyond it); session lifetime.
    rate_limit_per_minute: int = setting(120, "INSIGHTS_RATE_LIMIT",
                                         "Requests per minute allowed for one API token, or for one signed-in "
                                         "person across all their sessions (default 120).")
    session_hours: int = setting(12, "INSIGHTS_SESSION_HOURS",
                                 "How long a browser sign-in lasts, in hours (default 12).")
    # Sign-in throttling: failed sign-ins counted per account and per client address over a sliding window;
    # past the limit the account (or address) is locked for the same window (429 with Retry-After).
    login_max_failures: int = setting(5, "INSIGHTS_LOGIN_MAX_FAILURES",
                                      "Failed sign-ins to one account within INSIGHTS_LOGIN_LOCKOUT_MINUTES before "
                                      "it is locked out for that long (default 5).")
    login_address_max_failures: int = setting(20, "INSIGHTS_LOGIN_ADDRESS_MAX_FAILURES",
                                              "Failed sign-ins from one client address, to any accounts, before "
                                              "that address is locked out the same way (default 20).")
    login_lockout_minutes: int = setting(15, "INSIGHTS_LOGIN_LOCKOUT_MINUTES",
                                         "The window failed sign-ins are counted over, and how long a lockout "
                                         "lasts, in minutes (default 15).")
    # Retention (engine/retention.py): months a note is kept after it was stored, unless its organisation has its own.
    retention_months: int = setting(36, "INSIGHTS_RETENTION_MONTHS",
                                    "Months a note is kept after it was stored, for organisations without their "
                                    "own period (default 36; 1 to 1200). `insights retention apply` (and the "
                                    "service, daily) erases older notes.")
    # scrypt's cost for new passwords: OWASP's minimum, N=2**17 (r=8, p=1). No environment variable on purpose:
    # only tests lower it (through Settings(...)), and a test checks the production default.
    password_scrypt_n: int = setting(2 ** 17)
    # numba (inside UMAP and pynndescent, used by the emergent-theme fit) keeps the machine code of the functions
    # its authors marked cache=True here, so a new process loads them instead of compiling them again (20-28 s
    # at `import umap` with an empty cache). `ensure_offline()` exports it as NUMBA_CACHE_DIR, before numba loads;
    # `python -m themes.emergent_warm` fills it at set-up. An existing NUMBA_CACHE_DIR is used when this is unset.
    numba_cache_dir: Path = setting(Path("data/cache/numba"), "INSIGHTS_NUMBA_CACHE_DIR",
                                    "Folder where numba keeps the compiled code of UMAP and pynndescent between "
                                    "processes (default NUMBA_CACHE_DIR when set, else data/cache/numba; filled "
                                    "at set-up by `python -m themes.emergent_warm`).")
    # Batch ingest on Ray (engine/batch/, `insights batch`): workers anonymise and embed, the driver alone writes.
    batch_workers: int = setting(2, "INSIGHTS_BATCH_WORKERS",
                                 "Ray workers for `insights batch`, each holding its own anonymiser and embedder "
                                 "(default 2; --workers overrides).")
    batch_shard_notes: int = setting(64, "INSIGHTS_BATCH_SHARD_NOTES",
                                     "Notes a batch worker reads, anonymises and embeds in one task (default 64).")
    batch_retries: int = setting(3, "INSIGHTS_BATCH_RETRIES",
                                 "Times a dead batch worker is restarted, and its task run again (default 3).")
    batch_object_store_mb: int = setting(400, "INSIGHTS_BATCH_OBJECT_STORE_MB",
                                         "Memory of the local Ray cluster's object store, in MB (default 400; "
                                         "it holds only anonymised notes and vectors).")
    batch_temp_dir: Path | None = setting(None, "INSIGHTS_BATCH_TEMP_DIR",
                                          "Folder for the local Ray cluster's session, logs and spilled objects "
                                          "(default: a new folder under /tmp, removed afterwards).")
    seed: int = setting(42)

    @property
    def audit_db_path(self) -> Path | str:
        """The audit log's own SQLite file, beside the database (see `audit_path_for`)."""
        return audit_path_for(self.db_path)

    def assign_rule(self, embedder_kind: str) -> tuple[float, float]:
        """The legacy similarity rule's (threshold, margin) for an embedder's scores (each embedder has its own)."""
        if embedder_kind == "fast":
            return self.fast_assign_threshold, self.fast_assign_margin
        if embedder_kind == "accurate":
            return self.assign_threshold, self.assign_margin
        raise SettingsError(f"No assignment rule for an embedder of kind {embedder_kind!r}; use 'accurate' or 'fast'.")

    def __post_init__(self) -> None:
        if self.suppression_threshold < MIN_SUPPRESSION_THRESHOLD:
            raise SettingsError(
                f"INSIGHTS_SUPPRESSION_THRESHOLD is {self.suppression_threshold}; it may not be below "
                f"{MIN_SUPPRESSION_THRESHOLD}. Set it to {MIN_SUPPRESSION_THRESHOLD} or more."
            )
        if self.sensitive_suppression_threshold < self.suppression_threshold:
            raise SettingsError(
                "INSIGHTS_SENSITIVE_SUPPRESSION_THRESHOLD must be at least INSIGHTS_SUPPRESSION_THRESHOLD."
            )
        if self.rounding_base < 1:
            raise SettingsError("INSIGHTS_ROUNDING_BASE must be 1 or more.")
        if self.rate_limit_per_minute < 1 or self.session_hours < 1:
            raise SettingsError("INSIGHTS_RATE_LIMIT and INSIGHTS_SESSION_HOURS must be 1 or more.")
        if min(self.login_max_failures, self.login_address_max_failures, self.login_lockout_minutes) < 1:
            raise SettingsError("INSIGHTS_LOGIN_MAX_FAILURES, INSIGHTS_LOGIN_ADDRESS_MAX_FAILURES and "
                                "INSIGHTS_LOGIN_LOCKOUT_MINUTES must be 1 or more.")
        if self.password_scrypt_n < 2 ** 10 or self.password_scrypt_n & (self.password_scrypt_n - 1):
            raise SettingsError(f"password_scrypt_n is {self.password_scrypt_n}; it must be a power of two, "
                                "2**17 outside tests.")
        if not 0.0 < self.quote_risk_threshold <= 5.5:
            raise SettingsError(f"INSIGHTS_QUOTE_RISK_THRESHOLD is {self.quote_risk_threshold}; set it above 0 and at "
                                "most 5.5 (the highest score a quote can have), e.g. 2.0. A higher value would "
                                "hold nothing back.")
        if self.emergent_growth_min_notes < 1 or not self.emergent_growth_factor > 1.0:
            raise SettingsError("INSIGHTS_EMERGENT_GROWTH_MIN_NOTES must be 1 or more (e.g. 10) and "
                                "INSIGHTS_EMERGENT_GROWTH_FACTOR more than 1 (e.g. 3.0).")
        if not 1 <= self.emergent_growth_baseline_months <= 36:
            raise SettingsError("INSIGHTS_EMERGENT_GROWTH_BASELINE_MONTHS must be between 1 and 36, e.g. 6.")
        if not 1 <= self.retention_months <= 1200:
            raise SettingsError(f"INSIGHTS_RETENTION_MONTHS is {self.retention_months}; set it between 1 and 1200 "
                                "months, e.g. 36 (three years).")
        if self.anonymise_processes < 0:
            raise SettingsError("INSIGHTS_ANONYMISE_PROCESSES must be 0 (use the machine's cores) or more.")
        if self.service_anonymise_workers < 1:
            raise SettingsError("INSIGHTS_SERVICE_ANONYMISE_WORKERS must be 1 or more (2 lets a second organisation's "
                                "note through while one sends a big batch).")
        if self.batch_workers < 1 or self.batch_shard_notes < 1 or self.batch_retries < 0:
            raise SettingsError("INSIGHTS_BATCH_WORKERS and INSIGHTS_BATCH_SHARD_NOTES must be 1 or more, and "
                                "INSIGHTS_BATCH_RETRIES 0 or more (e.g. 2, 64 and 3).")
        if self.batch_object_store_mb < 100:
            raise SettingsError("INSIGHTS_BATCH_OBJECT_STORE_MB must be at least 100 (Ray's smallest useful "
                                "object store), e.g. 400.")
        if self.max_request_chars < 1_000:
            raise SettingsError("INSIGHTS_MAX_REQUEST_CHARS must be at least 1000, e.g. 200000.")
        if self.anonymise_ner not in ("gated", "full"):
            raise SettingsError(f"INSIGHTS_ANONYMISE_NER is {self.anonymise_ner!r}; set it to 'gated' or 'full'.")
        if self.embedder not in EMBEDDER_NAMES:
            raise SettingsError(f"INSIGHTS_EMBEDDER is {self.embedder!r}; set it to "
                                f"{', '.join(repr(x) for x in EMBEDDER_NAMES[:-1])} or {EMBEDDER_NAMES[-1]!r}.")
        if self.max_notes_per_upload < 1 or self.max_notes_per_org_per_day < self.max_notes_per_upload:
            raise SettingsError("INSIGHTS_MAX_NOTES_PER_UPLOAD must be 1 or more, and "
                                "INSIGHTS_MAX_NOTES_PER_ORG_PER_DAY at least as many.")
        if self.assign_scorer not in ASSIGN_SCORERS:
            raise SettingsError(f"INSIGHTS_ASSIGN_SCORER is {self.assign_scorer!r}; set it to "
                                f"{' or '.join(repr(x) for x in ASSIGN_SCORERS)}.")
        if self.learn_after_corrections < 1:
            raise SettingsError("INSIGHTS_LEARN_AFTER_CORRECTIONS must be 1 or more, e.g. 20.")
        if not 0.0 < self.fast_assign_threshold < 1.0:
            raise SettingsError("INSIGHTS_FAST_ASSIGN_THRESHOLD must be between 0 and 1, e.g. 0.56.")
        if not 0.0 < self.assign_threshold < 1.0:
            raise SettingsError("INSIGHTS_ASSIGN_THRESHOLD must be between 0 and 1, e.g. 0.36.")

    @classmethod
    def from_env(cls, environ: dict | None = None, **overrides) -> "Settings":
        env = os.environ if environ is None else environ
        values: dict = {}
        readers = {f.name: (f.metadata["env"], _converter(f.type)) for f in fields(cls) if f.metadata.get("env")}
        for name, (var, convert) in readers.items():
            raw = env.get(var)
            if raw is None or raw == "":
                continue
            try:
                values[name] = convert(raw)
            except ValueError as exc:
                raise SettingsError(f"{var}={raw!r} is not a valid {convert.__name__}: {exc}") from None
        if "numba_cache_dir" not in values and env.get("NUMBA_CACHE_DIR"):
            values["numba_cache_dir"] = Path(env["NUMBA_CACHE_DIR"])   # numba's own variable, when set
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_overrides(self, **overrides) -> "Settings":
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _converter(annotation: str):
    """The type an environment variable's text is read as, from the field's annotation."""
    if annotation == "Path | str":
        return db_target
    for name, convert in (("Path", Path), ("float", float), ("int", int)):
        if annotation.startswith(name):
            return convert
    return str


def markdown_table() -> str:
    """The README's settings table: one row per environment variable, from the fields above."""
    rows = ["| variable | what it does |", "|---|---|"]
    rows += [f"| `{f.metadata['env']}` | {f.metadata['doc']} |" for f in fields(Settings) if f.metadata.get("env")]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
