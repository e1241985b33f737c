"""The disclosure graph: which items disclose which power and service list entries.

Nodes are list entries and the items that name them; an edge says an item discloses an
entry. Coverage and the list cross-checks (C301–C305) are questions asked of this graph.
Items that name no list entry play no part in those questions and are left out, which
keeps the graph proportional to the lists rather than to the catalogs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import networkx as nx

from catalogc.load.lists import ListEntry
from catalogc.refdata import domains
from catalogc.rules.base import ItemFact


@dataclass(frozen=True, slots=True)
class CoverageRow:
    department: str
    domain: str
    kind: str  # power | service
    entries: int
    covered: int

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.entries if self.entries else 100.0


class DisclosureGraph:
    def __init__(self, facts: Iterable[ItemFact], entries: Iterable[ListEntry]) -> None:
        g = nx.DiGraph()
        self.facts: dict[tuple[str, str, str], ItemFact] = {}
        self.entry: dict[tuple[str, str], ListEntry] = {(e.kind, e.code): e for e in entries}
        g.add_nodes_from(self.entry)
        edges: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for fact in facts:
            if not (fact.powers or fact.services):
                continue
            item = ("item", fact.file, fact.id)
            self.facts[item] = fact
            for kind, refs in (("power", fact.powers), ("service", fact.services)):
                edges.extend((item, (kind, code)) for code, _, _ in refs)
        g.add_edges_from(edges)
        self.g = g

    def entries(self, kind: str) -> list[ListEntry]:
        return [e for (k, _), e in self.entry.items() if k == kind]

    def disclosing_items(self, kind: str, code: str) -> list[ItemFact]:
        node = (kind, code)
        if node not in self.g:
            return []
        return [self.facts[p] for p in self.g.predecessors(node)]

    def references(self) -> Iterator[tuple[ItemFact, str, str, int, int]]:
        """Every (item, kind, code, line, column) an item names."""
        for fact in self.facts.values():
            for kind, refs in (("power", fact.powers), ("service", fact.services)):
                for code, line, column in refs:
                    yield fact, kind, code, line, column

    def known(self, kind: str, code: str) -> ListEntry | None:
        return self.entry.get((kind, code))

    def coverage(self) -> list[CoverageRow]:
        counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
        registry = domains()
        for (kind, code), entry in self.entry.items():
            domain = registry.resolve(entry.domain) or entry.domain or "—"
            row = counts[(entry.subject, domain, kind)]
            row[0] += 1
            row[1] += self.g.in_degree((kind, code)) > 0
        return [CoverageRow(d, dom, k, n, c) for (d, dom, k), (n, c) in sorted(counts.items())]
