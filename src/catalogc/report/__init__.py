"""Reporters by name: the table the CLI's ``--format`` choices come from.

Each reporter takes the check's result record and the workspace and writes to a text
stream. The modules import only what their output needs when they run (rich for the
terminal, the rule table for SARIF), so loading the table costs the CLI nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from catalogc.report import github, gitlab, json, junit, markdown, sarif, text

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace

Reporter = Callable[["CheckResult", "Workspace", TextIO, str], None]

REPORTERS: dict[str, Reporter] = {
    "text": text.report,
    "json": json.report,
    "sarif": sarif.report,
    "github": github.report,
    "junit": junit.report,
    "gitlab": gitlab.report,
    "markdown": markdown.report,
}


def reporter(name: str) -> Reporter:
    """The reporter for a ``--format`` name."""
    return REPORTERS[name]
