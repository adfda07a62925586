"""The shape of the house, checked: every import of ours (function-level ones included) goes down a layer or
stays level, no file imports itself round a cycle, and SQL is written only in engine/store/.

    engine/core/     imports nothing of ours
    anonymise/       engine.core
    themes/          engine.core
    engine/store/    engine.core
    engine/ (rest)   engine.core, engine.store, anonymise, themes, corpora (the demo corpus)
    service/         all of the above; nothing imports service
    corpora/         engine.core (our own generated corpora)
    bench/           anything but service
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("engine", "anonymise", "themes", "service", "corpora", "bench")
SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+"
                 r"(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+TABLE|PRAGMA\s+\w+)\b", re.S)


def layer(module: str) -> str:
    for prefix in ("engine.core", "engine.store", "engine", "anonymise", "themes", "service", "corpora", "bench"):
        if module == prefix or module.startswith(prefix + "."):
            return prefix
    raise AssertionError(f"{module} is in no layer")


ALLOWED = {
    "engine.core": {"engine.core"},
    "anonymise": {"engine.core", "anonymise"},
    "themes": {"engine.core", "themes"},
    "engine.store": {"engine.core", "engine.store"},
    "engine": {"engine.core", "engine.store", "engine", "anonymise", "themes", "corpora"},
    "service": {"engine.core", "engine.store", "engine", "anonymise", "themes", "service"},
    "corpora": {"engine.core", "corpora"},
    "bench": {"engine.core", "engine.store", "engine", "anonymise", "themes", "corpora", "bench"},
}


def module_files() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


MODULES = module_files()


def imports_of(module: str, path: Path) -> set[str]:
    """Every module of ours that `module` imports, anywhere in the file."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            # `from package import module` needs only the module (the package's __init__ runs first, as for
            # every import of a submodule); `from module import name` needs the module.
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                found.add(name)
    return found


GRAPH = {m: imports_of(m, p) for m, p in MODULES.items()}


def test_when_reading_every_import_then_none_goes_up_a_layer():
    problems = [f"{m} imports {target}" for m, targets in sorted(GRAPH.items()) for target in sorted(targets)
                if layer(target) not in ALLOWED[layer(m)]]
    assert problems == []


def test_when_following_imports_then_no_file_cycle():
    cycles, state = [], {}

    def visit(m, stack):
        state[m] = "open"
        for t in sorted(GRAPH[m]):
            if state.get(t) == "open":
                cycles.append(" -> ".join(stack[stack.index(t):] + [t]))
            elif t not in state:
                visit(t, stack + [t])
        state[m] = "done"

    for m in sorted(GRAPH):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_when_scanning_strings_then_sql_is_only_in_the_store():
    problems = []
    for m, path in MODULES.items():
        if layer(m) == "engine.store":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.search(node.value):
                if not (isinstance(node, ast.Constant) and _is_docstring(node, path)):
                    problems.append(f"{m}:{node.lineno}")
    assert problems == []


def test_when_scanning_imports_then_only_the_store_opens_sqlite():
    assert sorted(m for m, p in MODULES.items() if layer(m) != "engine.store"
                  and re.search(r"^\s*import sqlite3|^\s*from sqlite3", p.read_text(encoding="utf-8"), re.M)) == []


def _is_docstring(node: ast.Constant, path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for owner in [tree] + [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                      ast.ClassDef))]:
        body = getattr(owner, "body", [])
        if body and isinstance(body[0], ast.Expr) and body[0].value is node:
            return True
    return False


@pytest.mark.parametrize("module", ["anonymise", "themes", "anonymise.anonymiser", "themes.assign", "themes.calibrated",
                                    "engine.pipeline", "service.cli.main"])
def test_when_importing_a_stage_then_no_model_or_network_library_loads(module):
    import subprocess
    import sys

    heavy = ["torch", "transformers", "spacy", "presidio_analyzer", "sentence_transformers", "bertopic", "httpx",
             "requests", "urllib3"]
    code = f"import sys, {module}; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == ""


def test_when_counting_lines_then_no_module_is_over_about_400_lines():
    data_tables = {"corpora.phrases", "corpora.pii_eval_templates"}   # word and template tables, nothing else
    long = {m: n for m, p in MODULES.items() if m not in data_tables and not m.startswith("corpora.pii_eval_templates_")
            and (n := len(p.read_text(encoding="utf-8").splitlines())) > 420}   # template sets b-g are tables too
    assert long == {}
