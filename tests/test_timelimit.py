"""The time-limit parser: every phrasing of the national tables, and properties over generated ones."""

from __future__ import annotations

import dataclasses
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogc.parse.timelimit import (
    RECOGNIZED_FORMS,
    Duration,
    Part,
    TimeLimit,
    describe,
    max_working_days,
    parse_time_limit,
    suggest,
    to_dict,
)
from tests.test_numerals import to_chinese

# DOMAIN.md §4, items 1–22, verbatim (items with variants give each variant).
PHRASINGS = [
    "信息形成或者变更之日起20个工作日内",  # 1
    "自信息形成或者变更之日起20个工作日内予以公开",  # 2
    "形成或者变更之日起20个工作日内予以公开",  # 3
    "信息形成或变更之日起20个工作日内",  # 4
    "自该信息形成或者变更之日起20个工作日内",  # 5
    "自该政府信息形成或者变更之日起20个工作日内及时公开",  # 6
    "信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的，从其规定。",  # 7
    "公开事项信息形成或变更之日起20个工作日内公开",  # 8
    "信息形成(变更)20个工作日内",  # 9
    "信息形成(变更)下发至本单位20个工作日内",  # 9, variant
    "信息形成之日起20个工作日内",  # 10
    "信息形成之后20个工作日内",  # 10
    "信息形成20个工作日内公开",  # 10
    "分配结果确定后20个工作日内",  # 11
    "制定或获取信息之日起10个工作日内",  # 12
    "制定或获取信息之日起10个工作日内，公示7个工作日",  # 13
    "信息形成或变更之日起10个工作日内",  # 14
    "自制作或获取该信息之日起20个工作日内公开",  # 15
    "本级人民代表大会或其常务委员会批准后20日内",  # 16
    "执法决定信息在决定作出之日起7个工作日内公开，其他相关信息形成或变更之日起20个工作日内公开",  # 17
    "信息形成或者变更之日起20个工作日内予以公开；征求意见期限不得少于30日",  # 18
    "及时公开，公告期限为5个工作日",  # 19
    "实时公开",  # 20
    "及时公开",  # 20
    "按进展情况及时公开",  # 21
    "提前一周发通知邀请",  # 21
    "长期",  # 22
    "永久公开",  # 22
]

F, FC, MAKE, GET, DIST = "信息形成或者变更", "信息形成", "制作或获取信息", "制定或获取信息", "分配结果确定"
# (kind, amount, unit, anchor) of the first part, in PHRASINGS order.
EXPECTED = [
    ("within", 20, "工作日", F), ("within", 20, "工作日", F), ("within", 20, "工作日", F),
    ("within", 20, "工作日", F), ("within", 20, "工作日", F), ("within", 20, "工作日", F),
    ("within", 20, "工作日", F), ("within", 20, "工作日", F), ("within", 20, "工作日", F),
    ("within", 20, "工作日", F), ("within", 20, "工作日", FC), ("within", 20, "工作日", FC),
    ("within", 20, "工作日", FC), ("within", 20, "工作日", DIST), ("within", 10, "工作日", GET),
    ("within", 10, "工作日", GET), ("within", 10, "工作日", F), ("within", 20, "工作日", MAKE),
    ("within", 20, "日", "批准"), ("within", 7, "工作日", "作出决定"), ("within", 20, "工作日", F),
    ("prompt", None, None, None), ("realtime", None, None, None), ("prompt", None, None, None),
    ("prompt", None, None, None), ("advance", 1, "周", "发通知邀请"), ("longterm", None, None, None),
    ("permanent", None, None, None),
]


def same(a: TimeLimit | None, b: TimeLimit | None) -> bool:
    """Equal as parsed values (the original text aside)."""
    assert a is not None and b is not None
    return dataclasses.replace(a, text="") == dataclasses.replace(b, text="")


@pytest.mark.parametrize(("text", "expected"), list(zip(PHRASINGS, EXPECTED, strict=True)))
def test_every_documented_phrasing_parses(text: str, expected: tuple) -> None:
    tl = parse_time_limit(text)
    assert tl is not None
    assert (tl.kind, tl.amount, tl.unit, tl.anchor) == expected
    assert same(parse_time_limit(describe(tl)), tl), describe(tl)


