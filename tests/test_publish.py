"""catalogc publish: content-addressed releases, the atomic `current` switch, the release log and
its change summary, rollback, retention, a county published into a province, and SIGKILL at
every step leaving `current` on a complete release."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from catalogc.check.prepare import load_settings
from catalogc.cli import main
from catalogc.load.workspace import discover
from catalogc.model.schema import release_log_schema, release_log_schema_text
from catalogc.publish.build import build
from catalogc.publish.manifest import MANIFEST, verify
from catalogc.publish.partial import region_of
from tests.paths import ROOT

FILE = "catalogs/南昌第1县/d00/义务教育.yaml"  # county 360121


def _generate(where: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(where), "--counties", "3",
                    "--items", "20"], check=True, capture_output=True)
    return where


def _edit(workspace: Path) -> None:
    """One item renamed (removed + added), one changed, and every item of the file moved down a line
    (provenance only: no change)."""
    path = workspace / FILE
    text = path.read_text(encoding="utf-8")
    text = text.replace("id: G0000-0001", "id: G0000-0901", 1)
    text = text.replace("      - 中华人民共和国教育法\n", "      - 中华人民共和国教育法（2021年修正）\n", 1)
    path.write_text("# 动态调整 2025\n" + text, encoding="utf-8")


def _build(workspace: Path, out: Path) -> Path:
    build(discover(workspace), load_settings(workspace), out, jobs=1)
    return out


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A province of three counties (a), the same with one county edited (b), and that county alone (county)."""
    root = tmp_path_factory.mktemp("bundles")
    first = _generate(root / "ws-a")
    second = root / "ws-b"
    shutil.copytree(first, second)
    _edit(second)
    county = root / "ws-county"
    shutil.copytree(second / "catalogs" / "南昌第1县", county / "catalogs" / "南昌第1县")
    (county / "catalogc.toml").write_text('[regions]\n"360121" = "南昌第1县"\n', encoding="utf-8")  # its own registry
    return {"a": _build(first, root / "a"), "b": _build(second, root / "b"), "county": _build(county, root / "county"),
            "county_ws": county}


def publish(*args: str, lang: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["publish", *args, *(["--lang", lang] if lang else [])])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


def log(releases: Path) -> list[dict]:
    return [json.loads(line) for line in (releases / "releases.jsonl").read_text(encoding="utf-8").splitlines()]


def current(releases: Path) -> str:
    return os.readlink(releases / "current")


