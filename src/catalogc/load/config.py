"""Workspace settings: defaults, then catalogc.toml, then the command line."""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogc.diagnostics import Severity
from catalogc.load.document import Limits
from catalogc.parse.normalize import fold

CONFIG_NAME = "catalogc.toml"


class ConfigError(Exception):
    """A catalogc.toml that cannot be used; the CLI reports it with exit status 2."""


@dataclass(slots=True)
class Settings:
    lang: str = "zh"
    select: tuple[str, ...] = ()  # code prefixes; empty = all
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = field(default_factory=dict)
    per_path_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    strict: bool = False
    regions: dict[str, str] = field(default_factory=dict)  # code → name
    extra_domains: frozenset[str] = frozenset()
    limits: Limits = Limits()
    local_laws: Any = None  # catalogc.refdata.LawRegistry of the workspace's own documents ([[laws]])

    def enabled(self, code: str, file: str) -> bool:
        if self.select and not code.startswith(self.select):
            return False
        if self.ignore and code.startswith(self.ignore):
            return False
        for pattern, codes in self.per_path_ignores.items():
            if code.startswith(codes) and fnmatch.fnmatch(file, pattern):
                return False
        return True


def _codes(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v for v in value.replace(" ", "").split(",") if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{CONFIG_NAME}: {where} 应为规则代码列表，如 [\"C105\", \"C2\"]")
    return tuple(v.strip().upper() for v in value)


def load_settings(root: Path, **overrides: Any) -> Settings:
    """Read catalogc.toml under ``root`` (if any) and apply command-line overrides."""
    settings = Settings()
    path = root / CONFIG_NAME
    if path.is_file():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{CONFIG_NAME}: {exc}") from exc
        _apply(settings, raw)
    for key, value in overrides.items():
        if value is None or value == ():
            continue
        if key in ("select", "ignore"):
            value = _codes(value, key) if not isinstance(value, tuple) else value
            if key == "ignore":
                value = settings.ignore + value
        setattr(settings, key, value)
    return settings


def _apply(settings: Settings, raw: dict[str, Any]) -> None:
    check = raw.get("check", {})
    if not isinstance(check, dict):
        raise ConfigError(f"{CONFIG_NAME}: [check] 应为表")
    if "select" in check:
        settings.select = _codes(check["select"], "check.select")
    if "ignore" in check:
        settings.ignore = _codes(check["ignore"], "check.ignore")
    settings.strict = bool(check.get("strict", False))
    for code, level in check.get("severity", {}).items():
        try:
            settings.severity[code.upper()] = Severity(level)
        except ValueError as exc:
            raise ConfigError(f"{CONFIG_NAME}: check.severity.{code} 应为 error、warning 或 info") from exc
    for pattern, codes in check.get("per-path-ignores", {}).items():
        settings.per_path_ignores[pattern] = _codes(codes, f"check.per-path-ignores.{pattern}")
    limits = check.get("limits", {})
    if limits:
        default = Limits()
        settings.limits = Limits(
            max_bytes=int(limits.get("max-bytes", default.max_bytes)),
            max_depth=int(limits.get("max-depth", default.max_depth)),
        )
    regions = raw.get("regions", {})
    if not isinstance(regions, dict):
        raise ConfigError(f"{CONFIG_NAME}: [regions] 应为“代码 = 名称”的表")
    settings.regions = {str(code): str(name) for code, name in regions.items()}
    local = raw.get("laws", [])
    if local:
        from catalogc.refdata import local_registry

        try:
            settings.local_laws = local_registry(local)
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{CONFIG_NAME}: [[laws]] 每项至少要有 title（可加 number、aliases、status）：{exc}") from exc
    domains = raw.get("domains", {}).get("extra", [])
    settings.extra_domains = frozenset(fold(str(d)) for d in domains)
