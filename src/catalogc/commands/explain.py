"""`catalogc rules`: the rule table (or one family of it), and one rule explained from its own docstring."""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Sequence

from rich.markup import escape
from rich.table import Table

from catalogc.model.settings import code_problem
from catalogc.rules import BY_CODE, RULES, matching
from catalogc.rules.base import Rule
from catalogc.rules.examples import examples


def rule_table(lang: str, rules: Sequence[Rule] = RULES) -> Table:
    zh = lang != "en"
    table = Table("代码" if zh else "code", "规则" if zh else "rule", "默认级别" if zh else "default",
                  "发现什么" if zh else "finds", box=None, pad_edge=False)
    for rule in rules:
        table.add_row(rule.code, rule.slug, rule.severity.label(lang),
                      escape(rule.summary if zh else rule.summary_en))
    return table


def explain(rule: Rule, lang: str) -> str:
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


def describe(query: str, lang: str) -> Table | str | None:
    """What ``catalogc rules QUERY`` shows: one rule explained, a family's table, or None when nothing matches."""
    found = matching(query)
    if len(found) == 1 and found[0].code == query.strip().upper():
        return explain(found[0], lang)
    return rule_table(lang, found) if found else None


def unknown(query: str, lang: str) -> str:
    """The refusal of a query that names no rule: the settings' own message, with the nearest codes."""
    code = query.strip().upper()
    return code_problem(code, BY_CODE, lang) or (f"no rule '{code}'" if lang == "en" else f"没有规则“{code}”")
