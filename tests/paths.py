"""Where the tests find their inputs: everything lives inside the repository."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "tests" / "corpora"  # third-party inputs, vendored with their licences
FORMAT_DOC = ROOT / "docs" / "format.md"


def script(path: Path, name: str) -> ModuleType:
    """A script of the repository's (bench/, fuzz/) imported as the module ``name``."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
