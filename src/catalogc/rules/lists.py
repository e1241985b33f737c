"""List rules: catalogs agree with the power and service lists (权责清单, 公共服务事项清单)."""

from __future__ import annotations

from collections.abc import Iterator

from catalogc.diagnostics import Severity
from catalogc.parse.normalize import fold
from catalogc.rules.base import Located, Message, Rule, WorkspaceContext
from catalogc.rules.timing import PERMIT_DAYS


def _uncovered(ctx: WorkspaceContext, kind: str) -> Iterator[Located]:
    graph = ctx.graph
    if graph is None:
        return
    for entry in graph.entries(kind):
        if not graph.disclosing_items(kind, entry.code):
            args = {"code": entry.code, "name": entry.name, "subject": entry.subject, "domain": entry.domain or "—"}
            yield Located(entry.file, entry.line, 1, "default", args)


def _unknown(ctx: WorkspaceContext, kind: str) -> Iterator[Located]:
    graph = ctx.graph
    if graph is None:
        return
    for fact, ref_kind, ref, line, column in graph.references():
        if ref_kind == kind and graph.known(kind, ref) is None:
            yield Located(fact.file, line, column, "default", {"code": ref}, fact.id)


def check_power_uncovered(ctx: WorkspaceContext) -> Iterator[Located]:
    """权责清单中的每个事项都应由该部门的某个公开事项公开（在事项的 powers 中列出其编码）。

    English::

        Every entry of the power list is disclosed by some item of the department: the item lists
        its code under powers.

    为什么::

        国办发〔2017〕42号要求依据权责清单和公共服务事项清单梳理公开事项；清单中的权力没有事项公开，公众就看不到它的依据、程序和结果。

    Why::

        国办发〔2017〕42号 has disclosure items drawn from the power list and the public service list; a
        power no item discloses leaves its basis, procedure and results out of public view.

    Passing::

        item: {powers: ["360799-XK-0001"]}
        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政给付,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}

    Failing::

        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政给付,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}
    """
    yield from _uncovered(ctx, "power")


def check_power_unknown(ctx: WorkspaceContext) -> Iterator[Located]:
    """事项 powers 中的编码必须在权责清单中存在。

    English::

        A code under an item's powers exists in the power list.

    为什么::

        powers 把事项和权责清单对应起来（C108、C301、C303 依靠它）；不存在的编码多半是抄错了，或清单已经更新。

    Why::

        The powers links tie items to the power list (C108, C301 and C303 rely on them); a code that
        does not exist is usually mistyped, or the list has changed.

    Passing::

        item: {powers: ["360799-XK-0001"]}
        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政给付,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}

    Failing::

        item: {powers: ["360799-XK-0099"]}
    """
    yield from _unknown(ctx, "power")


def check_power_subject(ctx: WorkspaceContext) -> Iterator[Located]:
    """公开权责事项的事项，其公开主体应包括该权责事项的实施主体。

    English::

        An item that discloses a power has the power's responsible body among its subjects.

    为什么::

        权责清单写明了由谁行使权力，公开该权力的事项应由同一机关公开（《中华人民共和国政府信息公开条例》第十条：行政机关制作的政府信息，由制作该政府信息的行政机关负责公开）。

    Why::

        The power list names who exercises a power, and the item disclosing it should be disclosed
        by the same body (article 10 of the Regulations: information an agency makes is disclosed by
        that agency).

    Passing::

        item: {powers: ["360799-XK-0001"]}
        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政给付,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}

    Failing::

        item: {powers: ["360799-XK-0001"]}
        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政给付,溪山县财政局,《社会救助暂行办法》,社会救助\\n"}
    """
    graph = ctx.graph
    if graph is None:
        return
    for fact, kind, ref, line, column in graph.references():
        entry = graph.known(kind, ref) if kind == "power" else None
        if entry is None:
            continue
        subject = fold(entry.subject)
        if not any(subject in s or s in subject for s in fact.subjects):
            yield Located(fact.file, line, column, "default", {"code": ref, "subject": entry.subject}, fact.id)


