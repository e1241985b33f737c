"""Paths as the code host sees them: relative to the git repository, not to the workspace.

A workspace often lives in a subfolder of a repository (``gov/catalogs/...``); annotations,
SARIF and Code Quality reports are matched against the repository's diff, so their paths
need the folder prefix. The JSON and text outputs keep workspace-relative paths (the contract).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from catalogc.load.workspace import Workspace


@lru_cache(maxsize=16)
def _prefix(root: str) -> str:
    here = Path(root)
    for folder in (here, *here.parents):
        if (folder / ".git").exists():  # a folder, or a file in worktrees and submodules
            rel = Path(os.path.relpath(here, folder)).as_posix()
            return "" if rel == "." else rel + "/"
    return ""


def prefix(workspace: Workspace) -> str:
    """The workspace folder relative to its repository root, with a trailing slash ("" at the top
    or outside any repository)."""
    return _prefix(os.path.abspath(workspace.root))


def repo_path(workspace: Workspace, rel: str) -> str:
    """A workspace-relative path as a repository-relative one."""
    return prefix(workspace) + rel
