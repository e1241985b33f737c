"""Workspace settings and the command line: defaults → catalogc.toml → options."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from catalogc.cli import main
from tests.conftest import write_workspace
from tests.rules import edit

BROKEN = edit("channels: [政府网站]", "channels: [政府门户网站]")  # C105 alias: a warning
BROKEN = edit("department: 溪山县民政局", "department: 溪山县财政局", BROKEN)  # C206: a warning


def run(root, *args: str):
    result = CliRunner().invoke(main, ["check", str(root), "--format", "json", *args])
    return result.exit_code, [d["code"] for d in json.loads(result.output)] if result.output.startswith("[") else result.output


@pytest.fixture
def ws(tmp_path):
    return write_workspace(tmp_path, {"catalogs/民政局/社会救助.yaml": BROKEN})


def test_warnings_pass_unless_strict(ws) -> None:
    assert run(ws) == (0, ["C206", "C105"])
    assert run(ws, "--strict")[0] == 1


def test_select_and_ignore_on_the_command_line(ws) -> None:
    assert run(ws, "--select", "C1") == (0, ["C105"])
    assert run(ws, "--ignore", "C105") == (0, ["C206"])


def test_settings_file(ws) -> None:
    (ws / "catalogc.toml").write_text(
        '[check]\nignore = ["C206"]\n[check.severity]\nC105 = "error"\n', encoding="utf-8"
    )
    code, found = run(ws)
    assert (code, found) == (1, ["C105"])


def test_per_path_ignores(ws) -> None:
    (ws / "catalogc.toml").write_text('[check.per-path-ignores]\n"catalogs/民政局/*" = ["C2"]\n', encoding="utf-8")
    assert run(ws) == (0, ["C105"])


def test_bad_settings_file_is_exit_2(ws) -> None:
    (ws / "catalogc.toml").write_text("[check\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 2 and "catalogc.toml" in result.output
    (ws / "catalogc.toml").write_text('[check.severity]\nC105 = "fatal"\n', encoding="utf-8")
    assert CliRunner().invoke(main, ["check", str(ws)]).exit_code == 2


def test_english_messages(ws) -> None:
    result = CliRunner().invoke(main, ["check", str(ws), "--format", "json", "--lang", "en"])
    messages = [d["message"] for d in json.loads(result.output)]
    assert all(m.isascii() or "'" in m for m in messages) and "is written" in messages[1]


def test_output_file_is_written(ws, tmp_path) -> None:
    target = tmp_path / "out" / "report.sarif"
    result = CliRunner().invoke(main, ["check", str(ws), "--format", "sarif", "-o", str(target)])
    assert result.exit_code == 0 and json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
