"""The front half every workspace command shares: the workspace and its settings.

Settings name rule codes, which only this layer and above know; so settings are read here,
with the rule table's codes, rather than in ``load``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalogc.load import config
from catalogc.load.config import Settings
from catalogc.load.workspace import Workspace, discover
from catalogc.rules import BY_CODE

if TYPE_CHECKING:
    from catalogc.check.cache import Cache
    from catalogc.refdata import Keeper


def load_settings(root: Path, memo: Keeper | None = None, **options: Any) -> Settings:
    """catalogc.toml under ``root``, then command-line ``options``, checked against the rule table;
    ``memo`` (the cache's folder) remembers a file validated before."""
    return config.load_settings(root, frozenset(BY_CODE), memo=memo, **options)


def prepare(*targets: Path, **options: Any) -> tuple[Workspace, Settings]:
    """The workspace found from ``targets`` and its settings (catalogc.toml, then ``options``)."""
    workspace = discover(*targets)
    return workspace, load_settings(workspace.root, **options)


def settings_and_cache(workspace: Workspace, cached: bool = True, folder: Path | None = None,
                       **options: Any) -> tuple[Settings, Cache | None]:
    """The workspace's settings and, when ``cached``, its cache (in ``folder``, ``--cache-dir``).
    The cache folder is opened first: it remembers a catalogc.toml validated before
    (``catalogc.load.config``, ``_remembered``), so a re-run need not validate it again."""
    if not cached:
        return load_settings(workspace.root, **options), None
    from catalogc.check.cache import open_cache, open_store

    store = open_store(workspace, folder)
    settings = load_settings(workspace.root, memo=store, **options)
    return settings, open_cache(workspace, settings, store)
