"""The layout's rules (docs/architecture.md), read from the code's own imports.

Each rule is checked on the source text with :mod:`ast`; nothing is imported.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "article6"

#: Layers bottom up: a module may import from its own layer and the ones before it.
LAYERS = (
    ("errors", "resources"),
    ("schema",),
    ("model",),
    ("io",),
    ("analyses",),
    ("sweep", "ledger"),
    ("cli", "__init__", "__main__"),
)
#: Optional heavy dependencies that may be imported inside a function.
LAZY_OK = {"plotly", "dash", "waitress", "gunicorn", "kaleido", "distributed", "dask", "pandas",
           "openpyxl", "article6.app", "article6.paper_repro", "tqdm", "celery", "redis",
           "article6.io.figures"}  # plotly, for `sweep --plot` only
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    out = {}
    for p in sorted(PACKAGE.rglob("*.py")):
        rel = p.relative_to(ROOT).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__" and len(parts) > 2:
            parts = parts[:-1]
        out[".".join(parts)] = p
    return out


MODULES = _modules()


def _layer(module: str) -> int:
    part = module.split(".")[1] if "." in module else "__init__"
    for i, names in enumerate(LAYERS):
        if part in names:
            return i
    raise AssertionError(f"{module}: in no layer of docs/architecture.md")


def _imports(path: Path, *, top_level: bool) -> list[tuple[str, int]]:
    """``(module, line)`` for each article6 import, at module level or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function = set()
    for fn in ast.walk(tree):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            in_function.update(id(sub) for sub in ast.walk(fn) if sub is not fn)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level or not node.module:
                continue
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            names = [a.name for a in node.names]
        inside = id(node) in in_function
        if inside == top_level:
            continue
        for n in names:
            found.append((n, node.lineno))
    return found


def _internal(name: str) -> str | None:
    """The article6 module that ``name`` refers to, or None outside the package."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


@functools.cache
def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for mod, path in MODULES.items():
        graph[mod] = set()
        for name, _ in _imports(path, top_level=True):
            target = _internal(name)
            if target and target != mod and target != "article6":
                graph[mod].add(target)
    return graph


def test_every_module_sits_in_a_layer():
    for mod in MODULES:
        _layer(mod)


@pytest.mark.parametrize("mod", sorted(MODULES))
def test_no_import_runs_up_a_layer(mod):
    mine = _layer(mod)
    for target in _graph()[mod]:
        assert _layer(target) <= mine, f"{mod} imports {target}, a higher layer"


def test_the_engine_never_imports_the_faces():
    for mod, path in MODULES.items():
        if _layer(mod) >= len(LAYERS) - 1:
            continue
        for name, line in _imports(path, top_level=True) + _imports(path, top_level=False):
            assert not name.startswith(("article6.cli", "article6.app")), f"{path}:{line}: {name}"


def test_no_import_cycle():
    graph = _graph()
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join(trail + [node, nxt]))
            if nxt not in state:
                visit(nxt, trail + [node])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [])


def test_no_type_only_imports_hide_a_cycle():
    """``if TYPE_CHECKING:`` imports are invisible to the cycle check, so none are used."""
    for mod, path in MODULES.items():
        assert "TYPE_CHECKING" not in path.read_text(encoding="utf-8"), mod


@pytest.mark.parametrize("mod", sorted(MODULES))
def test_imports_inside_functions_are_only_heavy_optional_ones(mod):
    for name, line in _imports(MODULES[mod], top_level=False):
        ok = any(name == lazy or name.startswith(lazy + ".") for lazy in LAZY_OK)
        assert ok, f"{MODULES[mod]}:{line}: imports {name} inside a function"


@pytest.mark.parametrize("path", sorted(list(PACKAGE.rglob("*.py")) + list((ROOT / "app").rglob("*.py"))),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_over_500_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_the_check_can_fail(tmp_path):
    """A module of the model importing the command line is caught by the layer rule."""
    assert _layer("article6.model.usage") < _layer("article6.cli.compare")
    bad = tmp_path / "bad.py"
    bad.write_text("from article6.cli.compare import run\n\n\ndef f():\n    import article6.schema\n")
    assert _imports(bad, top_level=True) == [("article6.cli.compare", 1), ("article6.cli.compare.run", 1)]
    assert _imports(bad, top_level=False) == [("article6.schema", 5)]
