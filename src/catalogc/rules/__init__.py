"""The rule table: every family's ``RULES`` rows, concatenated in code order.

Adding a rule: write its check (docstring with Passing/Failing examples) in the family
module and its ``Rule`` row with the messages in that module's ``RULES``; add fixtures
under tests/rules and a CHANGELOG line. The engine attaches code and severity from
this table, so a code must name exactly one row.
"""

from __future__ import annotations

from collections.abc import Iterable

from catalogc.rules import (
    basis,
    catalog,
    elements,
    guidelines,
    identity,
    lists,
    loading,
    sources,
    subjects,
    timing,
)
from catalogc.rules.base import Rule


def index(rules: Iterable[Rule]) -> dict[str, Rule]:
    """Rows by code; two rows with one code are a defect caught at import, not a silent overwrite."""
    by_code: dict[str, Rule] = {}
    for rule in rules:
        if rule.code in by_code:
            raise ValueError(f"rule code {rule.code} is registered twice ({by_code[rule.code].slug}, {rule.slug})")
        by_code[rule.code] = rule
    return by_code


_FAMILIES = (loading, elements, timing, basis, subjects, catalog, identity, guidelines, lists, sources)

RULES: tuple[Rule, ...] = tuple(sorted((rule for family in _FAMILIES for rule in family.RULES), key=lambda r: r.code))
BY_CODE: dict[str, Rule] = index(RULES)
FILE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.scope == "file")
WORKSPACE_RULES: tuple[Rule, ...] = tuple(r for r in RULES if r.scope == "workspace")


def matching(prefix: str) -> tuple[Rule, ...]:
    """The rows a code or family prefix names (``C105``; ``C1`` for every C1xx rule), in code order."""
    prefix = prefix.strip().upper()
    return tuple(rule for rule in RULES if rule.code.startswith(prefix)) if prefix else ()
