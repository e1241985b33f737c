"""The one record every finding becomes, whatever rule or loader produced it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from catalogc.records import cheap


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def label(self, lang: str = "zh") -> str:
        """The word users read for this level (错误/警告/提示, or English with ``lang="en"``)."""
        return _LABELS["en" if lang == "en" else "zh"][self]


_LABELS = {
    "zh": {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"},
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"},
}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from (line, column) up to, not including, (end_line, end_column) with ``text``.

    Positions are 1-based and count characters (not bytes) of the file's text, as YAML marks do,
    so an editor buffer and the file on disk are edited alike.
    """

    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "text": self.text}


@dataclass(frozen=True, slots=True)
class Fix:
    """A finding's mechanical correction. ``safe`` fixes keep the meaning (``check --fix``
    applies them); the others change what the catalog says and wait for ``--unsafe-fixes``."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool

    def to_json(self) -> dict[str, object]:
        return {"title": self.title, "safe": self.safe, "edits": [e.to_json() for e in self.edits]}


@cheap
@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A located finding; ``file`` is workspace-relative with forward slashes, line/column 1-based.

    ``field`` comes last and stays out of ``to_json``: baselines and fingerprints use it, the
    FORMAT.md §5 object keeps its keys.
    """

    code: str
    rule: str
    severity: Severity
    file: str
    line: int
    column: int
    item: str | None
    message: str
    hint: str
    field: str | None = None  # the element concerned (``channels``, ``basis.article``); not in the JSON contract
    source: str | None = None  # the office's source the file comes from (docs/offices.md); None: the workspace's own
    commit: str | None = None  # the commit a git source was read at
    fix: Fix | None = None  # the last field: attached by catalogc.fix.attach; not in to_json (fix.to_json() is its object)

    def sort_key(self) -> tuple[str, str, int, int, str]:
        """Grouped by source (the workspace's own files first), then file, position and code."""
        return (self.source or "", self.file, self.line, self.column, self.code)

    def to_json(self) -> dict[str, object]:
        """The FORMAT.md §5 object, keys in contract order; ``source`` and ``commit`` only when set."""
        data: dict[str, object] = {
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
        if self.source is not None:
            data["source"] = self.source
        if self.commit is not None:
            data["commit"] = self.commit
        return data
