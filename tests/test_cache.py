"""The incremental cache: results with and without it are identical, and a change in any input
of a key invalidates exactly what depends on it."""

from __future__ import annotations

import marshal
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogc.check import cache as caching
from catalogc.check import engine
from catalogc.check.engine import check_workspace
from catalogc.check.prepare import load_settings, settings_and_cache
from catalogc.cli import main
from catalogc.load.workspace import discover
from catalogc.rules import WORKSPACE_RULES
from catalogc.rules.base import Rule
from tests.paths import ROOT
from tests.rules import BASE, edit


@pytest.fixture(autouse=True)
def _cache_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CATALOGC_NO_CACHE", raising=False)
    monkeypatch.delenv("CATALOGC_CACHE_DIR", raising=False)


def _copy(tmp_path: Path, source: Path, *names: str) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    for name in names or [p.name for p in source.iterdir()]:
        if (source / name).is_dir():
            shutil.copytree(source / name, root / name)
        elif (source / name).exists():
            shutil.copy(source / name, root / name)
    return root


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """examples/broken as a plain workspace: its [[sources]] make it an office, which runs uncached."""
    root = _copy(tmp_path, ROOT / "examples" / "broken")
    shutil.rmtree(root / "sources")
    settings = root / "catalogc.toml"
    settings.write_text(settings.read_text(encoding="utf-8").split("[[sources]]")[0], encoding="utf-8")
    return root


def test_an_office_workspace_is_checked_without_the_cache(tmp_path: Path) -> None:
    root = _copy(tmp_path, ROOT / "examples" / "broken")
    bare = _json(root, "--no-cache")
    assert _json(root) == bare and '"C401"' in bare[1]
    assert not (root / ".catalogc_cache").exists()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return _copy(tmp_path, ROOT, "catalogs", "lists", "catalogc.toml")


def _json(root: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(root), "--format", "json", *options])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout


