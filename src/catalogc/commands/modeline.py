"""The ``# yaml-language-server: $schema=…`` line that points an editor at the workspace's catalog schema.

The path is relative to the catalog file, so it depends on where the file lives: two folders
below the root for ``catalogs/<部门>/x.yaml``, more or fewer elsewhere. ``catalogc schema
--install`` and ``catalogc init`` compute it; the schema file itself is written into the
workspace when it is missing, so the line never points at nothing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from catalogc.atomic import write_text_atomic
from catalogc.load.workspace import Workspace
from catalogc.model.catalog import Catalog
from catalogc.model.schema import ID_ROOT, catalog_schema_text

SCHEMA_FILE = Path("schema") / "catalog.schema.json"
PREFIX = "# yaml-language-server: $schema="
_MODELINE = re.compile(r"#\s*yaml-language-server\s*:.*\$schema=")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def schema_ref(file: Path, root: Path) -> str:
    """The workspace's catalog schema as seen from ``file``: a relative path with forward slashes."""
    folder = Path(os.path.abspath(file)).parent
    return Path(os.path.relpath(Path(os.path.abspath(root)) / SCHEMA_FILE, folder)).as_posix()


def modeline(ref: str) -> str:
    return PREFIX + ref


def with_modeline(text: str, ref: str) -> str:
    """``text`` with its schema line pointing at ``ref``: a schema line among the leading comments
    is replaced, otherwise one is added as the first line. A byte order mark and the file's own
    line ending are kept."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = _LINE.findall(text[len(bom):])
    ending = next((m.group() for line in lines if (m := re.search(r"\r\n|\r|\n", line))), "\n")
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _MODELINE.match(stripped):
            lines[index] = modeline(ref) + (line[len(line.rstrip("\r\n")):] or ending)
            return bom + "".join(lines)
        if stripped and not stripped.startswith("#"):
            break
    return bom + modeline(ref) + ending + "".join(lines)


@dataclass
class Installed:
    """What ``install`` did: the schema file written or not, catalog files changed, left alone."""

    schema: str = ""  # "written", "updated" or "" (already current); "foreign" when not ours, left alone
    changed: list[Path] = field(default_factory=list)
    current: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)  # (file, reason in Chinese)


def _ours(text: str) -> bool:
    """A catalog schema some catalogc wrote: ours by its id, or by its title before ids existed."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and (str(data.get("$id", "")).startswith(ID_ROOT)
                                       or data.get("title") == Catalog.model_config.get("title"))


def ensure_schema(root: Path) -> str:
    """Write the catalog schema into the workspace when missing or an older catalogc's; never over
    a file catalogc did not write. Returns what ``Installed.schema`` says."""
    path = root / SCHEMA_FILE
    text = catalog_schema_text()
    if path.is_file() and not path.is_symlink():
        existing = path.read_text(encoding="utf-8", errors="replace")
        if existing == text:
            return ""
        if not _ours(existing):
            return "foreign"
        write_text_atomic(path, lambda stream: stream.write(text))
        return "updated"
    if path.exists() or path.is_symlink():
        return "foreign"
    write_text_atomic(path, lambda stream: stream.write(text))
    return "written"


def install(workspace: Workspace) -> Installed:
    """Point every catalog file of ``workspace`` (within its targets) at the workspace's schema."""
    done = Installed(schema=ensure_schema(workspace.root))
    for path in workspace.files:
        if path.is_symlink():
            done.skipped.append((path, "是符号链接，未改动；请在链接指向的文件中写 $schema 行 (a symbolic link: left alone)"))
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            done.skipped.append((path, "不是 UTF-8 文本（C003），未改动；转码后再运行 (not UTF-8: left alone; convert it first)"))
            continue
        new = with_modeline(text, schema_ref(path, workspace.root))
        if new == text:
            done.current.append(path)
        else:
            write_text_atomic(path, lambda stream, new=new: stream.write(new))  # type: ignore[misc]
            done.changed.append(path)
    return done
