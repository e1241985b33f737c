"""The national Excel tables: every layout fact read back with openpyxl, merges, text kept as text, bytes."""

from __future__ import annotations

import errno
import gc
import io
import itertools
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from catalogc.check.prepare import load_settings
from catalogc.load.workspace import discover
from catalogc.model.bundle import Item, RegionDomain
from catalogc.publish.build import build
from catalogc.publish.changes import ChangeRow
from catalogc.publish.xlsx import CELL_LIMIT, CHANGE_HEADER, CHANGE_SHEET, CUT_NOTE, fit, write_workbook
from tests.paths import ROOT

WIDTHS = dict(zip("ABCDEFGHIJKL", (6, 14, 16, 36, 30, 22, 18, 20, 7, 10, 6, 7), strict=True))
HEADER_MERGES = {"A1:A2", "B1:C1", "D1:D2", "E1:E2", "F1:F2", "G1:G2", "H1:H2", "I1:J1", "K1:L1"}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("xlsx") / "out"
    build(discover(ROOT), load_settings(ROOT), target, jobs=1, site=False, sqlite=False)
    return target


def _groups(out: Path) -> list[RegionDomain]:
    return [RegionDomain.model_validate_json(p.read_bytes()) for p in sorted((out / "catalogs").rglob("*.json"))]


def _name_runs(items: list[Item]) -> set[str]:
    """B3:B5 for every run of two or more consecutive items under one 一级事项."""
    runs, row = set(), 3
    for _, run in itertools.groupby(items, key=lambda item: item.name):
        count = len(list(run))
        if count > 1:
            runs.add(f"B{row}:B{row + count - 1}")
        row += count
    return runs


def _box(cell) -> bool:
    border = getattr(cell, "border", None)  # a cell the file leaves out has none
    return border is not None and all(getattr(border, side).style == "thin" for side in ("left", "right", "top", "bottom"))


def test_every_table_has_the_national_layout(out: Path) -> None:
    groups = _groups(out)
    assert len(groups) > 20
    for group in groups:
        book = load_workbook(out / "xlsx" / group.region / f"{group.domain}.xlsx")
        assert book.sheetnames == [group.domain]
        sheet = book.active
        last_column = sheet.max_column
        levels = [sheet.cell(2, c).value for c in range(13, last_column + 1)]
        assert "县级" in levels and "乡级" in levels
        assert sheet.max_row == 2 + len(group.items)
        assert [sheet.cell(1, c).value for c in (1, 2, 4, 5, 6, 7, 8, 9, 11, 13)] == [
            "序号", "公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开方式", "公开层级"]
        assert [sheet.cell(2, c).value for c in range(2, 13)] == [
            "一级事项", "二级事项", None, None, None, None, None, "全社会", "特定群体", "主动", "依申请"]
        level_merge = f"M1:{get_column_letter(last_column)}1"
        assert {str(r) for r in sheet.merged_cells.ranges} == HEADER_MERGES | {level_merge} | _name_runs(group.items)
        starts = {r.min_row for r in sheet.merged_cells.ranges if r.min_col == 2 and r.min_row > 2}
        for row, item in enumerate(group.items, start=3):
            previous = group.items[row - 4] if row > 3 else None
            assert sheet.cell(row, 1).value == row - 2
            # a run shows its 一级事项 once, in its first (merged) cell
            shown = previous is None or previous.name != item.name or row in starts
            assert sheet.cell(row, 2).value == (item.name if shown else None)
            assert sheet.cell(row, 3).value == (item.sub or None)
            assert sheet.cell(row, 4).value == ("\n".join(item.content) or None)
            assert sheet.cell(row, 6).value == item.time_limit.text
            assert sheet.cell(row, 9).value == ("√" if "全社会" in item.audience else None)
        # read-only mode gives each cell of a merged range the style the file stores for it
        for row in load_workbook(out / "xlsx" / group.region / f"{group.domain}.xlsx", read_only=True).active.iter_rows(
                min_row=1, max_row=sheet.max_row, max_col=last_column):
            for cell in row:
                assert _box(cell), cell.coordinate
                assert cell.font.b == (cell.row <= 2), cell.coordinate
                centred = cell.row <= 2 or cell.column in (1, 2, 3) or cell.column >= 9
                assert (cell.alignment.horizontal, cell.alignment.vertical, cell.alignment.wrap_text) == \
                    ("center" if centred else None, "center", True), cell.coordinate
        assert {k: d.width for k, d in sheet.column_dimensions.items() if d.customWidth} == WIDTHS
        assert sheet.freeze_panes == "B3"


def _item(out: Path) -> Item:
    return _groups(out)[0].items[0]


@settings(max_examples=25, deadline=None)
@given(names=st.lists(st.sampled_from(["甲", "乙", "丙"]), max_size=12))
def test_every_run_of_a_first_level_item_is_merged(out: Path, names: list[str]) -> None:
    template = _item(out)
    items = [template.model_copy(update={"name": name}) for name in names]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        write_workbook(path, items, "社会救助")
        sheet = load_workbook(path).active
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert merged - HEADER_MERGES - {"M1:N1"} == _name_runs(items)
    assert [sheet.cell(r.min_row, 2).value for r in sheet.merged_cells.ranges if r.min_row > 2] == \
        [items[r.min_row - 3].name for r in sheet.merged_cells.ranges if r.min_row > 2]


