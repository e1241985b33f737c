"""Text folding: full/half width, traditional/simplified and spacing count as the same text.

OpenCC does the traditional→simplified conversion (a real dictionary with phrases,
not a character table we would have to keep up to date).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@cache
def _converter() -> opencc.OpenCC:
    import opencc  # its library is loaded only when some text is not ASCII

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """NFKC (full-width → half-width), traditional → simplified, whitespace removed."""
    text = unicodedata.normalize("NFKC", text)
    if not text.isascii():
        text = _converter().convert(text)
    return _SPACE.sub("", text)


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """``fold`` without punctuation: the key under which two names count as the same item."""
    return _PUNCT.sub("", fold(text)).lower()


KEY_SEP = "\x1f"  # between name and sub in an item key; never part of folded text


def item_key(name: str, sub: str | None = None) -> str:
    """The key under which two items count as the same: folded name, then folded sub when it has one.

    Duplicate detection (C202), the guideline baseline (C205) and its exceptions all compare
    items by this key, so ``name`` alone and ``name / sub`` must be built the same way everywhere.
    """
    folded, folded_sub = fold_key(name), fold_key(sub) if sub else ""
    return f"{folded}{KEY_SEP}{folded_sub}" if folded_sub else folded
