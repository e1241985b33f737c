"""C301–C306: catalogs against the power and service lists, located at the item or the list row."""

from __future__ import annotations

from tests.conftest import run_check, write_workspace
from tests.rules import BASE, edit

POWERS = "编码,事项名称,权力类型,实施主体,设定依据,领域\n"
SERVICES = "编码,事项名称,实施主体,服务类型,领域\n"
P1 = "360799-GF-0001,临时救助金给付,行政给付,溪山县民政局,《社会救助暂行办法》,社会救助\n"
S1 = "11360799MB0001011T-0001,最低生活保障申请,溪山县民政局,公共服务,社会救助\n"
WITH_REFS = edit("    level: [县级]\n", '    level: [县级]\n    powers: ["360799-GF-0001"]\n    services: ["11360799MB0001011T-0001"]\n')


def located(tmp_path, catalog: str, powers: str = POWERS + P1, services: str = SERVICES + S1):
    root = write_workspace(tmp_path, {
        "catalogs/a.yaml": catalog, "lists/powers/a.csv": powers, "lists/services/a.csv": services,
    })
    return [(d.file, d.line, d.column, d.code) for d in run_check(root).diagnostics]


def test_covered_lists_are_clean(tmp_path) -> None:
    assert located(tmp_path, WITH_REFS) == []


def test_uncovered_entries_point_at_their_rows(tmp_path) -> None:
    assert located(tmp_path, BASE) == [("lists/powers/a.csv", 2, 1, "C301"), ("lists/services/a.csv", 2, 1, "C305")]


def test_unknown_codes_point_at_the_item(tmp_path) -> None:
    catalog = WITH_REFS.replace("360799-GF-0001", "360799-GF-0099").replace("T-0001", "T-0099")
    assert located(tmp_path, catalog) == [
        ("catalogs/a.yaml", 16, 14, "C302"), ("catalogs/a.yaml", 17, 16, "C304"),
        ("lists/powers/a.csv", 2, 1, "C301"), ("lists/services/a.csv", 2, 1, "C305"),
    ]


def test_subject_must_include_the_implementing_department(tmp_path) -> None:
    powers = POWERS + P1.replace("溪山县民政局", "溪山县财政局")
    assert located(tmp_path, WITH_REFS, powers) == [("catalogs/a.yaml", 16, 14, "C303")]


def test_malformed_rows(tmp_path) -> None:
    powers = POWERS + P1 + ",无编码,行政给付,溪山县民政局,,社会救助\n" + P1 + "360799-QT-0002,核查,行政服务,溪山县民政局,,社会救助\n"
    assert located(tmp_path, WITH_REFS, powers) == [
        ("lists/powers/a.csv", 3, 1, "C306"), ("lists/powers/a.csv", 4, 1, "C306"), ("lists/powers/a.csv", 5, 1, "C306"),
    ]


def test_missing_header_columns(tmp_path) -> None:
    assert located(tmp_path, BASE, "编码,名称\n1,2\n", SERVICES) == [("lists/powers/a.csv", 1, 1, "C306")]


def test_quoted_multiline_cells_keep_row_lines(tmp_path) -> None:
    powers = POWERS + '360799-GF-0009,"多行\n名称",行政给付,溪山县民政局,,社会救助\n' + "360799-QT-0002,核查,行政服务,溪山县民政局,,社会救助\n"
    found = located(tmp_path, WITH_REFS, POWERS + P1 + powers.removeprefix(POWERS))
    assert ("lists/powers/a.csv", 5, 1, "C306") in found and ("lists/powers/a.csv", 3, 1, "C301") in found


def test_gbk_list_saved_by_excel_is_read_with_an_info(tmp_path) -> None:
    root = write_workspace(tmp_path, {"catalogs/a.yaml": WITH_REFS, "lists/powers/a.csv": (POWERS + P1).encode("gbk"),
                                      "lists/services/a.csv": SERVICES + S1})
    found = [(d.file, d.line, d.column, d.code, d.severity.value) for d in run_check(root).diagnostics]
    assert found == [("lists/powers/a.csv", 1, 1, "C306", "info")]  # read: the item's link resolves (no C302)


def test_a_list_that_is_no_text_is_an_encoding_error(tmp_path) -> None:
    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE, "lists/powers/a.csv": bytes(range(256)) * 4})
    assert [(d.file, d.code) for d in run_check(root).diagnostics] == [("lists/powers/a.csv", "C003")]


def test_xlsx_lists_are_read(tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (POWERS + P1).strip().split("\n"):
        sheet.append(row.split(","))
    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE})
    (root / "lists" / "powers").mkdir(parents=True)
    book.save(root / "lists" / "powers" / "a.xlsx")
    assert [(d.file, d.line, d.code) for d in run_check(root).diagnostics] == [("lists/powers/a.xlsx", 2, "C301")]


def test_list_findings_come_from_loading_not_from_the_list_rules(tmp_path) -> None:
    """A list that is no text is C003 like a catalog: selecting the loading codes is enough to see it."""
    from catalogc.load.config import Settings

    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE, "lists/powers/a.csv": bytes(range(256)) * 4})
    assert [(d.file, d.code) for d in run_check(root, Settings(select=("C0",))).diagnostics] == [
        ("lists/powers/a.csv", "C003")]
    assert run_check(root, Settings(ignore=("C003",))).diagnostics == []


def test_list_row_is_a_loader_row() -> None:
    from catalogc.rules import BY_CODE

    assert BY_CODE["C306"].scope == "loader" and BY_CODE["C306"].check is None


