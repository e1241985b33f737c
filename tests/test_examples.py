"""The repository dogfoods itself: the sample region is clean, the broken example shows every rule."""

from __future__ import annotations

from click.testing import CliRunner

from catalogc.check.engine import check_workspace
from catalogc.check.prepare import load_settings
from catalogc.cli import main
from catalogc.load.workspace import discover
from catalogc.rules import RULES
from tests.paths import ROOT


def test_sample_region_is_clean() -> None:
    workspace = discover(ROOT)
    result = check_workspace(workspace, load_settings(ROOT), jobs=1)
    assert result.diagnostics == []
    assert result.items >= 150 and result.files >= 20


def test_broken_example_fires_every_rule() -> None:
    root = ROOT / "examples" / "broken"
    result = check_workspace(discover(root), load_settings(root), jobs=1)
    fired = {d.code for d in result.diagnostics}
    assert fired == {rule.code for rule in RULES}


def test_cli_exit_codes() -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(ROOT)]).exit_code == 0
    assert runner.invoke(main, ["check", str(ROOT / "examples" / "broken")]).exit_code == 1
    assert runner.invoke(main, ["check", str(ROOT / "no-such-folder")]).exit_code == 2
    assert runner.invoke(main, ["check", str(ROOT), "--format", "nope"]).exit_code == 2


def test_parallel_and_serial_agree(monkeypatch) -> None:
    from catalogc.check import engine

    monkeypatch.setattr(engine, "PARALLEL_MIN_FILES", 1)
    root = ROOT / "examples" / "broken"
    settings = load_settings(root)
    serial = check_workspace(discover(root), settings, jobs=1)
    parallel = check_workspace(discover(root), settings, jobs=2)
    assert serial.diagnostics and serial.diagnostics == parallel.diagnostics
    assert serial.facts == parallel.facts
