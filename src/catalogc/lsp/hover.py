"""A rule explained in markdown for an editor's hover: the same body as the rule's page in the
documentation site (rules/page.py), under the finding's own message and hint."""

from __future__ import annotations

import re

from catalogc.diagnostics import Diagnostic
from catalogc.rules import BY_CODE
from catalogc.rules.page import section

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Catalog text (quoted in messages) shown as text, never as markdown links, images or HTML."""
    return _SPECIAL.sub(r"\\\1", text)


def rule_markdown(code: str, lang: str = "zh") -> str:
    """The rule's heading and the body of its page (rules/page.py), as the documentation site shows it."""
    rule = BY_CODE[code]
    heading = f"{rule.code} {rule.slug}  ({rule.severity.label(lang)})"  # as `catalogc rules CODE` heads it
    return "\n".join([f"**{escape(heading)}**", "", *section(rule, lang)]).rstrip() + "\n"


def diagnostic_markdown(d: Diagnostic, lang: str = "zh") -> str:
    """A finding under the cursor: its message and hint (escaped: they quote the catalog), then its rule."""
    head = escape(d.message) + (f"\n\n{escape(d.hint)}" if d.hint else "")
    return f"{head}\n\n---\n\n{rule_markdown(d.code, lang)}"
