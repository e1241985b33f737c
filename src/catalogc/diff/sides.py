"""The two sides of a comparison: a workspace (compiled the way ``build`` compiles it, its items
spooled to a temporary folder), a built bundle folder, or a git revision of the workspace. Each
is read group by group when compared (``diff/groups.py``): neither is ever whole in memory.

How an argument is taken (docs/diff.md): ``git:REV`` is always a revision; otherwise an existing
folder with a catalogc ``manifest.json`` is a bundle, any other existing folder a workspace, and
anything else a git revision of the workspace given with ``--workspace`` (the current folder).
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from catalogc.diff.changeset import SideInfo
from catalogc.diff.groups import Folder, Groups, Planned, SideError, first_error
from catalogc.load.workspace import WorkspaceError, discover
from catalogc.model.bundle import BUNDLE_FORMAT, Index
from catalogc.publish.output import previous_output

GIT_PREFIX = "git:"


@dataclass(frozen=True, slots=True)
class Side:
    info: SideInfo
    groups: Groups


def load_bundle(folder: Path, label: str | None = None) -> Side:
    """A folder written by ``catalogc build``: index.json and the region × domain files it lists."""
    index_path = folder / "index.json"
    try:
        index = Index.model_validate_json(index_path.read_bytes())
    except OSError as exc:
        raise SideError(f"{folder} 不是可读的发布目录：读不到 index.json（{exc.strerror or exc}）",
                        f"{folder} is not a readable bundle: cannot read index.json ({exc.strerror or exc})") from exc
    except ValidationError as exc:
        raise SideError(f"{index_path} 不是 catalogc 的发布包索引：{first_error(exc)}",
                        f"{index_path} is not a catalogc bundle index: {first_error(exc)}") from exc
    if index.format != BUNDLE_FORMAT:
        raise SideError(f"{index_path} 的包格式版本是 {index.format}，本版本的 catalogc 读的是 {BUNDLE_FORMAT}",
                        f"{index_path} has bundle format {index.format}; this catalogc reads {BUNDLE_FORMAT}")
    # the comparison needs neither the findings nor the coverage (a release's findings may be as many as its items)
    side = Folder(folder, index.model_copy(update={"findings": [], "coverage": []}))
    for n in range(len(index.files)):  # a missing file stops the comparison before anything is read
        if not side.path(n).is_file():
            side.data(n)  # names the file and why it cannot be read
    return Side(SideInfo("bundle", label or str(folder)), side)


def load_workspace(folder: Path, label: str | None = None, info: SideInfo | None = None) -> Side:
    """A workspace compiled as ``build`` compiles it, its items spooled to a temporary folder (removed
    with the side). Files that cannot be read would look like removed items, so any loading error
    (C0xx) stops the comparison and names the file."""
    from catalogc.check.engine import check_workspace
    from catalogc.check.prepare import load_settings
    from catalogc.diagnostics import Severity
    from catalogc.publish.build import plan
    from catalogc.publish.spool import spooler

    workspace = discover(folder)
    settings = load_settings(workspace.root, select=("C0",))
    spool = tempfile.TemporaryDirectory(prefix="catalogc-diff-spool-")
    result = check_workspace(workspace, settings, collect=spooler(Path(spool.name)))
    broken = [d for d in result.diagnostics if d.severity is Severity.ERROR and d.code.startswith("C0")]
    if broken:
        shown = "；".join(f"{d.file}:{d.line} {d.code} {d.message}" for d in broken[:3])
        more = f" 等 {len(broken)} 处" if len(broken) > 3 else ""
        raise SideError(f"{label or folder} 中有读不出事项的文件（{shown}{more}）。"
                        "比较会把读不出的事项当作取消；请先改正（catalogc check 列出全部）",
                        f"{label or folder} has files whose items cannot be read ({shown}"
                        f"{f' and {len(broken) - 3} more' if more else ''}); they would look removed. "
                        "Fix them first (catalogc check lists them all)")
    index, groups = plan(result, settings, allow_errors=True)
    return Side(info or SideInfo("workspace", label or str(folder)), Planned(index, groups, spool))


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise SideError("找不到 git 命令：比较 git 版本需要安装 git", "git not found: comparing revisions needs git") from exc


def load_revision(rev: str, workspace: Path) -> Side:
    """The workspace as it was at ``rev``, read with ``git archive`` into a temporary folder (the user's
    work tree and index are not touched), then compiled like a workspace."""
    try:
        root = discover(workspace).root
    except WorkspaceError as exc:
        raise SideError(f"{rev} 不是文件夹；当作 git 版本读时需要工作区（用 -w 指定）：{exc}",
                        f"{rev} is not a folder; read as a git revision it needs a workspace (give -w): {exc}") from exc
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise SideError(f"{rev} 不是文件夹，也不能当作 git 版本：工作区 {root} 不在 git 仓库中。"
                        "请给出工作区或发布目录，或在 git 仓库中运行",
                        f"{rev} is not a folder, and not a git revision either: the workspace {root} is not in a "
                        "git repository. Give a workspace or a bundle, or run in a git repository")
    toplevel = Path(top.stdout.decode().strip())
    commit = _git(toplevel, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
    if commit.returncode != 0 or rev.startswith("-"):
        raise SideError(f"{rev} 不是文件夹，git 仓库 {toplevel} 中也没有这个版本（标签、分支或提交）；"
                        "用 git log 或 git tag 查看可用的版本",
                        f"{rev} is not a folder, nor a revision (tag, branch or commit) of the git repository "
                        f"{toplevel}; git log and git tag list them")
    sha = commit.stdout.decode().strip()
    prefix = root.resolve().relative_to(toplevel.resolve()).as_posix()
    archive = _git(toplevel, "archive", "--format=tar", sha, *([] if prefix == "." else ["--", prefix]))
    if archive.returncode != 0:
        why = archive.stderr.decode(errors="replace").strip()
        raise SideError(f"版本 {rev} 中没有工作区 {prefix}（{why}）", f"revision {rev} has no workspace {prefix} ({why})")
    with tempfile.TemporaryDirectory(prefix="catalogc-diff-") as tmp:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(tmp, filter="data")  # no links out of the folder, no devices
        except tarfile.TarError as exc:
            raise SideError(f"版本 {rev} 的工作区无法取出（{exc}）：其中可能有指向工作区之外的链接",
                            f"cannot extract the workspace at {rev} ({exc}): it may hold links leading out of it") from exc
        folder = Path(tmp) / prefix
        info = SideInfo("git", rev, sha)
        try:
            return load_workspace(folder, f"{rev}:{prefix}", info)
        except WorkspaceError as exc:
            raise SideError(f"版本 {rev} 中的工作区 {prefix} 没有目录文件（{exc}）",
                            f"the workspace {prefix} has no catalog files at {rev} ({exc})") from exc


def load_side(argument: str, workspace: Path) -> Side:
    """One side as the user named it (see the module's docstring for how it is taken)."""
    if argument.startswith(GIT_PREFIX):
        return load_revision(argument[len(GIT_PREFIX):], workspace)
    path = Path(argument)
    if path.is_dir():
        if previous_output(path):
            return load_bundle(path, argument)
        try:
            return load_workspace(path, argument)
        except WorkspaceError as exc:
            raise SideError(f"{argument} 既不是发布目录（没有 catalogc 的 manifest.json），也不是工作区：{exc}",
                            f"{argument} is neither a bundle (no catalogc manifest.json) nor a workspace: {exc}") from exc
    if path.exists():
        raise SideError(f"{argument} 是文件：请给出工作区、发布目录或 git 版本",
                        f"{argument} is a file: give a workspace, a bundle or a git revision")
    return load_revision(argument, workspace)


def work_tree(workspace: Path) -> Side:
    """The workspace on disk: the new side when only OLD is given."""
    return load_workspace(workspace, str(workspace))
