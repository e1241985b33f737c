"""`catalogc build`: check, then publish the bundle, the query site and the Excel tables.

The top-down order is: check (its workers spool the compiled items) → index → per region, in
workers: bundle JSON, domain pages, search shard, Excel, a database part → the database and the
shared pages side by side → manifest, all into a fresh folder beside OUT, which then replaces OUT
in one rename (docs/scale.md, "A streaming build"). An interrupted build leaves the previous OUT
as it was.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from catalogc.check.cache import Cache
from catalogc.check.engine import Progress, check_workspace
from catalogc.check.parallel import default_jobs, fork_map, paused_gc
from catalogc.check.result import CheckResult
from catalogc.diagnostics import Severity
from catalogc.load.config import Settings
from catalogc.load.workspace import Workspace
from catalogc.model.bundle import (
    Bundle,
    CatalogMeta,
    Coverage,
    Finding,
    Index,
    IndexEntry,
    RegionDomain,
    group_path,
)
from catalogc.publish import reuse
from catalogc.publish.changes import ChangeLog
from catalogc.publish.manifest import digests, inputs_digest, write_manifest
from catalogc.publish.output import OutputError, destination, replace, stage
from catalogc.publish.spool import FOLDER, Spooled, decoded, encoded, items_of, spooler


class BuildRefused(Exception):
    """The workspace has errors and --allow-errors was not given."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(f"{result.count(Severity.ERROR)} errors")
        self.result = result


def dumps(model: BaseModel) -> str:
    """Deterministic JSON straight from the model's serializer: keys in the model's field order,
    no insignificant spaces, UTF-8 text (twice as fast as ``json.dumps`` of ``model_dump()``)."""
    return model.model_dump_json() + "\n"


def _generated() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(slots=True)
class Group:
    """One region × domain file to write, before its items are read: each catalog's items in file
    order, held in memory or spooled (``publish/spool.py``), and how many there are."""

    region: str
    region_name: str | None
    domain: str
    count: int
    parts: list[Any]

    def arrays(self) -> list[bytes]:
        """Each catalog's items as the JSON array the bundle holds them in (``spool.encoded``)."""
        return [encoded(part) for part in self.parts]

    def load(self, arrays: list[bytes] | None = None) -> RegionDomain:
        """The group's items as models; with ``arrays`` (``arrays()``), the spooled ones decoded from
        those bytes instead of being read again."""
        if arrays is None:
            items = [item for part in self.parts for item in items_of(part)]
        else:
            items = [item for part, array in zip(self.parts, arrays, strict=True)
                     for item in (decoded(array) if isinstance(part, Spooled) else part)]
        return RegionDomain(region=self.region, region_name=self.region_name, domain=self.domain, items=items)

    def data(self, arrays: list[bytes] | None = None) -> bytes:
        """The bundle file, its items' JSON taken from the spool as the check's workers encoded it
        (or given as ``arrays``): the bytes ``dumps`` gives of the loaded group, without decoding
        and encoding them again."""
        empty = dumps(RegionDomain(region=self.region, region_name=self.region_name, domain=self.domain, items=[]))
        head, tail = empty.encode("utf-8").rsplit(b"[]", 1)
        arrays = self.arrays() if arrays is None else arrays
        items = b",".join(array[1:-1] for array in arrays if array != b"[]")
        return b"".join((head, b"[", items, b"]", tail))

    def write(self, root: Path, load: bool = False, arrays: list[bytes] | None = None) -> RegionDomain | None:
        """The bundle file (``data``). With ``load``, returns the group read from the same bytes
        (each spool slice read once; ``arrays`` when the caller has read them)."""
        arrays = self.arrays() if arrays is None else arrays
        path = root / group_path(self.region, self.domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.data(arrays))
        return self.load(arrays) if load else None


