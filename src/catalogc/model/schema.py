"""The catalog JSON Schema, generated from the models so the two cannot drift apart."""

from __future__ import annotations

import json
from typing import Any

from catalogc.model.catalog import Catalog


def catalog_schema() -> dict[str, Any]:
    schema = Catalog.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "基层政务公开事项标准目录文件（一个部门 × 一个领域 × 一个行政区划）。"
        "每个公开事项须写全九要素：名称、内容、依据、时限、主体、方式、渠道、对象、层级。"
    )
    return schema


def catalog_schema_text() -> str:
    return json.dumps(catalog_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def bundle_schema() -> dict[str, Any]:
    """One schema for both kinds of bundle file: index.json and catalogs/<region>/<domain>.json."""
    from pydantic.json_schema import models_json_schema

    from catalogc.model.bundle import Index, RegionDomain

    _, schema = models_json_schema([(Index, "validation"), (RegionDomain, "validation")],
                                   ref_template="#/$defs/{model}")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "catalogc 发布包"
    schema["description"] = "发布包中的 JSON 文件：index.json（索引）或 catalogs/<区划>/<领域>.json（区划×领域的公开事项）。"
    schema["oneOf"] = [{"$ref": "#/$defs/Index"}, {"$ref": "#/$defs/RegionDomain"}]
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
