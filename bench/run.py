"""Time `catalogc check` against a bare PyYAML parse of the same files, in one run.

    python bench/run.py --generate --total-items 100000     # generate, then measure
    python bench/run.py WORKSPACE [--build] [--repeat 3] [--json]
    python bench/run.py WORKSPACE --rerun       # also: the cache's cold run and re-runs
    python bench/run.py WORKSPACE --rerun --only none   # the cache alone
    python bench/run.py WORKSPACE --rerun --build --only none   # the cache alone, check and build

The yardstick is the bare parse: a fresh process that, for each catalog file, runs
``yaml.load(data, Loader=yaml.CSafeLoader)`` and discards the result, with default
interpreter settings. Every command runs in its own process group; peak memory is that
of all its processes together (the parent and its workers), sampled from /proc every
50 ms: the sum of resident sets (an upper bound: pages a forked worker shares with the
parent count twice) and the sum of proportional sets (PSS, shared pages split between
their processes: what the machine really spends). Where /proc is missing, the parent's
maximum resident set from os.wait4 stands in.

Every command, the bare parse included, runs with the same interpreter settings: bytecode read from
and written to a folder of the run's own (``PYTHONPYCACHEPREFIX``), whatever ``PYTHONDONTWRITEBYTECODE``
says, and warmed up beforehand by running each command once on a small generated workspace. Without
that, a shell that forbids writing bytecode has every run compile catalogc and its dependencies
again: a second of start-up per command, measured as if it were the command's own work.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1], "catalogs").rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""


class TreeMemory(threading.Thread):
    """Samples the memory of every process in one process group until told to stop."""

    def __init__(self, group: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.group, self.interval = group, interval
        self.rss = self.pss = 0  # peaks of the sums, in bytes
        self.stopped = threading.Event()

    def members(self) -> list[str]:
        found = []
        for pid in os.listdir("/proc"):
            if pid.isdigit():
                try:
                    stat = Path(f"/proc/{pid}/stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[2]) == self.group:  # field 5, pgrp
                    found.append(pid)
        return found

    def sample(self) -> None:
        rss = pss = 0
        for pid in self.members():
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
            except OSError:
                continue
        self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.sample()


def measure(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, float, int]:
    """(seconds, peak RSS of the process group in MB, exit status, CPU seconds, peak PSS of the group
    in MB) of one command. CPU time (user + system, the workers' included) moves far less than
    wall time on a shared machine."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True, env=env)
    sampler = TreeMemory(proc.pid)
    if os.path.exists("/proc/self/smaps_rollup"):
        sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    sampler.stopped.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        raise RuntimeError(f"{' '.join(argv[:4])} failed ({proc.returncode}): {err.strip()[-400:]}")
    parent = usage.ru_maxrss * 1024
    mb = 1024 * 1024
    return (elapsed, max(sampler.rss, parent) // mb, proc.returncode, usage.ru_utime + usage.ru_stime,
            max(sampler.pss, parent if not sampler.pss else 0) // mb)


def interpreter(scratch: Path) -> dict[str, str]:
    """The environment of every timed command: the cache off, bytecode in the run's own folder."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPYCACHEPREFIX=str(scratch / "pycache"), CATALOGC_NO_CACHE="1")
    return env


def warm_up(runs: list[tuple[list[str], dict[str, str]]], workspace: Path, scratch: Path) -> None:
    """Each command once, untimed, on a small workspace of the same kind: every module any of them
    imports (lazily too: the pool, the writers, the cache) is compiled into the bytecode folder
    before timing."""
    small = scratch / "warm-up"  # with findings: their paths import what a clean run's do, and more
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(small), "--total-items", "2000",
                    "--findings", "0.6"], check=True, stdout=subprocess.DEVNULL, env=runs[0][1])
    for argv, env in runs:
        swapped = [str(small) if arg == str(workspace) else arg for arg in argv]
        for option, folder in (("-o", "warm-up-out"), ("--cache-dir", "warm-up-cache")):
            if option in swapped:
                swapped[swapped.index(option) + 1] = str(scratch / folder)
        shutil.rmtree(scratch / "warm-up-out", ignore_errors=True)
        subprocess.run(swapped, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def count_items(workspace: Path) -> int:
    return sum(p.read_bytes().count(b"\n  - id:") for p in (workspace / "catalogs").rglob("*.yaml"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workspace", type=Path, nargs="?")
    parser.add_argument("--generate", action="store_true", help="generate a workspace into a temporary folder")
    parser.add_argument("--total-items", type=int, default=100_000)
    parser.add_argument("--findings", default="0", metavar="RATE", help="generate with findings at this rate (see generate.py)")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per command")
    parser.add_argument("--build", action="store_true", help="also time catalogc build")
    parser.add_argument("--only", default=None, help="time only the commands whose name contains this (and the bare parse, "
                        "unless none matches: `--rerun --only none` times the cache alone)")
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--build-args", default="", help="extra options for catalogc build, e.g. '--jobs 1'")
    parser.add_argument("--check-args", default="", help="extra options for catalogc check, e.g. '--ignore C3'")
    parser.add_argument("--rerun", action="store_true",
                        help="also time the cache: a cold run, a re-run after one file changed, a re-run with nothing changed")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="catalogc-bench-run-")
    env = interpreter(Path(scratch.name))  # the rows above the cache's own measure every file checked
    tmp = None
    workspace = args.workspace
    if args.generate or workspace is None:
        tmp = tempfile.TemporaryDirectory(prefix="catalogc-bench-")
        workspace = Path(tmp.name)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(workspace),
                        "--total-items", str(args.total_items), "--findings", args.findings],
                       check=True, stdout=subprocess.DEVNULL)
    items = count_items(workspace)
    size = sum(p.stat().st_size for p in (workspace / "catalogs").rglob("*.yaml"))
    py = sys.executable
    extra = args.check_args.split()
    check = [py, "-m", "catalogc", "check", str(workspace), "--format", "json", *extra]
    bare_argv = [py, "-c", BARE, str(workspace)]
    commands = {
        "bare parse (yaml.load, CSafeLoader)": bare_argv,
        "catalogc check --jobs 1": [*check, "--jobs", "1"],
        "catalogc check (default jobs)": check,
    }
    build: list[str] = []
    if args.build:
        out = Path(scratch.name, "out")
        build = [py, "-m", "catalogc", "build", str(workspace), "-o", str(out)]
        build += args.build_args.split()
        commands["catalogc build: bundle only"] = [*build, "--no-site", "--no-excel", "--no-sqlite"]
        commands["catalogc build: bundle + site"] = [*build, "--no-excel", "--no-sqlite"]
        commands["catalogc build: bundle + Excel"] = [*build, "--no-site", "--no-sqlite"]
        commands["catalogc build: bundle, site, Excel"] = [*build, "--no-sqlite"]
        commands["catalogc build: defaults but Excel"] = [*build, "--no-excel"]
        commands["catalogc build: defaults"] = build
    if args.only:
        chosen = {name: argv for n, (name, argv) in enumerate(commands.items()) if n and args.only in name}
        commands = {**dict(list(commands.items())[:1]), **chosen} if chosen else {}
    warming = [(argv, env) for argv in commands.values()]
    if args.rerun:  # the cache on: its own modules
        cached = {k: v for k, v in env.items() if k != "CATALOGC_NO_CACHE"}
        warming += [([*argv, "--cache-dir", "-"], cached) for argv in (check, *([build] if args.build else []))]
    warm_up(warming, workspace, Path(scratch.name))
    rows: list[dict[str, object]] = []
    bare_runs: list[tuple[float, int, int, float, int]] = []
    for n, (name, argv) in enumerate(commands.items()):
        try:
            runs, pairs = [], []
            for _ in range(args.repeat):
                if n:  # the yardstick again right before: a machine others share changes from minute to minute
                    bare_runs.append(measure(bare_argv, env))
                if name.startswith("catalogc build"):
                    # each build into an OUT that is not there, untimed: replacing an earlier OUT removes its files
                    # (about 2 s at 100k items), and each row would pay that for the row before it
                    shutil.rmtree(out, ignore_errors=True)
                runs.append(measure(argv, env))
                if n:
                    pairs.append((runs[-1][0] / bare_runs[-1][0], runs[-1][3] / bare_runs[-1][3]))
        except RuntimeError as exc:
            rows.append({"command": name, "error": str(exc)})
            continue
        bare_runs += runs if not n else []
        best = min(runs)
        row = {"command": name, "seconds": round(best[0], 3), "peak_mb": max(r[1] for r in runs),
               "peak_pss_mb": max(r[4] for r in runs),
               "items_per_s": round(items / best[0]), "cpu_seconds": round(min(r[3] for r in runs), 3)}
        if pairs:
            row["ratio"] = round(statistics.median(p[0] for p in pairs), 3)
            row["cpu_ratio"] = round(statistics.median(p[1] for p in pairs), 3)
        else:
            row["ratio"] = row["cpu_ratio"] = 1.0
        rows.append(row)
    if rows and "seconds" in rows[0] and bare_runs:  # the yardstick's row: the best of all its runs
        best = min(bare_runs)
        rows[0].update(seconds=round(best[0], 3), items_per_s=round(items / best[0]),
                       cpu_seconds=round(min(r[3] for r in bare_runs), 3))
    report = {"items": items, "files": sum(1 for _ in (workspace / "catalogs").rglob("*.yaml")),
              "megabytes": round(size / 1e6, 1), "cpus": os.cpu_count(), "runs": rows}
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    elif rows:
        print(f"{report['items']} items in {report['files']} files, {report['megabytes']} MB, {report['cpus']} CPUs")
        print(f"{'command':40} {'seconds':>8} {'items/s':>9} {'ratio':>6} {'CPU s':>7} {'ratio':>6} {'RSS MB':>7} "
              f"{'PSS MB':>7}")
        for row in rows:
            if "error" in row:
                print(f"{row['command']:40} n/a ({row['error']})")
            else:
                print(f"{row['command']:40} {row['seconds']:8.2f} {row['items_per_s']:9d} {row['ratio']:6.2f} "
                      f"{row['cpu_seconds']:7.2f} {row['cpu_ratio']:6.2f} {row['peak_mb']:7d} {row['peak_pss_mb']:7d}")
        print("RSS MB, PSS MB: peak memory of all the command's processes together (resident sets summed, an "
              "upper bound; proportional sets summed)")
    if args.rerun:
        rerun = measure_rerun(workspace, check, args.repeat, env, build if args.build else None)
        report["rerun"] = rerun
        if args.json:
            print(json.dumps(rerun, ensure_ascii=False, indent=2))
        else:
            print_rerun(rerun)
    if tmp:
        tmp.cleanup()
    scratch.cleanup()


def measure_rerun(workspace: Path, check: list[str], repeat: int, timed: dict[str, str],
                  build: list[str] | None = None) -> list[dict[str, object]]:
    """The cache (``--cache-dir`` in a fresh temporary folder): a cold run that fills it, a re-run
    after one catalog's content changed (a comment appended), and a re-run with nothing changed;
    best of ``repeat`` each, as fractions of the cold run. With ``build``, the same three for
    ``catalogc build`` (its own cache folder: a warm build spools the stored items of the files it
    did not check again).

    The runs check a copy of the workspace (timestamps kept), so the one given is never written.
    They run in the timed rows' environment (``timed``), the cache on: a re-run is mostly start-up,
    so its bytecode must be there already, or compiling it would be measured instead of the cache."""
    names = ("cold cache (fills it)", "re-run, one file changed", "re-run, nothing changed")
    commands = {"check": check, **({"build": build} if build else {})}
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="catalogc-bench-rerun-") as scratch:
        copy = Path(scratch, "workspace")
        shutil.copytree(workspace, copy, symlinks=True)
        env = {k: v for k, v in timed.items() if k != "CATALOGC_NO_CACHE"}
        catalogs = sorted((copy / "catalogs").rglob("*.yaml"))
        target = catalogs[len(catalogs) // 2]
        original = target.read_bytes()
        for command, given in commands.items():
            runs: dict[str, list[tuple[float, int, int, float, int]]] = {name: [] for name in names}
            argv = [*given[:4], str(copy), *given[5:]]
            for n in range(repeat):
                folder = Path(scratch, f"cache-{command}-{n}")
                runs[names[0]].append(measure([*argv, "--cache-dir", str(folder)], env))
                target.write_bytes(original + f"\n# bench re-run {n}\n".encode())
                runs[names[1]].append(measure([*argv, "--cache-dir", str(folder)], env))
                runs[names[2]].append(measure([*argv, "--cache-dir", str(folder)], env))
                target.write_bytes(original)
            cold = min(runs[names[0]])
            for name in names:
                best = min(runs[name])
                cpu = min(r[3] for r in runs[name])
                rows.append({"command": f"catalogc {command}: {name}", "seconds": round(best[0], 3),
                             "cpu_seconds": round(cpu, 3), "peak_mb": max(r[1] for r in runs[name]),
                             "peak_pss_mb": max(r[4] for r in runs[name]), "of_cold": round(best[0] / cold[0], 4),
                             "cpu_of_cold": round(cpu / cold[3], 4)})
    return rows


def print_rerun(rows: list[dict[str, object]]) -> None:
    print(f"\n{'cache (--cache-dir, default jobs)':46} {'seconds':>8} {'of cold':>8} {'CPU s':>7} {'of cold':>8} "
          f"{'RSS MB':>7} {'PSS MB':>7}")
    for row in rows:
        print(f"{row['command']:46} {row['seconds']:8.2f} {row['of_cold']:8.1%} {row['cpu_seconds']:7.2f} "
              f"{row['cpu_of_cold']:8.1%} {row['peak_mb']:7d} {row['peak_pss_mb']:7d}")


if __name__ == "__main__":
    main()
