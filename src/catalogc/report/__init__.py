"""Reporters, chosen by name. Each takes a finished check and writes to a text stream."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from catalogc.engine import CheckResult
from catalogc.report import github, json, junit, sarif, text
from catalogc.workspace import Workspace

Reporter = Callable[[CheckResult, Workspace, TextIO, str], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "json": json.report,
    "sarif": sarif.report,
    "github": github.report,
    "junit": junit.report,
}
