"""A Markdown summary for CI job pages (``$GITHUB_STEP_SUMMARY``): totals, counts per rule and
per department, then the first findings with repository-relative paths."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from catalogc.diagnostics import Severity
from catalogc.report.repo import repo_path
from catalogc.report.statistics import cell, write_markdown

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult
    from catalogc.load.workspace import Workspace

SHOWN = 50  # findings listed in full; the tables count them all

_WORDS = {
    "zh": {"title": "catalogc 检查结果", "files": "个文件", "items": "个事项", "clean": "没有发现问题",
           "findings": "发现", "more": "另有 {n} 条未列出", "where": "位置", "msg": "说明"},
    "en": {"title": "catalogc check", "files": "files", "items": "items", "clean": "no problems found",
           "findings": "Findings", "more": "{n} more not listed", "where": "where", "msg": "message"},
}


def report(result: CheckResult, workspace: Workspace, out: TextIO, lang: str) -> None:
    words = _WORDS.get(lang, _WORDS["zh"])
    counts = ", ".join(f"{result.count(s)} {s.label(lang)}" for s in Severity)
    out.write(f"## {words['title']}\n\n{result.files} {words['files']}, {result.items} {words['items']}: ")
    out.write(f"{counts}\n\n" if result.diagnostics else f"{words['clean']}\n")
    if not result.diagnostics:
        return
    write_markdown(result, out, lang)
    out.write(f"\n### {words['findings']}\n\n| {words['where']} | | {words['msg']} |\n|---|---|---|\n")
    for d in result.diagnostics[:SHOWN]:
        where = cell(f"{repo_path(workspace, d.file)}:{d.line}:{d.column}")
        out.write(f"| `{where}` | `{d.code}` {d.severity.label(lang)} | {cell(d.message)} |\n")
    if len(result.diagnostics) > SHOWN:
        out.write("\n" + words["more"].format(n=len(result.diagnostics) - SHOWN) + "\n")
