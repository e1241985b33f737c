"""The front half every workspace command shares: the workspace and its settings.

Settings name rule codes, which only this layer and above know; so settings are read here,
with the rule table's codes, rather than in ``load``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from catalogc.load import config
from catalogc.load.config import Settings
from catalogc.load.workspace import Workspace, discover
from catalogc.rules import BY_CODE


def load_settings(root: Path, **options: Any) -> Settings:
    """catalogc.toml under ``root``, then command-line ``options``, checked against the rule table."""
    return config.load_settings(root, frozenset(BY_CODE), **options)


def prepare(*targets: Path, **options: Any) -> tuple[Workspace, Settings]:
    """The workspace found from ``targets`` and its settings (catalogc.toml, then ``options``)."""
    workspace = discover(*targets)
    return workspace, load_settings(workspace.root, **options)
