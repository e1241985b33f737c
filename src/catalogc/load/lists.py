"""Power and service lists (权责清单, 公共服务事项清单) from CSV or XLSX, row by row.

Rows keep their line (CSV) or row number (XLSX) so that findings about them point at
the list file the way item findings point at the YAML. Bad rows become C306 findings
and are left out of the cross-checks.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml

from catalogc.findings import Located
from catalogc.load.encoding import guess_encoding
from catalogc.load.workspace import walk
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


@cache
def power_types() -> dict[str, str]:
    """Folded name or alias → canonical 权力类型."""
    text = resources.files("catalogc.refdata").joinpath("data/power_types.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    table = {fold(t["name"]): t["name"] for t in data["types"]}
    table.update({fold(alias): canonical for alias, canonical in data["aliases"].items()})
    return table


def _rows_csv(data: bytes) -> Iterator[tuple[int, list[str]]]:
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for row in reader:
        yield start, row
        start = reader.line_num + 1


def _rows_xlsx(path: Path) -> Iterator[tuple[int, list[str]]]:
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    for number, row in enumerate(sheet.to_python(skip_empty_area=False), start=1):
        yield number, ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                       for v in row]


def _c306(rel: str, line: int, variant: str, **args: object) -> Located:
    return Located("C306", rel, line, 1, variant, args)


def read_list(path: Path, rel: str, kind: Kind) -> tuple[list[ListEntry], list[Located]]:
    entries: list[ListEntry] = []
    findings: list[Located] = []
    try:
        if path.suffix.lower() == ".xlsx":
            rows = list(_rows_xlsx(path))
        else:
            data = path.read_bytes()
            try:
                rows = list(_rows_csv(data))
            except UnicodeDecodeError:
                return [], [Located("C003", rel, 1, 1, "default", {"encoding": guess_encoding(data)})]
    except Exception as exc:  # a damaged workbook: calamine raises its own error types
        return [], [_c306(rel, 1, "unreadable", problem=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)]
    rows = [(n, [c.strip() for c in r]) for n, r in rows if any(c.strip() for c in r)]
    if not rows:
        return [], [_c306(rel, 1, "no-header", columns="、".join(COLUMNS[kind]))]
    header_line, header = rows[0]
    missing = [c for c in REQUIRED[kind] if c not in header]
    if missing:
        return [], [_c306(rel, header_line, "no-header", columns="、".join(missing))]
    index = {name: header.index(name) for name in COLUMNS[kind] if name in header}
    types = power_types()
    for line, row in rows[1:]:
        cell = {name: (row[i] if i < len(row) else "") for name, i in index.items()}
        empty = [c for c in REQUIRED[kind] if not cell.get(c)]
        if empty:
            findings.append(_c306(rel, line, "missing", columns="、".join(empty)))
            continue
        kind_text = cell.get("权力类型", "") if kind == "power" else cell.get("服务类型", "")
        if kind == "power":
            canonical = types.get(fold(kind_text))
            if canonical is None:
                choices = "、".join(dict.fromkeys(types.values()))
                findings.append(_c306(rel, line, "type", value=kind_text, choices=choices))
                continue
            kind_text = canonical
        entries.append(ListEntry(kind, cell["编码"], cell["事项名称"], kind_text, cell["实施主体"],
                                 cell.get("设定依据", ""), cell.get("领域", ""), rel, line))
    return entries, findings


def load_lists(root: Path) -> tuple[list[ListEntry], list[Located]]:
    """All list files of a workspace; duplicate codes within a kind are C306 at the later row, and a
    link leading out of the workspace is C005 at the link, never read."""
    entries: list[ListEntry] = []
    findings: list[Located] = []
    for kind, folder in FOLDERS.items():
        paths, outside = walk(root, folder, (".csv", ".xlsx"))
        findings.extend(Located("C005", rel, 1, 1, "outside") for rel in outside)
        seen: dict[str, ListEntry] = {}
        for path in paths:
            rel = Path(os.path.relpath(path, root)).as_posix()
            found, problems = read_list(path, rel, kind)
            findings.extend(problems)
            for entry in found:
                first = seen.get(entry.code)
                if first is not None:
                    findings.append(_c306(rel, entry.line, "duplicate", code=entry.code, file=first.file, first=first.line))
                    continue
                seen[entry.code] = entry
                entries.append(entry)
    return entries, findings
