"""Time-limit rules: the 公开时限 is a recognized phrasing and within what the law allows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from catalogc import refdata
from catalogc.diagnostics import Severity
from catalogc.parse.timelimit import RECOGNIZED_FORMS, TimeLimit, max_working_days, parsed, suggest
from catalogc.refdata.legal import resolve_text
from catalogc.rules.base import FileContext, Finding, Message, Rule

STATUTORY_DAYS = 20  # 政府信息公开条例（2019）第二十六条

# Items that publish 行政处罚 or 行政许可 decisions themselves (国办发〔2018〕118号, 双公示), recognised by
# their name, sub-item or content: 处罚决定, 行政处罚决定书, 行政许可结果, 许可证…的办理情况.
_PENALTY = re.compile(r"处罚(?:决定|结果)")
_PERMIT = re.compile(r"许可(?:决定|结果)")
_PERMIT_NAME = re.compile(r"许可")
_PERMIT_RESULT = re.compile(r"办理情况|办理结果|结果信息|办结信息")  # not 审批结果: a 办事指南 lists it


PERMIT_DAYS = 7  # 国办发〔2018〕118号: 行政许可、行政处罚 decisions public within 7 working days
PERMIT_SCOPES = ("执法决定", "许可", "处罚", "决定")  # parts of a two-part limit that govern such decisions


def permit_days(limit: TimeLimit) -> float | None:
    """The working days a limit gives permit and penalty decisions (C108): its parts naming them, else all."""
    return max_working_days(limit, PERMIT_SCOPES)


@lru_cache(maxsize=65536)
def _working_days(text: str) -> float | None:
    """The most working days a limit allows, remembered per phrasing (catalogs repeat a handful)."""
    tl = parsed(text)
    return max_working_days(tl) if tl else None


def decision_kind(name: str | None, sub: str | None, content: str | Iterable[str] | None) -> str:
    """行政处罚 or 行政许可 when an item publishes such decisions, else ""."""
    body = content if isinstance(content, str) else "；".join(content or ())
    heading = f"{name or ''} {sub or ''}"
    text = f"{heading} {body}"
    if "处罚" not in text and "许可" not in text:  # what every pattern needs: most items are decided here
        return ""
    if _PENALTY.search(text):
        return "行政处罚"
    if _PERMIT.search(text) or (_PERMIT_NAME.search(heading) and _PERMIT_RESULT.search(body)):
        return "行政许可"
    return ""


def check_time_limit_parsed(ctx: FileContext) -> Iterator[Finding]:
    """公开时限须是公认的规范表述，如“信息形成或者变更之日起20个工作日内”；“同上”和自由表述无法核对。

    English::

        The time limit is a recognized phrasing such as 信息形成或者变更之日起20个工作日内 (within 20 working days
        of the information being created or changed); 同上 (ditto) and free wording cannot be checked.

    为什么::

        时限要能核对：C107、C108 从时限中读出起算事件和天数，才能判断是否符合《中华人民共和国政府信息公开条例》第二十六条和“双公示”的期限；“同上”在表格里指上一行，拆成文件后就没有意义了。

    Why::

        A time limit has to be checkable: C107 and C108 read its starting event and its days to
        compare them with article 26 of the Regulations and the 7 days of 双公示; 同上 points at the row
        above in a table and means nothing once items are files.

    Passing::

        item: {time_limit: 制定或获取信息之日起10个工作日内，公示7个工作日}

    Failing::

        item: {time_limit: 同上}
    """
    forms = "；".join(RECOGNIZED_FORMS)
    for index, item in ctx.items:
        text = item.time_limit
        if text and text.strip() and parsed(text) is None:
            proposal = suggest(text)
            variant = "ditto" if text.strip().rstrip("。.") == "同上" else "suggest" if proposal else "default"
            yield Finding(ctx.item_path(index, "time_limit"), variant,
                          {"value": text, "forms": forms, "proposal": proposal or ""}, item.id)


def check_time_limit_statutory(ctx: FileContext) -> Iterator[Finding]:
    """主动公开事项的时限超过《政府信息公开条例》第二十六条的20个工作日，而公开依据中没有允许更长期限的法律。

    更新周期（半年至少更新1次）意味着信息可能要等一个周期才公开，按周期计算。

    English::

        A proactive (主动) item's time limit exceeds the 20 working days of article 26 of the
        Regulations on the Disclosure of Government Information, and no law in its basis allows a
        longer period. An update cycle (半年至少更新1次, at least once every half year) lets information
        wait a whole cycle, so it counts as the cycle.

    为什么::

        《中华人民共和国政府信息公开条例》第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开；法律、法规对政府信息公开的期限另有规定的，从其规定。所以公开依据中引用了规定更长期限的法律（如《中华人民共和国预算法》第十四条）时不报告。

    Why::

        Article 26 of the Regulations: information within the scope of proactive disclosure is
        disclosed within 20 working days of its creation or change, unless a law or regulation sets
        another period; an item whose basis cites such a law (the Budget Law, article 14) is
        therefore not reported.

    Passing::

        item: {time_limit: 本级人民代表大会或其常务委员会批准后20日内, basis: [《中华人民共和国预算法》第十四条]}

    Failing::

        item: {time_limit: 信息形成或者变更之日起30个工作日内}
    """
    methods = refdata.methods()
    for index, item in ctx.items:
        # an item without a method is a catalog item, and catalog items are 主动 unless marked otherwise
        if not item.time_limit or (item.method and not any(methods.resolve(m)[0] == "主动" for m in item.method)):
            continue
        days = _working_days(item.time_limit)
        if days is None or days <= STATUTORY_DAYS:
            continue
        tl = parsed(item.time_limit)
        assert tl is not None
        if any(law.allows_longer_time_limit for entry in item.basis or () for law in resolve_text(entry).laws):
            continue
        refresh = next((p for p in tl.parts if p.kind == "refresh"), None)
        variant = "refresh" if refresh is not None else "default"
        args = {"value": item.time_limit, "days": f"{days:g}", "period": refresh.period if refresh else ""}
        yield Finding(ctx.item_path(index, "time_limit"), variant, args, item.id)


RULES: tuple[Rule, ...] = (
    Rule("C106", "time-limit-unparsed", Severity.WARNING, "公开时限不是规范表述", "time limit matches no recognized form", {
        "default": Message("公开时限“{value}”不是可识别的规范表述", "Time limit '{value}' matches no recognized form",
                           "写成规范表述，如：{forms}。", "Use a recognized form, e.g. {forms}."),
        "suggest": Message("公开时限“{value}”不是可识别的规范表述", "Time limit '{value}' matches no recognized form",
                           "写明起算事件，如“{proposal}”（按实际起算事件改写）；其他规范表述：{forms}。",
                           "Name the starting event, e.g. {proposal}; other recognized forms: {forms}."),
        "ditto": Message("公开时限写成了“同上”", "The time limit says 同上 (ditto)",
                         "“同上”是表格习惯，目录文件中每个事项都要写出完整时限，如：{forms}。",
                         "Write the full time limit for every item, e.g. {forms}."),
    }, "file", check_time_limit_parsed),
    Rule("C107", "time-limit-statutory", Severity.WARNING, "主动公开时限超过20个工作日", "主动 time limit over 20 working days", {
        "default": Message("主动公开时限“{value}”（约 {days} 个工作日）超过《政府信息公开条例》第二十六条的20个工作日",
                           "Time limit '{value}' (about {days} working days) exceeds the 20 working days of the regulation",
                           "缩短时限，或在公开依据中写明规定了更长期限的法律、法规。",
                           "Shorten it, or cite the law that allows a longer period."),
        "refresh": Message("主动公开时限“{value}”按{period}更新，信息形成后最长约 {days} 个工作日才公开，超过《政府信息公开条例》第二十六条的20个工作日",
                           "Time limit '{value}' updates every {period}: information may wait about {days} working days, over the 20 of the regulation",
                           "写成“信息形成或者变更之日起20个工作日内”；定期汇总可另写，如“信息形成或者变更之日起20个工作日内，每{period}汇总更新”。",
                           "Write 信息形成或者变更之日起20个工作日内; a periodic summary may be added."),
    }, "file", check_time_limit_statutory),
)
