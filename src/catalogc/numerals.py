"""Chinese numerals as written in catalogs: 二十, 十五, 一百零五, 两, 〇, and full-width digits."""

from __future__ import annotations

import re

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER = "[〇零一二两三四五六七八九十百千]+"
_CN = re.compile(CN_NUMBER)


def cn_to_int(text: str) -> int:
    """二十 → 20, 一百零五 → 105, 十五 → 15, 二〇二四 → 2024 (digit by digit); ValueError otherwise."""
    if not text or any(ch not in _DIGITS and ch not in _UNITS for ch in text):
        raise ValueError(text)
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total = current = 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _UNITS[ch]
            current = 0
    return total + current


def arabize(text: str) -> str:
    """Every run of Chinese numerals replaced by its Arabic value."""
    return _CN.sub(lambda m: str(cn_to_int(m.group())), text)
