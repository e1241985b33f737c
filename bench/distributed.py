"""Per-file task overhead: our fork pool against Dask's distributed scheduler, and what would
cross the network.

    python bench/distributed.py                      # generates about 1000 catalog files
    python bench/distributed.py WORKSPACE [--workers 2] [--json]

The same function (``check_file``: one catalog file to its located findings and compact
facts) runs over every file: inline, in the fork pool one file per task and in the engine's
chunks, and on a ``dask.distributed.LocalCluster`` of worker processes (one thread each),
one file per task. A task that does nothing measures the scheduler alone. Overhead per
task is (wall time × workers − the inline time) / tasks. It also prints the pickled size
of what a worker sends back per file, of the facts alone, and of the file itself.

Needs ``dask[distributed]`` (not a dependency of catalogc; install it to measure).
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
# this script's folder first on the path would make "distributed" this file rather than Dask's package
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT / "src"))

from catalogc.check.engine import _chunks, check_file  # noqa: E402
from catalogc.check.parallel import fork_map  # noqa: E402
from catalogc.check.policy import Policy  # noqa: E402
from catalogc.check.prepare import prepare  # noqa: E402

_SETTINGS: dict[str, object] = {}


def task(path: str, rel: str, root: str) -> object:
    """One file's check, as a worker anywhere would run it: settings read once per worker."""
    if root not in _SETTINGS:
        _SETTINGS[root] = prepare(Path(root))[1]
    settings = _SETTINGS[root]
    return check_file(Path(path), rel, settings, None, Policy(settings), True)  # type: ignore[arg-type]


def noop(path: str, rel: str, root: str) -> None:
    return None


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workspace", type=Path, nargs="?")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise SystemExit("bench/distributed.py needs dask[distributed]: pip install 'dask[distributed]'") from None

    tmp = None
    workspace = args.workspace
    if workspace is None:
        tmp = tempfile.TemporaryDirectory(prefix="catalogc-dist-")
        workspace = Path(tmp.name)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(workspace), "--counties", "63",
                        "--items", "30", "--findings", "0.6"], check=True, stdout=subprocess.DEVNULL)
    ws, settings = prepare(workspace)
    root = str(ws.root)
    files = [(str(p), ws.rel(p), root) for p in ws.catalogs]
    n, w = len(files), args.workers
    task(*files[0])  # settings and reference data loaded, as in a warm worker

    inline, results = timed(lambda: [task(*f) for f in files])
    rows = {"inline (one process)": inline}
    rows["fork pool, no-op tasks"] = timed(lambda: fork_map(lambda chunk: [noop(*f) for f in chunk], files, w, 1,
                                                             lambda keys, jobs: [[k] for k in keys]))[0]
    rows["fork pool, one file per task"] = timed(lambda: fork_map(lambda chunk: [task(*f) for f in chunk], files, w,
                                                                   1, lambda keys, jobs: [[k] for k in keys]))[0]
    rows["fork pool, engine chunks"] = timed(lambda: fork_map(
        lambda chunk: [task(*f) for f in chunk], files, w, 1,
        lambda keys, jobs: [[(p, r, root) for p, r, _ in c] for c in _chunks([(Path(p), r, True) for p, r, _ in keys], jobs)]
    ))[0]
    with LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        client.gather(client.map(task, *zip(*files[:w * 2], strict=True), pure=False))  # warm the workers
        rows["dask LocalCluster, no-op tasks"] = timed(
            lambda: client.gather(client.map(noop, *zip(*files, strict=True), pure=False)))[0]
        rows["dask LocalCluster, one file per task"] = timed(
            lambda: client.gather(client.map(task, *zip(*files, strict=True), pure=False)))[0]

    sizes = {
        "file (YAML bytes)": mean(Path(p).stat().st_size for p, _, _ in files),
        "result (findings + facts)": mean(len(pickle.dumps(r)) for r in results),
        "facts only (item and catalog facts)": mean(len(pickle.dumps((r.facts, r.catalog))) for r in results),
    }
    report = {
        "files": n, "workers": w, "inline_ms_per_file": round(inline / n * 1000, 2),
        "runs": [{"how": how, "seconds": round(s, 3), "tasks_per_s": round(n / s),
                  "overhead_ms_per_task": round((s * w - (0 if "no-op" in how else inline)) / n * 1000, 2)
                  if "inline" not in how else 0.0} for how, s in rows.items()],
        "bytes_per_file": {k: round(v) for k, v in sizes.items()},
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print(f"{n} files, {w} workers; inline {report['inline_ms_per_file']} ms per file")
        print(f"{'how':40} {'seconds':>8} {'tasks/s':>8} {'overhead ms/task':>17}")
        for row in report["runs"]:
            print(f"{row['how']:40} {row['seconds']:8.2f} {row['tasks_per_s']:8d} {row['overhead_ms_per_task']:17.2f}")
        print("pickled bytes per file:")
        for k, v in report["bytes_per_file"].items():
            print(f"  {k:40} {v:8d}")
    if tmp:
        tmp.cleanup()


if __name__ == "__main__":
    main()
