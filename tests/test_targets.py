"""Targets like a linter: files and folders, the workspace found upward, findings for the targets only."""

from __future__ import annotations

import json
import os
import sys

import pytest
from click.testing import CliRunner

from catalogc.cli import main
from tests.conftest import write_workspace
from tests.rules import BASE, edit

POWERS = "编码,事项名称,权力类型,实施主体,设定依据,领域\n"
CIVIL = "360799-GF-0001,临时救助金给付,行政给付,溪山县民政局,《社会救助暂行办法》,社会救助\n"
FINANCE = "360799-GF-0002,资金拨付,行政给付,溪山县财政局,《社会救助暂行办法》,社会救助\n"
FINANCE_CATALOG = edit("department: 溪山县民政局", "department: 溪山县财政局",
                       edit("id: SHJZ-001", "id: CZ-001", edit("name: 最低生活保障", "name: 资金拨付")))
WARNED = edit("channels: [政府网站]", "channels: [政府门户网站]")  # C105 alias: a warning on line 13


@pytest.fixture
def ws(tmp_path):
    return write_workspace(tmp_path / "ws", {
        "catalogs/民政局/社会救助.yaml": WARNED,
        "catalogs/财政局/社会救助.yaml": FINANCE_CATALOG,
        "lists/powers/清单.csv": POWERS + CIVIL + FINANCE,
        "catalogc.toml": "[check]\nignore = [\"C206\"]\n",
    })


def check(*args: str) -> tuple[int, list[tuple[str, str]], str]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    found = json.loads(result.output) if result.output.startswith("[") else []
    return result.exit_code, [(d["file"], d["code"]) for d in found], result.output


def test_whole_workspace(ws) -> None:
    assert check(str(ws))[:2] == (0, [
        ("catalogs/民政局/社会救助.yaml", "C105"),
        ("lists/powers/清单.csv", "C301"), ("lists/powers/清单.csv", "C301"),
    ])


def test_a_folder_target_uses_the_workspace_settings_and_root_relative_paths(ws) -> None:
    (ws / "catalogc.toml").write_text('[check]\nignore = ["C3"]\n[check.severity]\nC105 = "error"\n', encoding="utf-8")
    assert check(str(ws / "catalogs" / "民政局"))[:2] == (1, [("catalogs/民政局/社会救助.yaml", "C105")])


def test_running_inside_a_subfolder(ws, monkeypatch) -> None:
    monkeypatch.chdir(ws / "catalogs" / "民政局")
    assert check()[1] == [("catalogs/民政局/社会救助.yaml", "C105"), ("lists/powers/清单.csv", "C301")]
    assert check("社会救助.yaml")[1] == [("catalogs/民政局/社会救助.yaml", "C105"), ("lists/powers/清单.csv", "C301")]


def test_list_findings_only_for_the_departments_of_the_targets(ws) -> None:
    finance = str(ws / "catalogs" / "财政局" / "社会救助.yaml")
    code, found, _ = check(finance)
    assert (code, found) == (0, [("lists/powers/清单.csv", "C301")])
    _, found, output = check(finance)
    assert "360799-GF-0002" in output and "360799-GF-0001" not in output


def test_several_files(ws) -> None:
    both = [str(ws / "catalogs" / d / "社会救助.yaml") for d in ("民政局", "财政局")]
    assert check(*both)[1] == check(str(ws))[1]


def test_a_list_file_as_target_reports_its_own_findings(ws) -> None:
    (ws / "lists" / "powers" / "清单.csv").write_text(POWERS + CIVIL + ",无编码,行政给付,溪山县民政局,,\n", encoding="utf-8")
    found = check(str(ws / "lists" / "powers" / "清单.csv"))[1]
    assert found == [("lists/powers/清单.csv", "C301"), ("lists/powers/清单.csv", "C306")]
    assert ("lists/powers/清单.csv", "C306") not in check(str(ws / "catalogs" / "财政局"))[1]


def test_cross_file_rules_see_the_whole_workspace(ws) -> None:
    copy = FINANCE_CATALOG.replace("CZ-001", "SHJZ-001").replace("资金拨付", "最低生活保障")
    (ws / "catalogs" / "财政局" / "社会救助.yaml").write_text(copy, encoding="utf-8")
    found = check(str(ws / "catalogs" / "财政局" / "社会救助.yaml"))[1]
    assert ("catalogs/财政局/社会救助.yaml", "C201") in found  # the first SHJZ-001 is in a file not given
    assert all(file != "catalogs/民政局/社会救助.yaml" for file, _ in found)


