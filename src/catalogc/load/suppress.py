"""Inline suppressions written as YAML comments.

``# catalogc: ignore[C105] 本县自建平台`` at the end of a line silences those codes on
that line; alone on a line it silences the next content line; ``ignore-file[...]``
silences the codes in the whole file. The reason is required: a suppression is a
decision someone will have to understand later.

Only comments count: the same words inside a quoted, plain or block scalar are data
(``content: "见 # catalogc: ignore[C105]"``). libyaml's scanner marks where every scalar
starts and ends, so those spans are skipped; files without the marker are never scanned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_MARKER = b"catalogc:"
_PATTERN = re.compile(r"#\s*catalogc:\s*(ignore|ignore-file)\[([^\]]*)\]\s*(.*)$")

Span = tuple[tuple[int, int], tuple[int, int]]  # (line, column) from, (line, column) up to; 0-based


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


def _scalar_spans(data: bytes, lines: list[int]) -> dict[int, list[Span]]:
    """The scalars that touch the given 0-based lines, per line. Scanning stops after the last of
    them, or where the file stops being YAML (then the rest is read as comments, as before)."""
    import yaml  # only for a file with suppressions: a run answered from the cache loads no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    last = lines[-1]
    spans: dict[int, list[Span]] = {}
    try:
        for token in yaml.scan(data, Loader=loader):
            start = token.start_mark
            if start.line > last:
                break
            if token.__class__ is not yaml.ScalarToken:
                continue
            end = token.end_mark
            span = ((start.line, start.column), (end.line, end.column))
            for index in range(bisect_right(lines, start.line - 1), bisect_right(lines, end.line)):
                spans.setdefault(lines[index], []).append(span)
    except yaml.YAMLError:
        pass
    return spans


def _comment(text: str, line: int, spans: list[Span]) -> re.Match[str] | None:
    """The first suppression on a line that is a comment rather than part of a scalar."""
    position = 0
    while (match := _PATTERN.search(text, position)) is not None:
        at = (line, match.start())
        if not any(start <= at < end for start, end in spans):
            return match
        position = match.start() + 1
    return None


def scan(data: bytes) -> list[Suppression]:
    """Find suppression comments; a bytes search first keeps this free for files without any."""
    if _MARKER not in data:
        return []
    lines = data.decode("utf-8-sig", "replace").splitlines()
    candidates = [number for number, text in enumerate(lines) if "catalogc:" in text and _PATTERN.search(text)]
    if not candidates:
        return []
    spans = _scalar_spans(data, candidates)
    found: list[Suppression] = []
    for index in candidates:
        text = lines[index]
        match = _comment(text, index, spans.get(index, []))
        if match is None:
            continue
        number = index + 1
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
