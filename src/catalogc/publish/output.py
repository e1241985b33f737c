"""Where a build goes: refusing destinations whose replacement would destroy something, and
putting the finished folder in place with renames.

A build replaces OUT as a whole, so OUT must not be or hold the workspace's inputs, and an
existing folder is replaced only when an earlier build wrote it (its manifest says so) or
the user says ``--force``. A symlink at OUT is replaced itself; what it points at is left alone.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from catalogc.atomic import umask
from catalogc.publish.manifest import MANIFEST


class OutputError(Exception):
    """OUT cannot be written safely; the message names the path and what to do (exit status 2)."""


def previous_output(folder: Path) -> bool:
    """A folder that a catalogc build wrote, recognised by its manifest."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("tool") == "catalogc"


def _replaceable(path: Path) -> bool:
    """Nothing there, an empty folder, or an earlier build's output."""
    if not path.exists():
        return True
    if not path.is_dir():
        return False
    return previous_output(path) or not any(path.iterdir())


def _within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def destination(out: Path, inputs: Iterable[Path], force: bool = False) -> Path:
    """OUT as an absolute path with its folders resolved but not its last part; raises ``OutputError``
    when replacing it would delete an input or an unrelated folder."""
    absolute = Path(os.path.abspath(out))
    target = absolute.parent.resolve() / absolute.name if absolute.name else absolute
    for path in inputs:
        real = path.resolve()
        if _within(real, target):
            why = f"它就是工作区的输入 {real}" if real == target else f"它包含工作区的输入 {real}"
        elif _within(target, real) and real.is_dir():
            why = f"它位于工作区的输入 {real} 之内"
        else:
            continue
        raise OutputError(f"不能发布到 {target}：{why}。发布会整体替换输出目录；"
                          "请用 -o 指定工作区输入之外的目录，如工作区下的 out")
    if force:
        return target
    if target.is_symlink():
        pointed = target.resolve()
        if not _replaceable(pointed):
            raise OutputError(f"不能发布到 {target}：它是指向 {pointed} 的符号链接，那里不是 catalogc 的发布目录。"
                              f"发布只替换链接本身，不改动 {pointed}；确认可以替换这个链接时加 --force")
    elif target.exists() and not target.is_dir():
        raise OutputError(f"不能发布到 {target}：它是一个文件，不是 catalogc 的发布目录。"
                          "请换一个输出目录；确认可以删除这个文件时加 --force")
    elif not _replaceable(target):
        raise OutputError(f"不能发布到 {target}：这个目录已存在且不是 catalogc 的发布目录（没有 catalogc 写的 "
                          f"{MANIFEST}），发布会删除其中的全部内容。请换一个不存在或空的目录；"
                          "确认可以删除其中的内容时加 --force")
    return target


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def stage(target: Path) -> Path:
    """A fresh folder beside OUT to build into, with ordinary permissions (mkdtemp's are 0700,
    which a web server's user cannot read). Removes what an interrupted build left there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for pattern in (f".{target.name}.tmp-*", f".{target.name}.old-*"):
        for stale in target.parent.glob(pattern):
            _remove(stale)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    os.chmod(tmp, 0o777 & ~umask())
    return tmp


def replace(tmp: Path, target: Path) -> None:
    """Put the new tree in place with renames: readers see the old OUT or the new one. A symlink
    at OUT is renamed away like a folder would be, so its target is never touched."""
    old = None
    if target.is_symlink() or target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(tmp, target)
    if old is not None:
        _remove(old)
