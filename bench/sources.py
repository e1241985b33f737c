"""What assembling costs: `catalogc check` of one workspace against the same catalogs as an office's sources.

    python bench/sources.py [--total-items 20000] [--repeat 3] [--jobs 1]

The generated workspace (bench/generate.py) is split by county: the first county becomes a git
source at a tag (read with ls-tree and cat-file), every other one a folder source, and the office
holds nothing of its own. Both are checked in fresh processes with ``--format json``; the script
prints the best wall time of each, the ratio office / workspace, and the findings of each (the
generated region is clean, so both must print 0).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args],
                   check=True, capture_output=True)


def office_of(workspace: Path, out: Path) -> Path:
    counties = sorted(p.name for p in (workspace / "catalogs").iterdir() if p.is_dir())
    office = out / "office"
    office.mkdir(parents=True)
    table = []
    for n, county in enumerate(counties):
        source = out / f"s{n:03d}"
        shutil.copytree(workspace / "catalogs" / county, source / "catalogs" / county)
        if n == 0:
            git(source, "init", "-q")
            git(source, "add", ".")
            git(source, "commit", "-qm", "catalogs")
            git(source, "tag", "v1")
            table.append(f'[[sources]]\nname = "s{n:03d}"\ngit = "../s{n:03d}"\nref = "v1"\n')
        else:
            table.append(f'[[sources]]\nname = "s{n:03d}"\npath = "../s{n:03d}"\n')
    (office / "catalogc.toml").write_text("\n".join(table), encoding="utf-8")
    return office


def timed(target: Path, jobs: int, repeat: int) -> tuple[float, int]:
    best, count = float("inf"), -1
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "catalogc", "check", str(target), "--format", "json",
                               "--jobs", str(jobs), "--exit-zero"], capture_output=True, text=True, check=True)
        best = min(best, time.perf_counter() - start)
        count = len(json.loads(done.stdout))
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--total-items", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "workspace"
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(workspace),
                        "--total-items", str(args.total_items)], check=True, capture_output=True)
        office = office_of(workspace, Path(tmp) / "assembled")
        sources = len(list(office.parent.glob("s*")))
        one, found_one = timed(workspace, args.jobs, args.repeat)
        many, found_many = timed(office, args.jobs, args.repeat)
    print(f"{args.total_items} items, {sources} sources (one of them git), --jobs {args.jobs}")
    print(f"  one workspace   {one:7.2f} s   findings {found_one}")
    print(f"  office          {many:7.2f} s   findings {found_many}")
    print(f"  ratio office / workspace  {many / one:.2f}")


if __name__ == "__main__":
    main()
