"""The catalog as the national Excel table: two header rows, merged 一级事项 cells, √ columns.

One workbook per region and domain, as reviewers and superiors still ask for. Written with
XlsxWriter, which only writes and so skips openpyxl's cell objects. Its in-memory mode stamps
every zip member 1980-01-01 and the document properties carry a fixed date, so builds are
byte-identical as they come out. Its constant-memory mode would save little here (one table is
one region's domain, tens to a few thousand rows) and cannot add the merge of a 一级事项 run
once the run's first row is flushed.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from catalogc.model.bundle import Item, RegionDomain
from catalogc.publish.changes import ChangeLog, ChangeRow
from catalogc.publish.layout import SPECIAL, level_columns, ticks

FIXED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# Catalog text is written as text: never read as a formula, a number or a link.
_OPTIONS = {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
_WIDTHS = (6, 14, 16, 36, 30, 22, 18, 20, 7, 10, 6, 7)  # columns A–L, in Excel's character units
_CHANGE_WIDTHS = (6, 24, 10, 40, 30, 12)
_DIGIT = 7  # pixels of a digit in the default font: a width of w characters is 7w pixels
CELL_LIMIT = 32767  # Excel's cap on a cell's text, in UTF-16 code units
_SAFE = CELL_LIMIT // 2  # a text of at most this many characters fits, whatever they are
CUT_NOTE = "……（超出 Excel 单元格 32767 字的上限，全文见发布包的 JSON 和网站）"


class _Styles:
    """The three cell formats of a table, all boxed in thin lines."""

    def __init__(self, book: Workbook) -> None:
        box = {"border": 1, "valign": "vcenter", "text_wrap": True}
        self.wrap = book.add_format(box)
        self.center = book.add_format({**box, "align": "center"})
        self.head = book.add_format({**box, "align": "center", "bold": True})


def _ticks(item: Item, levels: list[str]) -> list[str]:
    """The √ cells' texts in table order (``layout.ticks``), the 特定群体 one with the audience note."""
    texts = ["√" if on else "" for on in ticks(item, levels)]
    if item.audience_note and texts[SPECIAL]:
        texts[SPECIAL] = f"√（{item.audience_note}）"
    return texts


def fit(text: str) -> str:
    """Text an Excel cell can hold. XlsxWriter would cut a longer text silently; here the cut says so."""
    if len(text) <= _SAFE or len(text.encode("utf-16-le")) <= 2 * CELL_LIMIT:
        return text
    room = 2 * (CELL_LIMIT - len(CUT_NOTE))
    kept = text.encode("utf-16-le")[:room].decode("utf-16-le", "ignore")  # never half a surrogate pair
    return kept + CUT_NOTE


def _cell(sheet: Worksheet, row: int, column: int, text: str, style: Format) -> None:
    if text:
        text = text if len(text) <= _SAFE else fit(text)
        sheet.write_string(row, column, text, style)
    else:
        sheet.write_blank(row, column, None, style)


def _widths(sheet: Worksheet, widths: tuple[int, ...]) -> None:
    for column, width in enumerate(widths):
        sheet.set_column_pixels(column, column, width * _DIGIT)


def _runs(items: list[Item]) -> list[tuple[int, int]]:
    """(first, last) indexes of each run of two or more consecutive items under one 一级事项."""
    runs, start = [], 0
    for index in range(1, len(items) + 1):
        if index == len(items) or items[index].name != items[start].name:
            if index - 1 > start:
                runs.append((start, index - 1))
            start = index
    return runs


