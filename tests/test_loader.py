"""The loader: same data as PyYAML, positions, duplicate keys, encodings, limits, and real-world inputs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogc.load.document import Digits, is_ambiguous, load
from tests.paths import CORPORA

CORPUS = sorted((CORPORA / "yaml-test-suite").rglob("in.yaml"))


def codes(data: bytes) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.code) for f in load(data).findings]


def test_corpus_is_present() -> None:
    assert len(CORPUS) >= 400


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.parent.relative_to(CORPUS[0].parents[1]).as_posix())
def test_corpus_loads_like_pyyaml_or_gets_a_diagnostic(path: Path) -> None:
    data = path.read_bytes()
    loaded = load(data)
    try:
        expected = yaml.load(data, Loader=yaml.CSafeLoader)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        expected = Ellipsis
    if loaded.root is None:
        assert loaded.findings, "a file that does not load must say why"
        assert {f.code for f in loaded.findings} <= {"C001", "C003", "C004", "C005"}
    elif expected is not Ellipsis and b"!!" not in data:
        # explicit tags (!!set, !!binary, !!omap) stay plain data for the schema to judge
        assert loaded.data == expected


def test_positions_are_one_based() -> None:
    loaded = load(b"a: 1\nb:\n  - x\n  - y\n")
    second = loaded.root.value[1][1].value[1]
    assert (second.start_mark.line + 1, second.start_mark.column + 1) == (4, 5)


def test_duplicate_keys_at_any_depth() -> None:
    data = b"a: 1\nb:\n  c: 1\n  d:\n    - {e: 1, e: 2}\n  c: 2\na: 3\n"
    assert codes(data) == [(5, 14, "C002"), (6, 3, "C002"), (7, 1, "C002")]


def test_all_digit_integers_keep_their_text() -> None:
    data = load(b"region: 360799\nlead: 0360\n").data
    assert isinstance(data["region"], Digits) and data["region"].text == "360799"
    assert data["lead"].text == "0360"


@pytest.mark.parametrize(
    ("value", "ambiguous"),
    [("yes", True), ("on", True), ("0755", True), ("1:20", True), ("11320581087027379E-0001", True),
     ("1_000", True), ("0o17", True), ("1e3", True), ("true", False), ("360799", False), ("1.5", False),
     ("null", False), ("社会救助", False), ("SHJZ-001", False), ("2024-03-01", False)],
)
def test_yaml_1_1_and_1_2_differences(value: str, ambiguous: bool) -> None:
    found = [f.code for f in load(f"k: {value}\n".encode()).findings]
    assert found == (["C006"] if ambiguous else [])


def test_quoted_values_are_never_ambiguous() -> None:
    assert codes(b"k: 'yes'\nj: \"0755\"\n") == []


def test_gbk_file_is_named() -> None:
    finding = load("domain: 社会救助\n".encode("gbk")).findings[0]
    assert finding.code == "C003" and dict(finding.args)["encoding"] == "GBK/GB18030"


def test_utf8_bom_and_crlf_are_fine() -> None:
    loaded = load("\ufeffdomain: 社会救助\r\nregion: '360799'\r\n".encode())
    assert loaded.findings == [] and loaded.data == {"domain": "社会救助", "region": "360799"}


@pytest.mark.parametrize(
    "data",
    [b"[" * 100_000 + b"]" * 100_000, b"- " * 20_000 + b"x\n", b"{a: " * 50_000 + b"1" + b"}" * 50_000],
    ids=["flow", "compact", "mapping"],
)
def test_deep_nesting_is_refused_not_crashed(data: bytes) -> None:
    assert [f.code for f in load(data).findings] == ["C005"]


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b"items:\n  - id: a\n    basis: [[x]]\n", (3, 12)),  # root, items, the item: the first bracket is the fourth
        (b"a:\n  - [x]\n", None),  # three levels: within the limit
        (b"a:\n  b:\n    c:\n      d: x\n", (4, 7)),
        (b"- - - - x\n", (1, 7)),
    ],
)
def test_the_depth_limit_is_exact(data: bytes, where: tuple[int, int] | None) -> None:
    """``max-depth`` counts nested mappings and sequences, the root one included, at any depth
    (not only where a document is deep enough to endanger the parser)."""
    from catalogc.load.document import Limits

    found = [(f.code, f.line, f.column, dict(f.args)) for f in load(data, Limits(max_depth=3)).findings]
    assert found == ([("C005", *where, {"limit": 3})] if where else [])
    assert load(data).findings == []


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.text("ab", max_size=2), lambda inner: st.lists(inner, min_size=1, max_size=2)
                    | st.dictionaries(st.text("xyz", min_size=1, max_size=2), inner, min_size=1, max_size=2),
                    max_leaves=12),
       st.integers(1, 6), st.booleans())
def test_the_depth_limit_agrees_with_the_events(value: object, limit: int, flow: bool) -> None:
    """The constructor's count equals a count of the parser's events, in block and flow style."""
    from catalogc.load.document import Limits, _measure_depth

    data = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True).encode()
    found = [(f.line, f.column) for f in load(data, Limits(max_depth=limit)).findings if f.code == "C005"]
    assert found == ([where] if (where := _measure_depth(data, limit)) else [])


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{refs}]")
    assert [f.code for f in load("\n".join(lines).encode()).findings] == ["C005"]


def test_oversized_file_is_refused() -> None:
    from catalogc.load.document import Limits

    assert [f.code for f in load(b"a: 1\n" * 100, Limits(max_bytes=100)).findings] == ["C005"]


@pytest.mark.parametrize("data", [b"", b"   \n", b"# only a comment\n"])
def test_empty_files(data: bytes) -> None:
    assert [f.code for f in load(data).findings] == ["C004"]


def test_binary_junk() -> None:
    assert [f.code for f in load(bytes(range(256)) * 4).findings] in (["C003"], ["C001"])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_load_never_raises_on_bytes(data: bytes) -> None:
    loaded = load(data)
    assert loaded.root is not None or loaded.findings


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{},&*!|>'\"# \n\t0123456789yesno.社")), max_size=80))
def test_load_never_raises_on_yamlish_text(text: str) -> None:
    loaded = load(text.encode())
    assert loaded.root is not None or loaded.findings


@settings(max_examples=200, deadline=None)
@given(st.recursive(
    st.one_of(st.text(max_size=10), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False)),
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(st.text(max_size=5), children, max_size=4)),
    max_leaves=20,
))
def test_round_trip_matches_pyyaml(value: object) -> None:
    text = yaml.safe_dump(value, allow_unicode=True).encode()
    assert load(text).data == yaml.load(text, Loader=yaml.CSafeLoader)


def test_is_ambiguous_ignores_timestamps() -> None:
    assert not is_ambiguous("2024-03-01", "tag:yaml.org,2002:timestamp")