def test_catalog_text_stays_text(out: Path, tmp_path: Path) -> None:
    """What looks like a formula, a number or a link is written as the catalog's text."""
    template = _item(out)
    texts = ["=HYPERLINK(\"http://x.invalid\",\"点击\")", "007", "http://x.invalid/a", "1e5"]
    items = [template.model_copy(update={"name": text, "sub": text}) for text in texts]
    write_workbook(tmp_path / "t.xlsx", items, "社会救助")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert [(sheet.cell(r, 3).value, sheet.cell(r, 3).data_type) for r in range(3, 7)] == [(t, "s") for t in texts]
    assert not sheet._hyperlinks
    with zipfile.ZipFile(tmp_path / "t.xlsx") as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_a_text_longer_than_a_cell_holds_is_cut_and_says_so(out: Path, tmp_path: Path) -> None:
    """Excel keeps 32,767 UTF-16 units per cell; the cut is marked, never silent, and never splits a pair."""
    template = _item(out)
    wide = "𠀀" * 20000  # outside the BMP: two UTF-16 units each, 40,000 in all
    long = "政" * (CELL_LIMIT + 10)
    exact = "政" * CELL_LIMIT
    items = [template.model_copy(update={"content": [long], "name": wide, "sub": exact})]
    write_workbook(tmp_path / "t.xlsx", items, "社会救助")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    content, name, sub = sheet.cell(3, 4).value, sheet.cell(3, 2).value, sheet.cell(3, 3).value
    assert content == "政" * (CELL_LIMIT - len(CUT_NOTE)) + CUT_NOTE and len(content) == CELL_LIMIT
    assert name.endswith(CUT_NOTE) and set(name.removesuffix(CUT_NOTE)) == {"𠀀"}
    assert len(name.encode("utf-16-le")) <= 2 * CELL_LIMIT
    assert sub == exact  # exactly at the limit: kept whole
    assert fit("短") == "短"


def test_the_change_sheet(out: Path, tmp_path: Path) -> None:
    template = _item(out)
    rows = [ChangeRow("360799", "社会救助", "a", "最低生活保障 / 审批结果", "变更", "公开时限：20 → 10 个工作日", "", "2025-03-01", True),
            ChangeRow("360799", "社会救助", "b", "医疗救助", "取消", "取消", "职责划转", "", False)]
    write_workbook(tmp_path / "t.xlsx", [template], "社会救助", rows)
    sheet = load_workbook(tmp_path / "t.xlsx")[CHANGE_SHEET]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        list(CHANGE_HEADER),
        [1, "最低生活保障 / 审批结果", "变更", "公开时限：20 → 10 个工作日", None, "2025-03-01"],
        [2, "医疗救助", "取消", "取消", "职责划转", None],
    ]
    for row in load_workbook(tmp_path / "t.xlsx", read_only=True)[CHANGE_SHEET].iter_rows():
        for cell in row:
            assert _box(cell) and cell.font.b == (cell.row == 1), cell.coordinate
            centred = cell.row == 1 or cell.column in (1, 3, 6)
            assert cell.alignment.horizontal == ("center" if centred else None), cell.coordinate
    assert {k: d.width for k, d in sheet.column_dimensions.items() if d.customWidth} == \
        dict(zip("ABCDEF", (6, 24, 10, 40, 30, 12), strict=True))
    assert sheet.freeze_panes == "A2"
    write_workbook(tmp_path / "none.xlsx", [template], "社会救助", [])
    assert [[c.value for c in row] for row in load_workbook(tmp_path / "none.xlsx")[CHANGE_SHEET].iter_rows()] == \
        [list(CHANGE_HEADER)]


def test_the_bytes_are_fixed(out: Path, tmp_path: Path) -> None:
    """No clock in the file: fixed zip timestamps and document dates, so two writes are the same bytes."""
    group = _groups(out)[0]
    write_workbook(tmp_path / "a.xlsx", group.items, group.domain)
    write_workbook(tmp_path / "b.xlsx", group.items, group.domain)
    data = (tmp_path / "a.xlsx").read_bytes()
    assert data == (tmp_path / "b.xlsx").read_bytes() == (out / "xlsx" / group.region / f"{group.domain}.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2000-01-01T00:00:00Z") == 2 and "<dc:creator>catalogc</dc:creator>" in core


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_is_an_oserror_and_nothing_else(out: Path, capfd) -> None:
    """The build reports an OSError as a failed write; no zip is left half-closed to complain later."""
    with pytest.raises(OSError) as caught:
        write_workbook(Path("/dev/full"), [_item(out)], "社会救助")
    assert caught.value.errno == errno.ENOSPC
    gc.collect()
    assert capfd.readouterr().err == ""
