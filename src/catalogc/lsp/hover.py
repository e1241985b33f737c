"""A rule explained in markdown: what ``catalogc rules CODE`` prints, for an editor's hover.

Built from the same parts as ``commands.explain`` (the rule's row, its docstring's lead and
examples) since the language server sits beside ``commands`` and does not import it; the tests
compare the two pages line by line.
"""

from __future__ import annotations

import inspect
import re

from catalogc.diagnostics import Diagnostic
from catalogc.rules import BY_CODE
from catalogc.rules.examples import examples

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Catalog text (quoted in messages) shown as text, never as markdown links, images or HTML."""
    return _SPECIAL.sub(r"\\\1", text)


def rule_markdown(code: str, lang: str = "zh") -> str:
    """The rule's heading, summary, explanation and its passing and failing examples."""
    rule = BY_CODE[code]
    zh = lang != "en"
    doc = inspect.cleandoc(rule.doc)
    lead = doc.split("\n\n", 1)[0] if doc else rule.summary
    heading = f"{rule.code} {rule.slug}  ({rule.severity.label(lang)})"  # as `catalogc rules CODE` heads it
    parts = [f"**{escape(heading)}**", "", escape(rule.summary if zh else rule.summary_en), "", escape(lead)]
    for kind, label in (("Passing", "通过的例子" if zh else "Passing"), ("Failing", "不通过的例子" if zh else "Failing")):
        for fragment in examples(rule.doc)[kind]:
            parts += ["", f"*{label}*", "", "```yaml", fragment.rstrip(), "```"]
    return "\n".join(parts)


def diagnostic_markdown(d: Diagnostic, lang: str = "zh") -> str:
    """A finding under the cursor: its message and hint (escaped: they quote the catalog), then its rule."""
    head = escape(d.message) + (f"\n\n{escape(d.hint)}" if d.hint else "")
    return f"{head}\n\n---\n\n{rule_markdown(d.code, lang)}"
