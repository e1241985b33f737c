"""A releases folder: content-addressed releases, the ``current`` link switched atomically,
the log of every switch, rollback and retention (``catalogc publish``, docs/publish.md).

::

    RELEASES/.catalogc-releases   marks the folder as ours; a non-empty folder without it is refused
    RELEASES/releases.jsonl       the log, one ReleaseEntry per line, rewritten atomically
    RELEASES/<version>/           a release: a bundle whose manifest.json hashes to <version>…
    RELEASES/<label>  -> <version>  a name given with --version
    RELEASES/current  -> <version>

A release is staged in ``.tmp-*`` and renamed to its version only once complete and verified,
and ``current`` is replaced by renaming a new link over it: killed at any point, the folder
holds whole releases and ``current`` names one of them. The next run removes the leftovers.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import re
import shutil
import signal
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from catalogc import __version__
from catalogc.atomic import umask, write_text_atomic
from catalogc.model.release import Counts, ReleaseEntry
from catalogc.publish.manifest import MANIFEST, sha256, verify
from catalogc.publish.shared import ReleaseError, link_or_copy
from catalogc.publish.summary import Summarize, change_summary

MARKER = ".catalogc-releases"
LOG = "releases.jsonl"
CURRENT = "current"
LOCK = ".lock"
TMP = ".tmp-"
VERSION = re.compile(r"[0-9a-f]{16}")
LABEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
KILL_AT = "CATALOGC_TEST_KILL_AT"


def checkpoint(name: str) -> None:
    """Test hook for the crash tests: the process kills itself (SIGKILL) at the named point when
    CATALOGC_TEST_KILL_AT names it. Inert unless that variable is set."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _who() -> tuple[str, str]:
    try:
        user = getpass.getuser()  # LOGNAME, USER, … then the password database
    except (OSError, KeyError):
        user = "unknown"
    return user, socket.gethostname() or "unknown"


def counts(bundle: Path) -> Counts:
    index = json.loads((bundle / "index.json").read_text(encoding="utf-8"))
    return Counts(regions=len(index["regions"]), catalogs=len(index["catalogs"]),
                  items=sum(entry["items"] for entry in index["files"]))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def _problems(root: Path) -> tuple[str, str]:
    """What ``verify`` finds wrong with a bundle, in Chinese and English; empty strings when it verifies."""
    result = verify(root)
    if result.problem:
        return result.problem, result.problem
    found = [(zh, en, paths) for zh, en, paths in (("缺少", "missing", result.missing), ("被改动", "changed", result.changed),
                                                   ("多出", "unexpected", result.unexpected)) if paths]

    def listed(paths: tuple[str, ...]) -> str:
        return ", ".join(paths[:3]) + (" …" if len(paths) > 3 else "")

    return ("；".join(f"{zh} {listed(paths)}" for zh, _, paths in found),
            "; ".join(f"{en} {listed(paths)}" for _, en, paths in found))


