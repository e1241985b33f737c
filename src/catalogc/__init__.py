"""catalogc: compile and check standard catalogs of government disclosure items."""

from __future__ import annotations

__version__ = "0.1.0"
FORMAT_VERSION = 1
