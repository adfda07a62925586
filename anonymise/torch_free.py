"""Import spaCy and Presidio without PyTorch.

spaCy's thinc and Presidio's optional transformers engine each try `import torch` (and Presidio `import
transformers`) when they are first imported, only to learn whether those are there: about 6 s of a new
process's start (bench/results/2026-12-03-first-minute.md), though the anonymiser never runs a model on PyTorch
(spaCy's small English model is thinc on numpy; the accurate embedder is ONNX Runtime). `without_torch()` makes
those two names look absent while the block imports, as they would be on a machine without them; both libraries
catch the ImportError and carry on (thinc notes `has_torch = False`, Presidio leaves its transformers engine
unavailable). Afterwards torch imports as usual for whoever needs it (`INSIGHTS_EMBEDDER=accurate-torch`, the
ONNX export at set-up). When torch is already imported, nothing is hidden."""
from __future__ import annotations

import contextlib
import sys
from importlib.abc import MetaPathFinder

HIDDEN = ("torch", "transformers")


class _Hide(MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname.split(".")[0] in HIDDEN:
            raise ModuleNotFoundError(f"No module named {fullname!r} (hidden while spaCy and Presidio import)",
                                      name=fullname)
        return None


@contextlib.contextmanager
def without_torch():
    if any(name in sys.modules for name in HIDDEN):
        yield
        return
    finder = _Hide()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