def plan(result: CheckResult, settings: Settings, allow_errors: bool) -> tuple[Index, list[Group]]:
    """The bundle's index and its region × domain files in order, from the catalogs' metadata alone."""
    grouped: dict[tuple[str, str], list[Any]] = defaultdict(list)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    catalogs: list[CatalogMeta] = []
    for meta, items in sorted(result.compiled, key=lambda c: c[0].file):
        catalogs.append(meta)
        if meta.items:
            grouped[(meta.region, meta.domain)].append(items)
            counts[(meta.region, meta.domain)] += meta.items
    registry = result.office.regions if result.office is not None else settings.regions  # merged across sources
    names = {c.region: registry.get(c.region) for c in sorted(catalogs, key=lambda c: c.region)}
    groups = [Group(region, names.get(region), domain, counts[(region, domain)], parts)
              for (region, domain), parts in sorted(grouped.items())]
    coverage = []
    if result.graph is not None:
        coverage = [Coverage(department=r.department, domain=r.domain, list=r.kind, entries=r.entries,
                             covered=r.covered) for r in result.graph.coverage()]
    index = Index(
        generated=_generated(),
        regions=names,
        files=[IndexEntry(region=g.region, region_name=g.region_name, domain=g.domain,
                          path=group_path(g.region, g.domain), items=g.count) for g in groups],
        catalogs=catalogs,
        coverage=coverage,
        findings=[Finding.model_validate(d.to_json()) for d in result.diagnostics
                  if allow_errors or d.severity is not Severity.ERROR],
    )
    return index, groups


def assemble(result: CheckResult, settings: Settings, allow_errors: bool) -> Bundle:
    """The whole bundle in memory, for programs and tests that want it so (a build streams)."""
    index, groups = plan(result, settings, allow_errors)
    return Bundle(index=index, groups=[g.load() for g in groups])


def write_groups(groups: list[RegionDomain], root: Path) -> None:
    for group in groups:
        path = root / group.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dumps(group), encoding="utf-8")


def _inputs(workspace: Workspace, office: Any = None) -> list[tuple[str, Path | bytes]]:
    """Every input by name: the workspace's files, and an office's sources' (git ones by source, commit and path)."""
    files: list[tuple[str, Path | bytes]] = [(workspace.rel(p), p) for p in workspace.files]
    for source in office.sources if office is not None else ():
        for rel, reader in source.inputs:
            name = source.shown(rel) if source.kind == "folder" else f"{source.name}@{source.commit}:{source.shown(rel)}"
            files.append((name, reader if isinstance(reader, Path) else reader.read_bytes()))
    for extra in sorted((workspace.root / "lists").rglob("*")) if (workspace.root / "lists").is_dir() else ():
        if extra.is_file():
            files.append((workspace.rel(extra), extra))
    config = workspace.root / "catalogc.toml"
    if config.is_file():
        files.append(("catalogc.toml", config))
    return files


def _input_places(workspace: Workspace) -> list[Path]:
    """What OUT must neither be, contain nor lie in: the input files and the folders that hold them."""
    folders = [workspace.root / name for name in ("catalogs", "lists") if (workspace.root / name).is_dir()]
    return folders + [path for _, path in _inputs(workspace) if isinstance(path, Path)]


@dataclass(slots=True)
class BuildResult:
    check: CheckResult
    index: Index
    out: Path
    replaced_link: str | None = None  # where OUT pointed when it was a symlink


@dataclass(slots=True)
class Region:
    """One region's share of the outputs, written by one worker: its groups (indices into the plan)
    and the number of its first item in the bundle's order (the database's item ids)."""

    code: str
    groups: list[int]
    start: int


# What turns the new bundle, its index and its planned groups, into the 动态调整 record against an
# earlier release (``build --since``); it reads the groups' items from the spool as it needs them.
Since = Callable[[Index, list[Group]], ChangeLog]


