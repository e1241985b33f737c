"""`catalogc build`: check, then publish the bundle, the query site and the Excel tables.

The top-down order is: check (with compiled items) → bundle JSON → SQLite → site → Excel →
manifest, all into a fresh folder beside OUT, which then replaces OUT in one rename.
An interrupted build leaves the previous OUT as it was.
"""

from __future__ import annotations

import datetime as dt
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
    Item,
    RegionDomain,
)
from catalogc.publish.changes import ChangeLog
from catalogc.publish.compile import compile_catalog
from catalogc.publish.manifest import inputs_digest, write_manifest
from catalogc.publish.output import OutputError, destination, replace, stage


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


def assemble(result: CheckResult, settings: Settings, allow_errors: bool) -> Bundle:
    grouped: dict[tuple[str, str], list[Item]] = defaultdict(list)
    catalogs: list[CatalogMeta] = []
    for meta, items in sorted(result.compiled, key=lambda c: c[0].file):
        catalogs.append(meta)
        if items:
            grouped[(meta.region, meta.domain)].extend(items)
    registry = result.office.regions if result.office is not None else settings.regions  # merged across sources
    names = {c.region: registry.get(c.region) for c in sorted(catalogs, key=lambda c: c.region)}
    groups = [RegionDomain(region=region, region_name=names.get(region), domain=domain, items=items)
              for (region, domain), items in sorted(grouped.items())]
    coverage = []
    if result.graph is not None:
        coverage = [Coverage(department=r.department, domain=r.domain, list=r.kind, entries=r.entries,
                             covered=r.covered) for r in result.graph.coverage()]
    index = Index(
        generated=_generated(),
        regions=names,
        files=[IndexEntry(region=g.region, region_name=g.region_name, domain=g.domain, path=g.path,
                          items=len(g.items)) for g in groups],
        catalogs=catalogs,
        coverage=coverage,
        findings=[Finding.model_validate(d.to_json()) for d in result.diagnostics
                  if allow_errors or d.severity is not Severity.ERROR],
    )
    return Bundle(index=index, groups=groups)


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
    bundle: Bundle
    out: Path
    replaced_link: str | None = None  # where OUT pointed when it was a symlink


# What turns the new bundle into the 动态调整 record against an earlier release (``build --since``).
Since = Callable[[Bundle], ChangeLog]


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


def _build(workspace: Workspace, settings: Settings, target: Path, allow_errors: bool, jobs: int | None,
           site: bool, excel: bool, sqlite: bool = True, since: Since | None = None,
           cache: Cache | None = None, progress: Progress | None = None) -> BuildResult:
    result = check_workspace(workspace, settings, jobs, collect=compile_catalog, cache=cache, progress=progress)
    if result.count(Severity.ERROR) and not allow_errors:
        raise BuildRefused(result)
    bundle = assemble(result, settings, allow_errors)
    changes = since(bundle) if since is not None else None
    link = os.readlink(target) if target.is_symlink() else None
    try:
        tmp = stage(target)
    except OSError as exc:
        raise OutputError(f"不能在 {target.parent} 中创建输出目录：{exc.strerror or exc}") from exc
    try:
        (tmp / "index.json").write_text(dumps(bundle.index), encoding="utf-8")
        if sqlite:
            from catalogc.publish.database import DATABASE, write_database

            write_database(bundle, tmp / DATABASE)
        generated = bundle.index.generated
        if site:
            from catalogc.publish.site import write_site

            write_site(bundle, tmp / "site", changes)

        def emit(keys: list[int]) -> None:
            """Per region × domain outputs; runs in forked workers that inherit ``bundle``."""
            groups = [bundle.groups[k] for k in keys]
            write_groups(groups, tmp)
            if site:
                from catalogc.publish.site import write_pages

                write_pages(groups, tmp / "site", generated, changes)
            if excel:
                from catalogc.publish.xlsx import write_tables

                write_tables(groups, tmp / "xlsx", changes)

        fork_map(emit, range(len(bundle.groups)), jobs or default_jobs())
        write_manifest(tmp, inputs_digest(_inputs(workspace, result.office)))
        replace(tmp, target)
    except OSError as exc:  # a full disk, a folder we may not write: the previous OUT stays
        shutil.rmtree(tmp, ignore_errors=True)
        raise OutputError(f"写入 {target} 失败：{exc}；之前的输出未改动") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildResult(result, bundle, target, link)
