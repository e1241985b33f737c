"""`catalogc rules`: the whole table, one family by prefix, one rule explained, or exit 2 with a guess."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from catalogc.cli import main
from catalogc.model.settings import code_problem
from catalogc.rules import BY_CODE, RULES, matching


def codes_in(output: str) -> list[str]:
    return re.findall(r"^(C\d{3}) ", output, re.MULTILINE)


def test_a_prefix_lists_its_family() -> None:
    result = CliRunner().invoke(main, ["rules", "c1"])
    assert result.exit_code == 0
    assert codes_in(result.output) == [r.code for r in RULES if r.code.startswith("C1")]
    assert "通过的例子" not in result.output


def test_no_query_lists_every_rule() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0 and codes_in(result.output) == [r.code for r in RULES]


def test_a_whole_code_explains_the_rule() -> None:
    result = CliRunner().invoke(main, ["rules", " c105 ", "--lang", "en"])
    assert result.exit_code == 0 and result.output.startswith("C105 channel-value  (warning)")
    assert "Passing" in result.output and "Failing" in result.output


@pytest.mark.parametrize(("query", "lang", "expected"), [
    ("105", "zh", "catalogc: 没有规则代码或前缀“105”；是不是 C105、C10？\n"),
    ("105", "en", "catalogc: no rule code or prefix '105'; did you mean C105, C10?\n"),
    ("C999", "zh", "catalogc: 没有规则代码或前缀“C999”；catalogc rules 列出全部规则\n"),
    ("C999", "en", "catalogc: no rule code or prefix 'C999'; catalogc rules lists them all\n"),
])
def test_an_unknown_code_is_exit_2_with_a_guess(query: str, lang: str, expected: str) -> None:
    result = CliRunner().invoke(main, ["rules", query, "--lang", lang])
    assert result.exit_code == 2 and result.output == expected


def test_matching_and_the_one_did_you_mean() -> None:
    assert [r.code for r in matching("C30")] == ["C301", "C302", "C303", "C304", "C305", "C306"]
    assert matching("") == () and matching("X") == ()
    assert "是不是 C105" in (code_problem("C1O5", BY_CODE) or "")
    assert "did you mean" not in (code_problem("ZZZZZZ", BY_CODE, "en") or "")
    assert code_problem("C1", BY_CODE) is None and code_problem("C105", BY_CODE, "en") is None
