"""Chinese numerals: the shared helper of the time-limit and citation parsers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogc.parse.numerals import arabize, cn_to_int

CN = "〇一二三四五六七八九"
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def to_chinese(n: int) -> str:
    """The usual written form of 0 <= n < 100000: 十五, 二十, 一百零五, 一千零二十, 一万零五."""
    if n == 0:
        return "〇"

    def section(n: int, top: bool) -> str:
        out, zero, started = "", False, False
        for digit, unit in zip((n // 1000, n // 100 % 10, n // 10 % 10, n % 10), "千百十 ", strict=True):
            if digit == 0:
                zero = zero or started
                continue
            if zero:
                out, zero = out + "零", False
            if not (top and not started and unit == "十" and digit == 1):  # 十五, not 一十五
                out += CN[digit]
            out += unit.strip()
            started = True
        return out

    high, low = divmod(n, 10000)
    if not high:
        return section(low, True)
    return section(high, True) + "万" + (("零" if low < 1000 else "") + section(low, False) if low else "")


@pytest.mark.parametrize(("text", "value"), [
    ("十", 10), ("二十", 20), ("十五", 15), ("三十", 30), ("一百零五", 105), ("两", 2), ("两百", 200), ("〇", 0),
    ("零", 0), ("二〇二四", 2024), ("一千二百", 1200), ("一千零二十", 1020), ("一万二千", 12000), ("一万零五", 10005),
    ("十万", 100000), ("２０", 20), ("20", 20), ("７１１", 711), ("一十五", 15), ("一百五", 150), ("一万五", 15000),
    ("一千零十", 1010),
])
def test_cn_to_int(text: str, value: int) -> None:
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "二十个", "abc", "万", "一万万", "二" * 13, "2十", "-1", "一二十", "十百", "零十",
                                  "十零", "一百零零五", "一百十"])
def test_cn_to_int_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        cn_to_int(text)


@given(st.integers(0, 99999))
def test_written_numbers_round_trip(n: int) -> None:
    assert cn_to_int(to_chinese(n)) == n
    assert cn_to_int(str(n).translate(FULL)) == n


def test_arabize() -> None:
    assert arabize("二十个工作日") == "20个工作日"
    assert arabize("统一二十个工作日", "个") == "统一20个工作日"
    assert arabize("第一季度三月底", "月") == "第一季度3月底"
    assert arabize("一" * 40) == "一" * 40  # too long to be a number: left alone


@given(st.text(max_size=80))
def test_arabize_never_raises(text: str) -> None:
    arabize(text)
    arabize(text, "个|日")
