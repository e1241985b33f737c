"""Baselines: adopt catalogc on a repository with known findings and fail only on new ones.

A baseline records each finding by code, file, item id and field, never by line or
message, so it survives edits elsewhere in the file and a change of ``--lang``. Equal
keys are counted: a baseline entry with ``count: 2`` absorbs at most two findings, so a
third identical defect in the same place is still reported. The file format is described
in docs/ci.md and schema/baseline.schema.json.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogc.diagnostics import Diagnostic

FORMAT_VERSION = 1

Key = tuple[str, str, str | None, str | None]


class BaselineError(Exception):
    """A baseline file that cannot be read: the message says which and why."""


@dataclass(frozen=True, slots=True)
class Entry:
    code: str
    file: str
    item: str | None
    field: str | None
    count: int = 1

    @property
    def key(self) -> Key:
        return (self.code, self.file, self.item, self.field)


def key(d: Diagnostic) -> Key:
    """What identifies a finding across runs: code, file, item id and field. A file of an office's git
    source is named ``source:path`` (two repositories may hold the same path), whatever the commit."""
    return (d.code, f"{d.source}:{d.file}" if d.commit else d.file, d.item, d.field)


def entries(diagnostics: Iterable[Diagnostic]) -> list[Entry]:
    """The baseline entries for these findings, sorted, equal keys counted."""
    counts = Counter(key(d) for d in diagnostics)
    ordered = sorted(counts, key=lambda k: (k[1], k[0], k[2] or "", k[3] or ""))
    return [Entry(*k, count=counts[k]) for k in ordered]


def dumps(diagnostics: Iterable[Diagnostic]) -> str:
    """The baseline file's text (JSON, UTF-8, stable order so that diffs stay small)."""
    rows: list[dict[str, Any]] = []
    for e in entries(diagnostics):
        row: dict[str, Any] = {"code": e.code, "file": e.file, "item": e.item, "field": e.field}
        if e.count != 1:
            row["count"] = e.count
        rows.append(row)
    doc = {"catalogc_baseline": FORMAT_VERSION, "findings": rows}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _entry(row: Any, where: str) -> Entry:
    if not isinstance(row, dict) or not isinstance(row.get("code"), str) or not isinstance(row.get("file"), str):
        raise BaselineError(f"{where} 需要 code 和 file 两个字符串 (needs string code and file)")
    item, field, count = row.get("item"), row.get("field"), row.get("count", 1)
    if not (item is None or isinstance(item, str)) or not (field is None or isinstance(field, str)):
        raise BaselineError(f"{where} 的 item 和 field 应为字符串或 null (item and field must be strings or null)")
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise BaselineError(f"{where} 的 count 应为正整数 (count must be a positive integer)")
    return Entry(row["code"], row["file"], item, field, count)


def load(path: Path) -> list[Entry]:
    """Read a baseline file; a missing, unreadable or malformed one raises ``BaselineError``."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise BaselineError(f"无法读取基线文件 {path}：{exc.strerror or exc} (cannot read the baseline file)") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"基线文件 {path} 不是有效的 JSON：{exc} (not valid JSON)") from exc
    if not isinstance(doc, dict) or doc.get("catalogc_baseline") != FORMAT_VERSION or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{path} 不是 catalogc 基线文件（应有 \"catalogc_baseline\": {FORMAT_VERSION} 和 findings 列表）"
                            " (not a catalogc baseline file)")
    return [_entry(row, f"{path} findings[{i}]") for i, row in enumerate(doc["findings"])]


@dataclass(frozen=True, slots=True)
class Filtered:
    new: list[Diagnostic]  # not in the baseline: reported, and they decide the exit status
    known: int  # findings the baseline absorbed
    gone: list[Entry]  # baseline entries (with the count left over) that no longer occur


# Codes whose findings named no item and element in earlier releases: a baseline written then
# records them without, and such an entry still absorbs the same finding now that it names them.
UNPLACED_BEFORE = frozenset({"C006"})


def apply(diagnostics: Iterable[Diagnostic], baseline: Iterable[Entry]) -> Filtered:
    """Split findings into new ones and those the baseline records; what the baseline records
    but no longer occurs is returned too, so that the user can shrink the file."""
    left: Counter[Key] = Counter()
    for e in baseline:
        left[e.key] += e.count
    new: list[Diagnostic] = []
    known = 0
    for d in diagnostics:
        k = key(d)
        if left[k] == 0 and d.code in UNPLACED_BEFORE:
            k = (k[0], k[1], None, None) if left[(k[0], k[1], None, None)] > 0 else k
        if left[k] > 0:
            left[k] -= 1
            known += 1
        else:
            new.append(d)
    gone = [Entry(*k, count=n) for k, n in sorted(left.items(), key=lambda kv: (kv[0][1], kv[0][0], kv[0][2] or "",
                                                                              kv[0][3] or "")) if n > 0]
    return Filtered(new, known, gone)
