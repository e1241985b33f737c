"""The shape of catalogc.toml, as a pydantic model: types, keys and rule codes checked in one place.

Validation is strict (``strict = "false"`` is not a boolean, ``extra = "交通运输"`` is not a
list) and forbids unknown keys, so a misspelled setting is an error rather than silently
ignored. Rule codes are checked against the codes the caller passes in the validation
context (``{"codes": ...}``), so the model needs no import of the rules.
"""

from __future__ import annotations

import json
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from catalogc.model.limits import MAX_BYTES, MAX_DEPTH
from catalogc.model.rulecodes import code_problem  # the one did-you-mean, kept importable from here

Level = Literal["error", "warning", "info"]


def _check_codes(codes: list[str], info: ValidationInfo) -> list[str]:
    known = (info.context or {}).get("codes")
    codes = [c.strip().upper() for c in codes]
    for code in codes:
        problem = code_problem(code, known) if known is not None else None
        if problem:
            raise ValueError(problem)
    return codes


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class LimitsTable(_Table):
    max_bytes: int = Field(MAX_BYTES, alias="max-bytes", gt=0, title="单个目录文件的字节数上限")
    max_depth: int = Field(MAX_DEPTH, alias="max-depth", gt=0, title="嵌套层数上限")


class CheckTable(_Table):
    select: list[str] = Field(default_factory=list, title="只检查的规则（代码或前缀）；空表示全部")
    ignore: list[str] = Field(default_factory=list, title="不检查的规则（代码或前缀）")
    strict: bool = Field(False, title="有警告也以状态 1 退出")
    severity: dict[str, Level] = Field(default_factory=dict, title="改变规则的级别：error、warning、info")
    per_path_ignores: dict[str, list[str]] = Field(
        default_factory=dict, alias="per-path-ignores",
        title="按路径不检查的规则；键是相对工作区的 git 风格通配符（* 不跨 /，** 跨目录）")
    limits: LimitsTable = Field(LimitsTable.model_validate({}), title="输入限制")

    @field_validator("select", "ignore")
    @classmethod
    def _known(cls, codes: list[str], info: ValidationInfo) -> list[str]:
        return _check_codes(codes, info)

    @field_validator("severity")
    @classmethod
    def _known_keys(cls, levels: dict[str, Level], info: ValidationInfo) -> dict[str, Level]:
        return dict(zip(_check_codes(list(levels), info), levels.values(), strict=True))

    @field_validator("per_path_ignores")
    @classmethod
    def _known_values(cls, table: dict[str, list[str]], info: ValidationInfo) -> dict[str, list[str]]:
        checked: dict[str, list[str]] = {}
        for pattern, codes in table.items():
            try:
                checked[pattern] = _check_codes(codes, info)
            except ValueError as exc:
                raise ValueError(f"“{pattern}”：{exc}") from None
        return checked


class DomainsTable(_Table):
    extra: list[str] = Field(default_factory=list, title="本省增加的领域")


class LawEntry(_Table):
    title: str = Field(min_length=1, title="文件名称（不带书名号）")
    id: str | None = None
    number: str | None = Field(None, title="文号")
    aliases: list[str] = Field(default_factory=list, title="简称")
    kind: str = ""
    status: str = Field("有效", title="效力状态")
    effective: str | None = None
    repealed: str | None = None
    replaced_by: str | None = None
    allows_longer_time_limit: bool = False
    source: str = ""


_NAME = re.compile(r"[^\s:/\\](?:[^:/\\]*[^\s:/\\])?")


class SourceEntry(_Table):
    """One source of an office workspace: a folder, or a git repository at a ref (docs/offices.md)."""

    name: str = Field(title="来源名称", description="在发现和发布包中标明来源；唯一，不含 : / \\")
    path: str | None = Field(None, title="文件夹", description="另一个工作区的文件夹，相对于本 catalogc.toml")
    git: str | None = Field(None, title="git 仓库", description="本机的 git 仓库（路径或 file:// 地址），相对于本 catalogc.toml")
    ref: str | None = Field(None, title="标签、分支或提交", description="用 git 读取，不检出")
    subdir: str = Field(".", title="仓库中的工作区文件夹")

    @field_validator("name")
    @classmethod
    def _name(cls, name: str) -> str:
        if not _NAME.fullmatch(name):
            raise ValueError(f"来源名称“{name}”不可用：不能为空，不能含 : / \\，首尾不能有空白")
        return name

    @model_validator(mode="after")
    def _one_kind(self) -> SourceEntry:
        if (self.path is None) == (self.git is None):
            raise ValueError(f"来源“{self.name}”：path（文件夹）和 git（仓库）须给出且只给出一个")
        if self.git is not None and not self.ref:
            raise ValueError(f"来源“{self.name}”：git 来源须给出 ref（标签、分支或提交）")
        if self.path is not None and (self.ref is not None or self.subdir != "."):
            raise ValueError(f"来源“{self.name}”：ref 和 subdir 只用于 git 来源；文件夹来源直接写 path")
        parts = self.subdir.replace("\\", "/").split("/")
        if self.subdir.startswith("/") or ".." in parts:
            raise ValueError(f"来源“{self.name}”：subdir 须是仓库内的相对路径，这里是 {self.subdir!r}")
        return self


class OfficeTable(_Table):
    region: str | None = Field(None, pattern=r"^\d{2,12}$", title="本办负责的区划代码（前缀）",
                               description="各来源目录的区划代码须以它开头（C405）")


class SettingsFile(_Table):
    """catalogc.toml."""

    model_config = ConfigDict(title="catalogc.toml")

    check: CheckTable = Field(CheckTable.model_validate({}), title="检查")
    regions: dict[str, str] = Field(default_factory=dict, title="区划登记表：代码 = 名称")
    domains: DomainsTable = Field(DomainsTable.model_validate({}), title="领域")
    laws: list[LawEntry] = Field(default_factory=list, title="本地文件，引用它们不报 C110")
    office: OfficeTable = Field(OfficeTable.model_validate({}), title="政务公开办：本办负责的区划")
    sources: list[SourceEntry] = Field(default_factory=list, title="来源：汇编本区划的各部门、乡镇工作区")

    @field_validator("sources")
    @classmethod
    def _unique(cls, sources: list[SourceEntry]) -> list[SourceEntry]:
        names = [s.name for s in sources]
        twice = sorted({n for n in names if names.count(n) > 1})
        if twice:
            raise ValueError(f"来源名称重复：{'、'.join(twice)}；每个来源的 name 须唯一")
        return sources


def settings_schema() -> dict[str, Any]:
    """catalogc.toml's JSON Schema (editors with a TOML language server use it as you type)."""
    schema = SettingsFile.model_json_schema(mode="validation", by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://catalogc.invalid/schema/format-1/catalogc-toml.schema.json"  # see model/schema.py
    schema["description"] = "catalogc 的工作区设置文件 catalogc.toml。命令行选项最后生效。"
    return schema


def settings_schema_text() -> str:
    return json.dumps(settings_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
