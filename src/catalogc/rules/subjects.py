"""Subject/level rules: the bodies named as 公开主体 can publish at the levels the item claims."""

from __future__ import annotations

import re
from collections.abc import Iterator

from catalogc import refdata
from catalogc.diagnostics import Severity
from catalogc.rules.base import FileContext, Finding, Message, Rule

TOWNSHIP_BODY = re.compile(r"(乡|镇|街道|苏木)(人民政府|政府|办事处|党委|党工委)|乡镇|街道办")
VILLAGE_BODY = re.compile(r"村民委员会|居民委员会|村委会|居委会|村（居）委会|村\(居\)委会|社区|行政村|村民小组")


def check_subject_level(ctx: FileContext) -> Iterator[Finding]:
    """公开层级与公开主体应一致：县级目录中的乡级事项要有乡镇（街道）主体，村级事项要有乡镇或村（社区）主体。

    Passing::

        item: {level: [县级, 乡级], subject: [溪山县民政局, 各乡镇人民政府（街道办事处）]}

    Failing::

        item: {level: [县级, 乡级], subject: 溪山县民政局}
    """
    if ctx.head is None:
        return
    township_catalog = len(ctx.head.region) == 9
    towns = tuple(name for code, name in ctx.settings.regions.items() if len(code) == 9)
    levels = refdata.levels()
    for index, item in ctx.items:
        claimed = {levels.resolve(v)[0] for v in item.level or ()}
        subjects = " ".join(item.subject or ())
        township = township_catalog or bool(TOWNSHIP_BODY.search(subjects)) or any(t in subjects for t in towns)
        if "乡级" in claimed and not township:
            yield Finding("C112", ctx.item_path(index, "subject"), "township", {"subject": subjects}, item.id)
        elif "村级" in claimed and not (township or VILLAGE_BODY.search(subjects)):
            yield Finding("C112", ctx.item_path(index, "subject"), "village", {"subject": subjects}, item.id)


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
