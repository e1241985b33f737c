"""`catalogc impact`: which items, in which files, cite a given document.

The question a coordinating office has each time a law is revised or repealed: the
answer lists every citing item with its location, so departments can be told what to
change (动态调整).
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogc.load.config import Settings
from catalogc.load.document import load_file
from catalogc.load.positions import locate
from catalogc.load.workspace import Workspace
from catalogc.model.validate import validate
from catalogc.parse.citation import parse_citation
from catalogc.parse.normalize import fold
from catalogc.refdata import Law, laws
from catalogc.refdata.legal import resolve_text


@dataclass(frozen=True, slots=True)
class Hit:
    file: str
    line: int
    column: int
    item: str
    label: str
    department: str
    basis: str


@dataclass(frozen=True, slots=True)
class Impact:
    query: str
    laws: tuple[Law, ...]  # what the query resolved to (empty: matched by title text alone)
    hits: tuple[Hit, ...]


def _targets(query: str) -> tuple[tuple[Law, ...], tuple[str, ...]]:
    citation = parse_citation(query)
    if not citation.has_document:  # a bare title or short name: 法律援助条例
        citation = parse_citation(f"《{query}》")
    resolved = resolve_text(citation.text)
    titles = tuple(fold(t) for t in citation.titles)
    return resolved.laws, titles


def impact(workspace: Workspace, settings: Settings, query: str) -> Impact:
    """Every item whose basis cites the document named by ``query`` (a 《title》, short name or number),
    in the workspace's target files, read under its settings' limits like the check reads them."""
    targets, titles = _targets(query)
    ids = {law.id for law in targets}
    # a title shared by several versions (2007 and 2019 regulations) matches all of them
    for law in targets:
        ids.update(other.id for other in laws().lookup_title(law.title))
    hits: list[Hit] = []
    for path in workspace.files:
        rel = workspace.rel(path)
        loaded = load_file(path, settings.limits)
        if loaded.root is None or not isinstance(loaded.data, dict):
            continue
        head, items, _, _ = validate(loaded.data)
        department = head.department if head else str(loaded.data.get("department", ""))
        for index, item in items:
            for position, entry in enumerate(item.basis or ()):
                resolved = resolve_text(entry)
                cited = {law.id for law in resolved.laws}
                unknown = {fold(u.strip("《》")) for u in resolved.unknown}
                if cited & ids or (not ids and unknown & set(titles)):
                    line, column = locate(loaded.root, ("items", index, "basis", position))
                    label = (item.name or "") + (f" / {item.sub}" if item.sub else "")
                    hits.append(Hit(rel, line, column, item.id, label, department, entry))
    return Impact(query, targets, tuple(hits))


