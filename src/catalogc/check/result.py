"""What a check produces: per-file results from the workers and the workspace's result.

Reporters and publishers take a ``CheckResult``; they never need the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from catalogc.diagnostics import Diagnostic, Severity
from catalogc.findings import Located
from catalogc.load.suppress import Suppression
from catalogc.rules.base import CatalogFact, ItemFact

if TYPE_CHECKING:  # the bundle's models cost a check that publishes nothing a tenth of a second to build
    from catalogc.model.bundle import CatalogMeta, Item


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
