"""`catalogc import`: tables in the national layout → catalog files of a workspace.

Plans the import without touching the disk (the command writes, atomically, after
refusing to overwrite), so a run that finds unusable input writes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from catalogc.commands.scaffold import default_path
from catalogc.ingest import Problem, UnusableInput
from catalogc.ingest.layout import layout
from catalogc.ingest.mapping import CatalogDraft, Options, TableResult, assign_ids, group, read_table
from catalogc.ingest.tables import read_tables
from catalogc.ingest.write import render

if TYPE_CHECKING:
    from catalogc.check.engine import Progress

__all__ = ["ImportPlan", "Options", "Output", "UnusableInput", "plan_import"]


@dataclass(frozen=True, slots=True)
class Output:
    path: Path
    text: str
    department: str
    domain: str
    items: int


@dataclass(slots=True)
class ImportPlan:
    outputs: list[Output] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _tables(path: Path, options: Options, problems: list[Problem]) -> list[TableResult]:
    found = []
    for grid in read_tables(path):
        if not any(any(row) for row in grid.texts):
            continue
        recognised = layout(grid)
        if recognised is None:
            if path.suffix.lower() not in (".html", ".htm"):  # web pages lay out their navigation in tables
                problems.append(Problem(f"{grid.source}!{grid.name}",
                                        "没有找到目录表头（序号、公开事项、公开内容、公开依据…），这张表未导入"))
            continue
        result = read_table(grid, recognised, options)
        problems += result.problems
        if not result.drafts and not result.problems:
            problems.append(Problem(f"{grid.source}!{grid.name}", "表中只有表头，没有事项行"))
        found.append(result)
    if not found:
        raise UnusableInput(f"{path.name}：没有找到国家标准目录格式的表格"
                            "（表头应有 序号、公开事项、公开内容、公开依据、公开时限 等列）")
    return found


def _folder_name(department: str) -> str:
    safe = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", department).strip()
    return safe if safe.strip(".") else "_"


def _paths(workspace: Path, catalogs: list[CatalogDraft]) -> list[Path]:
    """catalogs/<department>/<domain>.yaml, with the short department name `catalogc init` uses
    unless two departments would share it."""
    short = [default_path(workspace, _folder_name(c.department), c.domain) for c in catalogs]
    return [path if short.count(path) == 1 else workspace / "catalogs" / _folder_name(c.department) / path.name
            for path, c in zip(short, catalogs, strict=True)]


def plan_import(files: list[Path], workspace: Path, options: Options, progress: Progress | None = None) -> ImportPlan:
    """The catalog files an import would write, and every cell it could not map.

    Raises UnusableInput for a file that holds no table in the national layout, or
    when the domain or the id prefix cannot be determined.
    """
    plan = ImportPlan()
    tables: list[TableResult] = []
    if progress is not None:
        progress.start(len(files))
    for path in files:
        found = _tables(path, options, plan.problems)
        tables += found
        if progress is not None:
            progress.advance(1, sum(len(t.drafts) for t in found))
    catalogs = group(tables, options)
    for catalog, path in zip(catalogs, _paths(workspace, catalogs), strict=True):
        text = render(catalog, assign_ids(catalog))
        plan.outputs.append(Output(path, text, catalog.department, catalog.domain, len(catalog.items)))
    return plan
