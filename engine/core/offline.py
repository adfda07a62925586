"""Keep every library off the network. Call `ensure_offline()` before importing presidio, spacy,
sentence-transformers, transformers, umap or bertopic (the adapters that import them do).

It also points numba's on-disk cache at the project's folder (`Settings.numba_cache_dir`, exported as
NUMBA_CACHE_DIR): numba reads that variable once, when it is first imported, so this must run before anything
imports umap, pynndescent or numba."""
from __future__ import annotations

import os
from pathlib import Path

from engine.core.settings import Settings

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    # tldextract (used by Presidio's email recogniser) otherwise fetches the public suffix list.
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    "TOKENIZERS_PARALLELISM": "false",
    # Ray (engine/batch/) otherwise reports usage statistics.
    "RAY_USAGE_STATS_ENABLED": "0",
}


def ensure_offline(settings=None) -> None:
    """Set the offline variables, and NUMBA_CACHE_DIR to `settings.numba_cache_dir` as an absolute path (so a
    later change of directory, or a worker process, uses the same folder). `settings`: a Settings; read from the
    environment when None."""
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value
    cache_dir = (settings or Settings.from_env()).numba_cache_dir
    os.environ["NUMBA_CACHE_DIR"] = str(Path(cache_dir).expanduser().resolve())
