"""The domain page's bytes (golden): every optional part of an item, hostile text, change links."""

from __future__ import annotations

from pathlib import Path

import markupsafe
from hypothesis import given
from hypothesis import strategies as st

from catalogc.model.bundle import Note, RegionDomain
from catalogc.publish.changes import ChangeLog, ChangeRow
from catalogc.publish.itemhtml import _replaced, text
from catalogc.publish.site import write_pages

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
