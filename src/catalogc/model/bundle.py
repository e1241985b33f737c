"""The published bundle's models: what the provincial query system ingests.

One index (catalog metadata, coverage, allowed findings) and one file per region and
domain with its normalized items, so the query system can load a county's domain
without reading the province. The build constructs these models and serializes them,
and ``schema/bundle.schema.json`` is generated from them: the shape is written once.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

BUNDLE_FORMAT = 1


M = TypeVar("M", bound="_Model")


def _unset(value: Any) -> bool:
    """Provenance of an office's sources is written only where there is some: a workspace's own
    bundle stays byte for byte what it was before offices existed."""
    return value is None


def trusted(cls: type[M], fields: dict[str, Any]) -> M:
    """A model from every one of its fields, already in shape, without running the validators.

    For the build's hot path only: items compiled in the check workers, and models coming back
    from them pickled. The tests validate every file a build writes against the schema generated
    from these models, and compiled items against the models themselves."""
    model = _new(cls)
    _set(model, "__dict__", fields)
    _set(model, "__pydantic_fields_set__", _EVERY.get(cls) or cls._every_field())
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


# the builtins ``trusted`` calls, bound once: it makes every item's eleven or so models of a build
_new, _set = object.__new__, object.__setattr__
_EVERY: dict[type, set[str]] = {}  # each class's field names, one set shared by its models (``_Model._every_field``)


class _Model(BaseModel):
    """Pickled as its fields alone: half the time of pydantic's own state, and one shared set of
    field names per class instead of one per object (a third less memory in the build's parent)."""

    model_config = ConfigDict(extra="forbid")

    @classmethod
    def _every_field(cls) -> set[str]:
        every = _EVERY.get(cls)
        if every is None:
            every = _EVERY[cls] = set(cls.model_fields)
        return every

    def __reduce__(self) -> tuple[Any, ...]:
        return trusted, (type(self), self.__dict__)


class Document(_Model):
    id: str = Field(title="法规编号", description="法规登记表中的编号")
    title: str = Field(title="名称")
    number: str | None = Field(None, title="文号")
    status: str = Field(title="效力状态", description="有效、已修订或已废止")
    replaced_by: str | None = Field(None, title="取代它的文件编号")


def _empty(value: Any) -> bool:
    """Written only when a catalog lists removed items: bundles without any stay as they were."""
    return not value


class Note(_Model):
    """调整说明 of an item, or the reason an item was removed (``Removal``)."""

    reason: str = Field(title="调整原因")
    date: str | None = Field(None, title="调整时间", description="YYYY-MM-DD")


class Removal(_Model):
    """An item taken out of a catalog, with the reason (the catalog's ``removed`` list)."""

    id: str = Field(title="被取消事项的编号")
    name: str | None = Field(None, title="被取消事项的名称")
    reason: str = Field(title="取消原因")
    date: str | None = Field(None, title="取消时间", description="YYYY-MM-DD")


class Citation(_Model):
    text: str = Field(title="原文")
    titles: list[str] = Field(title="文件名称")
    article: str | None = Field(None, title="条款")
    numbers: list[str] = Field(title="文号")
    documents: list[Document] = Field(title="登记表中的文件")


class TimeLimit(_Model):
    text: str = Field(title="原文")
    parsed: dict[str, Any] | None = Field(None, title="结构化时限", description="无法识别时为 null")


class Source(_Model):
    file: str = Field(title="来源文件", description="汇编时：文件夹来源相对于汇编工作区，git 来源为仓库内的路径")
    line: int = Field(title="行号")
    name: str | None = Field(default=None, exclude_if=_unset, title="来源名称", description="汇编工作区 [[sources]] 的 name；本工作区自己的文件不写")
    commit: str | None = Field(default=None, exclude_if=_unset, title="提交", description="git 来源读取的提交")


class Item(_Model):
    id: str = Field(title="事项编号")
    name: str = Field(title="一级事项")
    sub: str | None = Field(None, title="二级事项")
    content: list[str] = Field(title="公开内容")
    basis: list[Citation] = Field(title="公开依据")
    time_limit: TimeLimit = Field(title="公开时限")
    subject: list[str] = Field(title="公开主体")
    method: list[str] = Field(title="公开方式")
    channels: list[str] = Field(title="公开渠道和载体")
    audience: list[str] = Field(title="公开对象")
    audience_note: str | None = Field(None, title="特定群体说明")
    level: list[str] = Field(title="公开层级")
    powers: list[str] = Field(title="权责清单事项编码")
    services: list[str] = Field(title="公共服务事项编码")
    department: str = Field(title="所属部门")
    source: Source = Field(title="来源")
    change_note: Note | None = Field(None, exclude_if=_unset, title="调整说明", description="没有时不写")


class CatalogMeta(_Model):
    file: str = Field(title="来源文件")
    region: str = Field(title="行政区划代码")
    department: str = Field(title="部门")
    department_code: str | None = Field(None, title="统一社会信用代码")
    domain: str = Field(title="领域")
    version: str | None = Field(None, title="版本")
    effective: str | None = Field(None, title="生效日期")
    items: int = Field(title="事项数")
    removed: list[Removal] = Field(default_factory=list, exclude_if=_empty, title="取消的事项", description="没有时不写")
    not_applicable: str | None = Field(None, title="未涉及说明")
    guideline_exceptions: dict[str, str] = Field(default_factory=dict, title="标准指引例外")
    source: str | None = Field(default=None, exclude_if=_unset, title="来源名称", description="汇编工作区 [[sources]] 的 name")
    commit: str | None = Field(default=None, exclude_if=_unset, title="提交", description="git 来源读取的提交")


@cache
def items_adapter() -> Any:
    """A catalog's items as one JSON array, both ways (the build's spool, the cache's entries):
    made on first use, a tenth of a second a check that publishes nothing need not spend."""
    from pydantic import TypeAdapter

    return TypeAdapter(list[Item])


def from_plain(d: dict[str, Any]) -> Item:
    """An item from its JSON shape as the build makes it (``publish/compile.py``, the spool), without
    the validators: it is our own output, and pydantic's validation would cost ten times more.
    Builds the models in place of the plain values in ``d``."""
    for citation in d["basis"]:
        citation["documents"] = [trusted(Document, document) for document in citation["documents"]]
    d["basis"] = [trusted(Citation, citation) for citation in d["basis"]]
    d["time_limit"] = trusted(TimeLimit, d["time_limit"])
    note = d.get("change_note")
    d["change_note"] = trusted(Note, note) if note is not None else None
    source = d["source"]
    source.setdefault("name", None)  # left out of the JSON when unset
    source.setdefault("commit", None)
    d["source"] = trusted(Source, source)
    return trusted(Item, d)


def group_path(region: str, domain: str) -> str:
    """Where the file of one region × domain lies in the bundle."""
    return f"catalogs/{region}/{domain}.json"


class RegionDomain(_Model):
    """One file of the bundle: the items of one region in one domain, from every department."""

    format: int = Field(default=BUNDLE_FORMAT, title="包格式版本")
    region: str = Field(title="行政区划代码")
    region_name: str | None = Field(None, title="区划名称")
    domain: str = Field(title="领域")
    items: list[Item] = Field(title="公开事项")

    @property
    def path(self) -> str:
        """Where this file lies in the bundle."""
        return group_path(self.region, self.domain)


class Coverage(_Model):
    department: str
    domain: str
    list: str = Field(title="清单", description="power（权责清单）或 service（公共服务事项清单）")
    entries: int
    covered: int


class Finding(_Model):
    code: str
    rule: str
    severity: str
    file: str
    line: int
    column: int
    item: str | None
    message: str
    hint: str
    source: str | None = Field(default=None, exclude_if=_unset, title="来源名称", description="汇编工作区 [[sources]] 的 name")
    commit: str | None = Field(default=None, exclude_if=_unset, title="提交", description="git 来源读取的提交")


class IndexEntry(_Model):
    region: str
    region_name: str | None = None
    domain: str
    path: str = Field(title="包内文件路径")
    items: int


class Index(_Model):
    """bundle index.json: what the bundle holds and how it was checked."""

    format: int = Field(default=BUNDLE_FORMAT, title="包格式版本")
    generated: str | None = Field(None, title="生成时间", description="仅在设置 SOURCE_DATE_EPOCH 时给出")
    regions: dict[str, str | None] = Field(title="区划", description="代码 → 名称")
    files: list[IndexEntry] = Field(title="区划 × 领域文件")
    catalogs: list[CatalogMeta] = Field(title="目录文件")
    coverage: list[Coverage] = Field(title="清单覆盖")
    findings: list[Finding] = Field(title="允许发布时保留的检查发现")


class Bundle(_Model):
    """A build's whole output before it is written: the index and its region × domain files."""

    index: Index
    groups: list[RegionDomain]
