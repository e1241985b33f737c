"""The language server over stdio (pygls): diagnostics as the user types, hover, code actions.

Open and changed buffers are checked in place of their files with the workspace around them
(``state``); saving a file, or a change on disk the client watches, reloads it for the cross-file
rules and re-checks every open buffer of that workspace. Hover over a finding shows its rule; a finding with a fix offers it as a
quick fix, and the file's safe fixes together as ``source.fixAll``.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from catalogc import __version__
from catalogc.diagnostics import Diagnostic
from catalogc.fix.edit import apply
from catalogc.load.config import ConfigError
from catalogc.lsp.hover import diagnostic_markdown
from catalogc.lsp.state import WorkspaceState, workspace_root
from catalogc.lsp.text import Buffer, to_lsp

FIX_ALL = types.CodeActionKind.SourceFixAll + ".catalogc"
PAUSE = 0.2  # seconds of no typing before a changed buffer is checked


@dataclass
class Checked:
    """The last check of an open buffer: its text, check's diagnostics and the protocol's."""

    buffer: Buffer
    found: list[Diagnostic] = field(default_factory=list)
    shown: list[types.Diagnostic] = field(default_factory=list)


class CatalogServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("catalogc", __version__)
        self.lang = "zh"
        self.rules_url: str | None = None  # rule pages: initialization option, else CATALOGC_RULES_URL, else the default
        self.states: dict[Path, WorkspaceState] = {}
        self.checked: dict[str, Checked] = {}

    def state(self, path: Path) -> WorkspaceState | None:
        root = workspace_root(path)
        if root is None:
            return None
        if root not in self.states:
            try:
                self.states[root] = WorkspaceState(root, self.lang)
            except ConfigError as exc:
                self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"catalogc: {exc}"))
                return None
        return self.states[root]

    def check(self, uri: str) -> None:
        """Check the open buffer ``uri`` and publish its diagnostics (none for a file check skips)."""
        document = self.workspace.get_text_document(uri)
        fs_path = to_fs_path(uri)
        state = self.state(Path(fs_path)) if fs_path else None
        buffer = Buffer(document.source)
        found = state.diagnose(Path(fs_path), document.source) if state and fs_path else []
        shown = [to_lsp(buffer, d, self.rules_url) for d in found]
        self.checked[uri] = Checked(buffer, found, shown)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=shown, version=document.version))


server = CatalogServer()


@server.feature(types.INITIALIZE)
def _initialize(ls: CatalogServer, params: types.InitializeParams) -> None:
    options = params.initialization_options or {}
    if isinstance(options, dict) and options.get("lang") in ("zh", "en"):
        ls.lang = options["lang"]
    if isinstance(options, dict) and isinstance(options.get("rulesUrl"), str):
        ls.rules_url = options["rulesUrl"]


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def _opened(ls: CatalogServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.check(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def _changed(ls: CatalogServer, params: types.DidChangeTextDocumentParams) -> None:
    """Check once typing pauses: a change superseded within ``PAUSE`` seconds is not checked."""
    uri, version = params.text_document.uri, params.text_document.version
    await asyncio.sleep(PAUSE)
    if ls.workspace.get_text_document(uri).version == version:
        ls.check(uri)


def _on_disk(ls: CatalogServer, changes: list[tuple[str, types.FileChangeType]]) -> None:
    """Files changed on disk: reload them, then re-check every open buffer of their workspaces
    (the cross-file rules see the other files as they are on disk)."""
    touched: set[Path] = set()
    for uri, kind in changes:
        fs_path = to_fs_path(uri)
        state = ls.state(Path(fs_path)) if fs_path else None
        if state is None or fs_path is None:
            continue
        if kind == types.FileChangeType.Changed:
            state.saved(Path(fs_path))
        else:
            state.forget()
        touched.add(state.root)
    for uri in list(ls.checked):
        other = to_fs_path(uri)
        if other and workspace_root(Path(other)) in touched:
            ls.check(uri)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def _saved(ls: CatalogServer, params: types.DidSaveTextDocumentParams) -> None:
    _on_disk(ls, [(params.text_document.uri, types.FileChangeType.Changed)])


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def _watched(ls: CatalogServer, params: types.DidChangeWatchedFilesParams) -> None:
    """Changes made outside the editor (a git pull, another program), where the client watches."""
    _on_disk(ls, [(change.uri, change.type) for change in params.changes])


@server.feature(types.INITIALIZED)
async def _initialized(ls: CatalogServer, params: types.InitializedParams) -> None:
    """Ask the client to watch the workspace's inputs, when it can be asked."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if not (watched and watched.dynamic_registration):
        return
    globs = ["**/catalogs/**/*.{yaml,yml,YAML,YML}", "**/lists/**/*", "**/catalogc.toml"]
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=g) for g in globs])
    await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
        id="catalogc-inputs", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options)]))


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def _closed(ls: CatalogServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.checked.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


def _inside(position: types.Position, r: types.Range) -> bool:
    start, end = (r.start.line, r.start.character), (r.end.line, r.end.character)
    return start <= (position.line, position.character) <= end


@server.feature(types.TEXT_DOCUMENT_HOVER)
def _hover(ls: CatalogServer, params: types.HoverParams) -> types.Hover | None:
    checked = ls.checked.get(params.text_document.uri)
    if checked is None:
        return None
    under = [(d, s) for d, s in zip(checked.found, checked.shown, strict=True) if _inside(params.position, s.range)]
    if not under:
        return None
    text = "\n\n---\n\n".join(diagnostic_markdown(d, ls.lang) for d, _ in under)
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), under[0][1].range)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) \
        and (b.start.line, b.start.character) <= (a.end.line, a.end.character)


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
def _code_actions(ls: CatalogServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    checked = ls.checked.get(uri)
    if checked is None:
        return []
    actions = []
    for d, shown in zip(checked.found, checked.shown, strict=True):
        if d.fix is None or not _overlaps(shown.range, params.range):
            continue
        edits = [checked.buffer.edit(e) for e in d.fix.edits]
        actions.append(types.CodeAction(
            title=d.fix.title, kind=types.CodeActionKind.QuickFix, diagnostics=[shown],
            edit=types.WorkspaceEdit(changes={uri: edits}), is_preferred=d.fix.safe))
    safe = [d.fix for d in checked.found if d.fix is not None and d.fix.safe]
    if safe:
        fixed = apply(checked.buffer.text, safe)
        whole = types.Range(types.Position(0, 0), checked.buffer.position(len(checked.buffer.text)))
        title = "修正本文件中全部可安全修正的发现" if ls.lang != "en" else "Fix all safely fixable findings in this file"
        actions.append(types.CodeAction(title=title, kind=FIX_ALL,
                                        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(whole, fixed)]})))
    only = params.context.only
    if only:
        actions = [a for a in actions if any(a.kind == k or (a.kind or "").startswith(k + ".") for k in only)]
    return actions


def serve() -> None:
    """Run over stdin/stdout until the client says exit."""
    logging.basicConfig(level=logging.WARNING)
    server.start_io()
