"""`catalogc check --watch`: check now, then again after every saved change to the inputs.

Only the workspace's inputs wake it (catalog files under catalogs/, the lists, catalogc.toml),
so the cache's own writes and editors' swap files do not; each re-check goes through the
cache and so re-parses only what changed. Ctrl-C ends it with status 0.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from catalogc.load.config import CONFIG_NAME, ConfigError
from catalogc.load.workspace import CATALOG_SUFFIXES, WorkspaceError


def is_input(root: Path, path: str) -> bool:
    """Whether a changed path is one of the workspace's inputs."""
    try:
        rel = Path(path).relative_to(root).as_posix()
    except ValueError:
        return False
    if rel == CONFIG_NAME:
        return True
    if rel.startswith("catalogs/"):
        return rel.lower().endswith(CATALOG_SUFFIXES)
    return rel.startswith("lists/") and not Path(rel).name.startswith(".")


def watch(root: Path, run: Callable[[], object]) -> None:
    """``run`` now and after each batch of changes under ``root``, until interrupted."""
    import watchfiles
    from rich.console import Console

    console = Console(highlight=False)
    try:
        _once(run)
        for changes in watchfiles.watch(root, watch_filter=lambda _, path: is_input(root, path),
                                        raise_interrupt=False):
            if sys.stdout.isatty():
                console.clear()
            else:
                stamp = dt.datetime.now().strftime("%H:%M:%S")
                print(f"── {stamp} 重新检查：{len(changes)} 处改动 (re-checking: {len(changes)} changes) ──", flush=True)
            _once(run)
    except KeyboardInterrupt:  # Ctrl-C during a check rather than between two: the same end
        pass


def _once(run: Callable[[], object]) -> None:
    try:
        run()
    except (ConfigError, WorkspaceError) as exc:  # a broken catalogc.toml mid-edit: say so, keep watching
        print(f"catalogc: {exc}", file=sys.stderr, flush=True)
    sys.stdout.flush()
    print("catalogc: 正在监视改动，Ctrl-C 退出 (watching for changes; Ctrl-C to exit)", file=sys.stderr, flush=True)
