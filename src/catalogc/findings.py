"""What rules and loaders report before policy: unlocated findings and located ones.

Kept below every layer so that loading, validation and positions can speak of findings
without importing the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Any

from catalogc.records import cheap

Path = tuple[str | int, ...]


@cheap
@dataclass(frozen=True, slots=True)
class Finding:
    """A rule's result: where (path into the YAML document) and which message variant."""

    path: Path
    variant: str = "default"
    args: Mapping[str, Any] = _field(default_factory=dict)
    item: str | None = None
    at_key: bool = False  # point at the key rather than its value
    code: str = ""  # stamped by the engine from the rule that yielded it; the loading path names its own


@cheap
@dataclass(frozen=True, slots=True)
class Located:
    """A workspace rule's result: already located, since the YAML trees are gone by then."""

    file: str
    line: int
    column: int
    variant: str = "default"
    args: Mapping[str, Any] = _field(default_factory=dict)
    item: str | None = None
    field: str | None = None  # the element the finding is about (see ``element``), for stable fingerprints
    code: str = ""  # stamped by the engine from the rule that yielded it; the loading path names its own


def element(path: Path) -> str | None:
    """The element a YAML path is about, without list indexes: ``items[3].basis[0].article`` →
    ``basis.article``; a header key names itself. Stable when lines move or items are reordered."""
    if len(path) >= 2 and path[0] == "items" and isinstance(path[1], int):
        path = path[2:]
    return ".".join([s for s in path if not isinstance(s, int)]) or None
