"""A warm build pays for the regions that changed: a region whose outputs of one kind (bundle
JSON, site pages and search shard, Excel tables, database rows) are made from exactly what made
them last time has those files linked (or copied) from the previous OUT into the staging folder
instead of written, and gives the shared steps what its worker returned then (search facts,
cited documents); its database rows are copied from the previous catalog.sqlite, numbered anew.

The state is one JSON file per OUT in the cache folder (``builds/``), written once OUT has been
replaced: per region and kind, the digest of everything those files are made from (``Keys``) and
each file's size, mtime and inode. The build never writes a file in place, so a file whose stat is
as recorded holds the bytes recorded; a file is reused only then, and only while OUT's manifest is
the one the state was written with. Anything else (no state, a damaged one, a file changed,
removed or replaced, a database that is not the recorded one) means the kind is written as a cold
build writes it: reuse is never an error, and a warm build is byte-identical to a cold one
(docs/scale.md, "A warm build").
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import catalogc
from catalogc.atomic import umask, write_bytes_atomic
from catalogc.check.cache import Cache, digest, refdata_digest, tool_digest
from catalogc.model.bundle import group_path
from catalogc.publish.changes import ChangeLog
from catalogc.publish.manifest import MANIFEST

FORMAT = 1  # of the state file; bump when its layout or a key's parts change
FOLDER = "builds"  # in the cache folder
KINDS = ("bundle", "site", "xlsx", "sqlite")
DATABASE = "catalog.sqlite"  # publish.database.DATABASE, without importing sqlite's writer here
_LIBRARIES = ("jinja2", "markupsafe", "xlsxwriter", "pydantic", "pydantic-core")

Stat = list[int]  # size, mtime_ns, inode


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


@cache
def tool() -> bytes:
    """What makes any output besides its inputs: the package's code and reference data, the
    site's templates and static files, the writers' libraries and SQLite."""
    package = Path(catalogc.__file__).parent / "publish"
    assets = sorted(p for folder in ("templates", "static") for p in (package / folder).rglob("*") if p.is_file())
    return digest(str(FORMAT), tool_digest(), refdata_digest(), sqlite3.sqlite_version,
                   *(digest(p.relative_to(package).as_posix(), p.read_bytes()) for p in assets),
                   *(f"{name}={_version(name)}" for name in _LIBRARIES))


_shown: tuple[ChangeLog | None, dict[str, str]] = (None, {})  # the last record's parts by region


def _changes(changes: ChangeLog | None, region: str) -> str:
    """The part of the 动态调整 record a region's pages and tables show (its anchors are numbered
    across the whole record, so they are taken as they are); split by region once per record."""
    global _shown
    if changes is None:
        return "none"
    if _shown[0] is not changes:
        anchors: dict[str, list[Any]] = defaultdict(list)
        rows: dict[str, list[Any]] = defaultdict(list)
        for key, anchor in sorted(changes.anchors.items()):
            anchors[key[0]].append((key, anchor))
        for row in changes.rows:
            rows[row.region].append(row)
        _shown = (changes, {code: repr((changes.since, anchors[code], rows[code])) for code in {*anchors, *rows}})
    return _shown[1].get(region, repr((changes.since, [], [])))


def keys(region: str, name: str | None, generated: str | None, groups: list[tuple[str, int, list[bytes]]],
         changes: ChangeLog | None) -> dict[str, str]:
    """Each kind's key for one region: its code and name, each group's domain, count and items'
    JSON as the bundle holds them, and the tool; the pages add ``generated`` and, with the tables,
    the region's share of the 动态调整 record."""
    items = digest(tool(), region, repr(name),
                    *(digest(domain, str(count), *arrays) for domain, count, arrays in groups))
    shown = _changes(changes, region)
    return {"bundle": digest(items, "bundle").hex(), "sqlite": digest(items, "sqlite").hex(),
            "site": digest(items, "site", repr(generated), shown).hex(),
            "xlsx": digest(items, "xlsx", shown).hex()}


