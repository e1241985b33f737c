"""FORMAT.md §5: a JSON array of finding objects, sorted by file, line, column, code.

The bytes are those of ``json.dump(..., ensure_ascii=False, indent=2)``, written without it:
with ``indent`` the standard library falls back to its pure-Python encoder, which at a
hundred thousand findings costs more than checking them. Each distinct value here goes once
through the C string encoder (findings repeat their file, rule, item and message), each object
is one string, and the objects are written a few thousand at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import islice
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.diagnostics import Diagnostic
    from catalogc.load.workspace import Workspace


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _object(d: Diagnostic, text: Callable[[str | None], str]) -> str:
    """``Diagnostic.to_json`` as ``json.dump`` would indent it: an office's ``source`` and
    ``commit`` follow the contract's keys only when set. ``text`` encodes each string."""
    provenance = "" if d.source is None and d.commit is None else "".join(
        f',\n    "{key}": {text(value)}' for key, value in (("source", d.source), ("commit", d.commit)) if value is not None)
    return (f'  {{\n    "code": {text(d.code)},\n    "rule": {text(d.rule)},\n'
            f'    "severity": {text(d.severity)},\n    "file": {text(d.file)},\n'
            f'    "line": {int(d.line)},\n    "column": {int(d.column)},\n    "item": {text(d.item)},\n'
            f'    "message": {text(d.message)},\n    "hint": {text(d.hint)}{provenance}\n  }}')


class _Encoded(dict):  # type: ignore[type-arg]
    """Each distinct string encoded once: findings repeat their file, rule, item and message."""

    def __missing__(self, value: str | None) -> str:
        text = self[value] = _text(value)
        return text


def _objects(diagnostics: list[Diagnostic]) -> Iterator[str]:
    """``_object`` of each diagnostic, the strings they share encoded once."""
    text = _Encoded().__getitem__
    for d in diagnostics:
        yield _object(d, text)


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    if not result.diagnostics:
        out.write("[]\n")
        return
    out.write("[\n")
    objects, separator = _objects(result.diagnostics), ""
    while chunk := list(islice(objects, 4096)):  # a few writes, not one per finding
        out.write(separator + ",\n".join(chunk))
        separator = ",\n"
    out.write("\n]\n")