def check_service_unknown(ctx: WorkspaceContext) -> Iterator[Located]:
    """事项 services 中的编码必须在公共服务事项清单中存在。

    English::

        A code under an item's services exists in the public service list.

    为什么::

        services 把事项和公共服务事项清单对应起来（C305 依靠它）；不存在的编码多半是抄错了，或清单已经更新。

    Why::

        The services links tie items to the public service list (C305 relies on them); a code that
        does not exist is usually mistyped, or the list has changed.

    Passing::

        item: {services: ["11360799MB0000000X-0001"]}
        lists: {services: "编码,事项名称,实施主体,服务类型,领域\\n11360799MB0000000X-0001,最低生活保障申请,溪山县民政局,公共服务,社会救助\\n"}

    Failing::

        item: {services: ["11360799MB0000000X-0099"]}
    """
    yield from _unknown(ctx, "service")


def check_service_uncovered(ctx: WorkspaceContext) -> Iterator[Located]:
    """公共服务事项清单中的每个事项都应由该部门的某个公开事项公开（在 services 中列出其编码）。

    English::

        Every entry of the public service list is disclosed by some item of the department: the item
        lists its code under services.

    为什么::

        国办发〔2017〕42号要求依据权责清单和公共服务事项清单梳理公开事项；公共服务没有事项公开，公众就找不到它的办事指南和办理结果。

    Why::

        国办发〔2017〕42号 has disclosure items drawn from the power list and the public service list; a
        service no item discloses leaves its guide and results out of public view.

    Passing::

        item: {services: ["11360799MB0000000X-0001"]}
        lists: {services: "编码,事项名称,实施主体,服务类型,领域\\n11360799MB0000000X-0001,最低生活保障申请,溪山县民政局,公共服务,社会救助\\n"}

    Failing::

        lists: {services: "编码,事项名称,实施主体,服务类型,领域\\n11360799MB0000000X-0001,最低生活保障申请,溪山县民政局,公共服务,社会救助\\n"}
    """
    yield from _uncovered(ctx, "service")


DOUBLE_PUBLICITY = ("行政许可", "行政处罚")


def check_double_publicity(ctx: WorkspaceContext) -> Iterator[Located]:
    """公开行政许可、行政处罚权责事项的事项，时限不得超过7个工作日（“双公示”，国办发〔2018〕118号）。

    没有 powers 链接时，名称、二级事项或内容表明它公开此类决定（处罚决定、行政许可结果、许可证……办理情况）的事项，同样检查，级别为警告。

    English::

        An item that discloses a 行政许可 (administrative permit) or 行政处罚 (administrative penalty) power
        has a time limit of at most 7 working days (双公示, 国办发〔2018〕118号). Without a powers: link, an
        item whose name, sub-item or content shows that it publishes such decisions (处罚决定, 行政许可结果,
        许可证…办理情况) gets the same check as a warning.

    为什么::

        国办发〔2018〕118号《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》要求行政许可、行政处罚的执法决定信息在执法决定作出之日起7个工作日内公开（其他执法决定信息20个工作日内）。

    Why::

        国办发〔2018〕118号, the State Council General Office's guideline on the publicity of law
        enforcement, requires decisions on administrative permits and penalties to be public within
        7 working days of the decision (20 for other enforcement decisions).

    Passing::

        item: {powers: ["360799-XK-0001"], time_limit: 作出决定之日起7个工作日内}
        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政许可,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}

    Failing::

        item: {powers: ["360799-XK-0001"], time_limit: 信息形成或者变更之日起20个工作日内}
        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政许可,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}
    """
    flagged: set[tuple[str, str]] = set()
    for fact in ctx.items:
        if fact.decision and fact.permit_days is not None and fact.permit_days > PERMIT_DAYS:
            flagged.add((fact.file, fact.id))
            args = {"type": fact.decision, "days": f"{fact.permit_days:g}"}
            yield Located(fact.file, fact.limit_line, fact.limit_column, "named", args, fact.id)
    graph = ctx.graph
    if graph is None:
        return
    for fact, kind, ref, _, _ in graph.references():
        entry = graph.known(kind, ref) if kind == "power" else None
        if entry is None or entry.type not in DOUBLE_PUBLICITY or fact.permit_days is None:
            continue
        if fact.permit_days > PERMIT_DAYS and (fact.file, fact.id) not in flagged:
            flagged.add((fact.file, fact.id))
            args = {"code": ref, "type": entry.type, "days": f"{fact.permit_days:g}"}
            yield Located(fact.file, fact.limit_line, fact.limit_column, "default", args, fact.id)


