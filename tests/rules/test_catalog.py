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
        ("domain: 养老服务", "domain: 涉农资金", []),  # 德安县's name for 涉农补贴
        ("domain: 养老服务", "domain: 农村集体土地征收", []),  # alias of 征地补偿
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
    ids=["domain", "domain-traditional", "domain-alias", "domain-alias-local", "domain-alias-guideline", "region-province", "region-length", "region-prefecture",
         "region-township-000", "region-township", "region-unquoted", "department", "credit-ok", "credit-check",
         "credit-length"],
)
def test_catalog_rules(check_text, old: str, new: str, expected) -> None:
    assert check_text(edit(old, new), ignore=("C205",)) == expected  # C205 has tests of its own


def test_region_registry_membership(check_text) -> None:
    assert check_text(BASE, regions={"360799": "溪山县"}) == []
    assert check_text(BASE, regions={"360701": "章贡区"}) == [(2, 9, "C204")]


@pytest.mark.parametrize(
    ("region", "expected"),
    [("442000", []), ("441900", []), ("460400", []), ("620200", []), ("442000113", []),
     ("441200", [(2, 9, "C204")]), ("441200101", [(2, 9, "C204")]), ("369901", [(2, 9, "C204")])],
    ids=["zhongshan", "dongguan", "danzhou", "jiayuguan", "zhongshan-town", "prefecture", "prefecture-town",
         "no-such-prefecture"],
)
def test_cities_without_counties_are_county_level(check_text, region: str, expected) -> None:
    """中山, 东莞, 儋州 and 嘉峪关 have no counties: the city code is the county-level code (GB/T 2260)."""
    assert check_text(edit('region: "360799"', f'region: "{region}"'), ignore=("C205",)) == expected


def test_region_messages_name_the_place(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit('region: "360799"', 'region: "441200101"')})
    (finding,) = [d for d in run_check(root).diagnostics if d.code == "C204"]
    assert "“441200”是地级代码（广东省肇庆市）" in finding.message


@pytest.mark.parametrize(
    ("department", "subject", "domain", "expected"),
    [("三门县司法局", "县司法局", "养老服务", []),
     ("自然资源局", "自然资源部门", "养老服务", []),
     ("县级民政部门", "县级民政部门", "养老服务", []),
     ("溪山县民政局", "县级政府民政部门", "养老服务", []),
     ("溪山县民政局", "县级人民政府民政部门", "养老服务", []),
     ("县监管办", "[招标人或者其委托的招标代理机构, 公共资源交易平台运行服务机构]", "公共资源配置", []),
     ("溪山县教育体育局", "县级政府民政部门", "养老服务", [(3, 13, "C206")]),
     ("溪山县城市管理局", "溪山县市场监督管理局", "养老服务", [(3, 13, "C206")])],
    ids=["short-form", "generic-form", "generic-both", "ministry-wording", "ministry-wording-full",
         "public-resources-tenderers", "other-department", "city-management-vs-market"],
)
def test_department_by_its_short_and_generic_forms(check_text, department, subject, domain, expected) -> None:
    text = edit("department: 溪山县民政局", f"department: {department}",
                edit("subject: 溪山县民政局", f"subject: {subject}", edit("domain: 养老服务", f"domain: {domain}")))
    assert [f for f in check_text(text, ignore=("C205",)) if f[2] == "C206"] == expected


def test_department_hint_names_the_subjects(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit("department: 溪山县民政局", "department: 溪山县教育体育局")})
    (finding,) = [d for d in run_check(root).diagnostics if d.code == "C206"]
    assert "溪山县民政局" in (finding.hint or "")


def test_a_renamed_bureau_is_not_taken_for_the_department(check_text) -> None:
    """教育局 and 教育体育局 have different cores: the catalog may come from another body (examples/broken)."""
    text = edit("department: 溪山县民政局", "department: 溪山县教育局", edit("subject: 溪山县民政局", "subject: 溪山县教育体育局"))
    assert [f for f in check_text(text, ignore=("C205",)) if f[2] == "C206"] == [(3, 13, "C206")]
