"""Citations resolved against the law registry (and a workspace's own documents), cached."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from catalogc.parse.citation import Citation, parse_citation
from catalogc.refdata import Law, LawRegistry, laws


@dataclass(frozen=True, slots=True)
class Resolved:
    citation: Citation
    laws: tuple[Law, ...]  # the documents found, by number first, then by title
    unknown: tuple[str, ...]  # titles or numbers the registry does not know


def resolve(citation: Citation, registry: LawRegistry) -> Resolved:
    found: list[Law] = []
    unknown: list[str] = []
    for number in citation.numbers:
        law = registry.lookup_number(number)
        if law is not None:
            found.append(law)
    for title in citation.titles:
        hits = registry.lookup_title(title)
        if not hits:
            # a title cited with its number: the number already decided which version is meant
            if not found:
                unknown.append(f"《{title}》")
            continue
        numbered = [law for law in hits if law in found]
        if not numbered:
            found.append(hits[0])
    if not citation.titles and citation.numbers and not found:
        unknown.extend(citation.numbers)
    return Resolved(citation, tuple(dict.fromkeys(found)), tuple(unknown))


@lru_cache(maxsize=65536)
def resolve_text(text: str) -> Resolved:
    """Resolution of one basis entry against the shipped registry."""
    return resolve(parse_citation(text), laws())
