"""Every fix on a failing fixture: the exact text after ``catalogc fix``, comments and layout kept."""

from __future__ import annotations

import pytest

from tests.fix.helpers import BASE, catalog, run, workspace

# (id, the lines before, the lines after, needs --unsafe-fixes)
CASES = [
    # C105 aliases: the canonical channel, in the style the value was written
    ("C105-alias-flow", {"channels": "channels: [政府门户网站, 政府公报]  # 门户"},
     {"channels": "channels: [政府网站, 政府公报]  # 门户"}, False),
    ("C105-alias-double-quoted", {"channels": 'channels: ["政务微博"]'}, {"channels": 'channels: ["两微一端"]'}, False),
    ("C105-alias-traditional", {"channels": "channels: [政府門戶網站]"}, {"channels": "channels: [政府网站]"}, False),
    ("C105-alias-block-single-quoted", {"channels": "channels:\n  - '门户网站'   # 旧写法\n  - 政府公报"},
     {"channels": "channels:\n  - '政府网站'   # 旧写法\n  - 政府公报"}, False),
    ("C102-alias", {"method": "method: [主动公开]"}, {"method": "method: [主动]"}, False),
    ("C103-alias-scalar", {"audience": "audience: 社会公众  # 原表写法"}, {"audience": "audience: 全社会  # 原表写法"}, False),
    ("C104-alias", {"level": "level: [区级]"}, {"level": "level: [县级]"}, False),
    ("C104-alias-listed", {"level": "level: [区级, 县级, 县区级]"}, {"level": "level: [县级]"}, False),
    ("C104-alias-twice", {"level": "level: [区级, 县区级, 乡镇级]"}, {"level": "level: [县级, 乡级]"}, False),
    ("C105-alias-listed-block", {"channels": "channels:\n  - 政府网站\n  - 门户网站\n  - 政务微博  # 微博"},
     {"channels": "channels:\n  - 政府网站\n  - 两微一端  # 微博"}, False),
    # C104 combined headers: split in the list style at hand
    ("C104-split-flow", {"level": "level: [县级, 乡、村级]  # 合并表头"},
     {"level": "level: [县级, 乡级, 村级]  # 合并表头"}, False),
    ("C104-split-flow-separator", {"level": "level: [县级,镇、村级]"}, {"level": "level: [县级,乡级,村级]"}, False),
    ("C104-split-block", {"level": "level:\n  - 县级\n  - 乡、村级  # 表头"},
     {"level": "level:\n  - 县级\n  - 乡级\n  - 村级  # 表头"}, False),
    ("C104-split-scalar-flow-file", {"level": "level: 镇、村级"}, {"level": "level: [乡级, 村级]"}, False),
    ("C104-split-two-headers", {"level": "level: [县、乡级, 乡、村级]"}, {"level": "level: [县级, 乡级, 村级]"}, False),
    ("C104-split-part-listed", {"level": "level: [乡级, 乡、村级]"}, {"level": "level: [乡级, 村级]"}, False),
    ("C104-split-then-alias", {"level": "level: [乡、村级, 乡镇级]"}, {"level": "level: [乡级, 村级]"}, False),
    ("C104-split-all-listed-flow", {"level": "level: [乡级, 村级, 乡、村级]"}, {"level": "level: [乡级, 村级]"}, False),
    ("C104-split-all-listed-block", {"level": "level:\n  - 乡级\n  - 村级\n  - 乡、村级"},
     {"level": "level:\n  - 乡级\n  - 村级"}, False),
    # C004: the format number written as text
    ("C004-format-quoted", {"format": 'format: "1"  # 版本'}, {"format": "format: 1  # 版本"}, False),
    # C006: quoted as written
    ("C006-quote", {"sub": "sub: yes  # 备注"}, {"sub": 'sub: "yes"  # 备注'}, False),
    ("C006-quote-code", {"id": "- id: 0755"}, {"id": '- id: "0755"'}, False),
    # unsafe: a person confirms
    ("C004-key-typo", {"channels": "chanels: [政府网站]  # 拼错"}, {"channels": "channels: [政府网站]  # 拼错"}, True),
    ("C004-head-key-typo", {"domain": "domian: 社会救助"}, {"domain": "domain: 社会救助"}, True),
    ("C107-refresh", {"time_limit": "time_limit: 每季度更新一次  # 原表"},
     {"time_limit": "time_limit: 信息形成或者变更之日起20个工作日内  # 原表"}, True),
    ("C111-successor", {"basis": "basis: [《中华人民共和国法律援助条例》第十条]"},
     {"basis": "basis: [《中华人民共和国法律援助法》第十条]"}, True),
    ("C111-successor-number", {"basis": "basis:\n  - 《城市房屋拆迁管理条例》（国务院令第305号）  # 旧法"},
     {"basis": "basis:\n  - 《国有土地上房屋征收与补偿条例》（国务院令第590号）  # 旧法"}, True),
    ("C110-near", {"basis": "basis: [《中华人民共和国政府信息公开条件》]"},
     {"basis": "basis: [《中华人民共和国政府信息公开条例》]"}, True),
    ("C109-unclosed", {"basis": "basis: ['《社会救助暂行办法第九条']"}, {"basis": "basis: ['《社会救助暂行办法》第九条']"}, True),
    ("C104-split-county-subject", {"level": "level: [县级, 乡、村级]", "subject": "subject: 溪山县民政局"},
     {"level": "level: [县级, 乡级, 村级]", "subject": "subject: 溪山县民政局"}, True),
    ("C105-other", {"channels": "channels: [政府网站, 本县政务服务网]"},
     {"channels": "channels: [政府网站, 其他：本县政务服务网]"}, True),
    ("C207-check-char", {"department": "department: 溪山县民政局\ndepartment_code: \"11360799MB0001011X\"  # 代码"},
     {"department": "department: 溪山县民政局\ndepartment_code: \"11360799MB0001011T\"  # 代码"}, True),
]


