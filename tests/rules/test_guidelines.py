"""C205: the guideline baseline of a domain, per county and domain, across files."""

from __future__ import annotations

from catalogc.refdata import guidelines
from tests.conftest import run_check, write_workspace
from tests.rules import BASE, edit

HEAD = edit("domain: 养老服务", "domain: 户籍管理")


def located(root):
    return [(d.file, d.line, d.column, d.code, d.message) for d in run_check(root).diagnostics]


def test_missing_items_are_reported_at_the_domain(tmp_path) -> None:
    found = located(write_workspace(tmp_path, {"catalogs/公安局/户籍管理.yaml": HEAD}))
    assert [f[:4] for f in found] == [("catalogs/公安局/户籍管理.yaml", 4, 9, "C205")] * 5
    assert "出生登记/出生登记" in found[0][4]


def test_exceptions_and_items_in_other_files_count(tmp_path) -> None:
    exceptions = "guideline_exceptions:\n  注销登记: 由派出所公开\n  迁移登记: 由派出所公开\n"
    other = edit("  - id: SHJZ-001\n    name: 最低生活保障\n", "  - id: HJ-1\n    name: 出生登记\n    sub: 出生登记\n", HEAD)
    third = edit("  - id: SHJZ-001\n    name: 最低生活保障\n", "  - id: HJ-2\n    name: 收养、入籍等登记\n    sub: 收养登记\n", HEAD)
    root = write_workspace(tmp_path, {
        "catalogs/a.yaml": edit("items:\n", exceptions + "items:\n", HEAD),
        "catalogs/b.yaml": other, "catalogs/c.yaml": third,
    })
    assert located(root) == []


def test_township_catalogs_and_unguided_domains_are_exempt(tmp_path, monkeypatch) -> None:
    from catalogc import refdata

    # every registered domain has a baseline; a domain without one (a province-added domain) is simulated
    baselines = {k: v for k, v in guidelines().items() if k != "养老服务"}
    monkeypatch.setattr(refdata, "guidelines", lambda: baselines)
    root = write_workspace(tmp_path, {
        "catalogs/a.yaml": edit('region: "360799"', 'region: "360799101"', HEAD),
        "catalogs/b.yaml": BASE,
    })
    assert located(root) == []


def test_every_baseline_cites_its_guideline() -> None:
    found = guidelines()
    assert {"社会救助", "户籍管理", "义务教育", "公共法律服务", "财政预决算", "食品药品监管", "重大建设项目"} <= set(found)
    for guideline in found.values():
        assert guideline.document and guideline.items
