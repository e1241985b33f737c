"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request diff.

Paths are relative to the repository (GitHub matches them against the diff), not to the workspace."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, TextIO

from catalogc.report.repo import repo_path

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace


_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    for d in result.diagnostics:
        title = f"title={_prop(f'{d.code} {d.rule}')}"
        body = d.message + (f" — {d.hint}" if d.hint else "")
        if d.commit:  # an office's git source: not a file of this repository, so named in the message
            props = title
            body = f"[{d.source} @ {d.commit[:12]}] {d.file}:{d.line}:{d.column}: {body}"
        else:
            props = f"file={_prop(posixpath.normpath(repo_path(workspace, d.file)))},line={d.line},col={d.column},{title}"
        out.write(f"::{_LEVELS[d.severity.value]} {props}::{_data(body)}\n")