@pytest.mark.parametrize(("before", "after", "unsafe"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_fix_edits_the_text_in_place(tmp_path, before, after, unsafe) -> None:
    path = workspace(tmp_path, catalog(**before))
    args = ["fix", str(tmp_path)] + (["--unsafe-fixes"] if unsafe else [])
    result = run(*args)
    assert path.read_text(encoding="utf-8") == catalog(**after), result.output
    assert "已修复" in result.output
    if unsafe:  # without --unsafe-fixes nothing changes
        workspace(tmp_path, catalog(**before))
        run("fix", str(tmp_path))
        assert path.read_text(encoding="utf-8") == catalog(**before)


def test_block_file_splits_a_single_value_into_a_block_list(tmp_path) -> None:
    text = BASE.replace("method: [主动]", "method:\n      - 主动").replace("channels: [政府网站]", "channels:\n      - 政府网站")
    text = text.replace("audience: [全社会]", "audience:\n      - 全社会").replace("level: [县级]", "level: 乡、村级  # 表头")
    text = text.replace("basis: [《社会救助暂行办法》第九条]", "basis:\n      - 《社会救助暂行办法》第九条")
    path = workspace(tmp_path, text)
    run("fix", str(tmp_path))
    assert path.read_text(encoding="utf-8") == text.replace("level: 乡、村级  # 表头", "level:\n      - 乡级\n      - 村级  # 表头")


def test_format_is_a_number_and_keeps_its_ambiguity_for_a_person(tmp_path) -> None:
    text = BASE.replace("format: 1", "format: 01")
    path = workspace(tmp_path, text)
    result = run("check", "--diff", str(tmp_path))
    assert (result.exit_code, result.output) == (0, "")
    assert path.read_text(encoding="utf-8") == text


def test_a_misspelt_key_is_not_renamed_onto_a_key_that_is_there(tmp_path) -> None:
    text = catalog(channels="channels: [政府网站]\nchanels: [政府公报]")
    path = workspace(tmp_path, text)
    run("fix", "--unsafe-fixes", str(tmp_path))
    assert path.read_text(encoding="utf-8") == text


def test_a_suppressed_finding_is_never_fixed(tmp_path) -> None:
    text = catalog(channels="channels: [政府门户网站]  # catalogc: ignore[C105] 本县沿用的写法")
    path = workspace(tmp_path, text)
    result = run("fix", str(tmp_path))
    assert path.read_text(encoding="utf-8") == text
    assert "已修复 0 处" in result.output


def test_select_limits_what_is_fixed(tmp_path) -> None:
    text = catalog(channels="channels: [政府门户网站]", sub="sub: yes")
    path = workspace(tmp_path, text)
    run("fix", "--select", "C006", str(tmp_path))
    assert path.read_text(encoding="utf-8") == catalog(channels="channels: [政府门户网站]", sub='sub: "yes"')
