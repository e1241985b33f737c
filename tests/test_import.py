"""`catalogc import`: Excel, Word and HTML tables in the national layout → catalog files.

The input tables are built here (openpyxl, python-docx, HTML text) from rows of published
catalogs; the catalogs they import to are golden files under tests/cases/import/<case>/.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from catalogc import refdata
from catalogc.cli import main
from catalogc.ingest import cells
from catalogc.ingest.layout import layout
from catalogc.ingest.mapping import Options, assign_ids, find_domain, group, read_table
from catalogc.ingest.tables import Grid, address, read_tables
from catalogc.ingest.write import render
from catalogc.model.catalog import Catalog
from tests.paths import ROOT

CASES = Path(__file__).parent / "cases" / "import"
SOURCE_RULES = {"C001", "C002", "C003", "C004", "C005", "C006"}  # loading, schema, YAML ambiguity

NATIONAL_TOP = ["序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                "公开对象", "", "公开方式", "", "公开层级", "", "咨询电话", "备注"]
NATIONAL_SUB = ["", "一级事项", "二级事项", "", "", "", "", "", "全社会", "特定群体", "主动", "依申请公开", "县级",
                "乡、村级", "", ""]
SHJZ_ROWS = [
    [1, "综合业务", "政策法规文件", "《社会救助暂行办法》 各地配套政策法规文件", "《信息公开条例》及相关规定",
     "制定或获取信息之日起10个工作日内", "县民政局、各乡(镇)人民政府(街道办事处)",
     "■政府网站 □政府公报 ■公开查阅点\n■政务服务中心 □便民服务站", "√", "", "√", "", "√", "√", "0791-12345678", ""],
    [2, None, "监督检查", "社会救助信访通讯地址、投诉举报电话", "同上", "同上", "同上",
     "■政府网站 ■公开查阅点 ■政务服务中心 ■社区/企事业单位/村公示栏（电子屏）", "√", "", "√", "", "√", "√", "", ""],
    [3, "最低生活保障", "办事指南", "办理事项、办理条件、低保标准\n申请材料、办理流程、办理时间地点、联系方式",
     "国发〔2012〕45号", "制定或获取信息之日起10个工作日内", "县民政局", "1.政府网站 2.政务服务中心", "✓", "", "■", "",
     "是", "", "", ""],
    [4, None, "审核信息", "初审对象名单及相关信息", "国发〔2012〕45号；民发〔2012〕220号",
     "制定或获取信息之日起10个工作日内，公示7个工作日", "各乡(镇)人民政府(街道办事处)",
     "□政府网站 ■社区/企事业单位/村公示栏（电子屏） ■其他 基层公共服务平台", "●", "□", "√", "□", "", "√", "", ""],
    [5, "特困人员救助供养", "审批结果", "救助对象姓名、救助供养标准", "《特困人员认定办法》", "同上", "县民政局",
     "■政府网站", "", "申请人及其家庭成员", "", "√", "√", "", "", "按季度更新"],
]


def national_workbook(path: Path) -> Path:
    """A 社会救助 table as counties publish it: a title row, two header rows, merged 一级事项, extra columns."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    width = len(NATIONAL_TOP)
    sheet.append(["社会救助领域基层政务公开标准目录"] + [None] * (width - 1))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(NATIONAL_TOP)
    sheet.append(NATIONAL_SUB)
    for column in (1, 4, 5, 6, 7, 8, 15, 16):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    for start in (2, 9, 11, 13):
        sheet.merge_cells(start_row=2, start_column=start, end_row=2, end_column=start + 1)
    for row in SHJZ_ROWS:
        sheet.append(row)
    sheet.merge_cells("B4:B5")
    sheet.merge_cells("B6:B7")
    sheet.append(["注：“■”表示选择，“□”表示不选择。"] + [None] * (width - 1))
    sheet.merge_cells(start_row=9, start_column=1, end_row=9, end_column=width)
    book.save(path)
    return path


HJGL_HEADER = ["序号", "一级事项", "二级事项", "三级事项", "公开内容", "公开依据", "公开时限", "公开主体",
               "公开渠道和载体", "公开对象", "公开方式", "公开层级", "公开属性", "监督举报电话"]
HJGL_ROWS = [
    ["1", "出生登记", "出生登记", "", "受理部门、办理条件、办理流程、所需材料、办理时限、收费依据及标准",
     "《户口登记条例》《政府信息公开条例》", "形成或者变更之日起20个工作日内予以公开", "县公安局",
     "政府网站、入户/现场", "全社会", "主动", "县级", "主动公开", "110"],
    ["2", "收养、入籍等登记", "收养登记", "", "受理部门、办理条件、办理流程、所需材料", "《户口登记条例》《中国公民收养子女登记办法》",
     "同上", "县公安局", "■政府网站 口公示栏 ■办事窗口", "全社会", "主动", "县级", "主动公开", ""],
    ["3", "注销登记", "死亡注销", "", "受理部门、办理条件", "《户口登记条例》", "同上", "县公安局、各派出所",
     "1.政府网站 2.办事窗口", "全社会", "主动公开", "县、乡级", "", ""],
    ["4", "", "服现役注销", "", "受理部门、办理条件", "《户口登记条例》", "同上", "县公安局", "政府网站",
     "特定群体（应征入伍人员）", "依申请", "县级", "", ""],
]


