"""Subject/level rules: the bodies named as 公开主体 can publish at the levels the item claims."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from catalogc import refdata
from catalogc.diagnostics import Severity
from catalogc.parse.lazy import lazy
from catalogc.rules.base import FileContext, Finding, Message, Rule

# Township bodies in their bracketed and abbreviated forms (各乡（镇）人民政府, 镇（街道）, 镇级人民政府, 街镇) and
# bodies a township owns (石羊镇中心学校, XX镇文化站, 派出所, 便民服务中心); brackets are dropped before matching.
TOWNSHIP_BODY = lazy(
    r"(乡|镇|街道|苏木|街镇|乡级|镇级)(人民政府|政府|办事处|党委|党工委)|乡镇|街道办|镇街|乡街|镇街道|"
    r"(乡|镇|街道)(中心学校|中心小学|中学|小学|卫生院|文化站|综合文化站|财政所|便民服务中心|党群服务中心)|"
    r"派出所|综合文化站|便民服务中心|党群服务中心")
_BRACKETS = lazy(r"[（）()]")
# A county body: the county's (or 县/区/市) bureau, commission or office, not a township's.
COUNTY_BODY = lazy(r"(县|区|市|旗)[^乡镇村]{0,12}(局|委员会|委|办公室|分局|中心)$")
VILLAGE_BODY = lazy(r"村民委员会|居民委员会|村委会|居委会|村（居）委会|村\(居\)委会|社区|行政村|村民小组")


def check_subject_level(ctx: FileContext) -> Iterator[Finding]:
    """公开层级与公开主体应一致：乡级事项要有乡镇（街道）主体，村级事项要有乡镇或村（社区）主体。

    乡镇的各种写法（各乡（镇）人民政府、镇（街道））、乡镇所属机构（中心学校、文化站、派出所）和领域标准指引
    在乡级点名的县级机关（户籍管理的公安机关）都算；乡镇自己的目录中，主体全是县级机关的事项仍要检查。
    模板的合并表头“乡、村级”是县级部门勾选的一栏，不据此要求乡镇主体。

    English::

        An item's level and its subjects agree: a 乡级 (township) item has a township or subdistrict
        body among its subjects, a 村级 (village) item a township or village (community) body. Every
        way of writing townships counts (各乡（镇）人民政府, 镇（街道）), as do bodies under them (中心学校, 文化站, 派出所)
        and county bodies a domain guideline names at township level (the public security organs for
        household registration); in a township's own catalog, items whose subjects are all county
        bodies are still checked. The template's merged header 乡、村级 is the column a county
        department ticks and asks for no township subject.

    为什么::

        公开层级说明在哪一级公开，公开主体说明由谁公开；国办发〔2019〕54号要求县、乡两级分别编制本级目录，乡级事项没有乡镇主体，就没有人负责在乡镇公开它。

    Why::

        The level says at which tier an item is disclosed and the subject says who discloses it;
        国办发〔2019〕54号 has counties and townships each compile their own catalog, so a 乡级 item without
        a township subject has nobody to disclose it in the townships.

    Passing::

        item: {level: [县级, 乡级], subject: [溪山县民政局, 各乡镇人民政府（街道办事处）]}

    Failing::

        item: {level: [县级, 乡级], subject: 溪山县民政局}
    """
    if ctx.head is None:
        return
    township_catalog = len(ctx.head.region) == 9
    towns = tuple(name for code, name in ctx.settings.regions.items() if len(code) == 9)
    domain = refdata.domains().get(ctx.head.domain)
    owned = domain.township_bodies if domain else ()
    levels = refdata.levels()
    judged: dict[tuple[tuple[str, ...], tuple[str, ...]], str | None] = {}  # items repeat their level and subjects
    for index, item in ctx.items:
        key = (tuple(item.level or ()), tuple(item.subject or ()))
        variant = judged.get(key, "")
        if variant == "":
            # a combined header (乡、村级) is the template's one column for publication below the county, ticked
            # by the county department itself (盖州市, 剑阁县, 夏县, 乌恰县): it names no township body
            claimed = {levels.resolve(v)[0] for v in key[0] if levels.judge(v)[1] != "split"}
            variant = judged[key] = level_problem(claimed, key[1], township_catalog, towns, owned)
        if variant:
            yield Finding(ctx.item_path(index, "subject"), variant, {"subject": " ".join(item.subject or ())}, item.id)


def level_problem(claimed: set[str | None], subject: Iterable[str], township_catalog: bool,
                  towns: tuple[str, ...] = (), owned: tuple[str, ...] = ()) -> str | None:
    """The C112 variant for levels claimed by these subjects (``township``, ``village``), or None.

    Also asked by the fix that splits 乡、村级: the split is safe only where this stays None.
    """
    subject = list(subject)
    subjects = " ".join(subject)
    plain = _BRACKETS.sub("", subjects)
    named = bool(TOWNSHIP_BODY.search(plain)) or any(t in subjects for t in towns) or any(b in plain for b in owned)
    # a township's own catalog speaks for the township, unless every subject is a county body
    county_only = bool(subject) and all(COUNTY_BODY.search(_BRACKETS.sub("", s).strip()) for s in subject)
    township = named or (township_catalog and not county_only)
    if "乡级" in claimed and not township:
        return "township"
    if "村级" in claimed and not (township or VILLAGE_BODY.search(subjects)):
        return "village"
    return None

RULES: tuple[Rule, ...] = (
    Rule("C112", "subject-level", Severity.WARNING, "公开层级与公开主体不一致", "item level and subject disagree", {
        "default": Message("公开层级与公开主体不一致", "Level and subject disagree", "", ""),
        "township": Message("事项含乡级公开，但公开主体“{subject}”中没有乡镇（街道）",
                            "The item is published at township level but no subject ({subject}) is a township body",
                            "在 subject 中加上“各乡镇人民政府（街道办事处）”或具体乡镇，或去掉“乡级”。",
                            "Add the township governments to subject, or drop 乡级."),
        "village": Message("事项含村级公开，但公开主体“{subject}”中没有乡镇或村（社区）",
                           "The item is published at village level but no subject ({subject}) is a township or village body",
                           "村级公开的事项应由乡镇或村（居）委会公开；核对层级和主体。",
                           "Village-level items are published by townships or village committees."),
    }, "file", check_subject_level),
)
