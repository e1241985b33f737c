"""The workspace policy: which findings are reported, at what level, in which words.

Rules and loaders produce located findings (code, place, message variant, arguments);
only here do they become diagnostics. The order matters and is fixed:

1. inline suppressions are matched first, so a suppression is "used" even when the
   finding it silences is also switched off by the selection;
2. then select / ignore / per-path ignores drop findings, and the severity table and
   the message are stamped on the rest (each message rendered once, for what is kept);
3. last, C007 judges the suppressions themselves, and calls one unused only when all of
   its codes were active for that file: under ``--select C2`` a suppression of C105 may
   be doing its job in a full run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from catalogc.diagnostics import Diagnostic, Severity
from catalogc.findings import Located
from catalogc.load.config import Settings
from catalogc.load.suppress import Suppression
from catalogc.rules import BY_CODE


@lru_cache(maxsize=256)
def glob_regex(pattern: str) -> re.Pattern[str]:
    """A git-style glob (gitignore semantics) as a regex over workspace-relative paths.

    ``*`` and ``?`` stay within one folder, ``**`` crosses folders, a pattern without a
    ``/`` matches at any depth, and a pattern that names a folder (``catalogs/乡镇`` or
    ``catalogs/乡镇/``) matches everything in it; ``catalogs/*`` matches only what lies
    directly in ``catalogs/``.
    """
    text = pattern.strip()
    dir_only = text.endswith("/")
    text = text.strip("/") if dir_only else text
    anchored = "/" in text
    text = text.lstrip("/")
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if text.startswith("**", i):
            at_start = i == 0 or text[i - 1] == "/"
            if at_start and text.startswith("**/", i):
                out.append("(?:.*/)?")
                i += 3
                continue
            out.append(".*")
            i += 2
        elif ch == "*":
            out.append("[^/]*")
            i += 1
        elif ch == "?":
            out.append("[^/]")
            i += 1
        elif ch == "[" and text.find("]", i + 2) != -1:  # a class; ] right after [ is a member
            end = text.index("]", i + 2)
            body = text[i + 1:end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("(?!/)[" + body.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            out.append(re.escape(ch))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    literal_end = not any(ch in text.rsplit("/", 1)[-1] for ch in "*?[")
    suffix = "/.*" if dir_only else "(?:/.*)?" if literal_end else ""
    return re.compile(prefix + "".join(out) + suffix, re.S)


class Policy:
    """Settings turned into decisions about findings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lang = settings.lang
        self._select = tuple(settings.select)
        self._ignore = tuple(settings.ignore)
        self._per_path = [(glob_regex(p), tuple(codes)) for p, codes in settings.per_path_ignores.items()]
        self._enabled: dict[tuple[str, str], bool] = {}
        # (code, variant, args) → (slug, severity, message, hint): a workspace's findings repeat a few
        # thousand messages (the same unknown document, item after item), each rendered once
        self._stamps: dict[tuple[Any, ...], tuple[str, Severity, str, str]] = {}

    def selected(self, code: str) -> bool:
        """Whether a rule runs at all (select and ignore; per-path ignores are decided per file)."""
        if self._select and not code.startswith(self._select):
            return False
        return not (self._ignore and code.startswith(self._ignore))

    def enabled(self, code: str, file: str) -> bool:
        known = self._enabled.get((code, file))
        if known is None:
            known = self._enabled[code, file] = self.selected(code) and not any(
                code.startswith(codes) and regex.fullmatch(file) for regex, codes in self._per_path)
        return known

    def diagnostic(self, f: Located) -> Diagnostic:
        """The one place a finding gets its rule's slug, severity and rendered message."""
        key = (f.code, f.variant, *f.args.items())
        try:
            stamp = self._stamps.get(key)
            kept = True
        except TypeError:  # an unhashable argument: rendered each time, never kept
            stamp, kept = None, False
        if stamp is None:
            stamp = self._stamp(f, key if kept else None)
        slug, severity, text, hint = stamp
        return Diagnostic(f.code, slug, severity, f.file, f.line, f.column, f.item, text, hint, f.field)

    def _stamp(self, f: Located, key: tuple[Any, ...] | None) -> tuple[str, Severity, str, str]:
        """Slug, severity, message and hint of a finding, kept under ``key`` when its arguments are all strings."""
        rule = BY_CODE[f.code]
        message = rule.messages.get(f.variant) or rule.messages["default"]
        text, hint = message.render(self.lang, dict(f.args))
        stamp = (rule.slug, self.settings.severity.get(f.code) or message.severity or rule.severity, text, hint)
        if key is not None and all(value.__class__ is str for value in f.args.values()):  # 1, 1.0 and True are equal keys
            self._stamps[key] = stamp
        return stamp

    def apply(self, findings: Iterable[Located],
              suppressions: Mapping[str, Sequence[Suppression]]) -> list[Diagnostic]:
        """Suppressions, then selection and levels, then C007; sorted for output."""
        kept: list[Diagnostic] = []
        for f in findings:  # tens of thousands: the common path is a few dictionary look-ups
            found = suppressions.get(f.file)
            if found:
                hit = next((s for s in found if s.reason and s.covers(f.code, f.line)), None)
                if hit is not None:
                    hit.used.add(f.code)
                    continue
            if self.enabled(f.code, f.file):
                kept.append(self.diagnostic(f))
        for rel, found in suppressions.items():
            for s in found:
                judged = self._judge(s, rel)
                if judged is not None and self.enabled("C007", rel):
                    kept.append(self.diagnostic(judged))
        kept.sort(key=Diagnostic.sort_key)
        return kept

    def _judge(self, s: Suppression, rel: str) -> Located | None:
        unknown = [c for c in s.codes if c not in BY_CODE]
        if unknown:
            variant, codes = "unknown", unknown
        elif not s.reason:
            variant, codes = "default", list(s.codes)
        elif not s.used and all(self.enabled(c, rel) for c in s.codes):
            variant, codes = "unused", list(s.codes)
        else:
            return None
        return Located(rel, s.line, s.column, variant, {"codes": ",".join(codes)}, code="C007")
