"""One line of a releases folder's log (``RELEASES/releases.jsonl``): who switched ``current``,
when, to what, from what, and what changed. ``schema/release-log.schema.json`` is generated
from this model, and the publisher writes these models, so the two cannot drift apart."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RELEASE_LOG_FORMAT: Literal[1] = 1

_VERSION = r"^[0-9a-f]{16}$"


class Counts(BaseModel):
    model_config = ConfigDict(extra="forbid")

    regions: int = Field(title="区划数")
    catalogs: int = Field(title="目录文件数")
    items: int = Field(title="事项数")


class Changes(BaseModel):
    """Counted by region and item id; an item is changed when anything but its provenance differs."""

    model_config = ConfigDict(extra="forbid")

    added: int = Field(title="增加的事项")
    removed: int = Field(title="取消的事项")
    changed: int = Field(title="变更的事项")


class ReleaseEntry(BaseModel):
    """A switch of ``current``: a release published (or published again) or a rollback."""

    model_config = ConfigDict(extra="forbid")

    format: Literal[1] = Field(default=RELEASE_LOG_FORMAT, title="日志格式版本")
    action: Literal["publish", "rollback"] = Field(title="操作", description="publish（发布）或 rollback（回退）")
    version: str = Field(pattern=_VERSION, title="版本",
                         description="操作后 current 指向的发布：其 manifest.json 的 SHA-256 的前 16 位")
    digest: str = Field(pattern=r"^[0-9a-f]{64}$", title="清单摘要", description="该发布 manifest.json 的 SHA-256")
    label: str | None = Field(None, title="版本名", description="--version 给出的名称，在发布目录中是指向该版本的链接")
    previous: str | None = Field(pattern=_VERSION, title="之前的版本", description="操作前 current 指向的发布；第一次发布时为 null")
    time: str = Field(title="时间", description="UTC，ISO 8601；设置 SOURCE_DATE_EPOCH 时取其值")
    user: str = Field(title="操作人", description="登录用户名")
    host: str = Field(title="主机")
    tool_version: str = Field(title="catalogc 版本")
    counts: Counts = Field(title="该发布的规模")
    changes: Changes | None = Field(title="相对之前版本的变化", description="没有之前的版本时为 null")
    created: bool = Field(title="新建了发布目录", description="false：相同内容的发布已经存在，只切换了 current")
    partial: str | None = Field(None, title="局部发布的区划代码前缀",
                                description="把下级（如县级）发布包并入之前的发布时，给出其区划代码前缀")
    removed: list[str] = Field(default_factory=list, title="按 --keep 删除的旧版本")
