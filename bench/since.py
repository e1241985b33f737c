"""Time and weigh `catalogc build --since OLD` against a plain build of the same workspace.

    python bench/since.py [--total-items 100000] [--workspace WS] [--edits 10] [--pairs 3]
                          [--baseline SRC]

A workspace is generated (bench/generate.py; or WS is copied, never edited), built once into
OLD, then edited the way a release edits a catalog: in ``--edits`` files each, one item's time
limit shortened, one item removed (with a ``removed`` entry), one moved to the department's next
domain, one renumbered, and one added. Then, each in its own process group with the cache off,
in turns: the plain build and the build ``--since OLD``. Peak memory is that of all the
command's processes together (bench/run.py). With ``--baseline SRC`` (another checkout's
``src`` folder), its build ``--since`` runs in the same turns, and the ratios of the two are
printed pair by pair: on a shared machine only runs made in the same minutes compare.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import measure  # noqa: E402  (bench/run.py: wall, peak RSS, status, CPU, peak PSS of a process group)

ROOT = Path(__file__).resolve().parent.parent


def _blocks(lines: list[str]) -> tuple[int, list[tuple[int, int]]]:
    """The ``items:`` line and each item's lines (start, end) in a generated catalog file."""
    top = lines.index("items:")
    starts = [n for n in range(top + 1, len(lines)) if lines[n].startswith("  - id:")]
    end = next((n for n in range(top + 1, len(lines)) if lines[n] and not lines[n].startswith(" ")), len(lines))
    return top, [(s, e) for s, e in zip(starts, [*starts[1:], end], strict=True)]


def edit(workspace: Path, edits: int) -> dict[str, int]:
    """Edit ``edits`` files for each kind of change; returns how many of each were made."""
    files = sorted((workspace / "catalogs").rglob("*.yaml"))
    files = [f for f in files if f.read_text(encoding="utf-8").count("\n  - id:") >= 4]
    step = max(1, len(files) // (5 * edits))
    chosen = files[::step][: 5 * edits]
    made = dict.fromkeys(("changed", "removed", "moved", "renumbered", "added"), 0)
    for n, path in enumerate(chosen):
        kind = list(made)[n % 5]
        lines = path.read_text(encoding="utf-8").split("\n")
        _, blocks = _blocks(lines)
        if kind == "changed":
            s, e = blocks[0]
            block = "\n".join(lines[s:e])
            if "20个工作日" not in block:
                continue
            lines[s:e] = block.replace("20个工作日", "10个工作日", 1).split("\n")
        elif kind == "removed":
            s, e = blocks[-1]
            gone = lines[s].split(":", 1)[1].strip()
            del lines[s:e]
            lines.append(f"removed:\n  - {{id: {gone}, reason: 职责调整, date: 2025-03-01}}")
        elif kind == "moved":
            others = sorted(p for p in path.parent.glob("*.yaml") if p != path)
            if not others:
                continue
            s, e = blocks[1]
            moved = lines[s:e]
            del lines[s:e]
            target = others[0].read_text(encoding="utf-8").split("\n")
            _, target_blocks = _blocks(target)
            at = target_blocks[-1][1]
            target[at:at] = moved
            others[0].write_text("\n".join(target), encoding="utf-8")
        elif kind == "renumbered":
            s, _ = blocks[2]
            lines[s] = lines[s] + "9"
        else:
            s, e = blocks[0]
            added = list(lines[s:e])
            added[0] = added[0] + "8"
            added[1] = added[1].replace("name: ", "name: 新增", 1)
            at = blocks[-1][1]
            lines[at:at] = added
        path.write_text("\n".join(lines), encoding="utf-8")
        made[kind] += 1
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--total-items", type=int, default=100_000)
    parser.add_argument("--workspace", type=Path, help="a workspace to copy instead of generating one")
    parser.add_argument("--edits", type=int, default=10, help="files edited per kind of change")
    parser.add_argument("--pairs", type=int, default=3, help="turns of the commands")
    parser.add_argument("--baseline", type=Path, help="another checkout's src folder, timed in the same turns")
    args = parser.parse_args()
    env = {**os.environ, "CATALOGC_NO_CACHE": "1"}
    with tempfile.TemporaryDirectory(prefix="catalogc-since-") as tmp:
        root = Path(tmp)
        workspace = root / "ws"
        if args.workspace:
            shutil.copytree(args.workspace, workspace)
        else:
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(workspace),
                            "--total-items", str(args.total_items)], check=True, stdout=subprocess.DEVNULL)
        py = [sys.executable, "-m", "catalogc"]
        old = root / "old"
        subprocess.run([*py, "build", str(workspace), "-o", str(old), "-q", "--no-cache", "--allow-errors"],
                       check=True, env=env)
        made = edit(workspace, args.edits)
        build = [*py, "build", str(workspace), "-o", str(root / "new"), "-q", "--no-cache", "--allow-errors"]
        commands = {"build": (build, env), "build --since OLD": ([*build, "--since", str(old)], env)}
        if args.baseline:
            base = {**env, "PYTHONPATH": str(args.baseline.resolve())}
            commands["baseline build --since OLD"] = ([*build, "--since", str(old)], base)
        items = sum(p.read_bytes().count(b"\n  - id:") for p in (workspace / "catalogs").rglob("*.yaml"))
        print(f"{items} items; edits: {', '.join(f'{k} {v}' for k, v in made.items())}")
        print(f"{'turn':>4} {'command':28} {'seconds':>8} {'CPU s':>7} {'RSS MB':>7} {'PSS MB':>7}")
        rows: dict[str, list[tuple[float, int, int, float, int]]] = {name: [] for name in commands}
        for turn in range(1, args.pairs + 1):
            for name, (argv, environ) in commands.items():
                row = measure(argv, environ)
                rows[name].append(row)
                print(f"{turn:4d} {name:28} {row[0]:8.2f} {row[3]:7.2f} {row[1]:7d} {row[4]:7d}", flush=True)
        print("RSS MB, PSS MB: peak memory of all the command's processes together (resident sets summed, an "
              "upper bound; proportional sets summed)")
        since = rows["build --since OLD"]
        for other in ("build", "baseline build --since OLD"):
            if other not in rows:
                continue
            cpu = [a[3] / b[3] for a, b in zip(since, rows[other], strict=True)]
            pss = [a[4] / b[4] for a, b in zip(since, rows[other], strict=True)]
            print(f"--since / {other}, per turn: CPU {', '.join(f'{r:.2f}' for r in cpu)}; "
                  f"peak PSS {', '.join(f'{r:.2f}' for r in pss)}")


if __name__ == "__main__":
    main()
