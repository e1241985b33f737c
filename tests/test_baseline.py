"""Adopting catalogc on a repository with known findings: --write-baseline, then --baseline."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from catalogc.check import baseline
from catalogc.cli import main
from catalogc.diagnostics import Diagnostic, Severity

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema" / "baseline.schema.json").read_text(encoding="utf-8"))
CATALOG = "catalogs/民政局/社会救助.yaml"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    root = tmp_path / "broken"
    shutil.copytree(ROOT / "examples" / "broken", root)
    return root


def _check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stdout, result.stderr


def _write(root: Path, path: Path) -> dict:
    code, _, err = _check(str(root), "--write-baseline", str(path))
    assert code == 0, err
    return json.loads(path.read_text(encoding="utf-8"))


def test_a_baseline_on_examples_broken_makes_the_next_run_pass(broken: Path, tmp_path: Path) -> None:
    assert _check(str(broken))[0] == 1
    base = tmp_path / "catalogc-baseline.json"
    doc = _write(broken, base)
    jsonschema.validate(doc, SCHEMA)
    assert all("line" not in row and "message" not in row for row in doc["findings"])
    assert {"code": "C105", "file": CATALOG, "item": "SHJZ-002", "field": "channels", "count": 2} in doc["findings"]

    code, out, err = _check(str(broken), "--baseline", str(base), "--format", "json")
    assert code == 0, out
    assert json.loads(out) == []
    assert "不再出现" not in err
    # neither the language nor lines moved by an edit elsewhere change what the baseline matches
    assert _check(str(broken), "--baseline", str(base), "--lang", "en", "--strict")[0] == 0
    path = broken / CATALOG
    path.write_text("# 2026 年修订：补充说明\n# 见县政府办公室通知\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = _check(str(broken), "--baseline", str(base), "--format", "json", "--strict")
    assert (code, json.loads(out)) == (0, [])


def test_a_new_defect_fails_the_baseline(broken: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    _write(broken, base)
    path = broken / CATALOG
    text = path.read_text(encoding="utf-8")
    old = "    method: [主动]\n    channels: [政府网站]\n    audience: [全社会]\n    level: [县级]\n  - id: SHJZ-008"
    assert old in text
    path.write_text(text.replace(old, old.replace("[主动]", "[随时]")), encoding="utf-8")
    code, out, _ = _check(str(broken), "--baseline", str(base), "--format", "json")
    assert code == 1
    assert [(f["code"], f["item"], f["line"], f["column"]) for f in json.loads(out)] == [("C102", "SHJZ-007", 88, 14)]
    assert _check(str(broken), "--baseline", str(base), "--exit-zero")[0] == 0


def test_entries_that_no_longer_occur_are_a_note(broken: Path, tmp_path: Path) -> None:
    base = tmp_path / "baseline.json"
    _write(broken, base)
    (broken / "catalogs" / "语法错误.yaml").unlink()
    code, out, err = _check(str(broken), "--baseline", str(base), "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    assert "基线中有 1 条发现已不再出现" in err and "C001 catalogs/语法错误.yaml" in err
    # with targets, only their entries are judged: the rest of the workspace was not reported
    code, _, err = _check(str(broken / "catalogs" / "教育局"), "--baseline", str(base))
    assert code == 0 and "不再出现" not in err


@pytest.mark.parametrize(("content", "words"), [
    (None, "无法读取基线文件"),
    ("{not json", "不是有效的 JSON"),
    ('{"findings": []}', "不是 catalogc 基线文件"),
    ('{"catalogc_baseline": 1, "findings": [{"code": "C105"}]}', "findings[0]"),
    ('{"catalogc_baseline": 1, "findings": [{"code": "C105", "file": "a", "count": 0}]}', "count"),
])
def test_a_bad_baseline_file_is_exit_2(broken: Path, tmp_path: Path, content: str | None, words: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    code, _, err = _check(str(broken), "--baseline", str(path))
    assert code == 2 and words in err


def _d(code: str, line: int, item: str | None = "SHJZ-001", field: str | None = "channels") -> Diagnostic:
    return Diagnostic(code, "x", Severity.ERROR, "catalogs/a.yaml", line, 1, item, "m", "", field)


def test_equal_keys_are_counted() -> None:
    known = baseline.entries([_d("C105", 3), _d("C105", 4)])
    assert known == [baseline.Entry("C105", "catalogs/a.yaml", "SHJZ-001", "channels", 2)]
    split = baseline.apply([_d("C105", 9), _d("C105", 10), _d("C105", 11), _d("C104", 12, field="level")], known)
    assert [(d.code, d.line) for d in split.new] == [("C105", 11), ("C104", 12)] and split.known == 2
    gone = baseline.apply([_d("C105", 9)], known).gone
    assert gone == [baseline.Entry("C105", "catalogs/a.yaml", "SHJZ-001", "channels", 1)]


def test_an_entry_written_before_c006_named_its_item_still_absorbs_it() -> None:
    """A baseline written when C006 findings had no item and element keeps matching them; other codes
    match their item and element exactly."""
    old = [baseline.Entry("C006", "catalogs/a.yaml", None, None, 1), baseline.Entry("C105", "catalogs/a.yaml", None, None, 1)]
    split = baseline.apply([_d("C006", 5, field="note"), _d("C006", 6, field="note"), _d("C105", 7)], old)
    assert [(d.code, d.line) for d in split.new] == [("C006", 6), ("C105", 7)] and split.known == 1
    assert split.gone == [baseline.Entry("C105", "catalogs/a.yaml", None, None, 1)]
    exact = [baseline.Entry("C006", "catalogs/a.yaml", "SHJZ-001", "note", 1)]
    assert baseline.apply([_d("C006", 5, field="note")], exact).known == 1


def test_the_file_round_trips_and_matches_its_schema(tmp_path: Path) -> None:
    findings = [_d("C105", 3), _d("C105", 4), _d("C205", 1, item=None, field="domain"), _d("C001", 2, None, None)]
    path = tmp_path / "b.json"
    path.write_text(baseline.dumps(findings), encoding="utf-8")
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), SCHEMA)
    assert baseline.load(path) == baseline.entries(findings)
    assert baseline.apply(findings, baseline.load(path)).new == []