def test_list_row_findings_follow_the_selection(tmp_path) -> None:
    from catalogc.load.config import Settings

    powers = POWERS + P1 + ",无编码,行政给付,溪山县民政局,,社会救助\n"
    root = write_workspace(tmp_path, {"catalogs/a.yaml": WITH_REFS, "lists/powers/a.csv": powers,
                                      "lists/services/a.csv": SERVICES + S1})
    assert [d.code for d in run_check(root, Settings(select=("C306",))).diagnostics] == ["C306"]
    assert run_check(root, Settings(select=("C1",))).diagnostics == []


def _read(tmp_path, text: str, name: str = "a.csv"):
    from catalogc.load.lists import read_list

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_list(path, name, "power")


def test_the_real_export_lacks_only_its_code_column() -> None:
    """贵定县云雾镇's export: a title row, 权利类型/权力名称/承办机构 headers, a merged second header row."""
    from catalogc.load.lists import read_list
    from tests.paths import ROOT

    path = ROOT / "tests/corpora/real/gz-guiding-yunwu-qzqd/lists/powers/云雾镇权力清单.csv"
    entries, found = read_list(path, "a.csv", "power")
    assert [(f.line, f.column, f.code, f.variant, dict(f.args)) for f in found] == [
        (2, 1, "C306", "no-header", {"columns": "编码"})]


EXPORT = ("贵定县云雾镇人民政府权力清单和责任清单目录,,,,,\n"
          "序号,权力编码,权利类型,权力名称,承办机构,权力依据\n"
          ",,,,,\n"
          "1,360799-XK-0001,行政许可(国办),大中专院校毕业在就创业地落户,溪山县公安局,《中华人民共和国户口登记条例》第三条\n")


def test_export_headers_below_a_title_row_are_read(tmp_path) -> None:
    entries, found = _read(tmp_path, EXPORT)
    assert found == []
    assert [(e.line, e.code, e.type, e.name, e.subject, e.basis) for e in entries] == [
        (4, "360799-XK-0001", "行政许可", "大中专院校毕业在就创业地落户", "溪山县公安局", "《中华人民共和国户口登记条例》第三条")]


def test_provincial_column_names_are_read(tmp_path) -> None:
    text = ("事项编码,权力事项名称,子项,职权类型,实施机关,法律依据\n"
            "360799-CF-0001,对违反户口登记管理的处罚,申报不实,行政处罚,溪山县公安局,《中华人民共和国治安管理处罚法》\n"
            "360799-CF-0001,对违反户口登记管理的处罚,伪造户口证件,行政处罚,溪山县公安局,《中华人民共和国治安管理处罚法》\n"
            "360799-QR-0001,户口登记,,权力类别,溪山县公安局,\n")
    entries, found = _read(tmp_path, text)
    assert [(e.line, e.sub, e.type) for e in entries] == [(2, "申报不实", "行政处罚"), (3, "伪造户口证件", "行政处罚")]
    assert [(f.line, f.code, f.variant) for f in found] == [(4, "C306", "type")]  # 权力类别 is a header, not a type


def test_sub_items_share_their_entry_code_and_repeats_still_count(tmp_path) -> None:
    head = "权力编码,权力名称,子项,权力类型,实施主体\n"
    row = "360799-CF-0001,对违反户口登记管理的处罚,{},行政处罚,溪山县公安局\n"
    powers = head + row.format("申报不实") + row.format("伪造户口证件") + row.format("申报不实")
    assert located(tmp_path, BASE, powers, SERVICES) == [("lists/powers/a.csv", 2, 1, "C301"),
                                                         ("lists/powers/a.csv", 4, 1, "C306")]


def test_a_gbk_export_with_a_title_row(tmp_path) -> None:
    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE, "lists/powers/a.csv": EXPORT.encode("gb18030")})
    assert [(d.file, d.line, d.code, d.severity.value) for d in run_check(root).diagnostics] == [
        ("lists/powers/a.csv", 1, "C306", "info"), ("lists/powers/a.csv", 4, "C301", "warning")]


def test_a_header_row_without_the_code_column_names_only_that(tmp_path) -> None:
    entries, found = _read(tmp_path, "权力名称,权力类型,承办机构\n户口登记,行政确认,溪山县公安局\n")
    assert entries == [] and [(f.line, f.variant, f.args["columns"]) for f in found] == [(1, "no-header", "编码")]


def test_a_workspace_of_lists_alone_is_checked_for_its_lists(tmp_path) -> None:
    """A town's folder with its 权责清单 and no catalog yet: other YAML files there are no catalogs."""
    import json

    from click.testing import CliRunner

    from catalogc.cli import main

    root = write_workspace(tmp_path, {"lists/powers/a.csv": "权力名称,权力类型,承办机构\n户口登记,行政确认,溪山县公安局\n",
                                      "source.yaml": "title: 贵定县云雾镇权力清单\n"})
    result = CliRunner().invoke(main, ["check", str(root), "--format", "json"])
    assert result.exit_code == 1, result.output
    assert [(d["file"], d["line"], d["code"]) for d in json.loads(result.output)] == [("lists/powers/a.csv", 1, "C306")]


def test_any_bytes_give_findings_not_a_traceback(tmp_path) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from catalogc.load.lists import read_list

    path = tmp_path / "a.csv"
    cells = st.sampled_from(["编码", "权力编码", "权利类型", "权力名称", "承办机构", "子项", "行政许可(国办)", "", ",", "\n", '"', "\x00"])

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.one_of(st.binary(max_size=300), st.lists(cells, max_size=40).map(lambda c: "".join(c).encode("gb18030"))))
    def run(data: bytes) -> None:
        path.write_bytes(data)
        entries, found = read_list(path, "a.csv", "power")
        assert {f.code for f in found} <= {"C003", "C306"}

    run()
