"""Compile a checked catalog into normalized bundle items: canonical vocabulary, parsed time
limits, resolved citations with their status, and provenance (file and line).

Runs in the worker that checked the file, while the document is at hand. An item is first
made as plain data in the bundle's JSON shape (``compile_plain``): the build's spool writes that
with orjson, at a third of the cost of building the models and serializing them through pydantic,
and the same bytes (a property test compares the two). Where models are wanted they are built from
the plain data without running pydantic's validators (``bundle.from_plain``): the catalog was
validated when it was checked, and the tests validate compiled items against the models and
every written file against the schema generated from them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from catalogc import refdata
from catalogc.model import bundle
from catalogc.model.bundle import from_plain
from catalogc.model.catalog import Catalog, ChangeNote, Item
from catalogc.parse.timelimit import parsed, to_dict
from catalogc.refdata.legal import resolve_text


def _canonical(vocabulary: refdata.Vocabulary, values: list[str] | None) -> list[str]:
    if not values:
        return []
    key = (vocabulary, tuple(values))
    found = _CANONICAL.get(key)
    if found is None:
        out: list[str] = []
        for value in values:
            out.extend(vocabulary.resolve_all(value) or (value,))
        found = _CANONICAL[key] = tuple(dict.fromkeys(out))
    return list(found)


# Canonical values by vocabulary and the values as written: a province writes a few dozen
# combinations of 公开方式, 渠道, 对象 and 层级 over and over (keyed by the vocabulary itself, not its id).
_CANONICAL: dict[tuple[refdata.Vocabulary, tuple[str, ...]], tuple[str, ...]] = {}


@lru_cache(maxsize=4096)
def _limit(text: str) -> dict[str, Any] | None:
    """A time limit's parse as the bundle writes it, by its text: catalogs repeat a handful of
    phrasings thousands of times. The items with one text share the dict; nothing changes a
    compiled item's parse (the bundle's readers only read it)."""
    tl = parsed(text) if text else None
    return to_dict(tl) if tl else None


def _citation(text: str) -> dict[str, Any]:
    resolved = resolve_text(text)
    c = resolved.citation
    return {
        "text": text,
        "titles": list(c.titles),
        "article": c.article,
        "numbers": list(c.numbers),
        "documents": [{"id": law.id, "title": law.title, "number": law.number, "status": law.status,
                       "replaced_by": law.replaced_by} for law in resolved.laws],
    }


def compile_plain(item: Item, department: str, file: str, line: int) -> dict[str, Any]:
    """One checked item as the bundle's JSON holds it: every field in the model's order, the ones
    left out when unset (``change_note``, the source's name and commit) left out."""
    plain: dict[str, Any] = {
        "id": item.id,
        "name": item.name or "",
        "sub": item.sub,
        "content": [c for c in item.content or () if c.strip()],
        "basis": [_citation(b) for b in item.basis or () if b.strip()],
        "time_limit": {"text": item.time_limit or "", "parsed": _limit(item.time_limit or "")},
        "subject": list(item.subject or ()),
        "method": _canonical(refdata.methods(), item.method),
        "channels": _canonical(refdata.channels(), item.channels),
        "audience": _canonical(refdata.audiences(), item.audience),
        "audience_note": item.audience_note,
        "level": _canonical(refdata.levels(), item.level),
        "powers": list(item.powers),
        "services": list(item.services),
        "department": department,
        "source": {"file": file, "line": line},
    }
    if item.change_note:
        plain["change_note"] = _note(item.change_note)
    return plain


def _note(note: ChangeNote) -> dict[str, str | None]:
    return {"reason": note.reason, "date": note.date.isoformat() if note.date else None}


def catalog_meta(head: Catalog, file: str, items: int) -> bundle.CatalogMeta:
    return bundle.CatalogMeta(
        file=file,
        region=head.region,
        department=head.department,
        department_code=head.department_code,
        domain=refdata.domains().resolve(head.domain) or head.domain,
        version=head.version,
        effective=head.effective.isoformat() if head.effective else None,
        items=items,
        not_applicable=head.not_applicable,
        guideline_exceptions=dict(head.guideline_exceptions or {}),
        removed=[bundle.Removal(id=r.id, name=r.name, reason=r.reason, date=r.date.isoformat() if r.date else None)
                 for r in head.removed or ()],
    )


def compile_rows(head: Catalog, items: list[Item], file: str, lines: dict[str, int]) -> list[dict[str, Any]]:
    """A catalog's items as plain data (``compile_plain``), as the spool writes them."""
    return [compile_plain(item, head.department, file, lines.get(item.id, 1)) for item in items]


def compile_catalog(head: Catalog, items: list[Item], file: str, lines: dict[str, int]) -> tuple[bundle.CatalogMeta, list[bundle.Item]]:
    """A check's collector that keeps the compiled items in memory: one catalog's metadata and items as models."""
    compiled = [from_plain(row) for row in compile_rows(head, items, file, lines)]
    return catalog_meta(head, file, len(compiled)), compiled
