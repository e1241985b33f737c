"""Catalog rules: what the file's header says about who publishes it, where and in which domain."""

from __future__ import annotations

from collections.abc import Iterator

from catalogc import refdata
from catalogc.diagnostics import Severity
from catalogc.parse import codes
from catalogc.parse.lazy import lazy
from catalogc.parse.normalize import fold
from catalogc.rules.base import FileContext, Finding, Message, Rule


def check_domain(ctx: FileContext) -> Iterator[Finding]:
    """领域须是领域登记表中的领域（26个试点领域，或在 catalogc.toml 的 [domains] 中登记的本地领域）。

    English::

        The domain is in the domain registry: one of the 26 pilot domains, or a local domain
        registered under [domains] in catalogc.toml.

    为什么::

        国办发〔2019〕54号要求基层政府对照26个试点领域的标准指引编制目录（试点由国办发〔2017〕42号部署）；领域名称写得不一，目录就对不上指引（C205），也无法按领域汇总。

    Why::

        国办发〔2019〕54号 has grassroots governments compile their catalogs against the standard
        guidelines of the 26 pilot domains (piloted under 国办发〔2017〕42号); a domain named otherwise
        matches no guideline (C205) and cannot be assembled by domain.

    Passing::

        domain: 社会救助

    Failing::

        domain: 社会福利救助
    """
    if ctx.head is None:
        return
    domain = ctx.head.domain
    if refdata.domains().resolve(domain) is None and fold(domain) not in ctx.settings.extra_domains:
        yield Finding(("domain",), args={"value": domain})


def check_region(ctx: FileContext) -> Iterator[Finding]:
    """行政区划代码须符合 GB/T 2260：县级6位、乡级9位，省级和地级部分在代码表中；配置了区划登记表时还须在表中。

    不设区县的地级市（中山、东莞、儋州、嘉峪关）的代码按县级代码处理，其镇的9位代码也一样。

    English::

        The region code follows GB/T 2260: 6 digits for a county, 9 for a township, with province
        and prefecture parts found in the code table; when the workspace has a region registry, the
        code must be in it as well. Prefecture-level cities without counties (中山, 东莞, 儋州, 嘉峪关) count
        as counties, and so do the 9-digit codes of their towns.

    为什么::

        行政区划代码标明目录属于哪个地方的哪一级政府（县级及以上按 GB/T 2260，乡级按 GB/T 10114）；代码错了，目录会被归到别的地方，按区划进行的检查（C201、C205）也会失准。

    Why::

        The region code says which government a catalog belongs to (GB/T 2260 for counties and
        above, GB/T 10114 for townships); a wrong code files the catalog under another place and
        misleads the checks done per region (C201, C205).

    Passing::

        region: "360799"

    Failing::

        region: "990799"
    """
    if ctx.head is None:
        return
    region = ctx.head.region
    problem = codes.check_region_code(region, refdata.provinces(), refdata.places())
    if problem:
        args = {"value": region, "place": refdata.place_name(region) or "?", "county": region[:6]}
        if problem == "county" and len(region) == 9:
            problem = "township-county"
        yield Finding(("region",), problem, args)
    elif ctx.settings.regions and region not in ctx.settings.regions:
        yield Finding(("region",), "unregistered", {"value": region})


# The place before a body's name (三门县, 县, 县级, 县级人民政府) and the kind of body after it (局, 部门, 委):
# what is left is the department's core (司法, 民政), by which short and generic forms are recognised.
_PLACE = lazy(r"^(?:[\u4e00-\u9fff]{0,8}?(?:县|区|旗|州|(?<!城)市(?![场政容]))(?:级)?)?(?:人民)?(?:政府)?")
_KIND = lazy(r"(?:行政主管部门|主管部门|行政部门|部门|分局|局|委员会|委|办公室|办|中心)$")


def department_core(name: str) -> str:
    """三门县司法局, 县司法局 and 司法行政部门 → 司法; 县级政府民政部门 → 民政 (empty when nothing is left)."""
    folded = fold(name)
    core = _KIND.sub("", _PLACE.sub("", folded, count=1))
    core = core.removesuffix("行政")
    return core if len(core) >= 2 else ""


