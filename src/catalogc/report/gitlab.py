"""GitLab Code Quality: a JSON array of issues shown on merge requests
(``artifacts: reports: codequality``); paths relative to the repository."""

from __future__ import annotations

import hashlib
import json
import posixpath
from typing import TYPE_CHECKING, Any, TextIO

from catalogc.report.fingerprint import fingerprints
from catalogc.report.repo import repo_path

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace

# GitLab's levels are info, minor, major, critical, blocker.
_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def build(result: CheckResult, workspace: Workspace) -> list[dict[str, Any]]:
    issues = []
    for d, key in zip(result.diagnostics, fingerprints(result.diagnostics), strict=True):
        # an office's git source: its path is inside its own repository, so the source is named in the text
        path = f"{d.source}:{d.file}" if d.commit else posixpath.normpath(repo_path(workspace, d.file))
        where = f"[{d.source} @ {d.commit[:12]}] " if d.commit else ""
        issues.append({
            "description": f"{where}{d.code} {d.message}" + (f"（{d.hint}）" if d.hint else ""),
            "check_name": d.code,
            "fingerprint": hashlib.sha256(f"{path}\0{key}".encode()).hexdigest()[:32],
            "severity": _SEVERITY[d.severity.value],
            "location": {"path": path, "lines": {"begin": d.line}},
        })
    return issues


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    json.dump(build(result, workspace), out, ensure_ascii=False, indent=2)
    out.write("\n")
