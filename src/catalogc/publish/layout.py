"""The national table's layout, shared by the site and the Excel tables: which 公开层级 columns
a table has, and which √ columns an item ticks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from catalogc.model.bundle import Item

LEVELS = ("市级", "县级", "乡级", "村级")
_ALWAYS = ("县级", "乡级")  # the columns of a county's table even when no item uses them


def level_columns(items: Iterable[Item]) -> list[str]:
    used = {level for item in items for level in item.level}
    return [level for level in LEVELS if level in used or level in _ALWAYS]


@dataclass(frozen=True, slots=True)
class Tick:
    on: bool
    note: str | None = None  # 特定群体说明, shown with the tick


def ticks(item: Item, levels: list[str]) -> list[Tick]:
    """The √ columns in table order: 全社会, 特定群体, 主动, 依申请, then each level column."""
    special = "特定群体" in item.audience
    return [
        Tick("全社会" in item.audience),
        Tick(special, item.audience_note if special else None),
        Tick("主动" in item.method),
        Tick("依申请" in item.method),
        *(Tick(level in item.level) for level in levels),
    ]
