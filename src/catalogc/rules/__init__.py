"""The rule table: every family's ``RULES`` rows, concatenated in code order.

Adding a rule: write its check (docstring with Passing/Failing examples) in the family
module and its ``Rule`` row with the messages in that module's ``RULES``; add its code to
``FAMILIES`` below, fixtures under tests/rules and a CHANGELOG line. The engine attaches code
and severity from this table, so a code must name exactly one row.

``FAMILIES`` says which family holds which codes, so what needs only the codes (settings,
``--select``, the cache's keys, a run answered from the cache) imports no rule's implementation;
``BY_CODE[code]`` imports the one family that holds it, and ``RULES`` every family, when first
used. tests/test_rules_table.py holds ``FAMILIES`` equal to the families' rows.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from catalogc.rules.base import Rule, Scope

# family module → (the scope of its rules, their codes)
FAMILIES: dict[str, tuple[Scope, tuple[str, ...]]] = {
    "loading": ("loader", ("C001", "C002", "C003", "C004", "C005", "C006", "C007", "C306")),
    "elements": ("file", ("C101", "C102", "C103", "C104", "C105", "C113")),
    "timing": ("file", ("C106", "C107")),
    "basis": ("file", ("C109", "C110", "C111")),
    "subjects": ("file", ("C112",)),
    "catalog": ("file", ("C203", "C204", "C206", "C207")),
    "identity": ("workspace", ("C201", "C202")),
    "guidelines": ("workspace", ("C205",)),
    "lists": ("workspace", ("C108", "C301", "C302", "C303", "C304", "C305")),
    "sources": ("workspace", ("C401", "C402", "C403", "C404", "C405", "C406")),
}

FAMILY_OF: dict[str, str] = {code: family for family, (_, codes) in FAMILIES.items() for code in codes}
CODES: frozenset[str] = frozenset(FAMILY_OF)
SCOPES: dict[str, Scope] = {code: FAMILIES[family][0] for code, family in sorted(FAMILY_OF.items())}


def index(rules: Iterable[Rule]) -> dict[str, Rule]:
    """Rows by code; two rows with one code are a defect caught at import, not a silent overwrite."""
    by_code: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in by_code:
            raise ValueError(f"rule code {rule.code} is registered twice ({by_code[rule.code].slug}, {rule.slug})")
        by_code[rule.code] = rule
    return by_code


@cache
def family_rows(family: str) -> dict[str, Rule]:
    """One family's rows by code, imported on first use; rows ``FAMILIES`` does not list are refused."""
    rows = index(importlib.import_module(f"catalogc.rules.{family}").RULES)
    if set(rows) != set(FAMILIES[family][1]):
        raise ValueError(f"catalogc.rules.FAMILIES is out of date for {family}: its rows are {sorted(rows)}")
    return rows


class _ByCode(Mapping[str, "Rule"]):
    """Code → row, in code order; knowing a code imports nothing, reading its row imports its family."""

    def __getitem__(self, code: str) -> Rule:
        return family_rows(FAMILY_OF[code])[code]

    def __contains__(self, code: object) -> bool:
        return code in FAMILY_OF

    def __iter__(self) -> Iterator[str]:
        return iter(SCOPES)

    def __len__(self) -> int:
        return len(SCOPES)


BY_CODE: Mapping[str, Rule] = _ByCode()


@cache
def _tables() -> dict[str, tuple[Rule, ...]]:
    rules = tuple(sorted((rule for family in FAMILIES for rule in family_rows(family).values()), key=lambda r: r.code))
    return {"RULES": rules, "FILE_RULES": tuple(r for r in rules if r.scope == "file"),
            "WORKSPACE_RULES": tuple(r for r in rules if r.scope == "workspace")}


def __getattr__(name: str) -> Any:
    """``RULES``, ``FILE_RULES`` and ``WORKSPACE_RULES``: every family's rows, imported when first asked for."""
    if name in ("RULES", "FILE_RULES", "WORKSPACE_RULES"):
        return _tables()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def matching(prefix: str) -> tuple[Rule, ...]:
    """The rows a code or family prefix names (``C105``; ``C1`` for every C1xx rule), in code order."""
    prefix = prefix.strip().upper()
    return tuple(BY_CODE[code] for code in SCOPES if code.startswith(prefix)) if prefix else ()
