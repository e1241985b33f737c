"""C101–C105, C113: the nine elements and their vocabularies."""

from __future__ import annotations

import pytest

from tests.rules import BASE, edit


def test_base_is_clean(check_text) -> None:
    assert check_text(BASE) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("    time_limit: 信息形成或者变更之日起20个工作日内\n", "", [(6, 5, "C101")]),  # absent: the item's first line
        ("time_limit: 信息形成或者变更之日起20个工作日内", 'time_limit: ""', [(10, 17, "C101")]),
        ("basis: [《社会救助暂行办法》第九条]", "basis: []", [(9, 12, "C101")]),
        ("content: 低保标准、申请条件、办理流程", "content:", [(8, 13, "C101")]),
    ],
    ids=["absent", "empty-string", "empty-list", "null"],
)
def test_missing_element(check_text, old: str, new: str, expected) -> None:
    assert check_text(edit(old, new)) == expected


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("method: [主动]", "method: [公开]", [(12, 14, "C102")]),
        ("method: [主动]", "method: [主动, 依申请公开]", [(12, 18, "C102")]),
        ("audience: [全社会]", "audience: [群众]", [(14, 16, "C103")]),
        ("level: [县级]", "level: [省级]", [(15, 13, "C104")]),
        ("level: [县级]", "level: [区级]", [(15, 13, "C104")]),
        ("channels: [政府网站]", "channels: [政府网站, 官方网站]", [(13, 22, "C105")]),
        ("channels: [政府网站]", "channels: [政府门户网站]", [(13, 16, "C105")]),
        ("channels: [政府网站]", "channels: [政府網站]", []),
        ("channels: [政府网站]", "channels: [其他：国家企业信用信息公示系统]", []),
        ("audience: [全社会]", "audience: [特定群体]", [(14, 15, "C113")]),
        ("audience: [全社会]", "audience: [特定群体]\n    audience_note: 申请人", []),
    ],
    ids=["method", "method-alias", "audience", "level", "level-alias", "channel", "channel-alias",
         "channel-traditional", "channel-other", "audience-note", "audience-note-given"],
)
def test_vocabularies(check_text, old: str, new: str, expected) -> None:
    assert check_text(edit(old, new)) == expected


def test_alias_findings_are_warnings_with_the_canonical_name(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit("channels: [政府网站]", "channels: [政府门户网站]")})
    (finding,) = run_check(root).diagnostics
    assert finding.severity.value == "warning" and "政府网站" in finding.message
