"""Positions: one key index per mapping serves both the findings (first of duplicate keys, as a
scan finds) and the item facts (last of duplicate keys, as loaded)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from yaml.nodes import ScalarNode

from catalogc.check.engine import check_file
from catalogc.load.config import Settings
from catalogc.load.document import load
from catalogc.load.positions import Locator, locate

DUPLICATED = "items:\n  - id: A\n    name: 低保\n    id: B\n"


def test_a_duplicate_key_is_located_at_its_first_and_read_at_its_last() -> None:
    root = load(DUPLICATED.encode()).root
    where = Locator(root)
    assert where(("items", 0, "id")) == (2, 9)
    assert where(("items", 0, "id"), at_key=True) == (2, 5)
    item = root.value[0][1].value[0]
    assert where.value(item, "id").value == "B"
    assert where.pairs(item)["id"][1].start_mark.line + 1 == 4
    assert where(("items", 0, "id")) == (2, 9)  # whichever asked first, the index answers both ways
    other = Locator(root)
    assert other.value(item, "id").value == "B" and other(("items", 0, "id"), at_key=True) == (2, 5)


def test_a_missing_step_lands_on_the_deepest_node() -> None:
    root = load(DUPLICATED.encode()).root
    assert locate(root, ("items", 0, "basis", 0)) == (2, 5)
    assert locate(root, ("items", 3, "id")) == (2, 3)
    assert locate(root, ("items", 0, "id", 0)) == (2, 9)  # a scalar has no steps below it


def test_an_item_fact_is_where_the_loaded_id_is(tmp_path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("region: '360799'\ndomain: 社会救助\ndepartment: 民政局\n"
                    "items:\n  - id: A\n    name: 低保\n    id: B\n", encoding="utf-8")
    result = check_file(path, "a.yaml", Settings())
    assert [(f.id, f.line, f.column, f.name_line) for f in result.facts] == [("B", 7, 9, 6)]
    assert any(f.code == "C002" and f.line == 7 for f in result.findings)


KEYS = st.sampled_from(["id", "name", "basis", "items", "1"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(KEYS, st.integers(0, 9)), min_size=1, max_size=8), KEYS)
def test_the_index_agrees_with_a_scan(pairs: list[tuple[str, int]], key: str) -> None:
    text = "".join(f"{k}: {v}\n" for k, v in pairs)
    root = load(text.encode()).root
    scalar = [(k, v) for k, v in root.value if isinstance(k, ScalarNode)]
    first = next(((k, v) for k, v in scalar if k.value == key), None)
    last = next(((k, v) for k, v in reversed(scalar) if k.value == key), None)
    where = Locator(root)
    if first is None:
        assert where((key,)) == (1, 1) and where.value(root, key) is None
    else:
        assert where((key,)) == (first[1].start_mark.line + 1, first[1].start_mark.column + 1)
        assert where((key,), at_key=True) == (first[0].start_mark.line + 1, 1)
        assert where.value(root, key) is last[1]