@dataclass(slots=True)
class Releases:
    root: Path

    @classmethod
    def open(cls, root: Path, create: bool) -> Releases:
        """The releases folder at ``root``; created (with its marker) when ``create`` and it is new or empty.
        Refuses a folder we did not make: publishing into it could bury or, with --keep, delete its files."""
        if root.exists() and not root.is_dir():
            raise ReleaseError(f"{root} 是文件，不是发布目录；请用 --to 指定一个新的或空的目录",
                               f"{root} is a file, not a releases folder; give --to a new or empty folder")
        if (root / MARKER).is_file():
            return cls(root)
        if root.is_dir() and any(root.iterdir()):
            raise ReleaseError(f"{root} 不是 catalogc 的发布目录（没有 {MARKER}），其中已有其他文件；"
                               "请用 --to 指定一个新的或空的目录",
                               f"{root} is not a catalogc releases folder (no {MARKER}) and holds other files; "
                               "give --to a new or empty folder")
        if not create:
            raise ReleaseError(f"{root} 中还没有发布：先运行 catalogc publish OUT --to {root}",
                               f"nothing has been published to {root} yet: run catalogc publish OUT --to {root}")
        root.mkdir(parents=True, exist_ok=True)
        write_text_atomic(root / MARKER, lambda s: s.write(json.dumps({"tool": "catalogc", "format": 1}) + "\n"))
        return cls(root)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """One publisher at a time; the lock dies with its process, so a killed run leaves none behind."""
        try:
            import fcntl
        except ImportError:  # Windows
            raise ReleaseError("发布目录需要 POSIX 系统（Linux、macOS）的文件锁和符号链接",
                               "a releases folder needs a POSIX system's file locks and symbolic links (Linux, macOS)") \
                from None
        with (self.root / LOCK).open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise ReleaseError(f"另一个 catalogc publish 正在写 {self.root}；等它结束后重试",
                                   f"another catalogc publish is writing {self.root}; retry when it is done") from None
            self._clean()
            yield

    def _clean(self) -> None:
        """Remove what an interrupted run left: staged releases, half-made links, folders being deleted."""
        for stale in self.root.glob(f"{TMP}*"):
            _remove(stale)

    def staging(self) -> Path:
        path = Path(tempfile.mkdtemp(prefix=TMP, dir=self.root))
        os.chmod(path, 0o777 & ~umask())
        return path

    # --- the log ---

    def log(self) -> list[ReleaseEntry]:
        path = self.root / LOG
        if not path.is_file():
            return []
        entries = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                entries.append(ReleaseEntry.model_validate_json(line))
            except ValueError as exc:
                raise ReleaseError(f"{path}:{n} 不是 catalogc 的发布日志记录（{exc.__class__.__name__}）；"
                                   "请从备份恢复这个文件",
                                   f"{path}:{n} is not a catalogc release log entry; restore the file from a backup") from None
        return entries

    def _append(self, entry: ReleaseEntry) -> None:
        path = self.root / LOG
        before = path.read_text(encoding="utf-8") if path.is_file() else ""
        write_text_atomic(path, lambda s: s.write(before + entry.model_dump_json() + "\n"))

    # --- what is where ---

    def release(self, version: str) -> Path:
        return self.root / version

    def linked(self) -> str | None:
        """The version ``current`` points at, if it points at one."""
        try:
            target = os.readlink(self.root / CURRENT)
        except OSError:
            return None
        return target if VERSION.fullmatch(target) else None

    def current(self, log: list[ReleaseEntry]) -> str | None:
        """The current release as the log last recorded it (a run killed between the switch and
        its log line is recorded by the next run against what came before), else the link."""
        if log and self.release(log[-1].version).is_dir():
            return log[-1].version
        return self.linked()

    def _link(self, name: str, version: str) -> None:
        """Point ``name`` at ``version`` with one rename of a new link over the old one."""
        tmp = self.root / f"{TMP}link-{name}-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        try:
            os.symlink(version, tmp, target_is_directory=True)
        except (OSError, NotImplementedError) as exc:
            raise ReleaseError(f"不能在 {self.root} 中创建符号链接（{exc}）：发布目录要求支持符号链接的文件系统"
                               "（Linux、macOS；Windows 需开启开发者模式）",
                               f"cannot create a symbolic link in {self.root} ({exc}): a releases folder needs a "
                               "file system with symbolic links (Linux, macOS; Windows with developer mode)") from None
        checkpoint("linked")
        os.replace(tmp, self.root / name)

    def switch(self, version: str) -> None:
        self._link(CURRENT, version)
        checkpoint("switched")

    def aliases(self) -> dict[str, str]:
        """Label → version, for the links --version made."""
        found = {}
        for path in self.root.iterdir():
            if path.is_symlink() and path.name != CURRENT and LABEL.fullmatch(path.name):
                target = os.readlink(path)
                if VERSION.fullmatch(target):
                    found[path.name] = target
        return found


def _freeze(stage: Path) -> None:
    """Make a staged release's files read-only: files are shared between releases by hard links,
    and an edit in place of one would change every release sharing it."""
    mode = 0o444 & ~umask()
    for path in stage.rglob("*"):
        if path.is_file() and not path.is_symlink():
            os.chmod(path, mode)


