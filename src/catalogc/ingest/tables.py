"""Tables of .xlsx/.xls/.ods, .docx and saved .html files as grids of cell texts.

Merged cells are resolved: every position a merged cell covers carries its text and the
address of its top-left cell, so a merged 一级事项 applies to each row it spans and a
problem is reported where the user can edit it. Addresses are A1-style within the table
(``D7``) for every format, so 目录.docx!表2!D7 is found by counting rows and columns.

Readers: python-calamine for spreadsheets (a Rust reader, many times faster than openpyxl,
reads the legacy .xls most offices still send, and gives merged ranges); python-docx for
Word (a vertically or horizontally merged cell is the same ``w:tc`` at several positions);
lxml for HTML (tolerates the broken markup of county web pages; rowspan/colspan expanded here).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from catalogc.ingest import UnusableInput

SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
SUFFIXES = (*SPREADSHEETS, ".docx", ".html", ".htm")
_MAX_SPAN = 10_000  # a rowspan/colspan beyond this is a broken page, not a table
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002\u2003\u200b]+")
_BREAKS = re.compile(r"\r\n|[\r\v\f\u2028\u2029\x85]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")  # not text; YAML refuses them


def clean(text: str) -> str:
    """Cell text as read: control characters dropped (vertical tab, form feed and the Unicode
    separators count as line breaks), lines stripped, runs of spaces made one, empty lines dropped."""
    text = _CONTROL.sub("", _BREAKS.sub("\n", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def address(row: int, column: int) -> str:
    """0-based (row, column) → A1."""
    return xl_rowcol_to_cell(row, column)


@dataclass(slots=True)
class Grid:
    """One table: texts by (row, column), each position's merged-cell origin, and title candidates."""

    source: str  # file name as given on the command line
    name: str  # sheet name, or 表N for Word and HTML tables
    texts: list[list[str]]
    origins: list[list[tuple[int, int]]]
    titles: list[str] = field(default_factory=list)  # text around the table, nearest first

    @property
    def width(self) -> int:
        return len(self.texts[0]) if self.texts else 0

    def where(self, row: int, column: int | None = None) -> str:
        """目录.xlsx!社会救助!D7 (the merged cell's origin), or …!第7行 for a whole row."""
        if column is None:
            return f"{self.source}!{self.name}!第{row + 1}行"
        return f"{self.source}!{self.name}!{address(*self.origins[row][column])}"

    def spans(self, row: int, column: int) -> int:
        """How many columns of ``row`` the cell at (row, column) covers."""
        origin = self.origins[row][column]
        return sum(1 for o in self.origins[row] if o == origin)


def _grid(source: str, name: str, cells: dict[tuple[int, int], str], merges: list[tuple[int, int, int, int]],
          titles: list[str]) -> Grid:
    """Build a grid from anchored texts and inclusive merged ranges (r0, c0, r1, c1)."""
    height = max((r for r, _ in cells), default=-1) + 1
    width = max((c for _, c in cells), default=-1) + 1
    for _, _, r1, c1 in merges:
        height, width = max(height, r1 + 1), max(width, c1 + 1)
    texts = [[cells.get((r, c), "") for c in range(width)] for r in range(height)]
    origins = [[(r, c) for c in range(width)] for r in range(height)]
    for r0, c0, r1, c1 in merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                texts[r][c] = texts[r0][c0]
                origins[r][c] = (r0, c0)
    return Grid(source, name, texts, origins, titles)


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return clean(str(value)) if value is not None else ""


def _spreadsheet(path: Path, source: str) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # the reader raises its own error types for every kind of damage
        raise UnusableInput(f"{source}：无法作为电子表格读取（{exc}）；请确认文件完整，可用 Excel 或 WPS 另存为 .xlsx 后重试") from exc
    grids = []
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            ranges = sheet.merged_cell_ranges or []
        except Exception as exc:
            raise UnusableInput(f"{source}!{name}：无法读取这个工作表（{exc}）") from exc
        cells = {(r, c): _value_text(v) for r, row in enumerate(rows) for c, v in enumerate(row) if v not in ("", None)}
        merges = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges]
        grids.append(_grid(source, name, cells, merges, []))
    return grids


