"""Fingerprints that follow a finding across runs: code, file, item id and field — not the line
(edits above it move it) nor the message (``--lang`` changes it). Findings that share all four
get an ordinal, so that each fingerprint in one run is unique."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from catalogc.diagnostics import Diagnostic


def fingerprints(diagnostics: Sequence[Diagnostic]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for d in diagnostics:
        file = f"{d.source}:{d.file}" if d.commit else d.file  # a git source's path is inside its own repository
        base = f"{d.code}:{file}:{d.item or ''}:{d.field or ''}"
        seen[base] += 1
        out.append(base if seen[base] == 1 else f"{base}:{seen[base]}")
    return out
