"""A side's region × domain files, read one at a time: what the comparison streams over.

Neither side is ever whole in memory (a province's release is millions of items): ``data(n)``
is a group's file as the bundle holds it, JSON bytes that most often equal the other side's
and then need no parsing; ``group(n)`` is the group as models, read only where an item changed.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from catalogc.model.bundle import Bundle, Index, RegionDomain
from catalogc.publish.build import Group, dumps


class Groups(Protocol):
    """One side's index and its region × domain files by number (``keys()[n]`` is (region, domain))."""

    @property
    def index(self) -> Index: ...

    def keys(self) -> list[tuple[str, str]]: ...

    def data(self, n: int) -> bytes: ...

    def group(self, n: int) -> RegionDomain: ...


@dataclass(slots=True)
class InMemory:
    """A bundle already held as models (a test's, or an embedding program's)."""

    bundle: Bundle

    @property
    def index(self) -> Index:
        return self.bundle.index

    def keys(self) -> list[tuple[str, str]]:
        return [(g.region, g.domain) for g in self.bundle.groups]

    def data(self, n: int) -> bytes:
        return dumps(self.bundle.groups[n]).encode("utf-8")

    def group(self, n: int) -> RegionDomain:
        return self.bundle.groups[n]


@dataclass(slots=True)
class Planned:
    """A compiled workspace before it is written: a build's plan, whose groups read their items
    from the spool (``publish/build.py``). ``spool`` keeps a temporary spool folder alive as long
    as the side (it is removed with it)."""

    index: Index
    groups: list[Group]
    spool: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)

    def keys(self) -> list[tuple[str, str]]:
        return [(g.region, g.domain) for g in self.groups]

    def data(self, n: int) -> bytes:
        return self.groups[n].data()

    def group(self, n: int) -> RegionDomain:
        return self.groups[n].load()


class SideError(Exception):
    """A side cannot be read; the message names it and says what to do (exit status 2), in Chinese
    and in English (``text(lang)``)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh)
        self.en = en

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else str(self)


def first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}：{error['msg']}" if where else str(error["msg"])


@dataclass(slots=True)
class Folder:
    """A bundle folder written by ``catalogc build``: the files index.json lists, read when asked."""

    root: Path
    index: Index

    def keys(self) -> list[tuple[str, str]]:
        return [(entry.region, entry.domain) for entry in self.index.files]

    def path(self, n: int) -> Path:
        return self.root / self.index.files[n].path

    def data(self, n: int) -> bytes:
        path = self.path(n)
        try:
            return path.read_bytes()
        except OSError as exc:
            raise SideError(f"{path} 读不到（{exc.strerror or exc}）：index.json 列出了它；"
                            "发布目录不完整，可用 catalogc verify 核对",
                            f"cannot read {path} ({exc.strerror or exc}), listed in index.json: the bundle is "
                            "incomplete; catalogc verify checks it") from exc

    def group(self, n: int) -> RegionDomain:
        data = self.data(n)
        try:
            return RegionDomain.model_validate_json(data)
        except ValidationError as exc:
            why = first_error(exc)
            raise SideError(f"{self.path(n)} 不是 catalogc 的区划×领域文件：{why}",
                            f"{self.path(n)} is not a catalogc region × domain file: {why}") from exc
