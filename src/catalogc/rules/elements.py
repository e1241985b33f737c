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

    English::

        Every disclosure item carries the nine elements: name, content, basis, time limit, subject,
        method, channels, audience and level.

    为什么::

        国办发〔2019〕54号《国务院办公厅关于全面推进基层政务公开标准化规范化工作的指导意见》要求目录“至少应包括公开事项的名称、内容、依据、时限、主体、方式、渠道、公开对象等要素”，各领域标准指引的目录表还有公开层级一栏。

    Why::

        国办发〔2019〕54号, the State Council General Office's guideline on standardising grassroots
        government disclosure, requires a catalog to give at least each item's name, content, basis,
        time limit, subject, method, channels and audience; every domain guideline's table adds the
        level.

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
            value = values[key]
            # the common cases inline (a call per element would be most of this rule's cost)
            if value.__class__ is list and any(map(str.strip, value)) or value.__class__ is str and value.strip():
                continue
            if key in dropped or _filled(value):
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

    English::

        The disclosure method is 主动 (proactive) or 依申请 (on request), nothing else.

    为什么::

        《中华人民共和国政府信息公开条例》把公开分为主动公开（第三章）和依申请公开（第四章），两者的时限和程序不同；标准目录的公开方式一栏只有这两个选项。

    Why::

        The Regulations on the Disclosure of Government Information divide disclosure into proactive
        (chapter III) and on request (chapter IV), with different time limits and procedures; the
        standard table's method column has only these two options.

    Passing::

        item: {method: [依申请]}

    Failing::

        item: {method: [公开]}
    """
    yield from _vocabulary_check(ctx, "method", refdata.methods())


def check_audience(ctx: FileContext) -> Iterator[Finding]:
    """公开对象只能是“全社会”或“特定群体”。

    English::

        The audience is 全社会 (the whole public) or 特定群体 (a specific group), nothing else.

    为什么::

        标准目录的公开对象一栏只有“全社会”和“特定群体”两个选项（公开对象是国办发〔2019〕54号要求的要素之一）；其他写法无法汇总和比对。

    Why::

        The standard table's audience column has only these two options (the audience is an element
        国办发〔2019〕54号 requires); other wordings cannot be assembled or compared.

    Passing::

        item: {audience: [全社会]}

    Failing::

        item: {audience: [群众]}
    """
    yield from _vocabulary_check(ctx, "audience", refdata.audiences())


def check_level(ctx: FileContext) -> Iterator[Finding]:
    """公开层级只能是市级、县级、乡级、村级；区级、镇级等别名给出警告并换成规范写法。

    模板的合并表头（乡、村级）按各部分处理（乡级、村级），只给提示。

    English::

        The level is 市级, 县级, 乡级 or 村级 (city, county, township, village); aliases such as 区级 or 镇级
        get a warning and the canonical form. The template's merged header 乡、村级 is read as its parts
        (乡级, 村级), with an info.

    为什么::

        公开层级说明事项由哪一级政府公开，也决定了 C112 要求的公开主体；各领域标准指引的目录表只用这四级。

    Why::

        The level says which tier of government discloses the item and decides the subjects C112
        expects; the domain guidelines' tables use only these four.

    Passing::

        item: {level: [县级, 乡级]}

    Failing::

        item: {level: [省级]}
    """
    yield from _vocabulary_check(ctx, "level", refdata.levels())


def check_channel(ctx: FileContext) -> Iterator[Finding]:
    """公开渠道须为全国模板的13个选项之一，或写成“其他：说明”；别名和错字给出警告和规范名称，其余渠道建议写成“其他：…”。

    列表序号（1.）和末尾的“；”“等”不算渠道名称的一部分。

    English::

        A channel is one of the 13 options of the national template, or written 其他：<note> (other:
        note); aliases and typos get a warning and the canonical name, other channels are suggested
        as 其他：…. List numbers (1.) and a trailing ；or 等 are not part of a channel's name.

    为什么::

        全国模板的13个公开渠道和载体选项对应《中华人民共和国政府信息公开条例》第二十三条（政府公报、政府网站、新闻发布会、报刊、广播、电视等）和第二十四、二十五条（政府信息公开平台、查阅场所）；名称统一，汇总和检索时同一渠道才是同一个。

    Why::

        The template's 13 channels follow articles 23 to 25 of the Regulations on the Disclosure of
        Government Information (gazette, websites, press conferences, newspapers, radio, television,
        the disclosure platform, reading rooms); with one name per channel, assembled catalogs and
        the public's search treat the same channel as one.

    Passing::

        item: {channels: [1.政府网站, 其他：国家企业信用信息公示系统]}

    Failing::

        item: {channels: [官方网站]}
    """
    yield from _vocabulary_check(ctx, "channels", refdata.channels())


def check_audience_note(ctx: FileContext) -> Iterator[Finding]:
    """公开对象含“特定群体”时，须用 audience_note 写明是哪些人。

    English::

        When the audience includes 特定群体 (a specific group), audience_note says who they are.

    为什么::

        标准目录的公开对象一栏写作“特定群体（请写明）”：不写明是哪些人，就无法判断应当向谁公开、通过什么渠道送达。

    Why::

        The standard table's column reads 特定群体（请写明）, a specific group (please state): without saying
        who, nobody can tell whom to inform or through which channel.

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
