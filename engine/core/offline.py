"""Keep every library off the network. Call `ensure_offline()` before importing presidio, spacy,
sentence-transformers, transformers or bertopic (the adapters that import them do)."""
from __future__ import annotations

import os

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    # tldextract (used by Presidio's email recogniser) otherwise fetches the public suffix list.
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    "TOKENIZERS_PARALLELISM": "false",
}


def ensure_offline() -> None:
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value
