"""The site's search index: one row per item, its text folded the way the checker folds text
(``parse/normalize.py``: full width → half width, traditional → simplified, no spacing), and the
character table the search page folds its query with, so that 辦事 finds 办事.

The page cannot run OpenCC, so it gets NFKC (built into JavaScript) and a table of single
characters taken from OpenCC here, cut down to what can match this index.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from catalogc.model.bundle import Item
from catalogc.parse.normalize import fold

# CJK Unified Ideographs and Extension A; compatibility ideographs are NFKC's, which the page applies first.
_CJK = [chr(c) for c in (*range(0x3400, 0x4DC0), *range(0x4E00, 0xA000))]
SNIPPET = 120  # characters of content shown with each result


def haystack(item: Item) -> str:
    """What a query is looked for in, folded; one line per part so no match spans two of them."""
    return "\n".join(fold(part).lower() for part in (item.name, item.sub or "", *item.content) if part)


def row(item: Item, domain: str, href: str, region: str) -> list[Any]:
    """One item as the page reads it (the order of ``FIELDS`` in static/search.js)."""
    text = "；".join(item.content)
    snippet = text if len(text) <= SNIPPET else text[:SNIPPET] + "…"
    return [item.id, item.name, item.sub, snippet, domain, item.department, item.level, item.audience,
            item.method, item.channels, href, region, haystack(item)]


@cache
def _simplifications() -> dict[str, str]:
    """Every CJK character the checker's fold changes, with what it becomes (one OpenCC call)."""
    folded = fold("|".join(_CJK)).split("|")
    return {t: s for t, s in zip(_CJK, folded, strict=True) if t != s}


def fold_table(indexed: set[str]) -> dict[str, str]:
    """The page's character table: a character is mapped only when what it becomes occurs in the
    index (nothing else could match) and the index does not keep the character itself (乾 of 乾隆)."""
    return {t: s for t, s in sorted(_simplifications().items()) if t not in indexed and set(s) <= indexed}