def check_department(ctx: FileContext) -> Iterator[Finding]:
    """文件的部门应是至少一个事项的公开主体，否则多半是复制了别的部门的目录。

    部门的简称（县司法局）和模板的泛称（县级民政部门、自然资源部门）都算同一部门；公共资源交易等领域的公开主体
    按模板是招标人、交易平台，不要求是部门；没有填写公开主体的文件由 C101 报告。

    English::

        The file's department is the subject of at least one item; otherwise the catalog was most
        likely copied from another department. Short forms (县司法局) and the template's generic names
        (县级民政部门, 自然资源部门) count as the same department; in domains such as public resource trading
        the template's subjects are the tenderer or the trading platform and need not be the
        department; a file without subjects is reported by C101.

    为什么::

        目录由部门编制、对本部门的事项负责；部门不是任何事项的公开主体，说明 department 写错了，或事项来自别的部门的目录，发布后公众会找错责任部门。

    Why::

        A department compiles its catalog and answers for its items; a department that is no item's
        subject means department is wrong or the items came from another department's catalog, and
        the public would be sent to the wrong office.

    Passing::

        department: 溪山县民政局

    Failing::

        department: 溪山县教育体育局
    """
    if ctx.head is None or not ctx.items:
        return
    domain = refdata.domains().get(ctx.head.domain)
    if domain is not None and domain.department_not_subject:
        return
    subjects = list(dict.fromkeys(s for _, item in ctx.items for s in item.subject or () if s.strip()))
    if not subjects:
        return
    department = fold(ctx.head.department)
    if any(department in fold(subject) for subject in subjects):
        return
    core = department_core(ctx.head.department)
    if core and any(department_core(subject) == core for subject in subjects):
        return
    shown = "、".join(subjects[:3]) + ("等" if len(subjects) > 3 else "")
    yield Finding(("department",), args={"value": ctx.head.department, "subjects": shown})


