"""Workspace settings: defaults, then catalogc.toml, then the command line.

The file's shape is ``catalogc.model.settings.SettingsFile``; this module reads the file,
turns validation errors into one ``ConfigError`` naming the file, the dotted key and
what is allowed, and resolves the result into the ``Settings`` the check runs with.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from catalogc.diagnostics import Severity
from catalogc.model.limits import Limits
from catalogc.model.rulecodes import code_problem
from catalogc.parse.normalize import fold

if TYPE_CHECKING:
    from pydantic import BaseModel

    from catalogc.model.settings import SettingsFile
    from catalogc.refdata import Keeper

# pydantic and the settings models are imported where a catalogc.toml is read: a workspace
# without one (and a run answered from the cache) pays for neither.

CONFIG_NAME = "catalogc.toml"


class ConfigError(Exception):
    """Settings that cannot be used (catalogc.toml or options); the CLI reports it with exit status 2."""


@dataclass(slots=True)
class Settings:
    lang: str = "zh"
    select: tuple[str, ...] = ()  # code prefixes; empty = all
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)  # git-style glob → codes
    strict: bool = False
    regions: dict[str, str] = field(default_factory=dict)  # code → name
    extra_domains: frozenset[str] = frozenset()
    limits: Limits = Limits()
    local_laws: Any = None  # catalogc.refdata.LawRegistry of the workspace's own documents ([[laws]])
    # The validated catalogc.toml these settings came from: None without one, and for one taken
    # from the cache's memo (never an office's: only an office's run reads it, for its [[sources]]).
    file: SettingsFile | None = None
    options: dict[str, Any] = field(default_factory=dict)  # the command-line options, applied to every source too


def option_codes(option: str, value: str | tuple[str, ...] | None, known: Collection[str]) -> tuple[str, ...]:
    """Codes given on the command line (``C1,C204`` or a tuple), checked against the rule table."""
    if isinstance(value, str):
        value = tuple(value.split(","))
    codes = tuple(c.strip().upper() for c in value or () if c.strip())
    for code in codes:
        problem = code_problem(code, known)
        if problem:
            raise ConfigError(f"{option}：{problem}")
    return codes


_EXPECTED = {
    "bool_type": "应为 true 或 false（不加引号）",
    "int_type": "应为整数（不加引号）",
    "string_type": "应为文本（加引号）",
    "list_type": "应为列表，如 [\"…\"]",
    "dict_type": "应为表",
    "model_type": "应为表",
    "greater_than": "应为正整数",
    "literal_error": "应为 \"error\"、\"warning\" 或 \"info\"",
    "missing": "缺少这个必填的键",
}


def _allowed_keys(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys allowed where ``loc`` points, following nested tables and lists of tables."""
    from pydantic import BaseModel

    for part in loc:
        if isinstance(part, int):
            continue
        info = next((f for name, f in model.model_fields.items() if part in (name, f.alias)), None)
        annotation = getattr(info, "annotation", None)
        inner = getattr(annotation, "__args__", (annotation,))[-1]
        if not (isinstance(inner, type) and issubclass(inner, BaseModel)):
            return []
        model = inner
    return [f.alias or name for name, f in model.model_fields.items()]


def _key(loc: tuple[Any, ...]) -> str:
    """``check.limits.max-bytes``; the n-th [[laws]] table (counted from 1) as ``laws[n]``."""
    key = ""
    for part in loc:
        key += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if key else str(part)
    return key or "（顶层）"


def _describe(error: Any) -> str:
    loc = tuple(error["loc"])
    key = _key(loc)
    kind = error["type"]
    if kind == "extra_forbidden":
        from catalogc.model.settings import SettingsFile

        allowed = _allowed_keys(SettingsFile, loc[:-1])
        return f"{key}：未知的键；这里允许的键：{'、'.join(allowed)}"
    if kind == "value_error":
        return f"{key}：{str(error['msg']).removeprefix('Value error, ')}"
    if kind == "missing":
        return f"{key}：{_EXPECTED[kind]}"
    shown = repr(error["input"])
    shown = shown if len(shown) <= 60 else shown[:57] + "…"
    return f"{key}：{_EXPECTED.get(kind, error['msg'])}，这里是 {shown}"


def table_line(text: str, loc: tuple[Any, ...]) -> int | None:
    """The line (1-based) of the table a settings key lies in: the n-th ``[[sources]]`` for
    ``sources[n]…``, ``[check]`` for ``check.…``; None for top-level keys or tables written inline."""
    if not loc or not isinstance(loc[0], str):
        return None
    nth = loc[1] + 1 if len(loc) > 1 and isinstance(loc[1], int) else 0
    header = re.compile(r"^\s*\[\[\s*" + re.escape(loc[0]) + r"\s*\]\]" if nth else
                        r"^\s*\[\s*" + re.escape(loc[0]) + r"(\s*\]|\.)")
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if header.match(line):
            seen += 1
            if seen >= max(nth, 1):
                return number
    return None


