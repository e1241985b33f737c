"""Human output: findings grouped by file, the offending YAML line shown, then a summary."""

from __future__ import annotations

from collections import defaultdict
from typing import TextIO

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape

from catalogc.check.result import CheckResult
from catalogc.diagnostics import Diagnostic, Severity
from catalogc.load.workspace import Workspace

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WORDS = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "hint": "建议", "files": "个文件",
           "items": "个事项", "clean": "没有发现问题"},
    "en": {"error": "error", "warning": "warning", "info": "info", "hint": "hint", "files": "files",
           "items": "items", "clean": "no problems found"},
}


def _source_lines(workspace: Workspace, rel: str) -> list[str]:
    try:
        return (workspace.root / rel).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    words = _WORDS.get(lang, _WORDS["zh"])
    console = Console(file=out, highlight=False, soft_wrap=True)
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in result.diagnostics:
        by_file[d.file].append(d)
    for rel, findings in by_file.items():
        console.print(f"[bold underline]{escape(rel)}[/]")
        lines = _source_lines(workspace, rel) if len(findings) < 500 else []
        for d in findings:
            level = words[d.severity.value]
            console.print(
                f"  {d.line}:{d.column}  [{_STYLE[d.severity]}]{level}[/]  [bold]{d.code}[/] "
                f"[dim]{d.rule}[/]  {escape(d.message)}"
            )
            if 0 < d.line <= len(lines):
                source = lines[d.line - 1]
                console.print(f"      [dim]{d.line:>4} │[/] {escape(source)}")
                console.print(f"      [dim]     │[/] {' ' * cell_len(source[: d.column - 1])}[{_STYLE[d.severity]}]^[/]")
            if d.hint:
                console.print(f"      [green]{words['hint']}：[/]{escape(d.hint)}")
        console.print()
    counts = {s: result.count(s) for s in Severity}
    if result.diagnostics:
        summary = "，".join(f"{counts[s]} {words[s.value]}" for s in Severity if counts[s])
    else:
        summary = f"[green]{words['clean']}[/]"
    console.print(f"{result.files} {words['files']}，{result.items} {words['items']}：{summary}")
