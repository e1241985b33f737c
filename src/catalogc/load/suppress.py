"""Inline suppressions written as YAML comments.

``# catalogc: ignore[C105] 本县自建平台`` at the end of a line silences those codes on
that line; alone on a line it silences the next content line; ``ignore-file[...]``
silences the codes in the whole file. The reason is required: a suppression is a
decision someone will have to understand later.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARKER = b"catalogc:"
_PATTERN = re.compile(r"#\s*catalogc:\s*(ignore|ignore-file)\[([^\]]*)\]\s*(.*)$")


@dataclass(slots=True)
class Suppression:
    line: int  # of the comment
    column: int
    target: int | None  # the line it applies to; None for the whole file
    codes: tuple[str, ...]
    reason: str
    used: set[str] = field(default_factory=set)

    def covers(self, code: str, line: int) -> bool:
        return code in self.codes and (self.target is None or self.target == line)


def scan(data: bytes) -> list[Suppression]:
    """Find suppression comments; a bytes search first keeps this free for files without any."""
    if _MARKER not in data:
        return []
    lines = data.decode("utf-8", "replace").splitlines()
    found: list[Suppression] = []
    for number, text in enumerate(lines, start=1):
        if "catalogc:" not in text:
            continue
        match = _PATTERN.search(text)
        if not match:
            continue
        kind, codes, reason = match.groups()
        code_list = tuple(c.strip().upper() for c in codes.split(",") if c.strip())
        before = text[: match.start()].strip()
        target: int | None
        if kind == "ignore-file":
            target = None
        elif before:
            target = number
        else:
            target = next(
                (n for n in range(number + 1, len(lines) + 1) if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")),
                number,
            )
        found.append(Suppression(number, match.start() + 1, target, code_list, reason.strip()))
    return found
