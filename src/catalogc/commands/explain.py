"""`catalogc rules`: the rule table, and one rule explained from its own docstring."""

from __future__ import annotations

import inspect
import textwrap

from rich.markup import escape
from rich.table import Table

from catalogc.rules import BY_CODE, RULES
from catalogc.rules.examples import examples


def rule_table(lang: str) -> Table:
    zh = lang != "en"
    table = Table("代码" if zh else "code", "规则" if zh else "rule", "默认级别" if zh else "default",
                  "发现什么" if zh else "finds", box=None, pad_edge=False)
    for rule in RULES:
        table.add_row(rule.code, rule.slug, rule.severity.label(lang),
                      escape(rule.summary if zh else rule.summary_en))
    return table


def explain(code: str, lang: str) -> str | None:
    rule = BY_CODE.get(code)
    if rule is None:
        return None
    zh = lang != "en"
    doc = inspect.cleandoc(rule.doc)
    lead = doc.split("\n\n", 1)[0] if doc else rule.summary
    parts = [
        f"[bold]{rule.code}[/] {rule.slug}  ({rule.severity.label(lang)})",
        escape(rule.summary if zh else rule.summary_en),
        "",
        escape(lead),
    ]
    for kind, label in (("Passing", "通过的例子" if zh else "Passing"), ("Failing", "不通过的例子" if zh else "Failing")):
        for fragment in examples(rule.doc)[kind]:
            parts += ["", f"[bold]{label}[/]", textwrap.indent(escape(fragment.rstrip()), "    ")]
    return "\n".join(parts)
