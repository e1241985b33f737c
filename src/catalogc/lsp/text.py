"""Positions between check's and the protocol's.

check counts lines as YAML does (also at U+0085, U+2028, U+2029) and columns in characters after
a byte order mark; the protocol counts lines at CR, LF and CRLF only and columns in UTF-16 code
units. Going through the offset in the text keeps both right. A diagnostic's range is the YAML
node it points at (the scalar, or the key), cut at the end of its first line.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from lsprotocol import types
from yaml.nodes import MappingNode, Node, SequenceNode

from catalogc.diagnostics import Diagnostic, Edit, Severity
from catalogc.fix.edit import Lines
from catalogc.load.document import load
from catalogc.report.sarif import help_uri

_BREAK = re.compile(r"\r\n|\r|\n")
SEVERITY = {Severity.ERROR: types.DiagnosticSeverity.Error, Severity.WARNING: types.DiagnosticSeverity.Warning,
            Severity.INFO: types.DiagnosticSeverity.Information}


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class Buffer:
    """One text and its two coordinate systems."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.yaml = Lines(text)
        self.starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self._ends: dict[tuple[int, int], tuple[int, int]] | None = None

    def position(self, offset: int) -> types.Position:
        line = bisect_right(self.starts, offset) - 1
        return types.Position(line, _utf16(self.text[self.starts[line]:offset]))

    def offset(self, position: types.Position) -> int:
        """The offset of a protocol position (a character past the end of its line is the line's end)."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] if position.line + 1 < len(self.starts) else len(self.text)
        units = 0
        for index in range(start, end):
            if units >= position.character or self.text[index] in "\r\n":
                return index
            units += _utf16(self.text[index])
        return end

    def _line_end(self, offset: int) -> int:
        match = _BREAK.search(self.text, offset)
        return match.start() if match else len(self.text)

    def _yaml_offset(self, line: int, column: int) -> int:
        found = self.yaml.offset(line, column)
        if found is not None:
            return found
        line = max(1, min(line, len(self.yaml.starts)))
        return self.yaml.ends[line - 1]

    def _node_ends(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Start → end (1-based, YAML's counting) of every node; the smallest where several start together."""
        if self._ends is None:
            self._ends = {}
            root = load(self.text.encode("utf-8")).root
            stack: list[Node] = [root] if root is not None else []
            while stack:
                node = stack.pop()
                start = (node.start_mark.line + 1, node.start_mark.column + 1)
                end = (node.end_mark.line + 1, node.end_mark.column + 1)
                if start not in self._ends or end < self._ends[start]:
                    self._ends[start] = end
                if isinstance(node, MappingNode):
                    stack.extend(n for pair in node.value for n in pair)
                elif isinstance(node, SequenceNode):
                    stack.extend(node.value)
        return self._ends

    def range(self, line: int, column: int) -> types.Range:
        """The range of a finding at check's (line, column): its node, or the rest of the line."""
        start = self._yaml_offset(line, column)
        line_end = self._line_end(start)
        node_end = self._node_ends().get((line, column))
        end = min(self._yaml_offset(*node_end), line_end) if node_end else line_end
        if end <= start:
            end = min(start + 1, len(self.text))
        return types.Range(self.position(start), self.position(end))

    def edit(self, edit: Edit) -> types.TextEdit:
        start, end = self._yaml_offset(edit.line, edit.column), self._yaml_offset(edit.end_line, edit.end_column)
        return types.TextEdit(types.Range(self.position(start), self.position(end)), edit.text)


def to_lsp(buffer: Buffer, d: Diagnostic, rules_url: str | None = None) -> types.Diagnostic:
    """check's diagnostic as the protocol's: the code links to the rule's page (as SARIF's helpUri
    does); ``data`` carries what the protocol has no field for."""
    return types.Diagnostic(
        range=buffer.range(d.line, d.column),
        message=d.message,
        severity=SEVERITY[d.severity],
        code=d.code,
        code_description=types.CodeDescription(href=help_uri(d.code, rules_url)),
        source="catalogc",
        data={"hint": d.hint, "item": d.item, "rule": d.rule},
    )
