"""Identity rules across files: ids and item names are unique within a region and domain."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from operator import attrgetter

from catalogc.diagnostics import Severity
from catalogc.rules.base import ItemFact, Located, Message, Rule, WorkspaceContext


def _groups(facts: list[ItemFact], attr: str) -> Iterator[list[ItemFact]]:
    """The facts sharing region, domain and ``attr`` with another, in the order each key first occurs.

    Counted in C first (a province has a hundred thousand facts and seldom a duplicate): only
    the repeated keys' facts are then gathered."""
    keys = list(map(attrgetter("region", "domain", attr), facts))
    counts = Counter(keys)
    if len(counts) == len(keys):
        return
    groups: dict[tuple[str, str, str], list[ItemFact]] = defaultdict(list)
    for key, fact in zip(keys, facts, strict=True):
        if counts[key] > 1:
            groups[key].append(fact)
    for group in groups.values():
        group.sort(key=lambda f: (f.file, f.line, f.column))
        yield group


def check_duplicate_id(ctx: WorkspaceContext) -> Iterator[Located]:
    """同一区划、同一领域内事项编号不得重复（跨文件也算）。

    English::

        Item ids are unique within a region and domain, across files too.

    为什么::

        事项编号是事项的稳定标识：发布的网页、版本比较、基线和 SARIF 指纹都按编号对应事项，重复的编号会把两个事项混为一个。

    Why::

        An item's id is its stable identity: the published pages, comparisons between versions,
        baselines and SARIF fingerprints follow items by id, so a repeated id merges two items into
        one.

    Passing::

        items:
          - {id: A-1, name: 政策文件}
          - {id: A-2, name: 办事指南}

    Failing::

        items:
          - {id: A-1, name: 政策文件}
          - {id: A-1, name: 办事指南}
    """
    for group in _groups(ctx.items, "id"):
        first = group[0]
        for dup in group[1:]:
            args = {"id": dup.id, "file": first.file, "line": first.line}
            yield Located(dup.file, dup.line, dup.column, args=args, item=dup.id)


def check_duplicate_item(ctx: WorkspaceContext) -> Iterator[Located]:
    """同一区划、同一领域内，一级事项和二级事项名称（忽略全半角、繁简、空格和标点）不应重复。

    English::

        Within a region and domain, no two items share a name and sub-item (ignoring full and half
        width, traditional and simplified script, spaces and punctuation).

    为什么::

        同一事项写了两遍，公众会看到时限或主体互相矛盾的两个条目；常见于合并表格或复制粘贴。

    Why::

        An item written twice shows the public two entries whose time limits or subjects contradict
        each other; it usually comes from merged tables or copy and paste.

    Passing::

        items:
          - {id: A-1, name: 最低生活保障, sub: 办事指南}
          - {id: A-2, name: 最低生活保障, sub: 审核信息}

    Failing::

        items:
          - {id: A-1, name: 最低生活保障, sub: 办事指南}
          - {id: A-2, name: 最低生活保障 , sub: 辦事指南}
    """
    for group in _groups(list(filter(attrgetter("key"), ctx.items)), "key"):
        first = group[0]
        for dup in group[1:]:
            args = {"label": dup.label, "other": first.id, "file": first.file, "line": first.name_line}
            yield Located(dup.file, dup.name_line, dup.name_column, args=args, item=dup.id)


RULES: tuple[Rule, ...] = (
    Rule("C201", "duplicate-id", Severity.ERROR, "事项编号重复", "two items share an id within a region and domain", {
        "default": Message("事项编号“{id}”重复（首次出现在 {file}:{line}）", "Item id '{id}' repeats (first at {file}:{line})",
                           "事项编号在本区划、本领域内必须唯一；给这个事项换一个编号。",
                           "Ids are unique within a region and domain; give this item another id."),
    }, "workspace", check_duplicate_id),
    Rule("C202", "duplicate-item", Severity.WARNING, "事项名称重复", "two items share name and sub", {
        "default": Message("事项“{label}”与 {other}（{file}:{line}）重复", "Item '{label}' duplicates {other} ({file}:{line})",
                           "合并这两个事项，或用二级事项区分。", "Merge the two items, or tell them apart by sub."),
    }, "workspace", check_duplicate_item),
)
