"""C106–C108 on the time limits real catalogs print, with exact locations."""

from __future__ import annotations

import pytest

from catalogc.diagnostics import Severity
from tests.rules import edit

TL = "time_limit: 信息形成或者变更之日起20个工作日内"
CONTENT = "content: 低保标准、申请条件、办理流程"


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        # the 重大建设项目 guideline's own two-part limit, with and without spaces
        ("time_limit: 信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示", []),
        ("time_limit: 信息形成 20 个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起 7 个工作日内公示", []),
        ("time_limit: 20个工作日(自该政府信息形成或者变更之日起)", []),  # the anchor after the number
        ("time_limit: \"1.除处罚决定外其他内容:长期公开(动态调整); 2.处罚决定:20个工作日内。\"", []),
        ("time_limit: 在实地启动拟征收土地工作时，在村公示栏公开。", []),  # the 征地 guideline
        ("time_limit: 按规定及时处理", [(10, 17, "C106")]),
        # an update cycle of half a year: longer than the 20 working days
        ("time_limit: 半年至少更新1次", [(10, 17, "C107")]),
        ("time_limit: 每月至少更新1次", [(10, 17, "C107")]),
        ("time_limit: 每周至少更新1次", []),
    ],
    ids=["two-part", "two-part-spaced", "anchor-after", "labelled-parts", "event", "prose", "half-year-cycle",
         "monthly-cycle", "weekly-cycle"],
)
def test_time_limit_phrasings(check_text, new: str, expected) -> None:
    assert check_text(edit(TL, new)) == expected


def test_cycle_without_method_is_still_checked(check_text) -> None:
    """Catalog items are 主动 unless marked otherwise: a table without a 公开方式 column still owes 20 days."""
    text = edit("    method: [主动]\n", "", edit(TL, "time_limit: 半年至少更新1次"))
    assert (10, 17, "C107") in check_text(text)


@pytest.mark.parametrize(
    ("name", "content", "limit", "expected"),
    [
        # 梅县 FL-04: a 律师 penalty, content 行政处罚决定书, 20 working days
        ("name: 律师", "content: 行政处罚决定或行政处罚决定书", TL, [(10, 17, "C108")]),
        # 达川 AQ-06: 行政处罚决定 among the content
        ("name: 依法行政", "content: 办理行政处罚的依据、条件、程序以及本级行政机关认为具有一定社会影响的行政处罚决定", TL,
         [(10, 17, "C108")]),
        # 牟定 GH-03: the results of a 规划许可证
        ("name: 规划许可", "content: 新办、变更、延续、补证、注销的办理情况", TL, [(10, 17, "C108")]),
        # 阿巴嘎旗: the 城管 template's labelled parts, 处罚决定 at 20 working days
        ("name: 绿化管理", "content: 6.处罚决定; 7.救济渠道。",
         "time_limit: \"1.除处罚决定外其他内容:长期公开(动态调整); 2.处罚决定:20个工作日内。\"", [(10, 17, "C108")]),
        # passing: the decisions within 7 working days, alone or as their own part
        ("name: 律师", "content: 行政处罚决定或行政处罚决定书", "time_limit: 作出决定之日起7个工作日内", []),
        ("name: 依法行政", "content: 行政处罚决定",
         "time_limit: 信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示", []),
        # the form the hint proposes clears the warning
        ("name: 律师", "content: 行政处罚决定书",
         "time_limit: 行政处罚决定自作出决定之日起7个工作日内公开，其他信息形成或者变更之日起20个工作日内公开", []),
        # a guide that lists 审批结果 among its elements is not the publication of the decisions
        ("name: 行政许可类事项", "content: 办事指南，包括办理依据、审批时限、审批结果、结果送达", TL, []),
    ],
    ids=["meixian-penalty", "dachuan-penalty", "mouding-permit", "abagaqi-labelled", "seven-days", "own-part", "hint-form", "guide"],
)
def test_double_publicity_without_powers(check_text, name: str, content: str, limit: str, expected) -> None:
    text = edit(TL, limit, edit(CONTENT, content, edit("name: 最低生活保障", name)))
    assert check_text(text) == expected


def test_double_publicity_message_gives_the_reason(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    text = edit(CONTENT, "content: 行政处罚决定或行政处罚决定书", edit("name: 最低生活保障", "name: 律师"))
    root = write_workspace(tmp_path, {"catalogs/a.yaml": text})
    (finding,) = run_check(root).diagnostics
    assert (finding.code, finding.severity) == ("C108", Severity.WARNING)  # no powers: link, so a warning
    assert "国办发〔2018〕118号" in finding.message and "7个工作日" in finding.hint


def test_half_year_cycle_message(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit(TL, "time_limit: 半年至少更新1次")})
    (finding,) = run_check(root).diagnostics
    assert "半年" in finding.message and "信息形成或者变更之日起20个工作日内" in finding.hint


def test_unrecognized_limit_with_a_period_gets_a_proposal(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit(TL, "time_limit: 按规定20个工作日内处理完毕并反馈")})
    (finding,) = run_check(root).diagnostics
    assert finding.code == "C106" and "信息形成或者变更之日起20个工作日内" in finding.hint
