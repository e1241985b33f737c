"""Applying fixes to a text: positions to offsets, overlaps resolved, edits back to front.

Works on a string, not a file, so the language server can fix an unsaved buffer the
same way ``check --fix`` fixes the file on disk.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable

from catalogc.diagnostics import Edit, Fix

# YAML's line breaks (libyaml counts lines by these, so finding positions do too).
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
BOM = "\ufeff"


class Lines:
    """Line/column (1-based, in characters) ↔ offset in a text; a leading BOM is not counted, as in YAML."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.base = 1 if text.startswith(BOM) else 0
        self.starts = [self.base] + [m.end() for m in _BREAK.finditer(text)]
        self.ends = [m.start() for m in _BREAK.finditer(text)] + [len(text)]

    def offset(self, line: int, column: int) -> int | None:
        """The offset of a position, or None when it lies outside the text (a stale fix)."""
        if not 1 <= line <= len(self.starts) or column < 1:
            return None
        offset = self.starts[line - 1] + column - 1
        return offset if offset <= self.ends[line - 1] else None

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def newline(self) -> str:
        """The file's own line ending, for text a fix inserts."""
        match = _BREAK.search(self.text)
        return match.group() if match else "\n"


Span = tuple[int, int, str]


def _spans(lines: Lines, fix: Fix) -> list[Span] | None:
    spans = []
    for edit in fix.edits:
        start, end = lines.offset(edit.line, edit.column), lines.offset(edit.end_line, edit.end_column)
        if start is None or end is None or end < start:
            return None
        spans.append((start, end, edit.text))
    return spans


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1] or a[0] == b[0]


def select(text: str, fixes: Iterable[Fix]) -> list[Fix]:
    """The fixes that can be applied together: in the given order, each one whose edits touch no
    edit already chosen (the others wait for the next pass) and that still fits the text."""
    lines = Lines(text)
    chosen: list[Fix] = []
    taken: list[Span] = []
    for fix in fixes:
        spans = _spans(lines, fix)
        if spans is None or any(_overlaps(s, t) for s in spans for t in taken) \
                or any(_overlaps(s, t) for i, s in enumerate(spans) for t in spans[i + 1:]):
            continue
        chosen.append(fix)
        taken.extend(spans)
    return chosen


def apply(text: str, fixes: Iterable[Fix]) -> str:
    """``text`` with the fixes' edits applied: non-overlapping edits back to front, so earlier
    positions stay valid; of overlapping fixes the first wins, the rest wait for the next pass."""
    lines = Lines(text)
    spans = sorted((s for fix in select(text, fixes) for s in _spans(lines, fix) or ()), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def replace(lines: Lines, start: int, end: int, text: str) -> Edit:
    """An edit replacing the offsets ``start``..``end`` of the text."""
    return Edit(*lines.position(start), *lines.position(end), text)
