"""C201, C202: ids and names unique within a region and domain, across files."""

from __future__ import annotations

from catalogc.parse.normalize import item_key
from catalogc.rules.guidelines import exception_key
from tests.conftest import run_check, write_workspace
from tests.rules import BASE, edit

SECOND_ITEM = """\
  - id: SHJZ-002
    name: 特困人员救助供养
    content: 救助供养标准
    basis: [《社会救助暂行办法》第十四条]
    time_limit: 信息形成或者变更之日起20个工作日内
    subject: 溪山县民政局
    method: [主动]
    channels: [政府网站]
    audience: [全社会]
    level: [县级]
"""


def located(root):
    return [(d.file, d.line, d.column, d.code) for d in run_check(root).diagnostics]


def test_distinct_items_are_clean(check_text) -> None:
    assert check_text(BASE + SECOND_ITEM) == []


def test_duplicate_id_in_one_file(check_text) -> None:
    assert check_text(BASE + SECOND_ITEM.replace("SHJZ-002", "SHJZ-001")) == [(16, 9, "C201")]


def test_duplicate_name_in_one_file_ignores_width_and_script(check_text) -> None:
    assert check_text(BASE + SECOND_ITEM.replace("特困人员救助供养", "最低生活保障 ")) == [(17, 11, "C202")]
    assert check_text(BASE + SECOND_ITEM.replace("特困人员救助供养", "最低生活保障（）")) == [(17, 11, "C202")]


def test_duplicates_across_files(tmp_path) -> None:
    other = edit("department: 溪山县民政局", "department: 溪山县民政局")
    root = write_workspace(tmp_path, {"catalogs/a.yaml": BASE, "catalogs/b.yaml": other})
    assert located(root) == [("catalogs/b.yaml", 6, 9, "C201"), ("catalogs/b.yaml", 7, 11, "C202")]


def test_other_region_or_domain_is_not_a_duplicate(tmp_path) -> None:
    root = write_workspace(tmp_path, {
        "catalogs/a.yaml": BASE,
        "catalogs/b.yaml": edit('region: "360799"', 'region: "360799101"'),
        "catalogs/c.yaml": edit("domain: 养老服务", "domain: 社会保险"),
    })
    assert [f for f in located(root) if f[3] != "C205"] == []  # 社会保险's baseline is not this test's concern


def test_item_key_folds_width_script_spacing_and_punctuation() -> None:
    assert item_key("最低生活保障 ", "辦事指南") == item_key("最低生活保障", "办事指南")
    assert item_key("最低生活保障", "办事指南") != item_key("最低生活保障", "审核信息")
    assert item_key("最低生活保障", "办事指南") != item_key("最低生活保障")


def test_an_empty_sub_is_no_sub() -> None:
    assert item_key("临时救助", None) == item_key("临时救助", "") == item_key("临时救助", "  ") == \
        item_key("临时救助", "—") == item_key("临时救助")


def test_exception_keys_are_item_keys() -> None:
    assert exception_key("最低生活保障／辦事指南") == item_key("最低生活保障", "办事指南")
    assert exception_key("临时救助/—") == exception_key("临时救助") == item_key("临时救助")
