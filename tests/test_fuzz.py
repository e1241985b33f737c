"""The fuzz harnesses' checks, replayed without atheris: on every seed, and on every input that
once crashed a harness (fuzz/regressions/<harness>/, kept as found)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

FUZZ = ROOT / "fuzz"


def _module(name: str):
    spec = importlib.util.spec_from_file_location(f"catalogc_fuzz_{name}", FUZZ / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


targets = _module("targets")
seeds = _module("seeds")
REGRESSIONS = sorted(p for p in (FUZZ / "regressions").rglob("*") if p.is_file() and p.name != "README.md")


@pytest.mark.parametrize("name", sorted(targets.TARGETS))
def test_harness_holds_on_its_seeds(name: str) -> None:
    inputs = list(seeds.seeds(name))
    assert len(inputs) >= 5, f"the {name} harness needs seeds from the repository"
    for data in inputs:
        targets.TARGETS[name](data)


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.relative_to(FUZZ / "regressions").as_posix())
def test_former_crash_holds(path: Path) -> None:
    targets.TARGETS[path.parent.name](path.read_bytes())