RULES: tuple[Rule, ...] = (
    Rule("C108", "double-publicity", Severity.ERROR, "许可、处罚信息公开时限超过7个工作日", "permit or penalty disclosed after more than 7 working days", {
        "default": Message("本事项公开{type}事项 {code}，时限（约 {days} 个工作日）超过“双公示”要求的7个工作日",
                           "The item discloses {type} entry {code}; its time limit (about {days} working days) exceeds 7",
                           "改为“作出决定之日起7个工作日内”，或分写：执法决定信息在决定作出之日起7个工作日内公开，其他信息20个工作日内。",
                           "Write 作出决定之日起7个工作日内, or give the decision its own 7-day part."),
        "named": Message("本事项公开{type}决定，时限（约 {days} 个工作日）超过“双公示”要求的7个工作日（国办发〔2018〕118号）",
                         "The item discloses {type} decisions; its time limit (about {days} working days) exceeds the 7 working days of 双公示",
                         "{type}决定写“作出决定之日起7个工作日内”；其他信息可分写，如：{type}决定自作出决定之日起7个工作日内公开，其他信息形成或者变更之日起20个工作日内公开。",
                         "Give the decisions 作出决定之日起7个工作日内, e.g. as their own part of a two-part limit.",
                         Severity.WARNING),
    }, "workspace", check_double_publicity),
    Rule("C301", "power-uncovered", Severity.WARNING, "权责清单事项未被任何事项公开", "a power list entry is disclosed by no item", {
        "default": Message("权责清单事项 {code}“{name}”（{subject}）没有被任何公开事项公开",
                           "Power entry {code} '{name}' ({subject}) is disclosed by no item",
                           "在{subject}“{domain}”领域目录的相应事项中加上 powers: [{code}]，或说明不予公开的理由。",
                           "Add powers: [{code}] to the item of {subject} that discloses it."),
    }, "workspace", check_power_uncovered),
    Rule("C302", "power-unknown", Severity.ERROR, "事项引用了不存在的权责清单编码", "an item names an unknown power code", {
        "default": Message("权责清单中没有编码 {code}", "No power list has code {code}",
                           "核对编码，或先把该事项加入 lists/powers 下的权责清单。",
                           "Check the code, or add the entry to a list under lists/powers."),
    }, "workspace", check_power_unknown),
    Rule("C303", "power-subject", Severity.WARNING, "公开主体与权责事项的实施主体不一致", "item subject is not the power's department", {
        "default": Message("权责事项 {code} 的实施主体是“{subject}”，不在本事项的公开主体中",
                           "Power entry {code} is implemented by {subject}, which is not among the item's subjects",
                           "把“{subject}”加入 subject，或核对引用的编码。", "Add {subject} to subject, or check the code."),
    }, "workspace", check_power_subject),
    Rule("C304", "service-unknown", Severity.ERROR, "事项引用了不存在的公共服务事项编码", "an item names an unknown service code", {
        "default": Message("公共服务事项清单中没有编码 {code}", "No service list has code {code}",
                           "核对编码，或先把该事项加入 lists/services 下的清单。",
                           "Check the code, or add the entry to a list under lists/services."),
    }, "workspace", check_service_unknown),
    Rule("C305", "service-uncovered", Severity.WARNING, "公共服务事项未被任何事项公开", "a service list entry is disclosed by no item", {
        "default": Message("公共服务事项 {code}“{name}”（{subject}）没有被任何公开事项公开",
                           "Service entry {code} '{name}' ({subject}) is disclosed by no item",
                           "在{subject}“{domain}”领域目录的相应事项中加上 services: [{code}]。",
                           "Add services: [{code}] to the item of {subject} that discloses it."),
    }, "workspace", check_service_uncovered),
)