def word_document(path: Path) -> Path:
    """户籍管理 as a Word attachment: one header row, text columns, a vertically merged cell,
    a header repeated after a page break, and a signature table that is no catalog."""
    document = docx.Document()
    document.add_paragraph("附件2")
    document.add_paragraph("户籍管理领域基层政务公开标准目录")
    document.add_paragraph("填报单位：溪山县公安局")
    rows = [HJGL_HEADER, *HJGL_ROWS[:2], HJGL_HEADER, *HJGL_ROWS[2:]]
    table = document.add_table(rows=len(rows), cols=len(HJGL_HEADER))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    merged = table.cell(4, 1).merge(table.cell(5, 1))
    merged.text = "注销登记"
    document.add_paragraph("")
    signature = document.add_table(rows=1, cols=2)
    signature.cell(0, 0).text = "填表人：张三"
    signature.cell(0, 1).text = "审核人：李四"
    document.save(path)
    return path


GGFL_PAGE = """<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>溪山县司法局 公共法律服务领域基层政务公开标准目录</title></head>
<body><table class="layout"><tr><td><a href="/">首页</a> &gt; 政务公开</td></tr>
<tr><td>
<h1>公共法律服务领域基层政务公开标准目录</h1>
<table border="1">
<tr><th rowspan="2">序号</th><th colspan="2">公开事项</th><th rowspan="2">公开内容（要素）</th>
<th rowspan="2">公开依据</th><th rowspan="2">公开时限</th><th rowspan="2">公开主体</th>
<th rowspan="2">公开渠道和载体</th><th colspan="2">公开对象</th><th colspan="2">公开方式</th>
<th colspan="2">公开层级</th></tr>
<tr><th>一级事项</th><th>二级事项</th><th>全社会</th><th>特定群众</th><th>主动</th><th>依申请</th>
<th>县级</th><th>乡、村级</th></tr>
<tr><td>1</td><td rowspan="2">法治宣传教育</td><td>法律知识普及服务</td>
<td>法律法规资讯<br>普法动态资讯<br>典型案例库网址</td>
<td>《中华人民共和国政府信息公开条例》</td><td>自制作或获取该信息之日起20个工作日内公开</td>
<td>县司法局</td><td>■政府网站 ■广播电视 ■纸质媒体<br>■入户/现场 ■公示栏 ■其他法律服务网</td>
<td>√</td><td></td><td>√</td><td></td><td>√</td><td>√</td></tr>
<tr><td>2</td><td>表彰奖励</td><td>评选表彰通知；拟表彰名单；表彰决定</td><td>同上</td><td>同上</td>
<td>县司法局</td><td>■政府网站 □广播电视</td><td>√</td><td></td><td>√</td><td></td><td>√</td><td></td></tr>
<tr><td>3</td><td>法律援助</td><td>法律援助服务</td><td>给予/不予法律援助决定书<br>指派通知书</td>
<td>《中华人民共和国法律援助法》</td><td>自制作或获取该信息之日起20个工作日内公开</td><td>县司法局、县法律援助中心</td>
<td>■精准推送</td><td></td><td>法律援助申请人、受指派的法律援助人员</td><td>√</td><td></td><td>√</td><td>√</td></tr>
</table>
</td></tr></table></body></html>
"""


def web_page(path: Path) -> Path:
    path.write_bytes(GGFL_PAGE.encode("gb18030"))
    return path


