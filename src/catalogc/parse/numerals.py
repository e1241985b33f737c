"""Numbers as written in catalogs: 二十, 十五, 一百零五, 两, 〇, 二〇二四, and full-width ２０.

Shared by the time-limit parser (二十个工作日) and the citation parser (第二十条). Pure: no I/O.
"""

from __future__ import annotations

import re
import unicodedata

_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_WAN = "万"
# A run of Chinese numeral characters (万 is left out: 万元 is not a number to rewrite).
CN_NUMBER = "[〇零一二两三四五六七八九十百千]+"
_CN = re.compile(CN_NUMBER)
# Longer runs are not numbers anyone writes; refusing them also keeps int() within its digit limit.
MAX_LENGTH = 12


def _below_wan(text: str) -> int:
    """A number below 10000, strictly: units decrease (千 百 十), one digit before each, 零 only for a gap.

    一百五 is read as people say it, 150; 一二十 and 十百 are not numbers.
    """
    if not text:
        return 0
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))  # 二〇二四: digit by digit
    total, current, last_unit, gap = 0, 0, 10**9, False
    prev = ""  # the kind of the previous character: "", "digit", "zero" or "unit"
    for ch in text:
        if ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                raise ValueError(text)  # 十百
            if prev == "digit":
                total += current * unit
            elif prev == "" or (prev == "zero" and unit == 10):
                total += unit  # 十五, 一千零十: a bare 十 means 一十
            else:
                raise ValueError(text)  # 一百十, 零百
            last_unit, prev = unit, "unit"
        elif _DIGITS[ch] == 0:
            if prev != "unit":
                raise ValueError(text)  # 零零, a leading 零
            prev = "zero"
        else:
            if prev == "digit":
                raise ValueError(text)  # 一二十: two digits in a row
            current, gap, prev = _DIGITS[ch], prev == "zero", "digit"
    if prev == "zero":
        raise ValueError(text)  # 十零
    if prev == "digit":
        # a digit right after 百/千 without 零 is the next place down (一百五 = 150)
        total += current * (last_unit // 10 if not gap and 100 <= last_unit < 10**9 else 1)
    return total


def cn_to_int(text: str) -> int:
    """二十 → 20, 十五 → 15, 一百零五 → 105, 两 → 2, 〇 → 0, 二〇二四 → 2024, 一万二千 → 12000, ２０ → 20.

    Raises ValueError for anything else (empty text, other characters, runs over MAX_LENGTH).
    """
    if not isinstance(text, str) or not text or len(text) > MAX_LENGTH:
        raise ValueError(text)
    if text.isdigit():
        ascii_digits = unicodedata.normalize("NFKC", text)
        if not ascii_digits.isascii() or not ascii_digits.isdigit():
            raise ValueError(text)
        return int(ascii_digits)
    if any(ch not in _DIGITS and ch not in _UNITS and ch != _WAN for ch in text):
        raise ValueError(text)
    if text.count(_WAN) > 1 or text == _WAN:
        raise ValueError(text)
    if _WAN in text:
        high, _, low = text.partition(_WAN)
        if len(low) == 1 and low not in "零〇":
            return (_below_wan(high) if high else 1) * 10000 + _DIGITS[low] * 1000  # 一万五 = 15000
        return (_below_wan(high) if high else 1) * 10000 + _below_wan(low.lstrip("零〇"))
    return _below_wan(text)


def arabize(text: str, follow: str | None = None) -> str:
    """Runs of Chinese numerals replaced by their Arabic value; never raises.

    With ``follow`` (a regex), only runs followed by it are replaced: ``arabize(t, "个|日")``
    turns 二十个工作日 into 20个工作日 but leaves 统一 and 第一季度 alone.
    """
    pattern = _CN if follow is None else re.compile(f"{CN_NUMBER}(?=(?:{follow}))")

    def replace(match: re.Match[str]) -> str:
        run = match.group()
        if len(run) > MAX_LENGTH:
            return run
        for start in range(len(run)):  # 统一二十: the longest valid tail, 二十
            try:
                return run[:start] + str(cn_to_int(run[start:]))
            except ValueError:
                continue
        return run

    return pattern.sub(replace, text)
