"""The quality page's figures (目录质量): per source and per department, what an office answers for
— findings by level, list coverage, missing guideline items and, with ``build --since``, the
changes since the earlier release — then each department's findings in full."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from catalogc.model.bundle import Bundle
from catalogc.publish.changes import ChangeLog

OWN = "本工作区"  # the office's own files, beside its [[sources]]
LISTS = "清单文件"
OTHER = "其他文件"


@dataclass
class Tally:
    """One row of a summary table."""

    name: str
    catalogs: int = 0
    items: int = 0
    levels: Counter[str] = field(default_factory=Counter)
    entries: int = 0
    covered: int = 0
    missing: int = 0
    changes: int = 0

    @property
    def coverage(self) -> str:
        return f"{100 * self.covered / self.entries:.1f}%" if self.entries else "—"

    def add(self, other: Tally) -> None:
        self.catalogs += other.catalogs
        self.items += other.items
        self.levels.update(other.levels)
        self.entries += other.entries
        self.covered += other.covered
        self.missing += other.missing
        self.changes += other.changes


@dataclass
class Quality:
    departments: list[dict[str, Any]]  # each department's findings, coverage and missing items in full
    by_department: list[Tally]
    by_source: list[Tally]  # empty unless the region was assembled from sources
    since: str | None  # the earlier release the changes are counted against


def quality(bundle: Bundle, changes: ChangeLog | None = None) -> Quality:
    by_file = {c.file: c.department for c in bundle.index.catalogs}
    source_of: dict[str, str] = {}
    tallies: dict[str, Tally] = {}
    detail: dict[str, dict[str, list[Any]]] = defaultdict(lambda: {"findings": [], "coverage": [], "missing": []})

    def tally(department: str) -> Tally:
        return tallies.setdefault(department, Tally(department))

    for c in bundle.index.catalogs:
        row = tally(c.department)
        row.catalogs += 1
        row.items += c.items
        source_of.setdefault(c.department, c.source or OWN)
        detail[c.department]  # a department without findings still gets its section
    for f in bundle.index.findings:
        department = by_file.get(f.file, LISTS if f.file.startswith("lists/") else OTHER)
        row = tally(department)
        row.levels[f.severity] += 1
        if f.code == "C205":
            row.missing += 1
        detail[department]["missing" if f.code == "C205" else "findings"].append(f)
        if f.source and department not in source_of:
            source_of[department] = f.source
    for cov in bundle.index.coverage:
        row = tally(cov.department)
        row.entries += cov.entries
        row.covered += cov.covered
        percent = f"{100 * cov.covered / cov.entries:.1f}%" if cov.entries else "—"
        detail[cov.department]["coverage"].append({**cov.model_dump(), "percent": percent})
    if changes is not None:
        owner = {(g.region, g.domain, i.id): i.department for g in bundle.groups for i in g.items}
        single = _single_departments(bundle)
        for change in changes.rows:
            key = (change.region, change.domain)
            changed = owner.get((*key, change.item)) or single.get(key)
            if changed:
                tally(changed).changes += 1
    by_department = [tallies[name] for name in sorted(tallies)]
    by_source: list[Tally] = []
    if any(source != OWN for source in source_of.values()):
        sources: dict[str, Tally] = {}
        for row in by_department:
            name = source_of.get(row.name, OWN)
            sources.setdefault(name, Tally(name)).add(row)
        by_source = [sources[name] for name in sorted(sources, key=lambda n: (n != OWN, n))]
    departments = [{"name": name, "source": source_of.get(name), **data} for name, data in sorted(detail.items())]
    return Quality(departments, by_department, by_source, changes.since if changes is not None else None)


def _single_departments(bundle: Bundle) -> dict[tuple[str, str], str]:
    """The department of each region × domain that only one department's catalog covers: where a
    removed item (no longer in the bundle) is counted."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in bundle.index.catalogs:
        seen[(c.region, c.domain)].add(c.department)
    return {key: next(iter(names)) for key, names in seen.items() if len(names) == 1}
