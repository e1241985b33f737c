"""Find a workspace's catalog files (FORMAT.md §1)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CATALOG_SUFFIXES = (".yaml", ".yml")


class WorkspaceError(Exception):
    """The workspace cannot be checked at all (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Workspace:
    root: Path
    files: tuple[Path, ...]

    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _root_of(path: Path) -> Path:
    for parent in path.resolve().parents:
        if parent.name == "catalogs":
            return parent.parent
        if (parent / "catalogc.toml").is_file():
            return parent
    return path.resolve().parent


def discover(target: Path) -> Workspace:
    """A workspace folder (its catalogs/**/*.yaml), or a single catalog file within one."""
    if not target.exists():
        raise WorkspaceError(f"找不到 {target}：请给出工作区目录（含 catalogs/）或一个目录文件")
    if target.is_file():
        return Workspace(_root_of(target), (target,))
    catalogs = target / "catalogs"
    base = catalogs if catalogs.is_dir() else target
    files = sorted(
        (p for p in base.rglob("*") if p.suffix in CATALOG_SUFFIXES and p.is_file()),
        key=lambda p: p.relative_to(target).as_posix(),
    )
    if not files:
        raise WorkspaceError(f"{target} 下没有目录文件：目录放在 {target}/catalogs/**/*.yaml")
    return Workspace(target, tuple(files))
