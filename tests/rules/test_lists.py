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


def test_gbk_list_is_an_encoding_error(tmp_path) -> None:
    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE, "lists/powers/a.csv": (POWERS + P1).encode("gbk")})
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
    """A GBK list is C003 like a GBK catalog: selecting the loading codes is enough to see it."""
    from catalogc.load.config import Settings

    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE, "lists/powers/a.csv": (POWERS + P1).encode("gbk")})
    assert [(d.file, d.code) for d in run_check(root, Settings(select=("C0",))).diagnostics] == [
        ("lists/powers/a.csv", "C003")]
    assert run_check(root, Settings(ignore=("C003",))).diagnostics == []


def test_list_row_findings_follow_the_selection(tmp_path) -> None:
    from catalogc.load.config import Settings

    powers = POWERS + P1 + ",无编码,行政给付,溪山县民政局,,社会救助\n"
    root = write_workspace(tmp_path, {"catalogs/a.yaml": WITH_REFS, "lists/powers/a.csv": powers,
                                      "lists/services/a.csv": SERVICES + S1})
    assert [d.code for d in run_check(root, Settings(select=("C306",))).diagnostics] == ["C306"]
    assert run_check(root, Settings(select=("C1",))).diagnostics == []
