"""The time-limit parser: every phrasing of the national tables, and properties over generated ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogc.timelimit import describe, max_working_days, parse_time_limit, to_dict

# DOMAIN.md §4, items 1–22, verbatim.
PHRASINGS = [
    "信息形成或者变更之日起20个工作日内",
    "自信息形成或者变更之日起20个工作日内予以公开",
    "形成或者变更之日起20个工作日内予以公开",
    "信息形成或变更之日起20个工作日内",
    "自该信息形成或者变更之日起20个工作日内",
    "自该政府信息形成或者变更之日起20个工作日内及时公开",
    "信息形成或者变更之日起20个工作日内。法律、法规对政府信息公开的期限另有规定的，从其规定。",
    "公开事项信息形成或变更之日起20个工作日内公开",
    "信息形成(变更)20个工作日内",
    "信息形成(变更)下发至本单位20个工作日内",
    "信息形成之日起20个工作日内",
    "信息形成之后20个工作日内",
    "信息形成20个工作日内公开",
    "分配结果确定后20个工作日内",
    "制定或获取信息之日起10个工作日内",
    "制定或获取信息之日起10个工作日内，公示7个工作日",
    "信息形成或变更之日起10个工作日内",
    "自制作或获取该信息之日起20个工作日内公开",
    "本级人民代表大会或其常务委员会批准后20日内",
    "执法决定信息在决定作出之日起7个工作日内公开，其他相关信息形成或变更之日起20个工作日内公开",
    "信息形成或者变更之日起20个工作日内予以公开；征求意见期限不得少于30日",
    "及时公开，公告期限为5个工作日",
    "实时公开",
    "及时公开",
    "按进展情况及时公开",
    "提前一周发通知邀请",
    "长期",
    "永久公开",
    "20个工作日",
    "10个工作日",
]


@pytest.mark.parametrize("text", PHRASINGS)
def test_every_documented_phrasing_parses(text: str) -> None:
    assert parse_time_limit(text) is not None


@pytest.mark.parametrize("text", ["同上", "同上。", "", "   ", "按规定公开", "根据工作需要", "20", "尽快"])
def test_ditto_and_prose_do_not_parse(text: str) -> None:
    assert parse_time_limit(text) is None


def test_structure() -> None:
    tl = parse_time_limit("制定或获取信息之日起十个工作日内，公示７个工作日")
    assert (tl.kind, tl.amount, tl.unit, tl.anchor) == ("within", 10, "工作日", "制定或获取信息")
    assert (tl.publicity.amount, tl.publicity.unit) == (7, "工作日")
    budget = parse_time_limit("本级人民代表大会或其常务委员会批准后20日内")
    assert (budget.unit, budget.anchor) == ("日", "批准")
    two = parse_time_limit(PHRASINGS[19])
    assert [p.amount for p in two.parts] == [7, 20] and two.parts[0].scope == "执法决定信息"
    assert max_working_days(two) == 20 and max_working_days(two, ("执法决定",)) == 7
    assert parse_time_limit(PHRASINGS[6]).defers_to_law
    assert parse_time_limit("每年3月底前").parts[0].period == "年"
    assert max_working_days(parse_time_limit("长期")) is None
    assert to_dict(parse_time_limit("实时公开"))["kind"] == "realtime"


ANCHORS = {"信息形成或者变更": "信息形成或者变更之日起", "制定或获取信息": "制定或获取信息之日起", "作出决定": "作出决定之日起",
           "批准": "批准后", "分配结果确定": "分配结果确定后", None: ""}
DIGITS = "0123456789"
FULL = "０１２３４５６７８９"
CN = "〇一二三四五六七八九"


def chinese(n: int) -> str:
    tens, ones = divmod(n, 10)
    hundreds, tens = divmod(tens, 10)
    out = (CN[hundreds] + "百") if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else CN[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (CN[ones] if ones else "")


@given(
    amount=st.integers(1, 999),
    unit=st.sampled_from(["工作日", "日"]),
    anchor=st.sampled_from(list(ANCHORS)),
    style=st.sampled_from(["arabic", "full", "chinese"]),
    breaks=st.lists(st.sampled_from(["\n", " ", "\r\n", "\u3000"]), max_size=3),
    seed=st.randoms(use_true_random=False),
)
def test_generated_phrasings_round_trip(amount, unit, anchor, style, breaks, seed) -> None:
    number = {"arabic": str(amount), "full": str(amount).translate(str.maketrans(DIGITS, FULL)),
              "chinese": chinese(amount)}[style]
    text = f"{ANCHORS[anchor]}{number}个{unit}内" if unit == "工作日" else f"{ANCHORS[anchor]}{number}{unit}内"
    for br in breaks:
        cut = seed.randint(0, len(text))
        text = text[:cut] + br + text[cut:]
    tl = parse_time_limit(text)
    assert tl is not None, text
    assert (tl.amount, tl.unit, tl.anchor) == (amount, unit, anchor)
    again = parse_time_limit(describe(tl))
    assert (again.amount, again.unit, again.anchor) == (amount, unit, anchor)


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    parse_time_limit(text)
