"""The domain page's bytes (golden): every optional part of an item, hostile text, change links."""

from __future__ import annotations

import json
from pathlib import Path

import markupsafe
from hypothesis import given
from hypothesis import strategies as st

from catalogc.model.bundle import Note, RegionDomain
from catalogc.publish.changes import ChangeLog, ChangeRow
from catalogc.publish.itemhtml import _replaced, text
from catalogc.publish.site import script_json, write_pages

CASES = Path(__file__).parent / "cases"
HOSTILE = "<script>\"x\"&'y'</script>"


def varied() -> tuple[RegionDomain, ChangeLog]:
    """The sample's 社会救助 group with and without 二级事项, 调整说明 (with and without a date),
    特定群体说明, hostile text in each, and a change record linking every other item."""
    group = RegionDomain.model_validate_json((CASES / "bundle" / "catalogs__360799__社会救助.json").read_bytes())
    items = []
    for i, item in enumerate(group.items):
        update: dict[str, object] = {}
        if i % 3 == 0:
            update["sub"] = None if item.sub else HOSTILE
        if i % 4 == 1:
            update["change_note"] = Note(reason=HOSTILE + "调整", date="2025-03-01" if i % 8 == 1 else None)
        if i % 5 == 2:
            update["name"] = HOSTILE
        if i % 6 == 3:
            update["audience_note"] = HOSTILE
        items.append(item.model_copy(update=update))
    group = group.model_copy(update={"items": items + items[:2]})  # duplicate ids get their own anchors
    rows = tuple(ChangeRow(group.region, group.domain, item.id, item.name, "变更", "", "", "", True)
                 for item in group.items[::2])
    return group, ChangeLog("2024", rows)


def test_domain_page_bytes(tmp_path: Path, update_goldens: bool) -> None:
    group, changes = varied()
    write_pages([group], tmp_path, "2026-01-01", changes)
    actual = (tmp_path / "r" / group.region / f"{group.domain}.html").read_text(encoding="utf-8")
    golden = CASES / "site" / "domain.html"
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
    assert "<script>" not in actual.split("</head>")[1] and "&lt;script&gt;" in actual
    assert actual == golden.read_text(encoding="utf-8")


@given(st.text())
def test_item_text_is_escaped_as_markupsafe_escapes(value: str) -> None:
    """The pages' escape (markupsafe's C one, or the replaces by hand) gives the template's entities."""
    assert text(value) == _replaced(value) == str(markupsafe.escape(value))


_ROWS = st.recursive(st.none() | st.text(alphabet=st.characters(blacklist_categories=("Cs",))) | st.integers(-2**53, 2**53),
                     lambda inner: st.lists(inner, max_size=4), max_leaves=20)


@given(_ROWS)
def test_search_index_text_is_the_standard_json_made_script_safe(rows: object) -> None:
    """The search index's JSON is ``json.dumps``' compact text with the script-breaking characters
    escaped (what a shard held before orjson wrote it), and nothing that ends a script is left."""
    expected = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                         ("\u2029", "\\u2029")):
        expected = expected.replace(raw, escaped)
    assert script_json(rows) == expected
    assert json.loads(script_json(rows)) == rows
