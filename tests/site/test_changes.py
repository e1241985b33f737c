"""The 目录动态调整记录 page in a real browser: reached from a changed item, linking back to it,
its catalog text inert, and no serious accessibility violations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalogc.check.prepare import load_settings
from catalogc.diff import load_side
from catalogc.diff.command import since_record
from catalogc.load.workspace import discover
from catalogc.publish.build import build
from tests.paths import ROOT
from tests.site.test_site import ASSETS, browser, page, url  # noqa: F401  (fixtures used by name)

CASES = ROOT / "tests" / "cases" / "diff"
HOSTILE = "'<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">新增'"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(CASES / "new", root, dirs_exist_ok=True)
    path = root / "catalogs" / "民政局" / "社会救助.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("reason: 新增就业救助事项", f"reason: {HOSTILE}"),
                    encoding="utf-8")
    old = CASES / "old"
    assert load_side(str(old), old)  # the fixture reads as a side
    out = tmp_path_factory.mktemp("out") / "out"
    build(discover(root), load_settings(root), out, jobs=1, allow_errors=True, since=since_record(str(old), old))
    return out / "site"


def test_from_a_changed_item_to_its_entry_and_back(page, site: Path) -> None:  # noqa: F811
    page.goto(url(site, "r/360799/社会救助.html"))
    detail = page.locator("#item-SHJZ-001")
    detail.get_by_role("link", name="本事项在本次发布中有调整").click()
    assert page.url.endswith("changes.html#c1")
    assert page.get_by_role("heading", level=1).inner_text() == "目录动态调整记录"
    entry = page.locator("#c1")
    assert "公开时限：20 → 10 个工作日（缩短）" in entry.inner_text()
    assert "按《最低生活保障审核确认办法》调整" in entry.inner_text() and "2025-03-01" in entry.inner_text()
    entry.get_by_role("link", name="最低生活保障 / 审批结果").click()
    assert page.url.endswith("r/360799/%E7%A4%BE%E4%BC%9A%E6%95%91%E5%8A%A9.html#item-SHJZ-001")


def test_removed_items_are_listed_without_a_link(page, site: Path) -> None:  # noqa: F811
    page.goto(url(site, "changes.html"))
    row = page.locator("tr", has_text="医疗救助")
    assert "取消" in row.inner_text() and "职责划转至县医疗保障局" in row.inner_text()
    assert row.get_by_role("link").count() == 0
    unexplained = page.locator("tr", has_text="教育救助")
    assert "未说明" in unexplained.inner_text()


def test_the_record_is_in_the_navigation_and_its_text_inert(page, site: Path) -> None:  # noqa: F811
    page.goto(url(site, "index.html"))
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="动态调整").click()
    assert page.url.endswith("changes.html")
    assert page.evaluate("window.__pwned") is None and page.locator("main img").count() == 0
    assert "<script>window.__pwned=1</script>" in page.locator("tr", has_text="就业救助 / 办事指南").inner_text()


def test_accessibility_of_the_record(browser, site: Path) -> None:  # noqa: F811
    axe = ASSETS / "axe.min.js"
    if not axe.exists():
        pytest.skip("axe-core not fetched (make test fetches it)")
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script, which the CSP refuses
    p = context.new_page()
    p.goto(url(site, "changes.html"))
    p.add_script_tag(path=str(axe))
    result = p.evaluate("async () => await axe.run(document, {resultTypes: ['violations'], preload: false})")
    assert [(v["id"], v["impact"]) for v in result["violations"] if v["impact"] in ("serious", "critical")] == []
    context.close()
