"""The sources of an office workspace (docs/offices.md): folders and git repositories at a ref.

An office (政务公开办) assembles its region from the departments' and townships' own
workspaces. Each source is opened here once: its files listed, its catalogc.toml read
for its own check settings, its lists read, and its registries ([regions], [[laws]],
[domains] extra) merged with the office's and the other sources' — a disagreement is a
C406 finding at the source's settings file. Git sources are read with git itself: the
ref resolved to a commit, the tree listed with ``ls-tree`` and every blob read through
one ``cat-file --batch`` process, so nothing is checked out and nothing leaves the
machine unless the user's git configuration says so.

Inside the check every file of a source is known by a key ``<name>:<path>``, the path
relative to the source's workspace (what its per-path settings match); what users see
is ``shown``: for a folder, the path relative to the office; for git, the path inside
the repository, next to the source's name and commit.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from types import SimpleNamespace
from typing import Any, Literal

from catalogc.findings import Located
from catalogc.load.config import (
    CONFIG_NAME,
    ConfigError,
    Settings,
    apply_options,
    parse_settings,
    resolve,
    table_line,
)
from catalogc.load.lists import FOLDERS, Kind, ListEntry, load_lists, read_all
from catalogc.load.workspace import CATALOG_SUFFIXES, Workspace, walk
from catalogc.model.settings import LawEntry, SettingsFile, SourceEntry
from catalogc.parse.normalize import fold

LIST_SUFFIXES = (".csv", ".xlsx")
OWN = "本工作区"  # how messages name the office's own settings
_REMOTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://|^[^/\\]+@[^/\\]+:")


@dataclass(frozen=True, slots=True)
class Blob:
    """A file read from git, standing in for a ``Path`` where only its bytes are read."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix

    def read_bytes(self) -> bytes:
        return self.data

    def stat(self) -> Any:
        return SimpleNamespace(st_size=len(self.data))


@dataclass(slots=True)
class Source:
    """One opened source: its files by workspace-relative path, its own settings, its lists."""

    name: str
    kind: Literal["folder", "git"]
    location: Path  # the folder, or the git repository
    line: int  # of its [[sources]] table in the office's catalogc.toml
    settings: Settings
    commit: str | None = None
    base: str = ""  # folder: the source's workspace relative to the office; git: the subdir ("" at the top)
    catalogs: list[tuple[str, Path | Blob]] = field(default_factory=list)
    inputs: list[tuple[str, Path | Blob]] = field(default_factory=list)  # every file read, for the manifest
    lists: list[ListEntry] = field(default_factory=list)
    findings: list[Located] = field(default_factory=list)  # C005 outside/size, C003/C306 of its lists
    text: str = ""  # its catalogc.toml, for the lines of registry conflicts

    def key(self, rel: str) -> str:
        return f"{self.name}:{rel}"

    def shown(self, rel: str) -> str:
        """What users see as the file: relative to the office (folder) or inside the repository (git)."""
        return posixpath.normpath(posixpath.join(self.base, rel)) if self.base else rel

    def read(self, rel: str) -> bytes | None:
        """A file of the source, for reporters that quote the offending line."""
        for path, reader in self.inputs:
            if path == rel:
                try:
                    return reader.read_bytes()
                except OSError:
                    return None
        return None


@dataclass(slots=True)
class Office:
    """An office workspace with its sources opened and its registries merged."""

    workspace: Workspace
    settings: Settings  # the office's own, registries merged
    sources: list[Source]
    regions: dict[str, str]  # merged [regions]
    own_regions: frozenset[str]  # the office's own [regions] codes
    region: str | None  # [office] region: the prefix every source's region codes carry
    conflicts: list[Located] = field(default_factory=list)  # C406, at the disagreeing source's settings

    def split(self, key: str) -> tuple[Source | None, str]:
        """The source a file key belongs to (None: the office's own) and the path inside it."""
        name, colon, rel = key.partition(":")
        if colon:
            for source in self.sources:
                if source.name == name:
                    return source, rel
        return None, key

    def source_of(self, key: str) -> str | None:
        source, _ = self.split(key)
        return source.name if source else None

    def allows(self, region: str) -> bool:
        """Whether a source's catalog may carry ``region`` ([office] region, else the office's [regions])."""
        if self.region:
            return region.startswith(self.region)
        return not self.own_regions or region in self.own_regions

    def lines(self, name: str | None, shown: str) -> list[str]:
        """The text lines of a file as a finding names it (its source's name and shown path)."""
        for source in self.sources:
            if source.name == name:
                for rel, _ in source.inputs:
                    if source.shown(rel) == shown:
                        data = source.read(rel)
                        return data.decode("utf-8-sig", "replace").splitlines() if data is not None else []
        return []


