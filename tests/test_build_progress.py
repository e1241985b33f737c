"""The build's progress bar: the check's files, then the bundle's files as the regions' workers
write them, on a terminal only; nothing in pipes or with --quiet."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.test_scale import GENERATE, _run_on_pty, catalogc


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("progress") / "ws"
    # eight counties: eight regions, enough for the regions' step to fork its workers
    subprocess.run([*GENERATE, str(out), "--counties", "8", "--items", "4"], check=True, capture_output=True)
    return out


def test_build_progress_on_a_terminal_only(workspace: Path, tmp_path: Path) -> None:
    files = len(list((workspace / "catalogs").rglob("*.yaml")))
    status, _, terminal = _run_on_pty("build", str(workspace), "-o", str(tmp_path / "a"), "--jobs", "2", "--no-excel")
    index = json.loads((tmp_path / "a" / "index.json").read_text(encoding="utf-8"))
    assert status == 0 and len(index["regions"]) == 8 and len(index["files"]) != files
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", terminal.decode("utf-8", "replace"))  # without the terminal's codes
    assert "发布" in text and "事项/秒" in text
    assert f"/{files} 个文件" in text  # the check: catalog files
    bundle = len(index["files"])
    assert f" {bundle}/{bundle} 个文件" in text  # then the regions' step to its end: the bundle's region × domain files
    piped = catalogc("build", str(workspace), "-o", str(tmp_path / "b"), "--jobs", "2", "--no-excel")
    assert piped.returncode == 0 and piped.stderr == b""  # not a terminal: nothing at all
    assert (tmp_path / "a" / "index.json").read_bytes() == (tmp_path / "b" / "index.json").read_bytes()
    quiet = _run_on_pty("build", str(workspace), "-o", str(tmp_path / "c"), "--jobs", "2", "--no-excel", "-q")
    assert quiet[0] == 0 and quiet[2] == b""
