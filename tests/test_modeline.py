"""`catalogc schema --install` and `init`: the `$schema` line leads to the workspace's schema from wherever the file lives."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from click.testing import CliRunner

from catalogc.cli import main
from catalogc.commands.modeline import schema_ref, with_modeline
from catalogc.model.schema import catalog_schema_text
from tests.paths import ROOT

LINE = "# yaml-language-server: $schema="


@pytest.mark.parametrize(("text", "expected"), [
    ("format: 1\n", f"{LINE}R\nformat: 1\n"),
    ("# 说明\nformat: 1\n", f"{LINE}R\n# 说明\nformat: 1\n"),
    (f"# 说明\n{LINE}../old.json\nformat: 1\n", f"# 说明\n{LINE}R\nformat: 1\n"),
    ("#yaml-language-server:  $schema=x\r\nformat: 1\r\n", f"{LINE}R\r\nformat: 1\r\n"),
    ("\ufeffformat: 1\r\n", f"\ufeff{LINE}R\r\nformat: 1\r\n"),
    # a schema line below the first content line is data of no editor: a new one goes on top
    (f"format: 1\n# {LINE[2:]}x\n", f"{LINE}R\nformat: 1\n# {LINE[2:]}x\n"),
    ("", f"{LINE}R\n"),
    ("format: 1", f"{LINE}R\nformat: 1"),
])
def test_with_modeline_replaces_or_adds_and_keeps_the_rest(text: str, expected: str) -> None:
    assert with_modeline(text, "R") == expected
    assert with_modeline(expected, "R") == expected  # idempotent


def test_schema_ref_is_relative_to_the_file(tmp_path) -> None:
    assert schema_ref(tmp_path / "catalogs" / "民政局" / "a.yaml", tmp_path) == "../../schema/catalog.schema.json"
    assert schema_ref(tmp_path / "catalogs" / "a.yaml", tmp_path) == "../schema/catalog.schema.json"
    deep = tmp_path / "catalogs" / "乡镇" / "桃源镇" / "民政" / "a.yaml"
    assert schema_ref(deep, tmp_path) == "../../../../schema/catalog.schema.json"


def _workspace(tmp_path):
    ws = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "broken", ws)
    return ws


def test_install_writes_the_schema_and_the_right_line_everywhere(tmp_path) -> None:
    ws = _workspace(tmp_path)
    nested = ws / "catalogs" / "乡镇" / "桃源镇" / "社会救助.yaml"
    nested.parent.mkdir(parents=True)
    nested.write_bytes(b"\xef\xbb\xbf# comment kept\r\nformat: 1\r\n")
    before = {p: p.read_bytes() for p in (ws / "catalogs").rglob("*.yaml")}
    runner = CliRunner()
    result = runner.invoke(main, ["schema", "--install", str(ws)])
    assert result.exit_code == 1, result.output  # the GBK file is named and left alone
    assert "gbk编码.yaml" in result.output and "UTF-8" in result.output
    assert (ws / "schema" / "catalog.schema.json").read_text(encoding="utf-8") == catalog_schema_text()
    assert nested.read_bytes() == b"\xef\xbb\xbf" + f"{LINE}../../../schema/catalog.schema.json\r\n".encode() \
        + b"# comment kept\r\nformat: 1\r\n"
    top = (ws / "catalogs" / "别名炸弹.yaml").read_text(encoding="utf-8")
    assert top.startswith(f"{LINE}../schema/catalog.schema.json\n")
    dept = (ws / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8")
    assert dept.startswith(f"{LINE}../../schema/catalog.schema.json\n")
    old = before[ws / "catalogs" / "民政局" / "社会救助.yaml"].decode()
    assert old.startswith(f"{LINE}../../../../schema/")  # pointed at the repository's schema: replaced
    assert dept.split("\n", 1)[1] == old.split("\n", 1)[1]
    assert (ws / "catalogs" / "gbk编码.yaml").read_bytes() == before[ws / "catalogs" / "gbk编码.yaml"]
    # every line leads to the schema file
    for path in (ws / "catalogs").rglob("*.yaml"):
        first = path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
        if first.startswith(LINE):
            assert (path.parent / first[len(LINE):]).resolve() == (ws / "schema" / "catalog.schema.json").resolve()
    # idempotent: a second run changes nothing
    snapshot = {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()}
    again = runner.invoke(main, ["schema", "--install", str(ws)])
    assert "0 个目录文件已更新" in again.output
    assert {p: p.read_bytes() for p in ws.rglob("*") if p.is_file()} == snapshot


def test_install_on_some_files_only(tmp_path) -> None:
    ws = _workspace(tmp_path)
    one = ws / "catalogs" / "教育局" / "义务教育.yaml"
    other = ws / "catalogs" / "民政局" / "社会救助.yaml"
    before = other.read_bytes()
    result = CliRunner().invoke(main, ["schema", "--install", str(one)])
    assert result.exit_code == 0, result.output
    assert one.read_text(encoding="utf-8").startswith(LINE + "../../schema/")
    assert other.read_bytes() == before


def test_install_leaves_a_schema_file_it_did_not_write(tmp_path) -> None:
    ws = _workspace(tmp_path)
    (ws / "schema").mkdir()
    (ws / "schema" / "catalog.schema.json").write_text('{"title": "their own"}', encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "--install", str(ws / "catalogs" / "民政局")])
    assert result.exit_code == 1 and "不是 catalogc 生成的 Schema" in result.output
    assert (ws / "schema" / "catalog.schema.json").read_text(encoding="utf-8") == '{"title": "their own"}'


def test_install_updates_an_older_catalogc_schema(tmp_path) -> None:
    ws = _workspace(tmp_path)
    (ws / "schema").mkdir()
    old = json.loads(catalog_schema_text())
    del old["$id"]
    (ws / "schema" / "catalog.schema.json").write_text(json.dumps(old), encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "--install", str(ws / "catalogs" / "民政局")])
    assert result.exit_code == 0, result.output
    assert (ws / "schema" / "catalog.schema.json").read_text(encoding="utf-8") == catalog_schema_text()


def test_install_refuses_other_options_and_paths_without_it(tmp_path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["schema", "--install", "--bundle"]).exit_code == 2
    assert runner.invoke(main, ["schema", str(tmp_path)]).exit_code == 2
    result = runner.invoke(main, ["schema", "--install", str(tmp_path)])
    assert result.exit_code == 2 and "不在工作区中" in result.output


@pytest.mark.parametrize(("output", "ref"), [
    (None, "../../schema/catalog.schema.json"),
    ("catalogs/乡镇/桃源镇/社会救助.yaml", "../../../schema/catalog.schema.json"),
    ("catalogs/社会救助.yaml", "../schema/catalog.schema.json"),
])
def test_init_points_at_the_workspace_schema_wherever_the_file_goes(tmp_path, output, ref) -> None:
    ws = tmp_path / "ws"
    args = ["init", "--domain", "社会救助", "--region", "360799", "--department", "溪山县民政局", "-w", str(ws)]
    if output:
        args += ["-o", str(ws / output)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    path = ws / (output or "catalogs/民政局/社会救助.yaml")
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == LINE + ref
    assert (path.parent / ref).resolve() == (ws / "schema" / "catalog.schema.json").resolve()
    assert (ws / "schema" / "catalog.schema.json").read_text(encoding="utf-8") == catalog_schema_text()
    yaml.safe_load(path.read_text(encoding="utf-8"))


def test_init_with_only_an_output_file_finds_its_workspace(tmp_path, monkeypatch) -> None:
    ws = _workspace(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = ws / "catalogs" / "乡镇" / "桃源镇" / "社会救助.yaml"
    args = ["init", "--domain", "社会救助", "--region", "360799", "--department", "溪山县民政局", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith(LINE + "../../../schema/catalog.schema.json\n")
    assert not (tmp_path / "schema").exists()  # nothing written beside the current folder


def test_install_leaves_a_link_as_a_link(tmp_path) -> None:
    ws = _workspace(tmp_path)
    (ws / "catalogs" / "gbk编码.yaml").unlink()
    target = ws / "catalogs" / "民政局" / "社会救助.yaml"
    link = ws / "catalogs" / "链接.yaml"
    link.symlink_to(target)
    result = CliRunner().invoke(main, ["schema", "--install", str(ws)])
    assert result.exit_code == 1 and "链接.yaml" in result.output and "symbolic link" in result.output
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith(LINE + "../../schema/catalog.schema.json\n")
