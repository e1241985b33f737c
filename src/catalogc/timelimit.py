"""公开时限: the official phrasings parsed into a structured value.

A time limit is one or more clauses separated by ，；。 Each clause is recognized on its
own: a period from an anchor event (信息形成或者变更之日起20个工作日内), a publicity period
(公示7个工作日), 实时 / 及时 / 长期 / 永久, a periodic schedule (每年3月底前), an advance
notice (提前一周), a deferral to other law (另有规定的，从其规定) or a minimum period
(不得少于30日). Text is folded first: full-width digits and punctuation, Chinese numerals,
and line breaks (OCR splits "20个工作\\n日内") do not matter. 工作日 and 日 stay distinct.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from catalogc.numerals import arabize

KINDS = ("within", "realtime", "prompt", "longterm", "permanent", "periodic", "advance")

RECOGNIZED_FORMS = (
    "信息形成或者变更之日起20个工作日内",
    "制定或获取信息之日起10个工作日内，公示7个工作日",
    "作出决定之日起7个工作日内",
    "本级人民代表大会或其常务委员会批准后20日内",
    "实时公开 / 及时公开 / 长期 / 永久公开",
    "每年3月底前 / 每季度",
)

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
_UNITS = {"工作日": "工作日", "个工作日": "工作日", "日": "日", "天": "日", "个日": "日", "小时": "小时",
          "个小时": "小时", "个月": "月", "月": "月", "周": "周", "个星期": "周", "星期": "周"}
_DURATION = re.compile(r"(\d+)(个工作日|工作日|个小时|小时|个月|个星期|星期|周|天|日)")
_TAIL = re.compile(r"^(?:以内|之内|内)?(?:予以|及时|主动)?(?:公开|发布|公布|更新|办结)?(?:完毕)?$")
_ANCHOR_END = re.compile(r"(?:之日起|之日后|之日|以后|之后|起|后|以来)$")
_CONNECTOR = re.compile(r"^(?:在|自|从|于|由)")
_PUBLICITY = re.compile(r"^(?:并)?(?:公示|公告)(?:期限?|时间)?(?:为|不少于)?(\d+)(个工作日|工作日|天|日)$")
_MINIMUM = re.compile(r"(?:不得少于|不少于|不低于)(\d+)(个工作日|工作日|天|日)")
_REALTIME = re.compile(r"^实时(?:公开|发布|更新)?$")
_PROMPT = re.compile(r"^(?:按进展情况|根据进展)?及时(?:公开|发布|更新)?$")
_LONGTERM = re.compile(r"^长期(?:公开|有效)?$")
_PERMANENT = re.compile(r"^永久(?:公开)?$")
_PERIODIC = re.compile(r"^(?:每|按)(年度|年|半年|季度|季|月|周)(.*?)(?:公开|发布|更新)?$")
_ADVANCE = re.compile(r"^提前(\d+)(个工作日|工作日|天|日|周|个星期)(.*)$")
_SPLIT = re.compile(r"[,;。]+")


@dataclass(frozen=True, slots=True)
class Duration:
    amount: int
    unit: str


@dataclass(frozen=True, slots=True)
class Part:
    """One clause that sets a period: its kind, period and anchor, and whose information (scope)."""

    kind: str
    amount: int | None = None
    unit: str | None = None
    anchor: str | None = None
    scope: str | None = None
    period: str | None = None
    deadline: str | None = None


@dataclass(frozen=True, slots=True)
class TimeLimit:
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


def fold(text: str) -> str:
    """NFKC, no whitespace, Chinese numerals as digits, 一周 as 1周."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    text = text.replace("(", "（").replace(")", "）")
    return arabize(text)


def _anchor(prefix: str) -> str | None | Literal[False]:
    """The canonical anchor of a clause's prefix; None for no prefix; False when not recognized."""
    prefix = prefix.replace("（", "").replace("）", "")
    if not prefix:
        return None
    for keywords, canonical in _ANCHORS:
        if all(k in prefix for k in keywords):
            return canonical
    return False


