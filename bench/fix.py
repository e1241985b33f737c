"""Time fixing against checking: what `--diff` and `--fix` cost on top of `catalogc check`.

    python bench/fix.py                         # 20,000 generated items, one value in five fixable
    python bench/fix.py --total-items 100000 --repeat 3

The generated workspace (bench/generate.py) is clean; this script then writes aliases and
combined level headers into it (政府网站 → 政府门户网站 in every other item, 县级 → 县、乡级 in
every fifth), so that `--diff` has a finding to fix in most items. Each command runs in a fresh
process on its own copy (`--fix` rewrites the files); the figures are seconds, CPU seconds and
their ratios to `catalogc check` on the same broken workspace.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402
from run import measure  # noqa: E402


def break_values(root: Path) -> int:
    """Make items fixable: an alias channel in every other item, a combined header in every fifth."""
    fixable = 0
    for path in sorted((root / "catalogs").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        count = 0

        def channel(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return match.group().replace("政府网站", "政府门户网站", 1) if count % 2 else match.group()

        text = re.sub(r"channels: \[[^\]\n]*政府网站[^\]\n]*\]", channel, text)
        fixable += (count + 1) // 2
        levels = 0

        def level(match: re.Match[str]) -> str:
            nonlocal levels
            levels += 1
            return match.group().replace("县级", "县、乡级", 1) if levels % 5 == 0 else match.group()

        text = re.sub(r"level: \[县级[^\]\n]*\]", level, text)
        fixable += levels // 5
        path.write_text(text, encoding="utf-8")
    return fixable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--total-items", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per command")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="catalogc-bench-fix-") as folder:
        base = Path(folder) / "base"
        counties = max(1, round(args.total_items / (8 * 2 * 50)))
        files, items, _ = generate(base, counties, 8, 2, 50, 2024)
        fixable = break_values(base)
        print(f"{files} files, {items} items, {fixable} fixable values")
        exe = [sys.executable, "-m", "catalogc"]
        commands = {
            "check": ["check", "--format", "json"],
            "check --diff": ["check", "--diff"],
            "check --fix": ["check", "--fix", "--format", "json"],
        }
        results = {}
        for label, argv in commands.items():
            best = None
            for run_index in range(args.repeat):
                work = Path(folder) / f"run-{label.replace(' ', '')}-{run_index}"
                shutil.copytree(base, work)
                seconds, rss, _, cpu, _ = measure([*exe, *argv, str(work)])
                shutil.rmtree(work)
                if best is None or seconds < best[0]:
                    best = (seconds, rss, cpu)
            results[label] = best
        check_seconds, _, check_cpu = results["check"]
        for label, (seconds, rss, cpu) in results.items():
            print(f"{label:14} {seconds:7.2f} s  ×{seconds / check_seconds:4.2f}   "
                  f"cpu {cpu:7.2f} s  ×{cpu / check_cpu:4.2f}   peak {rss} MB")


if __name__ == "__main__":
    main()
