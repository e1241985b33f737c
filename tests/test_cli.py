"""Bad input of every kind gets a diagnostic or a clear error with exit 2, never a traceback."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from catalogc.cli import main
from tests.conftest import write_workspace

HOSTILE = {
    "malformed.yaml": b"format: 1\nitems: [\n",
    "gbk.yaml": "domain: 社会救助\n".encode("gbk"),
    "empty.yaml": b"",
    "junk.yaml": bytes(range(256)) * 8,
    "bomb.yaml": b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n".encode() for i in range(8)),
    "deep.yaml": b"[" * 10_000 + b"]" * 10_000,
    "deeper.yaml": b"[" * 100_000 + b"]" * 100_000,
    "compact.yaml": b"- " * 50_000 + b"x\n",
    "list.yaml": b"- a\n- b\n",
    "two-docs.yaml": b"a: 1\n---\nb: 2\n",
    "tabs.yaml": b"a:\n\t- b\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gets_a_diagnostic(tmp_path, name: str) -> None:
    root = write_workspace(tmp_path, {f"catalogs/{name}": HOSTILE[name]})
    proc = subprocess.run([sys.executable, "-m", "catalogc", "check", str(root)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"catalogs/{name}" in proc.stdout


def test_folder_without_catalogs_is_exit_2(tmp_path) -> None:
    result = CliRunner().invoke(main, ["check", str(tmp_path)])
    assert result.exit_code == 2 and "catalogs" in result.output


def test_rules_listing_and_explanation() -> None:
    runner = CliRunner()
    listing = runner.invoke(main, ["rules"])
    assert listing.exit_code == 0 and "C105" in listing.output and "channel-value" in listing.output
    one = runner.invoke(main, ["rules", "c105"])
    assert one.exit_code == 0 and "通过的例子" in one.output and "不通过的例子" in one.output
    assert runner.invoke(main, ["rules", "C999"]).exit_code == 2


def test_schema_command_prints_the_committed_schema() -> None:
    from tests.paths import ROOT

    result = CliRunner().invoke(main, ["schema"])
    assert result.output == (ROOT / "schema" / "catalog.schema.json").read_text(encoding="utf-8")


def test_single_file_target(tmp_path) -> None:
    from tests.rules import BASE

    root = write_workspace(tmp_path, {"catalogs/民政局/社会救助.yaml": BASE})
    result = CliRunner().invoke(main, ["check", str(root / "catalogs" / "民政局" / "社会救助.yaml")])
    assert result.exit_code == 0


def test_two_file_targets(tmp_path) -> None:
    from tests.rules import BASE

    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE, "catalogs/b.yaml": BASE.replace("SHJZ", "YLFW")})
    result = CliRunner().invoke(main, ["check", str(root / "catalogs" / "a.yaml"), str(root / "catalogs" / "b.yaml")])
    assert result.exit_code == 0 and "catalogs/b.yaml" in result.output and "C202" in result.output


def test_output_that_cannot_be_written_is_exit_2(tmp_path) -> None:
    from tests.rules import BASE

    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE})
    (tmp_path / "file").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(root), "-o", str(tmp_path / "file" / "report.json")])
    assert result.exit_code == 2 and "内部错误" not in result.output and str(tmp_path / "file") in result.output


def test_schema_kinds_are_exclusive() -> None:
    result = CliRunner().invoke(main, ["schema", "--bundle", "--settings"])
    assert result.exit_code == 2 and "只能选一个" in result.output
