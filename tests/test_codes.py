"""GB 32100 / GB 11714 check characters and GB/T 2260 structure."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogc.parse.codes import (
    CREDIT_CHARSET,
    check_credit_code,
    check_region_code,
    credit_check_char,
    org_check_char,
)
from catalogc.refdata import provinces

ORG_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000802100433B", "11360799MB1234562P"])
def test_real_codes_are_valid(code: str) -> None:
    assert check_credit_code(code) is None


@pytest.mark.parametrize(("code", "reason"), [
    ("1151130000877869M", "length"),
    ("91350100M000100Y4I", "charset"),
    ("9135A100M000100Y43", "region"),
    ("91350100M000100Y53", "org-check"),
    ("91350100M000100Y44", "check-char"),
])
def test_invalid_codes_say_why(code: str, reason: str) -> None:
    assert check_credit_code(code) == reason


@st.composite
def valid_codes(draw: st.DrawFn) -> str:
    head = draw(st.text(CREDIT_CHARSET, min_size=2, max_size=2))
    region = draw(st.text("0123456789", min_size=6, max_size=6))
    body = draw(st.text(ORG_CHARS, min_size=8, max_size=8))
    first = head + region + body + org_check_char(body)
    if any(ch not in CREDIT_CHARSET for ch in first):
        first = head + region + "MB000000" + org_check_char("MB000000")
    return first + credit_check_char(first)


@given(valid_codes())
def test_generated_codes_validate(code: str) -> None:
    assert check_credit_code(code) is None


@given(valid_codes(), st.integers(0, 17), st.sampled_from(CREDIT_CHARSET))
def test_any_single_change_of_the_last_character_is_caught(code: str, position: int, replacement: str) -> None:
    changed = code[:17] + replacement
    assert (check_credit_code(changed) is None) == (replacement == code[17])


@pytest.mark.parametrize(("code", "reason"), [
    ("360799", None), ("360799101", None), ("110101", None),
    ("36079", "format"), ("３６０７９９", "format"), ("990799", "province"), ("360099", "prefecture"),
    ("360700", "county"), ("360799000", "township"), ("3607991", "format"),
])
def test_region_codes(code: str, reason: str | None) -> None:
    assert check_region_code(code, provinces()) == reason


@pytest.mark.parametrize(("code", "reason"), [
    ("442000", None), ("441900", None), ("460400", None), ("620200", None), ("442000101", None),
    ("441200", "county"), ("360700", "county"), ("369901", "no-prefecture"), ("360799", None),
])
def test_region_codes_against_the_gbt2260_table(code: str, reason: str | None) -> None:
    """Cities without counties are county-level; a prefecture missing from the table is refused."""
    from catalogc.refdata import places

    assert check_region_code(code, provinces(), places()) == reason