def digest(bundle: Path) -> str:
    import hashlib

    return hashlib.sha256((bundle / MANIFEST).read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def _who(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("LOGNAME", "publisher")


def test_publish_switch_log_and_rollback(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    assert publish(str(bundles["a"]), "--to", str(releases), "--version", "v2024.1")[0] == 0
    a = digest(bundles["a"])[:16]
    assert current(releases) == a and os.readlink(releases / "v2024.1") == a
    assert verify(releases / "current").ok
    assert CliRunner().invoke(main, ["verify", str(releases / "current")]).exit_code == 0

    code, out = publish(str(bundles["b"]), "--to", str(releases))
    b = digest(bundles["b"])[:16]
    assert code == 0 and current(releases) == b
    assert "增加 1、取消 1、变更 1 个事项" in out
    first, second = log(releases)
    assert first == {
        "format": 1, "action": "publish", "version": a, "digest": digest(bundles["a"]), "label": "v2024.1",
        "previous": None, "time": "2023-11-14T22:13:20Z", "user": "publisher", "host": first["host"],
        "tool_version": first["tool_version"], "counts": {"regions": 3, "catalogs": 48, "items": 934},
        "changes": None, "created": True, "partial": None, "removed": [],
    }
    assert (second["previous"], second["changes"]) == (a, {"added": 1, "removed": 1, "changed": 1})

    code, out = publish("--to", str(releases), "--rollback")
    assert code == 0 and current(releases) == a and verify(releases / "current").ok
    assert log(releases)[-1] | {"host": "", "tool_version": ""} == {
        "format": 1, "action": "rollback", "version": a, "digest": digest(bundles["a"]), "label": None,
        "previous": b, "time": "2023-11-14T22:13:20Z", "user": "publisher", "host": "", "tool_version": "",
        "counts": first["counts"], "changes": {"added": 1, "removed": 1, "changed": 1}, "created": False,
        "partial": None, "removed": [],
    }
    code, out = publish("--to", str(releases), "--rollback", lang="en")
    assert code == 2 and "no earlier release" in out
    code, out = publish("--to", str(releases), "--list")
    assert out.splitlines() == [
        f"  {b}  2023-11-14T22:13:20Z  3 个区划、48 个目录文件、934 个事项",
        f"* {a} (v2024.1)  2023-11-14T22:13:20Z  3 个区划、48 个目录文件、934 个事项",
    ]


def test_log_validates_against_its_schema(tmp_path: Path, bundles: dict[str, Path]) -> None:
    assert (ROOT / "schema" / "release-log.schema.json").read_text(encoding="utf-8") == release_log_schema_text(), \
        "run `make schema` and commit"
    releases = tmp_path / "releases"
    for args in ([str(bundles["a"]), "--version", "v1"], [str(bundles["b"])], ["--rollback"],
                 [str(bundles["county"]), "--into", "360121"]):
        assert publish(*args, "--to", str(releases))[0] == 0
    validator = jsonschema.Draft202012Validator(release_log_schema())
    entries = log(releases)
    assert len(entries) == 4
    for entry in entries:
        validator.validate(entry)
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(entries[0] | {"version": "not-a-version"})


def test_an_identical_release_is_not_copied_again(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    publish(str(bundles["b"]), "--to", str(releases))
    a = digest(bundles["a"])[:16]
    inode = (releases / a / "index.json").stat().st_ino
    copy = tmp_path / "copy-of-a"
    shutil.copytree(bundles["a"], copy)
    code, out = publish(str(copy), "--to", str(releases))
    assert code == 0 and current(releases) == a and "内容相同的发布已存在" in out
    assert (releases / a / "index.json").stat().st_ino == inode
    assert log(releases)[-1]["created"] is False
    code, out = publish(str(copy), "--to", str(releases))
    assert code == 0 and "已是当前发布" in out and len(log(releases)) == 3


def test_release_files_are_read_only(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    publish(str(bundles["county"]), "--to", str(releases), "--into", "360121")
    for release in (releases / digest(bundles["a"])[:16], releases / "current"):
        modes = {p.stat().st_mode & 0o777 for p in release.rglob("*") if p.is_file()}
        assert modes == {0o444}, (release, modes)
        assert {p.stat().st_mode & 0o777 for p in release.rglob("*") if p.is_dir()} == {0o755}


def test_unchanged_files_are_shared_with_the_previous_release(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    publish(str(bundles["b"]), "--to", str(releases))
    a, b = releases / digest(bundles["a"])[:16], releases / digest(bundles["b"])[:16]
    same = "catalogs/360221/义务教育.json"
    assert (a / same).stat().st_ino == (b / same).stat().st_ino
    edited = "catalogs/360121/义务教育.json"
    assert (a / edited).stat().st_ino != (b / edited).stat().st_ino
    assert (bundles["b"] / same).stat().st_ino != (b / same).stat().st_ino  # OUT itself is never linked


def test_a_bundle_that_does_not_verify_is_refused(tmp_path: Path, bundles: dict[str, Path]) -> None:
    out = tmp_path / "out"
    shutil.copytree(bundles["a"], out)
    (out / "index.json").write_text("{}", encoding="utf-8")
    code, message = publish(str(out), "--to", str(tmp_path / "releases"))
    assert code == 2 and "未通过核对" in message and "被改动 index.json" in message
    assert not (tmp_path / "releases").exists()


def test_an_edited_release_is_neither_reused_nor_returned_to(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    publish(str(bundles["b"]), "--to", str(releases))
    a = releases / digest(bundles["a"])[:16]
    (a / "catalogs" / "360221" / "义务教育.json").unlink()  # shared with b by a hard link: b keeps its copy
    edited = a / "catalogs" / "360121" / "义务教育.json"  # a's own (b has the edited one)
    assert not os.access(edited, os.W_OK) or os.geteuid() == 0  # releases are read-only
    edited.unlink()
    edited.write_text("{}", encoding="utf-8")
    code, message = publish("--to", str(releases), "--rollback", lang="en")
    assert code == 2 and ("does not verify; not rolled back: missing catalogs/360221/义务教育.json; "
                          "changed catalogs/360121/义务教育.json") in message
    assert current(releases) == digest(bundles["b"])[:16] and verify(releases / "current").ok
    code, message = publish(str(bundles["a"]), "--to", str(releases))
    assert code == 2 and "已存在但未通过核对" in message and current(releases) == digest(bundles["b"])[:16]


@pytest.mark.parametrize("kind", ["folder", "file"])
def test_a_folder_that_is_not_ours_is_refused_and_left_alone(tmp_path: Path, bundles: dict[str, Path], kind: str) -> None:
    releases = tmp_path / "releases"
    if kind == "folder":
        releases.mkdir()
        (releases / "notes.txt").write_text("mine", encoding="utf-8")
    else:
        releases.write_text("mine", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code, message = publish(str(bundles["a"]), "--to", str(releases), "--keep", "1", lang="en")
    assert code == 2 and ("not a catalogc releases folder" in message or "is a file" in message)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_releases_inside_the_bundle_are_refused(tmp_path: Path, bundles: dict[str, Path]) -> None:
    out = tmp_path / "out"
    shutil.copytree(bundles["a"], out)
    code, message = publish(str(out), "--to", str(out / "releases"), lang="en")
    assert code == 2 and "cannot lie inside the bundle" in message and verify(out).ok


def test_rollback_and_list_need_releases(tmp_path: Path) -> None:
    code, message = publish("--to", str(tmp_path / "none"), "--rollback")
    assert code == 2 and "还没有发布" in message and not (tmp_path / "none").exists()
    assert CliRunner().invoke(main, ["publish", "--to", str(tmp_path)]).exit_code == 2  # nothing asked


def test_a_version_name_names_one_release(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases), "--version", "v1")
    code, message = publish(str(bundles["b"]), "--to", str(releases), "--version", "v1")
    assert code == 2 and "已指向" in message and current(releases) == digest(bundles["a"])[:16]
    for bad in ("current", "../x", "0123456789abcdef", "-v"):
        assert publish(str(bundles["b"]), "--to", str(releases), "--version", bad)[0] == 2


def test_keep_removes_only_old_releases_it_created(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases), "--version", "old")
    publish(str(bundles["b"]), "--to", str(releases))
    stranger = releases / "0000000000000000"  # shaped like a release, but no log line says we made it
    shutil.copytree(bundles["a"], stranger)
    code, _ = publish(str(bundles["county"]), "--to", str(releases), "--into", "360121", "--keep", "1")
    a, b, c = digest(bundles["a"])[:16], digest(bundles["b"])[:16], current(releases)
    assert code == 0 and log(releases)[-1]["removed"] == [a]  # b stays: a rollback returns to it
    assert sorted(p.name for p in releases.iterdir() if not p.name.startswith(".")) == \
        sorted(["0000000000000000", b, c, "current", "releases.jsonl"])  # the name "old" went with a
    code, _ = publish(str(bundles["a"]), "--to", str(releases), "--keep", "1")
    assert code == 0 and log(releases)[-1]["removed"] == [b] and log(releases)[-1]["created"] is True
    assert sorted(p.name for p in releases.iterdir() if not p.name.startswith(".")) == \
        sorted(["0000000000000000", a, c, "current", "releases.jsonl"])


def test_a_county_is_published_into_the_province(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    code, out = publish(str(bundles["county"]), "--to", str(releases), "--into", "360121")
    assert code == 0 and "替换了区划 360121" in out, out
    merged = releases / "current"
    assert verify(merged).ok
    entry = log(releases)[-1]
    assert (entry["partial"], entry["changes"], entry["counts"]) == \
        ("360121", {"added": 1, "removed": 1, "changed": 1}, {"regions": 3, "catalogs": 48, "items": 934})
    before = json.loads((bundles["a"] / MANIFEST).read_text(encoding="utf-8"))["files"]
    after = json.loads((merged / MANIFEST).read_text(encoding="utf-8"))["files"]
    differing = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    whole = {"index.json", "catalog.sqlite", "site/index.html", "site/search.html", "site/quality.html",
             "site/search/fold.js"}
    assert differing - whole and all(region_of(p) == "360121" or p in whole for p in differing), differing
    # the province's other counties are the previous release's files, shared
    other = "catalogs/360221/义务教育.json"
    assert (merged / other).stat().st_ino == (releases / entry["previous"] / other).stat().st_ino
    # the merged release equals a build of the whole province with the county's edit, file for file
    assert json.loads((merged / "index.json").read_text(encoding="utf-8")) == \
        json.loads((bundles["b"] / "index.json").read_text(encoding="utf-8"))
    for path in after:
        if path.startswith(("catalogs/", "xlsx/", "site/")) or path == "catalog.sqlite":
            assert after[path] == json.loads((bundles["b"] / MANIFEST).read_text(encoding="utf-8"))["files"][path], path


def test_a_county_built_without_its_registry_is_said(tmp_path: Path, bundles: dict[str, Path]) -> None:
    """A county's bundle that names none of its regions would publish them nameless: published, and said."""
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    bare = tmp_path / "bare"
    shutil.copytree(bundles["county_ws"] / "catalogs", bare / "catalogs")  # no catalogc.toml
    code, out = publish(str(_build(bare, tmp_path / "bare-out")), "--to", str(releases), "--into", "360121")
    assert code == 0 and "替换了区划 360121" in out
    assert "区划 360121（原为“南昌第1县”）没有名称" in out and "[regions]" in out
    code, out = publish(str(bundles["county"]), "--to", str(releases), "--into", "360121", lang="en")
    assert code == 0 and "names no region" not in out  # built with its registry: nothing to say


def test_a_county_is_merged_one_region_at_a_time(tmp_path: Path, bundles: dict[str, Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The merged release's search shards, shared pages and database are written from the groups
    read a region at a time: never more than the county's and one region's groups are in memory
    (holding the province's whole bundle fails here)."""
    import gc

    import catalogc.publish.partial as partial
    from catalogc.model.bundle import RegionDomain

    def held() -> int:
        return sum(isinstance(o, RegionDomain) for o in gc.get_objects())

    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    peaks: list[int] = []
    read = partial._read

    def counting(model, path):  # type: ignore[no-untyped-def]
        peaks.append(held())
        return read(model, path)

    before = held()
    monkeypatch.setattr(partial, "_read", counting)
    assert publish(str(bundles["county"]), "--to", str(releases), "--into", "360121")[0] == 0
    files = json.loads((bundles["b"] / "index.json").read_text(encoding="utf-8"))["files"]
    per_region: dict[str, int] = {}
    for entry in files:
        per_region[entry["region"]] = per_region.get(entry["region"], 0) + 1
    assert len(per_region) == 3 and len(files) > max(per_region.values()) + per_region["360121"]
    assert max(peaks) - before <= per_region["360121"] + max(per_region.values())


def test_a_county_bundle_without_site_and_tables_gets_them_rendered(tmp_path: Path, bundles: dict[str, Path],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    county = tmp_path / "county"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")  # built as the other bundles were, with no time in the pages
    build(discover(bundles["county_ws"]), load_settings(bundles["county_ws"]), county, jobs=1, site=False, excel=False,
          sqlite=False)
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    assert publish(str(county), "--to", str(releases), "--into", "360121")[0] == 0
    merged = json.loads((releases / "current" / MANIFEST).read_text(encoding="utf-8"))["files"]
    built = json.loads((bundles["county"] / MANIFEST).read_text(encoding="utf-8"))["files"]
    pages = [p for p in built if p.startswith(("site/r/", "xlsx/"))]
    assert pages and all(merged[p] == built[p] for p in pages)
    assert "catalog.sqlite" in merged and verify(releases / "current").ok


def test_a_county_bundle_of_another_format_is_refused(tmp_path: Path, bundles: dict[str, Path]) -> None:
    from catalogc.publish.manifest import write_manifest

    county = tmp_path / "county"
    shutil.copytree(bundles["county"], county)
    path = county / "catalogs" / "360121" / "义务教育.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"sub":', '"weight":null,"sub":', 1), encoding="utf-8")
    write_manifest(county, "x")
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    code, message = publish(str(county), "--to", str(releases), "--into", "360121", lang="en")
    assert code == 2 and "is not a bundle file this catalogc reads" in message and "义务教育.json" in message
    assert len(log(releases)) == 1 and [p.name for p in releases.glob(".tmp-*")] == []


def test_a_county_bundle_with_other_regions_is_refused(tmp_path: Path, bundles: dict[str, Path]) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    code, message = publish(str(bundles["b"]), "--to", str(releases), "--into", "360121", lang="en")
    assert code == 2 and "regions outside 360121: 360221, 360421" in message
    assert len(log(releases)) == 1 and [p.name for p in releases.glob(".tmp-*")] == []
    code, message = publish(str(bundles["county"]), "--to", str(tmp_path / "empty"), "--into", "360121")
    assert code == 2 and "没有可并入的发布" in message


KILL_POINTS = ["copying", "copied", "placed", "linked", "switched"]


def _killed(bundle: Path, releases: Path, point: str, *args: str) -> None:
    env = os.environ | {"CATALOGC_TEST_KILL_AT": point}
    proc = subprocess.run([sys.executable, "-m", "catalogc", "publish", *([str(bundle)] if bundle else []),
                           "--to", str(releases), *args], env=env, capture_output=True, text=True)
    assert proc.returncode == -9, (point, proc.stdout, proc.stderr)


@pytest.mark.parametrize("point", KILL_POINTS)
def test_killed_publish_leaves_a_complete_current(tmp_path: Path, bundles: dict[str, Path], point: str) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    a, b = digest(bundles["a"])[:16], digest(bundles["b"])[:16]
    _killed(bundles["b"], releases, point)
    assert current(releases) == (b if point == "switched" else a)
    assert verify(releases / "current").ok
    assert len(log(releases)) == 1
    code, _ = publish(str(bundles["b"]), "--to", str(releases))
    assert code == 0 and current(releases) == b and verify(releases / "current").ok
    assert [p.name for p in releases.glob(".tmp-*")] == []
    last = log(releases)[-1]
    assert (last["previous"], last["created"], last["changes"]["changed"]) == (a, True, 1)


@pytest.mark.parametrize("point", ["copied", "placed", "linked", "switched"])
def test_killed_partial_publish(tmp_path: Path, bundles: dict[str, Path], point: str) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    a = digest(bundles["a"])[:16]
    _killed(bundles["county"], releases, point, "--into", "360121")
    assert (current(releases) == a) is (point != "switched") and verify(releases / "current").ok
    assert publish(str(bundles["county"]), "--to", str(releases), "--into", "360121")[0] == 0
    assert current(releases) != a and verify(releases / "current").ok
    assert log(releases)[-1]["previous"] == a and [p.name for p in releases.glob(".tmp-*")] == []


@pytest.mark.parametrize("point", ["linked", "switched"])
def test_killed_rollback(tmp_path: Path, bundles: dict[str, Path], point: str) -> None:
    releases = tmp_path / "releases"
    publish(str(bundles["a"]), "--to", str(releases))
    publish(str(bundles["b"]), "--to", str(releases))
    a, b = digest(bundles["a"])[:16], digest(bundles["b"])[:16]
    _killed(None, releases, point, "--rollback")  # type: ignore[arg-type]
    assert current(releases) == (a if point == "switched" else b) and verify(releases / "current").ok
    assert publish("--to", str(releases), "--rollback")[0] == 0
    assert current(releases) == a and log(releases)[-1]["previous"] == b and len(log(releases)) == 3
    assert [p.name for p in releases.glob(".tmp-*")] == []


def test_the_kill_hook_is_inert_unless_set(tmp_path: Path, bundles: dict[str, Path], monkeypatch) -> None:
    monkeypatch.setenv("CATALOGC_TEST_KILL_AT", "elsewhere")
    assert publish(str(bundles["a"]), "--to", str(tmp_path / "releases"))[0] == 0
