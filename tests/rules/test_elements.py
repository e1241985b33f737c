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


def _found(tmp_path, text: str) -> list[tuple[int, int, str, str, str]]:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/民政局/社会救助.yaml": text})
    return [(d.line, d.column, d.code, d.severity.value, d.message) for d in run_check(root).diagnostics]


@pytest.mark.parametrize(
    "channels",
    ["[1.政府网站, 2.两微一端]", "[1.政府网站;, 2.其他]", "[铁力市政府网站]", "[其他法律服务网]",
     "[其他_]", "[社区/企事业单位/村公示栏 (电子屏)]"],
    ids=["numbered", "numbered-separator", "county-named-site", "other-box-with-text", "other-box-blank",
         "spaced-bracket"],
)
def test_channels_as_real_tables_print_them_are_accepted(check_text, channels: str) -> None:
    """Numbering, trailing separators and the county's own name are not part of the channel."""
    assert check_text(edit("channels: [政府网站]", f"channels: {channels}")) == []


@pytest.mark.parametrize(
    ("channel", "canonical"),
    [("县政府门户网站", "政府网站"), ("嘉荫县司法局公众号", "两微一端"), ("公众号", "两微一端"),
     ("政府服务中心", "政务服务中心"), ("乡镇便民服务中心", "便民服务站"), ("党群服务中心", "便民服务站"),
     ("公示公开栏", "社区/企事业单位/村公示栏（电子屏）"), ("2.社区/村公示栏", "社区/企事业单位/村公示栏（电子屏）"),
     ("公示栏等", "社区/企事业单位/村公示栏（电子屏）"), ("街道文化站公示栏", "社区/企事业单位/村公示栏（电子屏）"),
     ("发布会听证会", "发布会/听证会"), ("查询点", "公开查阅点"),
     ("山东政务服务网", "其他：山东政务服务网"), ("省网上办事大厅", "其他：省网上办事大厅"),
     ("文化机构门口", "其他：文化机构门口")],
)
def test_channel_variants_warn_with_the_canonical_value(tmp_path, channel: str, canonical: str) -> None:
    """Recognised variants and channels outside the template are warnings naming what to write, never errors."""
    found = _found(tmp_path, edit("channels: [政府网站]", f"channels: [{channel}]"))
    assert [(line, column, code, severity) for line, column, code, severity, _ in found] == \
        [(13, 16, "C105", "warning")]
    assert f"“{canonical}”" in found[0][4]


def test_channel_typo_is_reported_with_the_option_it_misspells(tmp_path) -> None:
    """存 for 村 in the template's notice-board option (as printed by a real table): a did-you-mean warning."""
    found = _found(tmp_path, edit("channels: [政府网站]", "channels: [社区/企事业单位/存公示栏(电子屏)]"))
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [(13, 16, "C105", "warning")]
    assert "是不是“社区/企事业单位/村公示栏（电子屏）”" in found[0][4]


@pytest.mark.parametrize("level", ["乡、村级", "镇、村级"])
def test_combined_level_header_is_split_with_an_info(tmp_path, level: str) -> None:
    found = _found(tmp_path, edit("level: [县级]", f"level: [县级, {level}]"))
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [(15, 17, "C104", "info")]
    assert "乡级、村级" in found[0][4]


@pytest.mark.parametrize(("level", "canonical"), [("镇(街)级", "乡级"), ("镇（街）级", "乡级"), ("区县级", "县级")])
def test_level_variants_are_alias_warnings(tmp_path, level: str, canonical: str) -> None:
    found = [f for f in _found(tmp_path, edit("level: [县级]", f"level: [{level}]")) if f[2] == "C104"]
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [(15, 13, "C104", "warning")]
    assert f"“{canonical}”" in found[0][4]


@pytest.mark.parametrize(("domain", "severity"), [("重大建设项目", "info"), ("环境保护", "info"), ("生态环境", "info"),
                                                  ("养老服务", "error")])
def test_level_absent_where_the_guideline_has_no_level_column(tmp_path, domain: str, severity: str) -> None:
    """The 重大建设项目 and 生态环境 guidelines' tables have no 公开层级 column."""
    text = edit("domain: 养老服务", f"domain: {domain}", edit("    level: [县级]\n", ""))
    found = [f for f in _found(tmp_path, text) if f[2] == "C101"]
    assert [(f[0], f[1], f[2], f[3]) for f in found] == [(6, 5, "C101", severity)]
