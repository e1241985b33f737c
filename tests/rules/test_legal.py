"""C106–C112: time limits, legal basis, subjects and levels, with exact locations."""

from __future__ import annotations

import pytest

from tests.rules import edit

TL = "time_limit: 信息形成或者变更之日起20个工作日内"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (TL, "time_limit: 同上", [(10, 17, "C106")]),
        (TL, "time_limit: 按规定及时处理", [(10, 17, "C106")]),
        (TL, "time_limit: 制定或获取信息之日起10个工作日内，公示7个工作日", []),
        (TL, "time_limit: 执法决定信息在决定作出之日起7个工作日内公开，其他相关信息形成或变更之日起20个工作日内公开", []),
        (TL, "time_limit: 信息形成或者变更之日起三十个工作日内", [(10, 17, "C107")]),
        ("basis: [《社会救助暂行办法》第九条]\n    " + TL,
         "basis: [《中华人民共和国土地管理法实施条例》第二十八条]\n    time_limit: 信息形成或者变更之日起30个工作日内", []),
        ("method: [主动]", "method: [依申请]", []),
        ("basis: [《社会救助暂行办法》第九条]", "basis: [相关政策文件]", [(9, 13, "C109")]),
        ("basis: [《社会救助暂行办法》第九条]", "basis: [国发〔2012〕45号, \"民发[2021]57号\"]", []),
        ("basis: [《社会救助暂行办法》第九条]", "basis: [《溪山县社会救助工作细则》]", [(9, 13, "C110")]),
        ("basis: [《社会救助暂行办法》第九条]", "basis: [《收养法》]", [(9, 13, "C111")]),
        ("basis: [《社会救助暂行办法》第九条]", "basis: [《中华人民共和国政府信息公开条例》（国务院令第492号）第十八条]", [(9, 13, "C111")]),
        ("basis: [《社会救助暂行办法》第九条]", "basis: [《中华人民共和国政府信息公开条例》（国务院令第711号）第二十条]", []),
        ("basis: [《社会救助暂行办法》第九条]", "basis: [民发〔2012〕220号]", [(9, 13, "C111")]),
        ("level: [县级]", "level: [县级, 乡级]", [(11, 14, "C112")]),
        ("level: [县级]", "level: [县级, 乡级]\n    subject: [溪山县民政局, 各乡镇人民政府（街道办事处）]", []),
        ("level: [县级]", "level: [村级]", [(11, 14, "C112")]),
    ],
    ids=["ditto", "prose", "publicity", "two-part", "over-20", "law-allows-longer", "on-request", "no-document",
         "numbers", "unknown", "repealed-short-name", "old-version-by-number", "current-version", "replaced-number",
         "township-level", "township-body", "village-level"],
)
def test_legal_rules(check_text, old: str, new: str, expected) -> None:
    text = edit(old, new)
    if "\n    subject:" in new:
        text = text.replace("    subject: 溪山县民政局\n", "", 1)
    assert check_text(text) == expected


def test_repealed_message_names_the_successor(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit("basis: [《社会救助暂行办法》第九条]", "basis: [《中华人民共和国法律援助条例》]")})
    (finding,) = run_check(root).diagnostics
    assert "中华人民共和国法律援助法" in finding.message and "2022-01-01" in finding.message


def test_local_documents_from_settings(tmp_path) -> None:
    from catalogc.check.prepare import load_settings
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit("basis: [《社会救助暂行办法》第九条]", "basis: [《溪山县社会救助工作细则》]")})
    (root / "catalogc.toml").write_text('[[laws]]\ntitle = "溪山县社会救助工作细则"\nnumber = "溪府发〔2023〕12号"\n', encoding="utf-8")
    assert run_check(root, load_settings(root)).diagnostics == []


def test_township_catalog_needs_no_township_subject(check_text) -> None:
    # a township's own office needs no township name; a county bureau in a township's catalog does (C112)
    text = edit('region: "360799"', 'region: "360799101"', edit("level: [县级]", "level: [乡级, 村级]"))
    assert check_text(edit("subject: 溪山县民政局", "subject: [乡民政办, 溪山县民政局]", text)) == []
    assert check_text(text) == [(11, 14, "C112")]
