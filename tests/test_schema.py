"""The committed JSON Schema is what the models generate, and it describes every key in Chinese."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from catalogc import refdata
from catalogc.check.engine import check_file
from catalogc.load.config import Settings
from catalogc.load.document import load_file
from catalogc.model.schema import CATALOG_ID, bundle_schema, catalog_schema, catalog_schema_text
from catalogc.model.settings import settings_schema
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


# --- what editors read: $id, markdown hover text, value completion -------------------------------

LOADER_CODES = {"C001", "C002", "C003", "C004", "C005"}


def test_schemas_have_stable_ids() -> None:
    assert catalog_schema()["$id"] == CATALOG_ID == "https://catalogc.invalid/schema/format-1/catalog.schema.json"
    assert bundle_schema()["$id"].endswith("/format-1/bundle.schema.json")
    assert settings_schema()["$id"].endswith("/format-1/catalogc-toml.schema.json")


def test_every_key_has_markdown_hover_text_from_its_description() -> None:
    for key, prop in _properties(catalog_schema()):
        shown = re.sub(r"\\(.)", r"\1", prop["markdownDescription"])  # what the editor renders: escapes undone
        assert shown.startswith(prop["description"]), key
    channels = catalog_schema()["$defs"]["Item"]["properties"]["channels"]["markdownDescription"]
    assert "`政府网站`" in channels and "`其他：说明`" in channels
    assert "\\_" in catalog_schema()["$defs"]["Item"]["properties"]["id"]["markdownDescription"]  # A-Za-z0-9_ escaped


@pytest.mark.parametrize(("key", "vocabulary"), [("channels", refdata.channels), ("level", refdata.levels),
                                                 ("method", refdata.methods), ("audience", refdata.audiences)])
def test_vocabulary_fields_offer_their_canonical_values(key: str, vocabulary: object) -> None:
    schema = catalog_schema()
    ref = schema["$defs"]["Item"]["properties"][key]["anyOf"][0]["$ref"]
    value = schema["$defs"][ref.rsplit("/", 1)[1]]
    assert value["anyOf"][0]["enum"] == list(vocabulary().canonical)  # type: ignore[operator]


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(catalog_schema())


@pytest.mark.parametrize("values", [
    {"channels": ["政府门户网站", "其他：信用中国网站", "其他:公共资源交易平台", "1.政府公报", "村务公开栏"]},
    {"channels": "政府网站", "level": "乡、村级", "method": "主动公开", "audience": "社会公众"},
    {"level": ["区级", "镇(街)级"], "method": ["依申请公开"], "audience": ["特定群众"]},
    {"channels": ["政府网佔"]},  # a typo is C105's to report, with its fix, not the editor's
])
def test_aliases_other_forms_and_typos_are_no_schema_errors(values: dict) -> None:
    data = json.loads(json.dumps(BASE))
    data["items"][0].update(values)
    assert list(_validator().iter_errors(data)) == []


def test_a_wrong_type_in_a_vocabulary_field_is_still_a_schema_error() -> None:
    data = json.loads(json.dumps(BASE))
    data["items"][0]["level"] = {"县级": True}
    assert list(_validator().iter_errors(data))


def _corpus() -> list[Path]:
    found = [p for p in ROOT.glob("catalogs/**/*.yaml")]
    found += [p for p in ROOT.glob("examples/**/catalogs/**/*.yaml")]
    found += [p for p in (ROOT / "tests" / "corpora" / "real").glob("**/catalogs/**/*.yaml")]
    return sorted(found)


def test_every_catalog_the_models_accept_the_schema_accepts() -> None:
    """No false schema error in an editor: a file `check` loads without C001–C005 passes the schema."""
    checked = 0
    for path in _corpus():
        result = check_file(path, path.name, Settings())
        if {f.code for f in result.findings} & LOADER_CODES:
            continue
        data = json.loads(json.dumps(load_file(path).data, ensure_ascii=False, default=str))
        errors = [e.message for e in _validator().iter_errors(data)]
        assert errors == [], path
        checked += 1
    assert checked >= 20
