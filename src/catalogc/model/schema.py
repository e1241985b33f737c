"""The catalog JSON Schema, generated from the models so the two cannot drift apart.

Editors read more of it than validators do: ``$id`` names it, ``markdownDescription`` is the
hover text of a YAML language server, and the vocabulary fields offer their canonical values
for completion while still accepting every string, since aliases, numbered values and the
``其他：…`` form are for ``check`` to judge, with its own codes, not for the editor to mark as
schema errors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from catalogc import refdata
from catalogc.model.catalog import Catalog
from catalogc.refdata import Vocabulary

DRAFT = "https://json-schema.org/draft/2020-12/schema"
# An identifier, not a download location: the reserved .invalid domain never resolves, the schema
# file itself travels with the workspace (schema/catalog.schema.json). "format-1" follows the
# catalog's ``format:`` so a future format gets a new id (docs/editors.md).
ID_ROOT = "https://catalogc.invalid/schema/"
ID_BASE = ID_ROOT + "format-1/"
CATALOG_ID = ID_BASE + "catalog.schema.json"
BUNDLE_ID = ID_BASE + "bundle.schema.json"
SETTINGS_ID = ID_BASE + "catalogc-toml.schema.json"

# Item fields whose values come from a vocabulary of the national template.
VOCABULARY_FIELDS: dict[str, Callable[[], Vocabulary]] = {
    "channels": refdata.channels,
    "level": refdata.levels,
    "method": refdata.methods,
    "audience": refdata.audiences,
}

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def _markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def vocabulary_value(vocabulary: Vocabulary) -> dict[str, Any]:
    """One value of a vocabulary field: the canonical values (offered for completion), the
    ``其他：说明`` form, and any other string (an alias or a typo is for ``check`` to report).

    No title or description on these branches: a YAML language server shows the first one it
    finds for the node under the cursor, and that must stay the field's own."""
    options: list[dict[str, Any]] = [{"enum": list(vocabulary.canonical)}]
    if vocabulary.other_prefix:
        options.append({"pattern": f"^{re.escape(vocabulary.other_prefix)}[:：].+",
                        "$comment": f"{vocabulary.other_prefix}：说明 (a channel the template has no box for)"})
    options.append({"type": "string", "$comment": "aliases, numbered values, typos: check reports them"})
    return {"anyOf": options}


def _vocabulary_note(vocabulary: Vocabulary) -> str:
    values = "、".join(f"`{v}`" for v in vocabulary.canonical)
    other = f"，或 `{vocabulary.other_prefix}：说明`" if vocabulary.other_prefix else ""
    return f"\n\n规范值：{values}{other}。"


def _annotate(schema: dict[str, Any]) -> None:
    """``markdownDescription`` on every key that has a description, from the same text."""
    for key in ("properties", "$defs"):
        for prop in schema.get(key, {}).values():
            if isinstance(prop, dict):
                if "description" in prop and "markdownDescription" not in prop:
                    prop["markdownDescription"] = _markdown(prop["description"])
                _annotate(prop)


def catalog_schema() -> dict[str, Any]:
    schema = Catalog.model_json_schema(mode="validation")
    schema["$schema"] = DRAFT
    schema["$id"] = CATALOG_ID
    schema["description"] = (
        "基层政务公开事项标准目录文件（一个部门 × 一个领域 × 一个行政区划）。"
        "每个公开事项须写全九要素：名称、内容、依据、时限、主体、方式、渠道、对象、层级。"
    )
    item = schema["$defs"]["Item"]["properties"]
    for key, vocabulary in VOCABULARY_FIELDS.items():
        name = f"{key.capitalize()}Value"
        schema["$defs"][name] = vocabulary_value(vocabulary())
        value = {"$ref": f"#/$defs/{name}"}
        item[key]["anyOf"] = [value, {"type": "array", "items": value}, {"type": "null"}]
        item[key]["markdownDescription"] = _markdown(item[key]["description"]) + _vocabulary_note(vocabulary())
    _annotate(schema)
    schema["markdownDescription"] = _markdown(schema["description"])
    return schema


def catalog_schema_text() -> str:
    return json.dumps(catalog_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def bundle_schema() -> dict[str, Any]:
    """One schema for both kinds of bundle file: index.json and catalogs/<region>/<domain>.json."""
    from pydantic.json_schema import models_json_schema

    from catalogc.model.bundle import Index, RegionDomain

    _, schema = models_json_schema([(Index, "validation"), (RegionDomain, "validation")],
                                   ref_template="#/$defs/{model}")
    schema["$schema"] = DRAFT
    schema["$id"] = BUNDLE_ID
    schema["title"] = "catalogc 发布包"
    schema["description"] = "发布包中的 JSON 文件：index.json（索引）或 catalogs/<区划>/<领域>.json（区划×领域的公开事项）。"
    schema["oneOf"] = [{"$ref": "#/$defs/Index"}, {"$ref": "#/$defs/RegionDomain"}]
    _annotate(schema)
    return schema


def bundle_schema_text() -> str:
    return json.dumps(bundle_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def release_log_schema() -> dict[str, Any]:
    """The schema of one line of RELEASES/releases.jsonl."""
    from catalogc.model.release import ReleaseEntry

    schema = ReleaseEntry.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "catalogc 发布日志的一行"
    schema["description"] = "RELEASES/releases.jsonl 每行一个对象：一次发布或回退（谁、何时、哪个版本、之前的版本、变化）。"
    return schema


def release_log_schema_text() -> str:
    return json.dumps(release_log_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
