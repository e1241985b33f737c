"""The committed JSON Schema is what the models generate, and it describes every key in Chinese."""

from __future__ import annotations

import json

import jsonschema

from catalogc.model.schema import catalog_schema, catalog_schema_text
from catalogc.rules.examples import BASE
from tests.paths import ROOT

COMMITTED = ROOT / "schema" / "catalog.schema.json"


def test_committed_schema_matches_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == catalog_schema_text(), "run `make schema` and commit"


def _properties(schema: dict) -> list[tuple[str, dict]]:
    found = list(schema.get("properties", {}).items())
    for definition in schema.get("$defs", {}).values():
        found += list(definition.get("properties", {}).items())
    return found


def test_every_key_has_chinese_title_and_description() -> None:
    for key, prop in _properties(catalog_schema()):
        assert prop.get("title") and prop.get("description"), key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in prop["title"]), key


def test_schema_accepts_the_example_catalog() -> None:
    data = json.loads(json.dumps(BASE))
    jsonschema.Draft202012Validator(catalog_schema()).validate(data)
