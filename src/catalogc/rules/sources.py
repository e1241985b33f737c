"""Conflicts between the sources an office assembles its region from (docs/offices.md).

They run only in an office workspace (catalogc.toml with [[sources]]): the workspace
context then carries the opened sources, and every fact's file names the source it
came from. The finding points at the later source's file (in the order catalogc.toml
lists the sources, the office's own files first) and names the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from catalogc.diagnostics import Severity
from catalogc.parse.normalize import fold
from catalogc.rules.base import Located, Message, Rule, WorkspaceContext

OWN = "本工作区"  # how messages name the office's own files


def _order(ctx: WorkspaceContext) -> dict[str | None, int]:
    return {None: 0, **{s.name: n for n, s in enumerate(ctx.sources.sources, start=1)}}


def _label(name: str | None) -> str:
    return name or OWN


def _firsts(ctx: WorkspaceContext, facts: list[Any], key: Any) -> Iterator[tuple[Any, Any]]:
    """(fact, first) for each fact whose key an earlier source already had, in source order."""
    order = _order(ctx)
    source_of = ctx.sources.source_of
    first: dict[Any, Any] = {}
    for fact in sorted(facts, key=lambda f: (order[source_of(f.file)], f.file, getattr(f, "line", 0))):
        k = key(fact)
        if k is None:
            continue
        seen = first.setdefault(k, fact)
        if seen is not fact and source_of(seen.file) != source_of(fact.file):
            yield fact, seen


def _where(ctx: WorkspaceContext, file: str) -> str:
    """A file as messages show it: the source's name and its path there."""
    source, rel = ctx.sources.split(file)
    return source.shown(rel) if source else file


def check_department_twice(ctx: WorkspaceContext) -> Iterator[Located]:
    """一个部门的目录只应来自一个来源：两个来源都提供同一区划同一部门的目录时，说明分工不清或重复汇编。

    English::

        A department's catalogs come from one source: two sources carrying catalogs of the same department
        in one region mean an unclear division of work or a catalog assembled twice.

    为什么::

        目录按“谁制定、谁公开”由各部门负责（国办发〔2019〕54号）；同一部门的目录来自两处时，公开办无法确定哪一份是部门认可的，查询系统也会出现两份。

    Why::

        Each department answers for its own catalog (国办发〔2019〕54号); when one department's catalog comes from
        two places the office cannot tell which one the department stands behind, and the query system shows both.

    Passing::

        sources: {教育局: {department: 溪山县教育体育局, item: {subject: [溪山县教育体育局]}}}

    Failing::

        sources: {民政局: {domain: 社会救助}}
    """
    if ctx.sources is None:
        return
    for fact, first in _firsts(ctx, ctx.catalogs, lambda c: (c.region, fold(c.department))):
        args = {"department": fact.department, "source": _label(ctx.sources.source_of(first.file)),
                "file": _where(ctx, first.file)}
        yield Located(fact.file, fact.department_at[0], fact.department_at[1], args=args)


def check_id_twice(ctx: WorkspaceContext) -> Iterator[Located]:
    """同一区划、同一领域内，两个来源不得使用同一个事项编号（一个来源内的重复是 C201）。

    English::

        Two sources do not use the same item id in one region and domain (a repeat within one source is C201).

    为什么::

        事项编号是查询系统和动态调整记录识别事项的依据；两个来源用了同一编号，合并后的目录里就有两个事项争一个编号。

    Why::

        The item id is how the query system and the change record identify an item; the same id from two sources
        leaves two items competing for it in the assembled catalog.

    Passing::

        sources: {教育局: {department: 溪山县教育体育局, item: {id: JY-001, name: 教育收费, subject: [溪山县教育体育局]}}}

    Failing::

        sources: {教育局: {department: 溪山县教育体育局, item: {name: 教育收费, subject: [溪山县教育体育局]}}}
    """
    if ctx.sources is None:
        return
    for fact, first in _firsts(ctx, ctx.items, lambda f: (f.region, f.domain, f.id)):
        args = {"id": fact.id, "source": _label(ctx.sources.source_of(first.file)), "file": _where(ctx, first.file),
                "line": first.line}
        yield Located(fact.file, fact.line, fact.column, args=args, item=fact.id)


