"""What releases cost: catalog.sqlite in a build, a full publish, a second release sharing files
with the first, and one county published into the province.

    python bench/publish.py WORKSPACE          # e.g. from bench/generate.py … --total-items 20000

Prints seconds and ratios (CPU time of the measured process and its children) and the disk the
releases folder takes, counting a hard-linked file once, against two plain copies.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGC = [sys.executable, "-m", "catalogc"]


def timed(*args: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the children) of one catalogc command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([*CATALOGC, *args], check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def disk(root: Path) -> int:
    """Bytes of the files under ``root``, each inode once."""
    seen: set[int] = set()
    total = 0
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            st = path.stat()
            if st.st_ino not in seen:
                seen.add(st.st_ino)
                total += st.st_size
    return total


def edit_one_county(workspace: Path, into: Path) -> tuple[Path, str]:
    """A copy of ``workspace`` with one item of its first county changed, and that county alone."""
    shutil.copytree(workspace, into / "ws-b")
    first = sorted((into / "ws-b" / "catalogs").iterdir())[0]
    catalog = sorted(first.rglob("*.yaml"))[0]
    text = catalog.read_text(encoding="utf-8")
    code = text.split('region: "', 1)[1].split('"', 1)[0]
    catalog.write_text(text.replace("    name: ", "    name: 调整后的", 1), encoding="utf-8")
    county = into / "ws-county"
    shutil.copytree(first, county / "catalogs" / first.name)
    return county, code[:6]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        county, code = edit_one_county(args.workspace, t)
        plain = timed("build", str(args.workspace), "-o", str(t / "a0"), "--no-sqlite")
        with_db = timed("build", str(args.workspace), "-o", str(t / "a"))
        db = (t / "a" / "catalog.sqlite").stat().st_size
        print(f"build: {plain[0]:.1f} s without catalog.sqlite, {with_db[0]:.1f} s with it "
              f"(CPU ratio {with_db[1] / plain[1]:.2f}); catalog.sqlite {db / 1e6:.1f} MB")
        timed("build", str(t / "ws-b"), "-o", str(t / "b"))
        timed("build", str(county), "-o", str(t / "county"))
        releases = t / "releases"
        first = timed("publish", str(t / "a"), "--to", str(releases))
        second = timed("publish", str(t / "b"), "--to", str(releases))
        size_a, size_b = disk(t / "a"), disk(t / "b")
        print(f"publish: first release {first[0]:.1f} s, second {second[0]:.1f} s (CPU ratio {second[1] / first[1]:.2f}); "
              f"releases folder {disk(releases) / 1e6:.1f} MB against {(size_a + size_b) / 1e6:.1f} MB as two copies "
              f"(ratio {disk(releases) / (size_a + size_b):.2f})")
        timed("publish", "--to", str(releases), "--rollback")
        partial = timed("publish", str(t / "county"), "--to", str(releases), "--into", code)
        print(f"publish --into {code}: {partial[0]:.1f} s (CPU ratio to publishing the rebuilt province "
              f"{partial[1] / second[1]:.2f}); releases folder now {disk(releases) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
