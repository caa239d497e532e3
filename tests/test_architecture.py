"""The package's shape: imports flow one way (stats -> spec -> data -> qpcr -> analysis -> report -> cli),
no import circle, no oversized module, tests mirror src.

Every ``import`` and ``from ... import`` in every module counts, including those inside
functions and ``TYPE_CHECKING`` blocks, so a lazy import cannot hide an upward dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "biocorr"
TESTS = Path(__file__).resolve().parent

# Lower layers never import higher ones. Within a layer, modules may import each other
# only inside their own package (and the graph must stay acyclic).
LAYERS: list[tuple[str, ...]] = [
    ("biocorr.errors", "biocorr.columns", "biocorr.format"),  # messages, table schemas, number formats
    ("biocorr.stats",),  # pure functions on arrays
    ("biocorr.spec",),  # TOML -> StudySpec; reads no data
    ("biocorr.data",),  # file -> RawTable -> validated Study
    ("biocorr.qpcr",),  # Ct exports -> per-subject expression, joined to a Study
    ("biocorr.draft", "biocorr.datasets"),  # init-spec; the embedded examples
    ("biocorr.analysis",),  # Study -> Results
    ("biocorr.claims",),  # reviewer mode
    ("biocorr.report",),  # views of Results
    ("biocorr.screen",),  # wide screens: inputs, compute, page
    ("biocorr.cli",),  # one module per command
    ("biocorr", "biocorr.io", "biocorr.study", "biocorr.__main__"),  # the public API and 0.2 shims
]
# The one import allowed upward: ``Results.write_report`` imports the report inside the method
# (the report is a view of the results), never at module level; see test_call_time_views.
CALL_TIME_VIEWS = {("biocorr.analysis.results", "biocorr.report.html"): "write_report"}
MAX_LINES = 450
LONG_MODULES = {"biocorr.stats.correlation"}  # the engine: allowed to be longer (issue #10)


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in SRC.rglob("*.py") if "qpcr_demo" not in p.parts}


def _imports(name: str, path: Path) -> set[str]:
    """biocorr modules imported anywhere in the file (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("biocorr")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("biocorr"):
                continue
            for alias in node.names:  # a submodule by name, else a name from the module itself
                found.add(f"{target}.{alias.name}" if f"{target}.{alias.name}" in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


MODULES = _modules()
GRAPH = {name: {t for t in _imports(name, path) if (name, t) not in CALL_TIME_VIEWS} for name, path in MODULES.items()}


def _layer(name: str) -> int:
    best, rank = -1, -1
    for i, layer in enumerate(LAYERS):
        for prefix in layer:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
                best, rank = len(prefix), i
    assert rank >= 0, f"{name} is in no layer of LAYERS"
    return rank


def _package(name: str) -> str:
    parts = name.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else name


def test_every_module_is_in_a_layer():
    for name in MODULES:
        _layer(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_flow_down(name):
    upward = []
    for target in GRAPH[name]:
        if name == "biocorr" and target == "biocorr.datasets":
            continue
        low, high = _layer(name), _layer(target)
        if high > low or (high == low and _package(target) != _package(name)):
            upward.append(target)
    assert not upward, f"{name} (layer {_layer(name)}) imports {sorted(upward)} from the same or a higher layer"


def test_no_import_circle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                continue  # a package and its own submodules
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt) :] + [nxt]
                raise AssertionError("import circle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for name in sorted(MODULES):
        if name not in state:
            visit(name)


@pytest.mark.parametrize(("name", "target"), sorted(CALL_TIME_VIEWS))
def test_call_time_views(name, target):
    """The allowed upward import sits only inside its one method, and is really there."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    holders = []
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef):
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom) and node.level == 2 and node.module == target.split(".", 1)[1]:
                    holders.append(func.name)
    module_level = [n for n in tree.body if isinstance(n, ast.ImportFrom) and n.module and "report" in n.module]
    assert holders == [CALL_TIME_VIEWS[(name, target)]] and not module_level


def test_stats_imports_nothing_outside_stats():
    """The engine needs only numpy/scipy and the error types (its option checks raise them)."""
    for name, targets in GRAPH.items():
        if name.startswith("biocorr.stats"):
            outside = {t for t in targets if not t.startswith("biocorr.stats") and t != "biocorr.errors"}
            assert not outside, f"{name} imports {sorted(outside)}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_oversized_module(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    limit = 700 if name in LONG_MODULES else MAX_LINES
    assert lines <= limit, f"{name} has {lines} lines (limit {limit}): split it by concern"


def test_the_graph_sees_real_imports():
    """The walker itself: known edges are found (a walker that sees nothing would pass everything)."""
    assert "biocorr.stats.correlation" in GRAPH["biocorr.stats.robust"]
    assert "biocorr.data.study" in GRAPH["biocorr.data.validate"]
    assert "biocorr.analysis.run" in GRAPH["biocorr.analysis"]
    assert _layer("biocorr.report.html") > _layer("biocorr.analysis.run") > _layer("biocorr.data.study")


def test_tests_mirror_src():
    """Every test file is named after a module (or package) it covers."""
    names = set(MODULES)
    for path in TESTS.rglob("test_*.py"):
        rel = path.relative_to(TESTS).with_suffix("")
        stem = rel.parts[-1].removeprefix("test_")
        module = ".".join(["biocorr", *rel.parts[:-1], stem])
        if rel.parts[:-1] and stem == rel.parts[-2]:  # tests/claims/test_claims.py covers the package
            module = ".".join(["biocorr", *rel.parts[:-1]])
        allowed = {
            "notebooks",
            "architecture",
            "readme",
            "packaging",
            "pipeline",
            "attacks",
            "properties",
            "review_corpus",
            "real_passages",
            "fuzz",
        }
        assert module in names or stem in allowed, f"{path.name}: no module {module} to mirror"
