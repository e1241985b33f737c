"""`catalogc init`: a new catalog that starts from the ministry's guideline instead of a blank file.

Elements the guideline fixes are filled in; the others are left empty, so that
`catalogc check` lists exactly what the department still has to write (C101).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from catalogc import refdata

ELEMENT_ORDER = ("content", "basis", "time_limit", "subject", "method", "channels", "audience", "audience_note", "level")


class ScaffoldError(Exception):
    """The catalog cannot be scaffolded as asked (exit status 2)."""


def _scalar(text: str) -> str:
    special = any(c in text for c in ":#,[]{}&*!|>'\"%@`") or text != text.strip() or not text
    if not special:
        try:
            special = yaml.safe_load(text) != text
        except yaml.YAMLError:
            special = True
    return json.dumps(text, ensure_ascii=False) if special else text


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(str(v)) for v in value) + "]"
    return _scalar(str(value))


def render(domain: str, region: str, department: str, department_code: str | None, effective: str) -> str:
    """The YAML text of a new catalog for ``domain`` from its guideline baseline."""
    registry = refdata.domains()
    canonical = registry.resolve(domain)
    if canonical is None:
        raise ScaffoldError(f"领域“{domain}”不在领域登记表中；catalogc domains 列出全部领域")
    guideline = refdata.guidelines().get(canonical)
    if guideline is None:
        known = "、".join(sorted(refdata.guidelines()))
        raise ScaffoldError(f"还没有“{canonical}”领域的标准指引基线（已有：{known}）；请从空白目录开始")
    prefix = registry.get(canonical).prefix  # type: ignore[union-attr]
    lines = [
        "# yaml-language-server: $schema=../../schema/catalog.schema.json",
        f"# {department} {canonical}领域基层政务公开标准目录",
        f"# 由 catalogc init 按标准指引（{guideline.document}）生成：空着的要素请按本部门实际填写，",
        "# 不适用的指引事项移到 guideline_exceptions 并写明理由；写完后运行 catalogc check。",
        "format: 1",
        f'region: "{region}"',
        f"department: {_scalar(department)}",
    ]
    if department_code:
        lines.append(f'department_code: "{department_code}"')
    lines += [f"domain: {canonical}", 'version: "1"', f"effective: {effective}", "items:"]
    for n, item in enumerate(guideline.items, start=1):
        elements = dict(item.elements)
        elements.setdefault("subject", department)
        lines.append(f"  - id: {prefix}-{n:03d}")
        lines.append(f"    name: {_scalar(item.name)}")
        if item.sub:
            lines.append(f"    sub: {_scalar(item.sub)}")
        for key in ELEMENT_ORDER:
            if key in elements:
                lines.append(f"    {key}: {_value(elements[key])}")
            elif key != "audience_note":
                lines.append(f'    {key}: ""  # 待填写')
    return "\n".join(lines) + "\n"


def default_path(root: Path, department: str, domain: str) -> Path:
    short = department
    for marker in ("县", "区", "市", "旗"):
        head, sep, tail = department.partition(marker)
        if sep and tail and len(head) <= 6:
            short = tail
            break
    canonical = refdata.domains().resolve(domain) or domain
    return root / "catalogs" / short / f"{canonical}.yaml"
