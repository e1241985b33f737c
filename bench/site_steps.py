"""The site's own steps of a build, timed in one process: reading a region's spooled items back
into models, the domain pages and the search shards, over every group of a built bundle.

    python bench/site_steps.py OUT [--repeat 3]    # OUT: a `catalogc build` output folder

The spool holds each group's items as the bundle file's ``items`` array, so the bundle's files
stand in for it. Run it with two checkouts in turns (their own Python) to compare them: it prints
CPU seconds per step and their sum, the bytes written the same either way.
"""

from __future__ import annotations

import argparse
import gc
import json
import tempfile
import time
from pathlib import Path

from catalogc.model.bundle import RegionDomain
from catalogc.publish import site
from catalogc.publish.spool import decoded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    spools = []
    for path in sorted((args.out / "catalogs").rglob("*.json")):
        group = json.loads(path.read_bytes())
        items = json.dumps(group["items"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        spools.append((group["region"], group["region_name"], group["domain"], items))
    gc.disable()  # as in a build's workers
    steps = {"spool read back": 0.0, "domain pages": 0.0, "search shards": 0.0}
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        site.prepare(root)
        for _ in range(args.repeat):
            for region, name, domain, items in spools:
                start = time.process_time()
                groups = [RegionDomain(region=region, region_name=name, domain=domain, items=decoded(items))]
                read = time.process_time()
                site.write_pages(groups, root, None)
                pages = time.process_time()
                site.write_shard(groups, root)
                steps["spool read back"] += read - start
                steps["domain pages"] += pages - read
                steps["search shards"] += time.process_time() - pages
    for step, seconds in steps.items():
        print(f"{step:16} {seconds / args.repeat:6.3f} CPU s")
    print(f"{'sum':16} {sum(steps.values()) / args.repeat:6.3f} CPU s")


if __name__ == "__main__":
    main()