def _copy_release(source: Path, stage: Path, previous: Path | None) -> None:
    """Copy the files ``source``'s manifest lists into ``stage``. A file equal to the same path of
    the previous release (same digest in both manifests) is hard-linked to it instead: most of a
    new release is the last one, and releases are never written in place."""
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    shared: dict[str, str] = {}
    if previous is not None:
        shared = json.loads((previous / MANIFEST).read_text(encoding="utf-8"))["files"]
    files = sorted(manifest["files"].items())
    for n, (rel, digest) in enumerate(files):
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if previous is not None and shared.get(rel) == digest:
            link_or_copy(previous / rel, target)
        else:
            shutil.copyfile(source / rel, target)
        if n == len(files) // 2:
            checkpoint("copying")
    shutil.copyfile(source / MANIFEST, stage / MANIFEST)


@dataclass(frozen=True, slots=True)
class Outcome:
    entry: ReleaseEntry | None  # None: nothing to do (the release is already current)
    notes: tuple[tuple[str, str], ...] = ()  # (Chinese, English): what the user should know, not errors


def publish(bundle: Path, root: Path, *, label: str | None = None, keep: int | None = None,
            into: str | None = None, summarize: Summarize = change_summary) -> Outcome:
    """Publish the built bundle ``bundle`` into the releases folder ``root`` and make it current.
    With ``into`` (a region code prefix), the bundle is one county's, merged into the current release.
    ``summarize`` counts the changes for the log (see ``publish/summary.py``)."""
    if label is not None and (not LABEL.fullmatch(label) or VERSION.fullmatch(label) or label == CURRENT):
        raise ReleaseError(f"版本名“{label}”不可用：只用字母、数字和 . _ -，不以符号开头，不是 current，"
                           "也不是 16 位十六进制数（那是内容版本号）",
                           f"version name '{label}' is not usable: letters, digits and . _ - only, not starting with "
                           "a symbol, not 'current', not 16 hexadecimal digits (those are content versions)")
    inside = root.resolve()
    if bundle.resolve() in (inside, *inside.parents):
        raise ReleaseError(f"发布目录 {root} 不能在发布包 {bundle} 之内：下次 catalogc build 会整体替换 {bundle}",
                           f"the releases folder {root} cannot lie inside the bundle {bundle}: the next "
                           f"catalogc build replaces {bundle} as a whole")
    zh, en = _problems(bundle)
    if zh:
        raise ReleaseError(f"{bundle} 未通过核对，未发布：{zh}；请重新运行 catalogc build",
                           f"{bundle} does not verify and was not published: {en}; run catalogc build again")
    store = Releases.open(root, create=True)
    with store.locked():
        log = store.log()
        previous = store.current(log)
        aliases = store.aliases()
        stage = None
        notes: tuple[tuple[str, str], ...] = ()
        try:
            if into is not None:
                if previous is None:
                    raise ReleaseError(f"{root} 中还没有可并入的发布：先发布上级（如全省）的发布包",
                                       f"{root} holds no release to publish into: publish the province's bundle first")
                from catalogc.publish.partial import merge_into

                stage = store.staging()
                notes = merge_into(store.release(previous), bundle, into, stage)
                source = stage
            else:
                source = bundle
            digest = sha256(source / MANIFEST)
            version = digest[:16]
            if label is not None and aliases.get(label, version) != version:
                raise ReleaseError(f"版本名 {label} 已指向 {aliases[label]}：版本名不改指；请换一个名称",
                                   f"version name {label} already names {aliases[label]}; names are not moved, "
                                   "choose another one")
            target = store.release(version)
            # A folder no log line names was placed by a run killed before its log line: ours too.
            created = not target.exists() or all(e.version != version for e in log)
            if not target.exists():
                if stage is None:
                    stage = store.staging()
                    _copy_release(bundle, stage, store.release(previous) if previous else None)
                    zh, en = _problems(stage)
                    if zh or sha256(stage / MANIFEST) != digest:  # the bundle changed while it was copied
                        raise ReleaseError(f"{bundle} 在复制时被改动（{zh or 'manifest.json'}），未发布；"
                                           "等 catalogc build 结束后重试",
                                           f"{bundle} changed while it was copied ({en or 'manifest.json'}) and was "
                                           "not published; retry when catalogc build is done")
                _freeze(stage)
                checkpoint("copied")
                os.replace(stage, target)
                stage = None
                checkpoint("placed")
            else:
                zh, en = _problems(target)
                if zh or sha256(target / MANIFEST) != digest:
                    raise ReleaseError(f"{target} 已存在但未通过核对（{zh or 'manifest.json 不同'}）："
                                       "发布目录中的文件不应被改动；请删除这个版本目录后重新发布",
                                       f"{target} exists but does not verify ({en or 'manifest.json differs'}); files "
                                       "in a releases folder must not be edited: delete that version folder and "
                                       "publish again")
            if version == previous and store.linked() == version and (label is None or label in aliases):
                return Outcome(None, notes)
            if label is not None and label not in aliases:
                store._link(label, version)
            changes = summarize(store.release(previous), target) if previous else None
            store.switch(version)
            removed = _prune(store, log, keep, version, previous) if keep is not None else []
            user, host = _who()
            entry = ReleaseEntry(action="publish", version=version, digest=digest, label=label, previous=previous,
                                 time=_now(), user=user, host=host, tool_version=__version__, counts=counts(target),
                                 changes=changes, created=created, partial=into, removed=removed)
            store._append(entry)
            return Outcome(entry, notes)
        finally:
            if stage is not None:
                shutil.rmtree(stage, ignore_errors=True)