def check_item_twice(ctx: WorkspaceContext) -> Iterator[Located]:
    """同一区划、同一领域内，两个来源不应有名称相同的事项（一级事项和二级事项都相同；一个来源内的重复是 C202）。

    English::

        Two sources should not carry an item of the same name (first- and second-level names) in one region and
        domain (a repeat within one source is C202).

    为什么::

        同名事项出现两次，公众查到的是两条可能不一致的公开要求；通常是两个部门都把同一事项编进了目录。

    Why::

        The same item twice gives the public two possibly different disclosure duties; usually two departments
        both put the same item in their catalogs.

    Passing::

        sources: {教育局: {department: 溪山县教育体育局, item: {id: JY-001, name: 教育收费, subject: [溪山县教育体育局]}}}

    Failing::

        sources: {教育局: {department: 溪山县教育体育局, item: {id: JY-001, subject: [溪山县教育体育局]}}}
    """
    if ctx.sources is None:
        return
    for fact, first in _firsts(ctx, ctx.items, lambda f: (f.region, f.domain, f.key) if f.key else None):
        args = {"label": fact.label, "source": _label(ctx.sources.source_of(first.file)),
                "file": _where(ctx, first.file), "line": first.name_line}
        yield Located(fact.file, fact.name_line, fact.name_column, args=args, item=fact.id)


def check_entry_two_departments(ctx: WorkspaceContext) -> Iterator[Located]:
    """一个权责清单或公共服务事项清单条目，不应由不同来源中不同部门的事项同时公开：它只有一个实施主体。

    English::

        An entry of the power or public service list should not be disclosed by items of different departments
        from different sources: it has one implementing department.

    为什么::

        国办发〔2017〕42号要求依据权责清单梳理公开事项；清单条目只有一个实施主体，两个部门都公开它，说明至少一方引错了编码。

    Why::

        国办发〔2017〕42号 has items drawn from the power list; an entry has one implementing department, so two
        departments disclosing it means at least one cites the wrong code.

    Passing::

        item: {powers: ["360799-XK-0001"]}
        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政给付,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}
        sources: {教育局: {department: 溪山县教育体育局, item: {id: JY-001, name: 教育收费, subject: [溪山县教育体育局]}}}

    Failing::

        item: {powers: ["360799-XK-0001"]}
        lists: {powers: "编码,事项名称,权力类型,实施主体,设定依据,领域\\n360799-XK-0001,临时救助审批,行政给付,溪山县民政局,《社会救助暂行办法》,社会救助\\n"}
        sources: {教育局: {department: 溪山县教育体育局, item: {id: JY-001, name: 教育收费, subject: [溪山县教育体育局], powers: ["360799-XK-0001"]}}}
    """
    if ctx.sources is None or ctx.graph is None:
        return
    order = _order(ctx)
    source_of = ctx.sources.source_of
    for fact, kind, code, line, column in sorted(ctx.graph.references(),
                                                 key=lambda r: (order[source_of(r[0].file)], r[0].file, r[3], r[4])):
        disclosing = sorted(ctx.graph.disclosing_items(kind, code), key=lambda f: (order[source_of(f.file)], f.file, f.line))
        first = disclosing[0]
        if source_of(first.file) != source_of(fact.file) and fold(first.department) != fold(fact.department):
            args = {"code": code, "department": first.department, "source": _label(source_of(first.file)),
                    "file": _where(ctx, first.file), "line": first.line}
            yield Located(fact.file, line, column, args=args, item=fact.id)


def check_outside_region(ctx: WorkspaceContext) -> Iterator[Located]:
    """来源的目录只能是本办负责的区划：区划代码须以 [office] region 开头，未设时须在本办的 [regions] 中。

    English::

        A source's catalogs belong to the office's region: their region code starts with [office] region, or,
        when that is not set, is listed in the office's [regions].

    为什么::

        公开办汇总、发布的是本区划的目录；混入其他区划的目录会以本办的名义发布到查询系统。

    Why::

        An office assembles and publishes its own region's catalogs; a catalog of another region would be
        published in the office's name.

    Passing::

        settings: "[office]\\nregion = \\"360799\\"\\n"
        sources: {教育局: {department: 溪山县教育体育局, item: {id: JY-001, name: 教育收费, subject: [溪山县教育体育局]}}}

    Failing::

        settings: "[office]\\nregion = \\"360799\\"\\n"
        sources: {教育局: {region: "360702", department: 溪山县教育体育局, item: {id: JY-001, name: 教育收费, subject: [溪山县教育体育局]}}}
    """
    if ctx.sources is None:
        return
    office = ctx.sources
    if not (office.region or office.own_regions):
        return
    for catalog in ctx.catalogs:
        source = office.source_of(catalog.file)
        if source is not None and not office.allows(catalog.region):
            args = {"region": catalog.region, "source": source,
                    "allowed": office.region or "、".join(sorted(office.own_regions))}
            yield Located(catalog.file, *catalog.region_at, args=args)


