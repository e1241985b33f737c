"""A real LSP client session over stdio (pygls's client), for the language server tests.

Any stdio server can be driven: catalogc's own and the npm yaml-language-server. Waits have
generous timeouts and nothing is timed: a test waits for the publication it needs.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

TIMEOUT = 120.0


class Session:
    def __init__(self) -> None:
        self.client = LanguageClient("catalogc-tests", "1")
        self.published: list[types.PublishDiagnosticsParams] = []
        self._news = asyncio.Event()
        self.versions: dict[str, int] = {}
        self.messages: list[str] = []  # what the server showed or logged
        self.registrations: list[types.Registration] = []  # what the server asked the client to do

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _published(ls: Any, params: types.PublishDiagnosticsParams) -> None:
            self.published.append(params)
            self._news.set()

        @self.client.feature(types.WORKSPACE_CONFIGURATION)
        def _configuration(ls: Any, params: types.ConfigurationParams) -> list[Any]:
            return [None for _ in params.items]

        @self.client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def _register(ls: Any, params: types.RegistrationParams) -> None:
            self.registrations.extend(params.registrations)
            self._news.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def _message(ls: Any, params: types.ShowMessageParams | types.LogMessageParams) -> None:
            self.messages.append(params.message)

    async def start(self, command: list[str], root: Path, options: Any = None,
                    capabilities: types.ClientCapabilities | None = None, **kwargs: Any) -> types.InitializeResult:
        await self.client.start_io(*command, **kwargs)
        result = await asyncio.wait_for(self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities or types.ClientCapabilities(),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options=options,
        )), TIMEOUT)
        self.client.initialized(types.InitializedParams())
        return result

    async def stop(self) -> None:
        await asyncio.wait_for(self.client.shutdown_async(None), TIMEOUT)
        self.client.exit(None)
        await asyncio.wait_for(self.client.stop(), TIMEOUT)

    def open(self, path: Path, text: str | None = None) -> str:
        uri = path.as_uri()
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
            uri=uri, language_id="yaml", version=1, text=path.read_text(encoding="utf-8") if text is None else text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def watched(self, *changes: tuple[Path, types.FileChangeType]) -> None:
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=path.as_uri(), type=kind) for path, kind in changes]))

    async def registered(self, method: str) -> types.Registration:
        async def wait() -> types.Registration:
            while True:
                for registration in self.registrations:
                    if registration.method == method:
                        return registration
                self._news.clear()
                await self._news.wait()
        return await asyncio.wait_for(wait(), TIMEOUT)

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))

    async def diagnostics(self, uri: str, after: int = 0,
                          accept: Callable[[types.PublishDiagnosticsParams], bool] = lambda p: True,
                          ) -> list[types.Diagnostic]:
        """The first publication for ``uri`` after the first ``after`` publications that ``accept`` takes."""
        async def wait() -> list[types.Diagnostic]:
            seen = after
            while True:
                for params in self.published[seen:]:
                    if params.uri == uri and accept(params):
                        return list(params.diagnostics)
                seen = len(self.published)
                self._news.clear()
                await self._news.wait()
        return await asyncio.wait_for(wait(), TIMEOUT)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply protocol text edits (UTF-16 positions; CR, LF and CRLF line ends), last first."""
    starts = [0]
    for index, ch in enumerate(text):
        if ch == "\n" or (ch == "\r" and text[index + 1:index + 2] != "\n"):
            starts.append(index + 1)

    def offset(position: types.Position) -> int:
        start = starts[position.line] if position.line < len(starts) else len(text)
        units, index = 0, start
        while units < position.character and index < len(text) and text[index] not in "\r\n":
            units += len(text[index].encode("utf-16-le")) // 2
            index += 1
        return index

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
