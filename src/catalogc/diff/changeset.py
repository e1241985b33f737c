"""What a comparison finds: per item, its changes and the note that explains them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from catalogc.diff.kinds import KINDS, ORDER, Gate
from catalogc.model.bundle import Note


@dataclass(frozen=True, slots=True)
class Change:
    """One field-level change: its kind, the bundle field, the values before and after, and what it
    means in words (Chinese, English): ``20 → 10 个工作日``."""

    kind: str
    field: str | None
    old: Any
    new: Any
    zh: str
    en: str

    def detail(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True, slots=True)
class Place:
    """Where an item lives: region, domain, department and file (with the line of its id)."""

    region: str
    domain: str
    department: str
    file: str
    line: int


@dataclass(frozen=True, slots=True)
class ItemChange:
    """An item that was added, removed or changed. ``place`` is where it is now (where it was, when
    removed); ``before`` is where it was when it moved; ``old_id`` its id before an id change."""

    id: str
    name: str
    sub: str | None
    place: Place
    changes: tuple[Change, ...]
    note: Note | None = None
    before: Place | None = None
    old_id: str | None = None

    @property
    def label(self) -> str:
        return self.name + (f" / {self.sub}" if self.sub else "")

    @property
    def kinds(self) -> list[str]:
        return [c.kind for c in self.changes]

    def sort_key(self) -> tuple[str, str, str]:
        return (self.place.region, self.place.domain, self.id)


@dataclass(frozen=True, slots=True)
class SideInfo:
    """What a side of the comparison was: ``workspace``, ``bundle`` or ``git``, as the user named it."""

    kind: str
    label: str
    commit: str | None = None


@dataclass(slots=True)
class ChangeSet:
    old: SideInfo
    new: SideInfo
    items: list[ItemChange] = field(default_factory=list)
    regions: dict[str, str | None] = field(default_factory=dict)  # code → name, from either side

    def summary(self) -> dict[str, int]:
        """How many changes of each kind, in the documented order; kinds that did not occur are left out."""
        counts = Counter(kind for item in self.items for kind in item.kinds)
        return {kind: counts[kind] for kind in KINDS if counts[kind]}

    def gated(self, gates: list[Gate]) -> list[tuple[ItemChange, Change]]:
        """The changes that ``--fail-on`` gates hit (a note is the item's change_note or removal reason)."""
        return [(item, change) for item in self.items for change in item.changes
                if any(g.hits(change.kind, item.note is not None) for g in gates)]

    def sort(self) -> None:
        self.items.sort(key=ItemChange.sort_key)


def ordered(changes: list[Change]) -> tuple[Change, ...]:
    return tuple(sorted(changes, key=lambda c: ORDER[c.kind]))
