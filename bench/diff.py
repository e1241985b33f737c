"""Time `catalogc diff` against `catalogc check` of the same generated workspace, in one run.

    python bench/diff.py [--total-items 20000] [--repeat 3]

A workspace is generated (bench/generate.py), built, and one in fifty catalog files edited (a
shorter time limit on every item of the file). Then, each in its own process, best of --repeat:
`check` of the workspace (the yardstick), `diff BUNDLE BUNDLE` (two built bundles: reading JSON
only), and `diff BUNDLE WORKSPACE` (the workspace compiled as build compiles it). The ratios to
the check are printed: a diff that reads a workspace should cost about one check.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import measure  # noqa: E402  (bench/run.py: wall, peak RSS, status, CPU of one child)

ROOT = Path(__file__).resolve().parent.parent
CATALOGC = [sys.executable, "-m", "catalogc"]


def best(argv: list[str], repeat: int, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        seconds, _, status, cpu, _ = measure(argv)
        if status not in ok:
            raise SystemExit(f"{' '.join(argv)} exited with {status}")
        runs.append((seconds, cpu))
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--total-items", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "ws"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(work), "--total-items",
                        str(args.total_items)], check=True, stdout=subprocess.DEVNULL)
        old = Path(tmp) / "old"
        subprocess.run([*CATALOGC, "build", str(work), "-o", str(old), "--allow-errors", "--no-site", "--no-excel"],
                       check=True, stdout=subprocess.DEVNULL)
        files = sorted((work / "catalogs").rglob("*.yaml"))
        for path in files[::50]:
            path.write_text(path.read_text(encoding="utf-8").replace("20个工作日", "10个工作日"), encoding="utf-8")
        new = Path(tmp) / "new"
        subprocess.run([*CATALOGC, "build", str(work), "-o", str(new), "--allow-errors", "--no-site", "--no-excel"],
                       check=True, stdout=subprocess.DEVNULL)
        check = best([*CATALOGC, "check", str(work)], args.repeat)
        bundles = best([*CATALOGC, "diff", str(old), str(new), "--format", "json"], args.repeat)
        workspace = best([*CATALOGC, "diff", str(old), str(work), "--format", "json"], args.repeat)
        shutil.rmtree(work)
    print(f"{args.total_items} items, {len(files)} files, {len(files[::50])} edited")
    print(f"check WORKSPACE          {check[0]:6.2f} s  (CPU {check[1]:6.2f} s)")
    for label, (seconds, cpu) in (("diff BUNDLE BUNDLE", bundles), ("diff BUNDLE WORKSPACE", workspace)):
        print(f"{label:<24} {seconds:6.2f} s  (CPU {cpu:6.2f} s)  ×{seconds / check[0]:.2f} of check "
              f"(CPU ×{cpu / check[1]:.2f})")


if __name__ == "__main__":
    main()
