"""Guideline rules: a region's catalogs of a domain carry what the ministry's standard guideline requires."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from itertools import groupby
from operator import attrgetter

from catalogc import refdata
from catalogc.diagnostics import Severity
from catalogc.parse.normalize import KEY_SEP, item_key
from catalogc.rules.base import CatalogFact, Located, Message, Rule, WorkspaceContext

_GROUP, _KEY = attrgetter("region", "domain"), attrgetter("key")
_NUMBERING = re.compile(r"^\d+")  # 1.就业信息服务 / 1.1就业政策法规咨询, folded to 1… and 11…


@lru_cache(maxsize=65536)
def unnumbered(key: str) -> str:
    """An item key without the numbering tables print before each level (folding already dropped the dots).

    Remembered: a province repeats the same few hundred item keys in every county."""
    return KEY_SEP.join(_NUMBERING.sub("", part) for part in key.split(KEY_SEP))


def exception_key(text: str) -> str:
    """guideline_exceptions keys name an item as 一级 or 一级/二级."""
    name, _, sub = text.replace("／", "/").partition("/")
    return item_key(name, sub)


def check_guideline_missing(ctx: WorkspaceContext) -> Iterator[Located]:
    """县级目录缺少领域标准指引要求的事项，又没有在 guideline_exceptions 中写明不适用的理由。

    English::

        A county's catalog lacks an item the domain's standard guideline requires, and
        guideline_exceptions gives no reason why it does not apply.

    为什么::

        国办发〔2019〕54号要求对照国务院有关部门制定的领域标准指引编制目录；指引中的事项不公开，须写明理由（guideline_exceptions），否则多半是遗漏。各领域的基线在 refdata/data/guidelines/ 中。

    Why::

        国办发〔2019〕54号 has catalogs compiled against the ministries' standard guidelines; an item of
        the guideline left out needs a reason (guideline_exceptions), otherwise it was most likely
        forgotten. The baselines are in refdata/data/guidelines/.

    Passing::

        domain: 社会救助
        guideline_exceptions: {特困人员救助供养/办事指南: 本县特困供养由市民政局统一办理, 临时救助: 由乡镇办理, 医疗救助: 由县医疗保障局公开, 受灾人员救助: 由县应急管理局公开, 最低生活保障/审核信息: 由乡镇公示, 综合业务/政策法规文件: 见县政府门户网站, 综合业务/监督检查: 见县政府门户网站}

    Failing::

        domain: 社会救助
        guideline_exceptions: {临时救助: 由乡镇办理}
    """
    guidelines = refdata.guidelines()
    groups: dict[tuple[str, str], list[CatalogFact]] = defaultdict(list)
    for catalog in ctx.catalogs:
        if len(catalog.region) == 6 and catalog.domain in guidelines:
            groups[(catalog.region, catalog.domain)].append(catalog)
    # each group's item keys, unnumbered, and their 一级事项 alone; a file's facts share its region and
    # domain, so they come in runs, each taken whole (a province has a hundred thousand facts)
    present: dict[tuple[str, str], set[str]] = defaultdict(set)
    for group, facts in groupby(ctx.items, _GROUP):
        if group in groups:
            keys = set(map(unnumbered, filter(None, map(_KEY, facts))))
            present[group].update(keys, [key.partition(KEY_SEP)[0] for key in keys])
    for (region, domain), catalogs in sorted(groups.items()):
        if any(c.not_applicable for c in catalogs):
            continue
        catalogs.sort(key=lambda c: c.file)
        excepted = {key for c in catalogs for key in c.exceptions}
        keys = present[(region, domain)]
        guideline = guidelines[domain]
        first = catalogs[0]
        for item in guideline.items:
            # an item counts as present under its label or any alias tables print it under,
            # and as excepted when guideline_exceptions names it either way
            labels = [item_key(name, sub) for name, sub in item.labels()]
            if any(unnumbered(key) in keys or key in excepted for key in labels) or item_key(item.name) in excepted:
                continue
            args = {"label": item.label, "guideline": guideline.document, "domain": domain}
            yield Located(first.file, first.line, first.column, "default", args)


RULES: tuple[Rule, ...] = (
    Rule("C205", "guideline-missing", Severity.WARNING, "缺少标准指引要求的事项", "a guideline item is missing", {
        "default": Message("缺少{domain}领域标准指引（{guideline}）要求的事项“{label}”",
                           "Missing '{label}', required by the {domain} guideline ({guideline})",
                           "补上这个事项（catalogc init 可生成标准指引的事项），或在 guideline_exceptions 中写明“{label}: 不适用的理由”。",
                           "Add the item (catalogc init scaffolds the guideline), or list it under guideline_exceptions with a reason."),
    }, "workspace", check_guideline_missing),
)
