"""Matching the items of two releases and listing what changed.

Items are matched by id within their region and domain (ids are required and stable by the
format). What is left over on both sides is matched once more: the same id and name in another
region or domain is a move, and the same name (and sub) under another id in the same region and
domain is an id change. Only what is still unmatched is added or removed.

A note explains an item's changes when the new version's ``change_note`` is not the one the old
version already had (a note left over from an earlier change explains nothing new); a removal is
explained by the new catalog's ``removed`` entry for the id.

Both sides are read one region × domain file at a time (docs/scale.md, "Comparing releases"):
a file whose bytes are the same on both sides holds no change; otherwise its items are compared
as parsed JSON, without models. Only the items that differ, and those found on one side only,
are read again as models to be compared field by field and matched as moves and id changes:
memory holds one file of each side and the changed items, never a whole release.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from catalogc.diff.changeset import Change, ChangeSet, ItemChange, Place, SideInfo, ordered
from catalogc.diff.fields import change, item_changes
from catalogc.diff.groups import Groups, InMemory
from catalogc.diff.sides import Side
from catalogc.model.bundle import Bundle, Index, Item, Note, Removal
from catalogc.parse.normalize import item_key

Key = tuple[str, str, str]  # region, domain, id


def _removals(index: Index) -> dict[Key, Removal]:
    found: dict[Key, Removal] = {}
    for meta in sorted(index.catalogs, key=lambda m: m.file):
        for removal in meta.removed:
            found.setdefault((meta.region, meta.domain, removal.id), removal)
    return found


def _place(key: Key, item: Item) -> Place:
    return Place(key[0], key[1], item.department, item.source.file, item.source.line)


def _note(old: Item | None, new: Item) -> Note | None:
    note = new.change_note
    if note is None or (old is not None and old.change_note == note):
        return None
    return note


def _moved(before: Place, after: Place) -> Change | None:
    if (before.region, before.domain, before.department, before.file) == (after.region, after.domain,
                                                                          after.department, after.file):
        return None

    same_group = (before.region, before.domain) == (after.region, after.domain)

    def where(p: Place) -> str:
        return f"{'' if same_group else f'{p.region} {p.domain} '}{p.department}（{p.file}）"

    def where_en(p: Place) -> str:
        return where(p).replace("（", " (").replace("）", ")")

    old = {"region": before.region, "domain": before.domain, "department": before.department, "file": before.file}
    new = {"region": after.region, "domain": after.domain, "department": after.department, "file": after.file}
    return change("moved", None, old, new, f"从 {where(before)} 移到 {where(after)}",
                  f"moved from {where_en(before)} to {where_en(after)}")


_NOT_COMPARED = frozenset({"source", "change_note"})  # the line moves with every edit above; a note alone is no change


def _same(old: Item, new: Item) -> bool:
    """Equal in every compared field and in the same file: most items of two releases, found without
    the field-by-field comparison."""
    a, b = old.__dict__, new.__dict__
    return old.source.file == new.source.file and all(a[k] == b[k] for k in a if k not in _NOT_COMPARED)


def _changed(old_key: Key, old: Item, new_key: Key, new: Item) -> ItemChange | None:
    if old_key == new_key and _same(old, new):
        return None
    changes = item_changes(old, new)
    before, after = _place(old_key, old), _place(new_key, new)
    moved = _moved(before, after)
    if moved is not None:
        changes.append(moved)
    if old.id != new.id:
        changes.append(change("id-changed", "id", old.id, new.id, f"编号：{old.id} → {new.id}",
                              f"id: {old.id} → {new.id}"))
    if not changes:
        return None
    return ItemChange(new.id, new.name, new.sub, after, ordered(changes), _note(old, new),
                      before if moved is not None else None, old.id if old.id != new.id else None)


def _pair(gone: dict[Key, Item], came: dict[Key, Item], key_of: Callable[[Key, Item], object]) -> list[tuple[Key, Key]]:
    """Leftover items that match one to one under ``key_of`` (ambiguous matches are left alone)."""
    old_by: dict[object, list[Key]] = defaultdict(list)
    new_by: dict[object, list[Key]] = defaultdict(list)
    for k, item in gone.items():
        old_by[key_of(k, item)].append(k)
    for k, item in came.items():
        new_by[key_of(k, item)].append(k)
    return [(old_by[m][0], new_by[m][0]) for m in sorted(old_by, key=str)
            if m in new_by and len(old_by[m]) == 1 and len(new_by[m]) == 1]


def _elsewhere(key: Key, item: Item) -> object:
    """The same id and name in another region or domain: a move."""
    return key[2], item_key(item.name, item.sub)


def _renumbered(key: Key, item: Item) -> object:
    """The same name and sub under another id in the same region and domain: an id change."""
    return key[0], key[1], item_key(item.name, item.sub)


Spot = tuple[int, int]  # a group's number on its side, the item's position in it


def _loose(data: bytes) -> dict[str, tuple[int, object]]:
    """A group file's items by id (of duplicate ids, published with --allow-errors, the first), each
    with its position and what ``_same`` compares, as parsed JSON: its file and every field but
    ``source`` and ``change_note``. Equal values here are equal items; unequal ones are compared
    again as models."""
    found: dict[str, tuple[int, object]] = {}
    for n, item in enumerate(json.loads(data)["items"]):
        if item["id"] not in found:
            source = item.pop("source")
            item.pop("change_note", None)
            found[item["id"]] = (n, (source["file"], item))
    return found


def _parsed(side: Groups, n: int, data: bytes) -> dict[str, tuple[int, object]]:
    try:
        return _loose(data)
    except (ValueError, KeyError, TypeError, AttributeError):
        side.group(n)  # the side's own error, naming the file and what is wrong in it
        raise


@dataclass(slots=True)
class _Scan:
    """What the first pass finds: the items of both sides that differ in place, and those of one side only."""

    differ: list[tuple[Key, Spot, Spot]] = field(default_factory=list)
    gone: dict[Key, Spot] = field(default_factory=dict)
    came: dict[Key, Spot] = field(default_factory=dict)


def _scan(old: Groups, new: Groups) -> _Scan:
    """Every region × domain file of either side, one pair at a time."""
    before = {key: n for n, key in enumerate(old.keys())}
    after = {key: n for n, key in enumerate(new.keys())}
    found = _Scan()
    for group in sorted(before.keys() | after.keys()):
        a, b = before.get(group, -1), after.get(group, -1)  # -1: the side has no such file
        data_a = old.data(a) if a >= 0 else b""
        data_b = new.data(b) if b >= 0 else b""
        if data_a == data_b:
            continue  # the same file: the same items, in place
        was = _parsed(old, a, data_a) if a >= 0 else {}
        now = _parsed(new, b, data_b) if b >= 0 else {}
        for id_, (i, value) in was.items():
            key = (*group, id_)
            if id_ not in now:
                found.gone[key] = (a, i)
            elif now[id_][1] != value:
                found.differ.append((key, (a, i), (b, now[id_][0])))
        for id_, (j, _) in now.items():
            if id_ not in was:
                found.came[(*group, id_)] = (b, j)
    return found


def _read(side: Groups, spots: list[Spot]) -> dict[Spot, Item]:
    """The items at ``spots`` as models, each group read once."""
    wanted: dict[int, list[int]] = defaultdict(list)
    for n, i in spots:
        wanted[n].append(i)
    found: dict[Spot, Item] = {}
    for n in sorted(wanted):
        items = side.group(n).items
        for i in wanted[n]:
            found[(n, i)] = items[i]
    return found


def compare(old: Side | Bundle, new: Side | Bundle) -> ChangeSet:
    """The 动态调整 record from ``old`` to ``new`` (sides, or bundles held as models)."""
    old_side = old if isinstance(old, Side) else Side(SideInfo("bundle", "old"), InMemory(old))
    new_side = new if isinstance(new, Side) else Side(SideInfo("bundle", "new"), InMemory(new))
    scan = _scan(old_side.groups, new_side.groups)
    olds = _read(old_side.groups, [spot for _, spot, _ in scan.differ] + list(scan.gone.values()))
    news = _read(new_side.groups, [spot for _, _, spot in scan.differ] + list(scan.came.values()))
    result = ChangeSet(old_side.info, new_side.info,
                       regions={**old_side.groups.index.regions, **new_side.groups.index.regions})
    for key, was, now in scan.differ:
        found = _changed(key, olds[was], key, news[now])
        if found is not None:
            result.items.append(found)
    gone = {key: olds[spot] for key, spot in scan.gone.items()}
    came = {key: news[spot] for key, spot in scan.came.items()}
    for key_of in (_elsewhere, _renumbered):
        for old_key, new_key in _pair(gone, came, key_of):
            found = _changed(old_key, gone.pop(old_key), new_key, came.pop(new_key))
            if found is not None:
                result.items.append(found)
    removals = _removals(new_side.groups.index)
    for key, item in gone.items():
        removal = removals.get(key)
        note = Note(reason=removal.reason, date=removal.date) if removal else None
        result.items.append(ItemChange(item.id, item.name, item.sub, _place(key, item),
                                       (change("removed", None, None, None, "取消", "removed"),), note))
    for key, item in came.items():
        result.items.append(ItemChange(item.id, item.name, item.sub, _place(key, item),
                                       (change("added", None, None, None, "增加", "added"),), _note(None, item)))
    result.sort()
    return result
