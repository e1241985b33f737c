"""Input limits, apart from the settings models: loading a document, or answering a run from the
cache, needs the limits without importing pydantic (catalogc.toml's ``[check.limits]`` defaults
are these)."""

from __future__ import annotations

from dataclasses import dataclass

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 500


@dataclass(frozen=True, slots=True)
class Limits:
    """Input limits; generous for real catalogs, fatal for hostile input."""

    max_bytes: int = MAX_BYTES  # the settings file's defaults: one source
    max_depth: int = MAX_DEPTH  # deeper documents are refused; catalogs need fewer than ten
    # constructed values allowed per source byte (only aliases can exceed ~1)
    expansion: float = 2.0