def files(region: str, domains: list[str]) -> dict[str, list[str]]:
    """The files each kind writes for a region (``Group.write``, ``site.write_pages`` and
    ``write_shard``, ``xlsx.write_tables``); the database's rows go into catalog.sqlite."""
    return {"bundle": [group_path(region, d) for d in domains],
            "site": [*(f"site/r/{region}/{d}.html" for d in domains), f"site/search/{region}.js"],
            "xlsx": [f"xlsx/{region}/{d}.xlsx" for d in domains],
            "sqlite": []}


@dataclass(slots=True)
class Record:
    """What one region's worker did, for the next build's state: each kind's key, the region's
    domains, its first item's number and count (its rows' ids in catalog.sqlite), and what it
    returned to the shared steps. ``reused`` are the kinds taken from the previous OUT, ``digests``
    their files' SHA-256 as the previous manifest gives them (the new manifest's, unread)."""

    region: str
    keys: dict[str, str]
    domains: list[str]
    start: int
    count: int
    kinds: list[str]
    facts: Any = None  # site.SearchFacts
    documents: Any = None  # database.Documents
    reused: tuple[str, ...] = ()
    digests: dict[str, str] = field(default_factory=dict)


def _stat(path: Path) -> Stat:
    s = os.stat(path, follow_symlinks=False)
    return [s.st_size, s.st_mtime_ns, s.st_ino]


class Previous:
    """The previous OUT as the state describes it."""

    def __init__(self, root: Path, regions: dict[str, Any], database: Stat | None, link: bool,
                 digests: dict[str, str] | None = None) -> None:
        self.root = root
        self.regions = regions
        self.database = database
        self.link = link  # hard links only when the previous OUT is removed by the rename
        self.digests = digests or {}  # the previous manifest's, by path

    def reuse(self, record: Record, tmp: Path, part: Path) -> Record:
        """Put the region's unchanged kinds in place (files into ``tmp``, database rows into
        ``part``); the record with what they returned last time and which kinds were reused."""
        old = self.regions.get(record.region)
        if not isinstance(old, dict):
            return record
        placed: list[Path] = []
        try:
            return self._reuse(record, old, tmp, part, placed)
        except (KeyError, TypeError, ValueError, IndexError):  # a damaged state: write it all
            for path in placed:  # the writers write these paths: a link left there would write into the previous OUT
                path.unlink(missing_ok=True)
            return record

    def _reuse(self, record: Record, old: dict[str, Any], tmp: Path, part: Path, placed: list[Path]) -> Record:
        expected = files(record.region, record.domains)
        reused: list[str] = []
        known: dict[str, str] = {}
        for kind in record.kinds:
            entry = old["kinds"].get(kind)
            if entry is None or entry["key"] != record.keys[kind] or [f[0] for f in entry["files"]] != expected[kind]:
                continue
            if kind == "sqlite":
                if old["count"] != record.count or not self._rows(old["start"], record, part):
                    continue
                record.documents = {row[0]: tuple(row) for row in entry["documents"]}
            elif not self._place(entry["files"], tmp, placed):
                continue
            else:
                known.update((rel, self.digests[rel]) for rel, *_ in entry["files"] if rel in self.digests)
            if kind == "site":
                from catalogc.publish.site import SearchFacts

                facts = entry["facts"]
                record.facts = SearchFacts(set(facts["indexed"]), set(facts["departments"]), set(facts["levels"]),
                                           set(facts["channels"]))
            reused.append(kind)
        record.reused, record.digests = tuple(reused), known  # set together: a damaged state sets neither
        return record

    def _place(self, recorded: list[list[Any]], tmp: Path, placed: list[Path]) -> bool:
        """Link or copy the files whose stat is as recorded; on any doubt, none of them. A link
        shares the previous file's permissions, so a file whose mode is not what this build would
        write (the umask changed, or someone changed it) is copied: its copy gets this build's."""
        sources = [(self.root / rel, tmp / rel) for rel, *_ in recorded]
        wanted = 0o666 & ~umask()
        try:
            if any(_stat(source) != stat for (source, _), (_, *stat) in zip(sources, recorded, strict=True)):
                return False
            for source, target in sources:
                target.parent.mkdir(parents=True, exist_ok=True)
                if self.link and os.stat(source).st_mode & 0o7777 == wanted:
                    os.link(source, target)
                else:
                    shutil.copyfile(source, target)  # created under the umask, as the writers create files
        except OSError:
            # the writers then write these paths: a link left there would have them write into the previous OUT
            for _, target in sources:
                target.unlink(missing_ok=True)
            return False
        placed.extend(target for _, target in sources)
        return True

    def _rows(self, first: int, record: Record, part: Path) -> bool:
        from catalogc.publish.database import copy_part

        source = self.root / DATABASE
        try:
            if self.database is None or _stat(source) != self.database:
                return False
            copy_part(source, record.region, first, record.count, record.start, part)
        except (OSError, sqlite3.Error, ValueError):
            part.unlink(missing_ok=True)
            return False
        return True