def run_import(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["import", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def written(workspace: Path) -> dict[str, str]:
    return {p.relative_to(workspace).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(workspace.rglob("*.yaml"))}


def assert_golden(case: str, files: dict[str, str], update: bool) -> None:
    expected_root = CASES / case
    if update:
        shutil.rmtree(expected_root, ignore_errors=True)
        for rel, text in files.items():
            target = expected_root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {p.relative_to(expected_root).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted(expected_root.rglob("*.yaml"))}
    assert files == expected


def check_codes(workspace: Path) -> set[str]:
    result = CliRunner().invoke(main, ["check", str(workspace), "--format", "json"])
    return {d["code"] for d in json.loads(result.stdout)}


# -- the three readers, against golden catalogs ------------------------------------------------


def test_excel_national_layout(tmp_path: Path, update_goldens: bool) -> None:
    source = national_workbook(tmp_path / "目录.xlsx")
    code, out, err = run_import(source, "-o", tmp_path / "ws", "--region", "360799")
    assert (code, err) == (0, ""), err
    files = written(tmp_path / "ws")
    # one catalog per department: the 公开主体 of row 7 is the townships, not the bureau
    assert sorted(files) == ["catalogs/各乡(镇)人民政府(街道办事处)/社会救助.yaml", "catalogs/民政局/社会救助.yaml"]
    assert_golden("excel", files, update_goldens)
    assert not check_codes(tmp_path / "ws") & SOURCE_RULES


def test_excel_values(tmp_path: Path) -> None:
    """What the golden file shows, said as facts: merged cells, 同上, ticks, channels, extra columns."""
    run_import(national_workbook(tmp_path / "目录.xlsx"), "-o", tmp_path / "ws", "--region", "360799",
               "--department", "溪山县民政局")
    data = yaml.safe_load((tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8"))
    items = {item["id"]: item for item in data["items"]}
    assert data["domain"] == "社会救助" and data["department"] == "溪山县民政局"
    assert [items[i]["name"] for i in ("SHJZ-001", "SHJZ-002", "SHJZ-003", "SHJZ-004")] == \
        ["综合业务", "综合业务", "最低生活保障", "最低生活保障"]  # merged 一级事项 applies to each row
    assert items["SHJZ-002"]["basis"] == ["《信息公开条例》及相关规定"]  # 同上
    assert items["SHJZ-002"]["subject"] == ["县民政局", "各乡(镇)人民政府(街道办事处)"]
    assert items["SHJZ-001"]["channels"] == ["政府网站", "公开查阅点", "政务服务中心"]
    assert items["SHJZ-003"]["channels"] == ["政府网站", "政务服务中心"]
    assert items["SHJZ-004"]["channels"] == ["社区/企事业单位/村公示栏（电子屏）", "其他：基层公共服务平台"]
    assert items["SHJZ-004"]["level"] == ["乡级", "村级"] and items["SHJZ-001"]["level"] == ["县级", "乡级", "村级"]
    assert items["SHJZ-005"]["audience"] == ["特定群体"]
    assert items["SHJZ-005"]["audience_note"] == "申请人及其家庭成员"
    assert items["SHJZ-005"]["method"] == ["依申请"]
    assert items["SHJZ-005"]["time_limit"] == "制定或获取信息之日起10个工作日内，公示7个工作日"  # 同上: the row above
    assert items["SHJZ-003"]["content"] == ["办理事项、办理条件、低保标准", "申请材料、办理流程、办理时间地点、联系方式"]
    assert items["SHJZ-004"]["basis"] == ["国发〔2012〕45号", "民发〔2012〕220号"]
    assert items["SHJZ-001"]["extra"] == {"咨询电话": "0791-12345678"}
    assert items["SHJZ-005"]["note"] == "按季度更新"
    text = (tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8")
    assert "原表为“同上”（目录.xlsx!Sheet1!E5）" in text
    assert "# 原表说明 目录.xlsx!Sheet1!第9行：注：“■”表示选择" in text


def test_word_table(tmp_path: Path, update_goldens: bool) -> None:
    source = word_document(tmp_path / "户籍目录.docx")
    code, out, err = run_import(source, "-o", tmp_path / "ws", "--region", "360799")
    assert code == 1  # the signature table is reported, not silently skipped
    assert err.splitlines()[0] == "户籍目录.docx!表2：没有找到目录表头（序号、公开事项、公开内容、公开依据…），这张表未导入"
    files = written(tmp_path / "ws")
    assert list(files) == ["catalogs/公安局/户籍管理.yaml"]
    assert_golden("word", files, update_goldens)
    data = yaml.safe_load(files["catalogs/公安局/户籍管理.yaml"])
    assert data["department"] == "溪山县公安局"  # from the 填报单位 line above the table
    items = data["items"]
    assert [i["id"] for i in items] == ["HJGL-001", "HJGL-002", "HJGL-003", "HJGL-004"]  # repeated header skipped
    assert items[3]["name"] == "注销登记"  # vertically merged Word cell
    assert items[0]["basis"] == ["《户口登记条例》", "《政府信息公开条例》"]
    assert items[1]["channels"] == ["政府网站", "政务服务中心"]  # 口 is an empty box, 办事窗口 an alias
    assert items[2]["level"] == ["县级", "乡级"] and items[2]["method"] == ["主动"]
    assert items[3]["audience"] == ["特定群体"] and items[3]["audience_note"] == "应征入伍人员"
    assert items[0]["extra"] == {"公开属性": "主动公开", "监督举报电话": "110"}
    assert not check_codes(tmp_path / "ws") & SOURCE_RULES


def test_saved_web_page(tmp_path: Path, update_goldens: bool) -> None:
    source = web_page(tmp_path / "公共法律服务.html")
    code, out, err = run_import(source, "-o", tmp_path / "ws", "--region", "360799")
    assert (code, err) == (0, ""), err
    files = written(tmp_path / "ws")
    assert_golden("html", files, update_goldens)
    data = yaml.safe_load(files["catalogs/司法局/公共法律服务.yaml"])
    items = data["items"]
    assert [i["name"] for i in items[:2]] == ["法治宣传教育", "法治宣传教育"]  # rowspan
    assert items[0]["content"] == ["法律法规资讯", "普法动态资讯", "典型案例库网址"]  # <br>
    assert items[0]["channels"] == ["政府网站", "广播电视", "纸质媒体", "入户/现场", "社区/企事业单位/村公示栏（电子屏）",
                                    "其他：法律服务网"]
    assert items[2]["audience_note"] == "法律援助申请人、受指派的法律援助人员"
    assert items[2]["level"] == ["县级", "乡级", "村级"]
    assert not check_codes(tmp_path / "ws") & SOURCE_RULES


# -- what cannot be mapped is reported with its address -------------------------------------------


def test_unmappable_cells_are_reported_with_addresses(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    sheet.append(["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                  "全社会", "特定群体", "主动", "依申请", "公开层级", None])
    sheet.append([1, "综合业务", "政策法规文件", "政策文件", "《社会救助暂行办法》", "同上", "县民政局",
                  "■政府网站 ■铁力市网站", "？", "", "√", "", "县级、省级", "多出来的一格"])
    book.save(tmp_path / "目录.xlsx")
    code, out, err = run_import(tmp_path / "目录.xlsx", "-o", tmp_path / "ws", "--region", "360799")
    assert code == 1
    lines = err.splitlines()
    assert lines[:-1] == [
        "目录.xlsx!社会救助!F2：“同上”没有可依的上一行；请写出这一格的内容",
        "目录.xlsx!社会救助!I2：“？”不是勾选标记；全社会列请写 √ 或留空",
        "目录.xlsx!社会救助!M2：无法识别“省级”；公开层级请写 市级、县级、乡级、村级 中的一个或多个",
        "目录.xlsx!社会救助!N2：这一列没有表头，无法确定“多出来的一格”是哪个要素；请补上表头后重新导入",
    ]
    assert lines[-1].startswith("catalogc: 4 处内容无法归入目录")
    data = yaml.safe_load((tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8"))
    assert data["items"][0]["channels"] == ["政府网站", "其他：铁力市网站"]  # the template's own form for other channels
    assert data["items"][0]["level"] == ["县级"]


@pytest.mark.parametrize(("name", "content", "message"), [
    ("目录.txt", b"x", "目录.txt：不支持的文件类型"),
    ("不存在.xlsx", None, "不存在.xlsx：文件不存在"),
    ("目录.xlsx", b"PK\x03\x04 not a zip", "目录.xlsx：无法作为电子表格读取"),
    ("目录.docx", b"not a zip", "目录.docx：无法作为 Word 文档读取"),
    ("目录.html", "<html><body><table><tr><td>首页</td></tr></table></body></html>".encode(),
     "目录.html：没有找到国家标准目录格式的表格"),
])
def test_unusable_input_writes_nothing(tmp_path: Path, name: str, content: bytes | None, message: str) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    good = national_workbook(tmp_path / "好的.xlsx")
    code, out, err = run_import(good, tmp_path / name, "-o", tmp_path / "ws", "--region", "360799")
    assert code == 2
    assert err.startswith(f"catalogc: {message}"), err
    assert "Traceback" not in err and not (tmp_path / "ws").exists()


def test_channels_outside_the_template_are_written_in_the_form_check_asks_for(tmp_path: Path) -> None:
    """Real tables print provincial platforms (湖北省政务服务网) and near misses of an option
    (存公示栏 for 村公示栏): import writes what check would normalize them to, with the original text in
    a comment, instead of refusing the table."""
    book = Workbook()
    sheet = book.active
    sheet.title = "市政服务"
    sheet.append(["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
                  "全社会", "特定群体", "主动", "依申请", "县级", "乡级"])
    sheet.append([1, "城市供水", "供水信息", "停水通知", "《城市供水条例》", "20个工作日", "县住建局",
                  "湖北省政务服务网、社区/企事业单位/存公示栏(电子屏)、办事窗口", "√", "", "√", "", "√", ""])
    book.save(tmp_path / "目录.xlsx")
    code, _, err = run_import(tmp_path / "目录.xlsx", "-o", tmp_path / "ws", "--region", "360799")
    assert (code, err) == (0, "")
    (text,) = written(tmp_path / "ws").values()
    line = next(line for line in text.splitlines() if line.lstrip().startswith("channels:"))
    assert line == ("    channels: [其他：湖北省政务服务网, 社区/企事业单位/村公示栏（电子屏）, 政务服务中心]  # 推断："
                    "按别名“办事窗口”记为“政务服务中心”；“湖北省政务服务网”不是全国模板的选项，记为“其他：湖北省政务服务网”；"
                    "“社区/企事业单位/存公示栏(电子屏)”按近似写法记为“社区/企事业单位/村公示栏（电子屏）”，请核对")
    assert not check_codes(tmp_path / "ws") & {"C105"}


def test_domain_from_the_option_when_no_title_names_it(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开主体"])
    book.active.append([1, "低保", "办事指南", "条件", "《社会救助暂行办法》", "县民政局"])
    book.save(tmp_path / "a.xlsx")
    code, _, err = run_import(tmp_path / "a.xlsx", "-o", tmp_path / "ws", "--region", "360799")
    assert code == 2 and "请用 --domain 指定" in err
    code, _, err = run_import(tmp_path / "a.xlsx", "-o", tmp_path / "ws", "--region", "360799", "--domain", "社会救助及福利")
    assert code == 0, err
    assert "domain: 社会救助\n" in (tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8")


def test_variant_layout_one_header_row_unit_line_and_dotted_numbers(tmp_path: Path) -> None:
    """A province's variant: 填报单位 above the header, tick values as the only header row,
    1.1-style 序号, a section row merged across, the level written as a word in its tick column."""
    book = Workbook()
    sheet = book.active
    header = ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
              "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]
    sheet.append(["就业创业领域基层政务公开标准目录"])
    sheet.append(["填报单位：溪山县人力资源和社会保障局"])
    sheet.append(header)
    sheet.append(["一、就业信息服务"])
    sheet.merge_cells(start_row=4, start_column=1, end_row=4, end_column=len(header))
    for number, sub in (("1.1", "岗位信息发布"), ("1.2", "职业培训信息")):
        sheet.append([number, "就业信息服务", sub, "招聘单位、岗位要求", "《中华人民共和国就业促进法》",
                      "信息形成或者变更之日起20个工作日内", "县人社局", "政府网站", "√", "", "√", "", "县级", ""])
    book.save(tmp_path / "就业.xlsx")
    code, _, err = run_import(tmp_path / "就业.xlsx", "-o", tmp_path / "ws", "--region", "360799")
    assert code == 0, err
    path = tmp_path / "ws" / "catalogs" / "人力资源和社会保障局" / "就业.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert (data["domain"], data["department"]) == ("就业", "溪山县人力资源和社会保障局")
    assert [i["id"] for i in data["items"]] == ["JY-001-001", "JY-001-002"]
    assert all(i["level"] == ["县级"] and i["audience"] == ["全社会"] for i in data["items"])
    assert "部门取自表头“填报单位：溪山县人力资源和社会保障局”（就业.xlsx!Sheet!A2）" in text
    assert "# 原表说明 就业.xlsx!Sheet!第4行：一、就业信息服务" in text


def test_channel_tick_columns(tmp_path: Path) -> None:
    """Some tables give each channel its own column under 公开渠道和载体; 其他 holds the channel's name."""
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    sheet.append(["序号", "一级事项", "二级事项", "公开内容", "公开主体", "公开渠道和载体", None, None, None])
    sheet.append([None, None, None, None, None, "政府网站", "政务服务中心", "公示栏", "其他"])
    sheet.merge_cells("F1:I1")
    sheet.append([1, "最低生活保障", "办事指南", "办理条件", "县民政局", "√", "", "√", "基层公共服务平台"])
    book.save(tmp_path / "目录.xlsx")
    code, _, err = run_import(tmp_path / "目录.xlsx", "-o", tmp_path / "ws", "--region", "360799")
    assert (code, err) == (0, ""), err
    data = yaml.safe_load((tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8"))
    assert data["items"][0]["channels"] == ["政府网站", "社区/企事业单位/村公示栏（电子屏）", "其他：基层公共服务平台"]


def test_a_header_over_two_columns_is_one_element(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "社会救助"
    sheet.append(["序号", "一级事项", "二级事项", "公开内容", "公开依据", None, "公开主体"])
    sheet.merge_cells("E1:F1")
    sheet.append([1, "最低生活保障", "办事指南", "办理条件", "《社会救助暂行办法》", "国发〔2012〕45号", "县民政局"])
    sheet.append([2, "最低生活保障", "审批结果", "救助对象", "《社会救助暂行办法》", None, "县民政局"])
    sheet.merge_cells("E3:F3")
    book.save(tmp_path / "目录.xlsx")
    code, _, err = run_import(tmp_path / "目录.xlsx", "-o", tmp_path / "ws", "--region", "360799")
    assert (code, err) == (0, ""), err
    data = yaml.safe_load((tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8"))
    assert [item["basis"] for item in data["items"]] == [["《社会救助暂行办法》", "国发〔2012〕45号"], ["《社会救助暂行办法》"]]
    assert "extra" not in data["items"][0]


def test_template_rows_and_signatures_are_not_items(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "社会救助"
    book.active.append(["序号", "一级事项", "二级事项", "公开内容", "公开主体"])
    book.active.append([1, "最低生活保障", "办事指南", "办理条件", "县民政局"])
    book.active.append([2])  # numbered in advance, never filled
    book.active.append([3])
    book.active.append(["填表人：张三", None, None, "审核人：李四"])
    book.save(tmp_path / "目录.xlsx")
    code, _, err = run_import(tmp_path / "目录.xlsx", "-o", tmp_path / "ws", "--region", "360799")
    assert (code, err) == (0, "")
    text = (tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8")
    assert len(yaml.safe_load(text)["items"]) == 1
    assert "# 原表说明 目录.xlsx!社会救助!第5行：填表人：张三 审核人：李四" in text


def test_a_province_added_domain_needs_a_prefix(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["交通运输领域基层政务公开标准目录"])
    book.active.append(["序号", "一级事项", "二级事项", "公开内容", "公开主体"])
    book.active.append([1, "行政许可", "道路运输经营许可", "许可结果", "县交通运输局"])
    book.save(tmp_path / "交通.xlsx")
    args = [tmp_path / "交通.xlsx", "-o", tmp_path / "ws", "--region", "360799", "--domain", "交通运输"]
    code, _, err = run_import(*args)
    assert code == 2 and "请用 --prefix 指定" in err
    assert run_import(*args, "--prefix", "JTYS")[0] == 0
    data = yaml.safe_load((tmp_path / "ws" / "catalogs" / "交通运输局" / "交通运输.yaml").read_text(encoding="utf-8"))
    assert (data["domain"], data["items"][0]["id"]) == ("交通运输", "JTYS-001")


def test_existing_catalogs_are_not_overwritten_without_force(tmp_path: Path) -> None:
    source = national_workbook(tmp_path / "目录.xlsx")
    args = [source, "-o", tmp_path / "ws", "--region", "360799", "--department", "溪山县民政局"]
    assert run_import(*args)[0] == 0
    target = tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml"
    target.write_text("edited", encoding="utf-8")
    code, _, err = run_import(*args)
    assert code == 2 and "已存在；用 --force 覆盖" in err and target.read_text(encoding="utf-8") == "edited"
    assert run_import(*args, "--force")[0] == 0 and target.read_text(encoding="utf-8").startswith("# yaml-language")


def test_bad_options_are_usage_errors(tmp_path: Path) -> None:
    source = national_workbook(tmp_path / "目录.xlsx")
    code, _, err = run_import(source, "-o", tmp_path / "ws", "--region", "3607")
    assert code == 2 and "行政区划代码" in err
    code, _, err = run_import(source, "-o", source, "--region", "360799")
    assert code == 2 and "不是目录" in err
    code, _, err = run_import(source, "-o", tmp_path / "ws", "--region", "360799", "--prefix", "社会")
    assert code == 2 and "前缀" in err


def test_repeated_numbers_are_renumbered_with_a_note(tmp_path: Path) -> None:
    book = Workbook()
    book.active.title = "社会救助"
    book.active.append(["序号", "一级事项", "二级事项", "公开内容", "公开主体"])
    for number, name, sub in ((1, "最低生活保障", "办事指南"), (2, "最低生活保障", "审核信息"), (1, "特困人员", "办事指南")):
        book.active.append([number, name, sub, "内容", "县民政局"])
    book.save(tmp_path / "目录.xlsx")
    run_import(tmp_path / "目录.xlsx", "-o", tmp_path / "ws", "--region", "360799")
    text = (tmp_path / "ws" / "catalogs" / "民政局" / "社会救助.yaml").read_text(encoding="utf-8")
    ids = [item["id"] for item in yaml.safe_load(text)["items"]]
    assert ids == ["SHJZ-001", "SHJZ-002", "SHJZ-003"]
    assert "原表序号为“1”，本目录序号有重复或缺失，按行顺序编号" in text


# -- round trip: build's Excel export imports back to the same items ------------------------------

COMPARED = ("name", "sub", "content", "basis", "time_limit", "subject", "method", "channels", "audience",
            "audience_note", "level")


def _canonical_item(item: dict) -> dict:
    def listed(value: object) -> list:
        return [value] if isinstance(value, str) else list(value or [])

    def vocabulary(values: object, vocab: refdata.Vocabulary) -> list[str]:
        return list(dict.fromkeys(vocab.resolve(v)[0] or v for v in listed(values)))

    return {
        "name": item["name"], "sub": item.get("sub"), "content": listed(item["content"]),
        "basis": listed(item["basis"]), "time_limit": item["time_limit"], "subject": listed(item["subject"]),
        "method": vocabulary(item["method"], refdata.methods()),
        "channels": vocabulary(item["channels"], refdata.channels()),
        "audience": vocabulary(item["audience"], refdata.audiences()), "audience_note": item.get("audience_note"),
        "level": vocabulary(item["level"], refdata.levels()),
    }


def test_build_excel_export_round_trips(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(ROOT), "-o", str(tmp_path / "out"), "--no-site"])
    assert result.exit_code == 0, result.output
    sources: dict[tuple[str, str], list[dict]] = {}
    for path in sorted((ROOT / "catalogs").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        sources.setdefault((str(data["region"]), data["domain"]), []).extend(data.get("items") or [])
    workbooks = sorted((tmp_path / "out" / "xlsx").rglob("*.xlsx"))
    assert len(workbooks) == len([k for k, v in sources.items() if v])
    for workbook in workbooks:
        region, domain = workbook.parent.name, workbook.stem
        workspace = tmp_path / "ws" / region / domain
        code, _, err = run_import(workbook, "-o", workspace, "--region", region)
        assert (code, err) == (0, ""), (workbook, err)
        imported = [item for text in written(workspace).values() for item in yaml.safe_load(text)["items"]]
        expected = [_canonical_item(item) for item in sources[(region, domain)]]
        assert [_canonical_item(item) for item in imported] == expected, workbook
        assert not check_codes(workspace) & SOURCE_RULES


# -- properties of the cell parsers and the readers ------------------------------------------------

TEMPLATE = refdata.channels().canonical


@given(st.lists(st.booleans(), min_size=len(TEMPLATE), max_size=len(TEMPLATE)), st.sampled_from([" ", "\n", "  "]),
       st.sampled_from(["■", "☑", "√"]), st.sampled_from(["□", "口", "☐"]))
def test_checkbox_lists_give_exactly_the_ticked_channels(picks: list[bool], sep: str, on: str, off: str) -> None:
    text = sep.join(f"{on if pick else off}{name}" for pick, name in zip(picks, TEMPLATE, strict=True))
    ticked = [ch.canonical for ch in cells.channels(text) if ch.ticked]
    assert ticked == [name for pick, name in zip(picks, TEMPLATE, strict=True) if pick]


@given(st.lists(st.sampled_from(TEMPLATE[:-1]), min_size=1, max_size=6, unique=True),
       st.sampled_from(["numbered", "、", "\n", "，"]))
def test_plain_and_numbered_channel_lists(names: list[str], style: str) -> None:
    text = " ".join(f"{n}.{name}" for n, name in enumerate(names, 1)) if style == "numbered" else style.join(names)
    assert [ch.canonical for ch in cells.channels(text)] == names


_TITLE = st.text(alphabet="社会救助暂行办法条例政府信息公开", min_size=1, max_size=12)


@given(st.lists(st.tuples(_TITLE, st.sampled_from(["", "第九条", "（国务院令第649号）"])), min_size=1, max_size=5),
       st.sampled_from(["", "、", "\n", "；"]))
def test_citations_split_one_entry_per_document(documents: list[tuple[str, str]], sep: str) -> None:
    entries = [f"《{title}》{tail}" for title, tail in documents]
    assert cells.citations(sep.join(entries)) == entries


@given(st.sampled_from(["√", "✓", "■", "●", "是"]), st.sampled_from(["", "□", "口", "×", "否", " "]))
def test_tick_marks(on: str, off: str) -> None:
    assert cells.tick(on) == (True, "") and cells.tick(off)[0] is False
    if on == "是":  # a word ticks only alone
        assert cells.tick("是否公开")[0] is None
    else:
        assert cells.tick(f"{on}（申请人）") == (True, "申请人")


@st.composite
def merged_grids(draw: st.DrawFn) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """A table tiled by cells of random row and column spans."""
    height, width = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    merges = []
    for r in range(height):
        for c in range(width):
            if (r, c) in owner:
                continue
            w = draw(st.integers(1, width - c))
            while any((r, c + dc) in owner for dc in range(w)):  # a cell spanning down from above
                w -= 1
            h = draw(st.integers(1, height - r))
            while any((r + dr, c + dc) in owner for dr in range(h) for dc in range(w)):
                h -= 1
            for dr in range(h):
                for dc in range(w):
                    owner[(r + dr, c + dc)] = (r, c)
            if h > 1 or w > 1:
                merges.append((r, c, r + h - 1, c + w - 1))
    texts = [[address(*owner[(r, c)]) for c in range(width)] for r in range(height)]
    return texts, merges


def _html_of(texts: list[list[str]], merges: list[tuple[int, int, int, int]]) -> str:
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in merges}
    rows = []
    for r, row in enumerate(texts):
        cells_html = []
        for c, text in enumerate(row):
            if text != address(r, c):
                continue  # covered by a merged cell
            h, w = spans.get((r, c), (1, 1))
            cells_html.append(f'<td rowspan="{h}" colspan="{w}">{text}</td>')
        rows.append("<tr>" + "".join(cells_html) + "</tr>")
    return "<html><body><table>" + "".join(rows) + "</table></body></html>"


@settings(max_examples=60, deadline=None)
@given(merged_grids())
def test_html_spans_resolve_to_the_grid(tmp_path_factory: pytest.TempPathFactory,
                                        grid: tuple[list[list[str]], list[tuple[int, int, int, int]]]) -> None:
    texts, merges = grid
    path = tmp_path_factory.mktemp("html") / "t.html"
    path.write_text(_html_of(texts, merges), encoding="utf-8")
    (read,) = read_tables(path)
    assert read.texts == texts
    assert [[address(*o) for o in row] for row in read.origins] == texts


@settings(max_examples=25, deadline=None)
@given(merged_grids())
def test_spreadsheet_merges_resolve_to_the_grid(tmp_path_factory: pytest.TempPathFactory,
                                                grid: tuple[list[list[str]], list[tuple[int, int, int, int]]]) -> None:
    texts, merges = grid
    book = Workbook()
    for r, row in enumerate(texts):
        for c, text in enumerate(row):
            if text == address(r, c):
                book.active.cell(r + 1, c + 1, text)
    for r0, c0, r1, c1 in merges:
        book.active.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    path = tmp_path_factory.mktemp("xlsx") / "t.xlsx"
    book.save(path)
    (read,) = read_tables(path)
    assert read.texts == texts


FRAGMENTS = ["", "同上", "√", "□", "口", "■政府网站 □政府公报", "■其他", "1.", "《", "》", "乡、村级", "特定群体",
             "√（", "县民政局、", "0755", "yes", "- x", "#", "a: b", "[1]", "{", "\"", "1.1", "十二", "99999999999",
             "注：说明", "其他 基层公共服务平台", "\n", "办事窗口", "一级事项", "公开依据"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=len(NATIONAL_TOP), max_size=len(NATIONAL_TOP)),
                min_size=1, max_size=6))
def test_any_rows_map_to_a_catalog_the_schema_accepts(rows: list[list[str]]) -> None:
    """No table content makes the importer fail or write a catalog that does not load and validate."""
    texts = [NATIONAL_TOP, NATIONAL_SUB, *rows]
    origins = [[(r, c) for c in range(len(NATIONAL_TOP))] for r in range(len(texts))]
    grid = Grid("t.xlsx", "表1", texts, origins)
    recognised = layout(grid)
    assert recognised is not None
    catalogs = group([read_table(grid, recognised, Options("360799", domain="社会救助"))], Options("360799"))
    for catalog in catalogs:
        data = yaml.safe_load(render(catalog, assign_ids(catalog)))
        Catalog.model_validate(data)


@given(st.text(alphabet=st.sampled_from(list("■□口√ 、，；\n1.其他政府网站公示栏（）()《》第条号级乡村县主动全社会特定群体同上"))
               | st.characters(exclude_categories=("Cs",)), max_size=60))  # cells hold no lone surrogates (clean)
def test_cell_parsers_take_any_text(text: str) -> None:
    for channel in cells.channels(text):
        assert channel.written.strip()
    assert all(entry for entry in cells.citations(text))
    assert all(piece for piece in cells.split_top(text, "、，\n"))
    cells.vocabulary_values(text, refdata.levels(), "级")
    ticked, _ = cells.tick(text)
    assert ticked in (True, False, None)


@given(st.binary(max_size=300))
def test_any_bytes_decode_as_a_page(data: bytes) -> None:
    from catalogc.ingest.tables import decode_html

    assert isinstance(decode_html(b"<meta charset=gbk>" + data), str) and isinstance(decode_html(data), str)


@pytest.mark.parametrize(("title", "domain"), [
    ("社会救助领域基层政务公开标准目录", "社会救助"),
    ("溪山县社会救助及福利领域基层政务公开标准目录", "社会救助"),
    ("安全生产和救灾领域基层政务公开标准目录", "安全生产"),
    ("附件5：公共文化服务领域基层政务公开标准目录", "公共文化服务"),
    ("就业创业领域基层政务公开标准目录（试行）", "就业"),
])
def test_domain_from_a_title(title: str, domain: str) -> None:
    assert find_domain(title, loose=False) == domain


def test_a_title_naming_its_domain_wins_over_a_unit_line_nearer_the_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("社会救助领域基层政务公开标准目录")
    document.add_paragraph("填报单位：溪山县教育体育局")  # 教育 is an alias of 义务教育: only a loose match
    table = document.add_table(rows=2, cols=4)
    for c, (head, value) in enumerate(zip(["序号", "一级事项", "二级事项", "公开内容"], ["1", "低保", "办事指南", "条件"],
                                          strict=True)):
        table.cell(0, c).text, table.cell(1, c).text = head, value
    document.save(tmp_path / "目录.docx")
    code, _, err = run_import(tmp_path / "目录.docx", "-o", tmp_path / "ws", "--region", "360799")
    assert code == 0, err
    assert (tmp_path / "ws" / "catalogs" / "教育体育局" / "社会救助.yaml").is_file()


def test_a_prepended_first_level_column_is_kept_as_extra() -> None:
    header = ["序号", "一级目录", "一级事项", "二级事项", "公开内容", "公开依据"]
    row = ["1", "社会救助", "最低生活保障", "办事指南", "办理条件", "《社会救助暂行办法》"]
    grid = Grid("t.xlsx", "表1", [header, row], [[(r, c) for c in range(6)] for r in range(2)])
    roles = [(c.role, c.label) for c in layout(grid).columns]
    assert roles[1:4] == [("extra", "一级目录"), ("name", "一级事项"), ("sub", "二级事项")]


@pytest.mark.parametrize(("text", "expected"), [
    ("市、区两级人民政府民政部门、街镇人民政府(街道办事处)", ["市、区两级人民政府民政部门", "街镇人民政府(街道办事处)"]),
    ("县、乡两级人民政府", ["县、乡两级人民政府"]),
    ("县民政局、乡镇人民政府", ["县民政局", "乡镇人民政府"]),
    ("县(市、区)民政局；各乡镇", ["县(市、区)民政局", "各乡镇"]),
    ("县文广新旅局,相关公共文化服务机构", ["县文广新旅局", "相关公共文化服务机构"]),
])
def test_subjects_split_between_bodies_not_inside_one(text: str, expected: list[str]) -> None:
    assert cells.subjects(text) == expected


def test_channels_on_separate_lines_stay_separate() -> None:
    text = "政府网站\n其他：投资项目在线审批监管平台\n其他：省网上办事大厅"
    assert [ch.canonical for ch in cells.channels(text)] == [
        "政府网站", "其他：投资项目在线审批监管平台", "其他：省网上办事大厅"]


def test_a_number_without_its_dot_before_a_title_is_numbering() -> None:
    assert cells.citations("1. 《中华人民共和国政府信息公开条例》\n2《中华人民共和国就业促进法》") == [
        "《中华人民共和国政府信息公开条例》", "《中华人民共和国就业促进法》"]


def test_a_line_break_ends_a_channel_even_after_other() -> None:
    text = "政府网站\n其他：投资项目在线审批监管平台\n省网上办事大厅"
    assert [ch.written for ch in cells.channels(text)] == [
        "政府网站", "其他：投资项目在线审批监管平台", "省网上办事大厅"]
