"""The start-up of a cached `catalogc check`: what a re-run imports, and its CPU against another tree.

    python bench/startup.py WORKSPACE                        # this tree: imports and re-run CPU
    python bench/startup.py WORKSPACE --against OLD/src      # alternating pairs, this tree vs OLD/src
    python bench/startup.py WORKSPACE --against OLD/src --pairs 30

OLD/src is another checkout's ``src`` folder (``git archive v1 src | tar -x -C /tmp/old``); both run
with this interpreter, the tree chosen by ``PYTHONPATH``. The runs check a copy of the workspace,
each tree with a cache folder of its own filled by a cold run first; then, per pair, each tree in
turn (the first alternating): a re-run after one catalog changed (a comment with a fresh nonce
appended, so no earlier entry answers it) and a re-run with nothing changed, as JSON and as text to
a pipe. The machine's load moves CPU time by a third from run to run; the medians of the per-pair
ratios are the figures to quote. Bytecode is compiled beforehand into a folder of the benchmark's
own, as an installed catalogc has it (see bench/README.md).

The import profile is ``python -X importtime`` of a nothing-changed re-run: the modules imported
and the sum of the top-level imports' cumulative times, the smallest of five runs.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("one file changed (json)", "nothing changed (json)", "nothing changed (text)")
WATCHED = ("pydantic", "yaml", "click", "rich", "multiprocessing", "charset_normalizer", "opencc", "networkx")


def cpu(argv: list[str], env: dict[str, str]) -> float:
    """User + system seconds of one command (its children included)."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(argv[:5])} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return usage.ru_utime + usage.ru_stime


def import_profile(argv: list[str], env: dict[str, str]) -> tuple[int, float, list[str]]:
    """(modules imported, top-level cumulative import ms, watched packages imported), best of five."""
    best: tuple[int, float, list[str]] | None = None
    for _ in range(5):
        err = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, env=env).stderr
        rows = [m.groups() for m in re.finditer(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", err)]
        total = sum(int(cum) for cum, indent, _ in rows if len(indent) == 1) / 1000
        names = {name for _, _, name in rows}
        found = (len(rows), total, [w for w in WATCHED if w in names])
        best = found if best is None or total < best[1] else best
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--against", type=Path, help="another tree's src folder to compare with")
    parser.add_argument("--pairs", type=int, default=10)
    args = parser.parse_args()
    trees = {"this": ROOT / "src", **({"other": args.against.resolve()} if args.against else {})}
    with tempfile.TemporaryDirectory(prefix="catalogc-bench-startup-") as scratch:
        copy = Path(scratch, "workspace")
        shutil.copytree(args.workspace, copy, symlinks=True)
        base = {k: v for k, v in os.environ.items()
                if k not in ("PYTHONDONTWRITEBYTECODE", "CATALOGC_NO_CACHE", "FORCE_COLOR", "TTY_COMPATIBLE")}
        base["PYTHONPYCACHEPREFIX"] = str(Path(scratch, "pycache"))
        envs = {name: {**base, "PYTHONPATH": str(src)} for name, src in trees.items()}
        catalogs = sorted((copy / "catalogs").rglob("*.yaml"))
        target = catalogs[len(catalogs) // 2]
        original = target.read_bytes()

        def check(name: str, *extra: str) -> list[str]:
            return [sys.executable, "-m", "catalogc", "check", str(copy), "--cache-dir", str(Path(scratch, name)), *extra]

        for name, src in trees.items():
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(src)], env=envs[name], check=True,
                           stdout=subprocess.DEVNULL)
            cpu(check(name, "--format", "json"), envs[name])  # the cold run fills the cache (and compiles the rest)
            modules, total, heavy = import_profile(check(name, "--format", "json"), envs[name])
            print(f"{name}: {trees[name]}\n  a nothing-changed re-run imports {modules} modules, {total:.0f} ms "
                  f"(top-level cumulative, -X importtime); of {', '.join(WATCHED)}: {', '.join(heavy) or 'none'}")
        runs: dict[tuple[str, str], list[float]] = {(n, k): [] for n in trees for k in KINDS}
        try:
            for pair in range(args.pairs):
                for name in list(trees)[::1 if pair % 2 == 0 else -1]:
                    target.write_bytes(original + f"\n# bench {name} {time.time_ns()}\n".encode())
                    runs[(name, KINDS[0])].append(cpu(check(name, "--format", "json"), envs[name]))
                    runs[(name, KINDS[1])].append(cpu(check(name, "--format", "json"), envs[name]))
                    runs[(name, KINDS[2])].append(cpu(check(name), envs[name]))
        finally:
            target.write_bytes(original)
    print(f"\n{'re-run (CPU s, median of ' + str(args.pairs) + ')':40} " + " ".join(f"{n:>8}" for n in trees)
          + ("   other→this, median of pair ratios (quartiles)" if len(trees) > 1 else ""))
    for kind in KINDS:
        line = f"{kind:40} " + " ".join(f"{statistics.median(runs[(n, kind)]):8.3f}" for n in trees)
        if len(trees) > 1:
            ratios = sorted(t / o for t, o in zip(runs[("this", kind)], runs[("other", kind)], strict=True))
            q = len(ratios) // 4
            line += f"   {statistics.median(ratios):.3f} ({ratios[q]:.2f}–{ratios[-1 - q]:.2f})"
        print(line)


if __name__ == "__main__":
    main()
