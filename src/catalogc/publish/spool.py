"""The build's spool: each catalog's compiled items, written as JSON by the check worker that
compiled them, into the staging folder, so that only the catalog's metadata travels back to
the parent. The workers that write a region's outputs read its files' spools; the parent never
holds the items. The spool is removed before the manifest is written.
"""

from __future__ import annotations

import hashlib
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
    """A catalog's compiled items in the spool; ``encoded`` is the JSON the cache stores too."""

    __slots__ = ("path",)

    def __init__(self, path: Path) -> None:
        self.path = path

    def encoded(self) -> bytes:
        return self.path.read_bytes()


class Spooler:
    """The check's collector for a streaming build: compile, write to ``folder``, send back the path.
    A file the cache answers gives its stored items to ``restore``, which spools the JSON as it is:
    a warm build never holds the items in the parent, nor validates them again."""

    def __init__(self, folder: Path, stamp: Stamp | None = None, prefix: str = "") -> None:
        self.folder = folder
        self.stamp = stamp
        self.prefix = prefix
        items_adapter()  # built once before the workers fork

    def stamped(self, stamp: Stamp, prefix: str) -> Spooler:
        """The same spool for one of an office's sources: ``stamp`` marks each compiled catalog with
        its provenance before it is written; ``prefix`` (the source's name) keeps two sources' files
        of one path apart."""
        return Spooler(self.folder, stamp, prefix)

    def _path(self, file: str) -> Path:
        name = f"{self.prefix}\0{file}" if self.prefix else file
        return self.folder / f"{hashlib.sha256(name.encode('utf-8')).hexdigest()[:32]}.json"

    def __call__(self, head: Catalog, items: list[CatalogItem], file: str, lines: dict[str, int]) -> tuple[CatalogMeta, Any]:
        rows = compile_rows(head, items, file, lines)
        meta = catalog_meta(head, file, len(rows))
        if self.stamp is not None:  # an office's source: its provenance goes on the models
            meta, compiled = self.stamp((meta, [from_plain(row) for row in rows]))
            data = items_adapter().dump_json(compiled)
        else:
            data = orjson.dumps(rows)  # the bytes the models serialize to, a third of the time
        return meta, self._spool(file, data) if rows else []

    def restore(self, file: str, meta: bytes, items: bytes) -> tuple[CatalogMeta, Any]:
        return CatalogMeta.model_validate_json(meta), self._spool(file, items) if items != b"[]" else []

    def _spool(self, file: str, items: bytes) -> Spooled:
        path = self._path(file)
        path.write_bytes(items)
        return Spooled(path)


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
