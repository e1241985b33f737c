"""The YAML text of an imported catalog, in the layout people write by hand, with comments.

Written line by line rather than dumped, so that each inferred value carries its
``# 推断：…`` comment and each item names the row it came from. Scalars are left plain
only when YAML 1.1 and 1.2 both read them back as the same text (else C006 would fire).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import yaml

from catalogc.ingest.mapping import CatalogDraft, Draft

ITEM_KEYS = ("name", "sub", "content", "basis", "time_limit", "subject", "method", "channels", "audience",
             "audience_note", "level", "note", "extra")
_FLOW = ("subject", "method", "channels", "audience", "level")
_INDICATORS = set(":#,[]{}&*!|>'\"%@`")
_NUMBERISH = re.compile(r"^[-+.:0-9_eExXoObB ]*$")
_RESOLVER = yaml.resolver.Resolver()


@lru_cache(maxsize=65536)
def scalar(text: str) -> str:
    """Plain where that is safe in both YAML versions, else double-quoted (JSON escapes are YAML).

    Plain means: no indicator characters anywhere, nothing YAML 1.1 reads as a non-string
    (its resolver decides: yes, 0755, 2024-01-01 …), nothing number-like that 1.2 might.
    """
    plain = (bool(text) and text == text.strip() and "\n" not in text and not (_INDICATORS & set(text))
             and not text.startswith(("-", "?", "~")) and not _NUMBERISH.match(text)
             and _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str")
    return text if plain else json.dumps(text, ensure_ascii=False)


def _line(text: str) -> str:
    """Text for a comment: one line, printable (a file name may hold anything)."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _comment(note: str | None) -> str:
    """An inference note as ``# 推断：…``; a 待填写 note (a blank cell) as it is."""
    if not note:
        return ""
    text = _line(note)
    return f"  # {text}" if text.startswith("待填写") else f"  # 推断：{text}"


def _value_lines(key: str, value: Any, note: str | None, indent: str) -> list[str]:
    if isinstance(value, dict):
        return [f"{indent}{key}:{_comment(note)}", *(f"{indent}  {scalar(k)}: {scalar(v)}" for k, v in value.items())]
    if isinstance(value, list) and (key in _FLOW or not value):
        return [f"{indent}{key}: [{', '.join(scalar(v) for v in value)}]{_comment(note)}"]
    if isinstance(value, list):
        return [f"{indent}{key}:{_comment(note)}", *(f"{indent}  - {scalar(v)}" for v in value)]
    return [f"{indent}{key}: {scalar(value)}{_comment(note)}"]


def _item(draft: Draft, item_id: str) -> list[str]:
    source = draft.where if "id" not in draft.notes else f"{draft.where}；{draft.notes['id']}"
    lines = [f"  - id: {scalar(item_id)}  # {_line(source)}"]
    for key in ITEM_KEYS:
        if key in draft.values and (draft.values[key] or key not in ("sub", "audience_note", "note", "extra")):
            lines += _value_lines(key, draft.values[key], draft.notes.get(key), "    ")
    return lines


def render(catalog: CatalogDraft, ids: list[str]) -> str:
    lines = [
        "# yaml-language-server: $schema=../../schema/catalog.schema.json",
        _line(f"# {catalog.department} {catalog.domain}领域基层政务公开标准目录"),
        _line(f"# 由 catalogc import 从 {'、'.join(catalog.sources)} 导入；标有“推断”的值请核对后删去注释。"),
        *(_line(f"# {remark}") for remark in catalog.remarks),
        "format: 1",
        f"region: {json.dumps(catalog.region)}",
        f"department: {scalar(catalog.department)}{_comment(catalog.department_note)}",
        f"domain: {scalar(catalog.domain)}{_comment(catalog.domain_note)}",
        "items:",
    ]
    for draft, item_id in zip(catalog.items, ids, strict=True):
        lines += _item(draft, item_id)
    return "\n".join(lines) + "\n"