@pytest.mark.parametrize("text", RECOGNIZED_FORMS)
def test_recognized_forms_parse(text: str) -> None:
    for form in text.split(" / "):
        assert parse_time_limit(form) is not None, form


@pytest.mark.parametrize("text", [
    "同上", "同上。", "", "   ", "\n", "按规定公开", "根据工作需要", "20", "尽快", "公示7个工作日", "从其规定",
    "征求意见期限不得少于30日", "根据工作需要20个工作日内", "每年根据工作需要", "20个工作日，同上",
    "一" * 5000, "9" * 5000 + "个工作日",
])
def test_ditto_and_prose_do_not_parse(text: str) -> None:
    assert parse_time_limit(text) is None


@pytest.mark.parametrize(("text", "amount", "unit"), [
    ("20个工作日", 20, "工作日"), ("10个工作日", 10, "工作日"), ("二十个工作日", 20, "工作日"), ("三十日", 30, "日"),
    ("十五个工作日内", 15, "工作日"), ("二十工作日内", 20, "工作日"), ("２０个工作日", 20, "工作日"),
    ("20个工作\n日内", 20, "工作日"), ("2\n0 个 工作日内公开", 20, "工作日"), ("20天内", 20, "日"),
    ("5小时内", 5, "小时"), ("3个月内", 3, "月"), ("20个工作日内。", 20, "工作日"),
])
def test_bare_periods(text: str, amount: int, unit: str) -> None:
    tl = parse_time_limit(text)
    assert tl is not None and (tl.kind, tl.amount, tl.unit, tl.anchor) == ("within", amount, unit, None)


@pytest.mark.parametrize("text", [
    "信息形成或变更之日起20个工作日内", "信息形成(变更)20个工作日内", "信息形成（变更）20个工作日内",
    "形成或者变更之日起20个工作日内", "该政府信息形成或者变更之日起20个工作日内", "自信息形成或变更之日起二十个工作日内",
])
def test_anchor_variants_are_one_anchor(text: str) -> None:
    tl = parse_time_limit(text)
    assert tl is not None and tl.anchor == "信息形成或者变更"


def test_structure() -> None:
    tl = parse_time_limit("制定或获取信息之日起十个工作日内，公示７个工作日")
    assert tl is not None
    assert (tl.kind, tl.amount, tl.unit, tl.anchor) == ("within", 10, "工作日", "制定或获取信息")
    assert tl.publicity == Duration(7, "工作日")
    assert parse_time_limit("及时公开，公告期限为5个工作日").publicity == Duration(5, "工作日")

    two = parse_time_limit(PHRASINGS[19])
    assert two.parts == (Part("within", 7, "工作日", "作出决定", "执法决定信息"),
                         Part("within", 20, "工作日", "信息形成或者变更", "其他相关信息"))
    assert max_working_days(two) == 20
    assert max_working_days(two, ("执法决定",)) == 7
    assert max_working_days(two, ("其他",)) == 20
    assert max_working_days(two, ("许可",)) == 20  # no part names it: every part counts

    deferring = parse_time_limit(PHRASINGS[6])
    assert deferring.defers_to_law and deferring.amount == 20
    noted = parse_time_limit(PHRASINGS[20])
    assert noted.notes == ("征求意见期限不得少于30日",) and not noted.defers_to_law

    yearly = parse_time_limit("每年3月底前")
    assert (yearly.kind, yearly.period, yearly.deadline) == ("periodic", "年", "3月底前")
    assert parse_time_limit("每年三月底前").deadline == "3月底前"
    assert (parse_time_limit("每季度").period, parse_time_limit("每季度").deadline) == ("季度", None)
    assert parse_time_limit("按月更新").period == "月"


def test_max_working_days() -> None:
    def days(text: str) -> float | None:
        tl = parse_time_limit(text)
        assert tl is not None, text
        return max_working_days(tl)

    assert days("信息形成或者变更之日起20个工作日内") == 20
    assert days("本级人民代表大会或其常务委员会批准后20日内") == 20  # N natural days: at most N working days
    assert days("5小时内") == 1 and days("48小时内") == 2 and days("49小时内") == 3
    assert days("实时公开") == 0 and days("及时公开") == 0
    for text in ("长期", "永久公开", "每年3月底前", "每季度", "提前一周发通知邀请"):
        assert days(text) is None, text


