"""The findings' records stay frozen dataclasses while they are cheap to build and to pickle."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from catalogc.diagnostics import Diagnostic, Severity
from catalogc.findings import Finding, Located


def _located() -> Located:
    return Located("catalogs/a.yaml", 3, 7, "near", {"value": "《甲》", "title": "《乙》"}, "A1", "basis", "C110")


@pytest.mark.parametrize("record", [
    _located(),
    Finding(("items", 0, "basis", 1), "bare", {"value": "x"}, "A1", True, "C109"),
    Diagnostic("C110", "basis-unknown", Severity.INFO, "catalogs/a.yaml", 3, 7, "A1", "m", "h", "basis", "src", "abc"),
])
def test_pickle_and_copy_keep_every_field(record: object) -> None:
    for again in (pickle.loads(pickle.dumps(record, pickle.HIGHEST_PROTOCOL)), pickle.loads(pickle.dumps(record, 0)),
                  copy.copy(record), copy.deepcopy(record)):
        assert again == record and type(again) is type(record)
        assert dataclasses.astuple(again) == dataclasses.astuple(record)  # type: ignore[call-overload]


def test_frozen_and_replace() -> None:
    located = _located()
    with pytest.raises(dataclasses.FrozenInstanceError):
        located.line = 4  # type: ignore[misc]
    moved = dataclasses.replace(located, file="catalogs/b.yaml")
    assert (moved.file, moved.line, moved.code) == ("catalogs/b.yaml", 3, "C110")
    assert [f.name for f in dataclasses.fields(Located)] == ["file", "line", "column", "variant", "args", "item",
                                                             "field", "code"]


def test_defaults_and_factories() -> None:
    one, two = Finding(("id",)), Finding(("id",))
    assert one.args == {} and one.args is not two.args  # each its own dictionary, as default_factory makes
    assert (one.variant, one.item, one.at_key, one.code) == ("default", None, False, "")
    d = Diagnostic("C001", "r", Severity.ERROR, "f", 1, 1, None, "m", "h")
    assert (d.field, d.source, d.commit, d.fix) == (None, None, None, None)
    assert Located("f", 1, 2, code="C005") == Located("f", 1, 2, "default", {}, None, None, "C005")
    with pytest.raises(TypeError):
        Located("f", 1)  # type: ignore[call-arg]  # a required field stays required
    assert hash(d) == hash(copy.copy(d))
