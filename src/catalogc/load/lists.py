"""Power and service lists (权责清单, 公共服务事项清单) from CSV or XLSX, row by row.

Rows keep their line (CSV) or row number (XLSX) so that findings about them point at
the list file the way item findings point at the YAML. Bad rows become C306 findings
and are left out of the cross-checks. Lists are read as provinces export them: the
header may sit below title rows, its columns may carry the names of the export
(refdata/data/list_columns.yaml), and a CSV saved by Excel in GBK is decoded (an info).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from catalogc.findings import Located
from catalogc.load.encoding import guess_encoding
from catalogc.load.workspace import LIST_SUFFIXES, walk
from catalogc.parse.normalize import fold

Kind = Literal["power", "service"]
COLUMNS: dict[Kind, tuple[str, ...]] = {
    "power": ("编码", "事项名称", "权力类型", "实施主体", "设定依据", "领域"),
    "service": ("编码", "事项名称", "实施主体", "服务类型", "领域"),
}
REQUIRED: dict[Kind, tuple[str, ...]] = {
    "power": ("编码", "事项名称", "权力类型", "实施主体"),
    "service": ("编码", "事项名称", "实施主体"),
}
FOLDERS: dict[Kind, str] = {"power": "lists/powers", "service": "lists/services"}
HEADER_SCAN = 10  # rows searched for the header: exports put a title (and a blank row) above it
# encodings a CSV saved by Excel or WPS comes in, by the label guess_encoding gives
DECODABLE = {"GBK/GB18030": "gb18030", "Big5": "big5"}
_NOTE = re.compile(r"[（(][^（()）]*[)）]$")  # 行政许可(国办): a type with a bracketed note


@dataclass(frozen=True, slots=True)
class ListEntry:
    kind: Kind
    code: str
    name: str
    type: str  # 权力类型 (canonical) or 服务类型
    subject: str
    basis: str
    domain: str
    file: str
    line: int
    sub: str = ""  # 子项 of an entry, when the export splits it


@cache
def power_types() -> dict[str, str]:
    """Folded name or alias → canonical 权力类型."""
    text = resources.files("catalogc.refdata").joinpath("data/power_types.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    table = {fold(t["name"]): t["name"] for t in data["types"]}
    table.update({fold(alias): canonical for alias, canonical in data["aliases"].items()})
    return table


@cache
def column_names() -> dict[str, str]:
    """Folded column name as exports print it → the column the reader uses."""
    text = resources.files("catalogc.refdata").joinpath("data/list_columns.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    table = {fold(name): name for name in (*COLUMNS["power"], *COLUMNS["service"], "子项")}
    for canonical, aliases in data["columns"].items():
        table.update({fold(alias): canonical for alias in aliases or ()})
    return table


def _header(row: list[str]) -> dict[str, int]:
    """The reader's columns found in a row, by position (the first of two cells naming the same column)."""
    names = column_names()
    found: dict[str, int] = {}
    for position, cell in enumerate(row):
        canonical = names.get(fold(cell))
        if canonical is not None:
            found.setdefault(canonical, position)
    return found


def _rows_csv(text: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _rows_xlsx(path: Any) -> Iterator[tuple[int, list[str]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path)) if isinstance(path, Path) else \
        CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))  # a blob read from git
    sheet = book.get_sheet_by_index(0)
    for number, row in enumerate(sheet.to_python(skip_empty_area=False), start=1):
        yield number, ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                       for v in row]


def _c306(rel: str, line: int, variant: str, **args: object) -> Located:
    return Located(rel, line, 1, variant, args, code="C306")


