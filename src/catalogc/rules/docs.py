"""A rule's documentation in both languages, read from the one text that documents it.

A rule's docstring (a loader row's ``doc_text``) opens with the Chinese description and
holds named blocks: ``English::`` (the same description in English), ``为什么::`` and
``Why::`` (why the rule exists, naming the law or standard it rests on), and the
``Passing::``/``Failing::`` examples that the test suite runs. Keeping the translation in
the same docstring keeps the two languages side by side, so they change together; the
terminal page (``catalogc rules CODE``) and the site's page are both made from here.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from dataclasses import dataclass

from catalogc.rules.base import Message, Rule
from catalogc.rules.examples import examples

BLOCKS = ("English", "为什么", "Why", "Passing", "Failing")
_BLOCK = re.compile(r"^(" + "|".join(BLOCKS) + r")::[ \t]*\n((?:[ \t]*\n|[ \t]+.*\n?)*)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """The sections of one rule's page, each in Chinese and English (examples are catalog text)."""

    what: str
    what_en: str
    why: str
    why_en: str
    passing: tuple[str, ...]
    failing: tuple[str, ...]

    def description(self, lang: str) -> str:
        return self.what_en if lang == "en" else self.what

    def reason(self, lang: str) -> str:
        return self.why_en if lang == "en" else self.why


def _paragraphs(text: str, english: bool) -> str:
    """Paragraphs unwrapped (a docstring wraps them), separated by one blank line. English lines join with
    a space; Chinese lines join directly, with a space only between two ASCII words (GB/T⏎2260)."""
    def unwrap(chunk: str) -> str:
        joined = ""
        for line in (line.strip() for line in chunk.splitlines()):
            gap = " " if joined and (english or (joined[-1].isascii() and line[:1].isascii())) else ""
            joined += gap + line
        return joined

    return "\n\n".join(unwrap(chunk) for chunk in re.split(r"\n\s*\n", text.strip()) if chunk.strip())


def rule_doc(rule: Rule) -> RuleDoc:
    """The sections of ``rule``'s documentation; a missing block is an empty string."""
    doc = inspect.cleandoc(rule.doc) + "\n"
    blocks: dict[str, list[str]] = {name: [] for name in BLOCKS}
    for match in _BLOCK.finditer(doc):
        blocks[match.group(1)].append(textwrap.dedent(match.group(2)).strip("\n"))
    prose = _BLOCK.sub("", doc)
    found = examples(rule.doc)
    return RuleDoc(
        what=_paragraphs(prose, english=False),
        what_en=_paragraphs("\n\n".join(blocks["English"]), english=True),
        why=_paragraphs("\n\n".join(blocks["为什么"]), english=False),
        why_en=_paragraphs("\n\n".join(blocks["Why"]), english=True),
        passing=tuple(found["Passing"]),
        failing=tuple(found["Failing"]),
    )


def fixable(rule: Rule) -> tuple[Message, ...]:
    """The variants whose row marks an automatic fix: only these make a page say 可自动修复."""
    return tuple(message for message in rule.messages.values() if message.fixable)


def suppression(code: str, lang: str) -> list[str]:
    """How to silence the rule where a finding is right to be ignored: inline, per file, per path, everywhere."""
    if lang == "en":
        return [
            f"On the line (or alone on the line before it): `# catalogc: ignore[{code}] reason`",
            f"For a whole file: `# catalogc: ignore-file[{code}] reason`",
            f'For a folder, in catalogc.toml: `[check.per-path-ignores]` `"catalogs/乡镇/**" = ["{code}"]`',
            f'Everywhere, in catalogc.toml: `[check]` `ignore = ["{code}"]`, or `catalogc check --ignore {code}`',
        ]
    return [
        f"在该行末尾（或单独写在上一行）：`# catalogc: ignore[{code}] 理由`",
        f"整个文件：`# catalogc: ignore-file[{code}] 理由`",
        f'某个文件夹，在 catalogc.toml 中：`[check.per-path-ignores]` `"catalogs/乡镇/**" = ["{code}"]`',
        f'全部文件，在 catalogc.toml 中：`[check]` `ignore = ["{code}"]`，或 `catalogc check --ignore {code}`',
    ]


# The headings of a rule's page, the same in the terminal (catalogc rules CODE) and on the site.
LABELS = {
    "zh": {"why": "为什么", "failing": "不通过的例子", "passing": "通过的例子", "messages": "消息和修改建议",
           "fix": "可自动修复", "fix_how": "catalogc check --fix 会按建议修改：",
           "suppress": "忽略", "page": "说明页", "scope": "范围", "severity": "默认级别", "default": "一般情形",
           "variant": "情形", "message": "消息 → 修改建议"},
    "en": {"why": "Why", "failing": "Failing", "passing": "Passing", "messages": "Messages and hints",
           "fix": "Fixable", "fix_how": "catalogc check --fix applies the hint of:",
           "suppress": "Suppressing it", "page": "Page", "scope": "Scope", "severity": "Default severity",
           "default": "in general", "variant": "case", "message": "message → hint"},
}
SCOPES = {
    "zh": {"loader": "读取文件时", "file": "单个文件", "workspace": "整个工作区（跨文件）"},
    "en": {"loader": "while reading a file", "file": "one file", "workspace": "the whole workspace (across files)"},
}
_FIELD = re.compile(r"\{\w+\}")


def messages(rule: Rule, lang: str) -> list[tuple[str, str, str]]:
    """(variant, message, hint) for each of the rule's messages, with "…" where a finding fills in its values."""
    rows = []
    for variant, message in rule.messages.items():
        text, hint = (message.en, message.hint_en) if lang == "en" else (message.zh, message.hint_zh)
        rows.append((LABELS[lang]["default"] if variant == "default" else variant,
                     _FIELD.sub("…", text), _FIELD.sub("…", hint)))
    return rows
