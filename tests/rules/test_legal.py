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


B = "basis: [《社会救助暂行办法》第九条]"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        # the 七五 普法规划 as the 公共法律服务 template cites it: nested ASCII <>, a hyphen in 2016-2020
        ("basis: [\"《中共中央、国务院转发<中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划(2016-2020年)>》\"]",
         [(9, 13, "C111")]),
        ("basis: [《2018-2020年农机购置补贴实施指导意见》]", [(9, 13, "C111")]),
        ("basis: [\"1.【行政法规】《疫苗流通和预防接种管理条例》(中华人民共和国国务院令第434号)\"]", [(9, 13, "C111")]),
        ("basis: [《中华人民共和国环境噪声污染防治法》]", [(9, 13, "C111")]),
        ("basis: [\"3.《国务院关于机关事业单位工作人员养老保险制度改革的决定》(国发﹝2015﹞2号)\"]", [(9, 13, "C110")]),
        ("basis: [《行政许可法》, 《母婴保健法》, 《城镇燃气管理条例》]", []),
        ("basis: [《关于推进重大建设项目批准和实施领域政府信息公开的意见》]", []),  # issuer left out
        ("basis: [《财政部关于印发<地方预决算公开操作规程>的通知》]", []),
        # every title of a multi-title entry is resolved
        ("basis: [《政府信息公开条例》《某某不存在的办法》]", [(9, 13, "C110")]),
        ("basis: [《政府信息公开条例》《收养法》]", [(9, 13, "C111")]),
        # an unclosed 《 and a 》 with no 《
        ("basis: [《中华人民共和国政府信息公开条例》《教育部关于推进中小学信息公开工作的意见]", [(9, 13, "C109")]),
        ("basis: [中华人民共和国公共文化服务保障法》]", [(9, 13, "C109")]),
        # titles without 《》, and the templates' own generic wording
        ("basis: [浙江省“七五”普法规划]", [(9, 13, "C109")]),
        ("basis: [●中华人民共和国政府信息公开条例]", [(9, 13, "C109")]),
        ("basis: [各省“七五”普法规划, 各地配套政策法规文件, 《信息公开条例》及相关规定]", []),
        ("basis: [\"《国务院关于全面建立临时救助制度的通知》(国发〔2014〕47号) 、各地相关政策法规文件\"]", []),
        ("basis: [信息公开规定]", []),  # the 养老服务 template's wording (BASE is 养老服务)
        # a number that is another document than the cited title; a near-miss title
        ("basis: [《某某县养老服务补贴办法》（国办发〔2019〕54号）]", [(9, 13, "C110")]),
        ("basis: [《中华人民共和国政府信息公开条件》]", [(9, 13, "C110")]),
        ("basis: [《社会救助暂行办法》（国发〔2012〕45号）]", [(9, 13, "C110")]),  # both known, different documents
        ("basis: [《国务院关于进一步加强和改进最低生活保障工作的意见》（国发〔2012〕45号）]", []),
    ],
    ids=["qiwu-nested-ascii", "nongji-hyphen", "vaccine", "noise-law", "bracket-variant", "short-names",
         "issuer-left-out", "nested-notice", "multi-title-unknown", "multi-title-repealed", "unclosed", "unopened",
         "bare-title", "bullet-title", "generic", "generic-after-title", "generic-in-domain", "number-mismatch",
         "near-miss", "known-title-other-number", "title-and-its-number"],
)
def test_citation_fixtures(check_text, new: str, expected) -> None:
    assert check_text(edit(B, new)) == expected


def test_generic_wording_is_domain_bound(check_text) -> None:
    """信息公开规定 is the 养老服务 template's wording; in 社会救助 (whose template prints 《信息公开条例》及相关规定)
    it names no document."""
    text = edit("domain: 养老服务", "domain: 社会救助", edit(B, "basis: [信息公开规定]"))
    assert (9, 13, "C109") in check_text(text)


def _messages(tmp_path, basis: str) -> list[str]:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit(B, basis)})
    return [f"{d.message} {d.hint}" for d in run_check(root).diagnostics]


@pytest.mark.parametrize(("basis", "wanted"), [
    ("basis: [浙江省“七五”普法规划]", "《浙江省“七五”普法规划》"),
    ("basis: [●中华人民共和国政府信息公开条例]", "《中华人民共和国政府信息公开条例》"),
    ("basis: [中华人民共和国公共文化服务保障法》]", "《中华人民共和国公共文化服务保障法》"),
    ("basis: [《中华人民共和国政府信息公开条例》《教育部关于推进中小学信息公开工作的意见]", "《教育部关于推进中小学信息公开工作的意见》"),
    ("basis: [《中华人民共和国政府信息公开条件》]", "《中华人民共和国政府信息公开条例》"),
    ("basis: [《关于全面推进政务公开工作意见》]", "《关于全面推进政务公开工作的意见》"),
    ("basis: [《某某县养老服务补贴办法》（国办发〔2019〕54号）]", "《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》"),
    ("basis: [\"《中共中央、国务院转发<中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划(2016-2020年)>》\"]",
     "第八个五年规划"),
])
def test_messages_propose_the_corrected_form(tmp_path, basis: str, wanted: str) -> None:
    messages = _messages(tmp_path, basis)
    assert any(wanted in m for m in messages), messages


def test_vague_wording_gets_no_made_up_title(tmp_path) -> None:
    """国家有关规定 refers to documents in general: C109 asks for a document, it does not invent 《国家有关规定》."""
    (message,) = _messages(tmp_path, "basis: [国家有关规定]")
    assert "《国家有关规定》" not in message and "没有写明文件名称或文号" in message
