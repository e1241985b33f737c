"""Every rule is documented with examples, and every example does what it says."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import catalogc.rules
from catalogc.fix.compute import AVAILABLE
from catalogc.rules import BY_CODE, RULES, index
from catalogc.rules.examples import examples, materialize, workspace_files
from tests.conftest import run_check, write_workspace
from tests.paths import FORMAT_DOC, ROOT

REL = "catalogs/民政局/社会救助.yaml"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_passing_and_failing_examples(rule) -> None:
    found = examples(rule.doc)
    assert found["Passing"] and found["Failing"], f"{rule.code} needs Passing:: and Failing:: examples"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_failing_example_fires_and_passing_example_does_not(rule, tmp_path: Path) -> None:
    found = examples(rule.doc)
    for kind, fires in (("Failing", True), ("Passing", False)):
        for number, fragment in enumerate(found[kind]):
            root = write_workspace(tmp_path / f"{kind}{number}", workspace_files(fragment, REL))
            codes = {d.code for d in run_check(root).diagnostics}
            assert (rule.code in codes) is fires, f"{rule.code} {kind} example: got {sorted(codes)}"


def test_base_example_is_clean(tmp_path: Path) -> None:
    root = write_workspace(tmp_path, {REL: materialize("{}")})
    assert run_check(root).diagnostics == []


def test_format_reference_lists_exactly_the_registered_rules() -> None:
    """docs/format.md is the published list of codes: every rule is in it as the code runs it, and it
    names no code the checker lacks (regenerate it with ``python scripts/docs.py``)."""
    reference = FORMAT_DOC.read_text(encoding="utf-8")
    documented = {
        code: (slug, severity, scope, fix, summary, summary_en)
        for code, slug, severity, scope, fix, summary, summary_en in re.findall(
            r"^\| (C\d{3}) \| (\S+) \| (\w+) \| (\w+) \| ((?:safe|unsafe|safe \+ unsafe)?) \| (.+?) \| (.+?) \|$",
            reference, re.MULTILINE)
    }

    def fixes(code: str) -> str:
        safe, unsafe = AVAILABLE.get(code, (("", ""), ("", "")))
        return " + ".join(kind for kind, what in (("safe", safe[0]), ("unsafe", unsafe[0])) if what)

    registered = {r.code: (r.slug, r.severity.value, r.scope, fixes(r.code), r.summary, r.summary_en) for r in RULES}
    assert sorted(set(documented) - set(registered)) == [], "documented codes without a rule"
    assert sorted(set(registered) - set(documented)) == [], "rules missing from docs/format.md"
    assert documented == registered, "docs/format.md is out of date: run python scripts/docs.py"


def test_rule_codes_and_slugs_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.slug for r in RULES}) == len(RULES)


def _family_modules():
    modules = [importlib.import_module(f"catalogc.rules.{m.name}") for m in pkgutil.iter_modules(catalogc.rules.__path__)]
    return [module for module in modules if hasattr(module, "RULES")]


def test_every_row_sits_beside_its_check() -> None:
    families = _family_modules()
    assert {m.__name__.rsplit(".", 1)[1] for m in families} >= {"loading", "elements", "lists"}
    for module in families:
        for rule in module.RULES:
            if rule.scope == "loader":
                assert module.__name__ == "catalogc.rules.loading", f"{rule.code}: loader rows live in rules/loading.py"
                assert rule.check is None and rule.doc_text, f"{rule.code}: a loader row documents itself"
            else:
                assert rule.check.__module__ == module.__name__, f"{rule.code}'s row is not beside its check"


def test_the_table_is_every_family_row_in_code_order() -> None:
    rows = [rule for module in _family_modules() for rule in module.RULES]
    assert sorted(rows, key=lambda r: r.code) == list(RULES)


def test_a_code_registered_twice_is_refused() -> None:
    twin = dataclasses.replace(RULES[0], slug="twin")
    with pytest.raises(ValueError, match=RULES[0].code):
        index((*RULES, twin))


_VARIANT_AT = {"Finding": 1, "Located": 3}  # positional index of ``variant``


def _literal_findings():
    """(where, module, code or None, variant) for every Finding/Located built with a literal variant.

    Rules name no code (the engine stamps the code of the row whose check yielded the finding);
    the loading path names its own with ``code=``.
    """
    for path in sorted((ROOT / "src" / "catalogc").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT / "src").with_suffix("").parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _VARIANT_AT):
                continue
            at = _VARIANT_AT[node.func.id]
            variant = node.args[at] if len(node.args) > at else next(
                (k.value for k in node.keywords if k.arg == "variant"), ast.Constant("default"))
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            if isinstance(variant, ast.Constant) and (code is None or isinstance(code, ast.Constant)):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", module, code and code.value, variant.value


def test_every_literal_finding_names_a_row_and_one_of_its_messages() -> None:
    found = list(_literal_findings())
    assert len(found) > 20
    for where, module, code, variant in found:
        if code is not None:
            assert code in BY_CODE, f"{where}: no rule {code}"
            assert variant in BY_CODE[code].messages, f"{where}: {code} has no message {variant!r}"
        elif module.startswith("catalogc.rules."):
            rows = getattr(importlib.import_module(module), "RULES", ())
            assert any(variant in row.messages for row in rows), f"{where}: no row of {module} has {variant!r}"
        else:
            raise AssertionError(f"{where}: a finding outside the rules must name its code")
