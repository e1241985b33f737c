"""The catalog schema in the client editors use: the npm yaml-language-server, over stdio, on a
catalog file with the `# yaml-language-server: $schema=` line that `schema --install` writes.

It needs Node and the server (scripts/test-assets.sh installs it beside the other test assets);
without Node the test is skipped, with Node but without the server it fails and says how to get it.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lsprotocol import types

from catalogc.cli import main
from tests.lsp_session import Session
from tests.paths import ROOT

ASSETS = Path(os.environ.get("CATALOGC_TEST_ASSETS", ROOT / ".venv" / "share" / "catalogc-test"))
YLS = ASSETS / "yls" / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
REL = "catalogs/民政局/社会救助.yaml"
CHANNELS = ["政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点", "政务服务中心",
            "便民服务站", "入户/现场", "社区/企事业单位/村公示栏（电子屏）", "精准推送", "其他"]


@pytest.fixture
def yls() -> list[str]:
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        pytest.skip("node/npm not installed: the yaml-language-server test needs Node.js")
    assert YLS.is_file(), f"{YLS} missing: run `bash scripts/test-assets.sh {ASSETS}`"
    return [node, str(YLS), "--stdio"]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    for name in ("catalogs", "lists"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "catalogc.toml", root)
    for path in (root / "catalogs").rglob("*.yaml"):  # a modeline from elsewhere must not survive
        text = path.read_text(encoding="utf-8")
        path.write_text("\n".join(x for x in text.split("\n") if "yaml-language-server" not in x), encoding="utf-8")
    result = CliRunner().invoke(main, ["schema", "--install", str(root)])
    assert result.exit_code == 0, result.output
    return root


def _line(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if line.lstrip().startswith(start))


async def _completion(s: Session, uri: str, text: str, line: int, column: int) -> list[str]:
    s.change(uri, text)
    found = await asyncio.wait_for(s.client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(line, column))), 120)
    items = found.items if isinstance(found, types.CompletionList) else found or []
    return [item.label for item in items]


def test_yaml_language_server_hovers_in_chinese_and_completes_vocabularies(yls: list[str], ws: Path) -> None:
    path = ws / REL
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/catalog.schema.json\n")

    async def session() -> None:
        s = Session()
        await s.start(yls, ws)
        uri = s.open(path)
        assert await s.diagnostics(uri) == []  # a catalog `check` accepts: no schema error either

        hover = await s.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(_line(text, "department:"), 2)))
        assert hover is not None
        assert "部门" in hover.contents.value and "本文件所属部门（或乡镇、街道）全称。" in hover.contents.value  # type: ignore[union-attr]
        hover = await s.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(_line(text, "channels:"), 6)))
        assert hover is not None and "公开渠道和载体" in hover.contents.value  # type: ignore[union-attr]
        assert "`社区/企事业单位/村公示栏（电子屏）`" in hover.contents.value  # type: ignore[union-attr]

        lines = text.split("\n")
        for key, expected in (("level:", ["市级", "县级", "乡级", "村级"]), ("channels:", CHANNELS)):
            at = _line(text, key)
            column = lines[at].index(key) + len(key) + 1
            emptied = "\n".join([*lines[:at], lines[at][:column], *lines[at + 1:]])
            labels = await _completion(s, uri, emptied, at, column)
            assert set(expected) <= set(labels), (key, labels)
            in_list = "\n".join([*lines[:at], lines[at][:column] + "[]", *lines[at + 1:]])
            labels = await _completion(s, uri, in_list, at, column + 1)
            assert set(expected) <= set(labels), (key, labels)
        await s.stop()

    asyncio.run(session())


def test_aliases_and_other_forms_are_no_errors_in_the_editor(yls: list[str], ws: Path) -> None:
    """What `check` accepts with a warning (an alias, 其他：…, a combined level header) the editor must not mark."""
    path = ws / REL
    text = path.read_text(encoding="utf-8")
    at = _line(text, "channels:")
    lines = text.split("\n")
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = indent + "channels: [政府门户网站, 其他：信用中国网站, 1.政府公报, 村务公开栏]"
    level = _line(text, "level:")
    lines[level] = indent + "level: 乡、村级"
    variant = "\n".join(lines)
    path.write_text(variant, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--format", "json"])
    assert '"C004"' not in result.output and '"error"' not in result.output

    async def session() -> None:
        s = Session()
        await s.start(yls, ws)
        uri = s.open(path)
        assert await s.diagnostics(uri) == []
        broken = variant.replace("level: 乡、村级", "level: {乡级: true}", 1)
        s.change(uri, broken)  # a wrong shape is check's C004 and the editor's error alike
        shown = await s.diagnostics(uri, accept=lambda p: bool(p.diagnostics))
        assert [d.range.start.line for d in shown] == [level]
        await s.stop()

    asyncio.run(session())
