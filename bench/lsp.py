"""How long `catalogc lsp` takes to answer a change, against `catalogc check FILE` run afresh.

    python bench/lsp.py [WORKSPACE] [--file REL] [--repeat N]

The server reads the workspace's files once (``cold``); after that a change re-checks only the
buffer and re-runs the cross-file rules over the facts it keeps (``change``). ``check FILE`` reads
every file each time, as a command must. Prints seconds and the ratio change / check.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from catalogc.check.engine import check_workspace  # noqa: E402
from catalogc.check.prepare import load_settings  # noqa: E402
from catalogc.load.workspace import discover  # noqa: E402
from catalogc.lsp.state import WorkspaceState  # noqa: E402
from catalogc.lsp.text import Buffer, to_lsp  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("workspace", nargs="?", type=Path, default=ROOT)
    parser.add_argument("--file", default=None, help="workspace-relative catalog (default: the largest)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = args.workspace.resolve()
    path = root / args.file if args.file else max(root.glob("catalogs/**/*.yaml"), key=lambda p: p.stat().st_size)
    text = path.read_text(encoding="utf-8")

    start = time.perf_counter()
    state = WorkspaceState(root)
    state.diagnose(path, text)
    cold = time.perf_counter() - start

    changes = []
    for n in range(args.repeat):
        edited = text + f"\n# {n}\n"
        start = time.perf_counter()
        found = state.diagnose(path, edited)
        buffer = Buffer(edited)
        [to_lsp(buffer, d) for d in found]
        changes.append(time.perf_counter() - start)

    checks = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        workspace = discover(path)
        check_workspace(workspace, load_settings(workspace.root), jobs=1)
        checks.append(time.perf_counter() - start)

    change, check = statistics.median(changes), statistics.median(checks)
    files = len(list(root.glob("catalogs/**/*.yaml")))
    print(f"workspace {root} ({files} catalog files), buffer {path.relative_to(root)} ({len(text)} characters)")
    print(f"cold (first open, reads every file): {cold:.3f} s")
    print(f"change (buffer re-checked, diagnostics converted): {change:.3f} s median of {args.repeat}")
    print(f"check FILE --jobs 1 in process: {check:.3f} s median of {args.repeat}")
    print(f"ratio change / check: {change / check:.2f}")


if __name__ == "__main__":
    main()
