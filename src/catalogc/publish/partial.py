"""A county's bundle published into a province's release (``catalogc publish OUT --into CODE``).

The new release is the previous one with the county's regions replaced: its region × domain
files, domain pages and Excel tables come from the county's bundle (the pages and tables are
rendered from its files where its build left them out); the index, the site's
home, search and quality pages, the search index and catalog.sqlite are written again for
the whole; every other file is hard-linked to the previous release (copied where the file
system has no hard links). A county's bundle holding any region outside its code is refused.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import deque
from collections.abc import Callable, Iterator
from itertools import groupby
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from catalogc.model.bundle import Bundle, Index, RegionDomain
from catalogc.publish.build import dumps, write_groups
from catalogc.publish.manifest import MANIFEST, write_manifest
from catalogc.publish.shared import ReleaseError, link_or_copy

M = TypeVar("M", bound=BaseModel)
PREFIX = re.compile(r"[0-9]{2,12}")
# Where a bundle keeps one region's files: catalogs/<region>/…, site/r/<region>/…, xlsx/<region>/…
_REGION_PATH = re.compile(r"(?:catalogs|site/r|xlsx)/([0-9]+)/|site/search/([0-9]+)\.js$")


def region_of(rel: str) -> str | None:
    """The region a bundle file belongs to, or None for the files about the whole bundle."""
    match = _REGION_PATH.match(rel)
    return (match.group(1) or match.group(2)) if match else None


def _read(model: type[M], path: Path) -> M:
    try:
        return model.model_validate_json(path.read_bytes())
    except ValueError as exc:  # another bundle format: a county's catalogc newer or older than the province's
        raise ReleaseError(f"{path} 不是这个版本的 catalogc 能读的发布包文件（{str(exc).splitlines()[0]}）；"
                           "请用同一版本的 catalogc 构建县级和上级的发布包",
                           f"{path} is not a bundle file this catalogc reads ({str(exc).splitlines()[0]}); build "
                           "the county's and the province's bundles with the same catalogc") from None


def _index(root: Path) -> Index:
    return _read(Index, root / "index.json")


def _groups(root: Path, index: Index) -> list[RegionDomain]:
    return [_read(RegionDomain, root / entry.path) for entry in index.files]


def _inputs(root: Path) -> str:
    return str(json.loads((root / MANIFEST).read_text(encoding="utf-8")).get("inputs_sha256", ""))


def merged_index(base: Index, county: Index, prefix: str) -> Index:
    """The province's index with the county's regions, catalogs, coverage and findings in place of its own."""
    def ours(region: str) -> bool:
        return region.startswith(prefix)

    replaced = [c for c in base.catalogs if ours(c.region)]
    files = {c.file for c in replaced}
    departments = {c.department for c in replaced} | {c.department for c in county.catalogs}
    regions = {code: name for code, name in base.regions.items() if not ours(code)} | county.regions
    return Index(
        generated=county.generated,
        regions=dict(sorted(regions.items())),
        files=sorted([f for f in base.files if not ours(f.region)] + county.files, key=lambda f: (f.region, f.domain)),
        catalogs=sorted([c for c in base.catalogs if not ours(c.region)] + county.catalogs,
                        key=lambda c: (c.file, c.region)),
        coverage=sorted([c for c in base.coverage if c.department not in departments] + county.coverage,
                        key=lambda c: (c.department, c.domain, c.list)),
        findings=sorted([f for f in base.findings if f.file not in files] + county.findings,
                        key=lambda f: (f.file, f.line, f.column, f.code)),
    )


def outside(county: Index, prefix: str) -> list[str]:
    """The regions of a county's bundle that are not under its code."""
    regions = set(county.regions) | {f.region for f in county.files} | {c.region for c in county.catalogs}
    return sorted(r for r in regions if not r.startswith(prefix))


def _take(county: Path, files: dict[str, str], folder: str, stage: Path) -> bool:
    """Copy the county's per-region files under ``folder`` (its domain pages or Excel tables: the
    same bytes rendering its groups again would give); False when its build left them out."""
    wanted = [rel for rel in files if rel.startswith(folder) and region_of(rel)]
    if not wanted:
        return False
    for rel in wanted:
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(county / rel, stage / rel)
    return True


