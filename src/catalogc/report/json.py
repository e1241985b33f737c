"""FORMAT.md §5: a JSON array of finding objects, sorted by file, line, column, code."""

from __future__ import annotations

import json as _json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace



def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    _json.dump([d.to_json() for d in result.diagnostics], out, ensure_ascii=False, indent=2)
    out.write("\n")
