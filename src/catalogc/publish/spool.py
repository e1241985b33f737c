"""The build's spool: each catalog's compiled items, written as JSON by the check worker that
compiled them, into the staging folder, so that only the catalog's metadata travels back to
the parent. The workers that write a region's outputs read its files' spools; the parent never
holds the items. The spool is removed before the manifest is written.

Each process appends its catalogs to one file of its own, and a catalog's spool is a slice of it:
creating a file costs this kind of disk half a millisecond, and a province has thousands of catalogs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from catalogc.check.engine import Collector
from catalogc.model.bundle import CatalogMeta, Item, from_plain, items_adapter
from catalogc.model.catalog import Catalog
from catalogc.model.catalog import Item as CatalogItem
from catalogc.publish.compile import catalog_meta, compile_rows

FOLDER = ".spool"
Stamp = Callable[[tuple[CatalogMeta, list[Item]]], tuple[CatalogMeta, list[Item]]]


class Spooled:
    """A catalog's compiled items in the spool, ``size`` bytes at ``offset`` of a process's spool
    file; ``encoded`` is the JSON the cache stores too."""

    __slots__ = ("path", "offset", "size")

    def __init__(self, path: Path, offset: int, size: int) -> None:
        self.path = path
        self.offset = offset
        self.size = size

    def encoded(self) -> bytes:
        with open(self.path, "rb") as spool:
            spool.seek(self.offset)
            data = spool.read(self.size)
        if len(data) != self.size:
            raise OSError(f"{self.path}: {len(data)} of the {self.size} bytes spooled at {self.offset}")
        return data


class _Sink:
    """The spool file of the process that writes: forked from the parent, a worker names its own."""

    __slots__ = ("folder", "pid", "path")

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pid = 0
        self.path = folder

    def write(self, items: bytes) -> Spooled:
        if self.pid != os.getpid():
            self.pid = os.getpid()
            self.path = self.folder / f"{self.pid}-{id(self)}.json"
        # opened for each catalog (an existing file opens cheaply) and closed at once: a pool's worker
        # ends without closing or flushing its files; appended to wherever it ends
        with open(self.path, "ab") as out:
            offset = out.tell()
            out.write(items)  # a buffered file writes all of it, or raises
        return Spooled(self.path, offset, len(items))


class Spooler:
    """The check's collector for a streaming build: compile, append to the spool, send back where.
    A file the cache answers gives its stored items to ``restore``, which spools the JSON as it is:
    a warm build never holds the items in the parent, nor validates them again."""

    def __init__(self, folder: Path, stamp: Stamp | None = None, sink: _Sink | None = None) -> None:
        self.stamp = stamp
        self._sink = sink or _Sink(folder)
        items_adapter()  # built once before the workers fork

    def stamped(self, stamp: Stamp) -> Spooler:
        """The same spool for one of an office's sources: ``stamp`` marks each compiled catalog with
        its provenance before it is written."""
        return Spooler(self._sink.folder, stamp, self._sink)

    def __call__(self, head: Catalog, items: list[CatalogItem], file: str, lines: dict[str, int]) -> tuple[CatalogMeta, Any]:
        rows = compile_rows(head, items, file, lines)
        meta = catalog_meta(head, file, len(rows))
        if self.stamp is not None:  # an office's source: its provenance goes on the models
            meta, compiled = self.stamp((meta, [from_plain(row) for row in rows]))
            data = items_adapter().dump_json(compiled)
        else:
            data = orjson.dumps(rows)  # the bytes the models serialize to, a third of the time
        return meta, self._sink.write(data) if rows else []

    def restore(self, file: str, meta: bytes, items: bytes) -> tuple[CatalogMeta, Any]:
        return CatalogMeta.model_validate_json(meta), self._sink.write(items) if items != b"[]" else []


def spooler(folder: Path) -> Collector:
    return Spooler(folder)


def encoded(part: list[Item] | Spooled) -> bytes:
    """A catalog's items as the JSON array the bundle holds them in: the spool's bytes as they are
    (a cache hit's items, held as models, are serialized)."""
    return part.encoded() if isinstance(part, Spooled) else items_adapter().dump_json(part)


def items_of(part: list[Item] | Spooled) -> list[Item]:
    """A catalog's items, from memory or from the spool."""
    return decoded(part.encoded()) if isinstance(part, Spooled) else part


def decoded(data: bytes) -> list[Item]:
    """The items of a spool file's bytes (orjson: a third of ``json.loads``' time on this text)."""
    return [from_plain(d) for d in orjson.loads(data)]
