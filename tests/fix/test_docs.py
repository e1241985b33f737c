"""docs/fix.md lists exactly the codes that have fixes, each in the column of its kind."""

from __future__ import annotations

import re

from catalogc.fix.compute import AVAILABLE, FIXERS
from tests.paths import ROOT


def test_the_fix_table_names_every_code_with_a_fix_and_no_other() -> None:
    text = (ROOT / "docs" / "fix.md").read_text(encoding="utf-8")
    rows = {m[1]: (m[2].strip(), m[3].strip()) for m in re.finditer(r"^\| (C\d{3}) \|([^|]*)\|([^|]*)\|$", text, re.M)}
    assert set(rows) == set(AVAILABLE) == set(FIXERS)
    for code, (safe, unsafe) in AVAILABLE.items():
        assert bool(rows[code][0]) == bool(safe[0]) and bool(rows[code][1]) == bool(unsafe[0]), code