def test_files_that_are_not_catalogs_are_skipped_quietly(ws) -> None:
    """What a pre-commit hook passes: every changed file, catalogs or not."""
    (ws / "README.md").write_text("# 说明\n", encoding="utf-8")
    (ws / "schema.yaml").write_text("[不是目录\n", encoding="utf-8")
    targets = [str(ws / name) for name in ("README.md", "schema.yaml", "catalogc.toml")]
    assert check(*targets)[:2] == (0, [])
    civil = str(ws / "catalogs" / "民政局" / "社会救助.yaml")
    assert check(*targets, civil)[1] == check(civil)[1]


def test_a_missing_target_is_exit_2(ws) -> None:
    code, _, output = check(str(ws / "catalogs" / "没有.yaml"))
    assert code == 2 and "没有.yaml" in output


def test_targets_in_two_workspaces_are_exit_2(ws, tmp_path) -> None:
    other = write_workspace(tmp_path / "other", {"catalogs/a.yaml": BASE})
    code, _, output = check(str(ws / "catalogs"), str(other / "catalogs" / "a.yaml"))
    assert code == 2 and "不同的工作区" in output


def test_a_folder_outside_any_workspace_is_exit_2(tmp_path) -> None:
    (tmp_path / "x").mkdir()
    code, _, output = check(str(tmp_path / "x"))
    assert code == 2 and "catalogs/" in output


def test_text_report_counts_the_target_files(ws) -> None:
    result = CliRunner().invoke(main, ["check", str(ws / "catalogs" / "财政局")])
    assert "1 个文件，1 个事项" in result.output


needs_symlinks = pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")


@needs_symlinks
def test_links_leading_outside_are_reported_and_never_read(ws, tmp_path) -> None:
    secret = write_workspace(tmp_path / "elsewhere", {
        "a.yaml": "format: 1\nsecret: 外部文件\n", "sub/b.yaml": "[broken\n", "l.csv": "编码\n1\n",
    })
    os.symlink(secret / "a.yaml", ws / "catalogs" / "link.yaml")
    os.symlink(secret / "sub", ws / "catalogs" / "linked")
    os.symlink(secret / "l.csv", ws / "lists" / "powers" / "link.csv")
    os.symlink(ws / "catalogs" / "民政局" / "社会救助.yaml", ws / "catalogs" / "inside.yml")  # inside: read
    code, found, output = check(str(ws))
    assert code == 1
    assert [f for f in found if f[1] == "C005"] == [
        ("catalogs/link.yaml", "C005"), ("catalogs/linked", "C005"), ("lists/powers/link.csv", "C005"),
    ]
    assert ("catalogs/inside.yml", "C105") in found
    assert "外部文件" not in output and "C004" not in output and "C001" not in output and "C306" not in output
    assert "工作区之外" in output


@needs_symlinks
def test_impact_does_not_read_outside_either(ws, tmp_path) -> None:
    secret = write_workspace(tmp_path / "elsewhere", {"a.yaml": BASE.replace("SHJZ-001", "SECRET-1")})
    os.symlink(secret / "a.yaml", ws / "catalogs" / "link.yaml")
    result = CliRunner().invoke(main, ["impact", "社会救助暂行办法", str(ws), "--format", "json"])
    assert result.exit_code == 0 and "SECRET-1" not in result.output


def test_impact_finds_the_workspace_from_a_subfolder(ws, monkeypatch) -> None:
    monkeypatch.chdir(ws / "catalogs" / "民政局")
    result = CliRunner().invoke(main, ["impact", "社会救助暂行办法", "--format", "json"])
    assert [h["file"] for h in json.loads(result.output)["items"]] == ["catalogs/民政局/社会救助.yaml"]


def test_impact_reads_the_settings(ws) -> None:
    (ws / "catalogc.toml").write_text("[check.limits]\nmax-bytes = 100\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["impact", "社会救助暂行办法", str(ws), "--format", "json"])
    assert json.loads(result.output)["items"] == []  # files over the limit are not read, as in the check
    (ws / "catalogc.toml").write_text("[check]\nstrict = \"yes\"\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["impact", "社会救助暂行办法", str(ws)])
    assert result.exit_code == 2 and "check.strict" in result.output


def test_c002_inside_an_item_names_the_item(tmp_path) -> None:
    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE + "    level: [乡级]\n  - id: SHJZ-002\n    name: x\n"})
    found = json.loads(CliRunner().invoke(main, ["check", str(root), "--format", "json"]).output)
    assert [(d["line"], d["item"]) for d in found if d["code"] == "C002"] == [(16, "SHJZ-001")]
