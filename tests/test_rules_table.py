"""``catalogc.rules.FAMILIES`` (which family holds which codes, read without importing any rule)
is the registry's own rows, family by family: a rule added to a family without its code in the
table, or a family left out, fails here and at its first use."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import catalogc.rules
from catalogc import rules
from catalogc.rules import BY_CODE, CODES, FAMILIES, FAMILY_OF, RULES, SCOPES, family_rows


def _expected() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The table as the family modules define it (every module of the package with ``RULES`` rows)."""
    out = {}
    for info in pkgutil.iter_modules(catalogc.rules.__path__):
        module = importlib.import_module(f"catalogc.rules.{info.name}")
        rows = getattr(module, "RULES", None)
        if rows:
            scopes = {rule.scope for rule in rows}
            assert len(scopes) == 1, f"{info.name}: one scope per family ({sorted(scopes)})"
            out[info.name] = (scopes.pop(), tuple(sorted(rule.code for rule in rows)))
    return out


def test_the_families_table_is_the_registry() -> None:
    expected = _expected()
    assert {name: (scope, tuple(sorted(codes))) for name, (scope, codes) in FAMILIES.items()} == expected, (
        "update FAMILIES in catalogc/rules/__init__.py to:\n"
        + "\n".join(f"    {name!r}: ({scope!r}, {codes!r})," for name, (scope, codes) in expected.items()))


def test_what_the_table_gives_without_the_rules_matches_the_rows() -> None:
    assert CODES == {rule.code for rule in RULES} == set(FAMILY_OF)
    assert list(SCOPES.items()) == [(rule.code, rule.scope) for rule in RULES]  # code order, as the cache keys them
    assert list(BY_CODE) == [rule.code for rule in RULES] and len(BY_CODE) == len(RULES)
    assert all(BY_CODE[rule.code] is rule for rule in RULES)
    assert "C999" not in BY_CODE and BY_CODE.get("C999") is None
    assert rules.FILE_RULES == tuple(r for r in RULES if r.scope == "file")
    assert rules.WORKSPACE_RULES == tuple(r for r in RULES if r.scope == "workspace")


def test_a_family_with_a_row_the_table_lacks_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    family_rows.cache_clear()
    monkeypatch.setitem(FAMILIES, "timing", ("file", ("C106",)))
    try:
        with pytest.raises(ValueError, match=r"FAMILIES is out of date for timing: its rows are \['C106', 'C107'\]"):
            family_rows("timing")
    finally:
        family_rows.cache_clear()


def test_an_unknown_attribute_is_still_an_error() -> None:
    with pytest.raises(AttributeError):
        _ = rules.NO_SUCH_TABLE  # type: ignore[attr-defined]
