"""Fixing a workspace: fix, re-check the file, fix again until nothing fixable is left; then write or diff.

Fixes only come from the per-file rules and the loader, so a file is re-checked alone after
each pass (from a private temporary copy: the file itself is written once, at the end, and
only with ``--fix``). Diagnostics the policy drops (suppressed, not selected) are never fixed.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from catalogc.atomic import write_bytes_atomic
from catalogc.check.engine import check_file
from catalogc.check.policy import Policy
from catalogc.check.result import CheckResult
from catalogc.diagnostics import Diagnostic
from catalogc.fix.compute import FIXERS, attach
from catalogc.fix.edit import apply, select
from catalogc.load.config import Settings
from catalogc.load.workspace import Workspace

MAX_PASSES = 10  # a fix can uncover another (a repealed law's successor repealed in turn); never loop forever


@dataclass(frozen=True, slots=True)
class Applied:
    """One fix applied, at the position it had in the text of its pass."""

    file: str
    line: int
    column: int
    code: str
    title: str
    safe: bool


@dataclass(slots=True)
class FileFix:
    rel: str
    path: Path
    before: bytes
    after: bytes
    applied: list[Applied] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    files: list[FileFix] = field(default_factory=list)

    @property
    def applied(self) -> list[Applied]:
        return [a for f in self.files for a in f.applied]

    @property
    def count(self) -> int:
        return len(self.applied)


def ours(d: Diagnostic) -> bool:
    """Whether a finding's file is this workspace's to fix: an office's sources (``Diagnostic.source``,
    where the office assembles other workspaces) belong to their own departments and are never written."""
    return d.code in FIXERS and getattr(d, "source", None) is None


def fixable(diagnostics: list[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """The findings that may have a fix, by file."""
    by_file: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        if ours(d):
            by_file.setdefault(d.file, []).append(d)
    return by_file


class _Rechecker:
    """Checks a fixed text as the file it came from (same name, settings and policy), from a temporary copy."""

    def __init__(self, settings: Settings, folder: Path) -> None:
        self.settings = settings
        self.policy = Policy(settings)
        self.folder = folder

    def __call__(self, rel: str, data: bytes) -> list[Diagnostic]:
        path = self.folder / Path(rel).name
        path.write_bytes(data)
        result = check_file(path, rel, self.settings, policy=self.policy)
        return self.policy.apply(result.findings, {rel: result.suppressions} if result.suppressions else {})


def plan(workspace: Workspace, settings: Settings, result: CheckResult, unsafe: bool = False,
         lang: str = "zh") -> Plan:
    """The fixes for the reported findings of ``result``, pass after pass, without writing anything."""
    catalogs = {workspace.rel(p) for p in workspace.catalogs}
    out = Plan()
    with tempfile.TemporaryDirectory(prefix="catalogc-fix-") as folder:
        recheck = _Rechecker(settings, Path(folder))
        for rel, diagnostics in sorted(fixable(result.diagnostics).items()):
            if rel not in catalogs:
                continue
            path = workspace.root / rel
            fixed = _fix_file(rel, path, diagnostics, recheck, unsafe, lang, settings)
            if fixed is not None:
                out.files.append(fixed)
    return out


def _fix_file(rel: str, path: Path, diagnostics: list[Diagnostic], recheck: _Rechecker, unsafe: bool,
              lang: str, settings: Settings) -> FileFix | None:
    try:
        before = path.read_bytes()
        text = before.decode("utf-8")
    except (OSError, UnicodeDecodeError):  # unreadable or not UTF-8: reported already (C001, C003)
        return None
    applied: list[Applied] = []
    for _ in range(MAX_PASSES):
        candidates = [d for d in attach(text, diagnostics, lang, settings) if d.fix and (d.fix.safe or unsafe)]
        chosen = {id(f) for f in select(text, [d.fix for d in candidates if d.fix])}
        if not chosen:
            break
        applied += [Applied(rel, d.line, d.column, d.code, d.fix.title, d.fix.safe)
                    for d in candidates if d.fix and id(d.fix) in chosen]
        text = apply(text, [d.fix for d in candidates if d.fix and id(d.fix) in chosen])
        diagnostics = [d for d in recheck(rel, text.encode("utf-8")) if d.code in FIXERS]
    after = text.encode("utf-8")
    return FileFix(rel, path, before, after, applied) if after != before else None


def write(plan: Plan) -> list[str]:
    """Write the fixed files atomically, each keeping its mode; a file changed meanwhile is left alone
    (its workspace-relative name is returned, for the caller to report)."""
    skipped = []
    for f in plan.files:
        target = Path(os.path.realpath(f.path))  # through a link to the file it names, keeping the link
        try:
            current = target.read_bytes()
        except OSError:
            current = None
        if current != f.before:
            skipped.append(f.rel)
            continue
        write_bytes_atomic(target, f.after, mode=stat.S_IMODE(target.stat().st_mode))
    return skipped


_LINE = re.compile(r".*?(?:\r\n|\n|\r)|.+\Z", re.S)


def _lines(data: bytes) -> list[str]:
    return _LINE.findall(data.decode("utf-8"))


def diff(plan: Plan) -> Iterator[str]:
    """A unified diff of every fixed file (paths a/… b/… relative to the workspace, as git shows them)."""
    for f in plan.files:
        for line in difflib.unified_diff(_lines(f.before), _lines(f.after), f"a/{f.rel}", f"b/{f.rel}"):
            if line.endswith(("\n", "\r")):
                yield line
            else:
                yield line + "\n\\ No newline at end of file\n"
