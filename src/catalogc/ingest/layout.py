"""Recognising the national layout: the header rows and what each column holds.

One, two or three header rows (序号 | 公开事项: 一级事项, 二级事项 | … | 公开对象: 全社会,
特定群体 | 公开方式: 主动, 依申请 | 公开层级: 县级, 乡级 …), found within the first rows of the
table; rows above them are the title. A column under 公开对象/公开方式/公开层级 (or a
header that is itself such a value) is a tick column for that value; a column of the group
without sub-columns holds the values as words. Any other labelled column (三级事项, 咨询电话,
备注 …) is kept as an extra column under its own header.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogc import refdata
from catalogc.ingest.cells import split_top
from catalogc.ingest.tables import Grid
from catalogc.parse.normalize import fold

SCAN_ROWS = 15
# (role, words a folded header label starts with or contains), most specific first.
_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("number", ("序号", "编号")),
    ("extra", ("三级事项", "三级目录")),
    ("sub", ("二级事项", "二级目录", "子项")),
    ("name", ("一级事项", "一级目录", "事项名称", "公开事项名称")),
    ("content", ("公开内容", "公开要素", "内容(要素)")),
    ("basis", ("公开依据", "依据")),
    ("time_limit", ("公开时限", "时限")),
    ("subject", ("公开主体", "责任主体", "主体")),
    ("channels", ("公开渠道", "公开载体", "渠道和载体", "渠道")),
    ("audience", ("公开对象",)),
    ("method", ("公开方式",)),
    ("level", ("公开层级", "层级")),
    ("note", ("备注",)),
    ("name", ("公开事项",)),
)
_GROUPS = {"audience": refdata.audiences, "method": refdata.methods, "level": refdata.levels,
           "channels": refdata.channels}


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    role: str  # number name sub content basis time_limit subject channels audience method level extra | none
    label: str  # the header as written (its last row), used as the key of extra columns
    values: tuple[str, ...] = ()  # for a tick column: the values a tick means (乡、村级 → 乡级, 村级)
    continues: bool = False  # under the same header cell as the column before: one element over two columns

    @property
    def ticks(self) -> bool:
        return bool(self.values)


@dataclass(frozen=True, slots=True)
class Layout:
    header: range  # header row indexes
    columns: tuple[Column, ...]
    title_rows: tuple[int, ...]  # non-empty rows above the header


def _role(label: str) -> str | None:
    key = fold(label)
    for role, words in _ROLES:
        if any(key.startswith(w) or (len(w) > 2 and w in key) for w in words):
            return role
    return None


def tick_values(label: str, group: str | None) -> tuple[str, str] | None:
    """(role, values) when a header names values of a tick group: 全社会, 依申请公开, 乡、村级 …"""
    key = fold(label)
    if key.startswith("特定群"):
        return "audience", "特定群体"
    for role, vocabulary in _GROUPS.items():
        if role == "channels" and group != "channels":
            continue  # a header 其他 or 政府网站 outside the channel group is not a channel
        canonical, _ = vocabulary().resolve(label)
        if canonical is not None:
            return role, canonical
    if group == "level" or key.endswith("级"):
        from catalogc.ingest.cells import vocabulary_values

        values, unknown = vocabulary_values(label, refdata.levels(), "级")
        if values and not unknown:
            return "level", "、".join(values)
    return None


def _known(label: str, group: str | None) -> bool:
    return bool(label) and (_role(label) is not None or tick_values(label, group) is not None)


def find_header(grid: Grid) -> int | None:
    """The first row, among the first few, with at least three recognised column headers."""
    for r, row in enumerate(grid.texts[:SCAN_ROWS]):
        roles = {_role(t) for t in dict.fromkeys(row) if t} - {None, "extra"}
        if len(roles) >= 3:
            return r
    return None


def _is_sub_header(grid: Grid, r: int, top: int) -> bool:
    """A row below the header whose own cells are all header labels (under the group above them)."""
    row = grid.texts[r]
    spanned = [t for c, t in enumerate(row) if t and grid.origins[r][c][0] < r]
    fresh = [(c, t) for c, t in enumerate(row) if t and grid.origins[r][c][0] == r]
    return (bool(fresh) and len(fresh) + len(spanned) >= 2 and r - top < 3
            and all(_known(t, _role(grid.texts[top][c])) for c, t in fresh))


def layout(grid: Grid) -> Layout | None:
    top = find_header(grid)
    if top is None:
        return None
    end = top + 1
    while end < len(grid.texts) and _is_sub_header(grid, end, top):
        end += 1
    columns = []
    for c in range(grid.width):
        labels = list(dict.fromkeys(grid.texts[r][c] for r in range(top, end) if grid.texts[r][c]))
        if not labels:
            columns.append(Column(c, "none", ""))
            continue
        group, leaf = _role(labels[0]), labels[-1]
        ticked = tick_values(leaf, group)
        if ticked is not None and (group in (None, ticked[0]) or len(labels) == 1):
            columns.append(Column(c, ticked[0], leaf, tuple(split_top(ticked[1], "、"))))
            continue
        origins = [grid.origins[r][c] for r in range(top, end)]
        continues = c > 0 and origins == [grid.origins[r][c - 1] for r in range(top, end)] and not columns[-1].ticks
        columns.append(Column(c, _role(leaf) or group or "extra", leaf.replace("\n", ""), continues=continues))
    title_rows = tuple(r for r in range(top) if any(grid.texts[r]))
    return Layout(range(top, end), _dedupe(columns), title_rows)


def _dedupe(columns: list[Column]) -> tuple[Column, ...]:
    """One column per text role; the others are kept as extra columns under their headers.

    Where two columns claim 一级事项 (a prepended 一级目录 and the 一级事项 itself), the one
    whose header says 事项 keeps the role; otherwise the first.
    """
    keep: dict[str, int] = {}
    for column in columns:
        if column.role in ("none", "extra") or column.ticks or column.continues:
            continue
        held = keep.get(column.role)
        if held is None or ("事项" in column.label and "事项" not in columns[held].label):
            keep[column.role] = column.index
    kept = set(keep.values())
    return tuple(
        Column(c.index, "extra", c.label)
        if c.role not in ("none", "extra") and not c.ticks and not c.continues and c.index not in kept else c
        for c in columns
    )