def _path(cache: Cache, target: Path) -> Path:
    return cache.folder / FOLDER / f"{hashlib.sha256(str(target).encode('utf-8')).hexdigest()[:32]}.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def previous(cache: Cache | None, target: Path) -> Previous | None:
    """The previous OUT at ``target`` when the cache holds its state; None (write everything) when
    there is no cache (``--no-cache``), no state, or OUT is not the folder the state describes."""
    if cache is None:
        return None
    tool()  # once, before the regions' workers fork
    try:
        state = json.loads(_path(cache, target).read_bytes())
        if state["format"] != FORMAT or state["out"] != str(target) or state["tool"] != tool().hex():
            return None
        manifest = (target / MANIFEST).read_bytes()
        if hashlib.sha256(manifest).hexdigest() != state["manifest"]:
            return None
        regions, database, digests = state["regions"], state["database"], json.loads(manifest)["files"]
        if not isinstance(regions, dict) or not isinstance(digests, dict):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return Previous(target, regions, database, link=not target.is_symlink(),
                    digests={k: v for k, v in digests.items() if isinstance(k, str) and isinstance(v, str)})


def state(tmp: Path, target: Path, records: list[Record]) -> bytes:
    """The next build's state, of the finished staging folder (manifest written) before it is renamed."""
    regions = {}
    for record in records:
        expected = files(record.region, record.domains)
        kinds: dict[str, Any] = {}
        for kind in record.kinds:
            try:
                entry: dict[str, Any] = {"key": record.keys[kind],
                                         "files": [[rel, *_stat(tmp / rel)] for rel in expected[kind]]}
            except OSError:  # a file the writers did not make: the kind is not reused next time
                continue
            if kind == "site":
                facts = record.facts
                entry["facts"] = {"indexed": "".join(sorted(facts.indexed)), "departments": sorted(facts.departments),
                                  "levels": sorted(facts.levels), "channels": sorted(facts.channels)}
            elif kind == "sqlite":
                entry["documents"] = [list(row) for row in record.documents.values()]
            kinds[kind] = entry
        regions[record.region] = {"start": record.start, "count": record.count, "kinds": kinds}
    database = tmp / DATABASE
    return json.dumps({
        "format": FORMAT, "out": str(target), "tool": tool().hex(), "manifest": _sha256(tmp / MANIFEST),
        "database": _stat(database) if database.is_file() else None, "regions": regions,
    }, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def save(cache: Cache | None, target: Path, data: bytes) -> None:
    """Keep the state once OUT is in place; a cache that cannot be written only costs the next build its reuse."""
    if cache is None or not cache.prepare():
        return
    path = _path(cache, target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, data, durable=False)
    except OSError as exc:
        cache.problems.append(f"缓存目录 {cache.folder} 无法写入（{exc.strerror or exc}），下次发布将重写全部输出"
                              f" (cannot write the cache folder; the next build writes every output again)")

