"""Check characters and structure of the codes a catalog carries (pure functions, no I/O).

GB 32100-2015: the 18-character unified social credit code (统一社会信用代码), whose
characters 9–17 embed a GB 11714 organization code with its own check character.
GB/T 2260: 6-digit county-level region codes; GB/T 10114 adds 3 digits for townships.
"""

from __future__ import annotations

from collections.abc import Mapping

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, Z, S, V
_CREDIT_VALUE = {ch: i for i, ch in enumerate(CREDIT_CHARSET)}
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_VALUE = {**{str(d): d for d in range(10)}, **{chr(ord("A") + i): 10 + i for i in range(26)}}


def credit_check_char(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters."""
    total = sum(_CREDIT_VALUE[ch] * w for ch, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARSET[(31 - total % 31) % 31]


def org_check_char(first8: str) -> str:
    """The GB 11714 check character of an organization code body (8 digits or capitals)."""
    total = sum(_ORG_VALUE[ch] * w for ch, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def check_credit_code(code: str) -> str | None:
    """None when valid, else why not: length, charset, region, org-check, check-char."""
    if len(code) != 18:
        return "length"
    if any(ch not in _CREDIT_VALUE for ch in code):
        return "charset"
    if not code[2:8].isdigit():
        return "region"
    org = code[8:17]
    if any(ch not in _ORG_VALUE for ch in org[:8]) or org_check_char(org[:8]) != org[8]:
        return "org-check"
    if credit_check_char(code[:17]) != code[17]:
        return "check-char"
    return None


def check_region_code(code: str, provinces: Mapping[str, str], places: Mapping[str, str] | None = None) -> str | None:
    """None when ``code`` can name a county (6 digits) or township (9 digits) government.

    Reasons: format, province, prefecture (digits 3–4 are 00), county (digits 5–6 are 00:
    a prefecture, not a county), township (a 9-digit code ending in 000), no-prefecture (digits
    1–4 name no prefecture of the GB/T 2260 table in ``places``). With ``places``, a prefecture-level
    city that has no counties (中山 442000, 东莞 441900, 儋州 460400, 嘉峪关 620200) is a county-level
    code, and so is the 6-digit part of its towns' codes. A county part missing from the table is
    not refused: development zones publish under codes the table does not list.
    """
    if not code.isascii() or not code.isdigit() or len(code) not in (6, 9):
        return "format"
    if code[:2] not in provinces:
        return "province"
    if code[2:4] == "00":
        return "prefecture"
    if places is not None and code[:4] + "00" not in places:
        return "no-prefecture"
    if code[4:6] == "00" and not (places is not None and not_divided(code[:6], places)):
        return "county"
    if len(code) == 9 and code[6:] == "000":
        return "township"
    return None


def not_divided(prefecture: str, places: Mapping[str, str]) -> bool:
    """Whether a prefecture-level code (XXYY00) has no county codes (XXYYZZ) under it in ``places``."""
    return prefecture in places and not any(
        c.startswith(prefecture[:4]) and c != prefecture for c in places)
