"""Find a workspace from the paths given on the command line, and its input files (FORMAT.md §1).

The root is the nearest folder, from the targets upward, that holds ``catalogc.toml`` or
``catalogs/``: its settings apply and every path is shown relative to it, wherever the
command runs. Cross-file rules see the whole workspace; the targets only narrow what is
reported. Inputs never leave the workspace: a link under ``catalogs/`` or ``lists/`` that
leads outside is recorded, not followed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from catalogc.load.config import CONFIG_NAME

CATALOG_SUFFIXES = (".yaml", ".yml")
LIST_FOLDERS = ("lists/powers", "lists/services")  # a workspace of lists alone is checked for its lists
LIST_SUFFIXES = (".csv", ".xlsx")


class WorkspaceError(Exception):
    """The workspace cannot be checked at all (exit status 2)."""


@dataclass(frozen=True, slots=True)
class Workspace:
    root: Path
    files: tuple[Path, ...]  # the catalog files reported on: all of them unless targets narrow it
    catalogs: tuple[Path, ...] = ()  # every catalog file, for the cross-file rules
    outside: tuple[str, ...] = ()  # links under catalogs/ leading out of the workspace, never read
    targets: tuple[str, ...] | None = None  # workspace-relative targets; None: the whole workspace

    def rel(self, path: Path) -> str:
        """Workspace-relative, forward slashes; lexical, so a link keeps its own name."""
        return Path(os.path.relpath(os.path.abspath(path), self.root)).as_posix()

    def named(self) -> list[tuple[Path, str]]:
        """Each catalog file with its workspace-relative name. Discovery gives normalized absolute
        paths under the root, so the name is a slice of the path (``rel`` for any other): a
        hundred times cheaper, which a run over thousands of files notices."""
        prefix = os.path.join(os.path.abspath(self.root), "")
        out = []
        for path in self.catalogs:
            text = str(path)
            fast = os.sep == "/" and text.startswith(prefix) and "/." not in text and "//" not in text
            out.append((path, text[len(prefix):] if fast else self.rel(path)))
        return out

    def reports(self, rel: str) -> bool:
        """Whether findings in ``rel`` (a file or folder) are within the targets."""
        if self.targets is None:
            return True
        return any(rel == t or rel.startswith(t + "/") for t in self.targets)


def _inside(path: str, real_root: str) -> bool:
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


def walk(root: Path, folder: str, suffixes: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """Files under ``root/folder`` whose names end in ``suffixes`` (case-insensitive), sorted, and
    the workspace-relative names of links there that lead outside the workspace.

    Names are built as strings while walking: a folder's real path is its parent's plus its name
    unless it is a link, so only links are resolved (a workspace of thousands of files is walked
    on every run, cached or not)."""
    real_root = os.path.realpath(root)
    base = root / folder
    found: list[tuple[str, str]] = []  # (workspace-relative name, path)
    outside: list[str] = []
    seen: set[str] = set()

    if not base.is_dir():
        if base.is_symlink() and not _inside(str(base), real_root):
            outside.append(folder)
        return [], outside
    rel_base = Path(os.path.relpath(base, root)).as_posix()
    pending: list[tuple[str, str, str | None]] = [(str(base), rel_base, None)]
    while pending:
        dirpath, rel, real = pending.pop()
        if real is None:  # the folder given, or a link: where it leads decides
            real = os.path.realpath(dirpath)
            if not _inside(dirpath, real_root):
                outside.append(rel)
                continue
        if real in seen:  # a link back into a folder already walked
            continue
        seen.add(real)
        try:
            entries = list(os.scandir(dirpath))
        except OSError:  # unreadable: as os.walk, skipped
            continue
        folders = []
        for entry in entries:
            name = entry.name
            try:
                link = entry.is_symlink()
                folder_entry = entry.is_dir()
            except OSError:
                continue
            if folder_entry:
                folders.append((name, entry.path, None if link else f"{real}/{name}"))
            elif name.lower().endswith(suffixes):
                if link and not _inside(entry.path, real_root):
                    outside.append(f"{rel}/{name}")
                else:
                    found.append((f"{rel}/{name}", entry.path))
        # depth first in name order, as os.walk: of two ways into one folder, the first is walked
        pending.extend((path, f"{rel}/{name}", real_path) for name, path, real_path in sorted(folders, reverse=True))
    found.sort()
    outside.sort()
    return [Path(path) for _, path in found], outside


def find_root(path: Path) -> Path | None:
    """The nearest folder, from ``path`` upward, holding catalogc.toml, catalogs/ or lists/powers|services."""
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file() or (folder / "catalogs").is_dir() \
                or any((folder / f).is_dir() for f in LIST_FOLDERS):
            return folder
    return None


def _assembles(root: Path) -> bool:
    """Whether the root's catalogc.toml lists sources: an office needs no catalogs of its own
    (docs/offices.md). A file that cannot be read says so later, when the settings are read."""
    import tomllib

    try:
        return bool(tomllib.loads((root / CONFIG_NAME).read_text(encoding="utf-8")).get("sources"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def discover(*targets: Path) -> Workspace:
    """The workspace holding ``targets`` (files or folders; the current folder when none)."""
    targets = targets or (Path("."),)
    for target in targets:
        if not target.exists() and not target.is_symlink():
            raise WorkspaceError(f"找不到 {target}：请给出工作区目录（含 catalogs/）、其中的目录或目录文件")
    absolute = [Path(os.path.abspath(t)) for t in targets]
    roots = {find_root(a) for a in absolute}
    if None in roots:
        where = next(t for t, a in zip(targets, absolute, strict=True) if find_root(a) is None)
        raise WorkspaceError(f"{where} 不在工作区中：工作区是含有 catalogs/ 目录或 {CONFIG_NAME} 的文件夹")
    if len(roots) > 1:
        shown = "、".join(sorted(str(r) for r in roots if r is not None))
        raise WorkspaceError(f"给出的路径属于不同的工作区（{shown}）：每次检查一个工作区")
    root = roots.pop()
    assert root is not None
    catalogs, outside = walk(root, "catalogs", CATALOG_SUFFIXES)
    if not catalogs and not outside and not any((root / f).is_dir() for f in LIST_FOLDERS) and not _assembles(root):
        raise WorkspaceError(f"{root} 下没有目录文件：目录放在 {root / 'catalogs'}/**/*.yaml")
    rels = [Path(os.path.relpath(a, root)).as_posix() for a in absolute]
    workspace = Workspace(root, (), tuple(catalogs), tuple(outside), None if "." in rels else tuple(rels))
    files = workspace.catalogs if workspace.targets is None else \
        tuple(p for p in catalogs if workspace.reports(workspace.rel(p)))
    return Workspace(root, files, workspace.catalogs, workspace.outside, workspace.targets)
