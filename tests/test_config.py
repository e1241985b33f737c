"""Workspace settings and the command line: defaults → catalogc.toml → options."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from catalogc.cli import main
from tests.conftest import write_workspace
from tests.paths import ROOT
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


def _refused(ws, settings: str) -> str:
    (ws / "catalogc.toml").write_text(settings, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(ws)])
    assert result.exit_code == 2, result.output
    assert "catalogc.toml" in result.output and "内部错误" not in result.output
    return result.output


@pytest.mark.parametrize(("settings", "key", "allowed"), [
    ('[check]\nstrict = "false"\n', "check.strict", "true 或 false"),
    ('[check.limits]\nmax-bytes = "big"\n', "check.limits.max-bytes", "整数"),
    ("[check.limits]\nmax-depth = 0\n", "check.limits.max-depth", "正整数"),
    ('[domains]\nextra = "交通运输"\n', "domains.extra", "列表"),
    ('[check]\nselect = "C1"\n', "check.select", "列表"),
    ('[check.severity]\nC105 = "fatal"\n', "check.severity.C105", "error"),
    ("regions = 5\n", "regions", "表"),
    ('[regions]\n"360799" = 360799\n', "regions.360799", "文本"),
    ('[[laws]]\nnumber = "溪府发〔2023〕12号"\n', "laws[1].title", "必填"),
])
def test_wrong_types_are_exit_2_with_key_and_what_is_allowed(ws, settings: str, key: str, allowed: str) -> None:
    output = _refused(ws, settings)
    assert key in output and allowed in output


@pytest.mark.parametrize(("settings", "key", "allowed"), [
    ('[chek]\nstrict = true\n', "chek", "check、regions、domains、laws"),
    ('[check]\nstirct = true\n', "check.stirct", "strict"),
    ('[check.limit]\nmax-bytes = 10\n', "check.limit", "limits"),
    ('[check.limits]\nmax_bytes = 10\n', "check.limits.max_bytes", "max-bytes"),
    ('[[laws]]\ntitle = "甲"\n[[laws]]\ntitle = "乙"\ntitel = "丙"\n', "laws[2].titel", "title"),
])
def test_misspelled_keys_and_tables_are_exit_2(ws, settings: str, key: str, allowed: str) -> None:
    output = _refused(ws, settings)
    assert f"{key}：未知的键" in output and allowed in output


def test_extra_domains_are_whole_names(tmp_path) -> None:
    text = BROKEN.replace("domain: 养老服务", "domain: 交通运输")
    root = write_workspace(tmp_path, {"catalogs/民政局/交通运输.yaml": text})
    assert "C203" in run(root)[1]
    (root / "catalogc.toml").write_text('[domains]\nextra = ["交通运输"]\n', encoding="utf-8")
    assert "C203" not in run(root)[1]


def test_limits_apply(ws) -> None:
    (ws / "catalogc.toml").write_text("[check.limits]\nmax-bytes = 100\n", encoding="utf-8")
    assert run(ws) == (1, ["C005"])


def test_no_strict_overrides_the_file(ws) -> None:
    (ws / "catalogc.toml").write_text("[check]\nstrict = true\n", encoding="utf-8")
    assert run(ws)[0] == 1
    assert run(ws, "--no-strict")[0] == 0
    (ws / "catalogc.toml").write_text("[check]\nstrict = false\n", encoding="utf-8")
    assert run(ws, "--strict")[0] == 1


def test_local_laws_from_the_file(tmp_path) -> None:
    text = BROKEN.replace("basis: [《社会救助暂行办法》第九条]", "basis: [《溪山县社会救助工作细则》]")
    root = write_workspace(tmp_path, {"catalogs/民政局/社会救助.yaml": text})
    assert "C110" in run(root)[1]
    (root / "catalogc.toml").write_text('[[laws]]\ntitle = "溪山县社会救助工作细则"\nnumber = "溪府发〔2023〕12号"\n',
                                        encoding="utf-8")
    assert "C110" not in run(root)[1]


COMMITTED_SCHEMA = ROOT / "schema" / "catalogc-toml.schema.json"


def test_committed_settings_schema_matches_the_model() -> None:
    from catalogc.model.settings import settings_schema_text

    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == settings_schema_text(), "run `make schema` and commit"
    result = CliRunner().invoke(main, ["schema", "--settings"])
    assert result.exit_code == 0 and result.output == COMMITTED_SCHEMA.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [ROOT / "catalogc.toml", ROOT / "examples" / "broken" / "catalogc.toml"])
def test_shipped_settings_files_validate_against_the_schema(path) -> None:
    import tomllib

    import jsonschema

    schema = json.loads(COMMITTED_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(tomllib.loads(path.read_text(encoding="utf-8")))


def test_readme_example_settings_are_accepted(tmp_path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Settings: `catalogc.toml`", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    root = write_workspace(tmp_path, {"catalogs/民政局/社会救助.yaml": BROKEN, "catalogc.toml": example})
    assert CliRunner().invoke(main, ["check", str(root)]).exit_code in (0, 1)
