"""C112: township-level items name a township body, in the forms real catalogs write them."""

from __future__ import annotations

import pytest

from tests.rules import edit

TOWNSHIP_ITEM = edit("level: [县级]", "level: [县级, 乡级]")


@pytest.mark.parametrize(
    "subject",
    ["[溪山县民政局, 各乡（镇）人民政府]", "[溪山县民政局, 各乡(镇)人民政府(街道办事处)]", "[溪山县民政局, 镇（街道）]",
     "[溪山县民政局, 镇级人民政府]", "[溪山县民政局, 乡镇政府]", "[溪山县民政局, 石羊镇中心学校]",
     "[溪山县民政局, 宜就镇文化站]", "[溪山县民政局, 蓬莱派出所]"],
)
def test_township_bodies_in_bracketed_and_owned_forms(check_text, subject: str) -> None:
    assert check_text(edit("subject: 溪山县民政局", f"subject: {subject}", TOWNSHIP_ITEM)) == []


@pytest.mark.parametrize(
    ("domain", "subject", "expected"),
    [("安全生产", "[溪山县民政局, 应急管理部门]", []),
     ("公共文化服务", "[溪山县民政局, 相关公共文化服务机构]", []),
     ("户籍管理", "[溪山县民政局, 区公安分局]", []),
     ("养老服务", "[溪山县民政局, 区公安分局]", [(11, 14, "C112")])],
)
def test_bodies_the_guideline_names_for_the_township_level(check_text, domain: str, subject: str, expected) -> None:
    """The 安全生产, 公共文化服务 and 户籍管理 guidelines tick 乡级 for county bodies acting in every township."""
    text = edit("domain: 养老服务", f"domain: {domain}", edit("subject: 溪山县民政局", f"subject: {subject}", TOWNSHIP_ITEM))
    assert [f for f in check_text(text) if f[2] == "C112"] == expected


def test_combined_header_needs_no_township_subject(check_text) -> None:
    """乡、村级 is the template's one column below the county, ticked by the county department itself."""
    assert [f for f in check_text(edit("level: [县级]", "level: [县级, 乡、村级]")) if f[2] == "C112"] == []


def test_township_catalog_still_checks_a_county_bureau_subject(check_text) -> None:
    township = edit('region: "360799"', 'region: "360799101"', TOWNSHIP_ITEM)
    assert check_text(township) == [(11, 14, "C112")]
    assert check_text(edit("subject: 溪山县民政局", "subject: [溪山县民政局, 乡民政办]", township)) == []