def build(workspace: Workspace, settings: Settings, out: Path, *, allow_errors: bool = False,
          jobs: int | None = None, site: bool = True, excel: bool = True, force: bool = False,
          sqlite: bool = True, since: Since | None = None, cache: Cache | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Check, then publish into OUT; the collector is paused throughout (the bundle is a tree of models).
    With ``cache``, unchanged files give their findings and compiled items from it."""
    sources = settings.file.sources if settings.file is not None else []
    # an office's sources are inputs too: OUT may neither be, contain nor lie in one of them
    places = _input_places(workspace) + [workspace.root / (s.path or s.git or "") for s in sources
                                         if "://" not in (s.git or "")]
    target = destination(out, places, force)
    with paused_gc():
        return _build(workspace, settings, target, allow_errors, jobs, site, excel, sqlite, since, cache, progress)


def _regions(groups: list[Group]) -> list[Region]:
    regions: list[Region] = []
    start = 1
    for n, group in enumerate(groups):
        if not regions or regions[-1].code != group.region:
            regions.append(Region(group.region, [], start))
        regions[-1].groups.append(n)
        start += group.count
    return regions


def _by_size(sizes: list[int]) -> Callable[[list[int], int], list[list[int]]]:
    """The regions' step in tasks of one region each, the biggest first (``sizes``: items by
    region): the workers stay evenly loaded to the end (a region is far more work than a task's
    overhead), and a progress bar moves region by region."""
    def chunks(keys: list[int], jobs: int) -> list[list[int]]:
        return [[key] for key in sorted(keys, key=lambda key: -sizes[key])]

    return chunks


def _build(workspace: Workspace, settings: Settings, target: Path, allow_errors: bool, jobs: int | None,
           site: bool, excel: bool, sqlite: bool = True, since: Since | None = None,
           cache: Cache | None = None, progress: Progress | None = None) -> BuildResult:
    """Streams when it can: the check's workers spool the compiled items into the staging folder,
    and workers per region read them back and write everything about that region, returning only
    small things (search facts, the documents cited, a database part); the parent never holds the
    items; an office's sources are stamped with their provenance before they are spooled.
    ``--since`` compares the spooled groups with the earlier release one group at a time."""
    link = os.readlink(target) if target.is_symlink() else None
    if sqlite:
        from catalogc.publish.database import probe

        probe()
    try:
        tmp = stage(target)
    except OSError as exc:
        raise OutputError(f"不能在 {target.parent} 中创建输出目录：{exc.strerror or exc}") from exc
    try:
        scratch = tmp / FOLDER
        scratch.mkdir()
        result = check_workspace(workspace, settings, jobs, collect=spooler(scratch), cache=cache, progress=progress)
        if result.count(Severity.ERROR) and not allow_errors:
            raise BuildRefused(result)
        index, groups = plan(result, settings, allow_errors)
        # what the index took from the check is all the build needs of it: the items' facts and the
        # lists' graph (a million facts are most of the parent's memory) go before the regions' workers fork
        result.compiled, result.facts, result.graph = [], [], None
        changes = since(index, groups) if since is not None else None
        # the site's quality page counts the changes by the department of each changed item: only the
        # groups with changes are read into memory
        changed = {(row.region, row.domain) for row in changes.rows} if changes is not None and site else set()
        bundle = Bundle(index=index, groups=[g.load() for g in groups if (g.region, g.domain) in changed])
        (tmp / "index.json").write_text(dumps(index), encoding="utf-8")
        generated = index.generated
        regions = _regions(groups)
        previous = reuse.previous(cache, target)
        if site:
            from catalogc.publish.site import prepare

            prepare(tmp / "site")

        kinds = [kind for kind, on in zip(reuse.KINDS, (True, site, excel, sqlite), strict=True) if on]

        def emit(keys: list[int]) -> list[tuple[int, Any, Any, reuse.Record | None, dict[str, str]]]:
            """Every output of the given regions; runs in forked workers that inherit the plan. A region's
            kinds of output that nothing changed are taken from the previous OUT (``publish/reuse.py``)."""
            done = []
            for key in keys:
                region = regions[key]
                own = [groups[n] for n in region.groups]
                arrays = [g.arrays() for g in own]  # each spool slice read once, for the keys and the writers
                record = None
                if cache is not None:
                    record = reuse.Record(region.code, reuse.keys(
                        region.code, own[0].region_name, generated,
                        [(g.domain, g.count, a) for g, a in zip(own, arrays, strict=True)], changes),
                        [g.domain for g in own], region.start, sum(g.count for g in own), kinds)
                    if previous is not None:
                        record = previous.reuse(record, tmp, scratch / f"{key}.sqlite")
                reused = record.reused if record is not None else ()
                # the outputs that need the items as more than their JSON
                models = any(on and kind not in reused for kind, on in (("site", site), ("xlsx", excel), ("sqlite", sqlite)))
                if "bundle" in reused:
                    loaded = [g.load(a) for g, a in zip(own, arrays, strict=True)] if models else []
                else:
                    loaded = [loaded_group for g, a in zip(own, arrays, strict=True)
                              if (loaded_group := g.write(tmp, models, a)) is not None]
                facts = documents = None
                if site and record is not None and "site" in reused:
                    facts = record.facts
                elif site:
                    from catalogc.publish.site import write_pages, write_shard

                    write_pages(loaded, tmp / "site", generated, changes)
                    facts = write_shard(loaded, tmp / "site")
                if excel and "xlsx" not in reused:
                    from catalogc.publish.xlsx import write_tables

                    write_tables(loaded, tmp / "xlsx", changes)
                if sqlite and record is not None and "sqlite" in reused:
                    documents = record.documents
                elif sqlite:
                    from catalogc.publish.database import write_part

                    documents = write_part(loaded, region.start, scratch / f"{key}.sqlite")
                if record is not None:
                    record.facts, record.documents = facts, documents
                # the manifest's digests of the region's files, taken here while their bytes are at hand
                # (a reused file's is the previous manifest's)
                made = reuse.files(region.code, [g.domain for g in own])
                known = record.digests if record is not None else {}
                hashed = digests(tmp, [rel for kind in kinds for rel in made[kind] if rel not in known])
                hashed.update(known)
                done.append((key, facts, documents, record, hashed))
                del loaded, arrays
                # the collector is paused, and what a region's writers leave behind may hold cycles: without this a
                # worker would keep every region's tables it wrote, a few MB each. The two young generations only:
                # a region's cycles are made during it, and what survives (the writers' modules and caches) is then
                # left alone instead of being walked again after every region.
                gc.collect(1)
            return done

        sizes = [sum(groups[n].count for n in region.groups) for region in regions]

        def advanced(part: list[tuple[int, Any, Any, Any, Any]]) -> None:
            assert progress is not None
            progress.advance(sum(len(regions[d[0]].groups) for d in part), sum(sizes[d[0]] for d in part))

        if progress is not None:
            progress.start(len(groups))  # the bar starts again, counting the bundle's files
        done = sorted(d for part in fork_map(emit, range(len(regions)), jobs or default_jobs(), chunks=_by_size(sizes),
                                             done=advanced if progress is not None else None) for d in part)

        def finish(tasks: list[str]) -> None:
            """The two outputs about the whole bundle, side by side in two workers."""
            for task in tasks:
                if task == "sqlite":
                    from catalogc.publish.database import DATABASE, merge_database

                    cited: dict[str, Any] = {}
                    for _, _, documents, _, _ in done:
                        for key, row in documents.items():
                            cited.setdefault(key, row)
                    merge_database(index, [scratch / f"{d[0]}.sqlite" for d in done], cited, tmp / DATABASE)
                else:
                    from catalogc.publish.site import SearchFacts, write_shared

                    facts = SearchFacts()
                    for _, found, _, _, _ in done:
                        facts.add(found)
                    write_shared(bundle, [(g.region, g.domain, g.count) for g in groups], facts, tmp / "site",
                                 changes)

        fork_map(finish, [task for task, wanted in (("sqlite", sqlite), ("site", site)) if wanted],
                 jobs or default_jobs(), min_keys=2)
        shutil.rmtree(scratch)
        write_manifest(tmp, inputs_digest(_inputs(workspace, result.office)), {k: v for d in done for k, v in d[4].items()})
        kept = reuse.state(tmp, target, [d[3] for d in done if d[3] is not None]) if cache is not None else None
        replace(tmp, target)
        if kept is not None:
            reuse.save(cache, target, kept)
    except OSError as exc:  # a full disk, a folder we may not write: the previous OUT stays
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"写入 {target} 失败：{exc}；之前的输出未改动") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildResult(result, index, target, link)