def check_credit_code(ctx: FileContext) -> Iterator[Finding]:
    """department_code 须是有效的统一社会信用代码：18位，字符集，GB 11714 组织机构代码校验位和 GB 32100 校验码。

    English::

        department_code is a valid unified social credit code: 18 characters from its character set,
        with the check digit of the embedded GB 11714 organization code and the GB 32100 check
        character.

    为什么::

        统一社会信用代码（GB 32100）是部门的法定身份标识，也是公共服务事项编码的一部分；校验位能发现抄错的代码。

    Why::

        The unified social credit code (GB 32100) is the department's legal identifier and part of
        its service codes; its check characters catch codes copied wrongly.

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
        yield Finding(("department_code",), problem, args)


RULES: tuple[Rule, ...] = (
    Rule("C203", "domain-unknown", Severity.ERROR, "领域不在登记表中", "domain not in the domain registry", {
        "default": Message("领域“{value}”不在领域登记表中", "Domain '{value}' is not in the domain registry",
                           "使用26个试点领域的名称（catalogc domains 列出），或在 catalogc.toml 的 [domains] 中登记本地领域。",
                           "Use one of the 26 domains (catalogc domains), or register it under [domains] in catalogc.toml."),
    }, "file", check_domain),
    Rule("C204", "region-code", Severity.ERROR, "行政区划代码格式错误或未登记", "malformed or unknown region code", {
        "default": Message("行政区划代码“{value}”格式不对", "Region code '{value}' is malformed",
                           "县级写6位、乡级写9位数字，加引号。", "Write 6 digits (county) or 9 (township), quoted."),
        "format": Message("行政区划代码“{value}”应为6位或9位数字", "Region code '{value}' must be 6 or 9 digits",
                          "县级写6位、乡级写9位数字，加引号。", "Write 6 digits (county) or 9 (township), quoted."),
        "province": Message("行政区划代码“{value}”的前两位不是省级代码", "Region code '{value}' has no real province prefix",
                            "前两位应为 GB/T 2260 的省级代码，如 36（江西）。",
                            "The first two digits are a GB/T 2260 province code, e.g. 36."),
        "prefecture": Message("行政区划代码“{value}”缺少地级部分（只到{place}）",
                              "Region code '{value}' lacks its prefecture part (it names only {place})",
                              "第3、4位是地级代码，不能为00：写所在区县的6位代码。",
                              "Digits 3-4 are the prefecture and cannot be 00: write the county's 6-digit code."),
        "county": Message("行政区划代码“{value}”是地级代码（{place}），不是县级",
                          "Region code '{value}' is a prefecture ({place}), not a county",
                          "基层目录由县级（6位）或乡级（9位）政府发布：写所在区县的代码。",
                          "Catalogs are published by counties (6 digits) or townships (9): write the county's code."),
        "township-county": Message("乡级代码“{value}”的前6位“{county}”是地级代码（{place}），不是县级",
                                   "Township code '{value}': its first 6 digits '{county}' are a prefecture ({place}), "
                                   "not a county",
                                   "乡级代码为所在区县的6位代码加3位乡镇代码（GB/T 10114）。",
                                   "A township code is its county's 6-digit code plus 3 digits (GB/T 10114)."),
        "no-prefecture": Message("行政区划代码“{value}”的前4位不是{place}的地级代码",
                                 "Region code '{value}': digits 1-4 are no prefecture of {place}",
                                 "核对代码（GB/T 2260）。", "Check the code against GB/T 2260."),
        "township": Message("乡级代码“{value}”的后三位不能是000", "Township code '{value}' cannot end in 000",
                            "乡级代码为县级代码加3位乡镇代码（GB/T 10114）。",
                            "A township code is the county code plus 3 digits (GB/T 10114)."),
        "unregistered": Message("行政区划代码“{value}”不在本工作区的区划登记表中",
                                "Region code '{value}' is not in the workspace's region registry",
                                "检查代码，或在 catalogc.toml 的 [regions] 中登记。",
                                "Check the code, or register it under [regions] in catalogc.toml."),
    }, "file", check_region),
    Rule("C206", "department-mismatch", Severity.WARNING, "部门不是任何事项的公开主体", "department differs from every item's subject", {
        "default": Message("部门“{value}”不是本文件任何事项的公开主体", "Department '{value}' is no item's subject",
                           "本文件的公开主体是：{subjects}。检查 department 是否写错，或事项是否从别的部门的目录复制而来。",
                           "The file's subjects are: {subjects}. Check department, or whether the items were "
                           "copied from another department's catalog."),
    }, "file", check_department),
    Rule("C207", "credit-code", Severity.ERROR, "统一社会信用代码无效", "department_code is not a valid credit code", {
        "default": Message("统一社会信用代码“{value}”无效", "Credit code '{value}' is invalid",
                           "核对部门的统一社会信用代码。", "Check the department's credit code."),
        "length": Message("统一社会信用代码“{value}”应为18位", "Credit code '{value}' must have 18 characters",
                          "核对是否漏抄或多抄了字符。", "Check for missing or extra characters."),
        "charset": Message("统一社会信用代码“{value}”含有不允许的字符", "Credit code '{value}' has characters outside its set",
                           "只用数字和大写字母，不用 I、O、Z、S、V。", "Use digits and capitals except I, O, Z, S, V."),
        "region": Message("统一社会信用代码“{value}”的第3-8位不是行政区划代码",
                          "Credit code '{value}': characters 3-8 are not a region code",
                          "核对代码。", "Check the code."),
        "org-check": Message("统一社会信用代码“{value}”中的组织机构代码校验位不对（GB 11714）",
                             "Credit code '{value}': the embedded organization code check digit is wrong (GB 11714)",
                             "核对第9-17位。", "Check characters 9-17."),
        "check-char": Message("统一社会信用代码“{value}”的校验码不对，应为“{expected}”",
                              "Credit code '{value}': wrong check character, expected '{expected}'",
                              "核对代码；若前17位无误，最后一位应为“{expected}”。",
                              "If the first 17 characters are right, the last is '{expected}'."),
    }, "file", check_credit_code),
)
