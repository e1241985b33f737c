"""The real published catalogs survive a trip through the national Excel table.

Each real table of the corpus is built (its Excel export is the national layout), imported back
and built again: every element an item carries must come back. The Excel table has no id column,
so ids are renumbered; channels and citations are compared as ``check`` reads them (a channel
outside the template comes back as 其他：X, 《A》《B》 in one entry comes back as two entries), and
subjects by their text (one cell may list several bodies).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogc import refdata
from catalogc.cli import main
from tests.realcorpus import folders

_SEPARATORS = re.compile(r"[、，,；;\s]")  # 县文广新旅局,相关…机构 is imported as the two bodies it names
FOLDERS = [f for f in folders() if (f / "catalogs").is_dir()]


def _run(*args: str | Path) -> None:
    result = CliRunner().invoke(main, [*map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), (args, result.output)


def _items(bundle: Path) -> dict[tuple[str, str], list[dict]]:
    channels = refdata.channels()
    found: dict[tuple[str, str], list[dict]] = {}
    for path in sorted((bundle / "catalogs").rglob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data["items"]:
            found.setdefault((data["region"], data["domain"]), []).append({
                "name": item["name"], "sub": item["sub"], "content": item["content"],
                "titles": [title for c in item["basis"] for title in c["titles"]],
                "articles": [c["article"] for c in item["basis"] if c["article"]],
                "numbers": [n for c in item["basis"] for n in c["numbers"]],
                "time_limit": item["time_limit"]["text"], "subject": _SEPARATORS.sub("", "".join(item["subject"])),
                "method": item["method"], "audience": item["audience"], "audience_note": item["audience_note"],
                "level": item["level"],
                "channels": [channels.judge(value)[0][0] for value in item["channels"]],
            })
    return found


def test_the_round_trip_covers_the_corpus() -> None:
    assert len(FOLDERS) >= 60


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_excel_export_imports_back_to_the_same_items(folder: Path, tmp_path: Path) -> None:
    _run("build", folder, "-o", tmp_path / "out", "--no-site", "--allow-errors", "--jobs", "1")
    index = json.loads((tmp_path / "out" / "index.json").read_text(encoding="utf-8"))
    departments: dict[tuple[str, str], set[str]] = {}
    for catalog in index["catalogs"]:
        departments.setdefault((catalog["region"], catalog["domain"]), set()).add(catalog["department"])
    workbooks = sorted((tmp_path / "out" / "xlsx").rglob("*.xlsx"))
    assert workbooks
    for workbook in workbooks:
        region, domain = workbook.parent.name, workbook.stem
        (department,) = departments[(region, domain)]  # the corpus has one department per table
        _run("import", workbook, "-o", tmp_path / "ws", "--region", region, "--department", department)
    _run("build", tmp_path / "ws", "-o", tmp_path / "again", "--no-site", "--no-excel", "--allow-errors",
         "--jobs", "1")
    assert _items(tmp_path / "again") == _items(tmp_path / "out")
