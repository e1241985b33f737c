"""公开时限: the official phrasings parsed into a structured value. Pure: no I/O.

Why a small grammar and not one regex: the real phrasings (DOMAIN.md §4) are free combinations
of a few independent pieces, each with its own variants:

    [scope] [connector] [anchor event] [之日起|后|之后] N [个] unit [内] [予以公开]
    , [公示|公告期限为 N 个工作日] ; [法律、法规…另有规定的，从其规定] ; [征求意见期限不得少于30日]

plus single words (实时 / 及时 / 长期 / 永久), schedules (每年3月底前, 每季度) and advance
notices (提前一周). One regex covering all of that would be unreadable, and every newly
seen anchor or tail would mean editing it. Instead the text is

1. normalized (``fold``): NFKC (full-width digits and punctuation), every space and line
   break removed (OCR splits "20个工作\\n日内"), Chinese numerals before a unit made Arabic
   (二十个工作日 → 20个工作日, 三十日 → 30日);
2. split into clauses at ，；。;
3. each clause handed to small recognizers in turn (``_CLAUSES``): a clause that sets a
   period becomes a ``Part``; a publicity period, a deferral to other law or a minimum
   period is recorded on the ``TimeLimit``; any other clause makes the whole text
   unrecognized (None), so ``同上`` and prose such as 按规定公开 are reported, not guessed.

Units stay as written: 工作日 and 日 (natural days) are different limits. Kinds are
within, realtime (实时), prompt (及时), longterm (长期), permanent (永久), periodic (每年…),
advance (提前一周…, a notice before an event, seen for 重要会议), event (在实地启动拟征收土地
工作时: at an event of the procedure, the 征地 guideline's wording) and refresh (半年至少更新1次: an
update cycle, so information may wait a whole cycle after it forms).

The guidelines' own two-part limits are clauses with a scope: a label (``2.处罚决定:20个工作日内``,
numbering dropped; ``除处罚决定外其他内容`` is the rest, scope 其他内容) or a sentence subject
(``其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示``). The anchor may follow
the number in brackets (``20个工作日(自该政府信息形成或者变更之日起)``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from catalogc.parse.lazy import lazy
from catalogc.parse.numerals import arabize

RECOGNIZED_FORMS = (
    "信息形成或者变更之日起20个工作日内",
    "制定或获取信息之日起10个工作日内，公示7个工作日",
    "作出决定之日起7个工作日内",
    "本级人民代表大会或其常务委员会批准后20日内",
    "实时公开 / 及时公开 / 长期 / 永久公开",
    "每年3月底前 / 每季度",
)


@dataclass(frozen=True, slots=True)
class Duration:
    amount: int
    unit: str


@dataclass(frozen=True, slots=True)
class Part:
    """One clause that sets a period: its kind, amount and unit, anchor event, and whose information (scope)."""

    kind: str
    amount: int | None = None
    unit: str | None = None
    anchor: str | None = None
    scope: str | None = None
    period: str | None = None
    deadline: str | None = None


@dataclass(frozen=True, slots=True)
class TimeLimit:
    """A parsed time limit: one or more parts (two for 执法决定信息…，其他相关信息…), plus extras.

    The first part's fields are also available on the time limit itself (``tl.amount``).
    """

    text: str
    parts: tuple[Part, ...]
    publicity: Duration | None = None
    defers_to_law: bool = False
    notes: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return self.parts[0].kind

    @property
    def amount(self) -> int | None:
        return self.parts[0].amount

    @property
    def unit(self) -> str | None:
        return self.parts[0].unit

    @property
    def anchor(self) -> str | None:
        return self.parts[0].anchor

    @property
    def scope(self) -> str | None:
        return self.parts[0].scope

    @property
    def period(self) -> str | None:
        return self.parts[0].period

    @property
    def deadline(self) -> str | None:
        return self.parts[0].deadline


# ---------------------------------------------------------------------------------------------
# Tokens

_NUMBER = r"(?<![0-9])([0-9]{1,6})"  # bounded: no int() of a 5000-digit string
_UNIT_WORDS = {"个工作日": "工作日", "工作日": "工作日", "个小时": "小时", "小时": "小时", "个月": "月",
               "个星期": "周", "星期": "周", "周": "周", "天": "日", "个日": "日", "日": "日"}
_UNIT = "(" + "|".join(sorted(_UNIT_WORDS, key=len, reverse=True)) + ")"
_DURATION = lazy(_NUMBER + _UNIT)
# Chinese numerals are made Arabic only before these (so 统一, 第一季度 stay as written).
_NUMERAL_FOLLOW = "个|工作日|日|天|小时|月|周|星期"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

# Anchor events, most specific first: (keywords that must all occur, canonical anchor).
_ANCHORS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("分配结果确定",), "分配结果确定"),
    (("制定", "获取"), "制定或获取信息"),
    (("制作", "获取"), "制作或获取信息"),
    (("获取",), "获取信息"),
    (("形成", "变更"), "信息形成或者变更"),
    (("形成",), "信息形成"),
    (("变更",), "信息变更"),
    (("决定", "作出"), "作出决定"),
    (("作出",), "作出决定"),
    (("批复",), "批复"),
    (("批准",), "批准"),
    (("收到",), "收到申请"),
    (("受理",), "受理"),
    (("发布",), "发布"),
    (("结束",), "结束"),
)
_CONNECTOR = lazy(r"^(?:在|自|从|于|由)")
_ANCHOR_END = lazy(r"(?:之日起|之日后|之日|以后|之后|以来|起|后)$")
_SCOPES: tuple[re.Pattern[str], ...] = (
    lazy(r"^(.{1,12}?信息)(?:在|自|于|从)(.+)$"),  # 执法决定信息在决定作出之日起…
    lazy(r"^((?:其他|其它|其余).{0,10}?信息)(.*)$"),  # 其他相关信息形成或变更之日起…
    lazy(r"^(?:其中)?(.{1,16}?(?:事项|信息|结果|决定))(?:应当|应|须|要)?(?:在|自|于|从)(.+)$"),
)
_TAIL = lazy(r"^(?:以内|之内|内)?(?:予以|及时|主动|向社会)?(?:公开|发布|公布|更新|办结|公示|公告)?(?:完毕)?$")
_TRAILING_ANCHOR = lazy(r"^(?:以内|之内|内)?（([^（）]+)）(.*)$")  # 20个工作日(自该政府信息形成…之日起)
_LABEL = lazy(r"^(?:[0-9]{1,2}[.、]|（?[0-9一二三四五六七八九十]{1,2}）)?(?:([^:：]{1,20})[:：])?(.+)$")
_EXCEPT = lazy(r"^除.{1,16}?(?:以)?外(.*)$")
_NOTE = lazy(r"（(?:动态调整|动态更新|及时更新|长期有效)）$")
_EVENT = lazy(r"^(?:在|于)(.{2,30}?)(?:之时|时|的同时|同时)(?:公开|发布|公布|公示|公告)?$")
_CHANNEL_NOTE = lazy(r"^(?:在|通过|于).{1,16}(?:公示栏|公告栏|宣传栏|政府网站|网站|村务公开栏)(?:上)?(?:公开|公示|公布|张贴|发布)$")
_REFRESH = lazy(r"^(?:至少)?(?:每)?(年度|半年|年|季度|季|月|周)(?:至少)?(?:更新|公开|发布)(?:[0-9]{1,2}|一)次$")

_PUBLICITY = lazy(r"^(?:并|且)?(?:公示|公告)(?:期限|期|时间)?(?:为|不少于|不得少于)?" + _NUMBER + _UNIT + "$")
_MINIMUM = lazy(r"(?:不得少于|不少于|不低于)" + _NUMBER + _UNIT)
_DEFERS = ("从其规定", "依照其规定", "按其规定")
_REALTIME = lazy(r"^实时(?:动态)?(?:公开|发布|更新)?$")
_PROMPT = lazy(r"^(?:按进展情况|根据进展情况?|根据工作进展)?及时(?:予以)?(?:公开|发布|更新)?$")
_LONGTERM = lazy(r"^(?:长期|常年)(?:公开|有效|公示)?$")
_PERMANENT = lazy(r"^永久(?:公开|保存)?$")
_PERIODS = {"年度": "年", "年": "年", "半年": "半年", "季度": "季度", "季": "季度", "月": "月", "周": "周"}
_DEADLINE_CHARS = r"[0-9第季度月日号底初末中旬上下半年前内以之后结束个工作天〇零一二三四五六七八九十]"
_PERIODIC = lazy(r"^(?:每|按)(年度|半年|年|季度|季|月|周)(" + _DEADLINE_CHARS + r"*?)(?:公开|发布|更新|公布)?$")
_ADVANCE = lazy(r"^提前" + _NUMBER + _UNIT + "(.*)$")
_SPLIT = lazy(r"[,;。]+")


def fold(text: str) -> str:
    """NFKC, no whitespace, （） for (), Arabic numbers before units (二十个 → 20个, 三十日 → 30日)."""
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    text = "".join(text.split()).replace("(", "（").replace(")", "）")
    return arabize(text, _NUMERAL_FOLLOW)


# ---------------------------------------------------------------------------------------------
# Clause recognizers: each takes one clause and returns a Part, or None when it does not apply.


def _anchor(prefix: str) -> tuple[bool, str | None]:
    """(recognized, canonical anchor) of the text before a duration: (True, None) when there is none."""
    prefix = _ANCHOR_END.sub("", prefix)
    prefix = _CONNECTOR.sub("", prefix).replace("（", "").replace("）", "")
    if not prefix:
        return True, None
    for keywords, canonical in _ANCHORS:
        if all(k in prefix for k in keywords):
            return True, canonical
    return False, None


def _within(clause: str) -> Part | None:
    """[scope][自]anchor[之日起] N unit [内][予以公开], or N unit (自anchor之日起)"""
    for match in _DURATION.finditer(clause):
        rest, late_anchor = clause[match.end():], None
        trailing = _TRAILING_ANCHOR.match(rest)
        if trailing and not clause[: match.start()]:
            late_anchor, rest = trailing.group(1), trailing.group(2)
        if not _TAIL.match(rest):
            continue
        if late_anchor is not None:
            recognized, anchor = _anchor(_ANCHOR_END.sub("", late_anchor))
            if not recognized:
                return None
            return Part("within", int(match.group(1)), _UNIT_WORDS[match.group(2)], anchor)
        prefix = _ANCHOR_END.sub("", clause[: match.start()])
        scope = None
        for pattern in _SCOPES:
            scoped = pattern.match(prefix)
            if scoped:
                scope, prefix = scoped.group(1), scoped.group(2)
                break
        recognized, anchor = _anchor(prefix)
        if not recognized:
            return None
        return Part("within", int(match.group(1)), _UNIT_WORDS[match.group(2)], anchor, scope)
    return None


def _word(clause: str) -> Part | None:
    clause = _NOTE.sub("", clause)
    for pattern, kind in ((_REALTIME, "realtime"), (_PROMPT, "prompt"), (_LONGTERM, "longterm"),
                          (_PERMANENT, "permanent")):
        if pattern.match(clause):
            return Part(kind)
    return None


def _periodic(clause: str) -> Part | None:
    match = _PERIODIC.match(clause)
    if not match:
        return None
    return Part("periodic", period=_PERIODS[match.group(1)], deadline=match.group(2) or None)


def _advance(clause: str) -> Part | None:
    match = _ADVANCE.match(clause)
    if not match:
        return None
    return Part("advance", int(match.group(1)), _UNIT_WORDS[match.group(2)], anchor=match.group(3) or None)


def _event(clause: str) -> Part | None:
    match = _EVENT.match(clause)
    return Part("event", anchor=match.group(1)) if match else None


def _refresh(clause: str) -> Part | None:
    match = _REFRESH.match(clause)
    return Part("refresh", period=_PERIODS[match.group(1)]) if match else None


_CLAUSES: tuple[Callable[[str], Part | None], ...] = (_word, _periodic, _refresh, _advance, _event, _within)


def _labelled(clause: str) -> Part | None:
    """A clause with its numbering dropped and its label as the scope: 2.处罚决定:20个工作日内."""
    match = _LABEL.match(clause)
    if not match:
        return None
    label, body = match.group(1), match.group(2)
    if label:
        excepted = _EXCEPT.match(label)
        label = (excepted.group(1) or "其他内容") if excepted else label
    part = next((p for p in (recognize(body) for recognize in _CLAUSES) if p is not None), None)
    if part is None or not label:
        return part
    return Part(part.kind, part.amount, part.unit, part.anchor, label, part.period, part.deadline)


def parse_time_limit(text: str) -> TimeLimit | None:
    """The structured time limit, or None when the text is not a recognized phrasing (同上, prose).

    Never raises.
    """
    if not isinstance(text, str):
        return None
    parts: list[Part] = []
    publicity: Duration | None = None
    defers = False
    notes: list[str] = []
    for clause in _SPLIT.split(fold(text).replace("，", ",").replace("；", ";")):
        if not clause:
            continue
        if "另有规定" in clause or clause in _DEFERS:
            defers = True
            continue
        pub = _PUBLICITY.match(clause)
        if pub:
            publicity = Duration(int(pub.group(1)), _UNIT_WORDS[pub.group(2)])
            continue
        if _MINIMUM.search(clause) or _CHANNEL_NOTE.match(clause):
            notes.append(clause)
            continue
        part = next((p for p in (recognize(clause) for recognize in _CLAUSES) if p is not None), None) or _labelled(clause)
        if part is None:
            return None
        parts.append(part)
    if not parts:  # 公示7个工作日 or 从其规定 alone do not say when to disclose
        return None
    return TimeLimit(text, tuple(parts), publicity, defers, tuple(notes))


# ---------------------------------------------------------------------------------------------
# Comparison


# Working days in one refresh cycle (a year has about 250).
_CYCLE_DAYS = {"年": 250.0, "半年": 125.0, "季度": 63.0, "月": 23.0, "周": 5.0}


def _part_days(part: Part) -> float | None:
    if part.kind in ("realtime", "prompt"):
        return 0.0
    if part.kind == "refresh":
        return _CYCLE_DAYS.get(part.period or "")
    if part.kind != "within" or part.amount is None:
        return None
    if part.unit == "小时":
        return float(math.ceil(part.amount / 24))
    if part.unit == "月":
        return part.amount * 23.0  # a calendar month has at most 23 working days
    if part.unit == "周":
        return part.amount * 5.0
    # 工作日 as is. N natural days (日) contain at most N working days, so N is the safe upper
    # bound for a legal-maximum check (N * 5/7 would under-estimate a 20日 limit that spans
    # no weekend and let it pass a 7-working-day check it may fail).
    return float(part.amount)


def _max_days(parts: tuple[Part, ...] | list[Part]) -> float | None:
    known = [d for d in map(_part_days, parts) if d is not None]
    return max(known) if known else None


def max_working_days(tl: TimeLimit, scope_words: tuple[str, ...] = ()) -> float | None:
    """An upper bound in working days, the largest over the parts; None when no part is a period
    (长期, 永久, 每年…, 提前…) and so cannot be compared. 实时 and 及时 count as 0.

    With ``scope_words``, only the parts whose scope names one of them count, falling back to
    all parts when none does (a single-part limit applies to everything, 执法决定信息 included).
    """
    parts = tl.parts
    if scope_words:
        parts = tuple(p for p in tl.parts if p.scope and any(w in p.scope for w in scope_words)) or tl.parts
    return _max_days(parts)


# ---------------------------------------------------------------------------------------------
# Rendering

_UNIT_TEXT = {"工作日": "个工作日", "月": "个月"}
_WORDS = {"realtime": "实时", "prompt": "及时", "longterm": "长期", "permanent": "永久"}


def _amount(amount: int | None, unit: str | None) -> str:
    return f"{amount}{_UNIT_TEXT.get(unit or '', unit or '')}"


def _describe_part(p: Part) -> str:
    text = _describe_period(p)
    if not p.scope:
        return text
    if p.kind == "within" and p.anchor and p.scope.endswith(("信息", "事项", "结果", "决定")):
        return f"{p.scope}{text}"  # 执法决定信息自作出决定之日起7个工作日内
    return f"{p.scope}：{text}"  # 处罚决定：20个工作日内


def _describe_period(p: Part) -> str:
    if p.kind == "within":
        return f"自{p.anchor}之日起{_amount(p.amount, p.unit)}内" if p.anchor else f"{_amount(p.amount, p.unit)}内"
    if p.kind == "periodic":
        return f"每{p.period}{p.deadline or ''}"
    if p.kind == "advance":
        return f"提前{_amount(p.amount, p.unit)}{p.anchor or ''}"
    if p.kind == "event":
        return f"在{p.anchor}时"
    if p.kind == "refresh":
        return f"每{p.period}至少更新1次"
    return _WORDS[p.kind]


def describe(tl: TimeLimit) -> str:
    """A short canonical Chinese rendering, for the published bundle; it parses back to the same value."""
    text = "，".join(_describe_part(p) for p in tl.parts)
    if tl.publicity:
        text += f"，公示{_amount(tl.publicity.amount, tl.publicity.unit)}"
    extras = list(tl.notes)
    if tl.defers_to_law:
        extras.append("法律、法规另有规定的，从其规定")
    return "；".join([text, *extras])


def to_dict(tl: TimeLimit) -> dict[str, Any]:
    """JSON-friendly, for the bundle: the first part's fields at the top, all parts listed."""

    def part(p: Part) -> dict[str, Any]:
        return {"kind": p.kind, "amount": p.amount, "unit": p.unit, "anchor": p.anchor, "scope": p.scope,
                "period": p.period, "deadline": p.deadline}

    first = part(tl.parts[0])
    return {
        **{k: first[k] for k in ("kind", "amount", "unit", "anchor", "period", "deadline")},
        "publicity": {"amount": tl.publicity.amount, "unit": tl.publicity.unit} if tl.publicity else None,
        "parts": [part(p) for p in tl.parts],
        "defers_to_law": tl.defers_to_law,
        "notes": list(tl.notes),
        "max_working_days": max_working_days(tl),
        "text": describe(tl),
    }


def suggest(text: str) -> str | None:
    """A recognized form for an unrecognized text that gives one period (按规定20个工作日内处理 →
    信息形成或者变更之日起20个工作日内), or None. Never raises."""
    if not isinstance(text, str):
        return None
    found = {(int(m.group(1)), _UNIT_WORDS[m.group(2)]) for m in _DURATION.finditer(fold(text))}
    if len(found) != 1:
        return None
    ((amount, unit),) = found
    return f"信息形成或者变更之日起{_amount(amount, unit)}内"


@lru_cache(maxsize=65536)
def parsed(text: str) -> TimeLimit | None:
    """The parse, remembered: catalogs repeat a handful of phrasings thousands of times."""
    return parse_time_limit(text)