def _word(path: Path, source: str) -> list[Grid]:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and package errors alike
        raise UnusableInput(f"{source}：无法作为 Word 文档读取（{exc}）；.doc 文件请先另存为 .docx") from exc
    grids: list[Grid] = []
    before: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = clean(Paragraph(child, document).text)
            if text:
                before.append(text)
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            rows = [row.cells for row in table.rows]  # a merged cell is the same w:tc at each position
            cells: dict[tuple[int, int], str] = {}
            seen: dict[int, tuple[int, int]] = {}
            merged: dict[tuple[int, int], list[tuple[int, int]]] = {}
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    key = id(cell._tc)  # lxml keeps one proxy per element while it is referenced
                    if key in seen:
                        merged.setdefault(seen[key], []).append((r, c))
                    else:
                        seen[key] = (r, c)
                        cells[(r, c)] = clean(cell.text)
            grid = _grid(source, f"表{len(grids) + 1}", cells, [], list(reversed(before)))
            for origin, covered in merged.items():
                for r, c in covered:
                    grid.texts[r][c] = grid.texts[origin[0]][origin[1]]
                    grid.origins[r][c] = origin
            grids.append(grid)
            before = []
    return grids


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """A saved page's text: BOM, then the page's own charset, then UTF-8, then a guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "gb18030") else name
        try:
            return data.decode(name, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        return str(best) if best is not None else data.decode("gb18030", errors="replace")


_BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"}


def _cell_text(element: Any) -> str:
    for node in element.iter():
        if node is element or not isinstance(node.tag, str):
            continue
        if node.tag == "br" or node.tag in _BLOCKS:
            node.tail = "\n" + (node.tail or "")
    return clean(element.text_content())


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), _MAX_SPAN))
    except ValueError:
        return 1


def _html(path: Path, source: str) -> list[Grid]:
    import lxml.html
    from lxml.etree import ParserError

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", decode_html(path.read_bytes()))
    try:
        root = lxml.html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise UnusableInput(f"{source}：无法作为网页读取（{exc}）") from exc
    page_title = clean(root.findtext(".//title") or "")
    grids = []
    for number, table in enumerate(root.iter("table"), start=1):
        rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        titles = [clean(t) for t in table.xpath("./caption//text()")]
        near = "preceding::text()[normalize-space()][not(ancestor::script or ancestor::style)][position()<=6]"
        titles += [clean(t) for t in reversed(table.xpath(near))]
        cells: dict[tuple[int, int], str] = {}
        merges = []
        taken: set[tuple[int, int]] = set()
        for r, row in enumerate(rows):
            c = 0
            for cell in row.xpath("./td|./th"):
                while (r, c) in taken:
                    c += 1
                rowspan = _span(cell.get("rowspan"))
                rowspan = min(rowspan, len(rows) - r)
                colspan = _span(cell.get("colspan"))
                cells[(r, c)] = _cell_text(cell)
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken.add((r + dr, c + dc))
                if rowspan > 1 or colspan > 1:
                    merges.append((r, c, r + rowspan - 1, c + colspan - 1))
                c += colspan
        grids.append(_grid(source, f"表{number}", cells, merges, [t for t in titles if t] + [page_title]))
    return grids


def read_tables(path: Path) -> list[Grid]:
    """Every table of the file, in order; UnusableInput when the file cannot be read as tables."""
    source = path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnusableInput(f"{source}：不支持的文件类型；可导入 {'、'.join(SUFFIXES)}（.doc 请先另存为 .docx）")
    if not path.is_file():
        raise UnusableInput(f"{source}：文件不存在或不是普通文件（{path}）")
    if suffix in SPREADSHEETS:
        return _spreadsheet(path, source)
    if suffix == ".docx":
        return _word(path, source)
    return _html(path, source)