def test_to_dict() -> None:
    d = to_dict(parse_time_limit("制定或获取信息之日起10个工作日内，公示7个工作日"))
    assert d == {
        "kind": "within", "amount": 10, "unit": "工作日", "anchor": "制定或获取信息", "period": None, "deadline": None,
        "publicity": {"amount": 7, "unit": "工作日"},
        "parts": [{"kind": "within", "amount": 10, "unit": "工作日", "anchor": "制定或获取信息", "scope": None,
                   "period": None, "deadline": None}],
        "defers_to_law": False, "notes": [], "max_working_days": 10.0,
        "text": "自制定或获取信息之日起10个工作日内，公示7个工作日",
    }
    assert to_dict(parse_time_limit("实时公开"))["kind"] == "realtime"
    assert to_dict(parse_time_limit("长期"))["max_working_days"] is None
    assert describe(parse_time_limit("信息形成或变更之日起20个工作日内")) == "自信息形成或者变更之日起20个工作日内"


# ---------------------------------------------------------------------------------------------
# Properties

ANCHORS = {"信息形成或者变更": ["信息形成或者变更之日起", "自信息形成或变更之日起", "信息形成（变更）", "自该政府信息形成或者变更之日起"],
           "制定或获取信息": ["制定或获取信息之日起"], "制作或获取信息": ["自制作或获取该信息之日起"],
           "作出决定": ["作出决定之日起", "决定作出之日起"], "批准": ["批准后", "本级人民代表大会或其常务委员会批准后"],
           "分配结果确定": ["分配结果确定后"], "信息形成": ["信息形成之后", "信息形成之日起"], None: [""]}
UNITS = {"工作日": ["个工作日", "工作日"], "日": ["日", "天"], "小时": ["小时", "个小时"], "月": ["个月"]}
TAILS = ["", "内", "内公开", "内予以公开", "内及时公开", "以内"]
BREAKS = ["\n", " ", "\r\n", "\u3000", "\t"]
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def insert_breaks(text: str, breaks: list[str], rnd: random.Random) -> str:
    for br in breaks:
        cut = rnd.randint(0, len(text))
        text = text[:cut] + br + text[cut:]
    return text


@given(
    amount=st.integers(1, 999),
    unit=st.sampled_from(list(UNITS)),
    anchor=st.sampled_from(list(ANCHORS)),
    style=st.sampled_from(["arabic", "full", "chinese"]),
    breaks=st.lists(st.sampled_from(BREAKS), max_size=4),
    rnd=st.randoms(use_true_random=False),
)
def test_generated_phrasings_round_trip(amount, unit, anchor, style, breaks, rnd) -> None:
    number = {"arabic": str(amount), "full": str(amount).translate(FULL), "chinese": to_chinese(amount)}[style]
    text = rnd.choice(ANCHORS[anchor]) + number + rnd.choice(UNITS[unit]) + rnd.choice(TAILS)
    text = insert_breaks(text, breaks, rnd)
    tl = parse_time_limit(text)
    assert tl is not None, text
    assert (tl.kind, tl.amount, tl.unit, tl.anchor) == ("within", amount, unit, anchor)
    assert same(parse_time_limit(describe(tl)), tl)


CLAUSES = st.one_of(
    st.builds(lambda a, n, u, t: a + n + u + t, st.sampled_from([v for vs in ANCHORS.values() for v in vs]),
              st.integers(1, 99).map(str), st.sampled_from([u for us in UNITS.values() for u in us]),
              st.sampled_from(TAILS)),
    st.sampled_from(["实时公开", "及时公开", "长期", "永久公开", "每年3月底前", "每季度", "提前一周发通知邀请",
                     "执法决定信息在决定作出之日起7个工作日内公开", "其他相关信息形成或变更之日起20个工作日内公开",
                     "公示7个工作日", "公告期限为5个工作日", "征求意见期限不得少于30日", "同上", "按规定公开",
                     "法律、法规对政府信息公开的期限另有规定的，从其规定"]),
)


@given(st.lists(CLAUSES, min_size=1, max_size=4), st.lists(st.sampled_from(["，", "；", "。", ",", ";"]), min_size=3,
                                                            max_size=3))