class _Git:
    """One local repository, read at one commit with git's plumbing commands."""

    def __init__(self, repo: Path, where: str) -> None:
        self.repo = repo
        self.where = where  # "catalogc.toml:7：来源“教育局”", for messages
        self.env = {**os.environ, "GIT_CEILING_DIRECTORIES": str(repo.resolve().parent), "GIT_TERMINAL_PROMPT": "0",
                    "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}

    def run(self, *args: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(["git", "-C", str(self.repo), *args], input=data, capture_output=True,
                                  env=self.env, check=False)
        except FileNotFoundError as exc:
            raise ConfigError(f"{self.where}：找不到 git 命令；安装 git 后重试，或改用文件夹来源（path =）") from exc

    def commit(self, ref: str) -> str:
        done = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
        if done.returncode == 0:
            return done.stdout.decode().strip()
        if self.run("rev-parse", "--git-dir").returncode != 0:
            raise ConfigError(f"{self.where}：{self.repo} 不是 git 仓库；git = 应指向本机的仓库（可以是 git clone --mirror 的副本）")
        raise ConfigError(f"{self.where}：仓库 {self.repo} 中没有 ref“{ref}”；用 git -C {self.repo} tag 或 git log 查看可用的标签和提交")

    def tree(self, commit: str, subdir: str) -> list[tuple[str, str, str, int]]:
        """(mode, object, path, size) of every entry under the workspace's folders, paths relative to ``subdir``."""
        prefix = f"{subdir}/" if subdir else ""
        specs = [f"{prefix}catalogs", *(f"{prefix}{f}" for f in FOLDERS.values()), f"{prefix}{CONFIG_NAME}"]
        done = self.run("ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", *specs)
        if done.returncode != 0:
            raise ConfigError(f"{self.where}：无法列出 {commit[:12]} 的文件：{done.stderr.decode(errors='replace').strip()}")
        out = []
        for record in done.stdout.split(b"\0"):
            if not record:
                continue
            meta, _, path = record.partition(b"\t")
            mode, _kind, obj, size = meta.decode().split()
            out.append((mode, obj, path.decode("utf-8", "surrogateescape")[len(prefix):], int(size) if size.isdigit() else 0))
        return out

    def blobs(self, objects: list[str]) -> dict[str, bytes]:
        """The contents of ``objects``, all read by one ``git cat-file --batch`` process."""
        if not objects:
            return {}
        done = self.run("cat-file", "--batch", data="".join(f"{o}\n" for o in objects).encode())
        out: dict[str, bytes] = {}
        data, at = done.stdout, 0
        for obj in objects:
            end = data.find(b"\n", at)
            header = data[at:end].decode(errors="replace").split()
            if done.returncode != 0 or len(header) != 3:
                raise ConfigError(f"{self.where}：无法读取对象 {obj}：{done.stderr.decode(errors='replace').strip()}")
            size = int(header[2])
            out[obj] = data[end + 1:end + 1 + size]
            at = end + 1 + size + 1
        return out


def _where(office_root: Path, entry: SourceEntry, line: int | None) -> str:
    shown = os.path.relpath(office_root / CONFIG_NAME)
    return f"{shown}:{line}：来源“{entry.name}”" if line else f"{shown}：来源“{entry.name}”"


def _settings(file: SettingsFile, where: str, codes: Collection[str], options: dict[str, Any]) -> Settings:
    if file.sources:
        raise ConfigError(f"{where} 本身是汇编工作区（有 [[sources]]）：只支持一层来源；把它的来源直接列在本 catalogc.toml 中")
    return apply_options(resolve(file), codes, **options)


def _open_folder(office: Workspace, entry: SourceEntry, line: int, codes: Collection[str],
                 options: dict[str, Any]) -> Source:
    where = _where(office.root, entry, line)
    root = Path(os.path.abspath(office.root / (entry.path or "")))  # lexical: a link keeps its own name
    if not root.is_dir():
        raise ConfigError(f"{where}：找不到文件夹 {entry.path}（相对于 {office.root}）；path 应指向一个工作区")
    office_real, real = Path(os.path.realpath(office.root)), Path(os.path.realpath(root))
    if real == office_real or office_real.is_relative_to(real) or any(
            real.is_relative_to(office_real / f) for f in ("catalogs", "lists")):
        raise ConfigError(f"{where}：{entry.path} 与本工作区重叠（是它本身、它的上级或它的 catalogs/、lists/）；来源须是另一个工作区")
    config = root / CONFIG_NAME
    has_lists = any((root / f).is_dir() for f in FOLDERS.values())
    if not (config.is_file() or (root / "catalogs").is_dir() or has_lists):
        raise ConfigError(f"{where}：{entry.path} 不是工作区（没有 catalogs/、lists/ 或 {CONFIG_NAME}）")
    text = config.read_text(encoding="utf-8", errors="replace") if config.is_file() else ""
    shown_config = os.path.relpath(config)
    file = parse_settings(text, shown_config, codes) if text else SettingsFile.model_validate({})
    source = Source(entry.name, "folder", root, line, _settings(file, shown_config, codes, options), text=text,
                    base=Path(os.path.relpath(root, os.path.abspath(office.root))).as_posix())
    catalogs, outside = walk(root, "catalogs", CATALOG_SUFFIXES)
    source.catalogs = [(Path(os.path.relpath(p, root)).as_posix(), p) for p in catalogs]
    source.inputs = list(source.catalogs)
    if text:
        source.inputs.append((CONFIG_NAME, config))
    source.findings = [Located(source.key(rel), 1, 1, "outside", code="C005") for rel in outside]
    entries, problems = load_lists(root)
    for folder in FOLDERS.values():
        paths, _ = walk(root, folder, LIST_SUFFIXES)
        source.inputs += [(Path(os.path.relpath(p, root)).as_posix(), p) for p in paths]
    source.lists = [replace(e, file=source.key(e.file)) for e in entries]
    source.findings += [replace(f, file=source.key(f.file)) for f in problems]
    return source


def _open_git(office: Workspace, entry: SourceEntry, line: int, codes: Collection[str],
              options: dict[str, Any]) -> Source:
    where = _where(office.root, entry, line)
    location = entry.git or ""
    if location.startswith("file://"):
        location = location.removeprefix("file://")
    elif _REMOTE.match(location):
        raise ConfigError(f"{where}：只读本机的仓库，不联网；先 git clone --mirror {location} 到本机，再让 git = 指向那个副本")
    repo = (office.root / location).resolve()
    if not repo.is_dir():
        raise ConfigError(f"{where}：找不到仓库 {entry.git}（相对于 {office.root}）")
    git = _Git(repo, where)
    commit = git.commit(entry.ref or "")
    subdir = posixpath.normpath(entry.subdir.replace("\\", "/")).strip("/")
    subdir = "" if subdir == "." else subdir
    tree = git.tree(commit, subdir)
    if not tree:
        raise ConfigError(f"{where}：{entry.ref}（{commit[:12]}）的 {subdir or '仓库根'} 下没有 catalogs/、lists/ 或 {CONFIG_NAME}；"
                          "检查 ref 和 subdir")
    config_obj = next((obj for mode, obj, path, _ in tree if path == CONFIG_NAME and mode.startswith("100")), None)
    text = git.blobs([config_obj])[config_obj].decode("utf-8", "replace") if config_obj else ""
    shown_config = f"{entry.name}@{entry.ref}:{posixpath.join(subdir, CONFIG_NAME) if subdir else CONFIG_NAME}"
    file = parse_settings(text, shown_config, codes) if text else SettingsFile.model_validate({})
    source = Source(entry.name, "git", repo, line, _settings(file, shown_config, codes, options), commit, subdir,
                    text=text)
    limit = source.settings.limits.max_bytes
    wanted: list[tuple[str, str, str]] = []  # (path, object, what)
    for mode, obj, path, size in tree:
        what = "catalog" if path.startswith("catalogs/") and path.lower().endswith(CATALOG_SUFFIXES) else next(
            (kind for kind, folder in FOLDERS.items() if path.startswith(folder + "/") and path.lower().endswith(LIST_SUFFIXES)),
            "")
        if not what:
            continue
        if not mode.startswith("100"):  # a link or a submodule: never followed, as links leading out of a folder
            source.findings.append(Located(source.key(path), 1, 1, "outside", code="C005"))
        elif what == "catalog" and size > limit:
            source.findings.append(Located(source.key(path), 1, 1, "size", {"size": size, "limit": limit}, code="C005"))
        else:
            wanted.append((path, obj, what))
    contents = git.blobs(sorted({obj for _, obj, _ in wanted}))
    lists: dict[Kind, list[tuple[str, Path | Blob]]] = {kind: [] for kind in FOLDERS}
    for path, obj, what in sorted(wanted):
        blob = Blob(path, contents[obj])
        source.inputs.append((path, blob))
        if what == "catalog":
            source.catalogs.append((path, blob))
        else:
            lists[what].append((source.key(path), blob))  # type: ignore[index]
    if config_obj:
        source.inputs.append((CONFIG_NAME, Blob(CONFIG_NAME, text.encode("utf-8"))))
    entries, problems = read_all(lists)
    source.lists, source.findings = entries, source.findings + problems
    return source


def _region_line(text: str, code: str) -> int:
    pattern = re.compile(r"^\s*[\"']?" + re.escape(code) + r"[\"']?\s*=")
    return next((n for n, line in enumerate(text.splitlines(), start=1) if pattern.match(line)), 1)


def _law_key(law: LawEntry) -> str:
    return law.id or fold(law.title)


def _merge(office: Settings, sources: list[Source]) -> tuple[dict[str, str], list[Located]]:
    """Merged registries set on every settings object; disagreements as C406 at the later source."""
    regions = dict(office.regions)
    domains = set(office.extra_domains)
    laws: dict[str, LawEntry] = {_law_key(law): law for law in (office.file.laws if office.file else ())}
    said = {("region", code): OWN for code in regions}  # ("region" or "law", key) → the settings that said it first
    said.update({("law", key): OWN for key in laws})
    conflicts: list[Located] = []
    for source in sources:
        file = source.settings.file
        for code, name in source.settings.regions.items():
            known = regions.setdefault(code, name)
            first_said = said.setdefault(("region", code), source.name) if known == name else said.get(("region", code), OWN)
            if known != name:
                conflicts.append(Located(source.key(CONFIG_NAME), _region_line(source.text, code), 1, "region",
                                         {"code": code, "name": name, "other": known, "where": first_said}, code="C406"))
        domains |= source.settings.extra_domains
        for index, law in enumerate(file.laws if file else ()):
            first = laws.setdefault(_law_key(law), law)
            if first is law:
                said[("law", _law_key(law))] = source.name
            elif (first.status, first.replaced_by) != (law.status, law.replaced_by):
                line = table_line(source.text, ("laws", index)) or 1
                conflicts.append(Located(source.key(CONFIG_NAME), line, 1, "law",
                                         {"title": law.title, "status": law.status, "other": first.status,
                                          "replaced_by": law.replaced_by or "—", "other_replaced_by": first.replaced_by or "—",
                                          "where": said.get(("law", _law_key(law)), OWN)},
                                         code="C406"))
    local = None
    if laws:
        from catalogc.refdata import local_registry

        local = local_registry([law.model_dump(exclude_none=True) for law in laws.values()])
    for settings in (office, *(s.settings for s in sources)):
        settings.regions, settings.extra_domains, settings.local_laws = regions, frozenset(domains), local
    return regions, conflicts


def open_office(workspace: Workspace, settings: Settings, codes: Collection[str]) -> Office:
    """The office's sources, opened in the order catalogc.toml lists them; bad sources are ConfigErrors."""
    file = settings.file
    assert file is not None and file.sources
    settings = replace(settings)  # the merged registries are the office's, not the caller's settings
    text = (workspace.root / CONFIG_NAME).read_text(encoding="utf-8", errors="replace")
    options = {k: v for k, v in settings.options.items() if v is not None}
    own = frozenset(settings.regions)
    sources = []
    for index, entry in enumerate(file.sources):
        line = table_line(text, ("sources", index)) or 1
        opener = _open_git if entry.git is not None else _open_folder
        sources.append(opener(workspace, entry, line, codes, options))
    regions, conflicts = _merge(settings, sources)
    return Office(workspace, settings, sources, regions, own, file.office.region, conflicts)
