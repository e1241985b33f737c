"""Every rule is documented with examples, and every example does what it says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from catalogc.rules import RULES
from catalogc.rules.examples import examples, materialize, workspace_files
from tests.conftest import run_check, write_workspace
from tests.paths import FORMAT_DOC

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
        code: (slug, severity, scope, summary, summary_en)
        for code, slug, severity, scope, summary, summary_en in re.findall(
            r"^\| (C\d{3}) \| (\S+) \| (\w+) \| (\w+) \| (.+?) \| (.+?) \|$", reference, re.MULTILINE)
    }
    registered = {r.code: (r.slug, r.severity.value, r.scope, r.summary, r.summary_en) for r in RULES}
    assert sorted(set(documented) - set(registered)) == [], "documented codes without a rule"
    assert sorted(set(registered) - set(documented)) == [], "rules missing from docs/format.md"
    assert documented == registered, "docs/format.md is out of date: run python scripts/docs.py"


def test_rule_codes_and_slugs_are_unique() -> None:
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.slug for r in RULES}) == len(RULES)
