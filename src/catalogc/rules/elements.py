"""Element rules: every item carries the nine elements, in the national vocabularies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogc import refdata
from catalogc.diagnostics import Severity
from catalogc.model.catalog import NINE_ELEMENTS
from catalogc.rules.base import FileContext, Finding, Message, Rule

ELEMENT_LABELS = {
    "name": "公开事项名称",
    "content": "公开内容",
    "basis": "公开依据",
    "time_limit": "公开时限",
    "subject": "公开主体",
    "method": "公开方式",
    "channels": "公开渠道和载体",
    "audience": "公开对象",
    "level": "公开层级",
}


def _filled(value: Any) -> bool:
    if value is None:
        return False
    if value.__class__ is str:
        return bool(value.strip())
    for entry in value:
        if entry.strip():
            return True
    return False


def check_missing_element(ctx: FileContext) -> Iterator[Finding]:
    """每个公开事项都必须写全九个要素：名称、内容、依据、时限、主体、方式、渠道、对象、层级。

    Passing::

        item: {time_limit: 信息形成或者变更之日起20个工作日内}

    Failing::

        item: {time_limit: ""}
    """
    domain = refdata.domains().get(ctx.head.domain) if ctx.head is not None else None
    not_in_guideline = domain.elements_not_in_guideline if domain else ()
    for index, item in ctx.items:
        raw = ctx.data["items"][index]
        dropped = ctx.dropped.get(index, ())
        values = item.__dict__
        for key in NINE_ELEMENTS:
            if key in dropped or _filled(values[key]):
                continue
            args = {"key": key, "label": ELEMENT_LABELS[key]}
            if key in not_in_guideline and key not in raw and domain is not None:
                args |= {"domain": domain.name, "guideline": domain.guideline or domain.issuer}
                yield Finding(ctx.item_path(index), "not-in-guideline", args, item.id)
            elif key in raw:
                yield Finding(ctx.item_path(index, key), "empty", args, item.id)
            else:
                yield Finding(ctx.item_path(index), "default", args, item.id)


def _vocabulary_check(ctx: FileContext, key: str, vocabulary: refdata.Vocabulary) -> Iterator[Finding]:
    # Items repeat the same few value lists, so each distinct list is judged once.
    for index, item in ctx.items:
        values = item.__dict__[key]
        if not values:
            continue
        for position, variant, args in vocabulary.problems(tuple(values)):
            yield Finding(ctx.item_path(index, key, position), variant, args, item.id)


def check_method(ctx: FileContext) -> Iterator[Finding]:
    """公开方式只能是“主动”或“依申请”。

    Passing::

        item: {method: [依申请]}

    Failing::

        item: {method: [公开]}
    """
    yield from _vocabulary_check(ctx, "method", refdata.methods())


def check_audience(ctx: FileContext) -> Iterator[Finding]:
    """公开对象只能是“全社会”或“特定群体”。

    Passing::

        item: {audience: [全社会]}

    Failing::

        item: {audience: [群众]}
    """
    yield from _vocabulary_check(ctx, "audience", refdata.audiences())


def check_level(ctx: FileContext) -> Iterator[Finding]:
    """公开层级只能是市级、县级、乡级、村级；区级、镇级等别名给出警告并换成规范写法。

    模板的合并表头（乡、村级）按各部分处理（乡级、村级），只给提示。

    Passing::

        item: {level: [县级, 乡级]}

    Failing::

        item: {level: [省级]}
    """
    yield from _vocabulary_check(ctx, "level", refdata.levels())


def check_channel(ctx: FileContext) -> Iterator[Finding]:
    """公开渠道须为全国模板的13个选项之一，或写成“其他：说明”；别名和错字给出警告和规范名称，其余渠道建议写成“其他：…”。

    列表序号（1.）和末尾的“；”“等”不算渠道名称的一部分。

    Passing::

        item: {channels: [1.政府网站, 其他：国家企业信用信息公示系统]}

    Failing::

        item: {channels: [官方网站]}
    """
    yield from _vocabulary_check(ctx, "channels", refdata.channels())


def check_audience_note(ctx: FileContext) -> Iterator[Finding]:
    """公开对象含“特定群体”时，须用 audience_note 写明是哪些人。

    Passing::

        item: {audience: [特定群体], audience_note: 申请人}

    Failing::

        item: {audience: [特定群体]}
    """
    audiences = refdata.audiences()
    for index, item in ctx.items:
        if item.audience_note and item.audience_note.strip():
            continue
        if any(audiences.resolve(value)[0] == "特定群体" for value in item.audience or ()):
            yield Finding(ctx.item_path(index, "audience"), item=item.id)


RULES: tuple[Rule, ...] = (
    Rule("C101", "missing-element", Severity.ERROR, "缺少九要素之一", "one of the nine elements is absent or empty", {
        "default": Message("事项缺少要素“{label}”（{key}）", "Item lacks element '{key}' ({label})",
                           "九要素都必须填写：名称、内容、依据、时限、主体、方式、渠道、对象、层级。",
                           "Every item carries all nine elements."),
        "empty": Message("要素“{label}”（{key}）是空的", "Element '{key}' ({label}) is empty",
                         "填写内容；确实不适用的事项应从目录中移出。", "Fill it in; an item that does not apply belongs elsewhere."),
        "not-in-guideline": Message("事项没有要素“{label}”（{key}）：{domain}领域标准指引（{guideline}）的目录表没有这一栏",
                                    "Item has no '{key}' ({label}): the {domain} guideline's table ({guideline}) has no such column",
                                    "可以按实际公开的层级补上。", "It may be added with the levels the item is published at.",
                                    Severity.INFO),
    }, "file", check_missing_element),
    Rule("C102", "method-value", Severity.ERROR, "公开方式不是主动/依申请", "method not in 主动/依申请", {
        "default": Message("公开方式“{value}”无效", "Unknown method '{value}'", "可选：{choices}。", "Choose from: {choices}."),
        "alias": Message("公开方式“{value}”应写作“{canonical}”", "Method '{value}' is written '{canonical}'",
                         "改为“{canonical}”。", "Write '{canonical}'.", Severity.WARNING),
    }, "file", check_method),
    Rule("C103", "audience-value", Severity.ERROR, "公开对象不是全社会/特定群体", "audience not in 全社会/特定群体", {
        "default": Message("公开对象“{value}”无效", "Unknown audience '{value}'", "可选：{choices}。", "Choose from: {choices}."),
        "alias": Message("公开对象“{value}”应写作“{canonical}”", "Audience '{value}' is written '{canonical}'",
                         "改为“{canonical}”。", "Write '{canonical}'.", Severity.WARNING),
    }, "file", check_audience),
    Rule("C104", "level-value", Severity.ERROR, "公开层级不是市级/县级/乡级/村级", "level not in 市级/县级/乡级/村级", {
        "default": Message("公开层级“{value}”无效", "Unknown level '{value}'", "可选：{choices}。", "Choose from: {choices}."),
        "alias": Message("公开层级“{value}”应写作“{canonical}”", "Level '{value}' is written '{canonical}'",
                         "改为“{canonical}”。", "Write '{canonical}'.", Severity.WARNING),
        "split": Message("公开层级“{value}”是合并的表头，按“{canonical}”处理",
                         "Level '{value}' is a combined header, read as '{canonical}'",
                         "可以拆开分别写：{canonical}。", "It may be written as separate levels: {canonical}.", Severity.INFO),
        "typo": Message("公开层级“{value}”无效，是不是“{canonical}”？", "Unknown level '{value}'; did you mean '{canonical}'?",
                        "改为“{canonical}”。", "Write '{canonical}'.", Severity.WARNING),
    }, "file", check_level),
    Rule("C105", "channel-value", Severity.WARNING, "公开渠道不是全国模板的选项", "channel not in the national template", {
        "default": Message("公开渠道“{value}”不在全国模板的选项中", "Channel '{value}' is not in the national template",
                           "可选：{choices}；其他渠道写成“其他：说明”。",
                           "Choose from: {choices}; write other channels as 其他：<description>."),
        "alias": Message("公开渠道“{value}”应写作“{canonical}”", "Channel '{value}' is written '{canonical}'",
                         "改为“{canonical}”。", "Write '{canonical}'."),
        "other": Message("公开渠道“{value}”不是全国模板的选项，应写作“{canonical}”",
                         "Channel '{value}' is not a template option; write it as '{canonical}'",
                         "模板的“其他”栏用于其余渠道：写成“{canonical}”，或改用模板选项：{choices}。",
                         "The template's 其他 box holds other channels: write '{canonical}', or use an option: {choices}."),
        "typo": Message("公开渠道“{value}”不在全国模板的选项中，是不是“{canonical}”？",
                        "Channel '{value}' is not in the national template; did you mean '{canonical}'?",
                        "改为“{canonical}”。", "Write '{canonical}'."),
    }, "file", check_channel),
    Rule("C113", "audience-note", Severity.WARNING, "特定群体未写明是谁", "特定群体 without audience_note", {
        "default": Message("公开对象含“特定群体”，但没有 audience_note 说明是哪些人",
                           "Audience includes 特定群体 but audience_note does not say who",
                           "加上 audience_note，如“申请人”“在征收范围内的被征收人”。",
                           "Add audience_note, e.g. 申请人."),
    }, "file", check_audience_note),
)
