"""pydantic models of a catalog file and its items.

The models check types and shapes only (C004). Whether a value is in a vocabulary,
or an element is empty, is left to the rules so that each problem gets its own code.
The nine elements are therefore optional here: their absence is C101, not C004.
Titles and descriptions are Chinese: they become the JSON Schema editors show.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, model_validator

NINE_ELEMENTS = ("name", "content", "basis", "time_limit", "subject", "method", "channels", "audience", "level")


def _code_text(value: Any) -> Any:
    """Codes may be written unquoted: an all-digit YAML integer is taken as its source text."""
    text = getattr(value, "text", None)
    if text is not None:
        return text
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _as_list(value: Any) -> Any:
    """A single string where a list is expected is the one-element list a person meant."""
    return [value] if isinstance(value, str) else value


_TEXT_OR_LIST = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}
_CODE = {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]}
Code = Annotated[str, BeforeValidator(_code_text), WithJsonSchema(_CODE)]
StrList = Annotated[list[str], BeforeValidator(_as_list), WithJsonSchema(_TEXT_OR_LIST)]
CodeList = Annotated[list[Code], BeforeValidator(_as_list), WithJsonSchema({"anyOf": [_CODE, {"type": "array", "items": _CODE}]})]


def _f(title: str, description: str, **kw: Any) -> Any:
    return Field(title=title, description=description, **kw)


class ChangeNote(BaseModel):
    """调整说明: why and when an item was added or changed (the 动态调整 record shows it)."""

    model_config = ConfigDict(extra="forbid", title="调整说明")

    reason: str = _f("调整原因", "增加或变更本事项的原因，如“《社会救助暂行办法》修订，时限缩短”。", min_length=1)
    date: dt.date | None = _f("调整时间", "调整生效或决定的日期，格式 YYYY-MM-DD。", default=None)


class Removal(ChangeNote):
    """取消的事项: an item taken out of the catalog, kept here with the reason."""

    model_config = ConfigDict(extra="forbid", title="取消的事项")

    id: str = _f("事项编号", "被取消事项原来的编号。", pattern=r"^[A-Za-z0-9_-]{1,64}$")
    name: str | None = _f("一级事项", "被取消事项的名称，便于阅读。", default=None)
    reason: str = _f("取消原因", "取消本事项的原因，如“职责划转至县医保局”。", min_length=1)


class Item(BaseModel):
    """公开事项: one row of the standard catalog table."""

    model_config = ConfigDict(extra="forbid", title="公开事项")

    id: str = _f(
        "事项编号",
        "在本区划、本领域内唯一且稳定的编号，只用字母、数字、- 和 _，如 SHJZ-001。",
        pattern=r"^[A-Za-z0-9_-]{1,64}$",
    )
    name: str | None = _f("一级事项", "公开事项名称（一级事项），如“最低生活保障”。", default=None)
    sub: str | None = _f("二级事项", "二级事项名称，如“审批结果”；没有二级事项时省略。", default=None)
    content: StrList | None = _f("公开内容（要素）", "公开的具体内容，可写成一段文字或逐条列出。", default=None)
    basis: StrList | None = _f(
        "公开依据", "法律、法规、规章或规范性文件，书名号括起，可带条款，如《社会救助暂行办法》第九条。", default=None
    )
    time_limit: str | None = _f(
        "公开时限", "规范表述，如“信息形成或者变更之日起20个工作日内”；不要写“同上”。", default=None
    )
    subject: StrList | None = _f("公开主体", "负责公开的机关或单位，可列多个。", default=None)
    method: StrList | None = _f("公开方式", "主动 和/或 依申请。", default=None)
    channels: StrList | None = _f(
        "公开渠道和载体", "全国模板的13个选项之一，或“其他：说明”，如 其他：国家企业信用信息公示系统。", default=None
    )
    audience: StrList | None = _f("公开对象", "全社会 和/或 特定群体。", default=None)
    audience_note: str | None = _f("特定群体说明", "公开对象含特定群体时，写明是哪些人，如“申请人”。", default=None)
    level: StrList | None = _f("公开层级", "市级、县级、乡级、村级中的一个或多个。", default=None)
    powers: CodeList = _f("权责清单事项编码", "本事项公开的权责清单事项编码。", default_factory=list)
    services: CodeList = _f("公共服务事项编码", "本事项公开的公共服务事项编码。", default_factory=list)
    note: str | None = _f("备注", "备注，不参与校验。", default=None)
    extra: dict[str, str] | None = _f(
        "附加列",
        "部分省份表格增加的列（如 三级事项、公开属性、咨询电话、监督举报电话、备注）：列标题 → 内容，原样保留，不参与校验。",
        default=None,
    )
    change_note: ChangeNote | None = _f(
        "调整说明", "本事项增加或变更的原因和日期，如 {reason: 按新修订办法缩短时限, date: 2025-03-01}；"
        "catalogc diff 和发布网站的目录动态调整记录显示它。", default=None)


class Catalog(BaseModel):
    """基层政务公开事项标准目录: one department × one domain × one region."""

    model_config = ConfigDict(extra="forbid", title="基层政务公开事项标准目录")

    format: Literal[1] = _f("格式版本", "目录文件格式版本，目前为 1。")
    region: Code = _f("行政区划代码", "发布目录的政府的行政区划代码：县级6位，乡级9位。")
    department: str = _f("部门", "本文件所属部门（或乡镇、街道）全称。")
    department_code: Code | None = _f("统一社会信用代码", "部门的18位统一社会信用代码（GB 32100）。", default=None)
    domain: str = _f("领域", "试点领域名称，如“社会救助”。")
    version: str | None = _f("版本", "部门自定的版本号，加引号，如 \"2024.1\"。", default=None)
    effective: dt.date | None = _f("生效日期", "本版本生效日期，格式 YYYY-MM-DD。", default=None)
    items: list[Item] | None = _f("公开事项", "本目录的公开事项列表。", default=None)
    not_applicable: str | None = _f(
        "未涉及说明", "本部门（乡镇）在本领域没有公开事项时，写明原因，代替 items。", default=None
    )
    guideline_exceptions: dict[str, str] | None = _f(
        "标准指引例外", "标准指引要求但本地不适用的事项：事项名称 → 不适用的原因。", default=None
    )
    removed: list[Removal] | None = _f(
        "取消的事项", "从本目录取消的事项及原因，如 [{id: SHJZ-009, reason: 职责划转, date: 2025-03-01}]；"
        "catalogc diff 据此说明取消原因。", default=None)

    @model_validator(mode="after")
    def _items_or_reason(self) -> Catalog:
        if (self.items is None) == (self.not_applicable is None):
            raise ValueError("items-xor-not-applicable")
        return self


class CatalogHead(Catalog):
    """The catalog without its items: validated alone when some item is malformed."""

    items: list[Any] | None = None  # type: ignore[assignment]

