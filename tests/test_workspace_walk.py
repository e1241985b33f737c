"""Discovery's walk (load/workspace.py) against a plain ``os.walk`` with ``realpath`` on every folder
and ``relpath`` on every file: the same files, in the same order, under the same names, and the
same links recorded as leading outside, on a tree of links of every kind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from catalogc.load.workspace import CATALOG_SUFFIXES, walk


def _inside(path: str, real_root: str) -> bool:
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def _reference(root: Path, folder: str, suffixes: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    real_root = os.path.realpath(root)
    base = root / folder
    files: list[Path] = []
    outside: list[str] = []
    seen: set[str] = set()

    def rel(path: str) -> str:
        return Path(os.path.relpath(path, root)).as_posix()

    if not base.is_dir():
        if base.is_symlink() and not _inside(str(base), real_root):
            outside.append(folder)
        return files, outside
    for dirpath, dirnames, filenames in os.walk(base, followlinks=True):
        if not _inside(dirpath, real_root):
            outside.append(rel(dirpath))
            dirnames[:] = []
            continue
        real = os.path.realpath(dirpath)
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        dirnames.sort()
        for name in filenames:
            if name.lower().endswith(suffixes):
                path = os.path.join(dirpath, name)
                if os.path.islink(path) and not _inside(path, real_root):
                    outside.append(rel(path))
                else:
                    files.append(Path(path))
    files.sort(key=lambda p: rel(str(p)))
    return files, sorted(outside)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    away = tmp_path / "away"
    (away / "deep").mkdir(parents=True)
    (away / "x.yaml").write_text("a")
    (away / "deep" / "y.yaml").write_text("a")
    for name in ("a/1.yaml", "a/sub/2.YAML", "a/sub/3.yml", "a/notes.txt", "b/4.yaml", "c/d/e/5.yaml", "zz.yaml"):
        (root / "catalogs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "catalogs" / name).write_text("a")
    links = root / "catalogs"
    (links / "a" / "alias").symlink_to(links / "b")  # a second way into b: walked once, under a/alias
    (links / "a" / "loop").symlink_to(links)  # back to the top
    (links / "away").symlink_to(away)  # a folder outside
    (links / "c" / "x.yaml").symlink_to(away / "x.yaml")  # a file outside
    (links / "c" / "same.yaml").symlink_to(links / "a" / "1.yaml")  # a file inside
    (links / "c" / "gone.yaml").symlink_to(links / "nowhere.yaml")  # broken, pointing inside
    (links / "c" / "lost.yaml").symlink_to(away / "nowhere.yaml")  # broken, pointing outside
    (root / "lists").mkdir()
    (root / "lists" / "powers").symlink_to(away)
    return root


@pytest.mark.parametrize("folder", ["catalogs", "catalogs/a", "catalogs/away", "lists/powers", "lists/services"])
def test_walk_finds_what_a_plain_walk_finds(tree: Path, folder: str) -> None:
    assert walk(tree, folder, CATALOG_SUFFIXES) == _reference(tree, folder, CATALOG_SUFFIXES)


def test_walk_names_each_folder_once_by_its_first_way_in(tree: Path) -> None:
    files, outside = walk(tree, "catalogs", CATALOG_SUFFIXES)
    names = [Path(os.path.relpath(p, tree)).as_posix() for p in files]
    assert names == ["catalogs/a/1.yaml", "catalogs/a/alias/4.yaml", "catalogs/a/sub/2.YAML", "catalogs/a/sub/3.yml",
                     "catalogs/c/d/e/5.yaml", "catalogs/c/gone.yaml", "catalogs/c/same.yaml", "catalogs/zz.yaml"]
    assert outside == ["catalogs/away", "catalogs/c/lost.yaml", "catalogs/c/x.yaml"]


def test_walk_of_a_relative_root_gives_relative_paths(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree.parent)
    assert walk(Path("ws"), "catalogs", CATALOG_SUFFIXES) == _reference(Path("ws"), "catalogs", CATALOG_SUFFIXES)
