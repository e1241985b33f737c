"""The quality page's summary tables: per source (an office's region) and per department, with the
changes since an earlier release when the build is given one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from click.testing import CliRunner
from lxml import html

from catalogc.cli import main
from tests.paths import ROOT


def _build(workspace: Path, out: Path, *options: str) -> None:
    result = CliRunner().invoke(main, ["build", str(workspace), "-o", str(out), "--no-excel", "--no-sqlite", *options])
    assert result.exit_code == 0, result.output


def _table(page: Path, caption: str) -> dict[str, list[str]]:
    tree = html.fromstring(page.read_text(encoding="utf-8"))
    (table,) = tree.xpath(f'//table[caption="{caption}"]')
    return {row.xpath("string(th)"): [re.sub(r"\s+", "", cell.text_content()) for cell in row.xpath("td")]
            for row in table.xpath("tbody/tr")}


def _office(tmp_path: Path) -> Path:
    """The sample region with 民政局's catalogs and lists handed in as a source."""
    office, source = tmp_path / "office", tmp_path / "minzheng"
    shutil.copytree(ROOT / "catalogs", office / "catalogs", ignore=shutil.ignore_patterns("民政局"))
    shutil.copytree(ROOT / "lists", office / "lists", ignore=shutil.ignore_patterns("民政局.csv"))
    shutil.copytree(ROOT / "catalogs" / "民政局", source / "catalogs" / "民政局")
    (source / "lists" / "services").mkdir(parents=True)
    shutil.copyfile(ROOT / "lists" / "services" / "民政局.csv", source / "lists" / "services" / "民政局.csv")
    settings = (ROOT / "catalogc.toml").read_text(encoding="utf-8")
    (office / "catalogc.toml").write_text(settings + '\n[[sources]]\nname = "民政局"\npath = "../minzheng"\n',
                                          encoding="utf-8")
    return office


def test_a_workspace_has_the_department_table_only(tmp_path: Path) -> None:
    _build(ROOT, tmp_path / "out")
    page = tmp_path / "out" / "site" / "quality.html"
    departments = _table(page, "按部门")
    #                                  目录  事项  错误 警告 提示 覆盖      缺少
    assert departments["溪山县民政局"] == ["2", "26", "0", "0", "0", "100.0%", "0"]
    assert departments["溪山县公安局"][5] == "—"  # no list of its own: nothing to cover
    assert not html.fromstring(page.read_text(encoding="utf-8")).xpath('//table[caption="按来源"]')


def test_an_office_sees_each_source_and_the_changes_since_its_last_release(tmp_path: Path) -> None:
    office = _office(tmp_path)
    _build(office, tmp_path / "first")
    catalog = tmp_path / "minzheng" / "catalogs" / "民政局" / "社会救助.yaml"
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace("制定或获取信息之日起10个工作日内", "制定或获取信息之日起5个工作日内", 1), encoding="utf-8")
    _build(office, tmp_path / "second", "--since", str(tmp_path / "first"))
    page = tmp_path / "second" / "site" / "quality.html"
    sources = _table(page, "按来源")
    assert list(sources) == ["本工作区", "民政局"]  # the office's own files first
    assert sources["民政局"][:2] == ["2", "26"] and sources["民政局"][-1] == "1"
    assert sources["本工作区"][-1] == "0"
    departments = _table(page, "按部门")
    assert departments["溪山县民政局"][-1] == "1" and departments["溪山县财政局"][-1] == "0"
    assert "（来源：民政局）" in page.read_text(encoding="utf-8")


def test_department_names_are_escaped(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT, workspace, ignore=shutil.ignore_patterns(".venv*", ".git", "out", "build", "tests", "src"))
    catalog = workspace / "catalogs" / "财政局" / "财政预决算.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace("department: 溪山县财政局",
                                                                   'department: "溪山县财政局<script>x</script>"'),
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(workspace), "-o", str(tmp_path / "out"), "--no-excel",
                                       "--no-sqlite", "--allow-errors"])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out" / "site" / "quality.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
