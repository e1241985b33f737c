"""Page weight and search latency of a built query site, measured in Debian's chromium.

    python bench/site.py OUT            # OUT from `catalogc build WORKSPACE -o OUT`

Prints the site's size and file count, the largest pages and index shards, and the time
from pressing 查询 to the results being shown: for one region, and for all regions
(cold: shards loaded on demand; warm: a second query).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def sizes(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    print(f"site: {len(files)} files, {total / 1e6:.1f} MB")
    pages = sorted((p.stat().st_size, p) for p in files if p.suffix == ".html")
    shards = sorted((p.stat().st_size, p) for p in (site / "search").rglob("*.js"))
    print(f"largest page: {pages[-1][0] / 1e3:.0f} kB ({pages[-1][1].relative_to(site)}); "
          f"median page {pages[len(pages) // 2][0] / 1e3:.0f} kB")
    print(f"search.html {(site / 'search.html').stat().st_size / 1e3:.0f} kB; index shards: {len(shards)} "
          f"(one per region), largest {shards[-1][0] / 1e3:.0f} kB, all {sum(s for s, _ in shards) / 1e6:.1f} MB")


def latency(site: Path, query: str) -> None:
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page()
        page.goto((site / "search.html").as_uri())
        region = page.locator("#f-region option").nth(1).get_attribute("value")

        def timed(label: str) -> None:
            ms = page.evaluate("""() => new Promise(resolve => {
                const status = document.getElementById('status');
                const start = performance.now();
                const seen = new MutationObserver(() => {
                  if (status.textContent.startsWith('找到')) { seen.disconnect(); resolve(performance.now() - start); }
                });
                seen.observe(status, {childList: true, characterData: true, subtree: true});
                document.querySelector('#search button').click();
            })""")
            print(f"search {label}: {ms:.0f} ms — {page.locator('#status').inner_text()}")

        page.fill("#q", query)
        page.select_option("#f-region", region)
        timed(f"one region ({region}), cold")
        timed(f"one region ({region}), warm")
        page.select_option("#f-region", "")
        timed("all regions, cold")
        timed("all regions, warm")
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--query", default="低保")
    args = parser.parse_args()
    site = args.out / "site"
    if not site.is_dir():
        sys.exit(f"{site} not found: build first (catalogc build WORKSPACE -o OUT)")
    sizes(site)
    latency(site, args.query)


if __name__ == "__main__":
    main()
