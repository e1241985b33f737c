"""C001–C007 as the user sees them: located findings from whole files."""

from __future__ import annotations

import pytest

from tests.rules import BASE, edit


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (edit("method: [主动]", "method: [主动"), [(13, 13, "C001")]),
        (edit("    level: [县级]\n", "    level: [县级]\n    level: [市级]\n"), [(16, 5, "C002")]),
        (BASE.encode("gbk"), [(3, 15, "C003")]),  # the first byte that is not UTF-8
        (edit("channels: [政府网站]", "chanels: [政府网站]"), [(6, 5, "C101"), (13, 5, "C004")]),
        (edit("    level: [县级]\n", "    level: [县级]\n    note: yes\n"), [(16, 11, "C004"), (16, 11, "C006")]),
        ("", [(1, 1, "C004")]),
        ("a: " + "[" * 600 + "]" * 600 + "\n", [(1, 503, "C005")]),
        ("- a\n- b\n", [(1, 1, "C004")]),
    ],
    ids=["syntax", "duplicate-key", "gbk", "typo", "ambiguous", "empty", "too-deep", "not-mapping"],
)
def test_loading_findings(check_text, content, expected) -> None:
    assert check_text(content) == expected


def test_typo_gets_did_you_mean(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    root = write_workspace(tmp_path, {"catalogs/a.yaml": edit("channels: [政府网站]", "chanels: [政府网站]")})
    schema = [d for d in run_check(root).diagnostics if d.code == "C004"]
    assert "channels" in schema[0].message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("format: 1", "format: 2", [(1, 9, "C004")]),
        ("name: 最低生活保障", "name: [最低生活保障]", [(7, 11, "C004")]),
        ("  - id: SHJZ-001", "  - id: SHJZ 001", [(6, 9, "C004")]),
        ('region: "360799"', 'region: "360799"\neffective: 2024-02-30', [(3, 12, "C004")]),
        ("items:", "not_applicable: 本镇无此事项\nitems:", [(1, 1, "C004")]),
    ],
    ids=["format", "type", "id-pattern", "date", "items-and-not-applicable"],
)
def test_schema_findings(check_text, old, new, expected) -> None:
    assert check_text(edit(old, new)) == expected


def test_suppression_with_reason_silences(check_text) -> None:
    text = edit("channels: [政府网站]", "channels: [本县政务APP]  # catalogc: ignore[C105] 本县自建平台")
    assert check_text(text) == []


def test_suppression_on_the_line_before(check_text) -> None:
    text = edit("    channels: [政府网站]", "    # catalogc: ignore[C105] 本县自建平台\n    channels: [本县政务APP]")
    assert check_text(text) == []


def test_suppression_without_reason_is_reported(check_text) -> None:
    text = edit("channels: [政府网站]", "channels: [本县政务APP]  # catalogc: ignore[C105]")
    assert check_text(text) == [(13, 16, "C105"), (13, 26, "C007")]


def test_unused_suppression_is_reported(check_text) -> None:
    text = edit("channels: [政府网站]", "channels: [政府网站]  # catalogc: ignore[C105] 以防万一")
    assert check_text(text) == [(13, 23, "C007")]


def test_file_level_suppression(check_text) -> None:
    text = "# catalogc: ignore-file[C206] 由县政府办统一公开\n" + edit("department: 溪山县民政局", "department: 溪山县政府办")
    assert check_text(text) == []


def test_brackets_in_a_flow_list_get_a_quoting_hint(tmp_path) -> None:
    from tests.conftest import run_check, write_workspace

    text = edit("basis: [《社会救助暂行办法》第九条]", "basis: [民发[2021]57号, 国发〔2012〕45号]")
    (finding,) = run_check(write_workspace(tmp_path, {"catalogs/a.yaml": text})).diagnostics
    assert finding.code == "C001" and "引号" in finding.hint


@pytest.mark.parametrize(
    ("new", "expected"),
    [
        ("    level: [县级]\n    note: yes\n", [(16, 11, "C006", "SHJZ-001", "note"), (16, 11, "C004", "SHJZ-001", "note")]),
        ("    level: [县级, on]\n", [(15, 17, "C006", "SHJZ-001", "level"), (15, 17, "C004", "SHJZ-001", "level")]),
        ("    level: [县级]\n    level: [市级]\n", [(16, 5, "C002", "SHJZ-001", None)]),
    ],
    ids=["ambiguous-value", "ambiguous-list-entry", "duplicate-key"],
)
def test_loader_findings_name_their_item_and_element(tmp_path, new, expected) -> None:
    """A baseline keys a finding by item and element: loader findings inside an item carry both
    where the loader knows the path (C006), the item where it knows the line (C002)."""
    from tests.conftest import run_check, write_workspace

    write_workspace(tmp_path, {"catalogs/民政局/社会救助.yaml": edit("    level: [县级]\n", new)})
    found = [(d.line, d.column, d.code, d.item, d.field) for d in run_check(tmp_path).diagnostics
             if d.code in ("C002", "C004", "C006")]
    assert sorted(found) == sorted(expected)