@pytest.mark.parametrize("workspace", ["broken", "sample", "generated"])
def test_output_with_and_without_cache_is_byte_identical(workspace: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(workspace)
    bare = _json(root, "--no-cache")
    assert not (root / ".catalogc_cache").exists()
    assert _json(root, "--jobs", "2") == bare  # cold: workers check and store
    assert (root / ".catalogc_cache" / "files").is_dir()
    assert _json(root, "--jobs", "2") == bare  # warm: every file from the cache
    assert _json(root, "--select", "C2", "--lang", "en") == _json(root, "--select", "C2", "--lang", "en", "--no-cache")
    assert _json(root, "--ignore", "C1", "--strict") == _json(root, "--ignore", "C1", "--strict", "--no-cache")


def test_cache_folder_is_tagged_and_ignored_by_git(broken: Path) -> None:
    _json(broken)
    folder = broken / ".catalogc_cache"
    assert (folder / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55\n")
    assert (folder / ".gitignore").read_text().splitlines()[-1] == "*"
    assert not [p for p in folder.rglob(".*") if p.name != ".gitignore"]  # no temporary file left


class Run:
    """A check through the cache, in this process, recording which files were parsed."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root = root
        self.parsed: list[str] = []
        original = engine.check_file

        def spy(path, rel, *args, **kwargs):  # type: ignore[no-untyped-def]
            self.parsed.append(rel)
            return original(path, rel, *args, **kwargs)

        monkeypatch.setattr(engine, "check_file", spy)

    def __call__(self, cached: bool = True, **options: object) -> list[tuple[str, int, str, str]]:
        self.parsed.clear()
        workspace = discover(self.root)
        settings, cache = settings_and_cache(workspace, cached, **options)  # as the command line opens them
        result = check_workspace(workspace, settings, jobs=1, cache=cache)
        self.parsed.sort()
        return [(d.file, d.line, d.code, d.message) for d in result.diagnostics]


@pytest.fixture
def run(generated: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    return Run(generated, monkeypatch)


def _catalogs(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in (root / "catalogs").rglob("*.yaml"))


def _same(run: Run, **options: object) -> list[tuple[str, int, str, str]]:
    """The cached result, asserted equal to an uncached run's."""
    cached = run(**options)
    parsed_before = list(run.parsed)
    assert cached == run(cached=False, **options)
    run.parsed[:] = parsed_before
    return cached


def test_unchanged_files_are_not_parsed_again(run: Run) -> None:
    first = _same(run)
    assert run.parsed == _catalogs(run.root)
    assert _same(run) == first
    assert run.parsed == []


def test_changing_one_file_parses_that_file_only(run: Run) -> None:
    _same(run)
    target = _catalogs(run.root)[3]
    path = run.root / target
    path.write_text(path.read_text(encoding="utf-8").replace("channels: [", "channels: [官方网站, ", 1), encoding="utf-8")
    found = _same(run)
    assert run.parsed == [target]
    assert any(f[0] == target and f[2] == "C105" for f in found)


def test_a_duplicate_in_another_file_updates_cross_file_findings(run: Run) -> None:
    assert not [f for f in _same(run) if f[2] == "C201"]
    lines = (run.root / _catalogs(run.root)[0]).read_text(encoding="utf-8").split("\n")
    ids = [n for n, line in enumerate(lines) if line.startswith("  - id: ")]
    for n in ids[1:]:  # the same region and domain in another file, its first id taken again
        lines[n] = lines[n].replace("  - id: ", "  - id: Z", 1)
    copy = run.root / "catalogs" / "zz-copy.yaml"
    copy.write_text("\n".join(lines), encoding="utf-8")
    found = _same(run)
    assert run.parsed == ["catalogs/zz-copy.yaml"]
    # the later of the two by file name carries it: here the original (z sorts before 九)
    assert [f[0] for f in found if f[2] == "C201"] == [_catalogs(run.root)[1]]
    copy.unlink()  # deleting the file removes its findings, and the duplicate it made
    found = _same(run)
    assert run.parsed == []
    assert not [f for f in found if f[0] == "catalogs/zz-copy.yaml" or f[2] in ("C201", "C202")]


def test_settings_that_reach_rules_invalidate_every_file(run: Run) -> None:
    _same(run)
    (run.root / "catalogc.toml").write_text('[regions]\n"360101" = "南昌市东湖区"\n', encoding="utf-8")
    _same(run)
    assert run.parsed == _catalogs(run.root)


def test_selection_levels_and_language_reuse_entries(run: Run) -> None:
    _same(run)
    _same(run, select="C1,C2", lang="en")
    assert run.parsed == []
    _same(run, ignore="C205", strict=True)
    assert run.parsed == []


def test_reference_data_tool_and_format_are_in_the_key(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    _same(run)
    monkeypatch.setattr(caching, "refdata_digest", lambda: b"another registry")
    _same(run)
    assert run.parsed == _catalogs(run.root)
    monkeypatch.setattr(caching, "tool_digest", lambda: b"catalogc 9.9")
    _same(run)
    assert run.parsed == _catalogs(run.root)
    monkeypatch.setattr(caching, "FORMAT", caching.FORMAT + 1)
    _same(run)
    assert run.parsed == _catalogs(run.root)


def test_list_files_update_list_findings(sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run = Run(sample, monkeypatch)
    before = _same(run)
    csv = next((sample / "lists" / "powers").glob("*.csv"))
    lines = csv.read_text(encoding="utf-8").splitlines()
    # one more power entry nobody discloses: a new C301 on the list, no catalog parsed again
    extra = lines[-1].split(",")
    extra[0] = extra[0][:-4] + "9999"
    csv.write_text("\n".join([*lines, ",".join(extra)]) + "\n", encoding="utf-8")
    after = _same(run)
    assert run.parsed == []
    assert len([f for f in after if f[2] == "C301"]) == len([f for f in before if f[2] == "C301"]) + 1


def _entries(root: Path, kind: str = "files") -> list[Path]:
    return sorted(p for p in (root / ".catalogc_cache" / kind).rglob("*") if p.is_file())


def _forget_runs(root: Path) -> None:
    """Remove the runs' summaries, so the next run reads the file entries (a run with nothing
    changed is answered from its summary and reads none)."""
    shutil.rmtree(root / ".catalogc_cache" / "runs")


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty", "shape"])
def test_damaged_entries_are_ignored_and_rebuilt(run: Run, damage: str) -> None:
    first = _same(run)
    entry = _entries(run.root)[0]
    blob = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(blob[: len(blob) // 2])
    elif damage == "flip":
        entry.write_bytes(blob[:-5] + bytes([blob[-5] ^ 0x40]) + blob[-4:])
    elif damage == "garbage":
        entry.write_bytes(os.urandom(len(blob)))
    elif damage == "empty":
        entry.write_bytes(b"")
    else:  # well-formed marshal data with a valid checksum, but not an entry's shape
        head = len(caching.MAGIC) + 1 + 20
        payload = marshal.dumps((("C999", 1), (), (), None, None))
        import hashlib

        entry.write_bytes(blob[:head] + hashlib.blake2b(payload, digest_size=20).digest() + payload)
    _forget_runs(run.root)
    shutil.rmtree(run.root / ".catalogc_cache" / "index")  # else the index answers, the entry unread
    assert _same(run) == first
    assert len(run.parsed) == 1
    assert entry.read_bytes() == blob  # rebuilt as it was


def test_the_index_answers_unchanged_files_and_their_entries_are_read_for_their_facts(run: Run) -> None:
    """The index keeps each entry but its facts: a run reads an entry only for the facts, and a
    damaged one is then rebuilt from its file."""
    first = _same(run)
    uncached = _facts(run.root, cached=False)
    entry = _entries(run.root)[0]
    blob = entry.read_bytes()
    entry.write_bytes(blob[: len(blob) // 2])
    _forget_runs(run.root)
    assert _same(run) == first and run.parsed == []  # the findings from the index; no facts needed
    assert entry.read_bytes() != blob
    _forget_runs(run.root)
    run.parsed.clear()
    assert _facts(run.root, cached=True) == uncached  # every fact asked for: the damaged entry's file checked
    assert entry.read_bytes() == blob


def test_a_damaged_index_is_ignored(run: Run) -> None:
    first = _same(run)
    for index in (run.root / ".catalogc_cache" / "index").rglob("*"):
        if index.is_file():
            index.write_bytes(index.read_bytes()[:40])
    assert _same(run) == first
    assert run.parsed == []  # the entries still answer; the files were only hashed again


def test_an_entry_stored_under_another_key_is_not_used(run: Run) -> None:
    _same(run)
    a, b = _entries(run.root)[:2]
    a.write_bytes(b.read_bytes())  # right format and checksum, wrong key
    _forget_runs(run.root)
    shutil.rmtree(run.root / ".catalogc_cache" / "index")  # else the index answers, the entry unread
    _same(run)
    assert len(run.parsed) == 1


def test_old_unused_entries_are_swept(run: Run) -> None:
    _same(run)
    stale = run.root / ".catalogc_cache" / "files" / "00" / ("0" * 38)
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"old")
    recent = stale.with_name("1" * 38)
    recent.write_bytes(b"recent")
    derived = run.root / ".catalogc_cache" / "derived" / "00" / ("0" * 38)  # a table of an older data release
    derived.parent.mkdir(parents=True, exist_ok=True)
    derived.write_bytes(b"old")
    day_ago = time.time() - caching.SWEEP_AGE - 60
    os.utime(stale, (day_ago, day_ago))
    os.utime(derived, (day_ago, day_ago))
    target = run.root / _catalogs(run.root)[0]
    workspace = discover(run.root)
    key = caching.open_cache(workspace, load_settings(run.root)).file_key(_catalogs(run.root)[0], target.read_bytes())
    used = next(p for p in _entries(run.root)  # another file's entry
                if p.parent.name + p.name != key.hex() and p not in (stale, recent))
    os.utime(used, (day_ago, day_ago))
    run()
    assert stale.exists() and derived.exists()  # nothing stored: nothing swept
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run()
    assert stale.exists() and derived.exists()  # the first run swept less than an hour ago
    marker = run.root / ".catalogc_cache" / "swept"
    hour_ago = time.time() - caching.SWEEP_EVERY - 60
    os.utime(marker, (hour_ago, hour_ago))
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    run()
    assert not stale.exists() and not derived.exists() and recent.exists() and used.exists()
    assert time.time() - marker.stat().st_mtime < 60


def test_concurrent_runs_agree(generated: Path) -> None:
    command = [sys.executable, "-m", "catalogc", "check", str(generated), "--format", "json"]
    env = {k: v for k, v in os.environ.items() if k != "CATALOGC_NO_CACHE"}
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    bare = subprocess.run([*command, "--no-cache"], capture_output=True, timeout=120, env=env)
    assert [o for o, _ in outputs] == [bare.stdout, bare.stdout]
    assert [e for _, e in outputs] == [b"", b""]
    assert not [p for p in (generated / ".catalogc_cache").rglob(".*") if p.name != ".gitignore"]
    warm = subprocess.run(command, capture_output=True, timeout=120, env=env)
    assert warm.stdout == bare.stdout


def test_a_folder_that_is_not_a_cache_is_refused(broken: Path, tmp_path: Path) -> None:
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    result = CliRunner().invoke(main, ["check", str(broken), "--cache-dir", str(other)])
    assert result.exit_code == 2
    assert "不是 catalogc 的缓存目录" in result.output
    assert sorted(p.name for p in other.iterdir()) == ["keep.txt"]
    inside = CliRunner().invoke(main, ["check", str(broken), "--cache-dir", str(broken / "catalogs" / "c")])
    assert inside.exit_code == 2 and "输入" in inside.output
    assert not (broken / "catalogs" / "c").exists()


def test_cache_dir_option_and_environment(broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = _json(broken, "--no-cache")
    assert _json(broken, "--cache-dir", str(tmp_path / "c1")) == bare
    assert (tmp_path / "c1" / "CACHEDIR.TAG").is_file()
    monkeypatch.setenv("CATALOGC_CACHE_DIR", str(tmp_path / "c2"))
    assert _json(broken) == bare
    assert (tmp_path / "c2" / "CACHEDIR.TAG").is_file()
    monkeypatch.setenv("CATALOGC_NO_CACHE", "1")
    assert _json(broken, "--cache-dir", str(tmp_path / "c3")) == bare
    assert not (tmp_path / "c3").exists()
    assert not (broken / ".catalogc_cache").exists()


def test_an_unwritable_cache_is_said_once_and_the_check_still_runs(broken: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    bare = _json(broken, "--no-cache")
    result = CliRunner().invoke(main, ["check", str(broken), "--format", "json", "--cache-dir", str(blocker / "c")])
    assert (result.exit_code, result.stdout) == bare
    assert result.stderr.count("无法写入") == 1


def test_build_with_cache_publishes_the_same_bundle(broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outs = []
    for n, options in enumerate((["--no-cache"], [], [])):
        out = tmp_path / f"out{n}"
        result = CliRunner().invoke(main, ["build", str(broken), "-o", str(out), "--allow-errors", "--no-excel",
                                           *options])
        assert result.exit_code == 0, result.output
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outs[0] == outs[1] == outs[2]
    spy = Run(broken, monkeypatch)
    from catalogc.publish.build import build

    workspace = discover(broken)
    settings = load_settings(broken)
    # a streaming build spools the stored JSON of a hit as it is: no item is made in the parent
    monkeypatch.setattr(caching, "_in_memory", lambda *args: pytest.fail("a hit's items were made in memory"))
    build(workspace, settings, tmp_path / "out3", allow_errors=True, jobs=1, site=False, excel=False,
          cache=caching.open_cache(workspace, settings))
    assert spy.parsed == []  # compiled items came from the entries too
    out3 = tmp_path / "out3"
    written = {p.relative_to(out3).as_posix(): p.read_bytes() for p in out3.rglob("*") if p.is_file()}
    assert len(written) > 3 and all(outs[0][name] == data for name, data in written.items() if name != "manifest.json")


def _read_until(proc: subprocess.Popen[bytes], needle: bytes, timeout: float = 60) -> bytes:
    assert proc.stdout is not None
    seen = b""
    deadline = time.monotonic() + timeout
    while needle not in seen:
        left = deadline - time.monotonic()
        assert left > 0, seen.decode("utf-8", "replace")
        ready, _, _ = select.select([proc.stdout], [], [], left)
        if ready:
            chunk = os.read(proc.stdout.fileno(), 65536)
            assert chunk, seen.decode("utf-8", "replace")
            seen += chunk
    return seen


def test_watch_rechecks_on_save_and_ctrl_c_exits_0(generated: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CATALOGC_NO_CACHE"}
    proc = subprocess.Popen([sys.executable, "-m", "catalogc", "check", str(generated), "--watch"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    try:
        first = _read_until(proc, b"\n")
        assert b"C105" not in first
        time.sleep(2)  # the watcher starts after the first check has been printed
        target = generated / _catalogs(generated)[0]
        target.write_text(target.read_text(encoding="utf-8").replace("channels: [", "channels: [官方网站, ", 1),
                          encoding="utf-8")
        later = _read_until(proc, b"C105")
        assert "重新检查".encode() in later
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_relative_names_match_the_workspace_s(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    (root / "catalogs" / "a" / ".hidden").mkdir(parents=True)
    (root / "real").mkdir()
    for rel in ("catalogs/a/x.yaml", "catalogs/a/.hidden/y.yaml", "real/z.yaml"):
        (root / rel).write_text("format: 1\n", encoding="utf-8")
    (root / "catalogs" / "link").symlink_to(root / "real")
    monkeypatch.chdir(root / "catalogs")
    workspace = discover(Path("a"))
    names = [rel for _, rel in workspace.named()]
    assert names == [workspace.rel(p) for p in workspace.catalogs]
    assert names == ["catalogs/a/.hidden/y.yaml", "catalogs/a/x.yaml", "catalogs/link/z.yaml"]


def test_clean_removes_only_a_catalogc_cache(broken: Path, tmp_path: Path) -> None:
    _json(broken)
    assert (broken / ".catalogc_cache").is_dir()
    result = CliRunner().invoke(main, ["clean", str(broken)])
    assert result.exit_code == 0 and "已删除" in result.output
    assert not (broken / ".catalogc_cache").exists()
    assert CliRunner().invoke(main, ["clean", str(broken)]).exit_code == 0
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    refused = CliRunner().invoke(main, ["clean", str(broken), "--cache-dir", str(other)])
    assert refused.exit_code == 2 and (other / "keep.txt").exists()


def _per_group(roots: list[Path], rules: list[Rule], lists: bool) -> set[str]:
    """Assert each rule gives per region × domain what it gives over the whole workspace; the codes that found something."""
    from catalogc.check.graph import DisclosureGraph
    from catalogc.load.lists import load_lists
    from catalogc.rules.base import WorkspaceContext

    fired: set[str] = set()
    for root in roots:
        settings = load_settings(root)
        results = engine.run_files(discover(root), settings, jobs=1)
        facts = [f for r in results for f in r.facts]
        catalogs = [r.catalog for r in results if r.catalog is not None]
        entries = load_lists(root)[0] if lists else []
        graph = DisclosureGraph(facts, entries) if lists else None
        whole_ctx = WorkspaceContext(facts, settings, entries, graph, catalogs)
        groups = {(f.region, f.domain) for f in facts} | {(c.region, c.domain) for c in catalogs}
        for rule in rules:
            whole = sorted(map(repr, rule.check(whole_ctx)))
            parts = sorted(repr(found) for group in groups for found in rule.check(WorkspaceContext(
                [f for f in facts if (f.region, f.domain) == group], settings, [], None,
                [c for c in catalogs if (c.region, c.domain) == group])))
            assert parts == whole, rule.code
            fired |= {rule.code} if whole else set()
    return fired


def test_grouped_rules_give_per_group_what_they_give_over_the_workspace(broken: Path, tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    sample = _copy(tmp_path / "s", ROOT, "catalogs", "lists", "catalogc.toml")
    grouped = [r for r in WORKSPACE_RULES if r.code in caching.GROUPED]
    # each rule had something to find in one of the workspaces
    assert _per_group([broken, sample], grouped, lists=True) == caching.GROUPED


def test_without_lists_every_workspace_rule_gives_per_group_what_it_gives_over_the_workspace(
        broken: Path, tmp_path: Path) -> None:
    """What lets a re-run without lists check one group again and leave the other files' facts encoded."""
    shutil.rmtree(broken / "lists")
    (tmp_path / "s").mkdir()
    sample = _copy(tmp_path / "s", ROOT, "catalogs", "catalogc.toml")
    penalty = edit("content: 低保标准、申请条件、办理流程", "content: 行政处罚决定或行政处罚决定书", BASE)
    (sample / "catalogs" / "penalty.yaml").write_text(penalty, encoding="utf-8")  # C108 without a powers: link
    assert {"C108", *caching.GROUPED} <= _per_group([broken, sample], list(WORKSPACE_RULES), lists=False)


def test_a_re_run_decodes_the_facts_of_the_changed_group_only(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    _same(run)
    target = _catalogs(run.root)[3]
    path = run.root / target
    path.write_text(path.read_text(encoding="utf-8").replace("channels: [", "channels: [官方网站, ", 1), encoding="utf-8")
    decoded: list[object] = []
    original = caching._FACT

    def counting(values: tuple[object, ...]) -> object:
        decoded.append(values)
        return original(values)

    monkeypatch.setattr(caching, "_FACT", counting)
    run.parsed.clear()
    workspace = discover(run.root)
    settings = load_settings(workspace.root)
    result = check_workspace(workspace, settings, jobs=1, cache=caching.open_cache(workspace, settings))
    assert run.parsed == [target]
    region_domain = {(v[0], v[1]) for v in decoded}  # type: ignore[index]
    assert decoded and len(region_domain) == 1  # the other files of the changed file's group only
    assert len(decoded) < result.items
    assert len(list(result.facts)) == result.items  # all of them, once asked for


def _facts(root: Path, cached: bool) -> tuple[list[tuple[str, int, str, str]], int, int, list[object]]:
    workspace = discover(root)
    settings = load_settings(workspace.root)
    result = check_workspace(workspace, settings, jobs=1, cache=caching.open_cache(workspace, settings) if cached else None)
    return [(d.file, d.line, d.code, d.message) for d in result.diagnostics], result.files, result.items, list(result.facts)


def test_a_run_with_nothing_changed_reads_only_its_summary(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _same(run)
    assert len(_entries(run.root, "runs")) == 1

    def unread(*args: object) -> None:
        raise AssertionError("a file entry was read")

    with monkeypatch.context() as patched:
        patched.setattr(caching.Cache, "load_file", unread)
        patched.setattr(engine, "_run_rules", unread)
        assert run() == first
    assert run.parsed == []
    # the item facts (``--statistics``) are read from the entries when asked for, as they were
    uncached = _facts(run.root, cached=False)
    assert _facts(run.root, cached=True) == uncached
    entry = _entries(run.root)[0]
    entry.write_bytes(entry.read_bytes()[:100])  # damaged after the summary was written: the file is read
    assert _facts(run.root, cached=True) == uncached and uncached[3]


def test_a_summary_is_not_used_once_a_file_or_a_setting_changed(run: Run) -> None:
    first = _same(run)
    target = run.root / _catalogs(run.root)[0]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("  - id:", "  - id: X1\n    name: 重复\n  - id:", 1), encoding="utf-8")
    edited = _same(run)
    assert edited != first and run.parsed == [_catalogs(run.root)[0]]
    assert _same(run, select="C2") == [f for f in edited if f[2].startswith("C2")]  # the policy, applied afresh
    (run.root / "catalogc.toml").write_text('[regions]\n"360101" = "南昌市东湖区"\n', encoding="utf-8")
    assert _same(run) != edited  # a setting in the keys: every file again
    assert len(run.parsed) == len(_catalogs(run.root))
    target.write_text(text, encoding="utf-8")
    assert _same(run) != first and len(run.parsed) == 1  # the file back as it was, under the new settings
    assert len(_entries(run.root, "runs")) == 4


@pytest.mark.parametrize("damage", ["truncate", "shape"])
def test_a_damaged_summary_is_ignored_and_rebuilt(run: Run, damage: str) -> None:
    first = _same(run)
    (summary,) = _entries(run.root, "runs")
    blob = summary.read_bytes()
    if damage == "truncate":
        summary.write_bytes(blob[: len(blob) // 2])
    else:
        payload = marshal.dumps(((("C999",),), (), "x", 1))
        import hashlib

        head = len(caching.MAGIC) + 1 + 20
        summary.write_bytes(blob[:head] + hashlib.blake2b(payload, digest_size=20).digest() + payload)
    assert _same(run) == first
    assert run.parsed == []  # the file entries answer
    assert summary.read_bytes() == blob


def _coverage(root: Path, cached: bool) -> list[object]:
    workspace = discover(root)
    settings = load_settings(root)
    return check_workspace(workspace, settings, jobs=1,
                           cache=caching.open_cache(workspace, settings) if cached else None).coverage()


def test_a_workspace_with_lists_is_answered_from_its_summary_until_a_list_changes(
        sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The summary keys the list files too; the disclosure graph is built only when asked for."""
    run = Run(sample, monkeypatch)
    first = _same(run)
    assert len(_entries(sample, "runs")) == 1

    def unread(*args: object) -> None:
        raise AssertionError("a file entry was read, or the rules ran")

    with monkeypatch.context() as patched:
        patched.setattr(caching.Cache, "load_file", unread)
        patched.setattr(engine, "_run_rules", unread)
        assert run() == first and run.parsed == []
    uncached = _coverage(sample, cached=False)
    assert uncached and _coverage(sample, cached=True) == uncached  # the graph, made from the replayed run
    powers = sorted((sample / "lists" / "powers").iterdir())[0]
    text = powers.read_text(encoding="utf-8")
    powers.write_text(text + text.splitlines()[-1] + "\n", encoding="utf-8")  # a duplicate row: C306
    changed = _same(run)
    assert changed != first and run.parsed == [] and any(f[2] == "C306" for f in changed)
    assert len(_entries(sample, "runs")) == 2
    powers.write_text(text, encoding="utf-8")
    assert _same(run) == first


def test_the_region_code_table_is_kept_in_the_cache(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from stdnum import numdb

    from catalogc import refdata

    refdata.places.cache_clear()
    first = _same(run)  # parses python-stdnum's table once, and keeps it
    kept = max(_entries(run.root, "derived"), key=lambda p: p.stat().st_size)  # beside it, the settings memo
    assert kept.stat().st_size > 100_000
    refdata.places.cache_clear()
    with monkeypatch.context() as patched:
        patched.setattr(numdb, "get", lambda name: pytest.fail("the table was parsed again"))
        target = run.root / _catalogs(run.root)[0]
        target.write_text(target.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        assert run() == first and run.parsed == [_catalogs(run.root)[0]]
    refdata.places.cache_clear()
    whole = kept.read_bytes()
    kept.write_bytes(whole[:-10])  # damaged: parsed afresh and kept again
    target.write_text(target.read_text(encoding="utf-8") + "# again\n", encoding="utf-8")
    assert run() == first
    assert kept.read_bytes() == whole


# A catalogc.toml with every setting a check takes from it (the memo must give back each of them).
EVERY_SETTING = """\
[check]
select = ["C1", "C2"]
ignore = ["C206"]
strict = true
severity = { C110 = "warning" }
per-path-ignores = { "catalogs/民政局/*" = ["C105"] }
[check.limits]
max-bytes = 4000000
max-depth = 64
[regions]
"360101" = "南昌市东湖区"
[domains]
extra = ["地方特色领域"]
[[laws]]
title = "溪山县社会救助工作细则"
number = "溪府发〔2023〕12号"
aliases = ["细则"]
"""


def _validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    from catalogc.load import config

    seen: list[str] = []
    original = config.parse_settings

    def spy(text, shown, codes):  # type: ignore[no-untyped-def]
        seen.append(text)
        return original(text, shown, codes)

    monkeypatch.setattr(config, "parse_settings", spy)
    return seen


def test_a_settings_file_validated_before_is_taken_from_the_cache(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The memo answers for the same bytes with settings equal to the validated ones in every field
    a rule or the policy reads, and in the cache's keys; other bytes are validated again."""
    settings_file = run.root / "catalogc.toml"
    settings_file.write_text(EVERY_SETTING, encoding="utf-8")
    workspace = discover(run.root)
    plain = load_settings(run.root, lang="en")  # without the cache
    base = caching.open_cache(workspace, plain).base
    validated = _validations(monkeypatch)
    first, cache = settings_and_cache(workspace, lang="en")
    assert first.file is not None and len(validated) == 1
    again, _ = settings_and_cache(workspace, lang="en")
    assert len(validated) == 1 and again.file is None  # not validated again
    for settings in (first, again):
        assert caching.settings_digest(settings) == caching.settings_digest(plain)
        for name in ("select", "ignore", "severity", "per_path_ignores", "strict", "regions", "extra_domains",
                     "limits", "options", "lang"):
            assert getattr(settings, name) == getattr(plain, name), name
        assert settings.local_laws is not None and settings.local_laws.knows("细则")
        assert settings.local_laws.knows("溪府发〔2023〕12号")
    assert cache is not None and cache.base == base

    settings_file.write_text(EVERY_SETTING + "# 改动\n", encoding="utf-8")  # other bytes: validated again
    assert settings_and_cache(workspace)[0].file is not None and len(validated) == 2
    settings_file.write_text(EVERY_SETTING + "bogus = 1\n", encoding="utf-8")  # and refused as without the cache
    with pytest.raises(caching.ConfigError, match="bogus"):
        settings_and_cache(workspace)


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_a_settings_file_reads_alike_with_and_without_the_cache(run: Run, ending: str) -> None:
    """Both paths read the file's bytes through one reader: any line ending, as a text-mode read gives."""
    (run.root / "catalogc.toml").write_bytes(EVERY_SETTING.replace("\n", ending).encode("utf-8"))
    workspace = discover(run.root)
    plain = load_settings(run.root)
    for _ in range(2):  # validated, then from the memo
        cached, _cache = settings_and_cache(workspace)
        assert caching.settings_digest(cached) == caching.settings_digest(plain)
        assert (cached.select, cached.regions) == (plain.select, plain.regions) == (("C1", "C2"), {"360101": "南昌市东湖区"})


def test_a_remembered_value_that_does_not_fit_is_ignored(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    (run.root / "catalogc.toml").write_text(EVERY_SETTING, encoding="utf-8")
    workspace = discover(run.root)
    settings_and_cache(workspace)
    for entry in _entries(run.root, "derived"):
        blob = entry.read_bytes()
        head = len(caching.MAGIC) + 1 + 20
        payload = marshal.dumps(("not", "settings"))
        entry.write_bytes(blob[:head] + __import__("hashlib").blake2b(payload, digest_size=20).digest() + payload)
    validated = _validations(monkeypatch)
    assert settings_and_cache(workspace)[0].file is not None and len(validated) == 1


def test_an_office_settings_file_is_not_remembered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only an office's run reads the validated file (its [[sources]]): it is validated every time."""
    root = _copy(tmp_path, ROOT / "examples" / "broken")
    validated = _validations(monkeypatch)
    workspace = discover(root)
    for _ in range(2):
        settings, _cache = settings_and_cache(workspace)
        assert settings.file is not None and settings.file.sources
    assert len(validated) >= 2
