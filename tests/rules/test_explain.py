"""`catalogc rules`: the whole table, one family by prefix, one rule explained, or exit 2 with a guess."""

from __future__ import annotations

import dataclasses
import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from rich.markup import escape

from catalogc.cli import main
from catalogc.commands.explain import explain
from catalogc.model.settings import code_problem
from catalogc.rules import BY_CODE, RULES, matching
from catalogc.rules.docs import RuleDoc, fixable, rule_doc
from catalogc.rules.page import rule_page


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


CASES = Path(__file__).resolve().parent.parent / "cases" / "rules"


@pytest.mark.parametrize(("args", "name"), [
    (["rules", "C1"], "C1.txt"),
    (["rules", "C105", "--lang", "en"], "C105.en.txt"),
    (["rules", "C107"], "C107.txt"),
])
def test_golden_pages(args: list[str], name: str, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The family table and whole rule pages, as a user sees them (the site's address by default)."""
    monkeypatch.delenv("CATALOGC_RULES_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    golden = CASES / name
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.output, encoding="utf-8")
    assert result.output == golden.read_text(encoding="utf-8")


def _cjk_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum("\u4e00" <= ch <= "\u9fff" for ch in letters) / max(len(letters), 1)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_every_rule_says_what_and_why_in_both_languages(rule) -> None:
    doc = rule_doc(rule)
    assert doc.what and doc.why, f"{rule.code}: the docstring needs its Chinese description and a 为什么:: block"
    assert doc.what_en and doc.why_en, f"{rule.code}: the docstring needs English:: and Why:: blocks"
    assert _cjk_share(doc.what) > 0.5 and _cjk_share(doc.why) > 0.5
    assert _cjk_share(doc.what_en) < 0.35 and _cjk_share(doc.why_en) < 0.35, "English blocks quote Chinese terms only"


def test_the_english_page_is_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside the examples (catalog text) and quoted terms, --lang en prints no Chinese prose."""
    monkeypatch.delenv("CATALOGC_RULES_URL", raising=False)
    for rule in RULES:
        page = explain(rule, "en")
        doc = rule_doc(rule)
        assert escape(doc.what_en) in page and escape(doc.why_en) in page and escape(doc.what) not in page
        assert "Suppressing it" in page and f"ignore[{rule.code}]" in page
        assert page.rstrip().endswith(f"https://catalogc.readthedocs.io/rules/{rule.code}/")


def test_the_page_names_a_configured_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CATALOGC_RULES_URL", "https://intranet.example.org/catalogc/rules/")
    assert explain(BY_CODE["C105"], "zh").endswith("说明页：https://intranet.example.org/catalogc/rules/C105/")


def test_fixable_variants_are_announced_only_where_marked() -> None:
    rule = BY_CODE["C105"]
    assert "可自动修复" not in explain(rule, "zh")
    marked = dataclasses.replace(rule, messages={**rule.messages,
                                                 "alias": dataclasses.replace(rule.messages["alias"], fixable=True)})
    assert fixable(marked) == (marked.messages["alias"],)
    assert "可自动修复" in explain(marked, "zh") and "Fixable" in explain(marked, "en")


def test_the_markdown_page_escapes_every_text() -> None:
    """Messages and docstrings are shown as written on the site: nothing in them becomes markup or HTML."""
    rule = dataclasses.replace(BY_CODE["C105"], summary="<script>x</script> *粗* [链接](https://example.org) `码`")
    page = rule_page(rule)
    assert "<script>" not in page and "&lt;script&gt;x&lt;/script&gt; \\*粗\\* \\[链接\\](https://example.org) \\`码\\`" in page
    assert page.startswith("# C105 channel-value\n") and "\n## English {#english}\n" in page
    assert '```yaml title="catalog.yaml"\nitems:\n  - channels: [官方网站]\n```' in page


_WORDS = st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9), min_size=1, max_size=40).map(" ".join)
_CHINESE = st.text("公开时限须是规范表述主体层级渠道，。、（）", min_size=1, max_size=120).filter(lambda t: t.strip())


@given(what=_CHINESE, what_en=_WORDS, why=_CHINESE, why_en=_WORDS)
def test_a_docstring_reads_back_its_blocks(what: str, what_en: str, why: str, why_en: str) -> None:
    """Whatever the texts, each block comes back whole, wrapped lines joined the way each language joins them."""
    def wrapped(text: str, indent: str) -> str:
        if text.isascii():
            return textwrap.fill(text, 30, initial_indent=indent, subsequent_indent=indent)
        return "\n".join(indent + text[i:i + 20] for i in range(0, len(text), 20))

    doc = "\n\n".join([
        what, "    English::", wrapped(what_en, "        "), "    为什么::", wrapped(why, "        "),
        "    Why::", wrapped(why_en, "        "), "    Passing::", "        item: {level: [县级]}",
        "    Failing::", "        item: {level: [省级]}",
    ]) + "\n    "
    rule = dataclasses.replace(BY_CODE["C001"], doc_text=doc)
    assert rule_doc(rule) == RuleDoc(what.strip(), what_en, why.strip(), why_en,
                                     ("item: {level: [县级]}\n",), ("item: {level: [省级]}\n",))
