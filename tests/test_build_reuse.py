"""A warm build reuses the previous OUT's files of the regions nothing changed (publish/reuse.py):
every file of OUT is what a cold build of the same inputs writes, whatever changed in between."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogc.cli import main

Change = Callable[[Path], None]


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def run(*args: str | Path, env: dict[str, str] | None = None) -> None:
    result = CliRunner().invoke(main, ["build", *map(str, args), "-q"], env=env)
    assert result.exit_code == 0, result.output


@pytest.fixture
def ws(generated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CATALOGC_NO_CACHE")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    return generated


def _catalog(ws: Path, region: str, holding: str = "") -> Path:
    """A catalog file of the county whose region code is ``region``."""
    return next(p for p in sorted((ws / "catalogs").rglob("*.yaml"))
                if f'region: "{region}"' in (text := p.read_text("utf-8")) and holding in text)


def _regions(ws: Path) -> list[str]:
    return sorted({line.split('"')[1] for p in (ws / "catalogs").rglob("*.yaml")
                   for line in p.read_text("utf-8").splitlines() if line.startswith("region: ")})


def edit_item(ws: Path) -> None:
    """One item's content, in a file of the first region."""
    path = _catalog(ws, _regions(ws)[0], "\n    content: ")
    text = path.read_text("utf-8")
    at = text.index("\n", text.index("\n    content: ") + 1)
    path.write_text(text[:at] + "及办理时间" + text[at:], encoding="utf-8")


def add_region(ws: Path) -> None:
    source = _catalog(ws, _regions(ws)[0])
    text = source.read_text("utf-8").replace(f'region: "{_regions(ws)[0]}"', 'region: "360102"')
    (ws / "catalogs" / "东湖区").mkdir()
    (ws / "catalogs" / "东湖区" / source.name).write_text(text, encoding="utf-8")
    with (ws / "catalogc.toml").open("a", encoding="utf-8") as registry:  # registered, as C204 asks
        registry.write('"360102" = "东湖区"\n')


def remove_file(ws: Path) -> None:
    _catalog(ws, _regions(ws)[-1]).unlink()


def name_regions(ws: Path, renamed: str | None = None) -> None:
    names = {code: f"第{n}县" for n, code in enumerate(_regions(ws))}
    if renamed is not None:
        names[_regions(ws)[1]] = renamed
    (ws / "catalogc.toml").write_text("[regions]\n" + "".join(f'"{code}" = "{name}"\n' for code, name in names.items()),
                                      encoding="utf-8")


def rename_region(ws: Path) -> None:
    name_regions(ws, "<改名>县")


def nothing(ws: Path) -> None:
    pass


# (the workspace before, the change to it, first build's options, second build's options, environment of each)
CASES = {
    "one item edited": (nothing, edit_item, [], [], {}, {}),
    "a file in a new region": (nothing, add_region, [], [], {}, {}),
    "a file removed": (nothing, remove_file, [], [], {}, {}),
    "a region renamed": (name_regions, rename_region, [], [], {}, {}),
    "site turned on": (nothing, nothing, ["--no-site"], [], {}, {}),
    "excel turned off": (nothing, edit_item, [], ["--no-excel"], {}, {}),
    "excel and sqlite turned on": (nothing, nothing, ["--no-excel", "--no-sqlite"], [], {}, {}),
    "SOURCE_DATE_EPOCH changed": (nothing, nothing, [], [], {"SOURCE_DATE_EPOCH": "1700000000"},
                                  {"SOURCE_DATE_EPOCH": "1710000000"}),
}


