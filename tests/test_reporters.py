"""Golden files for every reporter, on one small broken workspace; SARIF against its official schema."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from catalogc.check.engine import check_workspace
from catalogc.cli import check
from catalogc.diagnostics import Severity
from catalogc.load.config import Settings
from catalogc.load.workspace import discover
from catalogc.report import REPORTERS, reporter
from tests.rules import edit

CASES = Path(__file__).parent / "cases" / "reporters"
BROKEN = edit("channels: [政府网站]", "channels: [政府门户网站, 官方网站]")
BROKEN = edit("level: [县级]", "level: [县级]\n    note: yes", BROKEN)
BROKEN = edit('region: "360799"', 'region: "990799"', BROKEN)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("ws")
    (root / "catalogs" / "民政局").mkdir(parents=True)
    (root / "catalogs" / "民政局" / "社会救助.yaml").write_text(BROKEN, encoding="utf-8")
    (root / "catalogs" / "民政局" / "养老服务.yaml").write_text(
        edit("domain: 养老服务", "domain: 养老"), encoding="utf-8"
    )
    return discover(root)


def render(workspace, fmt: str, lang: str = "zh") -> str:
    out = io.StringIO()
    result = check_workspace(workspace, Settings(lang=lang), jobs=1)
    reporter(fmt)(result, workspace, out, lang)
    return out.getvalue()


@pytest.mark.parametrize(("fmt", "lang", "name"), [
    ("json", "zh", "expected.json"), ("json", "en", "expected.en.json"), ("sarif", "zh", "expected.sarif"),
    ("github", "zh", "expected.github.txt"), ("junit", "zh", "expected.junit.xml"), ("text", "zh", "expected.txt"),
])
def test_golden(workspace, fmt: str, lang: str, name: str, update_goldens: bool) -> None:
    actual = render(workspace, fmt, lang)
    golden = CASES / name
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run pytest --update-goldens and review the diff"
    assert actual == golden.read_text(encoding="utf-8")


def test_json_is_the_contract(workspace) -> None:
    findings = json.loads(render(workspace, "json"))
    assert findings, "the broken workspace must have findings"
    for f in findings:
        assert list(f) == ["code", "rule", "severity", "file", "line", "column", "item", "message", "hint"]
        assert f["severity"] in ("error", "warning", "info") and f["line"] >= 1 and f["column"] >= 1
    keys = [(f["file"], f["line"], f["column"], f["code"]) for f in findings]
    assert keys == sorted(keys)


def _sarif_schema() -> dict | None:
    base = os.environ.get("CATALOGC_TEST_ASSETS", ".venv/share/catalogc-test")
    path = Path(base) / "sarif-2.1.0.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def test_sarif_validates_against_the_official_schema(workspace) -> None:
    schema = _sarif_schema()
    if schema is None:
        if os.environ.get("CI"):
            pytest.fail("SARIF schema missing: run scripts/test-assets.sh")
        pytest.skip("SARIF schema not fetched (make test fetches it)")
    jsonschema.Draft7Validator(schema).validate(json.loads(render(workspace, "sarif")))


def test_junit_is_well_formed_and_fails_the_broken_file(workspace) -> None:
    root = ET.fromstring(render(workspace, "junit").split("\n", 1)[1])
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["catalogs/民政局/社会救助.yaml"].find("failure") is not None
    assert cases["catalogs/民政局/养老服务.yaml"].find("failure") is None


def test_github_annotations_escape_properties(workspace) -> None:
    lines = render(workspace, "github").splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert all(",line=" in line and ",col=" in line for line in lines)


def test_format_choices_are_the_reporter_table() -> None:
    fmt = next(p for p in check.params if p.name == "fmt")
    assert list(fmt.type.choices) == list(REPORTERS) == ["text", "json", "sarif", "github", "junit", "gitlab", "markdown"]


def test_the_table_loads_without_rich_or_the_engine() -> None:
    """Every command's start pays for the table, so it holds only the reporters' own modules."""
    probe = ("import sys, catalogc.report; "
             "print(sorted(m for m in ('rich', 'pydantic', 'catalogc.check.engine', 'catalogc.rules') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(("lang", "words"), [("zh", ["错误", "警告", "提示"]), ("en", ["error", "warning", "info"]),
                                             ("fr", ["错误", "警告", "提示"])])
def test_severity_words(lang: str, words: list[str]) -> None:
    assert [s.label(lang) for s in Severity] == words


def test_english_text_report_speaks_english_around_the_messages(workspace) -> None:
    text = render(workspace, "text", "en")
    assert " error " in text and " warning " in text and "      hint: " in text
    assert text.splitlines()[-1] == "2 files, 2 items: 2 error, 3 warning"


class _Kept:
    """A cache's derived tables, in memory."""

    def __init__(self) -> None:
        self.tables: dict[tuple[str, bytes], object] = {}

    def get(self, name: str, source: bytes) -> object:
        return self.tables.get((name, source))

    def put(self, name: str, source: bytes, value: object) -> None:
        self.tables[(name, source)] = value


def test_sarif_takes_its_rule_table_from_the_keeper_only_when_it_fits(workspace) -> None:
    """The rule table a log lists is kept per language and rules' address; a kept table that
    lacks a finding's rule is made anew, so the log is the golden one either way."""
    from catalogc.report import sarif

    result = check_workspace(workspace, Settings(), jobs=1)
    golden = json.loads((CASES / "expected.sarif").read_text(encoding="utf-8"))
    kept = _Kept()
    assert sarif.build(result, "zh", keeper=kept) == golden
    (key, table), = kept.tables.items()
    assert key[0] == "sarif-rules" and [rule["id"] for rule in table][:2] == ["C001", "C002"]
    assert sarif.build(result, "zh", keeper=kept) == golden
    sarif.build(result, "en", rules_url="https://rules.example.org/{code}", keeper=kept)
    assert len(kept.tables) == 2
    kept.tables[key] = [{"id": "C001"}]
    assert sarif.build(result, "zh", keeper=kept) == golden