def parse_settings(text: str, shown: str, codes: Collection[str]) -> SettingsFile:
    """A catalogc.toml's text as a model; every problem in it in one ConfigError, each with its line
    where the table it lies in can be found (``shown`` names the file in the message)."""
    import tomllib

    from pydantic import ValidationError

    from catalogc.model.settings import SettingsFile

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}：无法读取：{exc}") from exc
    try:
        return SettingsFile.model_validate(raw, context={"codes": codes})
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            line = table_line(text, tuple(error["loc"]))
            problems.append((f"{shown}:{line}：" if line else "") + _describe(error))
        raise ConfigError(f"{shown}：设置有误：\n  " + "\n  ".join(problems)) from exc


def _read(path: Path) -> tuple[str, bytes]:
    """catalogc.toml's name as shown in messages, and its bytes."""
    shown = os.path.relpath(path)
    try:
        return shown, path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{shown}：无法读取：{exc}") from exc


def _parse(data: bytes, shown: str, codes: Collection[str]) -> SettingsFile:
    """The file's bytes as a model: UTF-8, with any line ending (as a text-mode read gives them)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{shown}：无法读取：{exc}") from exc
    return parse_settings(text.replace("\r\n", "\n").replace("\r", "\n"), shown, codes)


def read_settings_file(path: Path, codes: Collection[str]) -> SettingsFile:
    """catalogc.toml as a model; every problem in it in one ConfigError."""
    shown, data = _read(path)
    return _parse(data, shown, codes)


def _plain(file: SettingsFile) -> tuple[Any, ...]:
    """What a check takes from a settings file, as plain values: ``_settings`` makes the settings
    of both a validated file and a remembered one from this, so the two cannot differ."""
    check = file.check
    return (tuple(check.select), tuple(check.ignore), dict(check.severity),
            {pattern: tuple(codes) for pattern, codes in check.per_path_ignores.items()}, check.strict,
            dict(file.regions), tuple(fold(d) for d in file.domains.extra),
            {"max_bytes": check.limits.max_bytes, "max_depth": check.limits.max_depth},
            tuple(law.model_dump(exclude_none=True) for law in file.laws))


def _settings(plain: Sequence[Any]) -> Settings:
    select, ignore, severity, per_path_ignores, strict, regions, extra, limits, laws = plain
    settings = Settings(
        select=tuple(select),
        ignore=tuple(ignore),
        severity={code: Severity(level) for code, level in severity.items()},
        per_path_ignores={pattern: tuple(codes) for pattern, codes in per_path_ignores.items()},
        strict=bool(strict),
        regions=dict(regions),
        extra_domains=frozenset(extra),
        limits=Limits(**limits),
    )
    if laws:
        from catalogc.refdata import local_registry

        settings.local_laws = local_registry([dict(law) for law in laws])
    return settings


def resolve(file: SettingsFile) -> Settings:
    settings = _settings(_plain(file))
    settings.file = file
    return settings


def _remembered(path: Path, codes: Collection[str], memo: Keeper) -> Settings:
    """catalogc.toml through ``memo`` (the cache): a file whose bytes a run with the same tool
    and rule codes validated is not validated again, which spares a re-run pydantic and the
    settings models. Only a file without [[sources]] is remembered, and its settings come back
    without ``file`` (nothing reads it but an office's run); a remembered value that does not
    fit is ignored and the file validated."""
    import hashlib

    shown, data = _read(path)
    source = hashlib.blake2b("\0".join(sorted(codes)).encode() + b"\0\0" + data, digest_size=20).digest()
    kept = memo.get("settings", source)
    if kept is not None:
        try:
            return _settings(kept)
        except (TypeError, ValueError, AttributeError):
            pass
    file = _parse(data, shown, codes)
    settings = resolve(file)
    if not file.sources:
        memo.put("settings", source, _plain(file))
    return settings


def load_settings(root: Path, codes: Collection[str], *, memo: Keeper | None = None,
                  select: str | tuple[str, ...] | None = None, ignore: str | tuple[str, ...] | None = None,
                  strict: bool | None = None, lang: str | None = None) -> Settings:
    """catalogc.toml under ``root`` (if any), then the command line: ``--select`` replaces the
    file's selection, ``--ignore`` adds to its ignores, ``--strict/--no-strict`` overrides.

    ``codes`` are the rule codes settings may name; the rule table sits above this layer, so the
    caller hands them down (``catalogc.check.prepare`` does). With ``memo``, a file validated
    before is taken from it (``_remembered``)."""
    path = root / CONFIG_NAME
    if not path.is_file():
        settings = Settings()  # no file: the defaults
    elif memo is not None:
        settings = _remembered(path, codes, memo)
    else:
        settings = resolve(read_settings_file(path, codes))
    return apply_options(settings, codes, select=select, ignore=ignore, strict=strict, lang=lang)


def apply_options(settings: Settings, codes: Collection[str], *, select: str | tuple[str, ...] | None = None,
                  ignore: str | tuple[str, ...] | None = None, strict: bool | None = None,
                  lang: str | None = None) -> Settings:
    """The command line over a settings file's: the same for a workspace and for each source of an office."""
    settings.options = {"select": select, "ignore": ignore, "strict": strict, "lang": lang}
    if select:
        settings.select = option_codes("--select", select, codes)
    if ignore:
        settings.ignore += option_codes("--ignore", ignore, codes)
    if strict is not None:
        settings.strict = strict
    if lang is not None:
        settings.lang = lang
    return settings
