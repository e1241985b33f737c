"""The disclosure graph: who publishes which items, and which list entries they disclose.

Nodes are regions, departments, catalogs, items, power and service entries and cited
documents; edges say publishes / contains / discloses / implements / cites. Coverage and
the list cross-checks (C301–C305) are questions asked of this one graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from catalogc.lists import ListEntry
from catalogc.normalize import fold
from catalogc.refdata import domains
from catalogc.rules.base import ItemFact


def item_node(fact: ItemFact) -> tuple[str, str, str]:
    return ("item", fact.file, fact.id)


def entry_node(kind: str, code: str) -> tuple[str, str]:
    return (kind, code)


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
        g = nx.MultiDiGraph()
        for entry in entries:
            node = entry_node(entry.kind, entry.code)
            g.add_node(node, entry=entry)
            g.add_edge(("department", fold(entry.subject)), node, relation="implements")
        for fact in facts:
            item = item_node(fact)
            catalog = ("catalog", fact.file)
            g.add_node(item, fact=fact)
            g.add_edge(("region", fact.region), catalog, relation="publishes")
            g.add_edge(("department", fold(fact.department)), catalog, relation="owns")
            g.add_edge(catalog, item, relation="contains")
            for kind, refs in (("power", fact.powers), ("service", fact.services)):
                for code, line, column in refs:
                    g.add_edge(item, entry_node(kind, code), relation="discloses", line=line, column=column)
        self.g = g

    def entries(self, kind: str) -> list[ListEntry]:
        return [data["entry"] for node, data in self.g.nodes(data=True) if node[0] == kind and "entry" in data]

    def disclosing_items(self, kind: str, code: str) -> list[ItemFact]:
        node = entry_node(kind, code)
        if node not in self.g:
            return []
        return [self.g.nodes[p]["fact"] for p in self.g.predecessors(node) if p[0] == "item"]

    def references(self) -> Iterable[tuple[ItemFact, str, str, int, int]]:
        """Every (item, kind, code, line, column) an item names."""
        for u, v, data in self.g.edges(data=True):
            if data.get("relation") == "discloses":
                yield self.g.nodes[u]["fact"], v[0], v[1], data["line"], data["column"]

    def known(self, kind: str, code: str) -> ListEntry | None:
        node = entry_node(kind, code)
        return self.g.nodes[node].get("entry") if node in self.g else None

    def coverage(self) -> list[CoverageRow]:
        counts: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
        registry = domains()
        for kind in ("power", "service"):
            for entry in self.entries(kind):
                domain = registry.resolve(entry.domain) or entry.domain or "—"
                row = counts[(entry.subject, domain, kind)]
                row[0] += 1
                row[1] += bool(self.disclosing_items(kind, entry.code))
        return [CoverageRow(d, dom, k, n, c) for (d, dom, k), (n, c) in sorted(counts.items())]
