"""Our recognisers, one per file. Each module exposes `create(**options)` returning one Presidio
`EntityRecognizer` (or a list of them). Nothing is built at import time.

`build_recognisers(allow_list)` returns them all, compiled once, for the anonymiser's registry.

Presidio (and tldextract inside it) must not reach the network, so the offline environment is set here, once,
before any recogniser module imports Presidio: importing a package runs its `__init__` first.
"""
from __future__ import annotations

import importlib
from typing import Iterable

from engine.core.offline import ensure_offline

ensure_offline()

# Module names under anonymise/recognisers/, in the order they are added to the registry.
PATTERN_MODULES = [
    "postcode", "nino", "nhs", "phone", "email", "date_of_birth", "past_date", "street_address",
    "bank_account", "case_reference", "vehicle_registration", "passport", "credit_card",
]
# Rules that widen the ones above next to a cue: identifier shapes after their cue word (fail closed),
# streets with no street word after an address cue (anonymise/recognisers/cued_identifiers.py, street_cued.py),
# and the sender slot of a pasted chat export (chat_sender.py).
CUED_MODULES = ["cued_identifiers", "street_cued", "chat_sender"]
NAME_MODULE = "names"


def build_recognisers(allow_list: Iterable[str] = ()) -> list:
    recognisers: list = []
    for name in PATTERN_MODULES + CUED_MODULES:
        module = importlib.import_module(f"anonymise.recognisers.{name}")
        made = module.create()
        recognisers.extend(made if isinstance(made, list) else [made])
    names = importlib.import_module(f"anonymise.recognisers.{NAME_MODULE}")
    made = names.create(allow_list=list(allow_list))
    recognisers.extend(made if isinstance(made, list) else [made])
    return recognisers
