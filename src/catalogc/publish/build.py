"""`catalogc build`: check, then publish the bundle, the query site and the Excel tables.

The top-down order is: check (with compiled items) → bundle JSON → site → Excel →
manifest, all into a fresh folder beside OUT, which then replaces OUT in one rename.
An interrupted build leaves the previous OUT as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogc.check.engine import check_workspace, default_jobs
from catalogc.check.parallel import fork_map
from catalogc.check.result import CheckResult
from catalogc.diagnostics import Severity
from catalogc.load.config import Settings
from catalogc.load.workspace import Workspace
from catalogc.model.bundle import BUNDLE_FORMAT
from catalogc.publish.manifest import inputs_digest, write_manifest


class BuildRefused(Exception):
    """The workspace has errors and --allow-errors was not given."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(f"{result.count(Severity.ERROR)} errors")
        self.result = result


@dataclass(slots=True)
class Bundle:
    """The compiled workspace, grouped as the bundle publishes it."""

    index: dict[str, Any]
    groups: dict[tuple[str, str], list[dict[str, Any]]]  # (region, domain) → items
    catalogs: list[dict[str, Any]]
    region_names: dict[str, str | None]


def dumps(data: Any) -> str:
    """Deterministic JSON: sorted keys, no insignificant spaces, UTF-8 text."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def group_path(region: str, domain: str) -> str:
    return f"catalogs/{region}/{domain}.json"


def _generated() -> str | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).isoformat().replace("+00:00", "Z")


def assemble(result: CheckResult, settings: Settings, allow_errors: bool) -> Bundle:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    catalogs = []
    for meta, items in sorted(result.compiled, key=lambda c: c[0]["file"]):
        catalogs.append(meta)
        if items:
            groups[(meta["region"], meta["domain"])].extend(items)
    names: dict[str, str | None] = {region: settings.regions.get(region) for region, _ in groups}
    names.update({c["region"]: settings.regions.get(c["region"]) for c in catalogs})
    coverage = []
    if result.graph is not None:
        coverage = [{"department": r.department, "domain": r.domain, "list": r.kind, "entries": r.entries,
                     "covered": r.covered} for r in result.graph.coverage()]
    index = {
        "format": BUNDLE_FORMAT,
        "generated": _generated(),
        "regions": dict(sorted(names.items())),
        "files": [{"region": region, "region_name": names.get(region), "domain": domain,
                   "path": group_path(region, domain), "items": len(items)}
                  for (region, domain), items in sorted(groups.items())],
        "catalogs": catalogs,
        "coverage": coverage,
        "findings": [d.to_json() for d in result.diagnostics] if allow_errors else
                    [d.to_json() for d in result.diagnostics if d.severity is not Severity.ERROR],
    }
    return Bundle(index, dict(sorted(groups.items())), catalogs, names)



def write_groups(bundle: Bundle, root: Path, keys: list[tuple[str, str]]) -> None:
    for region, domain in keys:
        items = bundle.groups[(region, domain)]
        path = root / group_path(region, domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"format": BUNDLE_FORMAT, "region": region, "region_name": bundle.region_names.get(region),
                "domain": domain, "items": items}
        path.write_text(dumps(data), encoding="utf-8")


def _inputs(workspace: Workspace) -> list[tuple[str, Path]]:
    files = [(workspace.rel(p), p) for p in workspace.files]
    for extra in sorted((workspace.root / "lists").rglob("*")) if (workspace.root / "lists").is_dir() else ():
        if extra.is_file():
            files.append((workspace.rel(extra), extra))
    config = workspace.root / "catalogc.toml"
    if config.is_file():
        files.append(("catalogc.toml", config))
    return files


def _swap(tmp: Path, out: Path) -> None:
    """Put the new tree in place with renames: readers see the old OUT or the new one."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        os.replace(out, old)
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@dataclass(slots=True)
class BuildResult:
    check: CheckResult
    bundle: Bundle
    out: Path


def build(workspace: Workspace, settings: Settings, out: Path, *, allow_errors: bool = False,
          jobs: int | None = None, site: bool = True, excel: bool = True) -> BuildResult:
    result = check_workspace(workspace, settings, jobs, collect=True)
    if result.count(Severity.ERROR) and not allow_errors:
        raise BuildRefused(result)
    bundle = assemble(result, settings, allow_errors)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)  # left by an interrupted build
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        (tmp / "index.json").write_text(dumps(bundle.index), encoding="utf-8")
        if site:
            from catalogc.publish.site import write_site

            write_site(bundle, tmp / "site")

        def emit(keys: list[tuple[str, str]]) -> None:
            """Per region × domain outputs; runs in forked workers that inherit ``bundle``."""
            write_groups(bundle, tmp, keys)
            if site:
                from catalogc.publish.site import write_pages

                write_pages(bundle, tmp / "site", keys)
            if excel:
                from catalogc.publish.xlsx import write_tables

                write_tables(bundle, tmp / "xlsx", keys)

        fork_map(emit, list(bundle.groups), jobs or default_jobs())
        write_manifest(tmp, inputs_digest(_inputs(workspace)))
        _swap(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return BuildResult(result, bundle, out)
