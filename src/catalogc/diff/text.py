"""The 动态调整 record for people: the text report, and the rows of the site page and the Excel
change sheet (``publish.changes``)."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path
from typing import TextIO

from catalogc.diff.changeset import ChangeSet, ItemChange, SideInfo
from catalogc.diff.kinds import CHANGED, KINDS, SHEET_TYPE
from catalogc.model.bundle import Note
from catalogc.publish.changes import ChangeLog, ChangeRow

_MARK = {"added": "+", "removed": "-"}


def side_label(side: SideInfo, lang: str = "zh") -> str:
    if side.kind == "git" and side.commit:
        return f"{side.label}（{side.commit[:12]}）" if lang == "zh" else f"{side.label} ({side.commit[:12]})"
    return side.label


def _note(note: Note | None, lang: str) -> str:
    if note is None:
        return "原因：未说明" if lang == "zh" else "reason: not given"
    if lang == "en":
        return f"reason: {note.reason}" + (f" ({note.date})" if note.date else "")
    return f"原因：{note.reason}" + (f"（{note.date}）" if note.date else "")


def write_text(changes: ChangeSet, stream: TextIO, lang: str = "zh") -> None:
    """Grouped by region and domain; per item its id, name, each change in words, and the note."""
    old, new = side_label(changes.old, lang), side_label(changes.new, lang)
    stream.write(f"{old} → {new}\n")
    if not changes.items:
        stream.write("没有调整。\n" if lang == "zh" else "No changes.\n")
        return
    for (region, domain), items in groupby(changes.items, key=lambda i: (i.place.region, i.place.domain)):
        name = changes.regions.get(region)
        stream.write(f"\n{region}{f' {name}' if name else ''} · {domain}\n")
        for item in items:
            kinds = item.kinds
            mark = _MARK.get(kinds[0], "~") if len(kinds) == 1 else "~"
            stream.write(f"  {mark} {item.id} {item.label}\n")
            for change in item.changes:
                stream.write(f"      {change.detail(lang)}\n")
            stream.write(f"      {_note(item.note, lang)}\n")
    summary = changes.summary()
    words = [f"{KINDS[kind][1 if lang == 'en' else 0]} {count}" for kind, count in summary.items()]
    total = len(changes.items)
    if lang == "en":
        stream.write(f"\n{total} items changed: {', '.join(words)}\n")
    else:
        stream.write(f"\n{total} 个事项有调整：{'，'.join(words)}\n")


def _sheet_type(item: ItemChange) -> str:
    kinds = item.kinds
    return SHEET_TYPE[kinds[0]][0] if len(kinds) == 1 and kinds[0] in SHEET_TYPE else CHANGED[0]


def change_log(changes: ChangeSet) -> ChangeLog:
    """The rows of the site's 目录动态调整记录 and of the Excel 调整情况 sheet (in Chinese, as published)."""
    rows = tuple(
        ChangeRow(region=i.place.region, domain=i.place.domain, item=i.id, name=i.label, kind=_sheet_type(i),
                  detail="；".join(c.zh for c in i.changes), reason=i.note.reason if i.note else "",
                  date=(i.note.date or "") if i.note else "", current="removed" not in i.kinds)
        for i in changes.items
    )
    return ChangeLog(_public_label(changes.old), rows)


def _public_label(side: SideInfo) -> str:
    """How the published page names the earlier release: a revision as given, a folder by its name
    alone (the path on the machine that built the site is nobody's business)."""
    return side_label(side) if side.kind == "git" else Path(side.label).resolve().name or side.label
