"""catalogc build: the bundle (golden), its schema, determinism, atomic replacement, verify, Excel, escaping."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from catalogc.check.prepare import load_settings
from catalogc.cli import main
from catalogc.load.workspace import discover
from catalogc.model.schema import bundle_schema, bundle_schema_text
from catalogc.publish.build import build
from catalogc.publish.manifest import verify
from tests.conftest import write_workspace
from tests.paths import ROOT
from tests.rules import BASE, edit

CASES = Path(__file__).parent / "cases" / "bundle"


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "out"
    build(discover(ROOT), load_settings(ROOT), out, jobs=1)
    return out


def test_bundle_schema_is_committed() -> None:
    assert (ROOT / "schema" / "bundle.schema.json").read_text(encoding="utf-8") == bundle_schema_text()


def test_every_bundle_file_validates(sample_out: Path) -> None:
    validator = jsonschema.Draft202012Validator(bundle_schema())
    files = [p for p in sample_out.rglob("*.json") if p.name != "manifest.json"]
    assert len(files) > 20
    for path in files:
        validator.validate(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", ["manifest.json", "index.json", "catalogs/360799/社会救助.json"])
def test_golden(sample_out: Path, name: str, update_goldens: bool) -> None:
    actual = (sample_out / name).read_text(encoding="utf-8")
    # catalog.sqlite's bytes depend on the SQLite library; its determinism is tested on its own
    actual = "".join(line for line in actual.splitlines(keepends=True) if '"catalog.sqlite":' not in line)
    golden = CASES / name.replace("/", "__")
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run pytest --update-goldens and review the diff"
    assert actual == golden.read_text(encoding="utf-8")


def test_items_are_normalized(sample_out: Path) -> None:
    data = json.loads((sample_out / "catalogs/360799/社会救助.json").read_text(encoding="utf-8"))
    item = data["items"][3]
    assert item["time_limit"]["parsed"]["publicity"] == {"amount": 7, "unit": "工作日"}
    assert item["basis"][0]["documents"][0]["id"] == "dibao-2012"
    assert item["source"] == {"file": "catalogs/民政局/社会救助.yaml", "line": 54}


def test_two_builds_are_byte_identical(tmp_path: Path, sample_out: Path) -> None:
    again = tmp_path / "again"
    build(discover(ROOT), load_settings(ROOT), again, jobs=2)
    first = {p.relative_to(sample_out): p.read_bytes() for p in sample_out.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_source_date_epoch(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "out"
    build(discover(ROOT), load_settings(ROOT), out, jobs=1, site=False, excel=False)
    assert json.loads((out / "index.json").read_text(encoding="utf-8"))["generated"] == "2023-11-14T22:13:20Z"


def test_verify_detects_tampering(tmp_path: Path, sample_out: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(sample_out, copy)
    assert verify(copy).ok
    (copy / "index.json").write_text("{}", encoding="utf-8")
    (copy / "extra.txt").write_text("x", encoding="utf-8")
    (copy / "site" / "search.html").unlink()
    result = verify(copy)
    assert (result.changed, result.unexpected, result.missing) == (("index.json",), ("extra.txt",), ("site/search.html",))
    assert CliRunner().invoke(main, ["verify", str(copy)]).exit_code == 1


def test_the_manifest_takes_the_region_workers_digests(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The region workers hash the files they wrote (bundle, pages, shards, tables) and the manifest
    takes those digests instead of reading the files again; they are the files' own."""
    import catalogc.publish.build as module
    from catalogc.publish import manifest

    taken: dict[str, str] = {}
    write = manifest.write_manifest

    def spy(root: Path, inputs: str, known=None) -> None:
        taken.update(known or {})
        write(root, inputs, known)

    monkeypatch.setattr(module, "write_manifest", spy)
    out = tmp_path / "out"
    build(discover(ROOT), load_settings(ROOT), out, jobs=2)
    files = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
    kinds = {rel.split("/")[0] + ("/" + rel.split("/")[1] if rel.startswith("site/") else "") for rel in taken}
    assert kinds == {"catalogs", "xlsx", "site/r", "site/search"}
    assert not taken.keys() & {"index.json", "catalog.sqlite", "site/index.html", "site/search/index.js"}
    for rel, digest in taken.items():
        assert files[rel] == digest == _sha256_of((out / rel).read_bytes()), rel
    assert verify(out).ok


