"""FORMAT.md §5: a JSON array of finding objects, sorted by file, line, column, code.

The bytes are those of ``json.dump(..., ensure_ascii=False, indent=2)``, written without it:
with ``indent`` the standard library falls back to its pure-Python encoder, which at a
hundred thousand findings costs more than checking them. Each value here goes through the
C string encoder, and each object is written as one string.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.diagnostics import Diagnostic
    from catalogc.load.workspace import Workspace


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _object(d: Diagnostic) -> str:
    """``Diagnostic.to_json`` as ``json.dump`` would indent it: an office's ``source`` and
    ``commit`` follow the contract's keys only when set."""
    provenance = "".join(f',\n    "{key}": {_text(value)}' for key, value in (("source", d.source), ("commit", d.commit))
                         if value is not None)
    return (f'  {{\n    "code": {_text(d.code)},\n    "rule": {_text(d.rule)},\n'
            f'    "severity": {_text(d.severity.value)},\n    "file": {_text(d.file)},\n'
            f'    "line": {int(d.line)},\n    "column": {int(d.column)},\n    "item": {_text(d.item)},\n'
            f'    "message": {_text(d.message)},\n    "hint": {_text(d.hint)}{provenance}\n  }}')


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    if not result.diagnostics:
        out.write("[]\n")
        return
    out.write("[\n")
    last = len(result.diagnostics) - 1
    for n, d in enumerate(result.diagnostics):
        out.write(_object(d) + (",\n" if n < last else "\n"))
    out.write("]\n")
