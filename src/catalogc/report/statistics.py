"""Counts per rule and per department: the ``--statistics`` table and the Markdown summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from catalogc.diagnostics import Severity

if TYPE_CHECKING:
    from catalogc.check.result import CheckResult

_WORDS = {
    "zh": {"rule": "规则", "dept": "部门", "count": "数量", "by_rule": "按规则统计", "by_dept": "按部门统计",
           "none": "（无）", "colon": "："},
    "en": {"rule": "rule", "dept": "department", "count": "count", "by_rule": "by rule",
           "by_dept": "by department", "none": "(none)", "colon": ":"},
}


@dataclass(frozen=True, slots=True)
class RuleCount:
    code: str
    rule: str
    severity: Severity
    count: int


def department_of(result: CheckResult) -> dict[str, str]:
    """Each catalog file's department, from its items; a file without items goes by its folder
    under ``catalogs/`` (the layout ``catalogs/<部门>/<领域>.yaml``), any other file by its path."""
    return {f.file: f.department for f in result.facts if f.department}


def _department(rel: str, known: dict[str, str]) -> str:
    if rel in known:
        return known[rel]
    parts = rel.split("/")
    return parts[1] if len(parts) > 2 and parts[0] == "catalogs" else rel  # a list file, a stray file


def by_rule(result: CheckResult) -> list[RuleCount]:
    """Codes by descending count, then code."""
    counts = Counter((d.code, d.rule, d.severity) for d in result.diagnostics)
    rows = [RuleCount(code, rule, sev, n) for (code, rule, sev), n in counts.items()]
    return sorted(rows, key=lambda r: (-r.count, r.code, r.severity.value))


def by_department(result: CheckResult) -> list[tuple[str, dict[Severity, int]]]:
    """Departments by descending total, each with its count per severity."""
    known = department_of(result)
    table: dict[str, Counter[Severity]] = {}
    for d in result.diagnostics:
        table.setdefault(_department(d.file, known), Counter())[d.severity] += 1
    rows = [(dept, {s: c[s] for s in Severity}) for dept, c in table.items()]
    return sorted(rows, key=lambda r: (-sum(r[1].values()), r[0]))


def write_text(result: CheckResult, out: TextIO, lang: str) -> None:
    """The plain table ``--statistics`` prints after the findings (ruff's layout: count, code, name)."""
    words = _WORDS.get(lang, _WORDS["zh"])
    out.write(f"{words['by_rule']}{words['colon']}\n")
    rules = by_rule(result)
    width = max((len(str(r.count)) for r in rules), default=1)
    for r in rules:
        out.write(f"{r.count:>{width}}  {r.code}  {r.rule}  [{r.severity.label(lang)}]\n")
    if not rules:
        out.write(f"  {words['none']}\n")
    out.write(f"{words['by_dept']}{words['colon']}\n")
    for dept, counts in by_department(result):
        detail = ", ".join(f"{counts[s]} {s.label(lang)}" for s in Severity if counts[s])
        out.write(f"{sum(counts.values()):>{width}}  {dept or '-'}  ({detail})\n")
    if not result.diagnostics:
        out.write(f"  {words['none']}\n")


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def write_markdown(result: CheckResult, out: TextIO, lang: str) -> None:
    """The same counts as two Markdown tables (a CI job summary)."""
    words = _WORDS.get(lang, _WORDS["zh"])
    labels = [s.label(lang) for s in Severity]
    out.write(f"### {words['by_rule']}\n\n| {words['rule']} | | {words['count']} |\n|---|---|---:|\n")
    for r in by_rule(result):
        out.write(f"| `{r.code}` | {cell(r.rule)} ({r.severity.label(lang)}) | {r.count} |\n")
    out.write(f"\n### {words['by_dept']}\n\n| {words['dept']} | " + " | ".join(labels) + " |\n|---|"
              + "---:|" * len(labels) + "\n")
    for dept, counts in by_department(result):
        out.write(f"| {cell(dept or '-')} | " + " | ".join(str(counts[s]) for s in Severity) + " |\n")
