"""Large runs: the benchmark's workspaces, output independent of parallelism, the JSON writer,
progress on terminals only, and --quiet."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogc.diagnostics import Diagnostic, Severity
from catalogc.report import json as json_report
from tests.paths import ROOT, script

GENERATE = [sys.executable, str(ROOT / "bench" / "generate.py")]


def catalogc(*args: str, **kwargs) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "catalogc", *args], capture_output=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def findings_ws(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("findings") / "ws"
    subprocess.run([*GENERATE, str(out), "--counties", "5", "--items", "10", "--findings", "0.6"], check=True,
                   capture_output=True)
    return out


def test_findings_workspace_carries_the_common_real_findings(findings_ws: Path) -> None:
    proc = catalogc("check", str(findings_ws), "--format", "json")
    counts = Counter(d["code"] for d in json.loads(proc.stdout))
    assert counts == {"C110": 448, "C105": 222, "C205": 11, "C301": 8, "C305": 8, "C106": 6}


def test_generate_is_deterministic_and_clean_without_findings(tmp_path: Path, findings_ws: Path) -> None:
    again = tmp_path / "again"
    subprocess.run([*GENERATE, str(again), "--counties", "5", "--items", "10", "--findings", "0.6"], check=True,
                   capture_output=True)
    files = sorted(p.relative_to(findings_ws) for p in findings_ws.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((findings_ws / f).read_bytes() == (again / f).read_bytes() for f in files)
    clean = tmp_path / "clean"
    subprocess.run([*GENERATE, str(clean), "--counties", "5", "--items", "10"], check=True, capture_output=True)
    proc = catalogc("check", str(clean), "--format", "json")
    assert (proc.returncode, proc.stdout) == (0, b"[]\n")
    # the same files and items at every rate: only their findings differ
    assert sorted(p.relative_to(clean) for p in (clean / "catalogs").rglob("*.yaml")) == \
        sorted(p.relative_to(findings_ws) for p in (findings_ws / "catalogs").rglob("*.yaml"))


def test_region_codes_are_distinct_up_to_the_limit() -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from catalogc.parse.codes import check_region_code
    from catalogc.refdata import places, provinces

    codes = [generate.region_code(c)[0] for c in range(generate.MAX_COUNTIES)]
    assert len(set(codes)) == len(codes) >= 1250  # 1M items at the default 800 items per county
    assert {check_region_code(code, provinces(), places()) for code in codes} == {None}


def test_findings_output_is_the_same_with_one_and_two_workers(findings_ws: Path) -> None:
    one = catalogc("check", str(findings_ws), "--format", "json", "--jobs", "1")
    two = catalogc("check", str(findings_ws), "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 0
    assert len(json.loads(one.stdout)) == 703
    assert one.stdout == two.stdout
    text_one = catalogc("check", str(findings_ws), "--jobs", "1")
    text_two = catalogc("check", str(findings_ws), "--jobs", "2")
    assert text_one.stdout == text_two.stdout


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@given(st.lists(st.builds(Diagnostic, code=_text, rule=_text, severity=st.sampled_from(list(Severity)), file=_text,
                          line=st.integers(0, 10**6), column=st.integers(0, 10**4), item=st.none() | _text,
                          message=_text, hint=_text, field=st.none() | _text, source=st.none() | _text,
                          commit=st.none() | _text), max_size=4))
def test_json_report_is_json_dump_with_indent_2(diagnostics: list[Diagnostic]) -> None:
    import io
    from types import SimpleNamespace

    out = io.StringIO()
    json_report.report(SimpleNamespace(diagnostics=diagnostics), None, out, "zh")  # type: ignore[arg-type]
    assert out.getvalue() == json.dumps([d.to_json() for d in diagnostics], ensure_ascii=False, indent=2) + "\n"


def _run_on_pty(*args: str) -> tuple[int, bytes, bytes]:
    """catalogc with standard error on a pseudo-terminal: (status, stdout, what the terminal received).

    Standard output goes to a file, not a pipe: a report larger than a pipe's buffer would block the
    process while this side waits on the terminal."""
    master, slave = pty.openpty()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "-m", "catalogc", *args], stdout=out, stderr=slave,
                                env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
        os.close(slave)
        received = b""
        while True:
            ready, _, _ = select.select([master], [], [], 120)
            if not ready:
                break
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            received += chunk
        os.close(master)
        status = proc.wait(timeout=60)
        out.seek(0)
        return status, out.read(), received


def test_progress_bar_on_a_terminal_only(findings_ws: Path) -> None:
    status, stdout, terminal = _run_on_pty("check", str(findings_ws), "--format", "json", "--jobs", "2")
    piped = catalogc("check", str(findings_ws), "--format", "json", "--jobs", "2")
    assert status == piped.returncode == 0
    assert stdout == piped.stdout  # the report itself is the same
    assert "检查".encode() in terminal and b"/80" in terminal  # files done of 80
    assert "事项/秒".encode() in terminal
    assert piped.stderr == b""  # not a terminal: nothing at all
    quiet = _run_on_pty("check", str(findings_ws), "--format", "json", "--quiet")
    assert quiet[:2] == (0, piped.stdout) and quiet[2] == b""


def test_quiet_leaves_only_the_findings(findings_ws: Path) -> None:
    loud = catalogc("check", str(findings_ws), "--lang", "en")
    quiet = catalogc("check", str(findings_ws), "--lang", "en", "-q")
    assert loud.stdout.decode().splitlines()[-1] == "80 files, 744 items: 255 warning, 448 info"
    assert quiet.stdout.decode() == loud.stdout.decode().rsplit("\n", 2)[0] + "\n"


def test_build_quiet_prints_nothing(findings_ws: Path, tmp_path: Path) -> None:
    loud = catalogc("build", str(findings_ws), "-o", str(tmp_path / "a"), "--no-site", "--no-excel")
    quiet = catalogc("build", str(findings_ws), "-o", str(tmp_path / "b"), "--no-site", "--no-excel", "-q")
    assert loud.returncode == quiet.returncode == 0
    assert "已发布 744 个事项" in loud.stdout.decode()
    assert (quiet.stdout, quiet.stderr) == (b"", b"")
    assert (tmp_path / "a" / "index.json").read_bytes() == (tmp_path / "b" / "index.json").read_bytes()


def test_what_a_paused_stretch_keeps_skips_the_next_young_collection() -> None:
    import gc

    from catalogc.check.parallel import paused_gc

    was = gc.isenabled()
    gc.enable()
    try:
        with paused_gc():
            assert not gc.isenabled()
            kept = [[n] for n in range(20_000)]
        assert gc.isenabled()
        # in the oldest generation already: left young, the next collection would walk all 20,000 lists
        assert any(o is kept[-1] for o in gc.get_objects(generation=2))
        assert gc.get_freeze_count() == 0
    finally:
        if not was:
            gc.disable()


def test_a_paused_stretch_leaves_an_earlier_freeze_alone() -> None:
    """A forked worker inherits its parent's objects frozen; they stay so."""
    import gc

    from catalogc.check.parallel import paused_gc

    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


