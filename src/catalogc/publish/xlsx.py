"""The catalog as the national Excel table: two header rows, merged 一级事项 cells, √ columns.

One workbook per region and domain, as reviewers and superiors still ask for. The zip
container is rewritten with fixed timestamps so that builds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from catalogc.model.bundle import Item, RegionDomain
from catalogc.publish.changes import ChangeLog, ChangeRow
from catalogc.publish.layout import Tick, level_columns, ticks

FIXED = dt.datetime(2000, 1, 1)
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _join(values: list[str], sep: str = "\n") -> str:
    return sep.join(values)


def _tick(tick: Tick) -> str:
    return f"√（{tick.note}）" if tick.note else "√" if tick.on else ""


def table(items: list[Item], title: str) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    levels = level_columns(items)
    top = ["序号", "公开事项", "", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体",
           "公开对象", "", "公开方式", "", "公开层级"] + [""] * (len(levels) - 1)
    second = ["", "一级事项", "二级事项", "", "", "", "", "", "全社会", "特定群体", "主动", "依申请", *levels]
    sheet.append(top)
    sheet.append(second)
    for column in (1, 4, 5, 6, 7, 8):
        sheet.merge_cells(start_row=1, start_column=column, end_row=2, end_column=column)
    for start, width in ((2, 2), (9, 2), (11, 2), (13, len(levels))):
        sheet.merge_cells(start_row=1, start_column=start, end_row=1, end_column=start + width - 1)
    run_start, run_name = 3, None
    for number, item in enumerate(items, start=1):
        row = [
            number, item.name, item.sub or "", _join(item.content), _join([b.text for b in item.basis]),
            item.time_limit.text, _join(item.subject, "、"), _join(item.channels, "\n"),
            *(_tick(t) for t in ticks(item, levels)),
        ]
        sheet.append(row)
        current = sheet.max_row
        if item.name != run_name:
            if run_name is not None and current - 1 > run_start:
                sheet.merge_cells(start_row=run_start, start_column=2, end_row=current - 1, end_column=2)
            run_start, run_name = current, item.name
    if run_name is not None and sheet.max_row > run_start:
        sheet.merge_cells(start_row=run_start, start_column=2, end_row=sheet.max_row, end_column=2)
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=12 + len(levels)):
        for cell in row:
            cell.border = _BOX
            cell.alignment = _CENTER if cell.row <= 2 or cell.column in (1, 2, 3) or cell.column >= 9 else _WRAP
            if cell.row <= 2:
                cell.font = Font(bold=True)
    for letter, width in zip("ABCDEFGHIJKL", (6, 14, 16, 36, 30, 22, 18, 20, 7, 10, 6, 7), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "B3"
    book.properties.created = FIXED
    book.properties.modified = FIXED
    book.properties.creator = "catalogc"
    return book


CHANGE_SHEET = "调整情况"
CHANGE_HEADER = ("序号", "事项名称", "调整类型", "调整内容", "调整原因", "调整时间")


def change_sheet(book: Workbook, rows: list[ChangeRow]) -> None:
    """The national layout's 调整情况 sheet: one row per added, removed or changed item."""
    sheet = book.create_sheet(CHANGE_SHEET)
    sheet.append(CHANGE_HEADER)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, row.name, row.kind, row.detail, row.reason, row.date])
    for cells in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=len(CHANGE_HEADER)):
        for cell in cells:
            cell.border = _BOX
            cell.alignment = _CENTER if cell.row == 1 or cell.column in (1, 3, 6) else _WRAP
            if cell.row == 1:
                cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (6, 24, 10, 40, 30, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _deterministic(data: bytes) -> bytes:
    """The same workbook with fixed zip timestamps and member order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = _MODIFIED.sub(b"\\g<1>2000-01-01T00:00:00Z\\g<2>", content)
            target.writestr(member, content)
    return out.getvalue()


def workbook_bytes(items: list[Item], title: str, changes: list[ChangeRow] | None = None) -> bytes:
    buffer = io.BytesIO()
    book = table(items, title)
    if changes is not None:
        change_sheet(book, changes)
    book.save(buffer)
    return _deterministic(buffer.getvalue())


def write_tables(groups: list[RegionDomain], root: Path, changes: ChangeLog | None = None) -> None:
    """One workbook per group; with ``changes``, each has the 调整情况 sheet (empty when nothing changed)."""
    grouped = changes.by_group() if changes is not None else {}
    for group in groups:
        path = root / group.region / f"{group.domain}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = grouped.get((group.region, group.domain), []) if changes is not None else None
        path.write_bytes(workbook_bytes(group.items, group.domain, rows))
