"""The layout's promises, checked from the imports themselves.

Packages are layers of the pipeline (parse → refdata → model → load → rules → check →
report | publish | commands → cli); a module may import its own layer or lower ones, never
higher. Imports inside functions count: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from tests.paths import ROOT

SRC = ROOT / "src" / "catalogc"

# Lower number = lower layer. Top-level shared records sit at the bottom.
LAYERS = {
    "diagnostics": 0, "findings": 0, "errors": 0, "atomic": 0,
    "parse": 1, "refdata": 2, "model": 3, "load": 4, "rules": 5, "check": 6,
    "report": 7, "publish": 7, "fix": 7, "ingest": 4, "commands": 8, "lsp": 8, "diff": 8, "cli": 9, "__main__": 10,
    "__init__": 0, "records": -1,
}
TOP_LEVEL_ALLOWED = {"__init__.py", "__main__.py", "cli.py", "diagnostics.py", "findings.py", "errors.py", "atomic.py", "records.py"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, package: str | None = None) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    if package is None:
        package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _graph() -> nx.DiGraph:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _imports(path):
            if target in modules and target != name:
                graph.add_edge(name, target)
            elif target.startswith("catalogc") and target.rpartition(".")[0] in modules:
                owner = target.rpartition(".")[0]
                if owner != name and target not in modules:
                    graph.add_edge(name, owner)
    return graph


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _external(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _imports(path) if not name.startswith("catalogc")}


GRAPH = _graph()


def test_no_import_cycle() -> None:
    cycles = list(nx.simple_cycles(GRAPH))
    assert not cycles, f"import cycles: {cycles[:5]}"


def test_layers_import_only_downwards() -> None:
    wrong = []
    for source, target in GRAPH.edges:
        a, b = _layer(source), _layer(target)
        if a != b and LAYERS[b] >= LAYERS[a]:
            wrong.append(f"{source} → {target}")
    assert not wrong, "imports against the layer order:\n" + "\n".join(sorted(wrong))


@pytest.mark.parametrize("forbidden", ["cli", "report", "publish"])
def test_rules_stay_pure(forbidden: str) -> None:
    bad = [s for s, t in GRAPH.edges if _layer(s) == "rules" and _layer(t) == forbidden]
    assert not bad


def test_rules_and_models_do_not_render_or_do_io() -> None:
    for path in [*(SRC / "rules").rglob("*.py"), *(SRC / "model").rglob("*.py")]:
        external = _external(path)
        assert "rich" not in external, path
        if path.parent.name == "model":
            assert not external & {"os", "shutil", "subprocess", "tempfile", "io"}, path
            assert "open(" not in path.read_text(encoding="utf-8"), path


def test_publish_never_imports_rules() -> None:
    assert not [s for s, t in GRAPH.edges if _layer(s) == "publish" and _layer(t) == "rules"]


def test_reporters_take_the_result_not_the_engine() -> None:
    assert not [s for s, t in GRAPH.edges if _layer(s) == "report" and t == "catalogc.check.engine"]


def test_nothing_imports_the_cli() -> None:
    assert [s for s, t in GRAPH.edges if t == "catalogc.cli"] == ["catalogc.__main__"]


def test_top_level_keeps_entry_points_and_shared_records() -> None:
    top = {p.name for p in SRC.glob("*.py")}
    assert top <= TOP_LEVEL_ALLOWED, top - TOP_LEVEL_ALLOWED


def test_the_checker_sees_a_known_violation(tmp_path: Path) -> None:
    """The import reader itself works: a relative import of a higher layer is seen."""
    module = tmp_path / "x.py"
    module.write_text("from catalogc.cli import main\nfrom .publish import build\n", encoding="utf-8")
    assert {"catalogc.cli", "catalogc.publish", "catalogc.publish.build"} <= _imports(module, "catalogc")
