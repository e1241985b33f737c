"""Schema validation with pydantic, its errors turned into located C004 findings."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, ValidationError

from catalogc.findings import Finding, Path
from catalogc.model.catalog import Catalog, CatalogHead, Item

_TYPE_NAMES = {
    "string_type": ("文本", "text"),
    "list_type": ("列表", "a list"),
    "dict_type": ("键值映射", "a mapping"),
    "model_type": ("键值映射", "a mapping"),
    "model_attributes_type": ("键值映射", "a mapping"),
    "int_type": ("整数", "an integer"),
}
_QUOTE_HINT = ("给值加上引号，或按格式改成正确的类型。", "Quote the value, or give it the right type.")


def _fields(model: type[BaseModel]) -> dict[str, str]:
    return {name: (f.title or name) for name, f in model.model_fields.items()}


_CATALOG_FIELDS = _fields(Catalog)
_ITEM_FIELDS = _fields(Item)


def guess_key(key: str, in_item: bool) -> str | None:
    """The known key a misspelt one probably means (chanels → channels), or None; C004 and its fix ask."""
    guess = difflib.get_close_matches(key, list(_ITEM_FIELDS if in_item else _CATALOG_FIELDS), n=1, cutoff=0.6)
    return guess[0] if guess else None


def _owner_fields(loc: Path) -> dict[str, str]:
    return _ITEM_FIELDS if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int) else _CATALOG_FIELDS


def _finding(error: dict[str, Any], prefix: Path, item_id: str | None) -> Finding:
    loc: Path = prefix + tuple(error["loc"])
    kind = error["type"]
    key = str(loc[-1]) if loc else ""
    fields = _owner_fields(loc)
    value = error.get("input")
    if kind == "extra_forbidden":
        guess = guess_key(key, fields is _ITEM_FIELDS)
        args = {
            "key": key,
            "allowed": "、".join(fields),
            "suggestion_zh": f"，是不是“{guess}”？" if guess else "",
            "suggestion_en": f"; did you mean '{guess}'?" if guess else "",
        }
        return Finding(loc, "unknown-key", args, item_id, at_key=True, code="C004")
    if kind == "missing":
        return Finding(loc, "missing-key", {"key": key, "label": fields.get(key, key)}, item_id, code="C004")
    if kind == "value_error" and "items-xor-not-applicable" in str(error.get("msg")):
        return Finding(loc, "items-xor", {}, item_id, code="C004")
    if kind == "literal_error" and key == "format":
        return Finding(loc, "format", {"value": value}, item_id, code="C004")
    if kind.startswith("date") or kind.startswith("datetime"):
        return Finding(loc, "date", {"key": key, "value": value}, item_id, code="C004")
    if kind == "string_pattern_mismatch":
        return Finding(loc, "pattern", {"key": key, "value": value}, item_id, code="C004")
    if kind in _TYPE_NAMES:
        zh, en = _TYPE_NAMES[kind]
        if isinstance(loc[-1], int):  # an entry of a list
            key = str(loc[-2]) if len(loc) > 1 else key
        args = {"key": key, "expected_zh": zh, "expected_en": en,
                "type_hint_zh": _QUOTE_HINT[0], "type_hint_en": _QUOTE_HINT[1]}
        return Finding(loc, "type", args, item_id, code="C004")
    return Finding(loc, "default", {"detail": error.get("msg", kind)}, item_id, code="C004")


def _errors(exc: ValidationError) -> list[dict[str, Any]]:
    return [dict(e) for e in exc.errors(include_url=False, include_context=False)]


def _salvage(raw: dict[str, Any], errors: list[dict[str, Any]]) -> tuple[Item | None, frozenset[str]]:
    """The item without its malformed keys, so one bad value does not hide the item's other findings."""
    bad = frozenset(str(e["loc"][0]) for e in errors if e["loc"])
    if "id" in bad or not bad:
        return None, bad
    try:
        return Item.model_validate({k: v for k, v in raw.items() if k not in bad}), bad
    except ValidationError:
        return None, bad


def validate(data: dict[str, Any]) -> tuple[Catalog | None, list[tuple[int, Item]], list[Finding], dict[int, frozenset[str]]]:
    """Validate a catalog; on failure keep the valid head and items so the other rules still run.

    Returns the head, the (index, item) pairs, the C004 findings, and per salvaged item the keys
    that were dropped as malformed (already reported, so other rules leave them alone).
    """
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError:
        pass
    else:
        return catalog, list(enumerate(catalog.items or ())), [], {}
    findings: list[Finding] = []
    head: Catalog | None = None
    try:
        head = CatalogHead.model_validate(data)
    except ValidationError as exc:
        findings.extend(_finding(e, (), None) for e in _errors(exc))
    items: list[tuple[int, Item]] = []
    dropped: dict[int, frozenset[str]] = {}
    raw_items = data.get("items")
    if isinstance(raw_items, list):
        for index, raw in enumerate(raw_items):
            item_id = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
            try:
                items.append((index, Item.model_validate(raw)))
            except ValidationError as exc:
                errors = _errors(exc)
                findings.extend(_finding(e, ("items", index), item_id) for e in errors)
                if isinstance(raw, dict):
                    item, bad = _salvage(raw, errors)
                    if item is not None:
                        items.append((index, item))
                        dropped[index] = bad
    return head, items, findings, dropped


def iter_not_mapping(data: Any) -> Iterator[Finding]:
    if not isinstance(data, dict):
        yield Finding((), "not-mapping", code="C004")