def _national(book: Workbook, styles: _Styles, items: list[Item], title: str) -> None:
    sheet = book.add_worksheet(title[:31])
    levels = level_columns(items)
    top = ["序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
           "公开对象", "", "公开方式", "", "公开层级"] + [""] * (len(levels) - 1)
    second = ["", "一级事项", "二级事项", "", "", "", "", "", "全社会", "特定群体", "主动", "依申请", *levels]
    for row, texts in enumerate((top, second)):
        for column, text in enumerate(texts):
            _cell(sheet, row, column, text, styles.head)
    for column in (0, 3, 4, 5, 6, 7):
        sheet.merge_range(0, column, 1, column, top[column], styles.head)
    for start, span in ((1, 2), (8, 2), (10, 2), (12, len(levels))):
        sheet.merge_range(0, start, 0, start + span - 1, top[start], styles.head)
    # A, B, C and the √ columns are centred; the text columns D–H wrap from the left.
    center, wrap = styles.center, styles.wrap
    # Bound once: a table is tens of thousands of cells. The undecorated methods behind write_string,
    # write_blank and write_number (XlsxWriter's own, called by them with the same arguments), without
    # the wrapper that looks for A1 notation on every call: a tenth of the cells' time, the same cells;
    # the public ones where a release of XlsxWriter names them otherwise.
    string = getattr(sheet, "_write_string", sheet.write_string)
    blank = getattr(sheet, "_write_blank", sheet.write_blank)
    number = getattr(sheet, "_write_number", sheet.write_number)
    for row, item in enumerate(items, start=2):
        number(row, 0, row - 1, center)
        for column, text, style in ((1, item.name, center), (2, item.sub or "", center),
                                    (3, "\n".join(item.content), wrap), (4, "\n".join(b.text for b in item.basis), wrap),
                                    (5, item.time_limit.text, wrap), (6, "、".join(item.subject), wrap),
                                    (7, "\n".join(item.channels), wrap)):
            if text:
                string(row, column, text if len(text) <= _SAFE else fit(text), style)
            else:
                blank(row, column, None, style)
        for column, tick in enumerate(_ticks(item, levels), start=8):
            if tick:
                string(row, column, tick, center)
            else:
                blank(row, column, None, center)
    for first, last in _runs(items):
        sheet.merge_range(first + 2, 1, last + 2, 1, items[first].name, center)
    _widths(sheet, _WIDTHS)
    sheet.freeze_panes(2, 1)


CHANGE_SHEET = "调整情况"
CHANGE_HEADER = ("序号", "事项名称", "调整类型", "调整内容", "调整原因", "调整时间")


def _change_sheet(book: Workbook, styles: _Styles, rows: list[ChangeRow]) -> None:
    """The national layout's 调整情况 sheet: one row per added, removed or changed item."""
    sheet = book.add_worksheet(CHANGE_SHEET)
    for column, text in enumerate(CHANGE_HEADER):
        sheet.write_string(0, column, text, styles.head)
    center, wrap = styles.center, styles.wrap
    for number, change in enumerate(rows, start=1):
        sheet.write_number(number, 0, number, center)
        for column, text, style in ((1, change.name, wrap), (2, change.kind, center), (3, change.detail, wrap),
                                    (4, change.reason, wrap), (5, change.date, center)):
            _cell(sheet, number, column, text, style)
    _widths(sheet, _CHANGE_WIDTHS)
    sheet.freeze_panes(1, 0)


def write_workbook(path: Path, items: list[Item], title: str, changes: list[ChangeRow] | None = None) -> None:
    """One table at ``path``; with ``changes``, followed by the 调整情况 sheet."""
    buffer = io.BytesIO()  # a failed write is then one OSError from write_bytes, not a half-closed zip
    book = Workbook(buffer, _OPTIONS)
    book.set_properties({"author": "catalogc", "created": FIXED})
    styles = _Styles(book)
    _national(book, styles, items, title)
    if changes is not None:
        _change_sheet(book, styles, changes)
    book.close()
    path.write_bytes(buffer.getvalue())


def write_tables(groups: list[RegionDomain], root: Path, changes: ChangeLog | None = None) -> None:
    """One workbook per group; with ``changes``, each has the 调整情况 sheet (empty when nothing changed)."""
    grouped = changes.by_group() if changes is not None else {}
    for group in groups:
        path = root / group.region / f"{group.domain}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = grouped.get((group.region, group.domain), []) if changes is not None else None
        write_workbook(path, group.items, group.domain, rows)
