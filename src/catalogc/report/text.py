"""Human output: findings grouped by file, the offending YAML line shown, then a summary."""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from catalogc.diagnostics import Diagnostic, Severity
from catalogc.report import plain
from catalogc.report.plain import escape

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WORDS = {
    "zh": {"hint": "建议", "files": "个文件", "items": "个事项", "clean": "没有发现问题", "comma": "，", "colon": "："},
    "en": {"hint": "hint", "files": "files", "items": "items", "clean": "no problems found", "comma": ", ",
           "colon": ": "},
}
_HEADINGS = {
    "zh": {"own": "本工作区", "folder": "来源 {name}（文件夹 {where}）", "git": "来源 {name}（git {where} @ {commit}）"},
    "en": {"own": "this workspace", "folder": "source {name} (folder {where})", "git": "source {name} (git {where} @ {commit})"},
}


def _heading(result: CheckResult, name: str | None, lang: str) -> str:
    """One line naming a source of an office workspace: its name, where it is read from, its commit."""
    words = _HEADINGS.get(lang, _HEADINGS["zh"])
    source = next((s for s in result.office.sources if s.name == name), None) if name else None
    if source is None:
        return words["own"]
    where = source.base if source.kind == "folder" else \
        Path(os.path.relpath(source.location, os.path.abspath(result.office.workspace.root))).as_posix()
    return words[source.kind].format(name=name, where=where, commit=(source.commit or "")[:12])


def _source_lines(workspace: Workspace, rel: str, result: CheckResult | None = None, source: str | None = None) -> list[str]:
    if result is not None and result.office is not None and source is not None:
        kind = next((s.kind for s in result.office.sources if s.name == source), "folder")
        if kind == "git":  # read from the repository at the commit, never from a checkout
            return result.office.lines(source, rel)
    try:
        return (workspace.root / rel).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []


class _Escaped(dict):  # type: ignore[type-arg]
    """Each distinct message and hint escaped once: findings repeat a few thousand of them."""

    def __missing__(self, text: str) -> str:
        value = self[text] = escape(text)
        return value


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str, summary: bool = True) -> None:
    words = _WORDS.get(lang, _WORDS["zh"])
    escaped = _Escaped()
    console = plain.console(out)  # rich where colour may be written (report/plain.py)
    by_file: dict[tuple[str | None, str], list[Diagnostic]] = defaultdict(list)
    for d in result.diagnostics:
        by_file[(d.source, d.file)].append(d)
    heading: object = ()  # none printed yet
    for (origin, rel), findings in by_file.items():
        if result.office is not None and origin != heading:
            heading = origin
            console.print(f"[bold reverse] {escape(_heading(result, origin, lang))} [/]")
            console.print()
        # one print per file: rich's cost is per call, and a file may hold thousands of findings
        lines = [f"[bold underline]{escape(rel)}[/]"]
        source_lines = _source_lines(workspace, rel, result, origin) if len(findings) < 500 else []
        for d in findings:
            level = d.severity.label(lang)
            lines.append(f"  {d.line}:{d.column}  [{_STYLE[d.severity]}]{level}[/]  [bold]{d.code}[/] "
                         f"[dim]{d.rule}[/]  {escaped[d.message]}")
            if 0 < d.line <= len(source_lines):
                from rich.cells import cell_len  # the caret's column counts wide characters as two

                source = plain.visible(source_lines[d.line - 1])
                lines.append(f"      [dim]{d.line:>4} │[/] {escape(source)}")
                lines.append(f"      [dim]     │[/] {' ' * cell_len(source[: d.column - 1])}[{_STYLE[d.severity]}]^[/]")
            if d.hint:
                lines.append(f"      [green]{words['hint']}{words['colon']}[/]{escaped[d.hint]}")
        console.print("\n".join(lines))
        console.print()
    if not summary:
        return
    counts = {s: result.count(s) for s in Severity}
    if result.diagnostics:
        totals = words["comma"].join(f"{counts[s]} {s.label(lang)}" for s in Severity if counts[s])
    else:
        totals = f"[green]{words['clean']}[/]"
    console.print(f"{result.files} {words['files']}{words['comma']}{result.items} {words['items']}{words['colon']}{totals}")
