"""The national table's layout, shared by the site and the Excel tables: which 公开层级 columns
a table has, and which √ columns an item ticks."""

from __future__ import annotations

from collections.abc import Iterable

from catalogc.model.bundle import Item

LEVELS = ("市级", "县级", "乡级", "村级")
_ALWAYS = ("县级", "乡级")  # the columns of a county's table even when no item uses them


def level_columns(items: Iterable[Item]) -> list[str]:
    used = {level for item in items for level in item.level}
    return [level for level in LEVELS if level in used or level in _ALWAYS]


SPECIAL = 1  # the √ column (特定群体) whose tick shows the item's audience note


def ticks(item: Item, levels: list[str]) -> list[bool]:
    """The √ columns in table order: 全社会, 特定群体, 主动, 依申请, then each level column
    (plain booleans: a table asks for them once per item and column)."""
    audience, method, level = item.audience, item.method, item.level
    return ["全社会" in audience, "特定群体" in audience, "主动" in method, "依申请" in method,
            *(column in level for column in levels)]
