"""Human output: findings grouped by file, the offending YAML line shown, then a summary."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, TextIO

from catalogc.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WORDS = {
    "zh": {"hint": "建议", "files": "个文件", "items": "个事项", "clean": "没有发现问题", "comma": "，", "colon": "："},
    "en": {"hint": "hint", "files": "files", "items": "items", "clean": "no problems found", "comma": ", ",
           "colon": ": "},
}


def _source_lines(workspace: Workspace, rel: str) -> list[str]:
    try:
        return (workspace.root / rel).read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str, summary: bool = True) -> None:
    from rich.cells import cell_len  # rich only when a terminal report is written
    from rich.console import Console
    from rich.markup import escape

    words = _WORDS.get(lang, _WORDS["zh"])
    console = Console(file=out, highlight=False, soft_wrap=True)
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in result.diagnostics:
        by_file[d.file].append(d)
    for rel, findings in by_file.items():
        # one print per file: rich's cost is per call, and a file may hold thousands of findings
        lines = [f"[bold underline]{escape(rel)}[/]"]
        source_lines = _source_lines(workspace, rel) if len(findings) < 500 else []
        for d in findings:
            level = d.severity.label(lang)
            lines.append(f"  {d.line}:{d.column}  [{_STYLE[d.severity]}]{level}[/]  [bold]{d.code}[/] "
                         f"[dim]{d.rule}[/]  {escape(d.message)}")
            if 0 < d.line <= len(source_lines):
                source = source_lines[d.line - 1]
                lines.append(f"      [dim]{d.line:>4} │[/] {escape(source)}")
                lines.append(f"      [dim]     │[/] {' ' * cell_len(source[: d.column - 1])}[{_STYLE[d.severity]}]^[/]")
            if d.hint:
                lines.append(f"      [green]{words['hint']}{words['colon']}[/]{escape(d.hint)}")
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