def test_a_known_digest_is_taken_as_given(tmp_path: Path) -> None:
    from catalogc.publish.manifest import tree_digests

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.json").write_text("x", encoding="utf-8")
    (tmp_path / "a-b").write_text("y", encoding="utf-8")
    (tmp_path / "manifest.json").write_text("{}", encoding="utf-8")
    assert tree_digests(tmp_path, {"a/x.json": "given"}) == {"a-b": _sha256_of(b"y"), "a/x.json": "given"}
    assert tree_digests(tmp_path)["a/x.json"] == _sha256_of(b"x")


def _sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_errors_refuse_the_build_unless_allowed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    broken = str(ROOT / "examples" / "broken")
    result = CliRunner().invoke(main, ["build", broken, "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    result = CliRunner().invoke(main, ["build", broken, "-o", str(out), "--allow-errors"])
    assert result.exit_code == 0
    findings = json.loads((out / "index.json").read_text(encoding="utf-8"))["findings"]
    assert {"C001", "C201", "C302"} <= {f["code"] for f in findings}


def test_failed_build_leaves_the_previous_output(tmp_path: Path, sample_out: Path, monkeypatch) -> None:
    out = tmp_path / "out"
    shutil.copytree(sample_out, out)
    import catalogc.publish.xlsx

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(catalogc.publish.xlsx, "write_tables", boom)
    with pytest.raises(KeyboardInterrupt):
        build(discover(ROOT), load_settings(ROOT), out, jobs=1)
    assert verify(out).ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no half-written folder left behind


def test_killed_build_leaves_the_previous_output(tmp_path: Path, sample_out: Path) -> None:
    workspace = tmp_path / "ws"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(workspace), "--counties", "8"],
                   check=True, capture_output=True)
    out = tmp_path / "out"
    shutil.copytree(sample_out, out)
    proc = subprocess.Popen([sys.executable, "-m", "catalogc", "build", str(workspace), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not any(p.name.startswith(".out.tmp-") for p in tmp_path.iterdir()):
        time.sleep(0.01)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert verify(out).ok
    assert json.loads((out / "index.json").read_text(encoding="utf-8")) == \
        json.loads((sample_out / "index.json").read_text(encoding="utf-8"))
    # the next build cleans up what the killed one left
    build(discover(ROOT), load_settings(ROOT), out, jobs=1, site=False, excel=False)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.")] == []


def test_excel_national_layout(sample_out: Path) -> None:
    sheet = load_workbook(sample_out / "xlsx" / "360799" / "社会救助.xlsx").active
    assert [sheet.cell(1, c).value for c in (1, 2, 4, 9, 11, 13)] == ["序号", "公开事项", "公开内容（要素）", "公开对象", "公开方式", "公开层级"]
    assert [sheet.cell(2, c).value for c in (2, 3, 9, 10, 11, 12)] == ["一级事项", "二级事项", "全社会", "特定群体", "主动", "依申请"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "B1:C1" in merged and "A1:A2" in merged
    assert "B5:B7" in merged  # 最低生活保障 spans its three second-level items
    assert sheet.cell(3, 11).value == "√"


PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror="alert(2)">', "javascript:alert(3)", "</script><b>x</b>"]


def test_published_text_is_escaped(tmp_path: Path) -> None:
    text = BASE
    text = edit("name: 最低生活保障", f"name: '{PAYLOADS[0]}'", text)
    text = edit("content: 低保标准、申请条件、办理流程", f"content: ['{PAYLOADS[1]}', '{PAYLOADS[2]}', '{PAYLOADS[3]}']", text)
    root = write_workspace(tmp_path / "ws", {"catalogs/a.yaml": text})
    out = tmp_path / "out"
    build(discover(root), load_settings(root), out, jobs=1)
    page = (out / "site" / "r" / "360799" / "养老服务.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    shard = (out / "site" / "search" / "360799.js").read_text(encoding="utf-8")
    assert "<" not in shard and "\\u003cscript\\u003e" in shard


def test_not_applicable_statements_are_published(sample_out: Path) -> None:
    index = (sample_out / "site" / "index.html").read_text(encoding="utf-8")
    assert "未涉及领域说明" in index and "本乡辖区内近三年无重大建设项目" in index


def test_site_and_excel_do_not_import_the_build() -> None:
    """The bundle's models live below publish: the site and the Excel tables need nothing from build.py."""
    import ast

    for name in ("site.py", "xlsx.py", "layout.py", "output.py"):
        tree = ast.parse((ROOT / "src" / "catalogc" / "publish" / name).read_text(encoding="utf-8"))
        imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert "catalogc.publish.build" not in imported, name


@pytest.mark.parametrize("sqlite", [True, False], ids=["with-database", "bundle-only"])
def test_files_are_the_serialized_models(tmp_path: Path, sqlite: bool) -> None:
    """The region × domain files are the spool's item arrays joined under the group's head (bundle
    only, the items are never decoded): byte for byte what the group's model serializes to."""
    from catalogc.model.bundle import Index, RegionDomain
    from catalogc.publish.build import dumps

    result = build(discover(ROOT), load_settings(ROOT), tmp_path / "out", jobs=1, site=False, excel=False,
                   sqlite=sqlite)
    assert Index.model_validate_json((result.out / "index.json").read_bytes()) == result.index
    bundle = _in_memory(ROOT)  # what the streaming build spooled and read back, compiled in one process
    assert bundle.index == result.index and [g.path for g in bundle.groups] == [f.path for f in result.index.files]
    for group in bundle.groups:
        text = (result.out / group.path).read_text(encoding="utf-8")
        assert text == dumps(group) and RegionDomain.model_validate_json(text) == group


def _in_memory(root: Path):
    from catalogc.check.engine import check_workspace
    from catalogc.publish.build import assemble
    from catalogc.publish.compile import compile_catalog

    settings = load_settings(root)
    return assemble(check_workspace(discover(root), settings, 2, collect=compile_catalog), settings, False)



def test_models_cross_processes_without_validating_again(tmp_path: Path, monkeypatch) -> None:
    """Items come back from the check workers pickled as their fields: equal, serialized the same,
    and not run through pydantic's validators a second time."""
    import pickle

    from pydantic import BaseModel

    from catalogc.model.bundle import Item, RegionDomain
    from catalogc.publish.build import dumps

    groups = _in_memory(ROOT).groups
    data = pickle.dumps(groups)

    def refuse(*args, **kwargs):
        raise AssertionError("validated again")

    monkeypatch.setattr(BaseModel, "__setstate__", refuse)
    monkeypatch.setattr(Item, "__pydantic_validator__", None)
    back = pickle.loads(data)
    monkeypatch.undo()
    assert back == groups and [dumps(g) for g in back] == [dumps(g) for g in groups]
    assert all(isinstance(g, RegionDomain) for g in back)
    back[0].items[0].name = "改名"  # an unpickled model still takes assignments
    assert back[0].items[0].name == "改名" and "name" in back[0].items[0].model_fields_set


@pytest.mark.parametrize("root", [ROOT, ROOT / "examples" / "broken",
                                  *sorted(p.parent for p in (ROOT / "tests" / "corpora" / "real").glob("*/catalogs"))],
                         ids=lambda p: p.name)
def test_compiled_items_fit_their_models(root: Path) -> None:
    """Items are compiled without running the validators (``model.bundle.trusted``): every one of
    them, from the sample, the broken example and each real table, must pass them unchanged."""
    from catalogc.check.engine import check_workspace
    from catalogc.model.bundle import CatalogMeta, Item
    from catalogc.publish.compile import compile_catalog

    result = check_workspace(discover(root), load_settings(root), 1, collect=compile_catalog)
    items = [item for _, compiled in result.compiled for item in compiled]
    assert result.compiled and items
    for meta, _ in result.compiled:
        assert CatalogMeta.model_validate(meta.model_dump(), strict=True) == meta
    for item in items:
        assert Item.model_validate(item.model_dump(), strict=True) == item, item.id


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)  # what a YAML string can hold


@settings(max_examples=60, deadline=None)
@given(name=_TEXT, sub=st.none() | _TEXT, content=st.lists(_TEXT, max_size=3), basis=st.lists(_TEXT, max_size=2),
       limit=_TEXT, subject=st.lists(_TEXT, max_size=2), note=st.none() | _TEXT, reason=st.none() | _TEXT.filter(bool),
       powers=st.lists(_TEXT, max_size=2))
def test_the_spool_holds_the_bytes_the_models_serialize_to(name, sub, content, basis, limit, subject, note, reason,
                                                           powers) -> None:
    """The spool writes compiled items as plain data with orjson (``compile_rows``); the bundle files
    join those bytes as they are, so they must be what pydantic writes for the models, whatever the text."""
    import datetime as dt

    import orjson
    import yaml

    from catalogc.model.bundle import items_adapter
    from catalogc.model.catalog import ChangeNote
    from catalogc.model.validate import validate
    from catalogc.publish.compile import compile_catalog, compile_rows

    head, items, _, _ = validate(yaml.safe_load(BASE))
    assert head is not None
    item = items[0][1].model_copy(update={
        "name": name, "sub": sub, "content": content, "basis": basis, "time_limit": limit, "subject": subject,
        "audience_note": note, "powers": powers, "services": powers[::-1],
        "change_note": ChangeNote(reason=reason, date=dt.date(2025, 3, 1) if len(reason) % 2 else None) if reason else None})
    file, lines = "catalogs/民政局/社会救助.yaml", {item.id: 7}
    spooled = orjson.dumps(compile_rows(head, [item, items[0][1]], file, lines))
    _, models = compile_catalog(head, [item, items[0][1]], file, lines)
    validated = items_adapter().validate_json(spooled)  # models as pydantic makes them, fields in their order
    assert validated == models
    assert spooled == items_adapter().dump_json(validated)


# Safe outputs: OUT is replaced as a whole, so nothing but an earlier build's output may be there.

def _small_workspace(root: Path) -> Path:
    write_workspace(root, {"catalogs/民政局/社会救助.yaml": BASE, "catalogc.toml": "", ".git/HEAD": "ref: x\n"})
    return root


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _build(*args: str) -> object:
    return CliRunner().invoke(main, ["build", *args, "--no-site", "--no-excel", "-j", "1"])


@pytest.mark.parametrize("where", [".", "catalogs", "catalogs/民政局/out", "catalogs/民政局/社会救助.yaml",
                                   "catalogc.toml", ".."])
def test_output_overlapping_the_inputs_is_refused(tmp_path: Path, where: str) -> None:
    ws = _small_workspace(tmp_path / "ws")
    before = _tree(tmp_path)
    result = _build(str(ws), "-o", str(ws / where))
    assert result.exit_code == 2, result.output
    assert "工作区的输入" in result.output and "-o" in result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback
    assert _tree(tmp_path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["ws"]


def test_output_inside_the_workspace_but_outside_its_inputs_is_fine(tmp_path: Path) -> None:
    ws = _small_workspace(tmp_path / "ws")
    assert _build(str(ws), "-o", str(ws / "out")).exit_code == 0
    assert verify(ws / "out").ok and (ws / ".git" / "HEAD").exists()


def test_unrelated_folder_is_replaced_only_with_force(tmp_path: Path) -> None:
    ws = _small_workspace(tmp_path / "ws")
    other = write_workspace(tmp_path / "docs", {"notes.txt": "keep me", "sub/a.txt": "a"})
    result = _build(str(ws), "-o", str(other))
    assert result.exit_code == 2 and str(other) in result.output and "--force" in result.output
    assert _tree(other) == {"notes.txt": b"keep me", "sub/a.txt": b"a"}
    assert _build(str(ws), "-o", str(other), "--force").exit_code == 0
    assert verify(other).ok and not (other / "notes.txt").exists()


def test_a_file_at_out_is_refused(tmp_path: Path) -> None:
    ws = _small_workspace(tmp_path / "ws")
    (tmp_path / "out").write_text("x", encoding="utf-8")
    result = _build(str(ws), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2 and "是一个文件" in result.output
    assert (tmp_path / "out").read_text(encoding="utf-8") == "x"
    result = _build(str(ws), "-o", str(tmp_path / "out" / "site"))
    assert result.exit_code == 2 and "不能在" in result.output
    assert isinstance(result.exception, SystemExit)  # a message, not a traceback


def test_empty_folder_and_previous_output_are_replaced(tmp_path: Path) -> None:
    ws = _small_workspace(tmp_path / "ws")
    (tmp_path / "out").mkdir()
    assert _build(str(ws), "-o", str(tmp_path / "out")).exit_code == 0
    assert _build(str(ws), "-o", str(tmp_path / "out")).exit_code == 0
    assert verify(tmp_path / "out").ok


def test_symlinked_out_is_replaced_not_its_target(tmp_path: Path) -> None:
    ws = _small_workspace(tmp_path / "ws")
    release = tmp_path / "releases" / "v1"
    assert _build(str(ws), "-o", str(release)).exit_code == 0
    before = _tree(release)
    (tmp_path / "current").symlink_to(Path("releases") / "v1")
    (ws / "catalogs" / "民政局" / "社会救助.yaml").write_text(BASE.replace("溪山县民政局", "溪山县民政局 "),
                                                              encoding="utf-8")
    result = _build(str(ws), "-o", str(tmp_path / "current"))
    assert result.exit_code == 0, result.output
    assert "符号链接" in result.output
    assert _tree(release) == before and verify(release).ok
    current = tmp_path / "current"
    assert not current.is_symlink() and current.is_dir() and verify(current).ok


def test_symlink_to_an_unrelated_folder_needs_force(tmp_path: Path) -> None:
    ws = _small_workspace(tmp_path / "ws")
    other = write_workspace(tmp_path / "docs", {"notes.txt": "keep me"})
    (tmp_path / "current").symlink_to(other)
    result = _build(str(ws), "-o", str(tmp_path / "current"))
    assert result.exit_code == 2 and "符号链接" in result.output
    assert _build(str(ws), "-o", str(tmp_path / "current"), "--force").exit_code == 0
    assert _tree(other) == {"notes.txt": b"keep me"} and verify(tmp_path / "current").ok


@pytest.mark.parametrize(("umask", "folder", "file"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_output_has_ordinary_permissions(tmp_path: Path, umask: int, folder: int, file: int) -> None:
    import os
    import stat

    ws = _small_workspace(tmp_path / "ws")
    previous = os.umask(umask)
    try:
        out = build(discover(ws), load_settings(ws), tmp_path / "out", jobs=1).out
    finally:
        os.umask(previous)
    modes = {p.relative_to(tmp_path).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in [out, *out.rglob("*")]}
    assert modes["out"] == folder
    assert {m for p, m in modes.items() if (tmp_path / p).is_dir()} == {folder}
    assert {m for p, m in modes.items() if (tmp_path / p).is_file()} == {file}


def test_search_fold_table_maps_only_what_can_match() -> None:
    from catalogc.publish.search import fold_table

    table = fold_table(set("办事乾隆干"))
    assert table["辦"] == "办"
    assert "乾" not in table  # the index keeps 乾 (乾隆): mapping it to 干 would lose the match
    assert "號" not in table  # 号 is not in the index: nothing could match either way


def test_search_index_is_folded(sample_out: Path) -> None:
    shard = (sample_out / "site" / "search" / "360799.js").read_text(encoding="utf-8")
    rows = json.loads(shard.removeprefix("catalogcSearch.add(").removesuffix(");\n"))
    assert all(len(r[3]) <= 121 for r in rows)
    assert any("（" in r[3] and "(" in r[12] and "（" not in r[12] for r in rows)  # full width folded


@pytest.mark.parametrize(("setup", "expected"), [
    (lambda d: None, "找不到目录"),
    (lambda d: d.mkdir(), "中没有 manifest.json"),
    (lambda d: (d.mkdir(), (d / "manifest.json").write_text("[1", encoding="utf-8")), "不是 catalogc 的清单"),
    (lambda d: (d.mkdir(), (d / "manifest.json").write_text('{"files": []}', encoding="utf-8")), "不是 catalogc 的清单"),
])
def test_verify_explains_what_is_not_a_bundle(tmp_path: Path, setup, expected: str) -> None:
    folder = tmp_path / "out"
    setup(folder)
    result = CliRunner().invoke(main, ["verify", str(folder)])
    assert result.exit_code == 2 and expected in result.output and str(folder) in result.output
    assert isinstance(result.exception, SystemExit)


def test_publishing_runs_with_the_collector_paused(tmp_path: Path, monkeypatch) -> None:
    """The bundle is a large tree of models without cycles: collections would only cost time."""
    import gc

    import catalogc.publish.build as module

    seen = []
    original = module.Group.write
    monkeypatch.setattr(module.Group, "write", lambda *a: (seen.append(gc.isenabled()), original(*a))[1])
    build(discover(ROOT), load_settings(ROOT), tmp_path / "out", jobs=1, site=False, excel=False)
    assert seen and not any(seen) and gc.isenabled()  # once per group, each with the collector off


def test_atomic_writes_have_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    from catalogc.atomic import write_text_atomic

    previous = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "report.json", lambda stream: stream.write("{}"))
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "report.json").stat().st_mode) == 0o644


def test_a_failed_write_is_a_message_and_leaves_the_previous_output(tmp_path: Path, sample_out: Path,
                                                                   monkeypatch) -> None:
    import errno

    import catalogc.publish.xlsx

    out = tmp_path / "out"
    shutil.copytree(sample_out, out)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(catalogc.publish.xlsx, "write_tables", full)
    result = CliRunner().invoke(main, ["build", str(ROOT), "-o", str(out), "--no-site", "-j", "1"])
    assert result.exit_code == 2 and f"写入 {out} 失败" in result.output and "之前的输出未改动" in result.output
    assert verify(out).ok and sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_leftovers_of_an_interrupted_swap_are_removed(tmp_path: Path) -> None:
    """A build killed between its two renames leaves the previous OUT as .OUT.old-PID; the next one clears it."""
    ws = _small_workspace(tmp_path / "ws")
    write_workspace(tmp_path, {".out.old-123/index.json": "{}", ".out.tmp-x/index.json": "{}"})
    (tmp_path / ".out.old-456").symlink_to(ws)
    build(discover(ws), load_settings(ws), tmp_path / "out", jobs=1, site=False, excel=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "ws"]
    assert (ws / "catalogs").is_dir()  # a leftover symlink is removed, not followed


def test_streaming_build_writes_what_a_bundle_in_memory_writes(tmp_path: Path, monkeypatch) -> None:
    """The check's workers spool the compiled items and send back only each catalog's metadata; the
    region workers read them back. The files are those of the same build whose items stay in memory
    (the check's collector compiling models), and the spool is gone from OUT and from its manifest."""
    from collections import Counter

    import catalogc.publish.build as module
    from catalogc.model.bundle import Index, RegionDomain
    from catalogc.publish.build import dumps
    from catalogc.publish.compile import compile_catalog
    from catalogc.publish.spool import FOLDER, Spooled

    workspace = tmp_path / "ws"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(workspace), "--counties", "4"],
                   check=True, capture_output=True)
    sent: list[object] = []
    checked = module.check_workspace

    def check(*args, **kwargs):
        result = checked(*args, **kwargs)
        sent.extend(items for _, items in result.compiled)
        return result

    monkeypatch.setattr(module, "check_workspace", check)
    streamed = build(discover(workspace), load_settings(workspace), tmp_path / "streamed", jobs=2).out
    assert len(sent) >= 16 and all(isinstance(items, Spooled) or items == [] for items in sent)
    # one spool file per process that checked (the parent, which checks the first file before forking,
    # and two workers), never one per catalog
    assert len({items.path for items in sent if isinstance(items, Spooled)}) <= 3
    sent.clear()
    monkeypatch.setattr(module, "spooler", lambda folder: compile_catalog)
    held = build(discover(workspace), load_settings(workspace), tmp_path / "held", jobs=2).out
    assert sent and all(isinstance(items, list) for items in sent)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    first, second = files(streamed), files(held)
    assert first == second and any(name.startswith("site/search/") for name in first)
    # a region × domain file joins the spooled arrays of several catalogs: still what its model serializes to
    index = Index.model_validate_json(first["index.json"])
    assert max(Counter((c.region, c.domain) for c in index.catalogs).values()) > 1
    for entry in index.files:
        assert first[entry.path].decode("utf-8") == dumps(RegionDomain.model_validate_json(first[entry.path]))
    assert not any(FOLDER in name for name in first) and not (streamed / FOLDER).exists()
    assert not any(FOLDER in name for name in json.loads(first["manifest.json"])["files"])


def test_a_process_appends_its_catalogs_to_one_spool_file_and_a_worker_to_its_own(tmp_path: Path) -> None:
    """An office's stamped spool shares its process's file; a forked process opens another, and each
    catalog reads back exactly the bytes spooled for it."""
    import os

    from catalogc.model.bundle import CatalogMeta
    from catalogc.publish.spool import Spooled, Spooler

    meta = CatalogMeta(file="a.yaml", region="320102", department="县民政局", domain="社会救助", items=1)
    spool = Spooler(tmp_path)
    stamped = spool.stamped(lambda pair: pair)
    first = spool.restore("a.yaml", meta.model_dump_json().encode(), b'[{"id":"A-1"}]')[1]
    second = stamped.restore("b.yaml", meta.model_dump_json().encode(), b'[{"id":"B-1"},{"id":"B-2"}]')[1]
    assert isinstance(first, Spooled) and isinstance(second, Spooled)
    assert first.path == second.path and (first.offset, second.offset) == (0, first.size)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked process reports through the pipe
        part = spool.restore("c.yaml", meta.model_dump_json().encode(), b'[{"id":"C-1"}]')[1]
        os.write(write, f"{part.path}\n{part.offset}\n{part.size}".encode())
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    with os.fdopen(read) as pipe:
        path, offset, size = pipe.read().split("\n")
    third = Spooled(Path(path), int(offset), int(size))
    assert third.path != first.path and third.offset == 0
    assert [part.encoded() for part in (first, second, third)] == [
        b'[{"id":"A-1"}]', b'[{"id":"B-1"},{"id":"B-2"}]', b'[{"id":"C-1"}]']
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({first.path.name, third.path.name})