def test_composed_phrasings_describe_round_trip(clauses: list[str], seps: list[str]) -> None:
    text = "".join(c + seps[i % len(seps)] for i, c in enumerate(clauses))
    tl = parse_time_limit(text)
    if tl is not None:
        assert same(parse_time_limit(describe(tl)), tl), (text, describe(tl))


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    tl = parse_time_limit(text)
    if tl is not None:
        assert same(parse_time_limit(describe(tl)), tl)
        to_dict(tl)


@given(st.text(alphabet="信息形成或者变更之日起制定获取作出决定批准后个工作日内小时月天公开实时及时长期永久每年季度前0123456789二十，。；",
               max_size=40))
def test_never_raises_on_near_misses(text: str) -> None:
    tl = parse_time_limit(text)
    if tl is not None:
        assert same(parse_time_limit(describe(tl)), tl), (text, describe(tl))


# The guidelines' own phrasings, as the published catalogs print them.
GUIDELINE_PHRASINGS = {
    "信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示":
        (("within", 20, None), ("within", 7, "行政许可、行政处罚事项")),
    "信息形成 20 个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起 7 个工作日内公示":
        (("within", 20, None), ("within", 7, "行政许可、行政处罚事项")),
    "20个工作日(自该政府信息形成或者变更之日起)": (("within", 20, None),),
    "1.除处罚决定外其他内容:长期公开(动态调整); 2.处罚决定:20个工作日内。":
        (("longterm", None, "其他内容"), ("within", 20, "处罚决定")),
    "在实地启动拟征收土地工作时，在村公示栏公开。": (("event", None, None),),
    "半年至少更新1次": (("refresh", None, None),),
}


@pytest.mark.parametrize(("text", "parts"), list(GUIDELINE_PHRASINGS.items()))
def test_guideline_phrasings_parse(text: str, parts: tuple) -> None:
    tl = parse_time_limit(text)
    assert tl is not None
    assert tuple((p.kind, p.amount, p.scope) for p in tl.parts) == parts
    assert same(parse_time_limit(describe(tl)), tl), describe(tl)


def test_permit_part_of_two_part_limits() -> None:
    scopes = ("执法决定", "许可", "处罚", "决定")
    two_part = parse_time_limit(next(iter(GUIDELINE_PHRASINGS)))
    assert two_part is not None and max_working_days(two_part, scopes) == 7
    town = parse_time_limit("1.除处罚决定外其他内容:长期公开(动态调整); 2.处罚决定:20个工作日内。")
    assert town is not None and max_working_days(town, scopes) == 20  # the 其他内容 part is not the decision's
    refresh = parse_time_limit("半年至少更新1次")
    assert refresh is not None and max_working_days(refresh) > 20  # a half-year cycle: longer than 20 working days


GUIDELINE_CLAUSES = st.sampled_from([
    "其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示", "1.除处罚决定外其他内容:长期公开(动态调整)",
    "2.处罚决定:20个工作日内", "在实地启动拟征收土地工作时", "在村公示栏公开", "半年至少更新1次", "每季度更新一次",
    "20个工作日(自该政府信息形成或者变更之日起)", "信息形成 20 个工作日内公开",
])


@given(st.lists(st.one_of(CLAUSES, GUIDELINE_CLAUSES), min_size=1, max_size=4),
       st.lists(st.sampled_from(["，", "；", "。", ",", ";"]), min_size=3, max_size=3))
def test_guideline_clauses_round_trip(clauses: list[str], seps: list[str]) -> None:
    text = "".join(c + seps[i % len(seps)] for i, c in enumerate(clauses))
    tl = parse_time_limit(text)
    if tl is not None:
        assert same(parse_time_limit(describe(tl)), tl), (text, describe(tl))
        to_dict(tl)


@pytest.mark.parametrize(("text", "proposal"), [
    ("按规定20个工作日内处理完毕并反馈", "信息形成或者变更之日起20个工作日内"), ("同上", None), ("10个工作日或20个工作日", None),
])
def test_suggest(text: str, proposal: str | None) -> None:
    assert suggest(text) == proposal


@given(st.text(max_size=40))
def test_suggest_never_raises(text: str) -> None:
    proposal = suggest(text)
    assert proposal is None or parse_time_limit(proposal) is not None
