"""Catalog rules: what the file's header says about who publishes it, where and in which domain."""

from __future__ import annotations

from collections.abc import Iterator

from catalogc import refdata
from catalogc.parse import codes
from catalogc.parse.normalize import fold
from catalogc.rules.base import FileContext, Finding


def check_domain(ctx: FileContext) -> Iterator[Finding]:
    """领域须是领域登记表中的领域（26个试点领域，或在 catalogc.toml 的 [domains] 中登记的本地领域）。

    Passing::

        domain: 社会救助

    Failing::

        domain: 社会福利救助
    """
    if ctx.head is None:
        return
    domain = ctx.head.domain
    if refdata.domains().resolve(domain) is None and fold(domain) not in ctx.settings.extra_domains:
        yield Finding("C203", ("domain",), args={"value": domain})


def check_region(ctx: FileContext) -> Iterator[Finding]:
    """行政区划代码须符合 GB/T 2260：县级6位、乡级9位，前两位是真实的省级代码；配置了区划登记表时还须在表中。

    Passing::

        region: "360799"

    Failing::

        region: "990799"
    """
    if ctx.head is None:
        return
    region = ctx.head.region
    problem = codes.check_region_code(region, refdata.provinces())
    if problem:
        yield Finding("C204", ("region",), problem, {"value": region})
    elif ctx.settings.regions and region not in ctx.settings.regions:
        yield Finding("C204", ("region",), "unregistered", {"value": region})


def check_department(ctx: FileContext) -> Iterator[Finding]:
    """文件的部门应是至少一个事项的公开主体，否则多半是复制了别的部门的目录。

    Passing::

        department: 溪山县民政局

    Failing::

        department: 溪山县教育体育局
    """
    if ctx.head is None or not ctx.items:
        return
    department = fold(ctx.head.department)
    for _, item in ctx.items:
        if any(department in fold(subject) for subject in item.subject or ()):
            return
    yield Finding("C206", ("department",), args={"value": ctx.head.department})


def check_credit_code(ctx: FileContext) -> Iterator[Finding]:
    """department_code 须是有效的统一社会信用代码：18位，字符集，GB 11714 组织机构代码校验位和 GB 32100 校验码。

    Passing::

        department_code: "11360799MB1234562P"

    Failing::

        department_code: "11360799MB1234562X"
    """
    if ctx.head is None or ctx.head.department_code is None:
        return
    problem = codes.check_credit_code(ctx.head.department_code)
    if problem:
        args = {"value": ctx.head.department_code}
        if problem == "check-char":
            args["expected"] = codes.credit_check_char(ctx.head.department_code[:17])
        yield Finding("C207", ("department_code",), problem, args)