def _whole(index: Index, root_of: Callable[[str], Path], stage: Path, site: bool, sqlite: bool) -> None:
    """The files about the whole merged bundle — the site's search shards and shared pages, and
    catalog.sqlite when the previous release has one — from its groups read one region at a time
    (from the county's bundle or the previous release, ``root_of`` the region): what a build writes
    of the same bundle, without holding a province's items."""
    from catalogc.publish.database import DATABASE, write_regions
    from catalogc.publish.site import SearchFacts, prepare, write_shard, write_shared

    facts = SearchFacts()
    if site:
        prepare(stage / "site")

    def regions() -> Iterator[list[RegionDomain]]:
        for region, entries in groupby(index.files, key=lambda f: f.region):
            groups = [_read(RegionDomain, root_of(region) / entry.path) for entry in entries]
            if site:
                facts.add(write_shard(groups, stage / "site"))
            yield groups
            del groups  # not held while the next region is read

    if sqlite:
        write_regions(index, regions(), stage / DATABASE)
    else:
        deque(regions(), maxlen=0)
    if site:
        write_shared(Bundle(index=index, groups=[]), [(f.region, f.domain, f.items) for f in index.files], facts,
                     stage / "site")


def unnamed(base: Index, county: Index) -> list[str]:
    """The county's regions the release names and the county's bundle does not: a county built
    without its region registry ([regions] in its catalogc.toml) would publish them nameless."""
    return sorted(code for code, name in county.regions.items() if not name and base.regions.get(code))


def merge_into(base: Path, county: Path, prefix: str, stage: Path) -> tuple[tuple[str, str], ...]:
    """Write into the empty folder ``stage`` the release ``base`` with the regions under ``prefix``
    taken from the bundle ``county``, and its manifest; what the user should know, (Chinese, English)."""
    if not PREFIX.fullmatch(prefix):
        raise ReleaseError(f"--into {prefix}：应为行政区划代码（或其前缀），如县级 360799",
                           f"--into {prefix}: expected a region code (or its prefix), such as 360799 for a county")
    county_index = _index(county)
    stray = outside(county_index, prefix)
    if stray:
        raise ReleaseError(f"{county} 中有不属于 {prefix} 的区划：{'、'.join(stray)}；局部发布只能替换 {prefix} 之下的区划，"
                           "请只用这个区划的工作区构建发布包",
                           f"{county} holds regions outside {prefix}: {', '.join(stray)}; a partial publication "
                           f"replaces only regions under {prefix}: build the bundle from that region's workspace")
    base_index = _index(base)
    nameless = unnamed(base_index, county_index)
    index = merged_index(base_index, county_index, prefix)
    mine = _groups(county, county_index)

    (stage / "index.json").write_text(dumps(index), encoding="utf-8")
    write_groups(mine, stage)
    county_files = json.loads((county / MANIFEST).read_text(encoding="utf-8"))["files"]
    site = (base / "site").is_dir()
    from catalogc.publish.database import DATABASE

    _whole(index, lambda region: county if region.startswith(prefix) else base, stage, site,
           (base / DATABASE).is_file())
    if site:
        from catalogc.publish.site import write_pages

        if not _take(county, county_files, "site/r/", stage):
            write_pages(mine, stage / "site", index.generated)
    if (base / "xlsx").is_dir() and not _take(county, county_files, "xlsx/", stage):
        from catalogc.publish.xlsx import write_tables

        write_tables(mine, stage / "xlsx")
    previous = json.loads((base / MANIFEST).read_text(encoding="utf-8"))["files"]
    for rel in previous:
        target = stage / rel
        region = region_of(rel)
        if target.exists() or (region is not None and region.startswith(prefix)):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(base / rel, target)
    inputs = hashlib.sha256(f"{_inputs(base)}\n{prefix}\n{_inputs(county)}".encode()).hexdigest()
    write_manifest(stage, inputs)
    if not nameless:
        return ()
    shown = "、".join(f"{code}（原为“{base_index.regions[code]}”）" for code in nameless)
    return ((f"{county} 中的区划 {shown}没有名称，发布后网站和表格上也没有：请在县级工作区的 catalogc.toml 的 "
             "[regions] 中登记名称，重新构建后再发布",
             f"{county} names no region {', '.join(nameless)}, which the release named; the site and tables now show "
             "none: register the names under [regions] in the county's catalogc.toml, build and publish again"),)
