"""The incremental cache: what each file gave the check, stored under the inputs that produced it.

A file's key covers its bytes (BLAKE2b), its workspace-relative name, the tool (version and
source), the reference data, the rule table and every setting a file's result can depend on.
Selection, ignores, levels, language and targets are not in it: entries hold every file rule's
findings before the policy, which drops what is not selected, so one entry serves every run.

Workspace rules re-run from the cached facts. Those that only relate items of one region and
domain (``GROUPED``) run per region × domain and are remembered per group, keyed by its files'
keys; the others are remembered under the keys of all files and the lists. A run after one file
changed therefore parses one file and re-runs the grouped rules for one group.

A run whose inputs are all as a previous run saw them (every file's key, every list file, the
targets, links leading outside) is answered from that run's summary (``replay``): its findings
before the policy and its suppressions, so neither the file entries nor the workspace rules' index
are read; the item facts (and the lists' disclosure graph) are made only if something asks for them.

Entries are ``marshal`` data of plain values behind a header and a checksum. Never pickle: a
cache folder in a repository someone else controls must not run code when read, and marshal
builds only strings, numbers, tuples and the like. An entry that does not verify (truncated,
corrupted, another format or tool) is ignored and rebuilt. Writes go to a temporary file renamed
into place, so concurrent and interrupted runs leave whole entries or none.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
import marshal
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, partial
from pathlib import Path
from typing import Any

import catalogc
from catalogc import rules as table
from catalogc.check.parallel import fork_map
from catalogc.check.result import FileResult, LazyFacts, groups_of, linked
from catalogc.findings import Located
from catalogc.load.config import ConfigError, Settings
from catalogc.load.suppress import Suppression
from catalogc.load.workspace import LIST_FOLDERS, LIST_SUFFIXES, Workspace, walk
from catalogc.rules import BY_CODE
from catalogc.rules.base import CatalogFact, ItemFact, Rule, WorkspaceContext

DEFAULT_DIR = ".catalogc_cache"
FORMAT = 2  # of the entries; bump when their layout changes
MAGIC = b"catalogc-cache\n"
TAG = (b"Signature: 8a477f597d28d172789f06886806bc55\n"
       b"# This file is a cache directory tag created by catalogc.\n"
       b"# For information about cache directory tags see https://bford.info/cachedir/\n")
SWEEP_AGE = 24 * 3600  # entries a run did not use are removed once they are this old (seconds)
# A sweep lists every entry (about 10 ms at 2,000 files, every re-run's cost), so at most one an hour:
# the time of the last is the mtime of the folder's ``swept`` file.
SWEEP_EVERY = 3600

# Workspace rules whose findings about a region × domain depend only on that group's items and
# catalog headers (duplicate ids, duplicate names, guideline items). The cache runs them per group;
# tests/test_cache.py holds them to giving the same findings per group as over the whole workspace.
GROUPED = frozenset({"C201", "C202", "C205"})

# Settings that only the policy reads, after the cache: they are not part of any key.
POLICY_ONLY = frozenset({"lang", "select", "ignore", "severity", "per_path_ignores", "strict", "options"})
# The validated catalogc.toml: rules see it only through the settings resolved from it, each keyed,
# and it is None where the settings memo answered (load/config.py, ``_remembered``).
NOT_KEYED = POLICY_ONLY | {"file"}

_FACT = ItemFact._make
_CATALOG_FIELDS = len(CatalogFact._fields)


# A cache hit's compiled items from their stored JSON: (file, catalog meta JSON, items JSON) → (meta, items)
Restore = Callable[[str, bytes, bytes], tuple[Any, Any]]


class CacheError(ConfigError):
    """The cache folder cannot be used as asked (another program's folder, or among the inputs):
    an option that cannot be used, so exit status 2 like any other."""


def digest(*parts: bytes | str) -> bytes:
    """The parts hashed with their lengths, so no two different lists of parts hash alike."""
    return _hasher(*parts).digest()


def _hasher(*parts: bytes | str) -> Any:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h


def canonical(value: Any) -> Any:
    """A value as nested tuples of plain values whose ``repr`` is the same in every run
    (mappings and sets sorted), so settings can be hashed whatever objects hold them."""
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    if isinstance(value, enum.Enum):
        return (type(value).__qualname__, value.value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__qualname__,
                tuple((f.name, canonical(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if isinstance(value, Mapping):
        return ("map", tuple(sorted(((canonical(k), canonical(v)) for k, v in value.items()), key=repr)))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted((canonical(v) for v in value), key=repr)))
    if isinstance(value, (list, tuple)):
        return tuple(canonical(v) for v in value)
    if hasattr(value, "__dict__"):
        return (type(value).__qualname__, canonical(vars(value)))
    raise TypeError(f"cannot key the cache on {type(value).__qualname__}")


def settings_digest(settings: Settings) -> bytes:
    """Every setting a file or workspace rule can see; a setting added later is keyed by default."""
    fields = {f.name: getattr(settings, f.name) for f in dataclasses.fields(settings) if f.name not in NOT_KEYED}
    return digest(repr(canonical(fields)))


def _tree_digest(folder: Path, suffixes: tuple[str, ...]) -> bytes:
    """The files under ``folder`` ending in ``suffixes``, names and bytes (os.walk: every run keys
    the tool, and pathlib's rglob took as long as reading the files)."""
    found: list[tuple[str, str]] = []
    for where, _, names in os.walk(folder):
        rel = os.path.relpath(where, folder).replace(os.sep, "/")
        found += [(name if rel == "." else f"{rel}/{name}", os.path.join(where, name))
                  for name in names if name.endswith(suffixes)]
    h = hashlib.blake2b(digest_size=20)
    for rel, path in sorted(found):
        with open(path, "rb") as stream:
            h.update(digest(rel, stream.read()))
    return h.digest()


@cache
def tool_digest() -> bytes:
    """The tool as it runs: version, Python, and the package's own source (a changed rule between
    two releases must not be answered from entries the old rule wrote)."""
    package = Path(catalogc.__file__).parent
    return digest(catalogc.__version__, repr(sys.version_info[:2]), str(marshal.version),
                   _tree_digest(package, (".py",)))


@cache
def refdata_digest() -> bytes:
    """The shipped reference data (domains, guidelines, laws, vocabularies …)."""
    return _tree_digest(Path(catalogc.__file__).parent / "refdata" / "data", (".yaml", ".yml", ".json", ".csv"))


def rules_digest() -> bytes:
    """The rule table's codes and scopes (from ``FAMILIES``: keying a run imports no rule)."""
    return digest(",".join(f"{code}:{scope}" for code, scope in table.SCOPES.items()))


def base_key(settings: Settings) -> bytes:
    return digest(str(FORMAT), tool_digest(), refdata_digest(), rules_digest(), settings_digest(settings))


def _derived(name: str, source: bytes) -> bytes:
    """A derived table's key: its source's, under this tool (which derives it)."""
    return digest(str(FORMAT), "derived", tool_digest(), name, source)


def _owned(folder: Path) -> bool:
    try:
        return (folder / "CACHEDIR.TAG").read_bytes().startswith(TAG)
    except OSError:
        return False


def resolve_folder(root: Path, folder: Path | None, inputs: Iterable[Path] = ()) -> Path:
    """The cache folder: ``folder``, else ``.catalogc_cache`` in the workspace root. A folder that
    exists, holds something and is not a catalogc cache is refused, as is one among the inputs."""
    chosen = Path(os.path.abspath(folder if folder is not None else root / DEFAULT_DIR))
    for place in inputs:
        place = Path(os.path.abspath(place))
        if chosen == place or place in chosen.parents:
            raise CacheError(f"缓存目录 {chosen} 在工作区的输入 {place} 中：用 --cache-dir 换一个位置"
                             f" (the cache folder lies among the inputs; choose another with --cache-dir)")
    if chosen.exists() or chosen.is_symlink():
        if not chosen.is_dir():
            raise CacheError(f"缓存目录 {chosen} 不是文件夹：用 --cache-dir 换一个位置或删除它"
                             f" (the cache folder is not a folder)")
        if not _owned(chosen) and any(chosen.iterdir()):
            raise CacheError(f"{chosen} 不是 catalogc 的缓存目录（没有 catalogc 写的 CACHEDIR.TAG），未使用："
                             f"用 --cache-dir 换一个位置或 --no-cache"
                             f" (not a catalogc cache folder; choose another with --cache-dir, or --no-cache)")
    return chosen


def open_store(workspace: Workspace, folder: Path | None = None) -> Store:
    """The cache folder a command over ``workspace`` uses, ``folder`` (``--cache-dir``) or the
    default, before its settings are known: the settings memo is kept there."""
    inputs = [workspace.root / name for name in ("catalogs", *LIST_FOLDERS)]
    return Store(resolve_folder(workspace.root, folder, inputs))


def open_cache(workspace: Workspace, settings: Settings, folder: Path | Store | None = None) -> Cache:
    """The cache a command over ``workspace`` with ``settings`` uses (``folder``: see ``open_store``)."""
    return Cache(folder if isinstance(folder, Store) else open_store(workspace, folder), settings, workspace.root)


Stat = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def _stat(path: Path) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


def clean(folder: Path) -> bool:
    """Remove a cache folder; only one catalogc made (its CACHEDIR.TAG). False if there was none."""
    if not folder.exists() and not folder.is_symlink():
        return False
    if folder.is_symlink() or not folder.is_dir() or not _owned(folder):
        raise CacheError(f"{folder} 不是 catalogc 的缓存目录，未删除 (not a catalogc cache folder; left alone)")
    import shutil

    shutil.rmtree(folder)
    return True


class Store:
    """A cache folder's entries under keys the caller derives: raw reads and writes, and the tables
    derived from inputs outside any workspace (``get``/``put``: reference data, the settings memo)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.writable = True
        self.problems: list[str] = []  # why entries could not be written, for the command to say once
        self.used: set[bytes] = set()

    def _path(self, kind: str, key: bytes) -> str:
        name = key.hex()
        return os.path.join(self.folder, kind, name[:2], name[2:])

    # --- raw entries --------------------------------------------------------------------------

    def _read(self, kind: str, key: bytes) -> Any:
        """The payload stored under ``key``, or None when missing or not verifying."""
        try:
            with open(self._path(kind, key), "rb") as stream:
                blob = stream.read()
        except OSError:
            return None
        head = len(MAGIC) + 1 + 20 + 20
        if len(blob) < head or not blob.startswith(MAGIC) or blob[len(MAGIC)] != FORMAT:
            return None
        stored_key, checksum, payload = blob[len(MAGIC) + 1:len(MAGIC) + 21], blob[len(MAGIC) + 21:head], blob[head:]
        if stored_key != key or hashlib.blake2b(payload, digest_size=20).digest() != checksum:
            return None
        try:
            value = marshal.loads(payload)
        except (EOFError, ValueError, TypeError):
            return None
        self.used.add(key)
        return value

    def prepare(self) -> bool:
        """Create the folder with its CACHEDIR.TAG and .gitignore; False (and a problem noted) if it cannot be."""
        if not self.writable:
            return False
        from catalogc.atomic import write_bytes_atomic  # (tempfile, shutil): a replayed run writes nothing

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not _owned(self.folder):
                write_bytes_atomic(self.folder / "CACHEDIR.TAG", TAG, durable=False)
                write_bytes_atomic(self.folder / ".gitignore", b"# Created by catalogc automatically.\n*\n", durable=False)
        except OSError as exc:
            self._unwritable(exc)
        return self.writable

    def _unwritable(self, exc: OSError) -> None:
        self.writable = False
        self.problems.append(f"缓存目录 {self.folder} 无法写入（{exc.strerror or exc}），本次结果未缓存"
                             f" (cannot write the cache folder; results not cached)")

    def _write(self, kind: str, key: bytes, value: Any) -> bool:
        if not self.writable:
            return False
        try:
            payload = marshal.dumps(value)
        except ValueError:  # a value marshal cannot hold: that entry is simply not cached
            return False
        from catalogc.atomic import write_bytes_atomic

        blob = MAGIC + bytes([FORMAT]) + key + hashlib.blake2b(payload, digest_size=20).digest() + payload
        path = Path(self._path(kind, key))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_bytes_atomic(path, blob, durable=False)
        except OSError as exc:
            self._unwritable(exc)
            return False
        self.used.add(key)
        return True

    # --- tables derived from inputs outside the workspace's files (refdata.Keeper, settings) ------

    def get(self, name: str, source: bytes) -> Any:
        return self._read("derived", _derived(name, source))

    def put(self, name: str, source: bytes, value: Any) -> None:
        if self.prepare():
            self._write("derived", _derived(name, source), value)


class Cache(Store):
    """Entries in one folder, under keys derived from ``settings`` (see the module docstring).

    Besides one entry per file, each workspace has an index: the content hash of each file by its
    ``stat`` (so unchanged files are not even read, as git's index does), and the workspace
    rules' findings by group and for the whole, from the last run."""

    def __init__(self, folder: Path | Store, settings: Settings, root: Path | None = None) -> None:
        store = folder if isinstance(folder, Store) else Store(folder)
        super().__init__(store.folder)
        self.writable, self.problems, self.used = store.writable, store.problems, store.used  # one folder's state
        self.base = base_key(settings)
        self._file_prefix = _hasher(self.base, "file")
        self.index_key = digest(self.base, "index", os.path.abspath(root) if root is not None else "")
        self.stored = 0
        self.hashes: dict[str, tuple[Stat, bytes]] = {}  # rel → (stat, content hash), read from the index
        self.whole: tuple[bytes, tuple[Any, ...]] | None = None  # (key, findings) of the ungrouped rules
        self.groups: dict[bytes, tuple[Any, ...]] = {}
        self.heads: dict[str, tuple[bytes, tuple[Any, ...]]] = {}  # rel → (entry key, the entry without its facts)
        self._index_read = False
        self._index: tuple[Any, ...] | None = None
        self.next_hashes: dict[str, tuple[Stat, bytes]] = {}
        self.seen: dict[str, bytes | None] = {}  # rel → content hash as this run first saw it
        self.next_whole: tuple[bytes, tuple[Any, ...]] | None = None
        self.next_groups: dict[bytes, tuple[Any, ...]] = {}
        self.next_heads: dict[str, tuple[bytes, tuple[Any, ...]]] = {}

    # --- keys ---------------------------------------------------------------------------------

    def file_key(self, rel: str, data: bytes) -> bytes:
        return self.key_of(rel, hashlib.blake2b(data, digest_size=20).digest())

    def key_of(self, rel: str, content: bytes) -> bytes:
        """``digest(self.base, "file", rel, content)``, from a copy of the hash of its first two parts
        (every run keys every file, a re-run included)."""
        h = self._file_prefix.copy()
        name = rel.encode("utf-8")
        h.update(len(name).to_bytes(8, "little"))
        h.update(name)
        h.update(len(content).to_bytes(8, "little"))
        h.update(content)
        return h.digest()

    def content_hash(self, path: Path, rel: str) -> bytes | None:
        """The hash of a file's bytes: from the index when its stat is unchanged, else read and hashed.
        The stat is taken first, so a file changed meanwhile is hashed again next time."""
        if rel in self.seen:  # a re-run asks twice: for the last run's summary, then file by file
            return self.seen[rel]
        self.seen[rel] = content = self._content_hash(path, rel)
        return content

    def _content_hash(self, path: Path, rel: str) -> bytes | None:
        self.load_index()
        stat = _stat(path)
        known = self.hashes.get(rel)
        if stat is not None and known is not None and known[0] == stat:
            self.next_hashes[rel] = known
            return known[1]
        try:
            data = path.read_bytes()
        except OSError:
            return None
        content = hashlib.blake2b(data, digest_size=20).digest()
        # a file written in the last two seconds could change again within its timestamp's granularity
        if stat is not None and stat[1] < time.time_ns() - 2_000_000_000:
            self.next_hashes[rel] = (stat, content)
        return content

    # --- file results -------------------------------------------------------------------------

    def load_file(self, key: bytes, rel: str, compiled: bool, restore: Restore | None = None,
                  refetch: Callable[[], list[ItemFact]] | None = None) -> FileResult | None:
        """A file's cached result, or None; with ``compiled``, only an entry holding compiled items,
        which ``restore`` makes from their stored JSON (by default: models in memory).

        Without ``compiled``, the index's copy of the entry answers (its findings, suppressions,
        header and the summary of its facts) and the entry itself is read only when the facts are
        used; ``refetch`` gives them should the entry be gone by then."""
        known = self.heads.get(rel)
        if not compiled and known is not None and known[0] == key:
            try:
                result = _decode(rel, (*known[1], None), False, facts=partial(self._facts, key, refetch))
            except (TypeError, ValueError, KeyError, IndexError):
                result = None
            if result is not None:
                self.used.add(key)
                self.next_heads[rel] = known
                return result
        value = self._read("files", key)
        try:
            result = None if value is None else _decode(rel, value, compiled, restore)
        except (TypeError, ValueError, KeyError, IndexError):  # well-formed marshal, wrong shape
            return None
        if result is not None:
            self.next_heads[rel] = (key, _head_of(value))
        return result

    def _facts(self, key: bytes, refetch: Callable[[], list[ItemFact]] | None) -> list[ItemFact]:
        """A file's facts from its entry, for a result the index gave; the file itself if the entry is damaged or gone."""
        value = self._read("files", key)
        try:
            return _unpacked(value[5])
        except (TypeError, ValueError, KeyError, IndexError, EOFError):  # missing, or not an entry's shape
            if refetch is None:
                raise CacheError(f"缓存条目 {key.hex()} 在本次运行中被删除 (a cache entry vanished during the run)") from None
            return refetch()

    def remember_head(self, key: bytes, result: FileResult) -> None:
        """The index's copy of a file checked in this run, for the next run to answer it without its entry."""
        self.next_heads[result.rel] = (key, _head(result))

    def store_file(self, key: bytes, result: FileResult, compiled: bool = False) -> None:
        if self._write("files", key, _encode(result, compiled)):
            self.stored += 1

    # --- the workspace's index ------------------------------------------------------------------

    def load_index(self) -> None:
        if self._index_read:
            return
        self._index_read = True
        value = self._read("index", self.index_key)
        try:
            hashes, whole, groups, heads = value
            self.hashes = {rel: (tuple(stat), content) for rel, (stat, content) in hashes.items()}
            self.whole = (whole[0], tuple(whole[1])) if whole is not None else None
            self.groups = dict(groups)
            self.heads = dict(heads)
            self._index = value
        except (TypeError, ValueError, AttributeError):  # missing, or not the shape written below
            self.hashes, self.whole, self.groups, self.heads = {}, None, {}, {}

    def findings(self, records: tuple[Any, ...] | None) -> list[Located] | None:
        try:
            return None if records is None else [_located(f) for f in records]
        except (TypeError, ValueError, KeyError, IndexError):
            return None

    def finish(self, now: float | None = None) -> None:
        """After the run: write the index if it changed, then sweep (see ``sweep``)."""
        self.seen.clear()  # a later run with this object looks at the files again
        index = (self.next_hashes, self.next_whole, self.next_groups, self.next_heads)
        if index != self._index and self.prepare():
            self._write("index", self.index_key, index)
        self.sweep(now)

    def sweep(self, now: float | None = None) -> None:
        """After a run that stored file entries, if none swept in the last hour: remove the entries
        it did not use that are older than a day."""
        if not self.stored or not self.writable:
            return
        now = now or time.time()
        marker = self.folder / "swept"
        try:
            last = marker.stat().st_mtime
        except OSError:
            last = 0.0
        if 0 <= now - last < SWEEP_EVERY:
            return
        try:
            marker.touch()
            os.utime(marker, (now, now))
        except OSError:
            return
        cutoff = now - SWEEP_AGE
        used = {key.hex() for key in self.used}
        for kind in ("files", "index", "runs", "derived"):
            try:
                shards = list(os.scandir(self.folder / kind))
            except OSError:
                continue
            for shard in shards:
                try:
                    entries = list(os.scandir(shard.path)) if shard.is_dir(follow_symlinks=False) else []
                except OSError:
                    continue
                for entry in entries:
                    try:
                        if shard.name + entry.name not in used and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                            os.unlink(entry.path)
                    except OSError:
                        pass



# --- encoding: plain tuples in, the check's own records out -------------------------------------

def _record(f: Located, rel: str) -> tuple[Any, ...]:
    return (f.file if f.file != rel else None, f.line, f.column, f.variant, tuple(f.args.items()), f.item, f.field, f.code)


def _located(record: Sequence[Any], rel: str = "") -> Located:
    file, line, column, variant, args, item, field, code = record
    if code not in BY_CODE or not isinstance(line, int) or not isinstance(column, int):
        raise ValueError(code)
    return Located(file if file is not None else rel, line, column, variant, dict(args), item, field, code)


def _head(result: FileResult) -> tuple[Any, ...]:
    """What the index keeps of a file's entry: all but its compiled items and its facts, of which
    it keeps what a run needs without reading them (their number, groups and links)."""
    return (
        tuple(_record(f, result.rel) for f in result.findings),
        tuple((s.line, s.column, s.target, tuple(s.codes), s.reason) for s in result.suppressions),
        tuple(result.catalog) if result.catalog is not None else None,
        None,
        (len(result.facts), linked(result), tuple(sorted(groups_of(result)))),
    )


def _head_of(value: Sequence[Any]) -> tuple[Any, ...]:
    """The index's part of an entry read from the cache."""
    findings, suppressions, catalog, _, summary, _ = value
    return (findings, suppressions, catalog, None, summary)


def _encode(result: FileResult, collected: bool) -> tuple[Any, ...]:
    """``collected``: whether the check compiled items (a file without a valid head has none: ``()``).
    The item facts are marshalled apart, behind the head, so a re-run decodes only the facts of
    the groups it checks."""
    compiled: tuple[bytes, bytes] | tuple[()] | None = () if collected else None
    if result.compiled is not None:
        from catalogc.model.bundle import items_adapter

        meta, items = result.compiled
        # a streaming build's items are already JSON in its spool (publish/spool.py): stored as they are
        encoded = items.encoded() if hasattr(items, "encoded") else items_adapter().dump_json(items)
        compiled = (meta.model_dump_json().encode(), encoded)
    findings, suppressions, catalog, _, summary = _head(result)
    return (findings, suppressions, catalog, compiled, summary, marshal.dumps(tuple(tuple(f) for f in result.facts)))


def _unpacked(blob: bytes) -> list[ItemFact]:
    """An entry's facts (``_make`` refuses a tuple of the wrong length; the entry's checksum vouches for the rest)."""
    return list(map(_FACT, marshal.loads(blob)))


def _in_memory(rel: str, meta: bytes, items: bytes) -> tuple[Any, Any]:
    from catalogc.model.bundle import CatalogMeta, items_adapter

    return CatalogMeta.model_validate_json(meta), items_adapter().validate_json(items)


def _decode(rel: str, value: Sequence[Any], compiled: bool, restore: Restore | None = None,
            facts: Callable[[], list[ItemFact]] | None = None) -> FileResult | None:
    """An entry (or the index's head of one, with ``facts`` to read them when used) as a result."""
    findings, suppressions, catalog, packed, (count, links, groups), blob = value
    if compiled and packed is None:
        return None
    if not isinstance(count, int) or (facts is None and not isinstance(blob, bytes)):
        raise ValueError("facts")
    result = FileResult(rel)
    result.findings = [_located(f, rel) for f in findings]
    result.facts = LazyFacts(facts or partial(_unpacked, blob), count,
                             frozenset((region, domain) for region, domain in groups), bool(links))
    result.suppressions = [Suppression(line, column, target, tuple(codes), reason)
                           for line, column, target, codes, reason in suppressions]
    if catalog is not None:
        if len(catalog) != _CATALOG_FIELDS:
            raise ValueError("catalog")
        result.catalog = CatalogFact(*catalog)
    if compiled and packed:
        meta, items = packed
        result.compiled = (restore or _in_memory)(rel, meta, items)
    return result


# --- the two stages of a cached check ------------------------------------------------------------

def _refetch(cache: Cache, check: Check, path: Path, rel: str) -> list[ItemFact]:
    """A file's facts when its entry is damaged or gone and the index answered for it: the file
    itself, checked again and stored."""
    try:
        data = path.read_bytes()
    except OSError:
        return list(check(path, rel, None).facts)
    result = check(path, rel, data)
    cache.store_file(cache.file_key(rel, data), result)
    return list(result.facts)


Check = Callable[[Path, str, "bytes | None"], FileResult]


def run_files(cache: Cache, paths: Sequence[tuple[Path, str, bool]], check: Check, jobs: int, min_files: int,
              chunks: Callable[[list[Any], int], list[list[Any]]], compiled: bool = False,
              restore: Restore | None = None) -> tuple[list[FileResult], dict[str, bytes]]:
    """Every file's result and key: hits from the cache, misses checked in workers (``check`` gets
    the bytes the key was made from) and stored by the worker that checked them. Files outside
    the targets keep no suppressions, as in an uncached run."""
    if compiled:
        from catalogc.model.bundle import items_adapter

        items_adapter()  # made once, before the workers fork
    cache.prepare()
    results: list[FileResult] = []
    keys: dict[str, bytes] = {}
    misses: list[tuple[Path, str, bool]] = []
    for path, rel, reported in paths:
        content = cache.content_hash(path, rel)
        hit = None
        if content is not None:
            key = cache.key_of(rel, content)
            hit = cache.load_file(key, rel, compiled, restore, partial(_refetch, cache, check, path, rel))
        if hit is None:
            misses.append((path, rel, reported))
        else:
            keys[rel] = key
            results.append(hit)

    def work(chunk: list[tuple[Path, str, bool]]) -> list[tuple[FileResult, bytes | None]]:
        out: list[tuple[FileResult, bytes | None]] = []
        for path, rel, _ in chunk:
            try:
                data = path.read_bytes()
            except OSError:  # the check reports it (C001); nothing to key it by
                out.append((check(path, rel, None), None))
                continue
            result = check(path, rel, data)
            key = cache.file_key(rel, data)
            cache.store_file(key, result, compiled)
            out.append((result, key))
        return out

    stored = cache.stored
    for part in fork_map(work, misses, jobs, min_files, chunks, warm=1) if misses else ():
        for result, made in part:
            results.append(result)
            if made is not None:
                keys[result.rel] = made
                cache.used.add(made)
                cache.remember_head(made, result)
    cache.stored = max(cache.stored, stored + len(misses))  # workers stored them in their own copies
    shown = {rel for _, rel, reported in paths if reported}
    for result in results:
        if result.rel not in shown:
            result.suppressions = []
    return results, keys


Runner = Callable[[Iterable[Rule], WorkspaceContext], list[Located]]


def workspace_findings(cache: Cache, ctx: WorkspaceContext, results: Sequence[FileResult], keys: Mapping[str, bytes],
                       lists_digest: bytes, run: Runner) -> list[Located]:
    """Every workspace rule's findings: grouped rules per region × domain, remembered per group;
    the others over the whole workspace, remembered under all files' keys and the lists.
    A file without a key (unreadable) makes what it takes part in be computed afresh.

    Without lists (no graph) and sources, every workspace rule is a grouped one: the list and
    source rules find nothing and C108 judges each item alone. Then a run after one file changed
    reads no other file's facts."""
    cache.load_index()
    alone = ctx.graph is None and not ctx.lists and ctx.sources is None
    grouped = [r for r in table.WORKSPACE_RULES if alone or r.code in GROUPED]
    others = [r for r in table.WORKSPACE_RULES if r not in grouped]
    findings: list[Located] = []

    if others:
        keyed = all(r.rel in keys for r in results)
        whole = digest(cache.base, "workspace", lists_digest, *(keys[r.rel] if keyed else b"" for r in results))
        known = cache.findings(cache.whole[1]) if keyed and cache.whole is not None and cache.whole[0] == whole else None
        if known is None:
            known = run(others, ctx)
        if keyed:
            cache.next_whole = (whole, tuple(_record(f, "") for f in known))
        findings.extend(known)

    members: dict[tuple[str, str], list[FileResult]] = defaultdict(list)
    for result in results:
        for group in groups_of(result):
            members[group].append(result)
    kind = "group" if others else "group, all rules"
    for group in sorted(members):
        files = members[group]
        keyed = all(r.rel in keys for r in files)
        key = digest(cache.base, kind, *group, *(keys[r.rel] if keyed else b"" for r in files))
        known = cache.findings(cache.groups.get(key)) if keyed else None
        if known is None:
            facts = [f for r in files for f in r.facts if (f.region, f.domain) == group]
            catalogs = [r.catalog for r in files
                        if r.catalog is not None and (r.catalog.region, r.catalog.domain) == group]
            known = run(grouped, WorkspaceContext(facts, ctx.settings, [], None, catalogs))
        if keyed:
            cache.next_groups[key] = tuple(_record(f, "") for f in known)
        findings.extend(known)
    return findings


def lists_digest(entries: Sequence[Any], findings: Sequence[Located]) -> bytes:
    return digest(repr(canonical((list(entries), list(findings)))))


# --- a run answered whole: the summary of the last run with the same inputs -----------------------

def _summary_key(cache: Cache, workspace: Workspace, keys: Sequence[tuple[str, bytes]]) -> bytes | None:
    """The inputs of a run: targets, links leading outside, every catalog's key and every list
    file's name and content (hashed through the index, like the catalogs); None when a list file
    cannot be read."""
    targets = "\0".join(workspace.targets) if workspace.targets is not None else "\0all"
    lists: list[str | bytes] = []
    for folder in LIST_FOLDERS:
        paths, outside = walk(workspace.root, folder, LIST_SUFFIXES)
        lists += [folder, *outside, "\0"]
        for path in paths:
            rel = workspace.rel(path)
            content = cache.content_hash(path, rel)
            if content is None:
                return None
            lists += [rel, content]
    return digest(cache.base, "run", targets, "\0".join(workspace.outside), *lists, "\0catalogs",
                   *(part for rel, key in sorted(keys) for part in (rel, key)))


class _Graph:
    """The disclosure graph of a replayed run with lists, built from the lists and the facts the
    first time something asks for it (``CheckResult.coverage``); a plain check never does."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make: Callable[[], Any] | None = make
        self._graph: Any = None

    def __getattr__(self, name: str) -> Any:
        if self._make is not None:
            make, self._make = self._make, None
            self._graph = make()
        return getattr(self._graph, name)


def _checked_facts(check: Callable[[Path, str, Settings], FileResult], path: Path, rel: str,
                   settings: Settings) -> list[ItemFact]:
    return list(check(path, rel, settings).facts)


def replay(cache: Cache, workspace: Workspace, settings: Settings, check: Callable[[Path, str, Settings], FileResult]) -> Any:
    """The ``CheckResult`` of a run whose inputs a previous run saw exactly, or None. The policy is
    applied afresh (its settings are in no key); the index is carried over unchanged. ``check``
    checks a file whose entry was damaged since, should its facts be asked for."""
    files_ = workspace.named()
    keys: list[tuple[str, bytes]] = []
    for path, rel in files_:
        content = cache.content_hash(path, rel)
        if content is None:
            return None
        keys.append((rel, cache.key_of(rel, content)))
    key = _summary_key(cache, workspace, keys)
    if key is None:
        return None
    value = cache._read("runs", key)
    try:
        records, suppressions, files, items, graphed = value
        findings = [_located(f) for f in records]
        shown = {rel: [Suppression(line, column, target, tuple(codes), reason)
                       for line, column, target, codes, reason in marks] for rel, marks in suppressions}
        if not isinstance(files, int) or not isinstance(items, int):
            return None
    except (TypeError, ValueError, KeyError, IndexError):  # missing, or not the shape written below
        return None
    from catalogc.check.policy import Policy
    from catalogc.check.result import CheckResult

    cache.next_whole, cache.next_groups, cache.next_heads = cache.whole, dict(cache.groups), dict(cache.heads)

    def facts() -> list[ItemFact]:
        out: list[ItemFact] = []
        for (path, rel), (_, file_key) in zip(files_, keys, strict=True):
            result = cache.load_file(file_key, rel, False, refetch=partial(_checked_facts, check, path, rel, settings))
            if result is None:  # an entry damaged since: the file itself, as an uncached run
                result = check(path, rel, settings)
            out.extend(result.facts)
        return out

    every = LazyFacts(facts)
    graph = None
    if graphed:
        def make() -> Any:
            from catalogc.check.graph import DisclosureGraph
            from catalogc.load.lists import load_lists

            return DisclosureGraph(every, load_lists(workspace.root)[0])

        graph = _Graph(make)
    return CheckResult(Policy(settings).apply(findings, shown), files, items, every, graph)


def remember(cache: Cache, workspace: Workspace, results: Sequence[FileResult], keys: Mapping[str, bytes],
             findings: Sequence[Located], files: int, items: int, graphed: bool) -> None:
    """Store a run's summary for ``replay``: its findings within the targets before the policy, and
    whether it had a disclosure graph (lists, or items linking to them)."""
    if not all(r.rel in keys for r in results) or not cache.prepare():
        return
    key = _summary_key(cache, workspace, [(r.rel, keys[r.rel]) for r in results])
    if key is None:
        return
    suppressions = tuple((r.rel, tuple((s.line, s.column, s.target, tuple(s.codes), s.reason) for s in r.suppressions))
                         for r in results if r.suppressions)
    cache._write("runs", key, (tuple(_record(f, "") for f in findings), suppressions, files, items, graphed))
