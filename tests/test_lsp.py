"""catalogc lsp, driven over stdio by a real LSP client session: the diagnostics are check's, as
the user types and after a save elsewhere; hover explains the rule; code actions fix."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from lsprotocol import types

from catalogc.cli import main
from catalogc.diagnostics import Diagnostic, Severity
from catalogc.lsp.hover import diagnostic_markdown, rule_markdown
from catalogc.lsp.text import Buffer
from catalogc.report.sarif import help_uri
from catalogc.rules import BY_CODE
from catalogc.rules.page import section
from tests.lsp_session import Session, apply_edits
from tests.paths import ROOT

SERVER = [sys.executable, "-m", "catalogc", "lsp"]
REL = "catalogs/民政局/社会救助.yaml"


def _check(ws: Path, rel: str, text: str | None = None) -> list[tuple[str, int, int, str]]:
    """What `catalogc check FILE --format json` reports for the file (holding ``text`` if given)."""
    if text is not None:
        copy = ws.parent / f"{ws.name}-check"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(ws, copy)
        (copy / rel).write_text(text, encoding="utf-8")
        ws = copy
    result = CliRunner().invoke(main, ["check", str(ws / rel), "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return [(d["code"], d["line"], d["column"], d["message"]) for d in json.loads(result.output) if d["file"] == rel]


def _seen(diagnostics: list[types.Diagnostic]) -> list[tuple[str, int, int, str]]:
    return [(str(d.code), d.range.start.line + 1, d.range.start.character + 1, d.message) for d in diagnostics]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(ROOT / "examples" / "broken", root)
    return root


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def test_diagnostics_hover_and_fixes_are_checks(ws: Path) -> None:
    path = ws / REL
    text = path.read_text(encoding="utf-8")

    async def session() -> None:
        s = Session()
        init = await s.start(SERVER, ws)
        assert init.capabilities.hover_provider and init.capabilities.code_action_provider
        uri = s.open(path)
        shown = await s.diagnostics(uri)
        assert _seen(shown) == _check(ws, REL)
        assert len(shown) > 20 and {d.source for d in shown} == {"catalogc"}
        assert all(d.code_description and d.code_description.href == help_uri(str(d.code)) for d in shown)
        severities = {str(d.code): d.severity for d in shown}
        assert severities["C201"] == types.DiagnosticSeverity.Error
        assert severities["C202"] == types.DiagnosticSeverity.Warning

        # the user corrects one defect: the unsaved buffer is checked, with the workspace around it
        fixed = text.replace("level: [省级]", "level: [县级]")
        version = s.change(uri, fixed)
        shown = await s.diagnostics(uri, accept=lambda p: p.version == version)
        assert _seen(shown) == _check(ws, REL, fixed)
        assert "C104" not in {str(d.code) for d in shown}

        # hover over a finding: its message, then the rule as `catalogc rules CODE` explains it
        alias = next(d for d in shown if d.code == "C105" and "政府门户网站" in d.message)
        hover = await s.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), alias.range.start))
        assert hover is not None and hover.range == alias.range
        value = hover.contents.value  # type: ignore[union-attr]
        assert value.startswith(alias.message) and rule_markdown("C105") in value
        assert "\n".join(section(BY_CODE["C105"], "zh")).strip() in value  # the site's page body
        unescaped = re.sub(r"\\(.)", r"\1", value)
        terminal = CliRunner().invoke(main, ["rules", "C105"]).output.splitlines()
        assert terminal[0].strip() in unescaped  # the same heading as `catalogc rules C105`
        elsewhere = await s.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(_line_of(fixed, "format: 1"), 0)))
        assert elsewhere is None

        # the alias's quick fix, applied by the client: the finding is gone, the rest is check's
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), alias.range, types.CodeActionContext(diagnostics=[alias])))
        quick = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix]
        assert [a.title for a in quick] and quick[0].is_preferred
        assert quick[0].edit is not None and quick[0].edit.changes is not None
        after = apply_edits(fixed, quick[0].edit.changes[uri])
        assert after == fixed.replace("[官方网站, 政府门户网站]", "[官方网站, 政府网站]")
        version = s.change(uri, after)
        shown = await s.diagnostics(uri, accept=lambda p: p.version == version)
        assert _seen(shown) == _check(ws, REL, after)
        assert not any(d.code == "C105" and "政府门户网站" in d.message for d in shown)

        # every safe fix of the file at once: no fixable finding is left
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(0, 0)),
            types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
        fix_all = [a for a in actions or [] if isinstance(a, types.CodeAction)]
        assert len(fix_all) == 1 and fix_all[0].edit is not None and fix_all[0].edit.changes is not None
        cleared = apply_edits(after, fix_all[0].edit.changes[uri])
        assert "# C201" in cleared  # comments survive
        version = s.change(uri, cleared)
        shown = await s.diagnostics(uri, accept=lambda p: p.version == version)
        assert _seen(shown) == _check(ws, REL, cleared)
        actions = await s.client.text_document_code_action_async(types.CodeActionParams(
            types.TextDocumentIdentifier(uri), types.Range(types.Position(0, 0), types.Position(0, 0)),
            types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll])))
        assert not actions
        await s.stop()

    asyncio.run(session())


def test_cross_file_rules_refresh_when_another_file_is_saved(ws: Path) -> None:
    path = ws / REL
    other = ws / "catalogs" / "民政局" / "a.yaml"  # sorts first: a duplicate id is reported in the other file
    head = 'format: 1\nregion: "360799"\ndepartment: 溪山县民政局\ndomain: 社会救助\nitems:\n'
    other.write_text(head + "  - id: SHJZ-900\n    name: 测试事项\n", encoding="utf-8")

    async def session() -> None:
        s = Session()
        await s.start(SERVER, ws)
        uri = s.open(path)
        before = await s.diagnostics(uri)
        assert _seen(before) == _check(ws, REL)
        other_uri = s.open(other)
        await s.diagnostics(other_uri)
        duplicate = head + "  - id: SHJZ-005\n    name: 测试事项\n"
        version = s.change(other_uri, duplicate)
        await s.diagnostics(other_uri, accept=lambda p: p.version == version)
        other.write_text(duplicate, encoding="utf-8")
        count = len(s.published)
        s.save(other_uri)
        after = await s.diagnostics(uri, after=count)
        assert _seen(after) == _check(ws, REL)
        assert len([d for d in after if d.code == "C201"]) == len([d for d in before if d.code == "C201"]) + 1
        await s.stop()

    asyncio.run(session())


def test_files_check_skips_get_no_diagnostics(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("format: 2\n", encoding="utf-8")
    inside = ws / "notes.yaml"
    inside.write_text("format: 2\n", encoding="utf-8")

    async def session() -> None:
        s = Session()
        await s.start(SERVER, ws)
        for path in (outside, inside):
            assert await s.diagnostics(s.open(path)) == []
        await s.stop()

    asyncio.run(session())


def test_english_messages_when_asked(ws: Path) -> None:
    async def session() -> None:
        s = Session()
        await s.start(SERVER, ws, options={"lang": "en", "rulesUrl": "https://rules.example/{code}.html"})
        shown = await s.diagnostics(s.open(ws / REL))
        result = CliRunner().invoke(main, ["check", str(ws / REL), "--format", "json", "--lang", "en"])
        assert [d.message for d in shown] == [d["message"] for d in json.loads(result.output) if d["file"] == REL]
        assert {d.code_description.href for d in shown if d.code == "C105"} == {"https://rules.example/C105.html"}
        await s.stop()

    asyncio.run(session())


@pytest.mark.parametrize(("text", "at", "expected"), [
    ("a: 政府门户网站\n", (1, 4), ((0, 3), (0, 9))),
    ("\ufeffa: b\r\nc: [x, 𠀀y]\r\n", (2, 8), ((1, 7), (1, 10))),  # BOM uncounted; 𠀀 is two UTF-16 units
    ("a: [b,\n  c]\n", (1, 4), ((0, 3), (0, 6))),  # a node over several lines: cut at its first line's end
    ("a: b\u2028c: d\n", (2, 1), ((0, 5), (0, 6))),  # a YAML line break the protocol does not count
    ("a: [b\nc\n", (2, 1), ((1, 0), (1, 1))),  # no YAML tree: the rest of the line
])
def test_ranges(text: str, at: tuple[int, int], expected: tuple[tuple[int, int], tuple[int, int]]) -> None:
    r = Buffer(text).range(*at)
    assert ((r.start.line, r.start.character), (r.end.line, r.end.character)) == expected


def test_hover_shows_catalog_text_as_text() -> None:
    d = Diagnostic("C105", "channel", Severity.WARNING, REL, 1, 1, None,
                   "公开渠道“[点此](javascript:x) <img src=x>”应写作“其他：…”", "")
    text = diagnostic_markdown(d)
    assert text.startswith("公开渠道“\\[点此\\]\\(javascript:x\\) \\<img src=x\\>”")
    assert rule_markdown("C105") in text


def test_a_burst_of_changes_ends_with_the_last_texts_diagnostics(ws: Path) -> None:
    path = ws / REL
    text = path.read_text(encoding="utf-8")
    typed = [text.replace("level: [省级]", "level: [" + "县级"[:n] + "]") for n in range(3)]

    async def session() -> None:
        s = Session()
        await s.start(SERVER, ws)
        uri = s.open(path)
        await s.diagnostics(uri)
        versions = [s.change(uri, t) for t in typed]
        shown = await s.diagnostics(uri, accept=lambda p: p.version == versions[-1])
        assert _seen(shown) == _check(ws, REL, typed[-1])
        await s.stop()

    asyncio.run(session())


def test_a_bad_settings_file_is_shown_not_swallowed(ws: Path) -> None:
    (ws / "catalogc.toml").write_text("[check]\nselect = [\"C999\"]\n", encoding="utf-8")

    async def session() -> None:
        s = Session()
        await s.start(SERVER, ws)
        assert await s.diagnostics(s.open(ws / REL)) == []
        assert any("C999" in m for m in s.messages), s.messages
        await s.stop()

    asyncio.run(session())


def test_changes_on_disk_the_client_watches_refresh_cross_file_rules(ws: Path) -> None:
    path = ws / REL
    head = 'format: 1\nregion: "360799"\ndepartment: 溪山县民政局\ndomain: 社会救助\nitems:\n'
    watching = types.ClientCapabilities(workspace=types.WorkspaceClientCapabilities(
        did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True)))

    async def session() -> None:
        s = Session()
        await s.start(SERVER, ws, capabilities=watching)
        registration = await s.registered(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
        globs = [w["globPattern"] for w in registration.register_options["watchers"]]  # type: ignore[index]
        assert "**/catalogc.toml" in globs
        uri = s.open(path)
        before = await s.diagnostics(uri)
        ids = len([d for d in before if d.code == "C201"])
        # a file appears (a git pull): its duplicate id is reported in the open file
        created = ws / "catalogs" / "民政局" / "a.yaml"
        created.write_text(head + "  - id: SHJZ-005\n    name: 测试事项\n", encoding="utf-8")
        count = len(s.published)
        s.watched((created, types.FileChangeType.Created))
        after = await s.diagnostics(uri, after=count)
        assert _seen(after) == _check(ws, REL)
        assert len([d for d in after if d.code == "C201"]) == ids + 1
        # it changes, then goes
        created.write_text(head + "  - id: SHJZ-900\n    name: 测试事项\n", encoding="utf-8")
        count = len(s.published)
        s.watched((created, types.FileChangeType.Changed))
        changed = await s.diagnostics(uri, after=count)
        assert _seen(changed) == _check(ws, REL)
        assert len([d for d in changed if d.code == "C201"]) == ids
        created.unlink()
        count = len(s.published)
        s.watched((created, types.FileChangeType.Deleted))
        assert _seen(await s.diagnostics(uri, after=count)) == _seen(before)
        await s.stop()

    asyncio.run(session())
