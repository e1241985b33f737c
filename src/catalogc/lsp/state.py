"""A workspace as the language server keeps it: every catalog's per-file result from disk, and
an open buffer checked in place of its file.

The cross-file rules need every file's facts; loading them all on each keystroke would be slow,
so the files on disk are loaded once and reloaded one at a time when saved. The buffer's own
result is computed afresh each time, then combined with the others by the same ``assemble``
``check`` uses, so codes, messages, severities and positions are check's.
"""

from __future__ import annotations

import os
from pathlib import Path

from catalogc.check.engine import assemble, check_file, run_files
from catalogc.check.prepare import load_settings
from catalogc.check.result import FileResult
from catalogc.diagnostics import Diagnostic
from catalogc.fix.compute import attach
from catalogc.load.config import CONFIG_NAME
from catalogc.load.workspace import CATALOG_SUFFIXES, Workspace, find_root, walk


class WorkspaceState:
    """One workspace root: its settings and the per-file results of its catalogs on disk."""

    def __init__(self, root: Path, lang: str = "zh") -> None:
        self.root = root
        self.lang = lang
        self.settings = load_settings(root, lang=lang)  # ConfigError: a bad catalogc.toml, shown to the user
        self._disk: dict[str, FileResult] | None = None
        self._workspace: Workspace | None = None

    def _load(self) -> tuple[Workspace, dict[str, FileResult]]:
        if self._disk is None or self._workspace is None:
            catalogs, outside = walk(self.root, "catalogs", CATALOG_SUFFIXES)
            # no targets: nothing is reported, the files give their facts to the cross-file rules
            self._workspace = Workspace(self.root, (), tuple(catalogs), tuple(outside), ())
            results = run_files(self._workspace, self.settings, jobs=1)
            self._disk = {r.rel: r for r in results}
        return self._workspace, self._disk

    def rel(self, path: Path) -> str:
        return Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()

    def diagnose(self, path: Path, text: str) -> list[Diagnostic]:
        """What ``check PATH`` would report for this file if it held ``text``, each with its fix."""
        workspace, disk = self._load()
        rel = self.rel(path)
        if rel not in disk:
            return []
        buffer = check_file(path, rel, self.settings, source=text.encode("utf-8"))
        others = [r for name, r in disk.items() if name != rel]
        target = Workspace(self.root, (path,), workspace.catalogs, workspace.outside, (rel,))
        found = [d for d in assemble(target, self.settings, [*others, buffer]).diagnostics if d.file == rel]
        return attach(text, found, self.lang, settings=self.settings)

    def forget(self) -> None:
        """Files appeared or vanished: walk the workspace again at the next check."""
        self._disk = None

    def saved(self, path: Path) -> None:
        """A file was saved: reload it (a catalog), or everything (settings, a new catalog file)."""
        rel = self.rel(path)
        if self._disk is not None and self._workspace is not None and rel in self._disk:
            self._disk[rel] = check_file(path, rel, self.settings, reported=False)
        elif rel == CONFIG_NAME:
            self.settings = load_settings(self.root, lang=self.lang)
            self._disk = None
        elif rel.startswith("catalogs/") and rel.lower().endswith(CATALOG_SUFFIXES):
            self._disk = None  # a new catalog: walk the folder again


def workspace_root(path: Path) -> Path | None:
    """The workspace holding ``path``, found upward as ``check`` finds it."""
    return find_root(Path(os.path.abspath(path)))