def rollback(root: Path, summarize: Summarize = change_summary) -> ReleaseEntry:
    """Return ``current`` to the release it replaced, in one rename, after verifying that release."""
    store = Releases.open(root, create=False)
    with store.locked():
        log = store.log()
        current = store.current(log)
        published = next((e for e in reversed(log) if e.action == "publish" and e.version == current), None)
        target = published.previous if published else None
        if current is None or target is None:
            raise ReleaseError(f"{root} 没有可回退到的之前版本", f"{root} has no earlier release to return to")
        if not store.release(target).is_dir():
            raise ReleaseError(f"之前的版本 {target} 已被删除（--keep），无法回退",
                               f"the earlier release {target} was removed (--keep); cannot roll back")
        zh, en = _problems(store.release(target))
        if zh:
            raise ReleaseError(f"之前的版本 {target} 未通过核对，未回退：{zh}",
                               f"the earlier release {target} does not verify; not rolled back: {en}")
        changes = summarize(store.release(current), store.release(target))
        store.switch(target)
        user, host = _who()
        entry = ReleaseEntry(action="rollback", version=target, digest=sha256(store.release(target) / MANIFEST),
                             label=None, previous=current, time=_now(), user=user, host=host,
                             tool_version=__version__, counts=counts(store.release(target)), changes=changes,
                             created=False, partial=None)
        store._append(entry)
        return entry


@dataclass(frozen=True, slots=True)
class Listed:
    version: str
    labels: tuple[str, ...]
    published: str  # when it was last made current
    counts: Counts
    current: bool


def listing(root: Path) -> list[Listed]:
    """The releases present, oldest first by when each was last made current."""
    store = Releases.open(root, create=False)
    log = store.log()
    current = store.linked()
    labels: dict[str, list[str]] = {}
    for name, version in sorted(store.aliases().items()):
        labels.setdefault(version, []).append(name)
    last: dict[str, ReleaseEntry] = {}
    for entry in log:
        last.pop(entry.version, None)
        last[entry.version] = entry
    return [Listed(v, tuple(labels.get(v, ())), e.time, e.counts, v == current)
            for v, e in last.items() if store.release(v).is_dir()]


def _prune(store: Releases, log: list[ReleaseEntry], keep: int, current: str, previous: str | None) -> list[str]:
    """Remove releases beyond the ``keep`` most recently current ones. Only folders this log says
    a publish created are removed, never ``current`` or the release a rollback would return to."""
    order: list[str] = []
    for entry in reversed(log):
        if entry.version not in order:
            order.append(entry.version)
    kept = {current, *(v for v in [previous] if v), *([current, *order][:keep])}
    created = {e.version for e in log if e.action == "publish" and e.created}
    removed = []
    for version in sorted(created - kept):
        path = store.release(version)
        if not path.is_dir() or path.is_symlink():
            continue
        for name, target in store.aliases().items():
            if target == version:
                (store.root / name).unlink()
        doomed = store.root / f"{TMP}removing-{version}"
        os.replace(path, doomed)  # gone from view at once; a killed removal is finished by the next run
        shutil.rmtree(doomed)
        removed.append(version)
    return removed
