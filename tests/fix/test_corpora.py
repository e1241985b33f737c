"""--fix on examples/broken and on every real published catalog: every fixable finding fixed, every
comment kept, nothing new found."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from catalogc.check.engine import check_workspace
from catalogc.check.prepare import prepare
from catalogc.fix.compute import attach
from catalogc.fix.run import plan, write
from tests.fix.helpers import run
from tests.paths import ROOT

REAL = sorted(p for p in (ROOT / "tests" / "corpora" / "real").iterdir() if (p / "catalogs").is_dir())
_COMMENT = re.compile(rb"(?:^|[ \t])(#.*)$", re.M)


def _comments(root: Path) -> dict[str, list[bytes]]:
    return {p.relative_to(root).as_posix(): _COMMENT.findall(p.read_bytes()) for p in sorted(root.rglob("*.yaml"))}


def _fixable(root: Path, unsafe: bool) -> list[tuple[str, int, str]]:
    """Findings that still have a fix (only safe ones unless ``unsafe``)."""
    workspace, settings = prepare(root)
    result = check_workspace(workspace, settings, jobs=1)
    left = []
    for rel in sorted({d.file for d in result.diagnostics}):
        try:
            text = (root / rel).read_bytes().decode("utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        diagnostics = [d for d in result.diagnostics if d.file == rel]
        left += [(rel, d.line, d.code) for d in attach(text, diagnostics, settings=settings) if d.fix and (d.fix.safe or unsafe)]
    return left


def _findings(root: Path) -> Counter[tuple[str, str, str | None, str | None]]:
    workspace, settings = prepare(root)
    return Counter((d.file, d.code, d.item, d.field) for d in check_workspace(workspace, settings, jobs=1).diagnostics)


@pytest.mark.parametrize("unsafe", [False, True], ids=["safe", "unsafe"])
def test_fix_on_examples_broken_fixes_everything_fixable_and_keeps_every_comment(tmp_path, unsafe) -> None:
    root = shutil.copytree(ROOT / "examples" / "broken", tmp_path / "broken")
    comments = _comments(root)
    assert _fixable(root, unsafe)  # the example has fixable findings to begin with
    result = run("fix", *(["--unsafe-fixes"] if unsafe else []), str(root))
    assert "已修复" in result.output and "已修复 0 处" not in result.output
    assert _fixable(root, unsafe) == []
    assert _comments(root) == comments
    assert sum(len(c) for c in comments.values()) > 20


@pytest.mark.parametrize("source", REAL, ids=[p.name for p in REAL])
def test_fix_on_a_real_catalog_leaves_nothing_fixable_and_finds_nothing_new(tmp_path, source) -> None:
    root = shutil.copytree(source, tmp_path / source.name)
    before, comments = _findings(root), _comments(root)
    workspace, settings = prepare(root)
    fixes = plan(workspace, settings, check_workspace(workspace, settings, jobs=1))
    assert write(fixes) == []
    assert _fixable(root, unsafe=False) == []
    assert _findings(root) - before == Counter()  # nothing new, by file, code, item and element
    assert _comments(root) == comments
    for f in fixes.files:  # only what the fixes touch changes: a second plan has nothing to do
        assert (root / f.rel).read_bytes() == f.after
    assert plan(workspace, settings, check_workspace(workspace, settings, jobs=1)).files == []


def test_the_real_corpus_has_safe_fixes_to_make() -> None:
    assert sum(bool(_fixable(p, unsafe=False)) for p in REAL) >= 10
