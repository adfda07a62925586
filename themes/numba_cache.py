"""numba's on-disk cache for all of UMAP's and pynndescent's compiled functions, not only those their authors
marked `cache=True`.

UMAP declares its fit functions (smooth_knn_dist, compute_membership_strengths, fast_knn_indices, the layout
epoch) without `cache=True`, so every new process compiled them again: about 15-20 s of the first emergent fit
(bench/cold_start.py). `enable()` turns numba's own file cache (`Dispatcher.enable_caching`, the same one
`cache=True` sets up) on for every jitted function of those packages that lacks it, before they are first
compiled; the cache lives in `Settings.numba_cache_dir` (NUMBA_CACHE_DIR, set by `ensure_offline`) and is filled
at set-up by `python -m themes.emergent_warm`. numba keys each entry by the function's source file and its
modification time, so an upgraded package compiles afresh. A function numba cannot cache (pynndescent's
nn_descent takes the distance function as an argument) is compiled as before; numba's warning that says so is
silenced, nothing else."""
from __future__ import annotations

import sys
import warnings

PACKAGES = ("umap", "pynndescent")


def enable() -> int:
    """Turn the file cache on for every loaded jitted function of UMAP and pynndescent that lacks one; how many.
    Call after importing umap (which imports pynndescent) and before the first fit; again is harmless."""
    from numba.core.caching import NullCache
    from numba.core.errors import NumbaWarning
    from numba.core.registry import CPUDispatcher

    warnings.filterwarnings("ignore", message="Cannot cache compiled function", category=NumbaWarning)
    turned = 0
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in PACKAGES:
            continue
        for value in list(vars(module).values()):
            if (isinstance(value, CPUDispatcher) and value.__module__ == name
                    and isinstance(value._cache, NullCache)):
                value.enable_caching()
                turned += 1
    return turned
