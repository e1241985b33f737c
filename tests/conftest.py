from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

from catalogc.check.engine import check_workspace
from catalogc.load.config import Settings
from catalogc.load.workspace import discover
from tests.paths import ROOT

# Property tests judge behaviour, not speed: hypothesis's per-example deadline is a timing
# assertion that fails on a busy machine, so it is off (speed is measured under bench/).
settings.register_profile("catalogc", deadline=None)
settings.load_profile("catalogc")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "full_baselines: hold 养老服务 to its guideline baseline too")
    config.addinivalue_line("markers", "docsite: builds the documentation site with mkdocs (deselect with -m 'not docsite')")


@pytest.fixture(autouse=True)
def _fixture_domain_without_baseline(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule fixtures are one-item catalogs written in 养老服务, which stands for a domain the
    tests do not hold to a guideline: C205 would otherwise fire on every fixture. Tests of the
    baselines and of real catalogs opt out with ``@pytest.mark.full_baselines``."""
    if request.node.get_closest_marker("full_baselines"):
        return
    from catalogc import refdata

    baselines = {k: v for k, v in refdata.guidelines().items() if k != "养老服务"}
    monkeypatch.setattr(refdata, "guidelines", lambda: baselines)


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands run by the tests write no .catalogc_cache into the repository's examples, and
    no entry made under one test's monkeypatched reference data answers another test; the
    cache's own tests (tests/test_cache.py) turn it back on."""
    monkeypatch.setenv("CATALOGC_NO_CACHE", "1")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite expected files from current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def write_workspace(root: Path, files: dict[str, bytes | str]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return root


def run_check(root: Path, settings: Settings | None = None):
    """Check ``root`` with ``settings``, else with its catalogc.toml when it has one (an office's sources)."""
    if settings is None and (root / "catalogc.toml").is_file():
        from catalogc.check.prepare import load_settings

        settings = load_settings(root)
    return check_workspace(discover(root), settings or Settings(), jobs=1)


@pytest.fixture
def check_text(tmp_path: Path):
    """Check one catalog file's content; returns [(line, column, code)]."""

    def run(content: bytes | str, rel: str = "catalogs/民政局/社会救助.yaml", **settings) -> list[tuple[int, int, str]]:
        write_workspace(tmp_path, {rel: content})
        result = run_check(tmp_path, Settings(**settings))
        return [(d.line, d.column, d.code) for d in result.diagnostics]

    return run


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """A clean generated workspace of 48 catalogs: enough for the check to fork workers."""
    root = tmp_path / "ws"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(root), "--counties", "3", "--items", "8"],
                   check=True, stdout=subprocess.DEVNULL)
    return root
