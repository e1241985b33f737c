"""``catalogc diff --format json``: the document's models, from which ``schema/diff.schema.json``
is generated, so the output and its schema are written once."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from catalogc.diff.changeset import ChangeSet, ItemChange, Place
from catalogc.diff.kinds import KINDS
from catalogc.model.bundle import Note

DIFF_FORMAT = 1
_VALUE: dict[str, Any] = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}},
                    {"type": "object", "additionalProperties": {"anyOf": [{"type": "string"}, {
                        "type": "array", "items": {"type": "string"}}]}}, {"type": "null"}]}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SideDoc(_Model):
    kind: str = Field(title="来源种类", json_schema_extra={"enum": ["workspace", "bundle", "git"]})
    label: str = Field(title="命令行上给出的名称")
    commit: str | None = Field(None, title="git 提交", description="来源是 git 版本时给出")


class ChangeDoc(_Model):
    kind: str = Field(title="调整种类", json_schema_extra={"enum": list(KINDS)})
    field: str | None = Field(title="字段", description="发布包事项的字段名；增加、取消、移动时为 null")
    old: Any = Field(title="调整前", json_schema_extra=_VALUE)
    new: Any = Field(title="调整后", json_schema_extra=_VALUE)
    detail: str = Field(title="调整内容", description="按 --lang 的语言写出，如“公开时限：20 → 10 个工作日（缩短）”")


class PlaceDoc(_Model):
    region: str
    domain: str
    department: str
    file: str
    line: int


class ItemDoc(_Model):
    region: str = Field(title="行政区划代码")
    region_name: str | None = Field(title="区划名称")
    domain: str = Field(title="领域")
    id: str = Field(title="事项编号", description="取消的事项为原编号")
    old_id: str | None = Field(title="原编号", description="编号变更时给出")
    name: str = Field(title="一级事项")
    sub: str | None = Field(title="二级事项")
    department: str = Field(title="所属部门")
    file: str = Field(title="来源文件", description="取消的事项为原来的文件")
    line: int = Field(title="行号")
    before: PlaceDoc | None = Field(title="移动前的位置")
    note: Note | None = Field(title="调整说明", description="事项的 change_note，或目录 removed 中的取消原因")
    changes: list[ChangeDoc] = Field(title="调整")


class DiffDoc(_Model):
    """catalogc diff 的 JSON 输出：两个版本之间增加、取消和变更的事项（目录动态调整记录）。"""

    format: int = Field(DIFF_FORMAT, title="格式版本")
    old: SideDoc = Field(title="旧版本")
    new: SideDoc = Field(title="新版本")
    summary: dict[str, int] = Field(title="各种调整的数量", description="按文档中的顺序；没有出现的种类不列出",
                                    json_schema_extra={"propertyNames": {"enum": list(KINDS)}})
    items: list[ItemDoc] = Field(title="有调整的事项", description="按区划、领域、编号排序")


def _place(p: Place) -> PlaceDoc:
    return PlaceDoc(region=p.region, domain=p.domain, department=p.department, file=p.file, line=p.line)


def _item(item: ItemChange, changes: ChangeSet, lang: str) -> ItemDoc:
    p = item.place
    return ItemDoc(
        region=p.region, region_name=changes.regions.get(p.region), domain=p.domain, id=item.id,
        old_id=item.old_id, name=item.name, sub=item.sub, department=p.department, file=p.file, line=p.line,
        before=_place(item.before) if item.before else None, note=item.note,
        changes=[ChangeDoc(kind=c.kind, field=c.field, old=c.old, new=c.new, detail=c.detail(lang))
                 for c in item.changes],
    )


def document(changes: ChangeSet, lang: str = "zh") -> DiffDoc:
    side = [SideDoc(kind=s.kind, label=s.label, commit=s.commit) for s in (changes.old, changes.new)]
    return DiffDoc(format=DIFF_FORMAT, old=side[0], new=side[1], summary=changes.summary(),
                   items=[_item(i, changes, lang) for i in changes.items])


def dumps(changes: ChangeSet, lang: str = "zh") -> str:
    return document(changes, lang).model_dump_json(indent=2) + "\n"


def diff_schema() -> dict[str, Any]:
    schema = DiffDoc.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "catalogc diff"
    return schema


def diff_schema_text() -> str:
    return json.dumps(diff_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
