"""C205: the guideline baseline of a domain, per county and domain, across files."""

from __future__ import annotations

import pytest

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


FOOD = edit("domain: 养老服务", "domain: 食品药品监管", edit(
    "items:\n", "guideline_exceptions: {行政审批/食品经营许可基本信息: 见省平台, 监督检查: 由市局公开}\nitems:\n"))


def _food(name: str, sub: str) -> str:
    return edit("    name: 最低生活保障\n", f"    name: {name}\n    sub: {sub}\n", FOOD)


def test_an_item_counts_under_the_alias_tables_print(tmp_path) -> None:
    # 通海县 and 磐安县 print the guideline's 食品经营许可服务指南 as 食品生产经营许可服务指南
    root = write_workspace(tmp_path, {"catalogs/a.yaml": _food("行政审批", "食品生产经营许可服务指南")})
    assert located(root) == []


def test_aliases_are_folded_like_item_names(tmp_path) -> None:
    # full-width letters, spacing and punctuation do not make another item
    root = write_workspace(tmp_path, {"catalogs/a.yaml": _food("行政审批", "食品生产经营许可 服务指南。")})
    assert located(root) == []


def test_a_name_that_is_no_alias_is_still_missing(tmp_path) -> None:
    found = located(write_workspace(tmp_path, {"catalogs/a.yaml": _food("行政审批", "食品生产许可服务指南")}))
    assert [f[1:4] for f in found] == [(4, 9, "C205")]
    assert "行政审批/食品经营许可服务指南" in found[0][4]


def test_a_first_level_alias_matches_an_item_printed_without_a_second_level(tmp_path) -> None:
    # 腾冲市荷花镇 prints 征收/启动要件 as the one first-level item 征收启动要件
    from catalogc import refdata

    others = [i.label for i in refdata.guidelines()["国有土地上房屋征收"].items if i.label != "征收/启动要件"]
    exceptions = "guideline_exceptions:\n" + "".join(f"  {label}: 由县住建局公开\n" for label in others)
    head = edit("domain: 养老服务", "domain: 国有土地上房屋征收", edit("items:\n", exceptions + "items:\n"))
    passing = edit("    name: 最低生活保障\n", "    name: 征收启动要件\n", head)
    assert located(write_workspace(tmp_path / "p", {"catalogs/a.yaml": passing})) == []
    failing = edit("    name: 最低生活保障\n", "    name: 征收要件\n", head)
    assert [f[1:4] for f in located(write_workspace(tmp_path / "f", {"catalogs/a.yaml": failing}))] == [(4, 9, "C205")]


def test_aliases_are_loaded_apart_from_the_elements() -> None:
    item = next(i for i in guidelines()["食品药品监管"].items if i.sub == "食品经营许可服务指南")
    assert item.aliases == ("行政审批/食品生产经营许可服务指南",)
    assert "aliases" not in item.elements
    assert list(item.labels()) == [("行政审批", "食品经营许可服务指南"), ("行政审批", "食品生产经营许可服务指南")]


def test_numbering_printed_before_each_level_is_no_part_of_the_name(tmp_path) -> None:
    # 腾冲市 prints 1.就业信息服务 / 1.1就业政策法规咨询
    from catalogc import refdata

    others = [i.label for i in refdata.guidelines()["就业"].items if i.label != "就业信息服务/就业政策法规咨询"]
    exceptions = "guideline_exceptions:\n" + "".join(f"  {label}: 由县人社局另行公开\n" for label in others)
    head = edit("domain: 养老服务", "domain: 就业", edit("items:\n", exceptions + "items:\n"))
    passing = edit("    name: 最低生活保障\n", "    name: 1.就业信息服务\n    sub: 1.1就业政策法规咨询\n", head)
    assert located(write_workspace(tmp_path / "p", {"catalogs/a.yaml": passing})) == []
    failing = edit("    name: 最低生活保障\n", "    name: 1.就业信息服务\n    sub: 1.1就业政策咨询\n", head)
    assert [f[1:4] for f in located(write_workspace(tmp_path / "f", {"catalogs/a.yaml": failing}))] == [(4, 9, "C205")]


@pytest.mark.parametrize("domain, name, sub, label", [
    ("公共文化服务", "公共服务", "公共文化机构免费开放信息", "公共文化机构免费开放信息"),  # 兴国县
    ("公共法律服务", "法治宣传教育", "对在法治宣传教育工作中作出显著成绩的单位和个人进行表彰奖励", "表彰奖励"),  # 梅县区, 嘉荫县
    ("公共法律服务", "法治宣传教育", "法律知识普及服务、法律法规和案例检索服务", "法律知识普及"),  # 梅县区
])
def test_real_printed_labels_count_as_their_guideline_item(tmp_path, domain, name, sub, label) -> None:
    head = edit("domain: 养老服务", f"domain: {domain}")
    catalog = edit("    name: 最低生活保障\n", f"    name: {name}\n    sub: {sub}\n", head)
    found = located(write_workspace(tmp_path, {"catalogs/a.yaml": catalog}))
    assert found and all(f[1:4] == (4, 9, "C205") for f in found)  # the other items are still missing
    item = next(i for i in guidelines()[domain].items if any(f"{name}/{sub}" == a for a in i.aliases))
    assert label in item.label and not any(f"“{item.label}”" in f[4] for f in found)
