"""What a rule is, what it yields, and what it sees.

Rules yield ``Finding``s that point into the document by path; the engine turns the
path into line and column, renders the message and attaches code and severity from
the rule table, so a rule cannot report a wrong location format or level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from catalogc.diagnostics import Severity
from catalogc.findings import Finding, Located, Path

if TYPE_CHECKING:
    from catalogc.model.catalog import Catalog, Item

# What a rule author needs, from one module: the findings a check yields and the rows it is registered by.
__all__ = ["CatalogFact", "FileContext", "Finding", "ItemFact", "Located", "Message", "Rule", "Scope",
           "WorkspaceContext"]


@dataclass(frozen=True, slots=True)
class Message:
    """Message and hint templates (str.format fields) in Chinese and English."""

    zh: str
    en: str
    hint_zh: str = ""
    hint_en: str = ""
    severity: Severity | None = None  # a variant may default to another level (C105 alias → warning)
    fixable: bool = False  # `check --fix` can apply the hint mechanically; the rule's page says 可自动修复

    def render(self, lang: str, args: Mapping[str, Any]) -> tuple[str, str]:
        text, hint = (self.en, self.hint_en) if lang == "en" else (self.zh, self.hint_zh)
        return text.format_map(args), hint.format_map(args)


@dataclass(slots=True)
class FileContext:
    """What a per-file rule sees: the validated catalog head and its valid items."""

    rel: str
    data: dict[str, Any]
    head: Catalog | None
    items: list[tuple[int, Item]]
    settings: Any  # catalogc.load.config.Settings (kept loose to avoid an import cycle)
    dropped: dict[int, frozenset[str]] = field(default_factory=dict)  # malformed keys, already C004

    def item_path(self, index: int, *rest: str | int) -> Path:
        return ("items", index, *rest)


Scope = Literal["loader", "file", "workspace"]


@dataclass(frozen=True, slots=True)
class Rule:
    """One row of the rule table."""

    code: str
    slug: str
    severity: Severity
    summary: str
    summary_en: str
    messages: Mapping[str, Message]
    scope: Scope
    check: Callable[..., Iterator[Any]] | None = None
    doc_text: str = ""  # for rules without a check function (found by the loader)

    @property
    def doc(self) -> str:
        """The rule's user documentation: its check's docstring, with PASS/FAIL examples (see rules/docs.py)."""
        return self.doc_text or (self.check.__doc__ if self.check else "") or ""

    def severity_of(self, variant: str) -> Severity:
        message = self.messages.get(variant) or self.messages["default"]
        return message.severity or self.severity


class ItemFact(NamedTuple):
    """The little a cross-file rule needs of an item: a tuple, cheap to send between processes."""

    region: str
    domain: str  # canonical domain name where the registry knows it
    id: str
    key: str  # folded name + sub, for duplicate detection
    label: str  # name / sub as written
    file: str
    line: int  # of the id value
    column: int
    name_line: int
    name_column: int
    department: str
    subjects: tuple[str, ...]  # folded
    powers: tuple[tuple[str, int, int], ...] = ()  # (code, line, column)
    services: tuple[tuple[str, int, int], ...] = ()
    permit_days: float | None = None  # time-limit bound for permit/penalty information (C108)
    limit_line: int = 0
    limit_column: int = 0
    decision: str = ""  # 行政许可 / 行政处罚 when the item itself publishes such decisions (C108 without powers:)


class CatalogFact(NamedTuple):
    """One catalog file's header, for rules over a region and domain (C205)."""

    file: str
    region: str
    domain: str  # canonical where known
    department: str
    line: int  # of the domain value
    column: int
    exceptions: tuple[str, ...]  # folded guideline_exceptions keys
    not_applicable: bool
    department_at: tuple[int, int] = (1, 1)  # line and column of the department value
    region_at: tuple[int, int] = (1, 1)  # of the region value


@dataclass(slots=True)
class WorkspaceContext:
    """What a workspace rule sees: facts gathered from every file."""

    items: list[ItemFact]
    settings: Any
    lists: list[Any] = field(default_factory=list)  # catalogc.load.lists.ListEntry
    graph: Any = None  # catalogc.check.graph.DisclosureGraph, built once for all list rules
    catalogs: list[CatalogFact] = field(default_factory=list)
    sources: Any = None  # catalogc.load.sources.Office when an office assembles sources (C4xx); None otherwise
