"""Reporters, chosen by name. Each takes a finished check and writes to a text stream."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TextIO

from catalogc.check.result import CheckResult
from catalogc.load.workspace import Workspace

Reporter = Callable[[CheckResult, Workspace, TextIO, str], None]

# Imported on use: the terminal reporter pulls in rich, which machine formats do not need.
FORMATS = ("text", "json", "sarif", "github", "junit")


def reporter(name: str) -> Reporter:
    if name not in FORMATS:
        raise KeyError(name)
    return import_module(f"catalogc.report.{name}").report  # type: ignore[no-any-return]