def read_list(path: Any, rel: str, kind: Kind) -> tuple[list[ListEntry], list[Located]]:
    """A list file's entries and the findings about it (C003, C306)."""
    entries: list[ListEntry] = []
    findings: list[Located] = []
    try:
        if path.suffix.lower() == ".xlsx":
            rows = list(_rows_xlsx(path))
        else:
            data = path.read_bytes()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                label = guess_encoding(data)
                if label not in DECODABLE:
                    return [], [Located(rel, 1, 1, "default", {"encoding": label}, code="C003")]
                text = data.decode(DECODABLE[label], errors="replace")
                findings.append(_c306(rel, 1, "encoding", encoding=label))
            rows = list(_rows_csv(text))
    except Exception as exc:  # a damaged workbook: calamine raises its own error types
        return [], [_c306(rel, 1, "unreadable", problem=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)]
    rows = [(n, [c.strip() for c in r]) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        return [], [*findings, _c306(rel, 1, "no-header", columns="、".join(COLUMNS[kind]))]
    # the header: the first row naming at least two of the reader's columns; title rows above it are skipped
    at = next((n for n, (_, row) in enumerate(rows[:HEADER_SCAN]) if len(_header(row)) >= 2), 0)
    header_line, header = rows[at]
    index = {name: i for name, i in _header(header).items() if name in (*COLUMNS[kind], "子项")}
    missing = [c for c in REQUIRED[kind] if c not in index]
    if missing:
        return [], [*findings, _c306(rel, header_line, "no-header", columns="、".join(missing))]
    types = power_types()
    for number, (line, row) in enumerate(rows[at + 1:]):
        cell = {name: (row[i] if i < len(row) else "") for name, i in index.items()}
        empty = [c for c in REQUIRED[kind] if not cell.get(c)]
        if number == 0 and len(empty) == len(REQUIRED[kind]):
            continue  # a second header row under merged header cells (县级部门 | 乡镇(街道))
        if empty:
            findings.append(_c306(rel, line, "missing", columns="、".join(empty)))
            continue
        kind_text = cell.get("权力类型", "") if kind == "power" else cell.get("服务类型", "")
        if kind == "power":
            canonical = types.get(fold(kind_text)) or types.get(fold(_NOTE.sub("", kind_text)))
            if canonical is None:
                choices = "、".join(dict.fromkeys(types.values()))
                findings.append(_c306(rel, line, "type", value=kind_text, choices=choices))
                continue
            kind_text = canonical
        entries.append(ListEntry(kind, cell["编码"], cell["事项名称"], kind_text, cell["实施主体"],
                                 cell.get("设定依据", ""), cell.get("领域", ""), rel, line, cell.get("子项", "")))
    return entries, findings


def load_lists(root: Path) -> tuple[list[ListEntry], list[Located]]:
    """All list files of a workspace; duplicate codes within a kind are C306 at the later row, and a
    link leading out of the workspace is C005 at the link, never read."""
    files: dict[Kind, list[tuple[str, Any]]] = {}
    findings: list[Located] = []
    for kind, folder in FOLDERS.items():
        paths, outside = walk(root, folder, LIST_SUFFIXES)
        findings.extend(Located(rel, 1, 1, "outside", code="C005") for rel in outside)
        files[kind] = [(Path(os.path.relpath(path, root)).as_posix(), path) for path in paths]
    entries, problems = read_all(files)
    return entries, findings + problems


def read_all(files: dict[Kind, list[tuple[str, Any]]]) -> tuple[list[ListEntry], list[Located]]:
    """The entries of list files given as (name, path or anything with ``read_bytes``) by kind;
    duplicate codes within a kind are C306 at the later row."""
    entries: list[ListEntry] = []
    findings: list[Located] = []
    for kind, found_files in files.items():
        seen: dict[tuple[str, str], ListEntry] = {}
        codes: set[str] = set()
        for rel, path in found_files:
            found, problems = read_list(path, rel, kind)
            findings.extend(problems)
            for entry in found:
                first = seen.get((entry.code, entry.sub))
                if first is not None:
                    findings.append(_c306(rel, entry.line, "duplicate", code=entry.code, file=first.file, first=first.line))
                    continue
                seen[(entry.code, entry.sub)] = entry
                if entry.code not in codes:  # the sub-items of one entry share its code: items link to the entry
                    codes.add(entry.code)
                    entries.append(entry)
    return entries, findings
