"""Reporters by name: the table the CLI's ``--format`` choices come from.

Each reporter takes the check's result record and the workspace and writes to a text
stream. A reporter's module is imported when it is asked for, and imports only what its output
needs when it runs (rich for the terminal, the rule table for SARIF), so loading the table
costs the CLI nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace

Reporter = Callable[["CheckResult", "Workspace", TextIO, str], None]


class _Reporters(Mapping[str, "Reporter"]):
    """``--format`` name → the ``report`` function of ``catalogc.report.<name>``, imported on use."""

    def __init__(self, *names: str) -> None:
        self._names = names

    def __getitem__(self, name: str) -> Reporter:
        if name not in self._names:
            raise KeyError(name)
        return importlib.import_module(f"catalogc.report.{name}").report  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


REPORTERS: Mapping[str, Reporter] = _Reporters("text", "json", "sarif", "github", "junit", "gitlab", "markdown")


def reporter(name: str) -> Reporter:
    """The reporter for a ``--format`` name."""
    return REPORTERS[name]
