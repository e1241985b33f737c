"""catalogc.fix.apply on texts: positions in characters, overlaps, stale fixes, line endings and BOM."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from catalogc.diagnostics import Diagnostic, Edit, Fix, Severity
from catalogc.fix import apply
from catalogc.fix.compute import attach


def _fix(line: int, column: int, end_line: int, end_column: int, text: str) -> Fix:
    return Fix("t", (Edit(line, column, end_line, end_column, text),), True)


def test_edits_count_characters_and_apply_back_to_front() -> None:
    text = "a: 政府门户网站\nb: [乡、村级, x]\n"
    fixed = apply(text, [_fix(1, 4, 1, 10, "政府网站"), _fix(2, 5, 2, 9, "乡级, 村级")])
    assert fixed == "a: 政府网站\nb: [乡级, 村级, x]\n"


def test_overlapping_fixes_keep_the_first() -> None:
    text = "abcdef"
    assert apply(text, [_fix(1, 2, 1, 4, "X"), _fix(1, 3, 1, 5, "Y"), _fix(1, 5, 1, 6, "Z")]) == "aXdZf"
    assert apply(text, [_fix(1, 3, 1, 5, "Y"), _fix(1, 2, 1, 4, "X")]) == "abYef"


def test_two_insertions_at_one_place_do_not_both_apply() -> None:
    assert apply("ab", [_fix(1, 2, 1, 2, "X"), _fix(1, 2, 1, 2, "Y")]) == "aXb"


def test_a_fix_outside_the_text_is_skipped() -> None:
    assert apply("ab\n", [_fix(3, 1, 3, 2, "X"), _fix(1, 1, 1, 9, "Y"), _fix(1, 2, 1, 3, "Z")]) == "aZ\n"


def test_crlf_bom_and_missing_final_newline_survive() -> None:
    text = "\ufeffa: 1\r\nb: 政府门户网站"
    assert apply(text, [_fix(2, 4, 2, 10, "政府网站")]) == "\ufeffa: 1\r\nb: 政府网站"
    assert apply(text, [_fix(1, 1, 1, 2, "c")]) == "\ufeffc: 1\r\nb: 政府门户网站"


def test_attach_gives_a_diagnostic_its_fix_and_the_json_contract_keeps_its_keys() -> None:
    text = "channels: [政府门户网站]\n"
    plain = Diagnostic("C105", "channel-value", Severity.WARNING, "f.yaml", 1, 12, None, "m", "h", "channels")
    (fixed,) = attach(text, [plain])
    assert fixed.to_json() == plain.to_json()  # docs/format.md §5 keys only
    assert fixed.fix.to_json() == {"title": "改为“政府网站”", "safe": True, "edits": [
        {"line": 1, "column": 12, "end_line": 1, "end_column": 18, "text": "政府网站"}]}
    assert attach(text, [plain], "en")[0].fix.title == "Write '政府网站'"


def test_a_stale_position_gets_no_fix() -> None:
    d = Diagnostic("C105", "channel-value", Severity.WARNING, "f.yaml", 1, 5, None, "m", "h", "channels")
    assert attach("channels: [政府门户网站]\n", [d])[0].fix is None


@given(st.text(alphabet="ab政 #:", max_size=30), st.data())
def test_disjoint_fixes_apply_as_spliced_in_any_order(text, data) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(0, len(text)), max_size=8)))
    spans = list(zip(cuts[::2], cuts[1::2], strict=False))
    news = [data.draw(st.text(alphabet="xy村", max_size=3)) for _ in spans]
    expected, last = "", 0
    for (start, end), new in zip(spans, news, strict=True):
        expected += text[last:start] + new
        last = end
    expected += text[last:]
    fixes = [_fix(1, start + 1, 1, end + 1, new) for (start, end), new in zip(spans, news, strict=True)]
    assert apply(text, data.draw(st.permutations(fixes))) == expected


@given(st.lists(st.tuples(st.sampled_from(["name", "sub", "note", "level"]),
                          st.text(alphabet="政府网站乡村级县 ab", min_size=1, max_size=8).map(str.strip).filter(bool)),
                min_size=1, max_size=6),
       st.sampled_from(["\n", "\r\n", "\r", "\u2028"]), st.booleans(), st.sampled_from(["", "  # 注释"]))
def test_scalar_spans_match_yaml_marks_with_any_line_break_and_bom(pairs, newline, bom, comment) -> None:
    from catalogc.fix.compute import Source

    lines = [f"k{i}{key}: [{value}, x]{comment}" if i % 2 else f"k{i}{key}: {value}{comment}"
             for i, (key, value) in enumerate(pairs)]
    text = ("\ufeff" if bom else "") + newline.join(lines) + newline
    src = Source(text)
    for i, (_, value) in enumerate(pairs):
        line = i + 1
        column = len(lines[i].split(": ", 1)[0]) + 3 + (1 if i % 2 else 0)
        scalar = src.scalars[(line, column)]
        start, end = src.span(scalar.node)
        assert text[start:end] == value == scalar.node.value


def test_a_text_that_is_no_longer_yaml_gets_no_fix() -> None:
    d = Diagnostic("C105", "channel-value", Severity.WARNING, "f.yaml", 1, 12, None, "m", "h", "channels")
    assert attach("channels: [政府门户网站\n  : [\n", [d]) == [d]
    assert attach("---\na: 1\n---\nb: 2\n", [d]) == [d]
