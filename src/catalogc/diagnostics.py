"""The one record every finding becomes, whatever rule or loader produced it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located finding; ``file`` is workspace-relative with forward slashes, line/column 1-based."""

    code: str
    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    item: str | None
    message: str
    hint: str

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def to_json(self) -> dict[str, object]:
        """The FORMAT.md §5 object, keys in contract order."""
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "item": self.item,
            "message": self.message,
            "hint": self.hint,
        }
