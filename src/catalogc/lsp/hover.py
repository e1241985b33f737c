"""A rule explained in markdown: what ``catalogc rules CODE`` prints, for an editor's hover.

The text is ``commands.explain``'s own, so the hover follows the terminal page: its lines are
escaped as text, the first in bold, and the indented examples become fenced YAML blocks.
"""

from __future__ import annotations

import re
import textwrap

from rich.text import Text

from catalogc.commands.explain import explain
from catalogc.diagnostics import Diagnostic
from catalogc.rules import BY_CODE

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_INDENT = "    "


def escape(text: str) -> str:
    """Text shown as text, never as markdown links, images, HTML or emphasis."""
    return _SPECIAL.sub(r"\\\1", text)


def rule_markdown(code: str, lang: str = "zh") -> str:
    """The rule's heading, summary, explanation and its passing and failing examples."""
    lines = Text.from_markup(explain(BY_CODE[code], lang)).plain.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        if lines[index].startswith(_INDENT):
            block = []
            while index < len(lines) and (lines[index].startswith(_INDENT) or not lines[index].strip()):
                block.append(lines[index])
                index += 1
            while block and not block[-1].strip():
                block.pop()
            out += ["", "```yaml", *textwrap.dedent("\n".join(block)).split("\n"), "```", ""]
            continue
        line = lines[index].rstrip()
        out += [f"**{escape(line)}**", ""] if index == 0 else [escape(line)]
        index += 1
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def diagnostic_markdown(d: Diagnostic, lang: str = "zh") -> str:
    """A finding under the cursor: its message and hint (escaped: they quote the catalog), then its rule."""
    head = escape(d.message) + (f"\n\n{escape(d.hint)}" if d.hint else "")
    return f"{head}\n\n---\n\n{rule_markdown(d.code, lang)}"