def test_the_program_leaves_nothing_for_the_collector_at_exit(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from catalogc.cli import run

    monkeypatch.setattr(sys, "argv", ["catalogc", "--version"])
    assert gc.get_freeze_count() == 0
    try:
        with pytest.raises(SystemExit) as exited:
            run()
        assert exited.value.code == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_the_benchmark_times_commands_whose_bytecode_is_compiled_beforehand(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell that forbids writing bytecode would have every timed run compile catalogc and its
    dependencies again (a second of start-up): the benchmark runs every command in its own
    bytecode folder, warmed by each command once, lazily imported modules included."""
    bench = script(ROOT / "bench" / "run.py", "catalogc_bench_run")
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    env = bench.interpreter(tmp_path)
    assert "PYTHONDONTWRITEBYTECODE" not in env and env["CATALOGC_NO_CACHE"] == "1"
    workspace = tmp_path / "ws"
    subprocess.run([*GENERATE, str(workspace), "--counties", "2", "--items", "5"], check=True, capture_output=True)
    check = [sys.executable, "-m", "catalogc", "check", str(workspace), "--format", "json", "--jobs", "2"]
    bench.warm_up([(check, env)], workspace, tmp_path)
    compiled = {p.name.split(".")[0] for p in (tmp_path / "pycache").rglob("*.pyc")}
    # engine: the check itself; process: the worker pool, imported only when a check forks
    assert {"engine", "process"} <= compiled


def test_a_warmed_fork_map_makes_each_process_setup_once_in_the_parent() -> None:
    """The parent works the first key itself before forking: what every key needs and a process
    makes once (a table loaded at first use, here a memo) is inherited by the workers, not made
    again in each."""
    from catalogc.check.parallel import fork_map

    memo: list[int] = []

    def work(keys: list[int]) -> list[tuple[int, int, int]]:
        if not memo:
            memo.append(os.getpid())  # the process that made it
        return [(key, os.getpid(), memo[0]) for key in keys]

    seen: list[int] = []
    parts = fork_map(work, range(20), 2, done=lambda part: seen.extend(k for k, _, _ in part), warm=1)
    parent = os.getpid()
    assert parts[0] == [(0, parent, parent)]
    rest = [row for part in parts[1:] for row in part]
    assert sorted(key for key, _, _ in rest) == list(range(1, 20))
    assert {pid for _, pid, _ in rest} - {parent} and all(made == parent for _, _, made in rest)
    assert sorted(seen) == list(range(20))
    assert fork_map(work, range(3), 1, warm=1) == [[(0, parent, parent), (1, parent, parent), (2, parent, parent)]]
