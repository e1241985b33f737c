"""`catalogc rules`: the rule table (or one family of it), and one rule's page in the terminal.

The page has the sections of the site's page (rules/docs.py), in the language asked for.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.markup import escape
from rich.table import Table

from catalogc.model.settings import code_problem
from catalogc.report.sarif import help_uri
from catalogc.rules import BY_CODE, RULES, matching
from catalogc.rules.base import Rule
from catalogc.rules.docs import LABELS, SCOPES, fixable, messages, rule_doc, suppression
from catalogc.rules.examples import shown


def rule_table(lang: str, rules: Sequence[Rule] = RULES) -> Table:
    zh = lang != "en"
    table = Table("代码" if zh else "code", "规则" if zh else "rule", "默认级别" if zh else "default",
                  "发现什么" if zh else "finds", box=None, pad_edge=False)
    for rule in rules:
        table.add_row(rule.code, rule.slug, rule.severity.label(lang),
                      escape(rule.summary if zh else rule.summary_en))
    return table


def _section(title: str, lines: Sequence[str]) -> list[str]:
    return ["", f"[bold]{escape(title)}[/]", *lines]


def explain(rule: Rule, lang: str) -> str:
    """The whole page of one rule: what, why, examples, messages, fixes, suppression and the page's address.

    Printed without wrapping (examples keep their lines); the terminal folds long prose itself.
    """
    en = lang == "en"
    label, colon = LABELS["en" if en else "zh"], ": " if en else "："
    doc = rule_doc(rule)
    parts = [
        f"[bold]{rule.code}[/] {rule.slug}  ({rule.severity.label(lang)})",
        escape(rule.summary_en if en else rule.summary),
        f"{label['scope']}{colon}{SCOPES['en' if en else 'zh'][rule.scope]}",
    ]
    for paragraph in doc.description(lang).split("\n\n"):
        parts += ["", escape(paragraph)]
    if doc.reason(lang):
        parts += _section(label["why"], [escape(doc.reason(lang))])
    for kind, fragments in (("failing", doc.failing), ("passing", doc.passing)):
        for fragment in fragments:
            parts += _section(label[kind], [f"  [dim]{escape(name)}[/]\n" + textwrap.indent(escape(text.rstrip()), "    ")
                                            for name, text in shown(fragment)])
    parts += _section(label["messages"], [f"  {escape(variant)}{colon}{escape(text)}" + (f"\n    → {escape(hint)}" if hint else "")
                                          for variant, text, hint in messages(rule, lang)])
    fixes = fixable(rule)
    if fixes:
        parts += _section(label["fix"], [f"  {label['fix_how']}",
                                         *(f"  - {escape(m.hint_en if en else m.hint_zh)}" for m in fixes)])
    parts += _section(label["suppress"], [f"  - {escape(line.replace('`', ''))}" for line in suppression(rule.code, lang)])
    return "\n".join([*parts, "", f"{label['page']}{colon}{escape(help_uri(rule.code))}"])


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
