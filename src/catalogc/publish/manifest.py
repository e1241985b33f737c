"""manifest.json: what a published bundle holds, so a receiver can verify it byte for byte."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from catalogc import __version__
from catalogc.model.bundle import BUNDLE_FORMAT

MANIFEST = "manifest.json"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def tree_digests(root: Path, known: Mapping[str, str] | None = None) -> dict[str, str]:
    """SHA-256 of every file under ``root`` except the manifest, by forward-slash relative path.
    ``known`` holds digests taken already (``digests``), of files nothing has written since."""
    known = known or {}
    found = {}
    for folder, _, names in os.walk(root):
        base = Path(folder)
        prefix = base.relative_to(root).as_posix() + "/" if base != root else ""
        for name in names:
            rel = prefix + name
            if rel != MANIFEST and (base / name).is_file():
                found[rel] = known.get(rel) or sha256(base / name)
    return dict(sorted(found.items()))


def digests(root: Path, rels: Iterable[str]) -> dict[str, str]:
    """The digests of the given files under ``root`` that exist: a build's region workers take them
    of what they have just written (the bytes are in the page cache, and the work is spread over
    the workers instead of left to the parent's last step)."""
    found = {}
    for rel in rels:
        try:
            found[rel] = sha256(root / rel)
        except FileNotFoundError:
            continue
    return found


def inputs_digest(files: list[tuple[str, Path | bytes]]) -> str:
    """One digest over the inputs (relative path and content of each), independent of their order;
    a file read from git comes as its bytes."""
    digest = hashlib.sha256()
    for rel, path in sorted(files, key=lambda f: f[0]):
        content = sha256(path) if isinstance(path, Path) else hashlib.sha256(path).hexdigest()
        digest.update(rel.encode("utf-8") + b"\0" + content.encode("ascii") + b"\n")
    return digest.hexdigest()


def write_manifest(root: Path, inputs: str, known: Mapping[str, str] | None = None) -> None:
    manifest = {
        "format": BUNDLE_FORMAT,
        "tool": "catalogc",
        "tool_version": __version__,
        "inputs_sha256": inputs,
        "files": tree_digests(root, known),
    }
    (root / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                 encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Verification:
    missing: tuple[str, ...]
    changed: tuple[str, ...]
    unexpected: tuple[str, ...]
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return not (self.missing or self.changed or self.unexpected or self.problem)


def verify(root: Path) -> Verification:
    path = root / MANIFEST
    if not root.is_dir():
        return Verification((), (), (), f"找不到目录 {root}：请给出 catalogc build 的输出目录")
    if not path.is_file():
        return Verification((), (), (), f"{root} 中没有 {MANIFEST}：它不是 catalogc build 的输出目录，"
                                         "或清单被删除了；请重新运行 catalogc build")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        expected: dict[str, str] = manifest["files"]
        if not isinstance(expected, dict):
            raise TypeError("files 不是对象")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return Verification((), (), (), f"{path} 无法读取或不是 catalogc 的清单（{exc}）；请重新运行 catalogc build")
    actual = tree_digests(root)
    missing = tuple(sorted(set(expected) - set(actual)))
    unexpected = tuple(sorted(set(actual) - set(expected)))
    changed = tuple(sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k]))
    return Verification(missing, changed, unexpected)
