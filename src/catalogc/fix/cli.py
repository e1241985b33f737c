"""What ``check --fix``, ``check --diff`` and ``catalogc fix`` say and do around the fix plan."""

from __future__ import annotations

import sys
from typing import TextIO

import click

from catalogc.check.engine import check_workspace
from catalogc.check.result import CheckResult
from catalogc.fix.compute import attach
from catalogc.fix.run import Plan, diff, fixable, plan, write
from catalogc.load.config import Settings
from catalogc.load.workspace import Workspace


def _say(stream: TextIO, zh: str, en: str, lang: str) -> None:
    click.echo(en if lang == "en" else zh, file=stream)


def fix_workspace(workspace: Workspace, settings: Settings, result: CheckResult, *, unsafe: bool, diff: bool,
                  show: bool, jobs: int | None, beside: bool) -> CheckResult:
    """Fix (or with ``diff`` print the patch and exit: 1 when there is something to fix), then re-check.

    ``beside``: the report goes to the terminal, so the summary joins it on standard output;
    otherwise standard output is a document (JSON, SARIF …) and the summary goes to standard error.
    """
    lang = settings.lang
    fixes = plan(workspace, settings, result, unsafe=unsafe, lang=lang)
    if diff:
        _print_diff(fixes)
        sys.exit(1 if fixes.files else 0)
    out = sys.stdout if beside else sys.stderr
    skipped = write(fixes)
    for rel in skipped:
        _say(sys.stderr, f"catalogc: {rel} 在修复期间被改动，未写入；请重新运行",
             f"catalogc: {rel} changed while it was being fixed and was not written; run again", lang)
    written = [a for f in fixes.files if f.rel not in skipped for a in f.applied]
    if show:
        for a in written:
            click.echo(f"{a.file}:{a.line}:{a.column}: {a.code} {a.title}", file=out)
    if written:
        result = check_workspace(workspace, settings, jobs)
    _say(out, f"已修复 {len(written)} 处", f"fixed {len(written)}", lang)
    waiting = 0 if unsafe else _unsafe_left(workspace, settings, result)
    if waiting:
        _say(out, f"另有 {waiting} 处修复需要人工核对，用 --unsafe-fixes 应用",
             f"{waiting} more fixes need review; apply them with --unsafe-fixes", lang)
    return result


def _unsafe_left(workspace: Workspace, settings: Settings, result: CheckResult) -> int:
    """How many remaining findings have a fix that waits for --unsafe-fixes."""
    count = 0
    for rel, diagnostics in fixable(result.diagnostics).items():
        try:
            text = (workspace.root / rel).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        count += sum(1 for d in attach(text, diagnostics, settings.lang, settings) if d.fix and not d.fix.safe)
    return count


def _print_diff(fixes: Plan) -> None:
    for line in diff(fixes):
        click.echo(line, nl=False)