def _within(clause: str) -> Part | None:
    match = _DURATION.search(clause)
    if not match or not _TAIL.match(clause[match.end():]):
        return None
    prefix = _ANCHOR_END.sub("", clause[: match.start()])
    scope = None
    scoped = re.match(r"^(.{1,12}?信息)(?:在|自|于|从)(.+)$", prefix)
    if scoped:
        scope, prefix = scoped.group(1), scoped.group(2)
    anchor = _anchor(_CONNECTOR.sub("", prefix))
    if anchor is False:
        return None
    return Part("within", int(match.group(1)), _UNITS[match.group(2)], anchor, scope)


def _simple(clause: str) -> Part | None:
    if _REALTIME.match(clause):
        return Part("realtime")
    if _PROMPT.match(clause):
        return Part("prompt")
    if _LONGTERM.match(clause):
        return Part("longterm")
    if _PERMANENT.match(clause):
        return Part("permanent")
    periodic = _PERIODIC.match(clause)
    if periodic:
        return Part("periodic", period=periodic.group(1).replace("年度", "年").replace("季", "季度").replace("季度度", "季度"),
                    deadline=periodic.group(2) or None)
    advance = _ADVANCE.match(clause)
    if advance:
        return Part("advance", int(advance.group(1)), _UNITS[advance.group(2)], anchor=advance.group(3) or None)
    return None


def parse_time_limit(text: str) -> TimeLimit | None:
    """The structured time limit, or None when the text is not a recognized phrasing (同上, prose)."""
    if not isinstance(text, str):
        return None
    folded = fold(text)
    parts: list[Part] = []
    publicity: Duration | None = None
    defers = False
    notes: list[str] = []
    for clause in _SPLIT.split(folded.replace("，", ",").replace("；", ";")):
        if not clause:
            continue
        if "另有规定" in clause or clause in ("从其规定", "依照其规定"):
            defers = True
            continue
        pub = _PUBLICITY.match(clause)
        if pub and parts:
            publicity = Duration(int(pub.group(1)), _UNITS[pub.group(2)])
            continue
        if _MINIMUM.search(clause) and parts:
            notes.append(clause)
            continue
        part = _simple(clause) or _within(clause)
        if part is None:
            return None
        parts.append(part)
    if not parts:
        return None
    return TimeLimit(text, tuple(parts), publicity, defers, tuple(notes))


def _part_days(part: Part) -> float | None:
    if part.kind in ("realtime", "prompt"):
        return 0.0
    if part.kind != "within" or part.amount is None:
        return None
    if part.unit == "小时":
        return float(math.ceil(part.amount / 24))
    if part.unit == "月":
        return part.amount * 23.0  # at most 23 working days in a month
    if part.unit == "周":
        return part.amount * 5.0
    # N natural days contain at most N working days: N is a safe upper bound for legal maxima.
    return float(part.amount)


def max_working_days(tl: TimeLimit, scope_words: tuple[str, ...] = ()) -> float | None:
    """Upper bound in working days; with ``scope_words``, of the parts whose scope names one of them.

    None when the limit is not a period (长期, 永久, periodic) and so cannot be compared.
    """
    parts = tl.parts
    if scope_words:
        scoped = [p for p in parts if p.scope and any(w in p.scope for w in scope_words)]
        parts = tuple(scoped) or parts
    days = [_part_days(p) for p in parts]
    known = [d for d in days if d is not None]
    return max(known) if known else None


def describe(tl: TimeLimit) -> str:
    """A short canonical Chinese rendering, for the published bundle."""
    out = []
    for p in tl.parts:
        if p.kind == "within":
            unit = "个工作日" if p.unit == "工作日" else "个月" if p.unit == "月" else p.unit
            text = f"自{p.anchor}之日起{p.amount}{unit}内" if p.anchor else f"{p.amount}{unit}内"
            out.append(f"{p.scope}{text}" if p.scope else text)
        elif p.kind == "periodic":
            out.append(f"每{p.period}{p.deadline or ''}")
        elif p.kind == "advance":
            out.append(f"提前{p.amount}{p.unit}{p.anchor or ''}")
        else:
            out.append({"realtime": "实时", "prompt": "及时", "longterm": "长期", "permanent": "永久"}[p.kind])
    text = "，".join(out)
    if tl.publicity:
        text += f"，公示{tl.publicity.amount}{'个工作日' if tl.publicity.unit == '工作日' else tl.publicity.unit}"
    return text


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
