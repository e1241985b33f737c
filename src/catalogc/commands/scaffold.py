"""`catalogc init`: a new catalog that starts from the ministry's guideline instead of a blank file.

Elements the guideline fixes are filled in; the others are left empty, so that
`catalogc check` lists exactly what the department still has to write (C101) and
nothing else: a guideline element `check` would question is shown as a comment, and
items published at township or village level name the township bodies.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from catalogc import refdata
from catalogc.commands.modeline import modeline
from catalogc.parse.timelimit import TimeLimit, parsed
from catalogc.refdata.legal import resolve_text
from catalogc.rules.timing import PERMIT_DAYS, decision_kind, permit_days

ELEMENT_ORDER = ("content", "basis", "time_limit", "subject", "method", "channels", "audience", "audience_note", "level")
# the township bodies a county catalog names when an item is published at township or village level (C112)
TOWNSHIPS = "各乡镇人民政府（街道办事处）"


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


def _checkable(name: str, sub: str | None, elements: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The guideline's elements that `check` accepts as written, and comment lines for the others.

    A fresh catalog should draw no warning or info: a time limit in the guideline's own words that no
    recognized form matches, or a cited document the law registry does not know, is shown to the
    department as a comment instead of being written into the element.
    """
    kept, notes = dict(elements), []
    text = kept.get("time_limit")
    limit = parsed(text) if isinstance(text, str) else None
    if isinstance(text, str) and limit is None:
        del kept["time_limit"]
        notes.append(f"标准指引的公开时限：{text}")
    elif limit is not None and _decisions_too_slow(name, sub, elements.get("content"), limit):
        del kept["time_limit"]
        notes.append(f"标准目录常见的公开时限：{text}（行政许可、行政处罚决定须自作出之日起7个工作日内公示，"
                     "国办发〔2018〕118号）")
    if isinstance(kept.get("basis"), list):
        known = [b for b in kept["basis"] if not resolve_text(str(b)).unknown]
        notes += [f"标准指引的公开依据：{b}（法规登记表中没有，请核对名称、文号）" for b in kept["basis"] if b not in known]
        if known:
            kept["basis"] = known
        else:
            del kept["basis"]
    return kept, notes


def _decisions_too_slow(name: str, sub: str | None, content: Any, limit: TimeLimit) -> bool:
    """What C108 would say of the item: it publishes 许可/处罚 decisions later than 双公示's 7 working days."""
    days = permit_days(limit)
    return bool(decision_kind(name, sub, content)) and days is not None and days > PERMIT_DAYS


def render(domain: str, region: str, department: str, department_code: str | None, effective: str,
           schema: str = "../../schema/catalog.schema.json") -> str:
    """The YAML text of a new catalog for ``domain`` from its guideline baseline; ``schema`` is the
    path from the new file to the workspace's catalog schema (``modeline.schema_ref``)."""
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
        modeline(schema),
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
        elements, notes = _checkable(item.name, item.sub, item.elements)
        below_county = {"乡级", "村级"} & set(elements.get("level") or ())
        elements.setdefault("subject", [department, TOWNSHIPS] if below_county else department)
        lines.append(f"  - id: {prefix}-{n:03d}")
        lines.append(f"    name: {_scalar(item.name)}")
        if item.sub:
            lines.append(f"    sub: {_scalar(item.sub)}")
        lines += [f"    # {note}" for note in notes]
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
