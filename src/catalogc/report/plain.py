"""The text report's console: rich where it can matter, plain writes where it cannot.

Importing rich's console costs a check answered from the cache a tenth of its start-up, and
rendering markup costs a report of many findings most of its time. Writing to a file or pipe,
rich prints no colour: what it writes is the markup's text with the tags taken out — unless the
text holds something rich itself changes (an escape it does not simply undo,
a tab, a control character it strips). ``PlainConsole`` writes that text itself
and hands anything else to a real rich console, so the output is the same byte for byte
(tests/test_startup.py compares the two on generated text).
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, TextIO

# The tags the text report writes; markup with any other tag goes to rich.
TAGS = frozenset({"/", "bold", "dim", "green", "bold red", "yellow", "cyan", "bold underline", "bold reverse"})
_TAG = re.compile(r"\[([a-z#/@][^[]*?)]")  # rich's tag syntax: other brackets ([县级], [1]) are text to it
_MARKUP = re.compile(r"(\\*)\[([a-z#/@][^[]*?)]")  # a tag with the backslashes before it, as rich reads markup
_ESCAPED = re.compile(r"\\(\[[a-z#/@][^[]*?])")  # a tag escaped with one backslash, its text as group 1
# What rich would change in the text between the tags: tabs (expanded) and the control codes it
# strips (emoji codes are off: catalog text is printed as written).
_RICH_CHANGES = re.compile(r"[\t\x07\x08\x0b\x0c\x0d]")


# Control characters a terminal would act on (ESC starts colour, title, clipboard and link sequences),
# which catalog text must never send to a reader's terminal or a CI log: shown as their pictures.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """Untrusted text made safe to print: each control character but tab and newline as its
    picture (ESC → ␛); one character for one, so columns stay where they were."""
    return _CONTROL.sub(_picture, text) if _CONTROL.search(text) else text


def escape(text: str) -> str:
    """Untrusted text for markup: control characters shown (``visible``), then ``rich.markup.escape``,
    which leaves text without tags and backslashes as it is: then rich is not imported."""
    text = visible(text)
    if "\\" not in text and not _TAG.search(text):
        return text
    from rich.markup import escape as rich_escape

    return rich_escape(text)


def plain_text(markup: str) -> str | None:
    """The text rich prints for ``markup`` where it prints no colour, or None where rich must say.
    A tag is taken out, a tag escaped with one backslash (``escape`` of ``[[laws]]``) is its text;
    any other backslash goes to rich."""
    if "\\" not in markup:  # the common case, without a Python call per tag
        if not TAGS.issuperset(_TAG.findall(markup)):
            return None
        text = _TAG.sub("", markup)
        return None if _RICH_CHANGES.search(text) else text
    # where every backslash escapes a tag (``escape`` puts one before each [[laws]] of a hint, and a
    # file may print thousands): the escaped tags split the text, the tags between them are taken out
    parts = _ESCAPED.split(markup)
    if markup.count("\\") != len(parts) // 2:
        return _untagged(markup)
    texts = parts[::2]
    if not all(TAGS.issuperset(_TAG.findall(text)) for text in texts):
        return None
    parts[::2] = [_TAG.sub("", text) for text in texts]
    text = "".join(parts)
    return None if _RICH_CHANGES.search(text) else text


def _untagged(markup: str) -> str | None:
    """``plain_text`` of markup with backslashes that do not each escape a tag."""
    unknown = False

    def untag(match: re.Match[str]) -> str:
        nonlocal unknown
        escapes, tag = match.groups()
        if escapes == "\\":
            return f"[{tag}]"
        unknown |= bool(escapes) or tag not in TAGS
        return ""

    text = _MARKUP.sub(untag, markup)
    return None if unknown or "\\" in text or _RICH_CHANGES.search(text) else text


def _colour(out: TextIO) -> bool:
    """Whether rich may write colour to ``out``: a terminal, or the environment forces it (rich's own
    rules: TTY_COMPATIBLE, FORCE_COLOR), or a notebook is in the process."""
    if "TTY_COMPATIBLE" in os.environ or "FORCE_COLOR" in os.environ or "IPython" in sys.modules:
        return True
    try:
        return bool(out.isatty())
    except (AttributeError, ValueError):
        return True


class PlainConsole:
    """``print`` as the text report uses rich's ``Console.print`` (highlighting off, lines never wrapped)."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._rich: Any = None

    def print(self, markup: str = "") -> None:
        text = plain_text(markup)
        if text is None:
            if self._rich is None:
                self._rich = rich_console(self.out)
            self._rich.print(markup)
            return
        self.out.write(text + "\n")
        self.out.flush()


def rich_console(out: TextIO) -> Any:
    from rich.console import Console

    return Console(file=out, highlight=False, soft_wrap=True, emoji=False)  # :fire: in a catalog stays :fire:


def console(out: TextIO) -> Any:
    """The console the text report prints through: rich's where colour may be written, else plain."""
    return rich_console(out) if _colour(out) else PlainConsole(out)
