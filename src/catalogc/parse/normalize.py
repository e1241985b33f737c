"""Text folding: full/half width, traditional/simplified and spacing count as the same text.

OpenCC does the traditional→simplified conversion (a real dictionary with phrases,
not a character table we would have to keep up to date).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import opencc

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[\s\W_]+", re.UNICODE)


@cache
def _converter() -> opencc.OpenCC:
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
