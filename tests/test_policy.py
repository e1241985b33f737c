"""The policy: suppressions first, then selection and levels, then C007; unknown codes refused."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from catalogc.check.policy import glob_regex
from catalogc.cli import main
from tests.conftest import write_workspace
from tests.paths import ROOT
from tests.rules import BASE, edit

REASONED = edit("channels: [政府网站]", "channels: [本县政务APP]  # catalogc: ignore[C105] 本县自建平台")
UNREASONED = edit("channels: [政府网站]", "channels: [本县政务APP]  # catalogc: ignore[C105]")
RELATIVE = "catalogs/民政局/社会救助.yaml"


def run(root, *args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", str(root), "--format", "json", *args])
    found = json.loads(result.output) if result.output.startswith("[") else []
    return result.exit_code, found


def codes(root, *args: str) -> list[str]:
    return [d["code"] for d in run(root, *args)[1]]


@pytest.mark.parametrize(("pattern", "path", "matches"), [
    ("catalogs/*", "catalogs/a.yaml", True),
    ("catalogs/*", "catalogs/民政局/a.yaml", False),  # * stays within one folder
    ("catalogs/**", "catalogs/民政局/a.yaml", True),
    ("catalogs/**/a.yaml", "catalogs/a.yaml", True),  # **/ also matches no folder at all
    ("catalogs/**/a.yaml", "catalogs/乡镇/溪山镇/a.yaml", True),
    ("*.yaml", "catalogs/乡镇/a.yaml", True),  # no slash: any depth, like .gitignore
    ("/a.yaml", "catalogs/a.yaml", False),  # a leading slash anchors at the root
    ("catalogs/乡镇", "catalogs/乡镇/溪山镇/a.yaml", True),  # a folder: everything in it
    ("catalogs/乡镇/", "catalogs/乡镇", False),
    ("catalogs/?.yaml", "catalogs/a.yaml", True),
    ("catalogs/?.yaml", "catalogs/ab.yaml", False),
    ("catalogs/[ab].yaml", "catalogs/b.yaml", True),
    ("catalogs/[!ab].yaml", "catalogs/b.yaml", False),
    ("catalogs/a+b(1).yaml", "catalogs/a+b(1).yaml", True),  # regex characters are literal
])
def test_globs_behave_like_git(pattern: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(pattern).fullmatch(path)) is matches


def test_per_path_glob_does_not_cross_folders(tmp_path) -> None:
    root = write_workspace(tmp_path, {RELATIVE: UNREASONED.replace("#", "# x")})
    (root / "catalogc.toml").write_text('[check.per-path-ignores]\n"catalogs/*" = ["C105"]\n', encoding="utf-8")
    assert codes(root) == ["C105"]
    (root / "catalogc.toml").write_text('[check.per-path-ignores]\n"catalogs/**" = ["C105"]\n', encoding="utf-8")
    assert codes(root) == []


def test_selection_does_not_make_a_suppression_unused(tmp_path) -> None:
    root = write_workspace(tmp_path, {RELATIVE: REASONED})
    assert codes(root) == []
    assert codes(root, "--select", "C2") == []  # C105 did not run: the suppression cannot be judged
    assert codes(root, "--select", "C0") == []


def test_broken_example_under_a_selection_has_no_false_c007() -> None:
    assert "C007" not in codes(ROOT / "examples" / "broken", "--select", "C2")


def test_a_suppressed_finding_that_a_per_path_ignore_drops_still_uses_the_suppression(tmp_path) -> None:
    root = write_workspace(tmp_path, {RELATIVE: REASONED})
    (root / "catalogc.toml").write_text('[check.per-path-ignores]\n"catalogs/民政局/**" = ["C105"]\n', encoding="utf-8")
    assert codes(root) == []


def test_unused_suppression_is_reported_when_all_its_codes_ran(tmp_path) -> None:
    text = edit("channels: [政府网站]", "channels: [政府网站]  # catalogc: ignore[C105] 本县自建平台")
    root = write_workspace(tmp_path, {RELATIVE: text})
    found = run(root)[1]
    assert [(d["code"], d["line"]) for d in found] == [("C007", 13)]
    assert "没有忽略任何发现" in found[0]["message"]
    assert codes(root, "--select", "C1,C007") == ["C007"]


def test_ignore_c007_silences_c007(tmp_path) -> None:
    root = write_workspace(tmp_path, {RELATIVE: UNREASONED})
    assert codes(root) == ["C105", "C007"]
    assert codes(root, "--ignore", "C007") == ["C105"]
    (root / "catalogc.toml").write_text('[check]\nignore = ["C007"]\n', encoding="utf-8")
    assert codes(root) == ["C105"]


def test_severity_is_stamped_from_the_settings(tmp_path) -> None:
    root = write_workspace(tmp_path, {RELATIVE: UNREASONED})
    (root / "catalogc.toml").write_text('[check.severity]\nC105 = "info"\nC007 = "error"\n', encoding="utf-8")
    assert [(d["code"], d["severity"]) for d in run(root)[1]] == [("C105", "info"), ("C007", "error")]


@pytest.mark.parametrize(("option", "value", "guess"), [
    ("--select", "C999", None),
    ("--select", "105", "C105"),
    ("--ignore", "C1O5", "C105"),
    ("--select", "C1,X7", None),
])
def test_unknown_codes_on_the_command_line_are_usage_errors(option: str, value: str, guess: str | None) -> None:
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples" / "broken"), option, value])
    assert result.exit_code == 2, result.output
    assert option in result.output and "没有规则代码" in result.output
    if guess:
        assert f"是不是 {guess}" in result.output


@pytest.mark.parametrize("settings", [
    '[check]\nselect = ["C999"]\n',
    '[check]\nignore = ["105"]\n',
    '[check.severity]\nC1O5 = "error"\n',
    '[check.per-path-ignores]\n"catalogs/**" = ["C77"]\n',
])
def test_unknown_codes_in_the_settings_file_are_usage_errors(tmp_path, settings: str) -> None:
    root = write_workspace(tmp_path, {RELATIVE: BASE, "catalogc.toml": settings})
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 2 and "catalogc.toml" in result.output and "没有规则代码" in result.output


def test_prefixes_are_codes_too(tmp_path) -> None:
    root = write_workspace(tmp_path, {RELATIVE: UNREASONED})
    assert codes(root, "--select", "c1") == ["C105"]  # case does not matter
    assert codes(root, "--select", "C") == ["C105", "C007"]


def test_a_message_rendered_once_is_rendered_for_its_own_arguments() -> None:
    """Messages are remembered by (code, variant, arguments): 1, True and "1" are equal keys to a
    dict but not the same words; an unhashable argument is rendered without being remembered."""
    from catalogc.check.policy import Policy
    from catalogc.findings import Located
    from catalogc.load.config import Settings

    policy = Policy(Settings())
    said = [policy.diagnostic(Located("a.yaml", n, 1, args={"value": value}, code="C110")).message
            for n, value in enumerate([1, True, 1.0, "1", 1, ["x"], "《甲》"], start=1)]
    assert said == [f"法规登记表中没有 {v}" for v in ("1", "True", "1.0", "1", "1", "['x']", "《甲》")]
    again = policy.diagnostic(Located("b.yaml", 9, 3, "near", {"value": "《甲》", "title": "《乙》"}, "I-1", "basis", "C110"))
    assert (again.message, again.file, again.line, again.column, again.item, again.field) == (
        "法规登记表中没有 《甲》，是否应为 《乙》？", "b.yaml", 9, 3, "I-1", "basis")