def check_registries_agree(ctx: WorkspaceContext) -> Iterator[Located]:
    """各来源的登记表要一致：同一区划代码的名称、同一文件（编号或名称）的效力状态和取代文件不得不同。

    English::

        The sources' registries agree: one region code has one name, and one document (by id or title) one
        status and one successor.

    为什么::

        登记表决定区划名称怎样公布、引用的文件是否有效（C111）；各来源说法不一，同一条引用在不同部门的目录里会得到不同的判断。

    Why::

        The registries decide how a region is named and whether a cited document is in force (C111); when sources
        disagree, the same citation is judged differently in different departments' catalogs.

    Passing::

        settings: "[regions]\\n\\"360799\\" = \\"溪山县\\"\\n"
        sources: {教育局: {department: 溪山县教育体育局, item: {id: JY-001, name: 教育收费, subject: [溪山县教育体育局]}, settings: "[regions]\\n\\"360799\\" = \\"溪山县\\"\\n"}}

    Failing::

        settings: "[regions]\\n\\"360799\\" = \\"溪山县\\"\\n"
        sources: {教育局: {department: 溪山县教育体育局, item: {id: JY-001, name: 教育收费, subject: [溪山县教育体育局]}, settings: "[regions]\\n\\"360799\\" = \\"溪山区\\"\\n"}}
    """
    if ctx.sources is None:
        return
    yield from ctx.sources.conflicts


_HINT_FIRST = ("保留一处：与“{source}”（{file}）商定由谁提供，删去另一处，或改为引用。",
               "Keep one: agree with '{source}' ({file}) who provides it and remove the other.")

RULES: tuple[Rule, ...] = (
    Rule("C401", "source-department-twice", Severity.ERROR, "两个来源提供同一部门的目录", "two sources carry the same department", {
        "default": Message("部门“{department}”的目录也来自来源“{source}”（{file}）",
                           "Department '{department}' also comes from source '{source}' ({file})", *_HINT_FIRST),
    }, "workspace", check_department_twice),
    Rule("C402", "source-id-twice", Severity.ERROR, "两个来源使用同一事项编号", "two sources use the same item id", {
        "default": Message("事项编号“{id}”也出现在来源“{source}”（{file}:{line}）",
                           "Item id '{id}' also appears in source '{source}' ({file}:{line})",
                           "事项编号在本区划、本领域内必须唯一；与“{source}”商定，给其中一个换编号。",
                           "Ids are unique within a region and domain; agree with '{source}' which one changes."),
    }, "workspace", check_id_twice),
    Rule("C403", "source-item-twice", Severity.WARNING, "两个来源有同名事项", "two sources carry an item of the same name", {
        "default": Message("事项“{label}”也出现在来源“{source}”（{file}:{line}）",
                           "Item '{label}' also appears in source '{source}' ({file}:{line})", *_HINT_FIRST),
    }, "workspace", check_item_twice),
    Rule("C404", "source-entry-two-departments", Severity.ERROR, "清单条目由不同来源的不同部门公开",
         "a list entry is disclosed by departments of two sources", {
             "default": Message("清单条目 {code} 也由来源“{source}”的“{department}”公开（{file}:{line}）",
                                "List entry {code} is also disclosed by '{department}' of source '{source}' ({file}:{line})",
                                "清单条目只有一个实施主体：核对编码，或只在实施主体的目录中引用它。",
                                "An entry has one implementing department: check the code, or name it only there."),
         }, "workspace", check_entry_two_departments),
    Rule("C405", "source-outside-region", Severity.ERROR, "来源的目录不属于本办的区划", "a source's catalog lies outside the office's region", {
        "default": Message("来源“{source}”的目录区划代码是 {region}，不在本办负责的区划（{allowed}）内",
                           "Source '{source}' has a catalog of region {region}, outside the office's region ({allowed})",
                           "核对区划代码，或把这个来源从 catalogc.toml 的 [[sources]] 中移出。",
                           "Check the region code, or remove the source from [[sources]]."),
    }, "workspace", check_outside_region),
    Rule("C406", "source-registry-conflict", Severity.ERROR, "来源之间的登记表不一致", "sources' registries disagree", {
        "default": Message("登记表不一致", "The registries disagree"),
        "region": Message("区划代码 {code} 在这里叫“{name}”，在“{where}”的设置中叫“{other}”",
                          "Region {code} is named '{name}' here and '{other}' in the settings of '{where}'",
                          "统一区划名称（以 GB/T 2260 和民政部门公布的为准）。", "Use one name for the region."),
        "law": Message("文件“{title}”在这里是“{status}”（取代文件 {replaced_by}），在“{where}”的设置中是“{other}”（取代文件 {other_replaced_by}）",
                       "Document '{title}' is '{status}' (replaced by {replaced_by}) here and '{other}' "
                       "(replaced by {other_replaced_by}) in the settings of '{where}'",
                       "核对文件的效力状态，各来源的 [[laws]] 写成一致。", "Check the document's status and make the [[laws]] agree."),
    }, "workspace", check_registries_agree),
)
