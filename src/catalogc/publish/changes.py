"""The 动态调整 record as the site and the Excel tables show it: plain rows, one per changed item.

Computing the record needs both releases (``catalogc.diff``, a layer above this one); the
build is handed the finished rows, so publishing stays independent of how they were found.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """One item's entry: the national change sheet's columns, plus where the item lives."""

    region: str
    domain: str
    item: str  # the item's id (its old id when it was removed)
    name: str  # 事项名称
    kind: str  # 调整类型: 增加、取消、变更 …
    detail: str  # 调整内容
    reason: str  # 调整原因, empty when the catalog gives none
    date: str  # 调整时间, empty when the catalog gives none
    current: bool  # the item is in this release, so its page links to the entry


@dataclass(frozen=True, slots=True)
class ChangeLog:
    """The rows, grouped by region and domain in the record's order, and the release they were
    compared with. Entries are numbered in that order; ``anchors`` finds an item's entry."""

    since: str
    rows: tuple[ChangeRow, ...] = ()
    anchors: dict[tuple[str, str, str], str] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for number, row in enumerate(self.rows, start=1):
            if row.current:
                self.anchors.setdefault((row.region, row.domain, row.item), self.anchor(number))

    @staticmethod
    def anchor(number: int) -> str:
        return f"c{number}"

    def by_group(self) -> dict[tuple[str, str], list[ChangeRow]]:
        grouped: dict[tuple[str, str], list[ChangeRow]] = defaultdict(list)
        for row in self.rows:
            grouped[(row.region, row.domain)].append(row)
        return grouped
