"""Seed corpora for the fuzz harnesses, taken from the repository itself.

The loader starts from every catalog and example file, the vendored YAML test suite and the
YAML and suppression comments in the tests; the parsers from the time limits and legal bases of
those catalogs, the reference data, and the phrasings the tests spell out; the settings reader
from the repository's catalogc.toml files and the TOML fragments in the tests. Generated, not
committed, so the seeds follow the repository.
"""

from __future__ import annotations

import ast
import hashlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"


def _yaml_files() -> list[Path]:
    found = [*ROOT.glob("catalogs/**/*.yaml"), *ROOT.glob("examples/**/*.yaml")]
    return sorted(found)


def _constants(test_file: Path) -> Iterator[bytes]:
    """Every string and bytes literal of a test module."""
    for node in ast.walk(ast.parse(test_file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str | bytes) and node.value:
            yield node.value.encode("utf-8") if isinstance(node.value, str) else node.value


def _values(key: str) -> Iterator[bytes]:
    """Every string under ``key`` in the repository's catalogs and shipped reference data."""
    sources = _yaml_files() + sorted((ROOT / "src" / "catalogc" / "refdata" / "data").rglob("*.yaml"))
    for path in sources:
        try:
            data = yaml.safe_load(path.read_bytes())
        except yaml.YAMLError:
            continue  # examples/broken holds files that do not parse, on purpose
        stack, seen = [data], set()
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue  # anchors can make a document refer to itself
            seen.add(id(node))
            if isinstance(node, dict):
                for k, v in node.items():
                    if k == key:
                        for text in v if isinstance(v, list) else [v]:
                            if isinstance(text, str):
                                yield text.encode("utf-8")
                    stack.append(v)
            elif isinstance(node, list):
                stack.extend(node)


def seeds(name: str) -> Iterable[bytes]:
    if name == "loader":
        yield from (p.read_bytes() for p in _yaml_files())
        yield from (p.read_bytes() for p in sorted((TESTS / "corpora").rglob("in.yaml")))
        yield from _constants(TESTS / "test_loader.py")
        yield from _constants(TESTS / "test_suppress.py")
    elif name == "timelimit":
        yield from _values("time_limit")
        yield from _constants(TESTS / "test_timelimit.py")
    elif name == "citation":
        for key in ("basis", "title", "number", "short"):
            yield from _values(key)
        yield from _constants(TESTS / "test_citation.py")
    elif name == "settings":
        yield from (p.read_bytes() for p in [ROOT / "catalogc.toml", *sorted(ROOT.glob("examples/*/catalogc.toml"))])
        yield from (c for c in _constants(TESTS / "test_config.py") if b"=" in c)
    else:
        raise SystemExit(f"unknown harness {name!r}")


def write(name: str, folder: Path) -> int:
    """Write the seeds of ``name`` into ``folder`` (named by content, so reruns add nothing twice)."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for data in seeds(name):
        (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
        count += 1
    return count


if __name__ == "__main__":
    name, folder = sys.argv[1], Path(sys.argv[2])
    print(f"{name}: {write(name, folder)} seeds in {folder}")
