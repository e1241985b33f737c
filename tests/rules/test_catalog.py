"""C203, C204, C206, C207: who publishes the catalog, where, in which domain."""

from __future__ import annotations

import pytest

from tests.rules import BASE, edit


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("domain: 养老服务", "domain: 养老福利服务", [(4, 9, "C203")]),
        ("domain: 养老服务", "domain: 養老服務", []),
        ("domain: 养老服务", "domain: 卫生健康", []),  # alias of 医疗卫生
        ('region: "360799"', 'region: "990799"', [(2, 9, "C204")]),
        ('region: "360799"', 'region: "3607"', [(2, 9, "C204")]),
        ('region: "360799"', 'region: "360700"', [(2, 9, "C204")]),
        ('region: "360799"', 'region: "360799000"', [(2, 9, "C204")]),
        ('region: "360799"', 'region: "360799101"', []),
        ('region: "360799"', "region: 360799", []),
        ("department: 溪山县民政局", "department: 溪山县教育体育局", [(3, 13, "C206")]),
        ("department: 溪山县民政局", "department: 溪山县民政局\ndepartment_code: 11360799MB1234562P", []),
        ("department: 溪山县民政局", "department: 溪山县民政局\ndepartment_code: 11360799MB1234562X", [(4, 18, "C207")]),
        ("department: 溪山县民政局", "department: 溪山县民政局\ndepartment_code: 1151130000877869M", [(4, 18, "C207")]),
    ],
    ids=["domain", "domain-traditional", "domain-alias", "region-province", "region-length", "region-prefecture",
         "region-township-000", "region-township", "region-unquoted", "department", "credit-ok", "credit-check",
         "credit-length"],
)
def test_catalog_rules(check_text, old: str, new: str, expected) -> None:
    assert check_text(edit(old, new), ignore=("C205",)) == expected  # C205 has tests of its own


def test_region_registry_membership(check_text) -> None:
    assert check_text(BASE, regions={"360799": "溪山县"}) == []
    assert check_text(BASE, regions={"360701": "章贡区"}) == [(2, 9, "C204")]
