"""What a check produces: per-file results from the workers and the workspace's result.

Reporters and publishers take a ``CheckResult``; they never need the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from catalogc.diagnostics import Diagnostic, Severity
from catalogc.findings import Located
from catalogc.load.suppress import Suppression
from catalogc.rules.base import CatalogFact, ItemFact

if TYPE_CHECKING:  # the bundle's models cost a check that publishes nothing a tenth of a second to build
    from catalogc.model.bundle import CatalogMeta, Item


class LazyFacts(list):  # type: ignore[type-arg]
    """Item facts made the first time they are used. A cached re-run after one file changed needs the
    facts of the groups it checks again, not of every file: the others' stay encoded in their entries.
    What the run needs of every file without the facts themselves is known beforehand: how many there
    are (``len``), their groups (region, domain) and whether any links to a list (``linked``)."""

    __slots__ = ("_load", "_size", "groups", "linked")

    def __init__(self, load: Callable[[], Iterable[ItemFact]], size: int | None = None,
                 groups: frozenset[tuple[str, str]] | None = None, linked: bool | None = None) -> None:
        super().__init__()
        self._load: Callable[[], Iterable[ItemFact]] | None = load
        self._size = size
        self.groups = groups
        self.linked = linked

    @classmethod
    def chain(cls, parts: list[list[ItemFact]]) -> list[ItemFact]:
        """All parts as one list, made when first used if any part is lazy."""
        if not any(isinstance(part, LazyFacts) for part in parts):
            return [f for part in parts for f in part]
        return cls(lambda: [f for part in parts for f in part], sum(map(len, parts)))

    def _fill(self) -> None:
        if self._load is not None:
            load, self._load = self._load, None
            super().extend(load())

    def __iter__(self) -> Any:
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        if self._load is not None and self._size is not None:
            return self._size
        self._fill()
        return super().__len__()

    def __getitem__(self, index: Any) -> Any:
        self._fill()
        return super().__getitem__(index)

    def __contains__(self, value: object) -> bool:
        self._fill()
        return super().__contains__(value)

    def __reversed__(self) -> Any:
        self._fill()
        return super().__reversed__()

    def __bool__(self) -> bool:
        return len(self) > 0

    def __eq__(self, other: object) -> bool:
        self._fill()
        if isinstance(other, LazyFacts):
            other._fill()
        return super().__eq__(other)

    def __repr__(self) -> str:
        self._fill()
        return super().__repr__()

    __hash__ = None  # type: ignore[assignment]


def groups_of(result: FileResult) -> frozenset[tuple[str, str]]:
    """The (region, domain) groups a file takes part in: its items' and its header's."""
    stored = result.facts.groups if isinstance(result.facts, LazyFacts) else None
    if stored is not None:
        return stored
    groups = {(fact.region, fact.domain) for fact in result.facts}
    if result.catalog is not None:
        groups.add((result.catalog.region, result.catalog.domain))
    return frozenset(groups)


def linked(result: FileResult) -> bool:
    """Whether any item of the file names a power or service (then the workspace builds its graph)."""
    stored = result.facts.linked if isinstance(result.facts, LazyFacts) else None
    if stored is not None:
        return stored
    return any(f.powers or f.services for f in result.facts)


@dataclass(slots=True)
class FileResult:
    rel: str
    findings: list[Located] = field(default_factory=list)  # before policy: the parent applies it
    facts: list[ItemFact] = field(default_factory=list)
    suppressions: list[Suppression] = field(default_factory=list)
    catalog: CatalogFact | None = None
    compiled: tuple[CatalogMeta, list[Item]] | None = None  # (catalog meta, items) for build


@dataclass(slots=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    files: int
    items: int
    facts: list[ItemFact] = field(default_factory=list)
    graph: Any = None  # catalogc.check.graph.DisclosureGraph when the workspace has lists
    compiled: list[tuple[CatalogMeta, list[Item]]] = field(default_factory=list)
    office: Any = None  # catalogc.load.sources.Office when the workspace assembles sources

    def coverage(self) -> list[Any]:
        """List coverage per department, domain and list (``CoverageRow``s); empty without lists."""
        return self.graph.coverage() if self.graph is not None else []

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def exit_code(self, strict: bool = False) -> int:
        if self.count(Severity.ERROR):
            return 1
        return 1 if strict and self.count(Severity.WARNING) else 0
