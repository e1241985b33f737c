"""The fuzz harnesses' checks, replayed without atheris: on every seed, and on every input that
once crashed a harness (fuzz/regressions/<harness>/, kept as found)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import ROOT, script

FUZZ = ROOT / "fuzz"


targets = script(FUZZ / "targets.py", "catalogc_fuzz_targets")
seeds = script(FUZZ / "seeds.py", "catalogc_fuzz_seeds")
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