@pytest.mark.parametrize("case", CASES)
def test_a_warm_build_writes_what_a_cold_build_writes(ws: Path, tmp_path: Path, case: str) -> None:
    setup, change, first, second, env1, env2 = CASES[case]
    out, cache = tmp_path / "out", tmp_path / "cache"
    setup(ws)
    run(ws, "-o", out, "--cache-dir", cache, "-j", "2", *first, env=env1)
    before = inodes(out)
    change(ws)
    run(ws, "-o", out, "--cache-dir", cache, "-j", "2", *second, env=env2)
    run(ws, "-o", tmp_path / "cold", "--no-cache", *second, env=env2)
    assert files(out) == files(tmp_path / "cold")
    # the files a warm build took from the previous OUT are the same files (hard links)
    kept = {name for name, inode in inodes(out).items() if before.get(name) == inode}
    assert kept and all(name.startswith(("catalogs/", "site/r/", "site/search/", "xlsx/")) for name in kept)
    assert "site/search/index.js" not in kept


def test_only_the_changed_region_is_written_again(ws: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    run(ws, "-o", out, "--cache-dir", cache)
    before = inodes(out)
    edit_item(ws)
    changed = _regions(ws)[0]
    run(ws, "-o", out, "--cache-dir", cache)
    written = {name for name, inode in inodes(out).items() if before.get(name) != inode}
    per_region = {name for name in before if name.startswith(("catalogs/", "site/r/", "site/search/3", "xlsx/"))}
    assert {name for name in written if name in per_region} == \
        {name for name in per_region if f"/{changed}/" in name or name == f"site/search/{changed}.js"}


def test_since_is_part_of_what_the_pages_are_made_from(ws: Path, tmp_path: Path) -> None:
    old, out, cache = tmp_path / "old", tmp_path / "out", tmp_path / "cache"
    run(ws, "-o", old, "--no-cache")
    edit_item(ws)
    run(ws, "-o", out, "--cache-dir", cache)
    run(ws, "-o", out, "--cache-dir", cache, "--since", old)
    run(ws, "-o", tmp_path / "cold", "--no-cache", "--since", old)
    assert files(out) == files(tmp_path / "cold")
    run(ws, "-o", out, "--cache-dir", cache)  # and back
    run(ws, "-o", tmp_path / "cold2", "--no-cache")
    assert files(out) == files(tmp_path / "cold2")


def test_reused_regions_are_not_written(ws: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing changed, no region's writer runs (inline, so the writers seen are this process's),
    and no reused file is read for the manifest: its digest is the previous manifest's."""
    import catalogc.publish.build as building
    from catalogc.check.cache import open_cache
    from catalogc.check.prepare import load_settings
    from catalogc.load.workspace import discover
    from catalogc.publish import database, site, xlsx
    from catalogc.publish.build import Group, build

    def cached() -> tuple:
        workspace = discover(ws)
        settings = load_settings(ws)
        return workspace, settings, open_cache(workspace, settings, tmp_path / "cache")

    workspace, settings, cache = cached()
    build(workspace, settings, tmp_path / "out", jobs=1, cache=cache)
    edit_item(ws)
    calls: list[str] = []
    for module, name in ((site, "write_pages"), (site, "write_shard"), (xlsx, "write_tables"),
                         (database, "write_part"), (Group, "write")):
        original = getattr(module, name)

        def spy(*args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(module, name, spy)
    hashed: list[str] = []
    digests = building.digests

    def hashing(root: Path, rels: list[str]) -> dict[str, str]:
        hashed.extend(rels)
        return digests(root, rels)

    monkeypatch.setattr(building, "digests", hashing)
    workspace, settings, cache = cached()
    build(workspace, settings, tmp_path / "out", jobs=1, cache=cache)
    assert hashed and all(f"/{_regions(ws)[0]}/" in rel or rel.endswith(f"/{_regions(ws)[0]}.js") for rel in hashed)
    # the edited file's region alone: its bundle files, pages, search shard, tables and rows
    domains = len(list((tmp_path / "out" / "catalogs" / _regions(ws)[0]).iterdir()))
    assert {name: calls.count(name) for name in calls} == {"write": domains, "write_pages": 1, "write_shard": 1,
                                                           "write_tables": 1, "write_part": 1}


@pytest.mark.parametrize("damage", ["state", "an entry", "file", "database", "manifest"])
def test_damage_means_writing_again_never_an_error(ws: Path, tmp_path: Path, damage: str) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    run(ws, "-o", out, "--cache-dir", cache)
    region = _regions(ws)[1]
    page = next((out / "site" / "r" / region).iterdir())
    before = inodes(out)
    if damage == "state":
        state = next((cache / "builds").iterdir())
        state.write_bytes(state.read_bytes()[:100])
    elif damage == "an entry":  # found wanting after the region's bundle files were linked
        state = next((cache / "builds").iterdir())
        kept = json.loads(state.read_bytes())
        del kept["regions"][region]["kinds"]["site"]["facts"]
        state.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    elif damage == "file":  # edited in place, its size kept: its mtime gives it away
        text = page.read_bytes()
        page.write_bytes(text.replace(b"<h1>", b"<h2>", 1))
    elif damage == "database":
        with (out / "catalog.sqlite").open("r+b") as db:
            db.seek(4096)
            db.write(b"\0" * 4096)
    else:
        (out / "manifest.json").write_text(json.dumps({"tool": "catalogc", "files": {}}), encoding="utf-8")
    edit_item(ws)
    run(ws, "-o", out, "--cache-dir", cache)
    run(ws, "-o", tmp_path / "cold", "--no-cache")
    assert files(out) == files(tmp_path / "cold")
    if damage == "an entry":  # written anew, not through links into the previous OUT
        assert not {name for name, inode in inodes(out).items() if before.get(name) == inode and f"/{region}" in name}


def test_no_cache_reuses_nothing_and_keeps_no_state(ws: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "cache"
    run(ws, "-o", out, "--cache-dir", cache)
    before = inodes(out)
    run(ws, "-o", out, "--no-cache")
    assert not set(before.items()) & set(inodes(out).items())
    # the state describes the OUT before: the next warm build finds its files gone and writes them
    middle = inodes(out)
    run(ws, "-o", out, "--cache-dir", cache)
    assert not set(middle.items()) & set(inodes(out).items())
    run(ws, "-o", tmp_path / "cold", "--no-cache")
    assert files(out) == files(tmp_path / "cold")


def test_a_symlinked_out_is_copied_from_not_linked(ws: Path, tmp_path: Path) -> None:
    """The folder a symlink at OUT points at outlives the build: sharing its files' inodes would let
    a later change there reach the new OUT."""
    real, out, cache = tmp_path / "real", tmp_path / "out", tmp_path / "cache"
    run(ws, "-o", out, "--cache-dir", cache)
    out.rename(real)
    out.symlink_to(real)
    kept = files(real)
    edit_item(ws)
    run(ws, "-o", out, "--cache-dir", cache)
    assert not out.is_symlink() and files(real) == kept
    assert not set(inodes(real).values()) & set(inodes(out).values())
    run(ws, "-o", tmp_path / "cold", "--no-cache")
    assert files(out) == files(tmp_path / "cold")


def test_reused_files_have_the_permissions_a_cold_build_gives(ws: Path, tmp_path: Path) -> None:
    """A hard link shares the previous file's mode: a warm build under another umask copies instead."""
    import os
    import stat

    out, cache = tmp_path / "out", tmp_path / "cache"
    run(ws, "-o", out, "--cache-dir", cache)
    previous = os.umask(0o077)
    try:
        run(ws, "-o", out, "--cache-dir", cache)
        run(ws, "-o", tmp_path / "cold", "--no-cache")
    finally:
        os.umask(previous)
    modes = {name: stat.S_IMODE((out / name).stat().st_mode) for name in files(out)}
    cold = {name: stat.S_IMODE((tmp_path / "cold" / name).stat().st_mode) for name in files(tmp_path / "cold")}
    assert modes == cold and set(modes.values()) == {0o600}
