"""A rule's page as Markdown: the documentation site's page (scripts/docs.py) and an editor's hover (lsp/hover.py).

The same sections as the terminal page (commands/explain.py), from the rule's docstring (rules/docs.py);
every piece of text is escaped, so nothing in a message or an example becomes markup.
"""

from __future__ import annotations

import html
import re

from catalogc.rules.base import Rule
from catalogc.rules.docs import LABELS, SCOPES, fixable, messages, rule_doc, suppression
from catalogc.rules.examples import shown

_MARKDOWN = re.compile(r"([\\`*_\[\]|])")


def md(text: str) -> str:
    """Prose as Markdown that shows exactly these characters (no markup, no HTML)."""
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))


def _code(text: str) -> str:
    """`backticked` spans of the suppression lines kept as code, the rest escaped."""
    return "".join(f"`{part}`" if i % 2 else md(part) for i, part in enumerate(text.split("`")))


def section(rule: Rule, lang: str) -> list[str]:
    """The page's body in one language (a hover shows just this)."""
    label = LABELS[lang]
    doc = rule_doc(rule)
    lines = [f"{md(rule.summary_en if lang == 'en' else rule.summary)}", "",
             f"**{label['severity']}**: {rule.severity.label(lang)} · **{label['scope']}**: {SCOPES[lang][rule.scope]}"
             + (f" · **{label['fix']}**" if fixable(rule) else ""), ""]
    lines += [md(p) + "\n" for p in doc.description(lang).split("\n\n")]
    if doc.reason(lang):
        lines += [f"### {label['why']}", "", md(doc.reason(lang)), ""]
    for kind, fragments in (("failing", doc.failing), ("passing", doc.passing)):
        for fragment in fragments:
            lines += [f"### {label[kind]}", ""]
            for name, text in shown(fragment):
                fence = "csv" if name.endswith(".csv") else "yaml"
                lines += [f'```{fence} title="{name}"', text.rstrip("\n"), "```", ""]
    lines += [f"### {label['messages']}", "", f"| {label['variant']} | {label['message']} |", "|---|---|"]
    for variant, text, hint in messages(rule, lang):
        lines.append(f"| {md(variant)} | {md(text)}" + (f"<br>→ {md(hint)}" if hint else "") + " |")
    lines.append("")
    fixes = fixable(rule)
    if fixes:
        lines += [f"### {label['fix']}", "", md(label["fix_how"]), ""]
        lines += [f"- {md(m.hint_en if lang == 'en' else m.hint_zh)}" for m in fixes] + [""]
    lines += [f"### {label['suppress']}", ""] + [f"- {_code(line)}" for line in suppression(rule.code, lang)]
    return lines + [""]


def rule_page(rule: Rule) -> str:
    """One rule's page: Chinese, then the same in English under #english."""
    return "\n".join([
        f"# {rule.code} {rule.slug}", "",
        "[English](#english)", "",
        *section(rule, "zh"),
        "---", "",
        "## English {#english}", "",
        *section(rule, "en"),
    ])
