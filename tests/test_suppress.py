"""Inline suppressions: only YAML comments count, never the same words inside a scalar."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from catalogc.load.suppress import scan
from tests.rules import edit


def found(text: str) -> list[tuple[int, int, int | None, tuple[str, ...], str]]:
    return [(s.line, s.column, s.target, s.codes, s.reason) for s in scan(text.encode("utf-8"))]


@pytest.mark.parametrize(
    "text",
    [
        'content: "见 # catalogc: ignore[C105] 本县自建平台"\n',
        "content: '见 # catalogc: ignore[C105] 本县自建平台'\n",
        'content: "第一行\n  # catalogc: ignore[C105] 续行"\n',
        "content: |\n  见 # catalogc: ignore[C105] 块内\n  # catalogc: ignore-file[C206] 块内\n",
        "content: >-\n  折叠\n  # catalogc: ignore[C105] 块内\n",
        "content: 见#catalogc: ignore[C105] 无空格的井号属于裸值\n",
        "basis: ['《办法》 # catalogc: ignore[C110] 引号内', 《条例》]\n",
    ],
    ids=["double-quoted", "single-quoted", "quoted-continuation", "literal-block", "folded-block", "plain",
         "flow-list"],
)
def test_marker_inside_a_scalar_is_data(text: str) -> None:
    assert found(text) == []


def test_comment_after_a_quoted_marker_on_the_same_line_counts() -> None:
    text = 'content: "见 # catalogc: ignore[C105] 引号内"  # catalogc: ignore[C101] 真注释\n'
    assert found(text) == [(1, 44, 1, ("C101",), "真注释")]


def test_comment_after_a_block_scalar_counts() -> None:
    text = "content: |\n  # catalogc: ignore[C105] 块内\n  第二行\n\n# catalogc: ignore[C206] 块后\nchannels: [x]\n"
    assert found(text) == [(5, 1, 6, ("C206",), "块后")]


def test_comments_keep_their_positions() -> None:
    text = (
        "\ufeff# catalogc: ignore-file[C206] 由县政府办统一公开\n"
        "items:\n"
        "  - channels: [本县政务APP]  # catalogc: ignore[c105, C113] 本县自建平台\n"
        "    # catalogc: ignore[C101] 下一行\n"
        "\n"
        "    name: 最低生活保障\n"
    )
    assert found(text) == [
        (1, 1, None, ("C206",), "由县政府办统一公开"),
        (3, 26, 3, ("C105", "C113"), "本县自建平台"),
        (4, 5, 6, ("C101",), "下一行"),
    ]


def test_file_that_is_not_yaml_keeps_its_comments() -> None:
    assert found("a: [\n# catalogc: ignore[C001] 仍是注释\n") == [(2, 1, 2, ("C001",), "仍是注释")]


def test_quoted_marker_does_not_silence_and_is_not_reported(check_text) -> None:
    text = edit("content: 低保标准、申请条件、办理流程", 'content: "见 # catalogc: ignore[C105] 说明"')
    text = edit("channels: [政府网站]", "channels: [本县政务APP]", text)
    assert check_text(text) == [(13, 16, "C105")]


def test_files_without_a_suppression_are_not_tokenized(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("tokenized a file without a suppression")

    monkeypatch.setattr("yaml.scan", refuse)  # the scanner, imported where a file has a suppression
    assert found("name: 最低生活保障\n# catalogc: 只是提到工具名\n") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("见 #\n\t'\"|>:-[]{}ab理由"), max_size=30), st.sampled_from(['"', "'", "|", ">"]))
def test_no_scalar_text_becomes_a_suppression(text: str, style: str) -> None:
    value = f"{text} # catalogc: ignore[C105] {text}"
    document = yaml.dump({"content": value}, allow_unicode=True, default_style=style, width=20)
    assume(yaml.safe_load(document) == {"content": value})  # PyYAML's emitter folds some texts wrongly
    assert scan(document.encode("utf-8")) == []
